package wm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

var screen1280 = layout.Rect{W: 1280, H: 800}

func (e *env) waitState(c *xtest.Client, state string, want bool) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		st := c.NetWMState()
		return slices.Contains(st, state) == want, fmt.Sprintf("_NET_WM_STATE %v, want %s %v", st, state, want)
	})
}

func TestFullscreenCoversTheScreenAndReturnsToItsTab(t *testing.T) {
	e := start(t)
	e.run("split right")
	b := e.client("b")
	e.run("focus left")
	a := e.client("a")
	a2 := e.client("a2")
	e.run("tab 1")
	e.waitLayout("H[>T[a* a2] T[b*]]")
	tile := e.placement(a).Client
	// The client asks.
	a.SendNetWMState(xtest.NetWMStateAdd, "_NET_WM_STATE_FULLSCREEN", "")
	e.waitShown(a, screen1280)
	e.waitState(a, "_NET_WM_STATE_FULLSCREEN", true)
	e.waitAbove(a, b)
	if ext := a.Cardinals("_NET_FRAME_EXTENTS"); !slices.Equal(ext, []uint32{0, 0, 0, 0}) {
		t.Fatalf("a fullscreen window's frame extents are %v", ext)
	}
	// Another tab of its tile: the tile is back to normal; the first tab again: fullscreen again.
	e.run("tab 2")
	e.waitShown(a2, e.placement(a2).Client)
	e.run("tab 1")
	e.waitShown(a, screen1280)
	// It leaves, back to the same tab of the same tile.
	a.SendNetWMState(xtest.NetWMStateToggle, "_NET_WM_STATE_FULLSCREEN", "")
	e.waitShown(a, tile)
	e.waitState(a, "_NET_WM_STATE_FULLSCREEN", false)
	e.waitLayout("H[>T[a* a2] T[b*]]")
	// The user asks, with the command and with the key.
	e.run("fullscreen on")
	e.waitShown(a, screen1280)
	e.press("Mod4+f")
	e.waitShown(a, tile)
}

func TestAWindowThatStartsFullscreenGetsATileToGoBackTo(t *testing.T) {
	e := start(t)
	e.run("split right")
	v := e.client("video", xtest.ClientOpts{Title: "video", States: []string{"_NET_WM_STATE_FULLSCREEN"}})
	e.waitLayout("H[T[] >T[video*]]")
	e.waitShown(v, screen1280)
	e.waitFocus(v)
	// Its dialog shows above it.
	d := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: v.Win})
	e.waitAbove(d, v)
	e.waitFocus(d)
	d.Destroy()
	v.SendNetWMState(xtest.NetWMStateRemove, "_NET_WM_STATE_FULLSCREEN", "")
	e.waitShown(v, e.placement(v).Client)
}

func TestAFloatingWindowGoingFullscreenGoesIntoTheTilesFirst(t *testing.T) {
	e := start(t)
	d := e.client("d", xtest.ClientOpts{Title: "d", Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}})
	e.waitLayout(">T[]")
	d.SendMoveResize(100, 120, 250, 150)
	floating := layout.Rect{X: 100, Y: 120, W: 250, H: 150}
	e.waitShown(d, floating)
	d.SendNetWMState(xtest.NetWMStateAdd, "_NET_WM_STATE_FULLSCREEN", "")
	e.waitShown(d, screen1280)
	e.waitLayout(">T[d*]")
	// Leaving fullscreen, it floats again where it was.
	d.SendNetWMState(xtest.NetWMStateRemove, "_NET_WM_STATE_FULLSCREEN", "")
	e.waitShown(d, floating)
	e.waitLayout(">T[]")
	e.waitFocus(d)
	// A tiled window that goes fullscreen and back stays in its tile.
	a := e.client("a")
	e.run("fullscreen on")
	e.waitShown(a, screen1280)
	e.run("fullscreen off")
	e.waitShown(a, e.placement(a).Client)
	e.waitLayout(">T[a*]")
}
