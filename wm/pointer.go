package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// focusedRect is where what has the keys is, in root coordinates: the focused floating window's
// frame, else the focused tile's frame (as apply last placed them).
func (w *WM) focusedRect() (layout.Rect, bool) {
	if c := w.target(); c != nil && w.floating(c) != nil && c.frame != nil && c.frame.mapped {
		return c.frame.placed, true
	}
	if f, ok := w.frames[w.model.Tile().ID]; ok && f.rect.W > 0 {
		return f.rect, true
	}
	return layout.Rect{}, false
}

// placeHolder keeps fion's focus holder (the window with the keys when no client has them) in the
// corner of the focused tile, below every other window and so never seen nor clicked. Programs
// that open on the screen of the window with the keys (dmenu, rofi) then open on the focused
// screen even when the focused tile is empty.
func (w *WM) placeHolder() {
	r, ok := w.focusedRect()
	if !ok || r.X == w.holderAt.X && r.Y == w.holderAt.Y {
		return
	}
	w.holderAt = r
	xproto.ConfigureWindow(w.x.X, w.check, xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowStackMode,
		[]uint32{uint32(int32(r.X)), uint32(int32(r.Y)), xproto.StackModeBelow})
}

// warpPointer puts the pointer in the middle of what has the keys when the keyboard moved to
// another screen than the pointer's (warp_pointer): after a key, a command or a pager, not after
// the pointer itself crossed into that screen.
func (w *WM) warpPointer() {
	screen := w.model.Screen().Name
	if screen == w.keysOn {
		return
	}
	first := w.keysOn == ""
	w.keysOn = screen
	if first || !w.cfg.WarpPointer {
		return
	}
	p, err := xproto.QueryPointer(w.x.X, w.x.Root).Reply()
	if err != nil || w.model.Screen().Rect.Contains(int(p.RootX), int(p.RootY)) {
		return
	}
	r, ok := w.focusedRect()
	if !ok {
		return
	}
	w.moved = true // the crossing events the warp causes are fion's doing
	xproto.WarpPointer(w.x.X, 0, w.x.Root, 0, 0, 0, 0, int16(r.X+r.W/2), int16(r.Y+r.H/2))
}
