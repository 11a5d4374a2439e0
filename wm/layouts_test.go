package wm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// manLayout is the layout fion.1 shows in LAYOUT FILES, as a person writes it: the first display
// of that section.
func manLayout(t *testing.T) string {
	t.Helper()
	man, err := os.ReadFile("../fion.1")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(man), "\n.Sh LAYOUT FILES\n")
	_, block, ok2 := strings.Cut(section, ".Bd -literal -offset indent\n")
	block, _, ok3 := strings.Cut(block, ".Ed\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("fion.1 has no example in LAYOUT FILES")
	}
	return strings.NewReplacer(`\(dq`, `"`, `\-`, `-`, `\&`, ``, `\e`, `\`).Replace(block)
}

// The windows of fion.1's example layout.
var (
	emacs   = xtest.ClientOpts{Title: "emacs", Class: "Emacs", Instance: "emacs"}
	term    = xtest.ClientOpts{Title: "term", Class: "XTerm", Instance: "xterm"}
	logTerm = xtest.ClientOpts{Title: "log", Class: "XTerm", Instance: "xterm", Role: "log"}
	browser = xtest.ClientOpts{Title: "web", Class: "firefox", Instance: "Navigator"}
	other   = xtest.ClientOpts{Title: "other", Class: "Other"}
)

// startLayouts runs fion with the layouts folder dir holding the files given (name: text), and
// the config text.
func startLayouts(t *testing.T, files map[string]string, cfgText string) (*env, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name+".json"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Parse("fion.toml", []byte(cfgText))
	if err != nil {
		t.Fatal(err)
	}
	return startOpts(t, xtest.Xvfb(t, "1280x800"), Options{Config: cfg, LayoutDir: dir}), dir
}

// tileOf is the name of the tile holding client c.
func (e *env) tileOf(c *xtest.Client) string {
	var name string
	e.wm.Model(func(m *layout.Model) {
		if loc, ok := m.Find(layoutID(c)); ok {
			name = loc.Tile.Name
		}
	})
	return name
}

// fion.1's example, written by hand, loaded into a workspace: the windows that are there go to
// their tiles at once, from any workspace, and the tiles wait for the others, which come when
// they map, without taking the keys; a window the layout does not place stays on the workspace.
func TestALayoutTakesTheWindowsThereAndTheLaterOnes(t *testing.T) {
	e, _ := startLayouts(t, map[string]string{"dev": manLayout(t)}, "")
	e.client("term", term)
	e.client("other", other)
	e.run("workspace 2")
	edit := e.client("emacs", emacs)
	e.run("workspace 1")
	e.run("layout load dev")
	e.waitLayout("H[T[emacs*] V[>T[term* other] T[]]]")
	e.waitShown(edit, e.placement(edit).Client) // shown in its tile at once
	if e.tileOf(edit) != "editor" {
		t.Errorf("emacs is in tile %q", e.tileOf(edit))
	}

	log := e.unseen("log", logTerm)
	e.waitLayout("H[T[emacs*] V[>T[term log* other] T[]]]")
	web := e.unseen("web", browser)
	e.waitLayout("H[T[emacs*] V[>T[term log* other] T[web*]]]")
	e.waitShown(web, e.placement(web).Client)
	e.waitShown(log, e.placement(log).Client)
	e.waitFocus(log) // the focused tile's new tab has the keys, as any new window there
	if e.tileOf(web) != "web" {
		t.Errorf("the browser is in tile %q", e.tileOf(web))
	}
	// Once filled, a tile waits no more: a second browser goes to the focused tile.
	e.client("web2", browser)
	e.waitLayout("H[T[emacs*] V[>T[term log web2* other] T[web*]]]")
}

// A tile of a layout waits for its window through a restart of fion, and swallows it then; and a
// tile keeps waiting while another of its windows comes and goes.
func TestAPlaceholderSwallowsAWindowAfterARestart(t *testing.T) {
	e, _ := startLayouts(t, map[string]string{"dev": manLayout(t)}, "")
	e.client("term", term)
	e.run("layout load dev")
	e.waitLayout("H[T[] V[>T[term*] T[]]]")

	next := e.replacedBy()
	next.names = e.names
	next.waitLayout("H[T[] V[>T[term*] T[]]]")
	next.unseen("emacs", emacs)
	next.waitLayout("H[T[emacs*] V[>T[term*] T[]]]")
	next.unseen("web", browser)
	next.waitLayout("H[T[emacs*] V[>T[term*] T[web*]]]")
	next.clients["web"].Destroy()
	next.waitLayout("H[T[emacs*] V[>T[term*] T[]]]")
	next.unseen("web2", browser)
	next.waitLayout("H[T[emacs*] V[>T[term*] T[web2*]]]")
}

// layout save writes the focused workspace as the layout fion.1 describes; loaded into another
// workspace, it takes the windows there; --all saves every workspace, and loads them all.
func TestLayoutSaveAndLoad(t *testing.T) {
	e, dir := startLayouts(t, nil, "")
	e.client("emacs", emacs)
	e.run("tile name editor")
	e.run("split right")
	e.client("term", term)
	e.client("log", logTerm)
	e.run("split down")
	e.run("layout save work")
	data, err := os.ReadFile(filepath.Join(dir, "work.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "left": {"name": "editor", "tabs": [{"class": "Emacs", "instance": "emacs"}]},
  "right": {
    "top": {"tabs": [{"class": "XTerm", "instance": "xterm"}, {"class": "XTerm", "instance": "xterm", "role": "log"}]},
    "bottom": {"focus": true}
  }
}
`
	if string(data) != want {
		t.Fatalf("layout save wrote\n%s\nwant\n%s", data, want)
	}
	e.run("workspace 2")
	e.run("layout load work")
	e.waitLayout("H[T[emacs*] V[T[term* log] >T[]]]")

	e.run("workspace 1")
	e.waitLayout("H[T[] V[T[] >T[]]]") // the windows left, the tiles stay

	e.run("layout save all --all")
	e.run("workspace 2")
	e.run("focus tile editor")
	e.run("move-tab-to-workspace 3")
	e.run("workspace 3")
	e.run("split right")
	e.waitLayout("H[T[emacs*] >T[]]")
	e.run("layout load all")
	e.waitLayout(">T[]")
	e.run("workspace 2")
	e.waitLayout("H[T[emacs*] V[T[term* log] >T[]]]")
	e.run("workspace 1")
	e.waitLayout("H[T[] V[T[] >T[]]]")
}

// From a key binding, layout save and load run on the loop, their files aside.
func TestLayoutFromAKey(t *testing.T) {
	e, dir := startLayouts(t, map[string]string{"dev": manLayout(t)}, "")
	e.client("emacs", emacs)
	run := func(text string) {
		cmd, err := command.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		e.wm.Do(func() {
			if err := e.wm.Run1(cmd); err != nil {
				t.Errorf("%s: %v", text, err)
			}
		})
	}
	run("layout load dev")
	e.waitLayout("H[T[emacs*] V[>T[] T[]]]")
	run("layout save again")
	xtest.Eventually(t, wait, func() (bool, string) {
		_, err := os.Stat(filepath.Join(dir, "again.json"))
		return err == nil, fmt.Sprint(err)
	})
	run("layout load missing")
	xtest.Eventually(t, wait, func() (bool, string) {
		return strings.Contains(e.stderr.String(), "layout load missing: "+filepath.Join(dir, "missing.json")+": the layout does not exist"), e.stderr.String()
	})
}

// A layout with mistakes, one that is not there, a bad name: each is an error that says where and
// what to do, and fion goes on as it was.
func TestBadLayouts(t *testing.T) {
	e, dir := startLayouts(t, map[string]string{"bad": "{\n  \"left\": {\"name\": \"a\"},\n  \"rigth\": {}\n}\n"}, "")
	e.client("a")
	sock := e.socket()
	path := filepath.Join(dir, "bad.json")
	for _, c := range []struct{ cmd, want string }{
		{"layout load bad", "layout load bad: " + path + ":1:1: this split has a left but no right; give both, or make it a tile\n" +
			path + ":3:3: unknown key \"rigth\"; did you mean \"right\"?"},
		{"layout load nothing", "layout load nothing: " + filepath.Join(dir, "nothing.json") + ": the layout does not exist; save one with \"layout save nothing\", or write it (LAYOUT FILES in fion(1))"},
		{"layout save ../up", "layout: layout name \"../up\" starts with a dot; give a name that starts with a letter or digit"},
		{"layout load a/b", "layout: layout name \"a/b\" has a slash, a space or a control character; a name is the file's name in the layouts folder: use - or _ instead"},
	} {
		if err := sock.Run(c.cmd); err == nil || err.Error() != c.want {
			t.Errorf("%s: %v\nwant %s", c.cmd, err, c.want)
		}
	}
	e.run("split right")
	e.waitLayout("H[T[a*] >T[]]")
}

// The [[layouts]] of the config are loaded when fion starts in a new X session, with the windows
// already there, before the rules' tiles are looked for; not after a restart, which keeps the
// layout as the user left it.
func TestLayoutsOfANewSession(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	before := xtest.NewClient(t, srv.Display, term) // mapped before any window manager
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dev.json"), []byte(manLayout(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("fion.toml", []byte("[[layouts]]\nworkspace = 2\nlayout = \"dev\"\n\n[[layouts]]\nworkspace = 3\nlayout = \"none\"\n\n[[rules]]\nclass = \"firefox\"\ntile = \"web\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := startOpts(t, srv, Options{Config: cfg, LayoutDir: dir})
	e.mu.Lock()
	e.names[layoutID(before)] = "term"
	e.mu.Unlock()
	e.run("workspace 2")
	e.waitLayout("H[T[] V[>T[term*] T[]]]")
	if want := "fion.toml:5: layout load none: " + filepath.Join(dir, "none.json") + ": the layout does not exist"; !strings.Contains(e.stderr.String(), want) {
		t.Errorf("fion did not say\n%s\nit said\n%s", want, e.stderr.String())
	}
	if strings.Contains(e.stderr.String(), `no tile is named "web"`) {
		t.Errorf("fion warns of a rule's tile that the layout names:\n%s", e.stderr.String())
	}
	e.run("move-tab-to left")
	e.waitLayout("H[>T[term*] V[T[] T[]]]")

	next := e.replacedByWith(Options{Config: cfg, LayoutDir: dir})
	next.names = e.names
	next.run("workspace 2")
	if got := next.layout(); got != "H[>T[term*] V[T[] T[]]]" {
		t.Errorf("after a restart the workspace is %s: the layout was loaded again", got)
	}
}
