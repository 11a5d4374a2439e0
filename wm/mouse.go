package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// drag is a border being dragged with the mouse, or a floating window being moved or resized.
type drag struct {
	split  *layout.Node
	orient layout.Orientation

	float  *client
	resize bool

	tab   *tabDrag    // a tab, from its bar
	x, y  int         // where the pointer was pressed, root coordinates
	start layout.Rect // the floating window's client area then
}

// buttonPress comes from the passive grab on every frame: a click focuses its tile, selects a tab
// when it is on the tab bar, starts a border drag when it is on a border between tiles, and is
// then replayed to the client.
func (w *WM) buttonPress(e xproto.ButtonPressEvent) {
	replay := byte(xproto.AllowReplayPointer)
	defer func() { xproto.AllowEvents(w.x.X, replay, e.Time) }()
	if w.prompt != nil {
		replay = xproto.AllowAsyncPointer
		w.promptClick(e)
		return
	}
	if c, ok := w.floatFrames[e.Event]; ok {
		w.model.FocusFloat(c.id())
		mod := w.cfg.FloatModifier
		if f := w.floating(c); f != nil && e.State&mod == mod && (e.Detail == 1 || e.Detail == 3) {
			w.drag = &drag{float: c, resize: e.Detail == 3, x: int(e.RootX), y: int(e.RootY), start: f.Rect}
			replay = xproto.AllowAsyncPointer
			w.grabPointer(e.Time)
		}
		return
	}
	f, ok := w.owners[e.Event]
	if !ok {
		return
	}
	t, ok := w.tileOf(e.Event)
	if !ok {
		return
	}
	w.model.FocusTiles()
	w.model.FocusTile(t)
	x, y := int(e.RootX), int(e.RootY)
	bar := f.barRect
	// fion's own pixels: the border, the bar, an empty tile. A click there is fion's alone: replayed,
	// it would come back through the frame's own ButtonPress selection and be handled twice (a
	// click on a marker of the bar would turn two pages). Near a border between two tiles they
	// are a handle to drag it.
	own := e.Child == 0 || e.Child == f.bar
	if own {
		replay = xproto.AllowAsyncPointer
	}
	if own && e.Detail == 1 {
		if n, ok := w.model.BorderAt(x, y, w.cfg.Border+3); ok {
			w.drag = &drag{split: n, orient: n.Orient}
			w.grabPointer(e.Time)
			return
		}
	}
	inBar := e.Child == f.bar || (e.Child == 0 && int(e.EventY) >= bar.Y && int(e.EventY) < bar.Y+bar.H)
	switch {
	case inBar && e.Detail == 1:
		if i := w.look.bar.TabAt(bar.W, len(t.Tabs), t.Active, int(e.EventX)-bar.X); i >= 0 {
			w.model.TabSelect(i)
			if c := w.clients[xproto.Window(t.Tabs[i])]; c != nil && w.drag == nil {
				w.startTabDrag(c, t, x, y, e.Time) // a click, or the start of a drag
			}
		}
	case inBar && (e.Detail == 4 || e.Detail == 6): // the wheel, up or left
		w.model.TabPrev()
	case inBar && (e.Detail == 5 || e.Detail == 7):
		w.model.TabNext()
	}
}

// grabPointer sends every motion and the release to fion while the user drags.
func (w *WM) grabPointer(t xproto.Timestamp) {
	xproto.GrabPointer(w.x.X, false, w.x.Root,
		xproto.EventMaskButtonRelease|xproto.EventMaskPointerMotion,
		xproto.GrabModeAsync, xproto.GrabModeAsync, 0, 0, t)
}

func (w *WM) motion(e xproto.MotionNotifyEvent) {
	if w.drag == nil {
		return
	}
	if w.drag.tab != nil {
		w.tabDragMotion(int(e.RootX), int(e.RootY))
		return
	}
	if d := w.drag; d.float != nil {
		if w.clients[d.float.win] != d.float || w.floating(d.float) == nil {
			return // it closed or went back into a tile meanwhile
		}
		r := d.start
		dx, dy := int(e.RootX)-d.x, int(e.RootY)-d.y
		if d.resize {
			r.W, r.H = r.W+dx, r.H+dy
			w.model.MoveFloat(d.float.id(), w.fitFloat(d.float, r))
		} else {
			r.X, r.Y = r.X+dx, r.Y+dy
			w.model.DragFloat(d.float.id(), w.fitFloat(d.float, r))
		}
		return
	}
	pos := int(e.RootX)
	if w.drag.orient == layout.Vertical {
		pos = int(e.RootY)
	}
	if w.model.SetBorder(w.drag.split, pos) {
		w.publish("tile.resize", TileEvent{Tile: w.model.Tile().ID, Ratio: w.drag.split.Ratio})
	}
}

func (w *WM) buttonRelease(e xproto.ButtonReleaseEvent) {
	if w.drag != nil && w.drag.tab != nil {
		w.endTabDrag(int(e.RootX), int(e.RootY), false, e.Time)
		return
	}
	if w.drag != nil {
		w.drag = nil
		xproto.UngrabPointer(w.x.X, e.Time)
	}
}
