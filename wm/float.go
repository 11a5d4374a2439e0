package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// Floating windows (dialogs, utility and splash windows, fixed-size windows and whatever the user
// floats) live outside the split tree: the model keeps them (layout.Floating: where each lives, its
// rectangle, the window it follows, their stacking order, which one has the keys). Here is what
// fion does on X for them: each has a light frame of its own, above the tiles.

// floatFrame is what fion last sent to X for a floating client: its frame.
type floatFrame struct {
	win    xproto.Window // 0 until first shown
	placed layout.Rect   // the frame's outer rectangle as last configured
	border uint32        // border colour in effect
	mapped bool
}

// id is c's id in the model.
func (c *client) id() layout.ClientID { return layout.ClientID(c.win) }

// floating is c's floating window in the model, or nil while it is tiled.
func (w *WM) floating(c *client) *layout.Floating { return w.model.Floating(c.id()) }

// fullscreen reports whether c is in fullscreen.
func (w *WM) fullscreen(c *client) bool { return w.model.Fullscreen(c.id()) }

// floatClient floats c, which is in no tile, over workspace ws (or its parent's) at its natural
// size, centred over its parent's tile or window, else over the work area; where it is already,
// when it was on the screen before fion came (keep).
func (w *WM) floatClient(c *client, ws *layout.Workspace, keep bool) {
	w.model.Float(&layout.Floating{
		Client: c.id(),
		Rect:   c.natural,
		Border: w.floatBorder(c),
		Parent: layout.ClientID(c.props.TransientFor),
		Modal:  c.modal,
	}, ws, keep)
}

// floatBorder is the width of floating client c's frame border: none when its Motif hints ask for
// no decorations (feh --fullscreen, client-side-decorated GTK windows), else the configured one.
func (w *WM) floatBorder(c *client) int {
	if c.props.Undecorated {
		return 0
	}
	return w.cfg.Border
}

// arrive decides about a new floating window: it gets the keys when it is shown on the focused
// screen; one that appears elsewhere (a dialog of a window on another workspace or screen, or of
// a hidden tab) asks for attention instead. One that was there before fion (adopted) does neither.
func (w *WM) arrive(c *client, adopted bool) {
	switch s, shown := w.model.FloatShown(w.floating(c)); {
	case shown && s == w.model.Screen():
		w.model.FloatKeys = c.id()
	case !adopted:
		c.attention = true
		w.noteUrgency(c, false) // client.new says it is urgent
	}
}

// focusParent gives the focus back to the window a closing floating window c was transient for,
// when c had it and the parent is on the workspace the user is looking at.
func (w *WM) focusParent(c *client, hadFocus bool) {
	parent := w.clients[c.props.TransientFor]
	if !hadFocus || parent == nil || parent == c {
		return
	}
	si, wi, ok := w.where(parent)
	if !ok || si != w.model.Current || wi != w.model.Screen().Current {
		return
	}
	w.model.ActivateClient(parent.id())
}

// applyFloats shows the floating windows of shown workspaces, in their frames, and hides the rest;
// the frames of clients that no longer float go once their clients are out of them.
func (w *WM) applyFloats() {
	for frame, c := range w.floatFrames {
		if w.clients[c.win] != c || w.floating(c) == nil {
			w.deadFrames = append(w.deadFrames, frame)
			delete(w.floatFrames, frame)
			c.frame = nil
		}
	}
	focused := w.target()
	for _, f := range w.model.Floats {
		c := w.clients[xproto.Window(f.Client)]
		if c == nil {
			continue
		}
		if c.frame == nil {
			w.createFloatFrame(c)
			if c.frame == nil {
				continue // no X resource id for its frame yet: it stays as it is
			}
		}
		fr, r, b := c.frame, f.Rect, f.Border
		if _, shown := w.model.FloatShown(f); !shown {
			// Hidden, but in its own frame: never left inside a tile frame that may go.
			w.placeClient(c, fr.win, layout.Rect{X: r.X, Y: r.Y}, r)
			if fr.mapped {
				w.moved = true
				xproto.UnmapWindow(w.x.X, fr.win)
				fr.mapped = false
			}
			w.hideClient(c)
			continue
		}
		outer := layout.Rect{X: r.X - b, Y: r.Y - b, W: r.W + 2*b, H: r.H + 2*b}
		if fr.placed != outer {
			fr.placed = outer
			w.moved = true
			xproto.ConfigureWindow(w.x.X, fr.win,
				xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight|xproto.ConfigWindowBorderWidth,
				[]uint32{uint32(int32(outer.X)), uint32(int32(outer.Y)), uint32(r.W), uint32(r.H), uint32(b)})
		}
		colour := w.look.border
		switch {
		case focused == c:
			colour = w.look.focusedBorder
		case c.urgent():
			colour = w.look.urgentBorder
		}
		if fr.border != colour {
			fr.border = colour
			xproto.ChangeWindowAttributes(w.x.X, fr.win, xproto.CwBorderPixel, []uint32{colour})
		}
		w.placeClient(c, fr.win, layout.Rect{X: r.X, Y: r.Y}, r)
		w.showClient(c)
		if !fr.mapped {
			w.moved = true
			xproto.MapWindow(w.x.X, fr.win)
			fr.mapped = true
		}
	}
}

// Floating frames redirect their client's requests and take clicks, like tile frames.
func (w *WM) createFloatFrame(c *client) {
	id, ok := w.newID()
	if !ok {
		return
	}
	fr := &floatFrame{win: xproto.Window(id), border: w.look.border, placed: layout.Rect{W: -1}}
	xproto.CreateWindow(w.x.X, w.x.Screen.RootDepth, fr.win, w.x.Root, 0, 0, 1, 1, uint16(w.floatBorder(c)),
		xproto.WindowClassInputOutput, w.x.Screen.RootVisual,
		xproto.CwBackPixel|xproto.CwBorderPixel|xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{w.look.background, w.look.border, 1, frameMask})
	w.grabClicks(fr.win)
	c.frame = fr
	w.floatFrames[fr.win] = c
	w.restack = true
}

// moveFloat sets floating client c's client area to r, within its size hints and on its screen,
// and answers the client when nothing changes (ICCCM 4.1.5 wants an answer).
func (w *WM) moveFloat(c *client, r layout.Rect) {
	if !w.model.MoveFloat(c.id(), w.fitFloat(c, r)) {
		w.x.SendConfigureNotify(c.win, c.root.X, c.root.Y, c.root.W, c.root.H)
	}
}

// fitFloat keeps a floating window's client area r within its size hints: never below its minimum
// size, nor so small that it cannot be grabbed again. The model keeps it on its screen.
func (w *WM) fitFloat(c *client, r layout.Rect) layout.Rect {
	least := w.model.Style.MinSize
	r.W, r.H = c.props.Hints.Fit(max(r.W, c.props.Hints.MinW, least), max(r.H, c.props.Hints.MinH, least))
	return r
}

// setFloat floats client c (on) or puts it back into the tiles.
func (w *WM) setFloat(c *client, on bool) {
	switch floats := w.floating(c) != nil; {
	case on && !floats:
		loc, ok := w.model.Find(c.id())
		if !ok {
			return
		}
		ws := w.model.Screens[loc.Screen].Workspaces[loc.Workspace]
		w.model.Remove(c.id())
		w.floatClient(c, ws, false)
		if _, shown := w.model.FloatShown(w.floating(c)); !shown {
			w.model.SendFloat(c.id(), ws) // floated by the user, it stays in front of the user
		}
		w.x.SetCardinals(c.win, "_FION_FLOATING", 1) // a new fion (--replace) floats it too
		w.model.ActivateClient(c.id())
	case !on && floats:
		w.model.TileFloat(c.id())
		w.x.Delete(c.win, "_FION_FLOATING")
		w.model.ActivateClient(c.id())
	}
}

// overFullscreen reports whether floating client c shows above fullscreen windows: it has the
// keys, or it is transient (up the chain) for a window in fullscreen.
func (w *WM) overFullscreen(c *client) bool {
	if c == w.target() {
		return true
	}
	for p, i := w.clients[c.props.TransientFor], 0; p != nil && i < maxTransientDepth; p, i = w.clients[p.props.TransientFor], i+1 {
		if w.fullscreen(p) {
			return true
		}
	}
	return false
}

// maxTransientDepth bounds every walk up WM_TRANSIENT_FOR: a loop of transients ends there.
const maxTransientDepth = 16
