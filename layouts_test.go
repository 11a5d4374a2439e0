package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"

	"github.com/fion-wm/fion/internal/xtest"
)

// fion --check FILE checks a saved layout (a .json file) or a config file; without FILE it checks
// the config as before.
func TestCheckAFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.json"), `{"left": {"name": "editor"}, "right": {"tabs": ["XTerm"]}}`)
	write(t, filepath.Join(dir, "bad.json"), "{\n  \"left\": {},\n  \"ratio\": 2\n}\n")
	write(t, filepath.Join(dir, "fion.toml"), "border = 99\n")
	for _, c := range []struct {
		args       []string
		code       int
		out, errs  string
		errsPrefix bool
	}{
		{[]string{"--check", filepath.Join(dir, "good.json")}, 0, "fion: " + filepath.Join(dir, "good.json") + " is a good layout\n", "", false},
		{[]string{"--check", filepath.Join(dir, "bad.json")}, 1, "", filepath.Join(dir, "bad.json") + ":1:1: this split has a left but no right; give both, or make it a tile\n" +
			filepath.Join(dir, "bad.json") + ":3:12: ratio must be a number between 0 and 1, such as 0.6: the share of the left part (0.5 when left out)\n", false},
		{[]string{"--check", filepath.Join(dir, "none.json")}, 1, "", filepath.Join(dir, "none.json") + ": the layout does not exist; give the path of a layout file\n", false},
		{[]string{"--check", filepath.Join(dir, "fion.toml")}, 1, "", filepath.Join(dir, "fion.toml") + ":1:10: border: 99 is out of range", true},
		{[]string{"-c", filepath.Join(dir, "fion.toml"), "--check", filepath.Join(dir, "other.toml")}, 2, "", "fion: two config files to check", true},
		{[]string{"--check", "a.json", "b.json"}, 2, "", "fion: unexpected argument \"b.json\"", true},
	} {
		var out, errs strings.Builder
		code := run(c.args, &out, &errs)
		gotErrs := errs.String()
		if c.errsPrefix && strings.HasPrefix(gotErrs, c.errs) {
			gotErrs = c.errs
		}
		if code != c.code || out.String() != c.out || gotErrs != c.errs {
			t.Errorf("fion %s: exit %d\n%s%s\nwant exit %d\n%s%s", strings.Join(c.args, " "), code, out.String(), errs.String(), c.code, c.out, c.errs)
		}
	}
}

// The fion a user starts, restricted, saves a layout in its layouts folder, made at start, and
// loads it; one with mistakes is refused with them, and fion goes on.
func TestLayoutsOfTheRealProgram(t *testing.T) {
	if abi, _ := ll.LandlockGetABIVersion(); abi < 1 {
		t.Skip("this kernel has no Landlock")
	}
	home, runtime := t.TempDir(), shortDir(t)
	srv := xtest.Xvfb(t, "1024x768")
	fionEnv(t, srv.Display, []string{"HOME=" + home, "XDG_RUNTIME_DIR=" + runtime, "XDG_CONFIG_HOME=", "XDG_DATA_HOME="}).restricted(t)
	ctl := func(args ...string) ctlResult {
		t.Helper()
		return fionctlUp(t, srv.Display, runtime, args...)
	}
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a", Class: "XTerm", Instance: "xterm"})
	newConn(t, srv.Display).waitFramed(a)
	if r := ctl("split", "right"); r.code != 0 {
		t.Fatalf("fionctl split right: %s", r.stderr)
	}
	if r := ctl("layout", "save", "work"); r.code != 0 {
		t.Fatalf("fionctl layout save work: exit %d: %s", r.code, r.stderr)
	}
	layouts := filepath.Join(home, ".local", "share", "fion", "layouts")
	data, err := os.ReadFile(filepath.Join(layouts, "work.json"))
	if want := "{\n  \"left\": {\"tabs\": [{\"class\": \"XTerm\", \"instance\": \"xterm\"}]},\n  \"right\": {\"focus\": true}\n}\n"; err != nil || string(data) != want {
		t.Fatalf("the layout saved: %q, %v; want %q", data, err, want)
	}
	if fi, err := os.Stat(layouts); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the layouts folder: %v, %v; want one made by fion with mode 0700", fi, err)
	}
	if r := ctl("workspace", "2"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := ctl("layout", "load", "work"); r.code != 0 {
		t.Fatalf("fionctl layout load work: exit %d: %s", r.code, r.stderr)
	}
	write(t, filepath.Join(layouts, "bad.json"), `{"tabs": ["XTerm"], "top": {}}`)
	r := ctl("layout", "load", "bad")
	want := "fionctl: layout load bad: " + filepath.Join(layouts, "bad.json") + ":1:1: this split has a top but no bottom; give both, or make it a tile\n" +
		filepath.Join(layouts, "bad.json") + ":1:10: a split has no tabs: put it in one of its tiles\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("fionctl layout load bad: exit %d\n%s\nwant exit 1\n%s", r.code, r.stderr, want)
	}
	if r := ctl("get", "workspaces"); r.code != 0 {
		t.Errorf("fion is not there after a bad layout: exit %d %s", r.code, r.stderr)
	}
}
