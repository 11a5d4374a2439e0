package wm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// dock maps a panel-like window: type DOCK at x, y, w x h with a partial strut.
func (e *env) dock(name string, x, y, w, h int, strut [12]uint32) *xtest.Client {
	e.t.Helper()
	d := xtest.NewClient(e.t, e.srv.Display, xtest.ClientOpts{Title: name, X: x, Y: y, Width: w, Height: h,
		Types: []string{"_NET_WM_WINDOW_TYPE_DOCK"}, Strut: &strut})
	xtest.Eventually(e.t, wait, func() (bool, string) { return d.Viewable(), name + " is not shown" })
	return d
}

// work is the work area of screen i as fion's model has it.
func (e *env) work(i int) layout.Rect {
	var r layout.Rect
	e.wm.Model(func(m *layout.Model) { r = m.Screens[i].Work })
	return r
}

func (e *env) waitWork(i int, want layout.Rect) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.work(i)
		return got == want, fmt.Sprintf("work area of screen %d %+v, want %+v", i+1, got, want)
	})
}

func TestDocksReserveTheirEdgesAndGiveThemBack(t *testing.T) {
	e := start(t)
	a := e.client("a")
	// A panel on each side, as polybar or lemonbar make them.
	top := e.dock("top", 0, 0, 1280, 30, [12]uint32{0, 0, 30, 0, 0, 0, 0, 0, 0, 1279, 0, 0})
	bottom := e.dock("bottom", 0, 780, 1280, 20, [12]uint32{0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 1279})
	left := e.dock("left", 0, 30, 40, 750, [12]uint32{40, 0, 0, 0, 30, 779, 0, 0, 0, 0, 0, 0})
	right := e.dock("right", 1230, 30, 50, 750, [12]uint32{0, 50, 0, 0, 0, 0, 30, 779, 0, 0, 0, 0})
	work := layout.Rect{X: 40, Y: 30, W: 1280 - 40 - 50, H: 800 - 30 - 20}
	e.waitWork(0, work)
	e.waitShown(a, e.placement(a).Client)
	if p := e.placement(a); p.Frame != work {
		t.Fatalf("the tile is at %+v, want the work area %+v", p.Frame, work)
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		got := e.rootProp("_NET_WORKAREA")
		want := []uint32{40, 30, uint32(work.W), uint32(work.H)}
		return len(got) == 16 && slices.Equal(got[:4], want), fmt.Sprintf("_NET_WORKAREA %v, want %v for each desktop", got, want)
	})
	for _, d := range []*xtest.Client{top, bottom, left, right} {
		if d.Parent() != d.Root {
			t.Fatalf("a dock was framed")
		}
		if slices.Contains(e.rootProp("_NET_CLIENT_LIST"), uint32(d.Win)) {
			t.Fatalf("a dock is in _NET_CLIENT_LIST")
		}
	}
	// Docks stay on every workspace.
	e.run("workspace 2")
	e.waitHidden(a)
	if !top.Viewable() || !left.Viewable() {
		t.Fatal("a dock was hidden by a workspace switch")
	}
	e.run("workspace 1")
	// The space returns when they go; a strut that changes moves the tiles.
	left.Destroy()
	right.Withdraw()
	e.waitWork(0, layout.Rect{X: 0, Y: 30, W: 1280, H: 750})
	top.SetStrut([12]uint32{0, 0, 60, 0, 0, 0, 0, 0, 0, 1279, 0, 0})
	e.waitWork(0, layout.Rect{X: 0, Y: 60, W: 1280, H: 720})
	// Absurd: a strut of 65535 leaves half of the screen.
	bottom.SetStrut([12]uint32{0, 0, 0, 65535, 0, 0, 0, 0, 0, 0, 0, 1279})
	xtest.Eventually(t, wait, func() (bool, string) {
		w := e.work(0)
		return w.H == 400, fmt.Sprintf("work area %+v, want 400 pixels high", w)
	})
	e.waitShown(a, e.placement(a).Client)
}

// Two screens of different sizes side by side (1280x800 and 1024x768): a panel on the second
// screen's top reserves there only, measured from the root window's top; one at the bottom of the
// shorter screen, measured from the root's bottom, too.
func TestADockShrinksOnlyTheScreenItTouches(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil)
	e.dock("top2", 1280, 0, 1024, 25, [12]uint32{0, 0, 25, 0, 0, 0, 0, 0, 1280, 2303, 0, 0})
	e.waitWork(1, layout.Rect{X: 1280, Y: 25, W: 1024, H: 743})
	e.waitWork(0, layout.Rect{W: 1280, H: 800})
	// Root height 800: the second screen ends at 768, so its bottom panel reserves 32+20.
	e.dock("bottom2", 1280, 748, 1024, 20, [12]uint32{0, 0, 0, 52, 0, 0, 0, 0, 0, 0, 1280, 2303})
	e.waitWork(1, layout.Rect{X: 1280, Y: 25, W: 1024, H: 723})
	e.waitWork(0, layout.Rect{W: 1280, H: 800})
	// A plain _NET_WM_STRUT reserves along the dock window's own extent: the first screen only.
	plain := [4]uint32{0, 0, 30, 0}
	d := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "plain", Width: 1280, Height: 30,
		Types: []string{"_NET_WM_WINDOW_TYPE_DOCK"}, PlainStrut: &plain})
	xtest.Eventually(t, wait, func() (bool, string) { return d.Viewable(), "plain dock not shown" })
	e.waitWork(0, layout.Rect{Y: 30, W: 1280, H: 770})
	e.waitWork(1, layout.Rect{X: 1280, Y: 25, W: 1024, H: 723})
}
