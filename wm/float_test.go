package wm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// frameOf is the window fion framed c in (c's parent).
func frameOf(c *xtest.Client) xproto.Window { return c.Parent() }

// above reports whether window a is stacked above window b among the root's children.
func (e *env) above(a, b xproto.Window) (bool, string) {
	tree, err := xproto.QueryTree(e.x, e.root).Reply()
	if err != nil {
		return false, err.Error()
	}
	ia, ib := slices.Index(tree.Children, a), slices.Index(tree.Children, b)
	return ia > ib && ib >= 0, fmt.Sprintf("%#x at %d, %#x at %d in the stacking order", a, ia, b, ib)
}

// waitAbove waits until client a's frame is stacked above client b's.
func (e *env) waitAbove(a, b *xtest.Client) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) { return e.above(frameOf(a), frameOf(b)) })
}

// centred is a w x h rectangle centred in area.
func centred(area layout.Rect, w, h int) layout.Rect {
	return layout.Rect{X: area.X + (area.W-w)/2, Y: area.Y + (area.H-h)/2, W: w, H: h}
}

func TestDialogFloatsCentredOverItsParentsTileAndGivesTheFocusBack(t *testing.T) {
	e := start(t)
	e.run("split right")
	parent := e.client("parent")
	e.waitLayout("H[T[] >T[parent*]]")
	dialog := e.client("dialog", xtest.ClientOpts{Title: "dialog", Width: 300, Height: 200, TransientFor: parent.Win})
	// Not a tab: the tiles are as they were, and the dialog floats over its parent's tile.
	e.waitLayout("H[T[] >T[parent*]]")
	e.waitShown(dialog, centred(e.placement(parent).Client, 300, 200))
	e.waitAbove(dialog, parent)
	e.waitFocus(dialog)
	if st := dialog.NetWMState(); slices.Contains(st, "_NET_WM_STATE_HIDDEN") {
		t.Fatalf("a shown dialog has _NET_WM_STATE %v", st)
	}
	b := uint32(e.wm.cfg.Border)
	if ext := dialog.Cardinals("_NET_FRAME_EXTENTS"); !slices.Equal(ext, []uint32{b, b, b, b}) {
		t.Fatalf("the dialog's _NET_FRAME_EXTENTS are %v, want its border on each side", ext)
	}
	if list := e.rootProp("_NET_CLIENT_LIST_STACKING"); len(list) != 2 || list[1] != uint32(dialog.Win) {
		t.Fatalf("_NET_CLIENT_LIST_STACKING %v, want the dialog on top", list)
	}
	// The user works elsewhere; the dialog stays where it is; closing it gives its parent the focus.
	e.run("focus left")
	xtest.Eventually(t, wait, func() (bool, string) { return e.focus() != dialog.Win, "the dialog kept the focus" })
	e.run("focus right")
	e.waitFocus(parent)
	dialog.Destroy()
	e.waitLayout("H[T[] >T[parent*]]")
	e.waitFocus(parent)
}

func TestDialogClosingGivesTheFocusBackToItsParent(t *testing.T) {
	e := start(t)
	parent := e.client("parent")
	dialog := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: parent.Win})
	e.waitFocus(dialog)
	dialog.Withdraw()
	e.waitFocus(parent)
}

func TestDialogFollowsItsParentToAnotherWorkspace(t *testing.T) {
	e := start(t)
	parent := e.client("parent")
	dialog := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: parent.Win})
	e.run("move-tab-to-workspace 2")
	e.waitHidden(dialog)
	xtest.Eventually(t, wait, func() (bool, string) {
		d := dialog.Cardinals("_NET_WM_DESKTOP")
		return slices.Equal(d, []uint32{1}), fmt.Sprintf("the dialog's _NET_WM_DESKTOP is %v, want 1", d)
	})
	if st := dialog.NetWMState(); !slices.Contains(st, "_NET_WM_STATE_HIDDEN") {
		t.Fatalf("a hidden dialog has _NET_WM_STATE %v", st)
	}
	e.run("workspace 2")
	e.waitShown(dialog, rect(dialog))
	e.waitAbove(dialog, parent)
}

func TestWhichWindowsFloat(t *testing.T) {
	e := start(t)
	tiled := e.client("tiled")
	float := func(name string, o xtest.ClientOpts) *xtest.Client {
		o.Title = name
		c := e.client(name, o)
		e.waitLayout(">T[tiled*]")
		if r := rect(c); r.W != 200 || r.H != 100 {
			t.Errorf("%s is %dx%d, want its own 200x100", name, r.W, r.H)
		}
		return c
	}
	float("dialog", xtest.ClientOpts{Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}})
	float("utility", xtest.ClientOpts{Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	float("splash", xtest.ClientOpts{Types: []string{"_NET_WM_WINDOW_TYPE_SPLASH"}})
	float("fixed", xtest.ClientOpts{Hints: &xtest.NormalHints{MinWidth: 200, MinHeight: 100, MaxWidth: 200, MaxHeight: 100}})
	// The first type fion knows decides; an unknown one before it does not.
	float("unknown type first", xtest.ClientOpts{Types: []string{"_KDE_NET_WM_WINDOW_TYPE_OVERRIDE", "_NET_WM_WINDOW_TYPE_DIALOG"}})
	normal := e.client("normal", xtest.ClientOpts{Title: "normal", Types: []string{"_NET_WM_WINDOW_TYPE_NORMAL"}})
	e.waitLayout(">T[tiled normal*]")

	// Menus, tooltips and notifications are shown where they ask and left alone, as are
	// override-redirect windows.
	for _, typ := range []string{"MENU", "TOOLTIP", "NOTIFICATION", "POPUP_MENU"} {
		c := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: typ, X: 40, Y: 50, Types: []string{"_NET_WM_WINDOW_TYPE_" + typ}})
		xtest.Eventually(t, wait, func() (bool, string) {
			return c.Viewable(), typ + " is not shown"
		})
		if c.Parent() != c.Root || rect(c) != (layout.Rect{X: 40, Y: 50, W: 200, H: 100}) {
			t.Errorf("%s was moved or framed: parent %#x at %+v", typ, c.Parent(), rect(c))
		}
		if slices.Contains(e.rootProp("_NET_CLIENT_LIST"), uint32(c.Win)) {
			t.Errorf("%s is in _NET_CLIENT_LIST", typ)
		}
	}
	or := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "popup", X: 10, Y: 10, OverrideRedirect: true})
	e.wm.Sync()
	if or.Parent() != or.Root || !or.Viewable() {
		t.Errorf("an override-redirect window was touched")
	}
	e.waitLayout(">T[tiled normal*]")
	_, _ = tiled, normal
}

func TestHostileTransientsDoNotHangFion(t *testing.T) {
	e := start(t)
	// Transient for itself, for a window fion does not manage, for a window that does not exist.
	e.client("self", xtest.ClientOpts{Title: "self", NoMap: false, TransientFor: 0})
	self := e.clients["self"]
	self.SetTransientFor(self.Win)
	e.client("of root", xtest.ClientOpts{Title: "of root", TransientFor: e.root})
	e.client("of nothing", xtest.ClientOpts{Title: "of nothing", TransientFor: 0x7fffff})
	// A loop: a is transient for b, b for a.
	a := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "a", NoMap: true})
	b := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "b", NoMap: true, TransientFor: a.Win})
	a.SetTransientFor(b.Win)
	a.Map()
	b.Map()
	xtest.Eventually(t, wait, func() (bool, string) {
		return a.Viewable() && b.Viewable() && a.Parent() != a.Root && b.Parent() != b.Root, "the loop of transients is not shown"
	})
	e.run("split right")
	e.run("workspace 2")
	e.run("workspace 1")
	e.wm.Sync()
	if !a.Viewable() || !b.Viewable() {
		t.Fatal("a loop of transients vanished")
	}
}

func TestModalDialogKeepsTheFocusFromItsParent(t *testing.T) {
	e := start(t)
	e.run("split right")
	other := e.client("other")
	e.run("focus left")
	parent := e.client("parent")
	e.waitLayout("H[>T[parent*] T[other*]]")
	modal := e.client("modal", xtest.ClientOpts{Title: "modal", TransientFor: parent.Win, States: []string{"_NET_WM_STATE_MODAL"}})
	e.waitFocus(modal)
	e.run("focus right")
	e.waitFocus(other)
	e.run("focus left") // the parent's tile: its modal dialog has the keyboard
	e.waitFocus(modal)
	modal.Destroy()
	e.waitFocus(parent)
}

func TestFloatToggleMovesAWindowOutOfItsTileAndBack(t *testing.T) {
	e := start(t)
	a := e.client("a", xtest.ClientOpts{Title: "a", Width: 320, Height: 240})
	e.waitLayout(">T[a*]")
	e.run("float toggle")
	e.waitLayout(">T[]")
	var work layout.Rect
	e.wm.Model(func(m *layout.Model) { work = m.Screen().Work })
	e.waitShown(a, centred(work, 320, 240))
	e.waitFocus(a)
	if acts := a.Atoms("_NET_WM_ALLOWED_ACTIONS"); !slices.Contains(acts, "_NET_WM_ACTION_MOVE") {
		t.Fatalf("a floating window's allowed actions are %v, want MOVE among them", acts)
	}
	e.run("float off")
	e.waitLayout(">T[a*]")
	e.waitShown(a, e.placement(a).Client)
	e.waitFocus(a)
	if err := e.wm.Run("float toggle"); err != nil {
		t.Fatal(err)
	}
	a.Destroy()
	e.waitLayout(">T[]")
	if err := e.wm.Run("float toggle"); err == nil {
		t.Fatal("float toggle with no window: no error")
	}
}

func TestModifierDragMovesAndResizesAFloatingWindow(t *testing.T) {
	e := start(t)
	d := e.client("d", xtest.ClientOpts{Title: "d", Width: 300, Height: 200, Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}})
	start := rect(d)
	drag := func(button byte, dx, dy int) {
		x, y := start.X+start.W/2, start.Y+start.H/2
		xtest.MovePointer(t, e.x, x, y)
		mod := xtest.KeyDown(t, e.x, superL)
		xtest.Button(t, e.x, button, true)
		xtest.MovePointer(t, e.x, x+dx/2, y+dy/2)
		xtest.MovePointer(t, e.x, x+dx, y+dy)
		xtest.Button(t, e.x, button, false)
		xtest.Keycode(t, e.x, mod, false)
	}
	drag(1, 50, 30)
	want := start
	want.X, want.Y = start.X+50, start.Y+30
	e.waitShown(d, want)
	start = want
	drag(3, -100, 40)
	want.W, want.H = start.W-100, start.H+40
	e.waitShown(d, want)
	// The client saw none of these clicks; a plain click reaches it.
	for _, ev := range d.Events() {
		if _, ok := ev.(xproto.ButtonPressEvent); ok {
			t.Fatal("the client got a click meant for fion")
		}
	}
}

func TestFloatingWindowsAskToMoveAndResize(t *testing.T) {
	e := start(t)
	tiled := e.client("tiled")
	d := e.client("d", xtest.ClientOpts{Title: "d", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	d.SendMoveResize(100, 120, 250, 150)
	e.waitShown(d, layout.Rect{X: 100, Y: 120, W: 250, H: 150})
	// A ConfigureRequest's position is the window's outer corner: its frame's.
	d.Configure(200, 220, 260, 160)
	b := e.wm.cfg.Border
	e.waitShown(d, layout.Rect{X: 200 + b, Y: 220 + b, W: 260, H: 160})
	// Far off the screen: kept on it.
	d.Configure(5000, 5000, 260, 160)
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(d)
		return r.X+r.W <= 1280 && r.Y+r.H <= 800 && r.W == 260, fmt.Sprintf("d at %+v", r)
	})
	// A tiled window asking gets told where it is instead.
	was := rect(tiled)
	tiled.Configure(10, 10, 50, 50)
	e.wm.Sync()
	if rect(tiled) != was {
		t.Fatalf("a tiled window moved itself to %+v", rect(tiled))
	}
	// A window asks what its frame will be before it maps.
	n := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "new", NoMap: true})
	n.RequestFrameExtents()
	xtest.Eventually(t, wait, func() (bool, string) {
		ext := n.Cardinals("_NET_FRAME_EXTENTS")
		b := uint32(b)
		want := []uint32{b, b, b + uint32(e.wm.barHeight()), b}
		return slices.Equal(ext, want), fmt.Sprintf("_NET_FRAME_EXTENTS %v, want %v", ext, want)
	})
}

// superL is the keysym of the left Windows key, Mod4 on the default keymap.
const superL = 0xffeb

func TestFocusFloatGoesThroughTheFloatingWindowsByKey(t *testing.T) {
	e := start(t)
	a := e.client("a")
	d1 := e.client("d1", xtest.ClientOpts{Title: "d1", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	d2 := e.client("d2", xtest.ClientOpts{Title: "d2", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	e.waitFocus(d2)
	e.run("focus next") // back to the tiles
	e.waitFocus(a)
	e.press("Mod4+space")
	e.waitFocus(d2)
	e.press("Mod4+space")
	e.waitFocus(d1)
	e.waitAbove(d1, d2)
	e.press("Mod4+space")
	e.waitFocus(d2)
	d1.Destroy()
	d2.Destroy()
	e.waitFocus(a)
	if err := e.wm.Run("focus float"); err == nil {
		t.Fatal("focus float with no floating window: no error")
	}
}
