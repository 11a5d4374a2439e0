package wm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// pixel is the colour (0xrrggbb) the screen shows at x, y.
func (e *env) pixel(x, y int) uint32 {
	img, err := xproto.GetImage(e.x, xproto.ImageFormatZPixmap, xproto.Drawable(e.root), int16(x), int16(y), 1, 1, 0xffffffff).Reply()
	if err != nil || len(img.Data) < 3 {
		return 0xffffffff
	}
	return uint32(img.Data[2])<<16 | uint32(img.Data[1])<<8 | uint32(img.Data[0])
}

// waitPixel waits until the screen shows colour at x, y.
func (e *env) waitPixel(what string, x, y int, colour uint32) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.pixel(x, y)
		return got == colour, fmt.Sprintf("%s at %d,%d is #%06x, want #%06x", what, x, y, got, colour)
	})
}

func TestActivationByPagersAndByPrograms(t *testing.T) {
	e := start(t)
	a := e.client("a")
	b := e.client("b")
	e.run("move-tab-to-workspace 2")
	e.waitHidden(b)
	e.waitFocus(a)
	// A pager (xdotool windowactivate, wmctrl -a) shows the window wherever it is.
	b.SendActiveWindow(xtest.SourcePager)
	e.waitFocus(b)
	e.waitHidden(a)
	// A program may not take the keyboard: its window is marked urgent instead.
	a.SendActiveWindow(xtest.SourceApplication)
	e.waitState(a, "_NET_WM_STATE_DEMANDS_ATTENTION", true)
	e.wm.Sync()
	if e.focus() != b.Win || a.Viewable() {
		t.Fatal("a program's activation request took the focus")
	}
	// The user follows it.
	e.press("Mod4+u") // focus urgent
	e.waitFocus(a)
	e.waitState(a, "_NET_WM_STATE_DEMANDS_ATTENTION", false)
	if err := e.wm.Run("focus urgent"); err == nil {
		t.Fatal("focus urgent with no urgent window: no error")
	}
	// Unless configured otherwise.
	e.wm.Do(func() { e.wm.cfg.FocusOnActivate = true })
	b.SendActiveWindow(xtest.SourceApplication)
	e.waitFocus(b)
}

func TestUrgentWindowsShowOnTheirTabAndTile(t *testing.T) {
	e := start(t)
	e.run("split right")
	e.client("c")
	e.run("focus left")
	a := e.client("a")
	b := e.client("b")
	e.run("tab 1")
	e.run("focus right")
	e.waitLayout("H[T[a* b] >T[c*]]")
	colors := e.wm.cfg.Colors
	p := e.placement(a)
	// b, a hidden tab of a tile that does not have the focus, asks for attention.
	b.SetUrgent(true)
	tabX := p.Bar.X + p.Bar.W*3/4 // in the second of the two tabs
	e.waitPixel("b's tab", tabX, p.Bar.Y+1, uint32(colors.UrgentTab))
	e.waitPixel("the border of b's tile", p.Frame.X, p.Frame.Y+p.Frame.H/2, uint32(colors.UrgentTab))
	xtest.Eventually(t, wait, func() (bool, string) {
		var got bool
		e.wm.Do(func() { got = e.wm.tree(true).Screens[0].Workspaces[0].Layout.Children[0].Tile.Tabs[1].Urgent })
		return got, "the tree does not show b urgent"
	})
	// The oldest urgent window first.
	c := e.clients["c"]
	c.SendNetWMState(xtest.NetWMStateAdd, "_NET_WM_STATE_DEMANDS_ATTENTION", "")
	e.waitState(c, "_NET_WM_STATE_DEMANDS_ATTENTION", true)
	e.run("focus urgent")
	e.waitFocus(b)
	e.waitLayout("H[>T[a b*] T[c*]]")
	// It stays urgent until the program says otherwise (WM_HINTS is the program's).
	b.SetUrgent(false)
	e.waitPixel("the border of b's tile", p.Frame.X, p.Frame.Y+p.Frame.H/2, uint32(colors.FocusedBorder))
	e.run("focus urgent")
	e.waitFocus(c)
	if st := c.NetWMState(); slices.Contains(st, "_NET_WM_STATE_DEMANDS_ATTENTION") {
		xtest.Eventually(t, wait, func() (bool, string) {
			return !slices.Contains(c.NetWMState(), "_NET_WM_STATE_DEMANDS_ATTENTION"), "fion left DEMANDS_ATTENTION on a focused window"
		})
	}
}

func TestSizeHintsInTiles(t *testing.T) {
	cases := []struct {
		name  string
		mode  string
		hints xtest.NormalHints
		fit   func(area, got layout.Rect) string
	}{
		{"cells, centred", "center", xtest.NormalHints{BaseWidth: 5, BaseHeight: 7, WidthInc: 10, HeightInc: 20}, func(area, got layout.Rect) string {
			if (got.W-5)%10 != 0 || (got.H-7)%20 != 0 || got.W+10 <= area.W || got.H+20 <= area.H || got.W > area.W || got.H > area.H {
				return "not the most whole cells"
			}
			if got.X != area.X+(area.W-got.W)/2 || got.Y != area.Y+(area.H-got.H)/2 {
				return "not centred"
			}
			return ""
		}},
		{"cells, top-left", "top-left", xtest.NormalHints{WidthInc: 10, HeightInc: 20}, func(area, got layout.Rect) string {
			if got.X != area.X || got.Y != area.Y || got.W%10 != 0 || got.H%20 != 0 {
				return "not whole cells in the corner"
			}
			return ""
		}},
		{"ignored", "ignore", xtest.NormalHints{WidthInc: 10, HeightInc: 20}, func(area, got layout.Rect) string {
			if got != area {
				return "not the whole tile"
			}
			return ""
		}},
		{"maximum", "center", xtest.NormalHints{MaxWidth: 300, MaxHeight: 200}, func(area, got layout.Rect) string {
			if got.W != 300 || got.H != 200 {
				return "larger than its maximum"
			}
			return ""
		}},
		{"absurd", "center", xtest.NormalHints{Flags: xtest.HintMinSize | xtest.HintMaxSize | xtest.HintResizeInc,
			MinWidth: 65535, MinHeight: -5, MaxWidth: 3, MaxHeight: 0, WidthInc: 0, HeightInc: 65535}, func(area, got layout.Rect) string {
			if got.W < 1 || got.H < 1 || got.W > area.W || got.H > area.H {
				return "outside its tile"
			}
			return ""
		}},
	}
	e := start(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.wm.Do(func() { e.wm.cfg.SizeHints = tc.mode })
			h := tc.hints
			c := e.client(tc.name, xtest.ClientOpts{Title: tc.name, Hints: &h})
			area := e.placement(c).Client
			xtest.Eventually(t, wait, func() (bool, string) {
				got := rect(c)
				msg := tc.fit(area, got)
				return msg == "", fmt.Sprintf("in a tile of %+v, %s: %+v", area, msg, got)
			})
			c.Destroy()
		})
	}
}
