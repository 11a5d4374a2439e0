package wm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// Two screens of different sizes side by side: 1280x800 at 0,0 and 1024x768 at 1280,0.
func TestTwoScreensOfDifferentSizes(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil)
	var screens []layout.Rect
	e.wm.Model(func(m *layout.Model) {
		for _, s := range m.Screens {
			screens = append(screens, s.Rect)
		}
	})
	want := []layout.Rect{{X: 0, Y: 0, W: 1280, H: 800}, {X: 1280, Y: 0, W: 1024, H: 768}}
	if fmt.Sprint(screens) != fmt.Sprint(want) {
		t.Fatalf("screens %v, want %v", screens, want)
	}
	xtest.MovePointer(t, e.x, 100, 100)
	a := e.client("a")
	if r := rect(a); r.X+r.W > 1280 {
		t.Fatalf("a at %+v, want it on the first screen", r)
	}
	// The second screen gets the next window once it has the focus.
	e.press("Mod4+period")
	b := e.client("b")
	bar, bw := e.wm.barHeight(), e.wm.cfg.Border
	e.waitShown(b, layout.Rect{X: 1280 + bw, Y: bw + bar, W: 1024 - 2*bw, H: 768 - 2*bw - bar})
	// Each screen has its own workspaces: switching on the second leaves the first alone.
	e.press("Mod4+2")
	e.waitHidden(b)
	if !a.Viewable() {
		t.Fatal("a was hidden by a workspace switch on the other screen")
	}
	e.press("Mod4+1")
	e.waitShown(b, rect(b))
	// focus left from the second screen's only tile crosses onto the first screen.
	e.press("Mod4+h")
	e.waitFocus(a)
	e.press("Mod4+l")
	e.waitFocus(b)
	// The pointer moving onto the other screen focuses it. (It stood in a's tile since the
	// start: only entering a tile moves the focus, so it goes over to b's first.) Xephyr keeps
	// XTEST motion on one of its screens, so the crossing is a warp, which X reports the same way.
	e.warp(1500, 300)
	e.warp(300, 300)
	e.waitFocus(a)
	e.warp(1500, 300)
	e.waitFocus(b)
	// screen N, prev and next; there is no screen 3.
	screen := func() int {
		var n int
		e.wm.Model(func(m *layout.Model) { n = m.Current })
		return n
	}
	for _, s := range []struct {
		cmd  string
		want int
	}{{"screen 1", 0}, {"screen prev", 1}, {"screen prev", 0}, {"screen 2", 1}, {"screen next", 0}} {
		e.run(s.cmd)
		if got := screen(); got != s.want {
			t.Fatalf("after %q the focused screen is %d, want %d", s.cmd, got, s.want)
		}
	}
	if err := e.wm.Run("screen 3"); err == nil {
		t.Fatal("screen 3 of 2 succeeded")
	}
	// EWMH desktops: 4 per screen, the second screen's from 4 on.
	d, _ := b.Property("_NET_WM_DESKTOP")
	if len(d) != 4 || d[0] != 4 {
		t.Fatalf("_NET_WM_DESKTOP of b on the second screen = %v, want 4", d)
	}
	e.wmctrl("-s", "5") // the second screen's second workspace
	e.waitHidden(b)
	if screen() != 1 || !a.Viewable() {
		t.Fatalf("wmctrl -s 5: focused screen %d, a viewable %v", screen(), a.Viewable())
	}
	e.wmctrl("-i", "-r", fmt.Sprintf("%#x", a.Win), "-t", "5") // move a to that desktop
	e.waitShown(a, layout.Rect{X: 1280 + bw, Y: bw + bar, W: 1024 - 2*bw, H: 768 - 2*bw - bar})
	e.run("workspace 1")
	// A tab moves across the screen edge too, and the focus with it.
	e.press("Mod4+Shift+h")
	e.waitLayout(">T[b*]")
	e.waitShown(b, layout.Rect{X: bw, Y: bw + bar, W: 1280 - 2*bw, H: 800 - 2*bw - bar})
}

// A workspace moved to another screen goes whole, with its tiles and tabs, and shows there with
// the focus; the screen it left shows the workspace before it.
func TestMoveWorkspaceToScreen(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil) // 1280x800 at 0,0 and 1024x768 at 1280,0
	xtest.MovePointer(t, e.x, 600, 400)
	e.run("workspace 2")
	a := e.client("a")
	e.press("Mod4+s")
	b := e.client("b")
	e.waitLayout("H[T[a*] >T[b*]]")
	e.press("Mod4+Shift+period")
	e.waitScreen(1)
	e.waitLayout("H[T[a*] >T[b*]]")
	xtest.Eventually(t, wait, func() (bool, string) {
		ra, rb := rect(a), rect(b)
		return ra.X >= 1280 && rb.X >= 1280+512 && a.Viewable() && b.Viewable(), fmt.Sprintf("a at %+v, b at %+v", ra, rb)
	})
	var first string
	e.wm.Model(func(m *layout.Model) { first = m.Screens[0].Workspace().Name })
	if first != "1" {
		t.Errorf("screen 1 shows workspace %q, want the one before the moved one, 1", first)
	}
	if err := e.wm.Run("move-workspace-to-screen 3"); err == nil || !strings.Contains(err.Error(), "there is no screen 3") {
		t.Errorf("move-workspace-to-screen 3: %v", err)
	}
}
