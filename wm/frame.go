package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// frame is the X side of a tile: a window with FION's border that holds the tile's clients, and a
// bar window across its top whose background pixmap is the rendered tab bar (so the server repaints
// it on expose by itself).
type frame struct {
	tile   int
	win    xproto.Window
	bar    xproto.Window
	pixmap xproto.Pixmap // the bar picture; 0 until first drawn

	// Applied state.
	rect    layout.Rect // the frame window's outer rectangle (border included), root coordinates
	barRect layout.Rect // the bar, relative to the frame's inside
	mapped  bool
	focused bool
	bw      int       // border width in effect
	border  uint32    // border colour in effect
	picture x11.Bar   // the bar as last drawn, which pixmap holds
	pixSize [2]int    // pixmap's width and height
	tabs    []x11.Tab // what drawBar last asked the bar to show, kept for its buffer
}

// Frames redirect their clients' map and configure requests to fion, as the root does. Their
// crossing events tell fion where the pointer is (see enter).
const frameMask = xproto.EventMaskEnterWindow | xproto.EventMaskLeaveWindow | xproto.EventMaskButtonPress |
	xproto.EventMaskSubstructureRedirect

// frame returns the frame of tile t, creating its windows the first time; nil when X has no
// resource id left for them (see newID).
func (w *WM) frame(t *layout.Tile) *frame {
	if f, ok := w.frames[t.ID]; ok {
		return f
	}
	win, ok := w.newID()
	bar, ok2 := w.newID()
	if !ok || !ok2 {
		return nil
	}
	f := &frame{tile: t.ID, win: xproto.Window(win), bar: xproto.Window(bar)}
	look := w.look
	xproto.CreateWindow(w.x.X, w.x.Screen.RootDepth, f.win, w.x.Root, 0, 0, 1, 1, uint16(w.cfg.Border),
		xproto.WindowClassInputOutput, w.x.Screen.RootVisual,
		xproto.CwBackPixel|xproto.CwBorderPixel|xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{look.background, look.border, 1, frameMask})
	xproto.CreateWindow(w.x.X, w.x.Screen.RootDepth, f.bar, f.win, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOutput, w.x.Screen.RootVisual,
		xproto.CwBackPixel, []uint32{look.barBg})
	xproto.MapWindow(w.x.X, f.bar)
	w.grabClicks(f.win)
	f.border = look.border
	f.rect = layout.Rect{W: -1}
	w.restack = true // a new window is on top of the floating ones
	w.frames[t.ID] = f
	w.owners[f.win] = f
	w.owners[f.bar] = f
	return f
}

// place moves and sizes the frame to placement p with border width b, and sets its border colour.
func (f *frame) place(w *WM, p layout.Placement, focused, urgent bool, b int) {
	if f.rect != p.Frame || f.bw != b {
		f.rect, f.bw = p.Frame, b
		w.moved = true
		xproto.ConfigureWindow(w.x.X, f.win,
			xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight|xproto.ConfigWindowBorderWidth,
			[]uint32{uint32(int32(p.Frame.X)), uint32(int32(p.Frame.Y)), uint32(max(p.Frame.W-2*b, 1)), uint32(max(p.Frame.H-2*b, 1)), uint32(b)})
	}
	bar := layout.Rect{X: p.Bar.X - p.Frame.X - b, Y: p.Bar.Y - p.Frame.Y - b, W: max(p.Bar.W, 1), H: max(p.Bar.H, 1)}
	if f.barRect != bar {
		f.barRect = bar
		xproto.ConfigureWindow(w.x.X, f.bar,
			xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight,
			[]uint32{uint32(int32(bar.X)), uint32(int32(bar.Y)), uint32(bar.W), uint32(bar.H)})
	}
	f.focused = focused
	colour := w.look.border
	switch {
	case focused:
		colour = w.look.focusedBorder
	case urgent:
		colour = w.look.urgentBorder
	}
	if f.border != colour {
		f.border = colour
		xproto.ChangeWindowAttributes(w.x.X, f.win, xproto.CwBorderPixel, []uint32{colour})
	}
}

func (f *frame) show(w *WM) {
	if !f.mapped {
		w.moved = true
		xproto.MapWindow(w.x.X, f.win)
		f.mapped = true
	}
}

func (f *frame) hide(w *WM) {
	if f.mapped {
		w.moved = true
		xproto.UnmapWindow(w.x.X, f.win)
		f.mapped = false
	}
}

func (f *frame) destroy(w *WM) {
	w.moved = true
	// Destroying a window destroys its children: a client still inside (which apply should never
	// leave there) goes back to the root, hidden, for the next apply to place.
	for _, c := range w.clients {
		if c.parent == f.win {
			w.hideClient(c)
			xproto.ReparentWindow(w.x.X, c.win, w.x.Root, int16(c.root.X), int16(c.root.Y))
			c.parent = 0
		}
	}
	w.destroyFrame(f.win)
	if f.pixmap != 0 {
		xproto.FreePixmap(w.x.X, f.pixmap)
	}
	delete(w.frames, f.tile)
	delete(w.owners, f.win)
	delete(w.owners, f.bar)
}
