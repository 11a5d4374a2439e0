package wm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

func TestNewWindowIsActiveTabOfFocusedTileSizedBelowBar(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.waitLayout(">T[a*]")
	p := e.placement(a)
	e.waitShown(a, p.Client)
	b := e.wm.cfg.Border
	bar := e.wm.barHeight()
	want := layout.Rect{X: b, Y: b + bar, W: 1280 - 2*b, H: 800 - 2*b - bar}
	if p.Client != want {
		t.Fatalf("client rect %+v, want %+v (border %d, bar %d)", p.Client, want, b, bar)
	}
	if st, _ := a.WMState(); st != xtest.StateNormal {
		t.Errorf("WM_STATE %d, want Normal", st)
	}
	e.waitFocus(a)
	xtest.Eventually(t, wait, func() (bool, string) {
		act := e.rootProp("_NET_ACTIVE_WINDOW")
		list := e.rootProp("_NET_CLIENT_LIST")
		return slices.Equal(act, []uint32{uint32(a.Win)}) && slices.Equal(list, []uint32{uint32(a.Win)}),
			fmt.Sprintf("active %x list %x", act, list)
	})
	// A second window becomes the active tab; the first is hidden but still managed.
	c := e.client("c")
	e.waitLayout(">T[a c*]")
	e.waitHidden(a)
	e.waitShown(c, p.Client)
	e.waitFocus(c)
}

func TestSplitFocusTabsAndMovesFromTheKeyboard(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
	b := e.client("b")
	e.waitLayout("H[T[a*] >T[b*]]")
	if r := rect(b); r.X < 640 || r.X+r.W > 1280 {
		t.Fatalf("b at %+v, want it in the right half", r)
	}
	if r := rect(a); r.X+r.W > 640 {
		t.Fatalf("a at %+v, want it in the left half", r)
	}
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[b*]]")
	e.waitFocus(a)
	c := e.client("c")
	e.waitLayout("H[>T[a c*] T[b*]]")
	e.waitHidden(a)
	e.press("Mod4+n")
	e.waitLayout("H[>T[a* c] T[b*]]")
	e.waitHidden(c)
	e.waitShown(a, e.placement(a).Client)
	e.press("Mod4+Shift+n")
	e.waitLayout("H[>T[c a*] T[b*]]")
	e.press("Mod4+p")
	e.waitLayout("H[>T[c* a] T[b*]]")
	e.press("Mod4+Shift+l")
	e.waitLayout("H[T[a*] >T[b c*]]")
	e.waitShown(c, e.placement(c).Client)
	e.waitFocus(c)
	e.press("Mod4+Ctrl+1")
	e.waitLayout("H[T[a*] >T[b* c]]")
	e.press("Mod4+x")
	e.waitLayout(">T[a* b c]")
	e.waitShown(a, layout.Rect{X: 1, Y: 1 + e.wm.barHeight(), W: 1278, H: 798 - e.wm.barHeight()})
	e.press("Mod4+v")
	e.waitLayout("V[T[a* b c] >T[]]")
	if r := rect(a); r.Y+r.H > 400 {
		t.Fatalf("a at %+v, want it in the top half", r)
	}
	e.press("Mod4+k")
	e.waitLayout("V[>T[a* b c] T[]]")
	e.press("Mod4+Shift+j")
	e.waitLayout("V[T[b* c] >T[a*]]")
	e.waitFocus(a)
	e.run("move-tab-to up")
	e.waitLayout("V[>T[b a* c] T[]]") // after the active tab, as new windows go
}

func TestTheLastTileCannotBeRemoved(t *testing.T) {
	e := start(t)
	e.client("a")
	if err := e.wm.Run("remove-tile"); err == nil {
		t.Fatal("remove-tile of the only tile succeeded")
	}
	e.waitLayout(">T[a*]")
}

func TestWorkspacesHideAndShowTheirWindows(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+2")
	e.waitLayout(">T[]")
	e.waitHidden(a)
	xtest.Eventually(t, wait, func() (bool, string) {
		d := e.rootProp("_NET_CURRENT_DESKTOP")
		return slices.Equal(d, []uint32{1}), fmt.Sprint("current desktop ", d)
	})
	b := e.client("b")
	e.press("Mod4+1")
	e.waitLayout(">T[a*]")
	e.waitHidden(b)
	e.waitShown(a, e.placement(a).Client)
	e.press("Mod4+Shift+2")
	e.waitLayout(">T[]")
	e.waitHidden(a)
	e.press("Mod4+bracketright")
	e.waitLayout(">T[b a*]")
	e.waitShown(a, e.placement(a).Client)
	if err := e.wm.Run("workspace 9"); err == nil {
		t.Fatal("workspace 9 of 4 succeeded")
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		d, ok := a.Property("_NET_WM_DESKTOP")
		return ok && len(d) == 4 && d[0] == 1, fmt.Sprint("_NET_WM_DESKTOP of a: ", d)
	})
}

func TestResizeByKeyModeAndChain(t *testing.T) {
	e := start(t)
	e.press("Mod4+s")
	e.waitLayout("H[T[] >T[]]")
	e.press("Mod4+h")
	a := e.client("a")
	e.waitLayout("H[>T[a*] T[]]")
	w0 := rect(a).W
	e.press("Mod4+Ctrl+l")
	e.waitShownWidth(a, w0+40)
	e.press("Mod4+r")
	e.press("l")
	e.press("l")
	e.waitShownWidth(a, w0+120)
	e.press("h")
	e.waitShownWidth(a, w0+80)
	e.press("Return") // leaves the mode too
	e.press("Mod4+Ctrl+h")
	e.waitShownWidth(a, w0+40)
	// Outside the mode, l is the client's again: the width stays.
	e.press("l")
	e.press("Mod4+Ctrl+h")
	e.waitShownWidth(a, w0)
	// The key chain Mod4+a x removes the tile.
	e.press("Mod4+a")
	e.press("x")
	e.waitLayout(">T[a*]")
}

func (e *env) waitShownWidth(c *xtest.Client, w int) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		return rect(c).W == w, fmt.Sprintf("width %d, want %d", rect(c).W, w)
	})
}

func TestConfigureRequestGetsRealGeometry(t *testing.T) {
	e := start(t)
	a := e.client("a")
	p := e.placement(a)
	e.waitShown(a, p.Client)
	real := func(ev xgb.Event) bool {
		c, ok := ev.(xproto.ConfigureNotifyEvent)
		return ok && c.Window == a.Win && int(c.X) == p.Client.X && int(c.Y) == p.Client.Y &&
			int(c.Width) == p.Client.W && int(c.Height) == p.Client.H
	}
	before := 0
	for _, ev := range a.Events() {
		if real(ev) {
			before++
		}
	}
	xproto.ConfigureWindow(a.Conn, a.Win, xproto.ConfigWindowWidth|xproto.ConfigWindowHeight, []uint32{100, 50})
	xtest.Eventually(t, wait, func() (bool, string) {
		n := 0
		for _, ev := range a.Events() {
			if real(ev) {
				n++
			}
		}
		return n > before, fmt.Sprintf("%d ConfigureNotify events with the real geometry %+v, had %d before", n, p.Client, before)
	})
	if r := rect(a); r != p.Client {
		t.Fatalf("client at %+v after its ConfigureRequest, want it to stay at %+v", r, p.Client)
	}
}
