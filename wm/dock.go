package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// A dock is a panel or status bar (_NET_WM_WINDOW_TYPE_DOCK): fion does not frame it or give it a
// tab, leaves it where it put itself, mapped on every workspace, and keeps the band its strut
// reserves free of tiles on the screens that band touches.
type dock struct {
	win   xproto.Window
	rect  layout.Rect // root coordinates
	strut x11.Strut
	has   bool // it has a strut
}

const dockMask = xproto.EventMaskStructureNotify | xproto.EventMaskPropertyChange

func (w *WM) manageDock(win xproto.Window, props x11.ClientProps, rect layout.Rect, mapped bool) {
	xproto.ChangeWindowAttributes(w.x.X, win, xproto.CwEventMask, []uint32{dockMask})
	w.docks[win] = &dock{win: win, rect: rect, strut: props.Strut, has: props.HasStrut}
	if !mapped {
		xproto.MapWindow(w.x.X, win)
	}
	w.restack = true // it is on top now; fullscreen and floating windows go back above it
	w.reserve()
	w.debug.Printf("dock %#x at %v, strut %+v", win, rect, props.Strut)
}

// forgetDock is a dock that went away: its space returns to the tiles.
func (w *WM) forgetDock(win xproto.Window) bool {
	if _, ok := w.docks[win]; !ok {
		return false
	}
	delete(w.docks, win)
	w.reserve()
	return true
}

// reserve hands the bands the docks' struts reserve to the model, which shrinks the work area of
// the screens they touch.
func (w *WM) reserve() {
	// Struts are measured from the root window's edges. Some servers (Xephyr with several screens
	// and Xinerama) report a root smaller than the monitors together: then their bounding box is it.
	rootW, rootH := w.rootW, w.rootH
	for _, s := range w.model.Screens {
		rootW, rootH = max(rootW, s.Rect.X+s.Rect.W), max(rootH, s.Rect.Y+s.Rect.H)
	}
	var bands []layout.Band
	for _, d := range w.docks {
		if !d.has {
			continue
		}
		// A strut is measured from the root's edge, so a panel atop the lower of two stacked
		// monitors reserves a band across the upper one too: each band counts only on the
		// monitors the dock itself is on (all of them, for a dock that is on none).
		on := w.screensUnder(d.rect)
		for _, b := range d.strut.Bands(rootW, rootH, d.rect.X, d.rect.Y, d.rect.W, d.rect.H) {
			band := layout.Rect{X: b.X, Y: b.Y, W: b.W, H: b.H}
			for _, r := range on {
				if part, ok := band.Intersect(r); ok {
					bands = append(bands, layout.Band{Side: sideOf[b.Side], Rect: part})
				}
			}
		}
	}
	w.model.SetReserved(bands)
}

// screensUnder is the rectangles of the screens r overlaps, or of every screen when it overlaps
// none.
func (w *WM) screensUnder(r layout.Rect) []layout.Rect {
	var on, all []layout.Rect
	for _, s := range w.model.Screens {
		all = append(all, s.Rect)
		if _, ok := r.Intersect(s.Rect); ok {
			on = append(on, s.Rect)
		}
	}
	if len(on) == 0 {
		return all
	}
	return on
}

var sideOf = map[string]layout.Dir{"top": layout.Up, "bottom": layout.Down, "left": layout.Left, "right": layout.Right}

// dockEvent handles what happens to a dock window: it moved, its strut changed, it left. It
// reports false for a window that is not a dock.
func (w *WM) dockEvent(ev any) bool {
	switch e := ev.(type) {
	case xproto.ConfigureNotifyEvent:
		d, ok := w.docks[e.Window]
		if !ok || e.Event != e.Window {
			return ok
		}
		d.rect = layout.Rect{X: int(e.X), Y: int(e.Y), W: int(e.Width), H: int(e.Height)}
		w.reserve()
	case xproto.PropertyNotifyEvent:
		d, ok := w.docks[e.Window]
		if !ok {
			return false
		}
		if name := w.x.AtomName(e.Atom); name == "_NET_WM_STRUT" || name == "_NET_WM_STRUT_PARTIAL" {
			d.strut, d.has = w.x.ReadStrut(d.win)
			w.reserve()
		}
	case xproto.UnmapNotifyEvent:
		return w.forgetDock(e.Window)
	case xproto.DestroyNotifyEvent:
		return w.forgetDock(e.Window)
	default:
		return false
	}
	return true
}
