package main

// fionctl against a real fion, built from this tree and run in Xvfb.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fion-wm/fion/internal/xtest"
)

// buildFion builds fion from this tree into dir and returns its path.
func buildFion(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "fion")
	if out, err := exec.Command("go", "build", "-o", bin, "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build fion: %v\n%s", err, out)
	}
	return bin
}

// startRealFion runs fion on a new Xvfb and returns the environment that points fionctl at it,
// once it answers.
func startRealFion(t *testing.T, bin string) []string {
	t.Helper()
	x := xtest.Xvfb(t, "1280x800")
	env := []string{"DISPLAY=" + x.Display, "XDG_RUNTIME_DIR=" + shortDir(t)}
	cmd := exec.Command(bin)
	cmd.Env = append(env, "XDG_CONFIG_HOME="+t.TempDir(), "HOME="+t.TempDir(), "PATH="+os.Getenv("PATH"))
	var log xtest.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // fion and the window manager it supervises
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	xtest.Eventually(t, 20*time.Second, func() (bool, string) {
		r := fionctl(t, env, "", "sync")
		return r.code == 0, fmt.Sprintf("fionctl sync: %s; fion's log:\n%s", r.stderr, log.String())
	})
	return env
}

// tileNames asks fion for its tree and returns the name of each workspace's tile (each has one)
// and the name of the focused workspace.
func tileNames(t *testing.T, env []string) (names map[string]string, focused string) {
	t.Helper()
	r := fionctl(t, env, "", "tree")
	if r.code != 0 {
		t.Fatalf("fionctl tree: exit %d: %s", r.code, r.stderr)
	}
	var tree struct {
		Screens []struct {
			Workspaces []struct {
				Name    string
				Focused bool
				Layout  struct{ Tile *struct{ Name string } }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("fionctl tree: %v\n%s", err, r.stdout)
	}
	names = map[string]string{}
	for _, s := range tree.Screens {
		for _, w := range s.Workspaces {
			if w.Layout.Tile == nil {
				t.Fatalf("workspace %s has split tiles: %s", w.Name, r.stdout)
			}
			names[w.Name] = w.Layout.Tile.Name
			if w.Focused {
				focused = w.Name
			}
		}
	}
	return names, focused
}

// visits are 1000 lines: 500 times, show one of the 4 workspaces in turn and name its tile after
// the turn. A workspace's tile ends up named after its last turn that ran.
func visits() []string {
	var lines []string
	for turn := range 500 {
		lines = append(lines, fmt.Sprintf("workspace %d", turn%4+1), fmt.Sprintf("tile name t%d", turn))
	}
	return lines
}

// TestStdinRealFion feeds 1000 lines to a real fion: they run in order; with a line fion refuses
// in the middle, those before it run and those after it do not.
func TestStdinRealFion(t *testing.T) {
	xtest.Need(t, "Xvfb", "xvfb")
	bin := buildFion(t, t.TempDir())

	t.Run("in order", func(t *testing.T) {
		env := startRealFion(t, bin)
		fionctl(t, env, strings.Join(visits(), "\n")+"\n", "-").expect(t, 0, "", "")
		names, focused := tileNames(t, env)
		want := map[string]string{"1": "t496", "2": "t497", "3": "t498", "4": "t499"}
		if fmt.Sprint(names) != fmt.Sprint(want) || focused != "4" {
			t.Errorf("tiles named %v, workspace %s focused; want %v, workspace 4 focused", names, focused, want)
		}
	})

	t.Run("a refused line", func(t *testing.T) {
		env := startRealFion(t, bin)
		lines := visits()
		lines[499] = "workspace 99" // instead of "tile name t249"
		r := fionctl(t, env, strings.Join(lines, "\n")+"\n", "-")
		r.expect(t, 1, "", "fionctl: standard input line 500: there is no workspace 99: this screen has 4 (the config's \"workspaces\" sets them)\n")
		names, focused := tileNames(t, env)
		want := map[string]string{"1": "t248", "2": "t245", "3": "t246", "4": "t247"}
		if fmt.Sprint(names) != fmt.Sprint(want) || focused != "2" {
			t.Errorf("tiles named %v, workspace %s focused; want %v, workspace 2 focused (turn 249's, the last before line 500)", names, focused, want)
		}
	})
}
