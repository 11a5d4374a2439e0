package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// Dragging a tab, as in ion: pressed on a tab and moved past a few pixels (so that a click is
// still a click), the tab follows the pointer; dropped on another tile's bar or body it moves
// there; dropped on the outer quarter of a tile's body it goes into a new tile split off that
// side; dropped on its own bar it takes the place there. While it moves the target is outlined;
// Escape cancels.

// tabDrag is a tab being dragged.
type tabDrag struct {
	c      *client
	from   *layout.Tile
	moving bool // past dragThreshold
	// outline is four thin windows drawing the target's edges; 0 until first needed.
	outline [4]xproto.Window
	shown   bool
}

// dragThreshold is how far, in pixels, the pointer must move past with the button down before a
// press on a tab becomes a drag.
const dragThreshold = 6

// outlineWidth is the width of the lines that outline a drop target.
const outlineWidth = 3

// dropKind says what dropping a tab at a point does.
type dropKind int

const (
	dropNone    dropKind = iota
	dropInto             // into another tile, as its active tab
	dropBeside           // into a new tile split off one side of a tile
	dropReorder          // at another place in its own tab bar
)

// drop is where a dragged tab would land.
type drop struct {
	kind  dropKind
	tile  *layout.Tile
	side  layout.Dir // dropBeside
	index int        // dropReorder
	area  layout.Rect
}

// startTabDrag begins what may become a drag of tab c of tile t, pressed at x, y.
func (w *WM) startTabDrag(c *client, t *layout.Tile, x, y int, time xproto.Timestamp) {
	w.drag = &drag{tab: &tabDrag{c: c, from: t}, x: x, y: y}
	w.grabPointer(time)
}

// tabDragMotion follows the pointer: past the threshold, the target under it is outlined.
func (w *WM) tabDragMotion(x, y int) {
	d := w.drag.tab
	if !d.moving {
		if max(x-w.drag.x, w.drag.x-x, y-w.drag.y, w.drag.y-y) <= dragThreshold {
			return
		}
		d.moving = true
		// Escape cancels: fion takes the keyboard while the tab moves.
		xproto.GrabKeyboardUnchecked(w.x.X, false, w.x.Root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync)
	}
	w.showOutline(d, w.dropAt(d, x, y))
}

// dropAt is what dropping d's tab at root point x, y would do.
func (w *WM) dropAt(d *tabDrag, x, y int) drop {
	if w.clients[d.c.win] != d.c {
		return drop{} // it closed meanwhile
	}
	for _, p := range w.model.Visible() {
		if p.Hidden || !p.Frame.Contains(x, y) {
			continue
		}
		if p.Bar.Contains(x, y) {
			if p.Tile != d.from {
				return drop{kind: dropInto, tile: p.Tile, area: p.Frame}
			}
			i := w.look.bar.TabAt(p.Bar.W, len(p.Tile.Tabs), p.Tile.Active, x-p.Bar.X)
			if i < 0 {
				return drop{}
			}
			return drop{kind: dropReorder, tile: p.Tile, index: i, area: p.Bar}
		}
		f := p.Frame
		side, near := layout.Left, x-f.X
		for _, s := range []struct {
			d    layout.Dir
			dist int
		}{{layout.Right, f.X + f.W - 1 - x}, {layout.Up, (y - f.Y) * f.W / max(f.H, 1)}, {layout.Down, (f.Y + f.H - 1 - y) * f.W / max(f.H, 1)}} {
			if s.dist < near {
				side, near = s.d, s.dist
			}
		}
		if near < f.W/4 { // the outer quarter on that side (distances scaled to the width)
			return drop{kind: dropBeside, tile: p.Tile, side: side, area: half(f, side)}
		}
		if p.Tile == d.from {
			return drop{}
		}
		return drop{kind: dropInto, tile: p.Tile, area: p.Frame}
	}
	return drop{}
}

// half is the half of r on side d.
func half(r layout.Rect, d layout.Dir) layout.Rect {
	switch d {
	case layout.Left:
		r.W /= 2
	case layout.Right:
		r.X, r.W = r.X+r.W/2, r.W-r.W/2
	case layout.Up:
		r.H /= 2
	default:
		r.Y, r.H = r.Y+r.H/2, r.H-r.H/2
	}
	return r
}

// showOutline draws the edges of the drop target, or hides them when there is none.
func (w *WM) showOutline(d *tabDrag, to drop) {
	if to.kind == dropNone {
		w.hideOutline(d)
		return
	}
	r, b := to.area, outlineWidth
	edges := [4]layout.Rect{
		{X: r.X, Y: r.Y, W: r.W, H: b}, {X: r.X, Y: r.Y + r.H - b, W: r.W, H: b},
		{X: r.X, Y: r.Y, W: b, H: r.H}, {X: r.X + r.W - b, Y: r.Y, W: b, H: r.H},
	}
	for i, e := range edges {
		if d.outline[i] == 0 {
			id, ok := w.newID()
			if !ok {
				return
			}
			d.outline[i] = xproto.Window(id)
			xproto.CreateWindow(w.x.X, w.x.Screen.RootDepth, d.outline[i], w.x.Root, 0, 0, 1, 1, 0,
				xproto.WindowClassInputOutput, w.x.Screen.RootVisual,
				xproto.CwBackPixel|xproto.CwOverrideRedirect, []uint32{w.look.focusedBorder, 1})
		}
		xproto.ConfigureWindow(w.x.X, d.outline[i],
			xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight|xproto.ConfigWindowStackMode,
			[]uint32{uint32(int32(e.X)), uint32(int32(e.Y)), uint32(max(e.W, 1)), uint32(max(e.H, 1)), xproto.StackModeAbove})
		if !d.shown {
			xproto.MapWindow(w.x.X, d.outline[i])
		}
	}
	d.shown = true
}

func (w *WM) hideOutline(d *tabDrag) {
	if d.shown {
		for _, win := range d.outline {
			if win != 0 {
				xproto.UnmapWindow(w.x.X, win)
			}
		}
		d.shown = false
	}
}

// endTabDrag drops the tab at x, y (unless cancel), and lets the pointer and keyboard go.
func (w *WM) endTabDrag(x, y int, cancel bool, time xproto.Timestamp) {
	d := w.drag.tab
	w.drag = nil
	for _, win := range d.outline {
		if win != 0 {
			xproto.DestroyWindow(w.x.X, win)
		}
	}
	xproto.UngrabPointer(w.x.X, time)
	if d.moving && w.mode == "" && len(w.chain) == 0 {
		xproto.UngrabKeyboard(w.x.X, time)
	}
	if cancel || !d.moving {
		return
	}
	to := w.dropAt(d, x, y)
	m, c := w.model, d.c.id()
	switch to.kind {
	case dropInto:
		m.MoveToTile(c, to.tile)
	case dropBeside:
		if fresh, ok := m.SplitBeside(to.tile, to.side); ok {
			m.MoveToTile(c, fresh)
		} else if to.tile != d.from {
			m.MoveToTile(c, to.tile) // too small to split: into it
		}
	case dropReorder:
		m.MoveTabAt(c, to.index)
	default:
		return
	}
	w.tabMoved(c)
}

// tabDragKey takes the keys while a tab moves: Escape cancels the drag. It reports whether a tab
// drag took the key.
func (w *WM) tabDragKey(e xproto.KeyPressEvent) bool {
	if w.drag == nil || w.drag.tab == nil || !w.drag.tab.moving {
		return false
	}
	if w.keymap != nil && w.keymap.ChordOf(e.Detail, e.State).Keysym == escape.Keysym {
		w.endTabDrag(0, 0, true, e.Time)
	}
	return true
}
