package wm

import (
	"slices"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// Floating windows (dialogs, utility and splash windows, fixed-size windows and whatever the user
// floats) live outside the split tree: each has a light frame of its own, above the tiles, on the
// workspace of its owner (the tiled window it is transient for, shown with that window's tab), or
// on its own workspace when it has no managed parent or the user sent it elsewhere. w.floats holds
// them bottom to top; the one with the keyboard is raised to the top.

// floating is what fion keeps of a floating client.
type floating struct {
	ws     *layout.Workspace // where it lives when it has no managed parent
	rect   layout.Rect       // its client area in root coordinates
	screen string            // the screen rect was placed on, to carry it along to another one
	// placedOn is that screen's rectangle, and placedBorder the frame border, when rect was last
	// kept on it.
	placedOn     layout.Rect
	placedBorder int
	// detached: the user sent it elsewhere (another desktop, another monitor), so it no longer
	// follows the window it is transient for.
	detached bool

	frame  xproto.Window // 0 until first shown
	placed layout.Rect   // the frame's outer rectangle as last configured
	border uint32        // border colour in effect
	mapped bool
}

// maxTransientDepth bounds the walk up WM_TRANSIENT_FOR: a loop of transients ends there.
const maxTransientDepth = 16

// floatClient takes c out of the tiles (the caller has removed it from the model) and floats it
// over the workspace ws, or its parent's, at its natural size clamped to the screen, centred over
// its parent's tile or window, else over the work area; where it is already, when it was on the
// screen before fion came (keep).
func (w *WM) floatClient(c *client, ws *layout.Workspace, keep bool) {
	c.float = &floating{ws: ws}
	c.fullscreen = false
	w.floats = append(w.floats, c)
	s, _ := w.floatShown(c)
	r := layout.Rect{X: c.natural.X, Y: c.natural.Y, W: max(c.natural.W, 1), H: max(c.natural.H, 1)}
	if !keep {
		over := w.parentArea(c, s)
		r.X = over.X + (over.W-r.W)/2
		r.Y = over.Y + (over.H-r.H)/2
	}
	c.float.rect = clampInto(r, s.Work, w.floatBorder(c))
	c.float.screen, c.float.placedOn, c.float.placedBorder = s.Name, s.Rect, w.floatBorder(c)
}

// floatBorder is the width of floating client c's frame border: none when its Motif hints ask for
// no decorations (feh --fullscreen, client-side-decorated GTK windows), else the configured one.
func (w *WM) floatBorder(c *client) int {
	if c.props.Undecorated {
		return 0
	}
	return w.cfg.Border
}

// arrive decides about a new floating window: it gets the focus when it is shown on the focused
// screen; one that appears elsewhere (a dialog of a window on another workspace or screen, or of
// a hidden tab) asks for attention instead. One that was there before fion (adopted) does neither.
func (w *WM) arrive(c *client, adopted bool) {
	switch s, shown := w.floatShown(c); {
	case shown && s == w.model.Screen():
		w.floatFocus = c
	case !adopted:
		c.attention = true
		w.noteUrgency(c, false) // client.new says it is urgent
	}
}

// parentArea is the area a new floating window is centred over: its parent's tile (client area)
// when the parent is tiled and shown, its parent's rectangle when that floats, else s's work area.
func (w *WM) parentArea(c *client, s *layout.Screen) layout.Rect {
	parent := w.clients[c.props.TransientFor]
	switch {
	case parent == nil || parent == c:
		return s.Work
	case parent.float != nil:
		return parent.float.rect
	}
	if loc, ok := w.model.Find(layout.ClientID(parent.win)); ok && w.model.Screens[loc.Screen] == s {
		for _, p := range w.model.Layout(s, s.Workspaces[loc.Workspace]) {
			if p.Tile == loc.Tile {
				return p.Client
			}
		}
	}
	return s.Work
}

// clampInto moves r, a client area with a frame border b around it, into area, shrinking it when it
// is larger.
func clampInto(r, area layout.Rect, b int) layout.Rect {
	r.W = max(min(r.W, area.W-2*b), 1)
	r.H = max(min(r.H, area.H-2*b), 1)
	r.X = max(min(r.X, area.X+area.W-b-r.W), area.X+b)
	r.Y = max(min(r.Y, area.Y+area.H-b-r.H), area.Y+b)
	return r
}

// floatHome is the screen and workspace (indices) a floating client is on: those of its owner
// when that is tiled, else the owner's own. A workspace that is gone is replaced: see below.
func (w *WM) floatHome(c *client) (si, wi int) {
	home := w.owner(c)
	if home.float == nil {
		if loc, ok := w.model.Find(layout.ClientID(home.win)); ok {
			return loc.Screen, loc.Workspace
		}
		home = c
	}
	for si, s := range w.model.Screens {
		if wi := slices.Index(s.Workspaces, home.float.ws); wi >= 0 {
			return si, wi
		}
	}
	// Its workspace is gone: a reload with fewer workspaces sends it where the tiles of the dropped
	// workspaces went, the last one of its screen; a monitor unplugged, to the focused workspace.
	for si, s := range w.model.Screens {
		if s.Name == home.float.screen {
			wi := len(s.Workspaces) - 1
			home.float.ws = s.Workspaces[wi]
			return si, wi
		}
	}
	home.float.ws = w.model.Workspace()
	return w.model.Current, w.model.Screen().Current
}

// owner is the window at the top of floating client c's chain of WM_TRANSIENT_FOR among the
// managed clients: a tiled one, or a floating one that has no managed parent or that the user
// sent elsewhere; c itself when it has no managed parent.
func (w *WM) owner(c *client) *client {
	home := c
	for range maxTransientDepth {
		parent := w.clients[home.props.TransientFor]
		if home.float == nil || home.float.detached || parent == nil || parent == home {
			break
		}
		home = parent
	}
	return home
}

// unfloat takes c out of the floating windows. Its frame is destroyed at the end of the next
// apply, after c has been reparented out of it (destroying it first would destroy c too).
func (w *WM) unfloat(c *client) {
	if c.float == nil {
		return
	}
	if c.float.frame != 0 {
		w.deadFrames = append(w.deadFrames, c.float.frame)
		delete(w.floatFrames, c.float.frame)
	}
	c.float = nil
	w.floats = slices.DeleteFunc(w.floats, func(f *client) bool { return f == c })
	if w.floatFocus == c {
		w.floatFocus = nil
	}
}

// tile puts floating client c back into the tiles: the focused tile of the workspace it was on.
func (w *WM) tile(c *client) {
	si, wi := w.floatHome(c)
	w.unfloat(c)
	w.model.AddTo(w.model.Screens[si].Workspaces[wi].Focus, layout.ClientID(c.win))
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
	w.activate(parent)
}

// raise puts floating client c on top of the other floating windows.
func (w *WM) raise(c *client) {
	if i := slices.Index(w.floats, c); i >= 0 && i != len(w.floats)-1 {
		w.floats = append(slices.Delete(w.floats, i, i+1), c)
	}
}

// activate shows client c and gives it the focus: its screen, workspace and tab, or, floating, its
// workspace with c raised.
func (w *WM) activate(c *client) {
	if c.float == nil {
		w.floatFocus = nil
		w.model.Activate(layout.ClientID(c.win))
		return
	}
	if _, shown := w.floatShown(c); !shown {
		if o := w.owner(c); o.float == nil {
			w.model.Activate(layout.ClientID(o.win)) // its tab, tile, workspace and screen
		} else {
			si, wi := w.floatHome(c)
			w.model.FocusScreen(si)
			w.model.SwitchWorkspace(wi)
		}
	}
	w.focusFloat(c)
}

// focusFloat gives floating client c the keys, and its screen the focus, and raises it.
func (w *WM) focusFloat(c *client) {
	si, _ := w.floatHome(c)
	w.model.FocusScreen(si)
	w.floatFocus = c
	w.raise(c)
}

// floatShown reports whether floating client c is shown, and on which screen it is: its
// workspace is shown, and the tab it belongs to, when it is a tiled window's dialog, is its
// tile's active one (a dialog hides with its tab, as it does with its workspace).
func (w *WM) floatShown(c *client) (*layout.Screen, bool) {
	si, wi := w.floatHome(c)
	s := w.model.Screens[si]
	if s.Current != wi {
		return s, false
	}
	if o := w.owner(c); o.float == nil {
		loc, ok := w.model.Find(layout.ClientID(o.win))
		return s, ok && loc.Tile.Active == loc.Index
	}
	return s, true
}

// applyFloats shows the floating windows of shown workspaces, in their frames, and hides the rest.
func (w *WM) applyFloats() {
	focused := w.target()
	for _, c := range w.floats {
		fl := c.float
		b := w.floatBorder(c)
		s, shown := w.floatShown(c)
		if fl.screen != s.Name {
			fl.rect = w.carry(fl.rect, fl.screen, s, b)
			fl.screen = s.Name
		}
		if fl.placedOn != s.Rect || fl.placedBorder != b {
			// Its screen changed size (a monitor reconfigured), or its border (a reload): keep it
			// on the screen.
			fl.rect = clampInto(fl.rect, s.Rect, b)
			fl.placedOn, fl.placedBorder = s.Rect, b
		}
		if fl.frame == 0 {
			w.createFloatFrame(c)
			if fl.frame == 0 {
				continue // no X resource id for its frame yet: it stays as it is
			}
		}
		if !shown {
			// Hidden, but in its own frame: never left inside a tile frame that may go.
			w.placeClient(c, fl.frame, layout.Rect{X: fl.rect.X, Y: fl.rect.Y}, fl.rect)
			if fl.mapped {
				w.moved = true
				xproto.UnmapWindow(w.x.X, fl.frame)
				fl.mapped = false
			}
			w.hideClient(c)
			continue
		}
		outer := layout.Rect{X: fl.rect.X - b, Y: fl.rect.Y - b, W: fl.rect.W + 2*b, H: fl.rect.H + 2*b}
		if fl.placed != outer {
			fl.placed = outer
			w.moved = true
			xproto.ConfigureWindow(w.x.X, fl.frame,
				xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight|xproto.ConfigWindowBorderWidth,
				[]uint32{uint32(int32(outer.X)), uint32(int32(outer.Y)), uint32(fl.rect.W), uint32(fl.rect.H), uint32(b)})
		}
		colour := w.look.border
		switch {
		case focused == c:
			colour = w.look.focusedBorder
		case c.urgent():
			colour = w.look.urgentBorder
		}
		if fl.border != colour {
			fl.border = colour
			xproto.ChangeWindowAttributes(w.x.X, fl.frame, xproto.CwBorderPixel, []uint32{colour})
		}
		w.placeClient(c, fl.frame, layout.Rect{X: fl.rect.X, Y: fl.rect.Y}, fl.rect)
		w.showClient(c)
		if !fl.mapped {
			w.moved = true
			xproto.MapWindow(w.x.X, fl.frame)
			fl.mapped = true
		}
	}
}

// carry moves a floating window's rectangle (with frame border b) from screen from (by name) to
// screen to, keeping its place relative to the screen, or centring it when from is gone.
func (w *WM) carry(r layout.Rect, from string, to *layout.Screen, b int) layout.Rect {
	for _, s := range w.model.Screens {
		if s.Name == from {
			r.X += to.Rect.X - s.Rect.X
			r.Y += to.Rect.Y - s.Rect.Y
			return clampInto(r, to.Work, b)
		}
	}
	r.X = to.Work.X + (to.Work.W-r.W)/2
	r.Y = to.Work.Y + (to.Work.H-r.H)/2
	return clampInto(r, to.Work, b)
}

// Floating frames redirect their client's requests and take clicks, like tile frames.
func (w *WM) createFloatFrame(c *client) {
	fl := c.float
	id, ok := w.newID()
	if !ok {
		return
	}
	fl.frame = xproto.Window(id)
	xproto.CreateWindow(w.x.X, w.x.Screen.RootDepth, fl.frame, w.x.Root, 0, 0, 1, 1, uint16(w.floatBorder(c)),
		xproto.WindowClassInputOutput, w.x.Screen.RootVisual,
		xproto.CwBackPixel|xproto.CwBorderPixel|xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{w.look.background, w.look.border, 1, frameMask})
	for _, b := range []xproto.Button{1, 2, 3} {
		xproto.GrabButton(w.x.X, false, fl.frame, xproto.EventMaskButtonPress,
			xproto.GrabModeSync, xproto.GrabModeAsync, 0, 0, byte(b), xproto.ModMaskAny)
	}
	fl.border = w.look.border
	fl.placed = layout.Rect{W: -1}
	w.floatFrames[fl.frame] = c
	w.restack = true
}

// moveFloat sets floating client c's client area to r, kept on its screen and within its size
// hints, and answers the client when nothing changes (ICCCM 4.1.5 wants an answer).
func (w *WM) moveFloat(c *client, r layout.Rect) {
	if r = w.fitFloat(c, r); r == c.float.rect {
		w.x.SendConfigureNotify(c.win, c.root.X, c.root.Y, c.root.W, c.root.H)
		return
	}
	c.float.rect = r
}

// fitFloat keeps a floating window's client area r within its size hints and its screen.
func (w *WM) fitFloat(c *client, r layout.Rect) layout.Rect {
	s, _ := w.floatShown(c)
	// Never below its minimum size, nor so small that it cannot be grabbed again.
	least := w.model.Style.MinSize
	r.W, r.H = c.props.Hints.Fit(max(r.W, c.props.Hints.MinW, least), max(r.H, c.props.Hints.MinH, least))
	return clampInto(r, s.Rect, w.floatBorder(c))
}

// sendFloat makes workspace ws the home of floating client c, apart from its parent.
func (w *WM) sendFloat(c *client, ws *layout.Workspace) {
	c.float.ws = ws
	c.float.detached = true
}

// dragFloat moves floating client c to r as the user drags it; once its centre is over another
// monitor, it goes to the workspace shown there.
func (w *WM) dragFloat(c *client, r layout.Rect) {
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	for _, s := range w.model.Screens {
		if home, _ := w.floatShown(c); s != home && s.Rect.Contains(cx, cy) {
			w.sendFloat(c, s.Workspace())
			c.float.screen, c.float.placedOn = s.Name, s.Rect
			break
		}
	}
	c.float.rect = w.fitFloat(c, r)
}

// setFloat floats client c (on) or puts it back into the tiles.
func (w *WM) setFloat(c *client, on bool) {
	c.floatedAt = layout.Rect{} // the user decides now: leaving fullscreen later keeps it as it is
	switch {
	case on && c.float == nil:
		loc, ok := w.model.Find(layout.ClientID(c.win))
		if !ok {
			return
		}
		ws := w.model.Screens[loc.Screen].Workspaces[loc.Workspace]
		w.model.Remove(layout.ClientID(c.win))
		w.floatClient(c, ws, false)
		if _, shown := w.floatShown(c); !shown {
			w.sendFloat(c, ws) // floated by the user, it stays in front of the user
		}
		w.x.SetCardinals(c.win, "_FION_FLOATING", 1) // a new fion (--replace) floats it too
		w.activate(c)
	case !on && c.float != nil:
		w.tile(c)
		w.x.Delete(c.win, "_FION_FLOATING")
		w.activate(c)
	}
}

// setFullscreen puts the client into fullscreen or takes it out. A floating window goes into the
// tiles first, so that it has a tile to come back to.
func (w *WM) setFullscreen(c *client, on bool) {
	switch {
	case on && c.float != nil:
		focused := w.floatFocus == c
		at := c.float.rect
		w.tile(c)
		c.floatedAt = at // it floats again, there, when it leaves fullscreen
		if focused {
			w.activate(c)
		}
	case !on && c.fullscreen && c.floatedAt.W > 0:
		if loc, ok := w.model.Find(layout.ClientID(c.win)); ok {
			focused := w.target() == c
			w.model.Remove(layout.ClientID(c.win))
			w.floatClient(c, w.model.Screens[loc.Screen].Workspaces[loc.Workspace], false)
			c.float.rect = w.fitFloat(c, c.floatedAt)
			if focused {
				w.activate(c)
			}
		}
		c.floatedAt = layout.Rect{}
	case !on:
		c.floatedAt = layout.Rect{}
	}
	c.fullscreen = on
}

// nextFloat is the floating window `focus float` goes to: the topmost one shown on the focused
// screen when a tile has the focus, else the one below the focused one (the bottom one cycling
// to the top, as it is raised).
func (w *WM) nextFloat() *client {
	var shown []*client
	for _, c := range w.floats {
		if s, ok := w.floatShown(c); ok && s == w.model.Screen() {
			shown = append(shown, c)
		}
	}
	if len(shown) == 0 {
		return nil
	}
	if t := w.target(); t != nil && t.float != nil && len(shown) > 1 {
		return shown[0] // the focused one is on top; the bottom one comes up next
	}
	return shown[len(shown)-1]
}

// modalOf is the shown modal window transient for c, the topmost one, if there is one.
func (w *WM) modalOf(c *client) *client {
	for i := len(w.floats) - 1; i >= 0; i-- {
		f := w.floats[i]
		if f.modal && f.props.TransientFor == c.win && f != c && f.float.mapped {
			return f
		}
	}
	return nil
}
