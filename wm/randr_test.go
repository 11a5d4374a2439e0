package wm

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

func (e *env) xrandr(args ...string) {
	e.t.Helper()
	cmd := exec.Command("xrandr", args...)
	cmd.Env = e.srv.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		e.t.Fatalf("xrandr %v: %v\n%s", args, err, out)
	}
}

func (e *env) screens() string {
	var s string
	e.wm.Model(func(m *layout.Model) {
		for _, sc := range m.Screens {
			s += fmt.Sprintf("%s %dx%d+%d+%d; ", sc.Name, sc.Rect.W, sc.Rect.H, sc.Rect.X, sc.Rect.Y)
		}
	})
	return s
}

func (e *env) waitScreens(want string) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.screens()
		return got == want, fmt.Sprintf("screens %q, want %q", got, want)
	})
}

// Monitors come and go (RandR, Xorg with the dummy driver): fion follows them and loses no window.
func TestMonitorsComeAndGo(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("Xorg needs root to start here; CI runs as root")
	}
	srv, err := xserver.XorgDummy(2, "1024x768")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e := startOn(t, srv, nil)
	e.waitScreens("DUMMY0 1024x768+0+0; DUMMY1 1024x768+1024+0; ")
	sub := e.socket()
	if err := sub.Subscribe("screen"); err != nil {
		t.Fatal(err)
	}
	e.warp(100, 100)
	a := e.client("a")
	e.press("Mod4+period")
	b := e.client("b")
	if r := rect(b); r.X < 1024 {
		t.Fatalf("b at %+v, want it on DUMMY1", r)
	}
	e.xrandr("--output", "DUMMY1", "--off")
	e.waitScreens("DUMMY0 1024x768+0+0; ")
	if ev := next(t, sub, "screen.remove"); !strings.Contains(string(ev.Data), `"name":"DUMMY1"`) {
		t.Fatalf("screen.remove %s", ev.Data)
	}
	// DUMMY1's workspaces are lodged, whole, on DUMMY0; the one with the focus, b's, shows there.
	e.waitLayout(">T[b*]")
	e.waitShown(b, e.placement(b).Client)
	e.waitHidden(a)
	if got := e.rootUTF8("_NET_DESKTOP_NAMES"); !slices.Equal(got, []string{"DUMMY0:1", "DUMMY0:2", "DUMMY0:3", "DUMMY0:4",
		"DUMMY1:1", "DUMMY1:2", "DUMMY1:3", "DUMMY1:4"}) {
		t.Errorf("desktops while DUMMY1 is away: %q", got)
	}
	e.xrandr("--output", "DUMMY1", "--mode", "800x600", "--left-of", "DUMMY0")
	e.waitScreens("DUMMY1 800x600+0+0; DUMMY0 1024x768+800+0; ")
	next(t, sub, "screen.add")
	if ev := next(t, sub, "screen.change"); !strings.Contains(string(ev.Data), `"name":"DUMMY0"`) || !strings.Contains(string(ev.Data), `"x":800`) {
		t.Fatalf("screen.change %s", ev.Data)
	}
	// b's workspace went home, the focus with it; a shows again on DUMMY0.
	e.waitLayout(">T[b*]")
	e.waitShown(b, e.placement(b).Client)
	if r := rect(b); r.X >= 800 {
		t.Fatalf("b at %+v, want it home on DUMMY1, now left of DUMMY0", r)
	}
	e.waitShown(a, e.placement(a).Client)
	if r := rect(a); r.X < 800 {
		t.Fatalf("a at %+v, want it on DUMMY0, now right of DUMMY1", r)
	}
}

// homed is the layout of every workspace whose home is the screen named, wherever it is now.
func (e *env) homed(screen string) string {
	var s string
	e.wm.Model(func(m *layout.Model) {
		for _, sc := range m.Screens {
			for _, ws := range sc.Workspaces {
				if ws.Home == screen {
					s += ws.Name + " " + ws.Format(e.name) + "; "
				}
			}
		}
	})
	return s
}

// A monitor unplugged with two worked-on workspaces gets them back whole and as they were, after
// the user worked on the other screen meanwhile; so it does when fion restarted while it was away.
func TestAnUnpluggedMonitorGetsItsWorkspacesBack(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("Xorg needs root to start here; CI runs as root")
	}
	srv, err := xserver.XorgDummy(2, "1024x768")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e := startOn(t, srv, nil)
	e.waitScreens("DUMMY0 1024x768+0+0; DUMMY1 1024x768+1024+0; ")
	e.warp(100, 100)
	e.client("a")
	e.run("screen 2")
	e.client("b1")
	e.run("split right")
	e.client("b2")
	e.client("b3")
	e.run("resize left 50")
	e.run("workspace 2")
	e.client("b4")
	e.run("split down")
	e.client("b5")
	e.run("workspace 1")
	want := e.homed("DUMMY1")
	if !strings.Contains(want, "b3") || !strings.Contains(want, "b5") {
		t.Fatalf("DUMMY1's workspaces: %s", want)
	}

	e.xrandr("--output", "DUMMY1", "--off")
	e.waitScreens("DUMMY0 1024x768+0+0; ")
	e.run("workspace 1") // DUMMY0's own, and work there
	e.client("a2")
	e.run("split down")
	e.client("a3")
	if got := e.homed("DUMMY1"); got != want {
		t.Errorf("away, DUMMY1's workspaces are %s, want %s", got, want)
	}
	e.xrandr("--output", "DUMMY1", "--auto", "--right-of", "DUMMY0")
	e.waitScreens("DUMMY0 1024x768+0+0; DUMMY1 1024x768+1024+0; ")
	if got := e.homed("DUMMY1"); got != want {
		t.Errorf("back home, DUMMY1's workspaces are %s, want %s", got, want)
	}

	// Away through a restart: the new fion keeps them for DUMMY1 too.
	e.xrandr("--output", "DUMMY1", "--off")
	e.waitScreens("DUMMY0 1024x768+0+0; ")
	next := e.replacedBy()
	next.names = e.names
	next.waitScreens("DUMMY0 1024x768+0+0; ")
	next.xrandr("--output", "DUMMY1", "--auto", "--right-of", "DUMMY0")
	next.waitScreens("DUMMY0 1024x768+0+0; DUMMY1 1024x768+1024+0; ")
	if got := next.homed("DUMMY1"); got != want {
		t.Errorf("back home after a restart, DUMMY1's workspaces are %s, want %s", got, want)
	}
}
