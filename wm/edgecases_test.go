package wm

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// A window the user floats stays in front of the user, even a dialog whose window is on another
// workspace; its old tile can go.
func TestAFloatingWindowOutOfATileThatGoesSurvives(t *testing.T) {
	e := start(t)
	parent := e.client("parent")
	dialog := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: parent.Win})
	e.run("float off") // the dialog becomes a tab next to its parent
	e.waitLayout(">T[parent dialog*]")
	e.run("tab 1")
	e.run("move-tab-to-workspace 2") // the parent goes elsewhere
	e.waitLayout(">T[dialog*]")
	e.run("split right")
	e.run("focus left")
	e.run("float on")
	e.run("remove-tile")
	e.wm.Sync()
	if _, err := xproto.GetGeometry(e.x, xproto.Drawable(dialog.Win)).Reply(); err != nil {
		t.Fatalf("the dialog was destroyed with its old tile: %v", err)
	}
	xtest.Eventually(t, wait, func() (bool, string) { return dialog.Viewable(), "the floated dialog is not shown" })
}

// A dialog that closes on a workspace the user is not looking at does not pull the user there.
func TestADialogClosingElsewhereDoesNotMoveTheUser(t *testing.T) {
	e := start(t)
	parent := e.client("parent")
	dialog := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: parent.Win})
	e.run("workspace 2")
	e.waitHidden(dialog)
	dialog.Destroy()
	e.wm.Sync()
	var current int
	e.wm.Model(func(m *layout.Model) { current = m.Screen().Current })
	if current != 1 {
		t.Fatalf("a dialog closing on workspace 1 switched the screen to workspace %d", current+1)
	}
}

// While a window is fullscreen, the pointer over it does not give the keys to a tile it covers;
// moving the focus to another tile shows that tile.
func TestFullscreenAndTheTilesItCovers(t *testing.T) {
	e := start(t)
	e.run("split right")
	b := e.client("b")
	e.run("focus left")
	a := e.client("a")
	xtest.MovePointer(t, e.x, 100, 100)
	e.run("fullscreen on")
	e.waitShown(a, screen1280)
	xtest.MovePointer(t, e.x, 1000, 400) // over b's tile, under a
	xtest.MovePointer(t, e.x, 1010, 410)
	e.wm.Sync()
	e.waitFocus(a)
	e.run("focus right")
	e.waitFocus(b)
	e.waitShown(a, e.placement(a).Client) // back in its tile while its tile is not focused
	e.waitState(a, "_NET_WM_STATE_FULLSCREEN", true)
	e.run("focus left")
	e.waitShown(a, screen1280)
}

// Two monitors one above the other: a panel atop the lower one has a strut measured from the
// root's top, across the upper monitor too; only the lower one loses the space.
func TestAPanelOnTheLowerOfTwoStackedMonitors(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x1600")
	for _, args := range [][]string{
		{"--setmonitor", "upper", "1280/300x800/200+0+0", "screen"},
		{"--setmonitor", "lower", "1280/300x800/200+0+800", "none"},
	} {
		if out, err := exec.Command("xrandr", append([]string{"-display", srv.Display}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("xrandr %v: %v\n%s", args, err, out)
		}
	}
	e := startOn(t, srv, nil)
	var names []string
	e.wm.Model(func(m *layout.Model) {
		for _, s := range m.Screens {
			names = append(names, fmt.Sprintf("%s %+v", s.Name, s.Rect))
		}
	})
	if len(names) != 2 {
		t.Fatalf("screens %v, want upper and lower", names)
	}
	e.dock("lower panel", 0, 800, 1280, 30, [12]uint32{0, 0, 830, 0, 0, 0, 0, 0, 0, 1279, 0, 0})
	lower, upper := 1, 0
	e.wm.Model(func(m *layout.Model) {
		if m.Screens[0].Name == "lower" {
			lower, upper = 0, 1
		}
	})
	e.waitWork(lower, layout.Rect{X: 0, Y: 830, W: 1280, H: 770})
	e.waitWork(upper, layout.Rect{X: 0, Y: 0, W: 1280, H: 800})
}

// Windows that withdraw lose fion's _NET_WM_STATE: mapped again, they are not fullscreen.
func TestAWithdrawnWindowForgetsFionsState(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("fullscreen on")
	e.waitShown(a, screen1280)
	a.Withdraw()
	e.waitLayout(">T[]")
	xtest.Eventually(t, wait, func() (bool, string) {
		st := a.NetWMState()
		return st == nil, fmt.Sprintf("_NET_WM_STATE of a withdrawn window: %v", st)
	})
	a.Map()
	e.waitLayout(">T[a*]")
	e.waitShown(a, e.placement(a).Client)
}

// A desktop window (icons, wallpaper) stays below the tiles.
func TestADesktopWindowStaysBelow(t *testing.T) {
	e := start(t)
	a := e.client("a")
	d := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "desktop", Width: 1280, Height: 800, Types: []string{"_NET_WM_WINDOW_TYPE_DESKTOP"}})
	xtest.Eventually(t, wait, func() (bool, string) { return d.Viewable(), "the desktop is not shown" })
	xtest.Eventually(t, wait, func() (bool, string) { return e.above(frameOf(a), d.Win) })
}

// States fion does not act on, set by the program, stay for taskbars and pagers to see.
func TestStatesFionDoesNotUseAreKept(t *testing.T) {
	e := start(t)
	a := e.client("a", xtest.ClientOpts{Title: "a", States: []string{"_NET_WM_STATE_SKIP_TASKBAR"}})
	e.waitState(a, "_NET_WM_STATE_SKIP_TASKBAR", true)
	e.waitState(a, "_NET_WM_STATE_FOCUSED", true)
}

// A floating window that does not belong to a fullscreen window stays below it, unless it has the
// keys; the fullscreen window's own dialog shows above it.
func TestOnlyItsOwnDialogsCoverAFullscreenWindow(t *testing.T) {
	e := start(t)
	other := e.client("other")
	tools := e.client("tools", xtest.ClientOpts{Title: "tools", TransientFor: other.Win})
	e.run("focus next") // the tiles have the keys
	e.run("tab 1")
	e.run("split right")
	v := e.client("video")
	e.run("fullscreen on")
	e.waitShown(v, screen1280)
	xtest.Eventually(t, wait, func() (bool, string) { return e.above(frameOf(v), frameOf(tools)) })
	d := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: v.Win})
	e.waitAbove(d, v)
	d.Destroy()
	e.run("focus float") // the user asks for the toolbox: it comes up, with the keys
	e.waitFocus(tools)
	e.waitAbove(tools, v)
}

// wmctrl -t sends a dialog to another desktop: it stays there, apart from its parent.
func TestADialogSentToAnotherDesktopStaysThere(t *testing.T) {
	e := start(t)
	parent := e.client("parent")
	dialog := e.client("dialog", xtest.ClientOpts{Title: "dialog", TransientFor: parent.Win})
	e.wmctrl("-i", "-r", fmt.Sprintf("%#x", dialog.Win), "-t", "2")
	e.waitHidden(dialog)
	if !parent.Viewable() {
		t.Fatal("the parent went along")
	}
	e.run("workspace 3")
	xtest.Eventually(t, wait, func() (bool, string) { return dialog.Viewable(), "the dialog is not on workspace 3" })
}

// Dragged onto another monitor, a floating window moves to the workspace shown there.
func TestDraggingAFloatingWindowToAnotherMonitor(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil)
	xtest.MovePointer(t, e.x, 100, 100)
	d := e.client("d", xtest.ClientOpts{Title: "d", Width: 300, Height: 200, Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	r := rect(d)
	xtest.MovePointer(t, e.x, r.X+10, r.Y+10)
	mod := xtest.KeyDown(t, e.x, superL)
	xtest.Button(t, e.x, 1, true)
	// Xephyr keeps XTEST motion on one of its screens: the crossing is a warp, reported the same way.
	e.warp(1400+r.X+10, r.Y+10)
	xtest.Button(t, e.x, 1, false)
	xtest.Keycode(t, e.x, mod, false)
	xtest.Eventually(t, wait, func() (bool, string) {
		got := rect(d)
		return got.X >= 1280 && got.X+got.W <= 2304 && d.Viewable(), fmt.Sprintf("d at %+v, want it on the second monitor", got)
	})
	xtest.Eventually(t, wait, func() (bool, string) {
		desk := d.Cardinals("_NET_WM_DESKTOP")
		return len(desk) == 1 && desk[0] == 4, fmt.Sprintf("_NET_WM_DESKTOP %v, want 4 (the second screen's first workspace)", desk)
	})
}

// A dialog that opens on a workspace the user is not looking at asks for attention; it does not
// take the keys from the floating window the user types in.
func TestADialogOpeningElsewhereAsksForAttention(t *testing.T) {
	e := start(t)
	parent := e.client("parent")
	e.run("workspace 2")
	e.client("q")
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	e.waitFocus(f)
	d := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "dialog", TransientFor: parent.Win})
	e.waitState(d, "_NET_WM_STATE_DEMANDS_ATTENTION", true)
	e.waitFocus(f)
	e.run("focus urgent")
	e.waitFocus(d)
}

// A modal dialog of a floating window stays above it when the user clicks the parent.
func TestAModalOfAFloatingWindowStaysAboveIt(t *testing.T) {
	e := start(t)
	p := e.client("p", xtest.ClientOpts{Title: "p", Width: 600, Height: 400, Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}})
	m := e.client("m", xtest.ClientOpts{Title: "m", TransientFor: p.Win, States: []string{"_NET_WM_STATE_MODAL"}})
	e.waitFocus(m)
	r := rect(p)
	xtest.MovePointer(t, e.x, r.X+5, r.Y+5) // on the parent, outside its modal
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.wm.Sync()
	e.waitFocus(m)
	e.waitAbove(m, p)
}

// A dock that raises itself does not stay over a fullscreen window.
func TestADockRaisingItselfStaysBelowFullscreen(t *testing.T) {
	e := start(t)
	dock := e.dock("top", 0, 0, 1280, 30, [12]uint32{0, 0, 30, 0, 0, 0, 0, 0, 0, 1279, 0, 0})
	v := e.client("video")
	e.run("fullscreen on")
	e.waitShown(v, screen1280)
	xtest.Eventually(t, wait, func() (bool, string) { return e.above(frameOf(v), dock.Win) })
	if err := xproto.ConfigureWindowChecked(dock.Conn, dock.Win, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove}).Check(); err != nil {
		t.Fatal(err)
	}
	e.wm.Sync()
	xtest.Eventually(t, wait, func() (bool, string) { return e.above(frameOf(v), dock.Win) })
}

// A program that embeds a managed window into its own (XEmbed, tabbed) keeps it there.
func TestAWindowTakenByAnotherProgramIsLeftThere(t *testing.T) {
	e := start(t)
	a := e.client("a")
	holder := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "holder", OverrideRedirect: true})
	if err := xproto.ReparentWindowChecked(holder.Conn, a.Win, holder.Win, 0, 0).Check(); err != nil {
		t.Fatal(err)
	}
	e.waitLayout(">T[]")
	e.wm.Sync()
	if got := a.Parent(); got != holder.Win {
		t.Fatalf("a's parent is %#x, want the program that took it, %#x", got, holder.Win)
	}
}

// Resized with the mouse, a floating window keeps its minimum size, and never gets too small to
// grab again.
func TestAFloatingWindowKeepsItsMinimumSize(t *testing.T) {
	e := start(t)
	d := e.client("d", xtest.ClientOpts{Title: "d", Width: 300, Height: 200, Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"},
		Hints: &xtest.NormalHints{MinWidth: 250, MinHeight: 150}})
	d.SendMoveResize(100, 100, 50, 40)
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(d)
		return r.W == 250 && r.H == 150, fmt.Sprintf("d is %dx%d, want its minimum 250x150", r.W, r.H)
	})
	e.client("e", xtest.ClientOpts{Title: "e", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}}).SendMoveResize(100, 100, 1, 1)
	least := e.wm.model.Style.MinSize
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(e.clients["e"])
		return r.W == least && r.H == least, fmt.Sprintf("e is %dx%d, want %dx%d", r.W, r.H, least, least)
	})
}

// After exit, windows carry no state of fion's; a new fion floats what the user floated and
// leaves floating windows where they were.
func TestANewFionFindsFloatingWindowsWhereTheyWere(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	e := startOn(t, srv, nil)
	a := e.client("a")
	d := e.client("d", xtest.ClientOpts{Title: "d", Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}})
	d.SendMoveResize(100, 100, 200, 100)
	e.waitShown(d, layout.Rect{X: 100, Y: 100, W: 200, H: 100})
	e.run("focus next")
	e.run("float on") // a, floated by the user
	e.waitLayout(">T[]")
	where := rect(a)
	e.run("exit")
	<-e.done
	e.done <- nil
	for _, c := range []*xtest.Client{a, d} {
		if st := c.NetWMState(); slices.Contains(st, "_NET_WM_STATE_FOCUSED") || slices.Contains(st, "_NET_WM_STATE_HIDDEN") {
			t.Errorf("after exit, %#x keeps fion's _NET_WM_STATE %v", c.Win, st)
		}
		if c.Cardinals("_NET_FRAME_EXTENTS") != nil {
			t.Errorf("after exit, %#x keeps _NET_FRAME_EXTENTS", c.Win)
		}
	}
	e2 := startOn(t, srv, nil)
	e2.mu.Lock()
	e2.names[layoutID(a)], e2.names[layoutID(d)] = "a", "d"
	e2.mu.Unlock()
	e2.waitLayout(">T[]")
	e2.waitShown(d, layout.Rect{X: 100, Y: 100, W: 200, H: 100})
	e2.waitShown(a, where)
}

// A reload with a wider border keeps floating windows on the screen; one with fewer workspaces
// sends the floating windows of the dropped ones where their tiles go, the last one kept.
func TestReloadKeepsFloatingWindowsOnScreenAndWithTheirTiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fion.toml")
	if err := os.WriteFile(path, []byte("workspaces = [\"1\", \"2\", \"3\", \"4\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := start(t)
	e.wm.Do(func() { e.wm.opts.ConfigFlag = path })
	d := e.client("d", xtest.ClientOpts{Title: "d", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	d.SendMoveResize(1280-200-1, 800-100-1, 200, 100) // against the bottom right corner
	e.waitShown(d, layout.Rect{X: 1079, Y: 699, W: 200, H: 100})
	if err := os.WriteFile(path, []byte("border = 20\nworkspaces = [\"1\", \"2\", \"3\", \"4\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.run("reload")
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(d)
		return r.X+r.W+20 <= 1280 && r.Y+r.H+20 <= 800, fmt.Sprintf("d at %+v: its 20-pixel border is off the screen", r)
	})
	e.run("workspace 4")
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	if err := os.WriteFile(path, []byte("workspaces = [\"1\", \"2\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.run("reload")
	xtest.Eventually(t, wait, func() (bool, string) {
		desk := f.Cardinals("_NET_WM_DESKTOP")
		return slices.Equal(desk, []uint32{1}), fmt.Sprintf("f is on desktop %v, want 1 (workspace 2, where the tiles of 3 and 4 went)", desk)
	})
}

// A client that unmaps itself just as fion hides it (fion's own unmap then finds it unmapped)
// has withdrawn: fion does not map it again later.
func TestAWindowUnmappedByItselfAsFionHidesItWithdraws(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.wm.Do(func() {
		a.Unmap() // the server has it before fion's own unmap
		e.wm.model.SwitchWorkspace(1)
	})
	e.waitLayout(">T[]")
	e.run("workspace 1")
	e.waitLayout(">T[]")
	if a.Viewable() {
		t.Fatal("fion mapped a window that had withdrawn")
	}
}

// A dialog hides with its window's tab and comes back with it; one opening for a hidden tab asks
// for attention, and going to it shows the tab.
func TestADialogHidesWithItsTab(t *testing.T) {
	e := start(t)
	p := e.client("p")
	d := e.client("d", xtest.ClientOpts{Title: "d", TransientFor: p.Win})
	q := e.client("q")
	e.waitLayout(">T[p q*]")
	e.waitHidden(d)
	e.waitFocus(q)
	e.run("tab 1")
	xtest.Eventually(t, wait, func() (bool, string) { return d.Viewable(), "the dialog did not come back with its tab" })
	e.run("tab 2")
	e.waitHidden(d)
	d2 := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "d2", TransientFor: p.Win})
	e.waitState(d2, "_NET_WM_STATE_DEMANDS_ATTENTION", true)
	e.waitFocus(q)
	e.run("focus urgent")
	e.waitFocus(d2)
	e.waitLayout(">T[p* q]")
}

// The tab of a window whose hidden dialog asks for attention shows it.
func TestAHiddenDialogAskingForAttentionShowsOnItsWindowsTab(t *testing.T) {
	e := start(t)
	p := e.client("p")
	e.client("q")
	e.waitLayout(">T[p q*]")
	xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "d", TransientFor: p.Win})
	pl := e.placement(p)
	e.waitPixel("p's tab", pl.Bar.X+pl.Bar.W/4, pl.Bar.Y+1, uint32(e.wm.cfg.Colors.UrgentTab))
}

// Frame extents say what the frame is: none for a dock or a window that starts in fullscreen,
// a tile's for a fullscreen window back in its tile while another tile has the focus.
func TestFrameExtentsSayWhatTheFrameIs(t *testing.T) {
	e := start(t)
	for _, o := range []xtest.ClientOpts{
		{Title: "dock", NoMap: true, Types: []string{"_NET_WM_WINDOW_TYPE_DOCK"}},
		{Title: "video", NoMap: true, States: []string{"_NET_WM_STATE_FULLSCREEN"}},
	} {
		c := xtest.NewClient(t, e.srv.Display, o)
		c.RequestFrameExtents()
		xtest.Eventually(t, wait, func() (bool, string) {
			ext := c.Cardinals("_NET_FRAME_EXTENTS")
			return slices.Equal(ext, []uint32{0, 0, 0, 0}), fmt.Sprintf("%s: _NET_FRAME_EXTENTS %v, want none", o.Title, ext)
		})
	}
	e.run("split right")
	v := e.client("v")
	e.run("fullscreen on")
	e.waitShown(v, screen1280)
	e.run("focus left")
	e.waitShown(v, e.placement(v).Client)
	b := uint32(e.wm.cfg.Border)
	xtest.Eventually(t, wait, func() (bool, string) {
		ext := v.Cardinals("_NET_FRAME_EXTENTS")
		want := []uint32{b, b, b + uint32(e.wm.barHeight()), b}
		return slices.Equal(ext, want), fmt.Sprintf("_NET_FRAME_EXTENTS %v, want %v", ext, want)
	})
}

// A window the user puts back into a tile stays there when it leaves fullscreen later, even if
// it floated before an earlier fullscreen.
func TestAWindowPutBackInATileStaysThereAfterFullscreen(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("float on")
	e.run("fullscreen on")
	e.run("float on")
	e.run("float off")
	e.run("fullscreen on")
	e.waitShown(a, screen1280)
	e.run("fullscreen off")
	e.waitLayout(">T[a*]")
	e.waitShown(a, e.placement(a).Client)
}

// On two screens, clicking a floating window on the screen without the focus gives it the keys.
func TestClickingAFloatingWindowOnTheOtherScreen(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil)
	e.wm.Do(func() { e.wm.cfg.FocusFollowsMouse = false }) // the click alone
	a := e.client("a")
	e.run("screen 2")
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	e.waitFocus(f)
	e.run("screen 1")
	e.waitFocus(a)
	r := rect(f)
	e.warp(r.X+r.W/2, r.Y+r.H/2)
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.waitFocus(f)
}

// A floating window that leaves fullscreen floats again without taking the keys, or asking for
// attention, when another window has them.
func TestLeavingFullscreenTakesNothing(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("float on")
	e.run("fullscreen on")
	e.waitShown(a, screen1280)
	e.run("split right")
	b := e.client("b")
	e.waitFocus(b)
	a.SendNetWMState(xtest.NetWMStateRemove, "_NET_WM_STATE_FULLSCREEN", "")
	e.waitLayout("H[T[] >T[b*]]")
	e.waitFocus(b)
	if st := a.NetWMState(); slices.Contains(st, "_NET_WM_STATE_DEMANDS_ATTENTION") {
		t.Fatalf("a asks for attention after leaving fullscreen: %v", st)
	}
}

// A tile command that fails leaves the keys with the floating window that has them.
func TestAFailedTileCommandLeavesTheKeysWhereTheyAre(t *testing.T) {
	e := start(t)
	e.client("a")
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	e.waitFocus(f)
	for _, cmd := range []string{"tab 3", "remove-tile", "move-tab-to-workspace 9"} {
		if err := e.wm.Run(cmd); err == nil {
			t.Fatalf("%s did not fail", cmd)
		}
		e.waitFocus(f)
	}
}

// Size hints and WM_TRANSIENT_FOR that change on a floating window that is shown.
func TestAFloatingWindowFollowsItsChangingProperties(t *testing.T) {
	e := start(t)
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	f.SetNormalHints(xtest.NormalHints{MinWidth: 400, MinHeight: 300, MaxWidth: 400, MaxHeight: 300})
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(f)
		return r.W == 400 && r.H == 300, fmt.Sprintf("f is %dx%d, want the 400x300 it now allows", r.W, r.H)
	})
	// A dialog of a window on workspace 2, made while the user is on 1, whose parent becomes the
	// root ("the group"), stays on workspace 2.
	p := e.client("p")
	e.run("move-tab-to-workspace 2")
	d := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "d", TransientFor: p.Win})
	xtest.Eventually(t, wait, func() (bool, string) {
		return slices.Equal(d.Cardinals("_NET_WM_DESKTOP"), []uint32{1}), "the dialog is not on desktop 1"
	})
	d.SetTransientFor(e.root)
	e.wm.Sync()
	if desk := d.Cardinals("_NET_WM_DESKTOP"); !slices.Equal(desk, []uint32{1}) {
		t.Fatalf("the dialog moved to desktop %v when its parent became the root", desk)
	}
}

// With static gravity, the position a floating window asks for is its own, not its frame's.
func TestStaticGravity(t *testing.T) {
	e := start(t)
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"},
		Hints: &xtest.NormalHints{WinGravity: 10}})
	for range 3 { // asking again for where it is moves it nowhere
		f.Configure(200, 220, 200, 100)
		e.waitShown(f, layout.Rect{X: 200, Y: 220, W: 200, H: 100})
	}
}

// Subscribers hear of a workspace switch before the focus it brings, once, and the tree shows no
// focused tile while a floating window has the keys.
func TestEventsAndTreeWithFloatingWindows(t *testing.T) {
	e := start(t)
	sub := e.socket()
	if err := sub.Subscribe("workspace", "client"); err != nil {
		t.Fatal(err)
	}
	e.client("a")
	f := e.client("f", xtest.ClientOpts{Title: "f", Types: []string{"_NET_WM_WINDOW_TYPE_UTILITY"}})
	e.waitFocus(f)
	var focused bool
	e.wm.Do(func() { focused = e.wm.tree(true).Screens[0].Workspaces[0].Layout.Tile.Focused })
	if focused {
		t.Fatal("the tree says the tile is focused while a floating window has the keys")
	}
	e.run("workspace 2")
	next(t, sub, "workspace.switch")
	f.SendActiveWindow(xtest.SourcePager)
	e.waitFocus(f)
	next(t, sub, "workspace.switch")
	ev, err := sub.Next()
	if err != nil || ev.Event != "client.focus" {
		t.Fatalf("after the switch: %v %v, want client.focus", ev.Event, err)
	}
	e.run("float off") // the focused window goes into a tile and back: it keeps the keys throughout
	e.run("float on")
	e.run("workspace 2")
	if ev, err := sub.Next(); err != nil || ev.Event != "workspace.switch" {
		t.Fatalf("after float off and on, then a switch: %v %v, want workspace.switch and no client.focus", ev.Event, err)
	}
}
