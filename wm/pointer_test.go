package wm

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// topLevel waits for a viewable top-level window of class (one fion does not manage: a launcher,
// a notification) and returns it.
func (e *env) topLevel(class string) xproto.Window {
	e.t.Helper()
	var found xproto.Window
	xtest.Eventually(e.t, 3*wait, func() (bool, string) {
		tree, err := xproto.QueryTree(e.x, e.root).Reply()
		if err != nil {
			return false, err.Error()
		}
		for _, win := range tree.Children {
			a, err := xproto.GetWindowAttributes(e.x, win).Reply()
			if err == nil && a.MapState == xproto.MapStateViewable && strings.EqualFold(e.class(win), class) {
				found = win
				return true, ""
			}
		}
		return false, fmt.Sprintf("no viewable window of class %s", class)
	})
	return found
}

// launch starts a real program on fion's display, killed when the test ends, and returns it.
func (e *env) launch(stdin string, args ...string) *exec.Cmd {
	e.t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = e.srv.Env()
	cmd.Stdin = strings.NewReader(stdin)
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("%s: %v (scripts/deps.sh installs the programs the tests run)", args[0], err)
	}
	e.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// pointer is where the pointer is on the root.
func (e *env) pointer() (int, int) {
	e.t.Helper()
	p, err := xproto.QueryPointer(e.x, e.root).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	return int(p.RootX), int(p.RootY)
}

// The pointer stands in tile b while the keys are in tile a: a notification that pops up under
// it and goes away is not the user moving the pointer into b.
func TestAWindowGoingAwayUnderAStillPointerKeepsTheFocus(t *testing.T) {
	e := start(t)
	e.client("a")
	e.press("Mod4+s")
	e.client("b")
	xtest.MovePointer(t, e.x, 1000, 400)
	e.waitLayout("H[T[a*] >T[b*]]")
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[b*]]")
	for _, at := range []struct{ x, y int }{{900, 300}, {650, 0}} { // over b's client, then over both tiles' bars
		note := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "note", OverrideRedirect: true,
			X: at.x, Y: at.y, Width: 300, Height: 200})
		note.Destroy()
		e.wm.Sync() // fion has handled the Enter that the window going away caused
		if got := e.layout(); got != "H[>T[a*] T[b*]]" {
			t.Fatalf("a notification at %d,%d went away under the still pointer and the layout is %s, want H[>T[a*] T[b*]]", at.x, at.y, got)
		}
		xtest.MovePointer(t, e.x, 1000, 400+at.y) // under the next one too
		xtest.MovePointer(t, e.x, 1000, 400)
		e.wm.Sync()
		e.press("Mod4+h")
		e.waitLayout("H[>T[a*] T[b*]]")
	}
	// Moving the pointer still moves the focus, from tile to tile and across the notification.
	xtest.MovePointer(t, e.x, 100, 400)
	xtest.MovePointer(t, e.x, 1000, 400)
	e.waitLayout("H[T[a*] >T[b*]]")
}

// rofi, opened and closed with Escape while the pointer stands in another tile, leaves the keys
// where they were.
func TestClosingALauncherUnderAStillPointerKeepsTheFocus(t *testing.T) {
	e := start(t)
	e.client("a")
	e.press("Mod4+s")
	e.client("b")
	xtest.MovePointer(t, e.x, 1000, 400)
	e.waitLayout("H[T[a*] >T[b*]]")
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[b*]]")
	xtest.MovePointer(t, e.x, 900, 400) // where rofi will open, in the middle of the screen
	e.wm.Sync()
	rofi := e.launch("", "rofi", "-show", "run")
	if x, y, w, h, err := xtest.Existing(t, e.x, e.topLevel("rofi")).RootGeometry(); err != nil || x > 900 || x+w <= 900 || y > 400 || y+h <= 400 {
		t.Fatalf("rofi at %d,%d %dx%d (%v) is not under the pointer at 900,400", x, y, w, h, err)
	}
	// rofi takes the keyboard once it shows; Escape closes it.
	xtest.Eventually(t, 3*wait, func() (bool, string) {
		r, err := xproto.GrabKeyboard(e.x, false, e.root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
		if err == nil && r.Status == xproto.GrabStatusSuccess {
			xproto.UngrabKeyboard(e.x, xproto.TimeCurrentTime)
			return false, "rofi does not hold the keyboard yet"
		}
		return true, ""
	})
	e.press("Escape")
	exited := make(chan error, 1)
	go func() { exited <- rofi.Wait() }()
	select {
	case <-exited:
	case <-time.After(3 * wait):
		t.Fatal("rofi did not close on Escape")
	}
	e.wm.Sync()
	if got := e.layout(); got != "H[>T[a*] T[b*]]" {
		t.Errorf("after rofi closed under the still pointer the layout is %s, want H[>T[a*] T[b*]]", got)
	}
}

// Two screens: the keys move to the other one, the pointer follows to the middle of the focused
// tile; what has the keys is on the focused screen even in an empty tile, so dmenu opens there.
func TestThePointerAndLaunchersFollowTheKeyboardToAnotherScreen(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil) // 1280x800 at 0,0 and 1024x768 at 1280,0
	xtest.MovePointer(t, e.x, 600, 400)
	e.waitScreen(0)
	e.press("Mod4+period")
	e.waitScreen(1)
	xtest.Eventually(t, wait, func() (bool, string) {
		x, y := e.pointer()
		return x == 1280+512 && y == 384, fmt.Sprintf("pointer at %d,%d, want the middle of screen 2's tile, 1792,384", x, y)
	})
	e.waitHolderOn(1)
	e.press("Mod4+period")
	e.waitScreen(0)
	e.waitHolderOn(0)

	// Without warp_pointer the pointer stays; dmenu still opens where the keyboard is.
	cfg := defaultConfig(t)
	cfg.WarpPointer = false
	e = startOn(t, xtest.Xephyr2(t), cfg)
	xtest.MovePointer(t, e.x, 600, 400)
	e.waitScreen(0)
	e.press("Mod4+period")
	e.waitScreen(1)
	e.wm.Sync()
	if x, y := e.pointer(); x != 600 || y != 400 {
		t.Errorf("with warp_pointer = false the pointer moved to %d,%d", x, y)
	}
	dmenu := e.launch("one\ntwo\n", "dmenu")
	x, y, _, _, err := xtest.Existing(t, e.x, e.topLevel("dmenu")).RootGeometry()
	if err != nil || x < 1280 {
		t.Errorf("dmenu opened at %d,%d (%v), want on the focused screen, from x 1280", x, y, err)
	}
	e.press("Escape")
	if err := dmenu.Wait(); err == nil {
		t.Errorf("dmenu exited with 0 on Escape")
	}
	e.waitHolderOn(1)
}

// waitScreen waits until screen i (from 0) has the focus.
func (e *env) waitScreen(i int) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		var cur int
		e.wm.Model(func(m *layout.Model) { cur = m.Current })
		return cur == i, fmt.Sprintf("screen %d has the focus, want %d", cur+1, i+1)
	})
}

// waitHolderOn waits until fion's focus holder has the keys on screen i.
func (e *env) waitHolderOn(i int) {
	e.t.Helper()
	var check xproto.Window
	var r layout.Rect
	e.wm.Do(func() { check, r = e.wm.check, e.wm.model.Screens[i].Rect })
	xtest.Eventually(e.t, wait, func() (bool, string) {
		x, y, _, _, err := xtest.Existing(e.t, e.x, check).RootGeometry()
		return e.focus() == check && err == nil && r.Contains(x, y),
			fmt.Sprintf("focus on %#x (holder %#x at %d,%d), want the holder on screen %d %+v", e.focus(), check, x, y, i+1, r)
	})
}
