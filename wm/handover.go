package wm

import (
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// Handing over to the next fion (restart, an upgrade, fion --replace) without touching a client
// window.
//
// A window manager that leaves normally destroys its frames, and the X server first takes every
// client out of them (the save-set): every window is unmapped, moved to the root and mapped again,
// and the next window manager reparents it once more. Programs see all of it; some redraw, some
// lose their place. So when the window manager taking over is a fion (its selection window says
// _FION_ADOPTS), fion leaves differently: it marks each frame with what it is (_FION_FRAME), lets
// go of every event selection and grab, and closes its connection in RetainTemporary mode, in
// which the server keeps its windows, and the clients in them, just as they are. The new fion
// finds the marked frames, takes them as its own (adopt), and from the saved layout (persist.go)
// knows which tile each one is: the clients stay where they are, mapped as they were.
//
// The server keeps one client slot for the windows the old fion left, until they are all gone:
// the new fion then frees that slot (KillClient on the last one, once the clients are out of it).

// adoptsVersion is what a fion that adopts frames puts in _FION_ADOPTS on its selection window.
const adoptsVersion = 1

// The kinds of frame in a _FION_FRAME mark: CARDINAL[3] kind, tile ID or client window, bar window.
const (
	markTile  = 1
	markFloat = 2
)

// successorAdopts reports whether the window manager that took WM_Sn from fion is a fion that
// adopts frames.
func (w *WM) successorAdopts() bool {
	owner, err := w.x.SelectionOwner()
	return err == nil && owner != 0 && owner != w.check && w.x.Cardinal(owner, "_FION_ADOPTS") == adoptsVersion
}

// handOver leaves the display to the new fion with every frame and client as it is. The root's
// event mask goes last: the new fion takes over as soon as it can select it, and by then every
// frame must be marked and free.
func (w *WM) handOver() {
	x := w.x
	w.closePrompt() // a window of fion's, which the next fion would not know
	xproto.UngrabKey(x.X, xproto.GrabAny, x.Root, xproto.ModMaskAny)
	for _, f := range w.frames {
		w.leaveFrame(f.win, markTile, uint32(f.tile), uint32(f.bar))
		if f.pixmap != 0 {
			xproto.FreePixmap(x.X, f.pixmap) // the bar keeps its picture until the new fion draws one
		}
	}
	for win, c := range w.floatFrames {
		w.leaveFrame(win, markFloat, uint32(c.win), 0)
	}
	xproto.SetCloseDownMode(x.X, xproto.CloseDownRetainTemporary)
	xproto.ChangeWindowAttributes(x.X, x.Root, xproto.CwEventMask, []uint32{0})
	xproto.DestroyWindow(x.X, w.check)
	x.Sync()
	x.Close()
	w.keyboard.Close()
}

// leaveFrame marks a frame for the next fion and gives up fion's events and grabs on it: the
// SubstructureRedirect fion selected as its creator would otherwise stay with the kept window, and
// the new fion could not select it.
func (w *WM) leaveFrame(win xproto.Window, kind, id, bar uint32) {
	w.x.SetCardinals(win, "_FION_FRAME", kind, id, bar)
	xproto.ChangeWindowAttributes(w.x.X, win, xproto.CwEventMask, []uint32{0})
	xproto.UngrabButton(w.x.X, xproto.ButtonIndexAny, win, xproto.ModMaskAny)
}

// oldFrame is a frame a fion before this one left (see handOver), as adopt finds it.
type oldFrame struct {
	win      xproto.Window
	kind, id uint32
	bar      xproto.Window
	mapped   bool
	geom     xproto.GetGeometryCookie
	barGeom  xproto.GetGeometryCookie
	tree     xproto.QueryTreeCookie
	rect     layout.Rect // outer rectangle, border included
	bw       int
	children []xproto.Window // the clients in it
}

// inheritedClient is a window adopt finds in an old frame, and what X shows of it.
type inheritedClient struct {
	frame   *oldFrame
	attrs   xproto.GetWindowAttributesCookie
	state   xproto.GetPropertyCookie
	mapped  bool
	wmState uint32
}

// origin is where the inside of the frame starts, in root coordinates.
func (o *oldFrame) origin() layout.Rect { return layout.Rect{X: o.rect.X + o.bw, Y: o.rect.Y + o.bw} }

// findOldFrames reads the frames an earlier fion left among the root's children, with the
// windows in them, in as few round trips as it can. marks are the _FION_FRAME requests of
// children, attrs their attributes (read already).
func (w *WM) findOldFrames(children []xproto.Window, attrs []*xproto.GetWindowAttributesReply, marks []xproto.GetPropertyCookie) []*oldFrame {
	var olds []*oldFrame
	for i, win := range children {
		r, err := marks[i].Reply()
		a := attrs[i]
		if err != nil || r == nil || r.Type != xproto.AtomCardinal || r.Format != 32 || len(r.Value) != 12 || a == nil ||
			!a.OverrideRedirect || a.Class != xproto.WindowClassInputOutput {
			continue
		}
		o := &oldFrame{win: win, kind: xgb.Get32(r.Value[0:]), id: xgb.Get32(r.Value[4:]), bar: xproto.Window(xgb.Get32(r.Value[8:])),
			mapped: a.MapState != xproto.MapStateUnmapped}
		if o.kind != markTile && o.kind != markFloat {
			continue
		}
		o.geom = xproto.GetGeometry(w.x.X, xproto.Drawable(win))
		o.tree = xproto.QueryTree(w.x.X, win)
		if o.kind == markTile {
			o.barGeom = xproto.GetGeometry(w.x.X, xproto.Drawable(o.bar))
		}
		olds = append(olds, o)
	}
	var kept []*oldFrame
	for _, o := range olds {
		g, err := o.geom.Reply()
		tree, err2 := o.tree.Reply()
		if err != nil || err2 != nil {
			continue
		}
		o.bw = int(g.BorderWidth)
		o.rect = layout.Rect{X: int(g.X), Y: int(g.Y), W: int(g.Width) + 2*o.bw, H: int(g.Height) + 2*o.bw}
		hasBar := false
		for _, c := range tree.Children {
			if c == o.bar && o.kind == markTile {
				hasBar = true
				continue
			}
			o.children = append(o.children, c)
		}
		if o.kind == markTile && !hasBar {
			o.bar = 0 // not what a fion left: its clients are taken, the window is not
		}
		kept = append(kept, o)
	}
	return kept
}

// takeFrames makes the old frames that fit the restored model fion's own: a tile's frame when the
// model has that tile, a floating window's when its client floats. The others go (after apply has
// taken their clients out, or at once when they hold none of fion's). Every old frame is counted
// against the X client that made it, to free that client's slot with its last window.
func (w *WM) takeFrames(olds []*oldFrame) {
	type pending struct {
		o    *oldFrame
		sel  xproto.ChangeWindowAttributesCookie
		barG xproto.GetGeometryCookie
	}
	var checks []pending
	taken := map[int]bool{}
	for _, o := range olds {
		w.inherited[w.x.Base(uint32(o.win))]++
		_, tiled := w.model.FindTile(int(o.id))
		switch {
		case o.kind == markTile && o.bar != 0 && tiled && !taken[int(o.id)]:
			taken[int(o.id)] = true
		case o.kind == markFloat && w.adoptedFloat(o):
		default:
			w.deadFrames = append(w.deadFrames, o.win)
			continue
		}
		// Checked: an old fion that died halfway still holds the redirect, and then the frame is
		// of no use.
		ck := xproto.ChangeWindowAttributesChecked(w.x.X, o.win, xproto.CwEventMask, []uint32{frameMask})
		checks = append(checks, pending{o: o, sel: ck, barG: o.barGeom})
	}
	for _, p := range checks {
		o := p.o
		if err := p.sel.Check(); err != nil {
			w.debug.Printf("old frame %#x: %v", o.win, err)
			if o.kind == markFloat {
				if c := w.clients[xproto.Window(o.id)]; c != nil && c.frame != nil && c.frame.win == o.win {
					c.frame = nil
					delete(w.floatFrames, o.win)
				}
			}
			w.deadFrames = append(w.deadFrames, o.win)
			continue
		}
		w.grabClicks(o.win)
		if o.kind == markFloat {
			continue // adoptedFloat has taken it
		}
		f := &frame{tile: int(o.id), win: o.win, bar: o.bar, rect: o.rect, bw: o.bw, mapped: o.mapped, border: unknownColour}
		if g, err := p.barG.Reply(); err == nil {
			f.barRect = layout.Rect{X: int(g.X), Y: int(g.Y), W: int(g.Width), H: int(g.Height)}
		}
		w.frames[f.tile] = f
		w.owners[f.win] = f
		w.owners[f.bar] = f
	}
}

// unknownColour is the border colour fion records for a window whose colour it did not set: it
// matches no colour, so the next apply sets the border.
const unknownColour = 1 << 31

// adoptedFloat takes an old floating frame for its client, when the client floats in the model.
func (w *WM) adoptedFloat(o *oldFrame) bool {
	c := w.clients[xproto.Window(o.id)]
	if c == nil || c.parent != o.win || c.frame != nil || w.floating(c) == nil {
		return false
	}
	c.frame = &floatFrame{win: o.win, placed: o.rect, border: unknownColour, mapped: o.mapped}
	w.floatFrames[o.win] = c
	return true
}

// inherit records what X shows of client c, which an earlier fion left in an old frame: its
// parent, its place in the frame, and its WM_STATE, so that apply sends nothing it does not need
// to. (manage has its place in root coordinates, and whether it is mapped, already.)
func (w *WM) inherit(c *client, in *inheritedClient) {
	o := in.frame.origin()
	c.parent = in.frame.win
	c.rel = layout.Rect{X: c.root.X - o.X, Y: c.root.Y - o.Y, W: c.root.W, H: c.root.H}
	c.wmState = in.wmState
}

// destroyFrame destroys a frame window of fion's: with KillClient when it is the last window left
// of an earlier fion, which frees the client slot the server kept for that fion.
func (w *WM) destroyFrame(win xproto.Window) {
	base := w.x.Base(uint32(win))
	if n, ok := w.inherited[base]; ok {
		if n <= 1 {
			delete(w.inherited, base)
			xproto.KillClient(w.x.X, uint32(win))
			return
		}
		w.inherited[base] = n - 1
	}
	xproto.DestroyWindow(w.x.X, win)
}

// fionsWindow reports whether win is a window of fion's: its own, or a frame it adopted.
func (w *WM) fionsWindow(win xproto.Window) bool {
	return w.x.Own(win) || w.inherited[w.x.Base(uint32(win))] > 0
}

// grabClicks makes a click in a frame focus it first; the click then goes on to the client.
func (w *WM) grabClicks(win xproto.Window) {
	for _, b := range []xproto.Button{1, 2, 3} {
		xproto.GrabButton(w.x.X, false, win, xproto.EventMaskButtonPress,
			xproto.GrabModeSync, xproto.GrabModeAsync, 0, 0, byte(b), xproto.ModMaskAny)
	}
}

// restart asks the supervisor to start a new fion in this one's place. It may wait seconds for the
// new fion's check: never on the loop.
func (w *WM) restart() error {
	if w.opts.Restart == nil {
		return errorf("restart needs fion's supervisor, and this fion runs without one (it was not started as the fion program)")
	}
	w.debug.Printf("restart: asking the supervisor")
	return w.opts.Restart()
}

// RestartFailed says that a restart did not happen, and why: in the log and to subscribers
// (restart.failed). fion goes on as it is. Safe from any goroutine.
func (w *WM) RestartFailed(why string) {
	w.post(func() {
		w.log.Print(why)
		w.publish("restart.failed", RestartFailure{Error: why})
	})
}

// RestartFailure is the data of the restart.failed event.
type RestartFailure struct {
	Error string `json:"error"`
}

// HandedOver reports whether fion left the display to a new fion (restart, or a fion started
// with --replace), which took the windows over as they were. Call it after Loop returns.
func (w *WM) HandedOver() bool { return w.handover }
