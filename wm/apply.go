package wm

import (
	"slices"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// apply makes X show what the model says: frames where tiles are, clients in their frames, the
// active tabs of shown workspaces mapped and everything else unmapped (Iconic), bars that changed
// redrawn, the input focus and the EWMH properties. It sends only what differs from what it sent
// before, so calling it after every batch of events is cheap.
func (w *WM) apply() {
	m := w.model
	focusTile := m.Tile()
	if m.TargetFloats() {
		focusTile = nil // the keys go to a floating window: no tile looks focused
	}
	live := make(map[int]bool, len(w.frames))
	var todo applyLists
	w.overlapping = w.overlapping[:0]
	for _, s := range m.Screens {
		for wi, ws := range s.Workspaces {
			shown := wi == s.Current
			for _, p := range m.Layout(s, ws) {
				shown := shown && !p.Hidden // a tile hidden by another's zoom
				if f := w.applyTile(s, ws, p, shown, shown && p.Tile == focusTile, &todo); f != nil {
					live[f.tile] = true
				}
			}
		}
	}
	for _, c := range todo.mapClients {
		w.showClient(c)
	}
	for _, f := range todo.show {
		f.show(w)
		w.drawBar(f)
	}
	for _, f := range todo.hide {
		f.hide(w)
	}
	for _, c := range todo.unmapClients {
		w.hideClient(c)
	}
	w.applyFloats() // before dead frames go: a client floated out of one must be out of it first
	for id, f := range w.frames {
		if !live[id] {
			f.destroy(w)
		}
	}
	w.destroyDeadFrames()
	w.applyStacking()
	w.publishSwitches() // before the focus: subscribers learn of the switch, then of what has the keys
	w.applyFocus()
	w.placeHolder()
	w.warpPointer()
	w.publishState()
	w.applyPrompt()
	if w.moved {
		// Enter events up to here come from windows fion moved under a still pointer.
		w.enterFence = xproto.NoOperation(w.x.X).Sequence
		w.moved = false
	}
}

// destroyDeadFrames destroys the frames that no longer hold a client. One that still does (a
// frame an earlier fion left, whose client could not be placed yet) waits: destroying a window
// destroys what is in it.
func (w *WM) destroyDeadFrames() {
	keep := w.deadFrames[:0]
	for _, win := range w.deadFrames {
		if w.holdsClient(win) {
			keep = append(keep, win)
			continue
		}
		w.moved = true
		w.destroyFrame(win)
	}
	clear(w.deadFrames[len(keep):])
	w.deadFrames = keep
}

func (w *WM) holdsClient(win xproto.Window) bool {
	for _, c := range w.clients {
		if c.parent == win {
			return true
		}
	}
	return false
}

// applyLists is what apply does after placing every tile, in an order that spares the user
// flicker: map the clients to show, show the frames, hide frames, unmap the clients to hide.
type applyLists struct {
	show, hide               []*frame
	mapClients, unmapClients []*client
}

// applyTile places the frame of the tile at p (on screen s, in workspace ws) and its clients, and
// notes what to show and hide. A fullscreen window covers its screen, without border, while its
// tile is its workspace's focused one (on a hidden workspace too, so that switching back and forth
// does not resize it); moving the focus to another tile shows that tile. A tile whose frame
// cannot be made (no X resource id left) is left as it is until it can.
func (w *WM) applyTile(s *layout.Screen, ws *layout.Workspace, p layout.Placement, shown, focused bool, todo *applyLists) *frame {
	f := w.frame(p.Tile)
	if f == nil {
		return nil
	}
	active, hasActive := p.Tile.Client()
	b, full, tile := w.cfg.Border, false, p.Client
	if hasActive && w.model.Fullscreen(active) && p.Tile == ws.Focus {
		full = true
		p.Frame, p.Bar, p.Client, b = s.Rect, layout.Rect{W: s.Rect.W}, s.Rect, 0 // the client covers the bar
		if shown {
			w.overlapping = append(w.overlapping, f.win)
		}
	}
	f.place(w, p, focused, w.tileUrgent(p.Tile, focused), b)
	origin := layout.Rect{X: p.Frame.X + b, Y: p.Frame.Y + b}
	for _, id := range p.Tile.Tabs {
		c := w.clients[xproto.Window(id)]
		if c == nil {
			continue
		}
		r := w.hinted(c, tile) // its other tabs keep their place in the tile
		c.covering = full && id == active
		if c.covering {
			r = p.Client
		}
		w.placeClient(c, f.win, origin, r)
		want := shown && hasActive && id == active
		switch {
		case want && !c.mapped:
			todo.mapClients = append(todo.mapClients, c)
		case !want && c.mapped:
			todo.unmapClients = append(todo.unmapClients, c)
		case want:
			w.setWMState(c, 1) // adopted mapped: no state from fion yet
		default:
			w.setWMState(c, 3)
		}
	}
	if shown {
		todo.show = append(todo.show, f)
	} else {
		todo.hide = append(todo.hide, f)
	}
	return f
}

// showClient maps c (in its frame) and marks it Normal.
func (w *WM) showClient(c *client) {
	if !c.mapped {
		w.moved = true
		xproto.MapWindow(w.x.X, c.win)
		c.mapped = true
	}
	w.setWMState(c, 1)
}

// hideClient unmaps c and marks it Iconic; the UnmapNotify this causes is not the client
// withdrawing.
func (w *WM) hideClient(c *client) {
	if c.mapped {
		w.moved = true
		w.expectUnmap(c, xproto.UnmapWindow(w.x.X, c.win).Sequence, 1)
		c.mapped = false
	}
	w.setWMState(c, 3)
}

// hinted is where client c goes in a tile's client area r: the largest size its WM_NORMAL_HINTS
// allow, placed as size_hints says, or all of r when they are ignored.
func (w *WM) hinted(c *client, r layout.Rect) layout.Rect {
	if w.cfg.SizeHints == "ignore" {
		return r
	}
	cw, ch := c.props.Hints.Fit(r.W, r.H)
	out := layout.Rect{X: r.X, Y: r.Y, W: cw, H: ch}
	if w.cfg.SizeHints != "top-left" {
		out.X += (r.W - cw) / 2
		out.Y += (r.H - ch) / 2
	}
	return out
}

// tileUrgent reports whether a tile should show that one of its clients asks for attention: one
// that is not the client the user is looking at.
func (w *WM) tileUrgent(t *layout.Tile, focused bool) bool {
	active, _ := t.Client()
	for _, id := range t.Tabs {
		if c := w.clients[xproto.Window(id)]; c != nil && w.asksAttention(c) && !(focused && id == active) {
			return true
		}
	}
	return false
}

// asksAttention reports whether tiled client c, or a floating window of its (a dialog, which may
// be hidden with c's tab), asks for attention: what c's tab and tile show.
func (w *WM) asksAttention(c *client) bool {
	if c.urgent() {
		return true
	}
	for _, f := range w.model.Floats {
		if fc := w.clients[xproto.Window(f.Client)]; fc != nil && fc.urgent() && w.model.Owner(f) == c.id() {
			return true
		}
	}
	return false
}

// applyStacking keeps the windows that overlap others in order: fullscreen tiles above the other
// tiles and the docks, floating windows above everything of fion's, the focused one on top. It
// restacks only when that order changed or a window was created (new windows start on top).
func (w *WM) applyStacking() {
	// Floating windows go above fullscreen ones when they belong to one (its dialogs) or have the
	// keys; the others stay below, so that a video is not covered by a stranger's toolbox. (The
	// model keeps the one with the keys on top of the others: layout.Model.Settle.)
	full := len(w.overlapping)
	w.fullShown = full
	var top []xproto.Window
	for _, c := range w.shownFloats() {
		if full > 0 && !w.overFullscreen(c) {
			top = append(top, c.frame.win)
		}
	}
	top = append(top, w.overlapping...)
	for _, c := range w.shownFloats() {
		if full == 0 || w.overFullscreen(c) {
			top = append(top, c.frame.win)
		}
	}
	w.overlapping = top
	if !w.restack && slices.Equal(top, w.stacked) {
		return
	}
	// Only from the first window out of place: raising the ones below it again would expose and
	// redraw every overlapping window for nothing. A new window is on top of them all, though.
	from := 0
	for !w.restack && from < len(top) && from < len(w.stacked) && top[from] == w.stacked[from] {
		from++
	}
	for _, win := range w.stacked[from:] {
		if !slices.Contains(top, win) {
			from = 0 // it left the overlapping windows (fullscreen ended) but is still above them
			break
		}
	}
	w.restack = false
	w.stacked = slices.Clone(top)
	for _, win := range top[from:] {
		w.moved = true
		xproto.ConfigureWindow(w.x.X, win, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove})
	}
}

// shownFloats are the floating clients whose frames are mapped, bottom to top.
func (w *WM) shownFloats() []*client {
	var out []*client
	for _, f := range w.model.Floats {
		if c := w.clients[xproto.Window(f.Client)]; c != nil && c.frame != nil && c.frame.mapped {
			out = append(out, c)
		}
	}
	return out
}

// placeClient puts c into window parent, whose inside starts at origin (root coordinates), at r
// (root coordinates).
func (w *WM) placeClient(c *client, parent xproto.Window, origin, r layout.Rect) {
	rel := layout.Rect{X: r.X - origin.X, Y: r.Y - origin.Y, W: r.W, H: r.H}
	if c.parent != parent {
		if w.focused == c.win {
			w.focused = 0 // the server moves the focus away from a window being reparented
		}
		if c.parent == 0 {
			xproto.ConfigureWindow(w.x.X, c.win, xproto.ConfigWindowBorderWidth, []uint32{0})
		}
		w.moved = true
		seq := xproto.ReparentWindow(w.x.X, c.win, parent, int16(rel.X), int16(rel.Y)).Sequence
		switch {
		case c.mapped && c.parent == 0:
			w.expectUnmap(c, seq, 2) // reparenting a mapped window unmaps it, and the root hears too
		case c.mapped:
			w.expectUnmap(c, seq, 1)
		}
		c.parent = parent
		c.rel = layout.Rect{X: rel.X, Y: rel.Y, W: -1}
	}
	if c.rel != rel {
		w.moved = true
		xproto.ConfigureWindow(w.x.X, c.win,
			xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight,
			[]uint32{uint32(int32(rel.X)), uint32(int32(rel.Y)), uint32(rel.W), uint32(rel.H)})
		c.rel = rel
	}
	if c.root != r {
		c.root = r
		// Moving the frame alone gives the client no ConfigureNotify: tell it where it is now.
		w.x.SendConfigureNotify(c.win, r.X, r.Y, r.W, r.H)
	}
}

func (w *WM) setWMState(c *client, state uint32) {
	if c.wmState != state {
		w.x.SetWMState(c.win, state)
		c.wmState = state
	}
}
