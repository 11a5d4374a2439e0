package wm

import (
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// handle is the one place that says what fion does on each X event.
func (w *WM) handle(ev xgb.Event) {
	if len(w.docks) > 0 && w.dockEvent(ev) {
		return
	}
	switch e := ev.(type) {
	case xproto.MapRequestEvent:
		if c, ok := w.clients[e.Window]; ok {
			// ICCCM 4.1.4: a hidden (Iconic) client that maps itself asks to be shown.
			c.mapped = false
			w.activate(c)
		} else {
			w.manage(e.Window, false)
		}
	case xproto.UnmapNotifyEvent:
		w.unmapNotify(e)
	case xproto.DestroyNotifyEvent:
		w.unmanage(e.Window, true)
	case xproto.ConfigureRequestEvent:
		w.configureRequest(e)
	case xproto.PropertyNotifyEvent:
		w.time = e.Time
		w.propertyNotify(e)
	case xproto.ClientMessageEvent:
		if e.Window == w.check && e.Type == w.x.Atom("_FION_SYNC") {
			w.syncArrived(e.Data.Data32[0])
		} else {
			w.clientMessage(e)
		}
	case xproto.KeyPressEvent:
		w.time = e.Time
		w.keyPress(e)
	case xproto.ButtonPressEvent:
		w.time = e.Time
		w.buttonPress(e)
	case xproto.MotionNotifyEvent:
		w.time = e.Time
		w.motion(e)
	case xproto.ButtonReleaseEvent:
		w.time = e.Time
		w.buttonRelease(e)
	case xproto.EnterNotifyEvent:
		w.time = e.Time
		w.enter(e)
	case xproto.MappingNotifyEvent:
		if e.Request == xproto.MappingKeyboard || e.Request == xproto.MappingModifier {
			w.keyboardChanged = true // read once per batch, however many came
		}
	case xproto.SelectionClearEvent:
		// Another window manager took WM_Sn (it was started with --replace): leave politely.
		w.log.Printf("another window manager is replacing fion")
		w.quit = true
	case randr.ScreenChangeNotifyEvent, randr.NotifyEvent:
		w.monitorsChanged = true
	case xproto.ConfigureNotifyEvent:
		// The root changes size with the monitors; `xrandr --setmonitor` sends only this.
		if e.Window == w.x.Root {
			w.monitorsChanged = true
			w.rootW, w.rootH = int(e.Width), int(e.Height)
		}
	}
}

func (w *WM) unmapNotify(e xproto.UnmapNotifyEvent) {
	c, ok := w.clients[e.Window]
	if !ok {
		return
	}
	// fion's own unmaps carry the sequence number of its request; anything else is the client
	// withdrawing: its own unmap, or the synthetic UnmapNotify of ICCCM 4.1.4 sent to the root,
	// even when the window was already unmapped (a hidden tab).
	if c.ownUnmap(e.Sequence) {
		return
	}
	w.unmanage(e.Window, false)
}

// configureRequest grants what unmanaged windows ask, and answers a tiled client with where it
// really is (ICCCM 4.1.5): its tile decides its size.
func (w *WM) configureRequest(e xproto.ConfigureRequestEvent) {
	if c, ok := w.clients[e.Window]; ok {
		if c.float == nil {
			w.x.SendConfigureNotify(c.win, c.root.X, c.root.Y, c.root.W, c.root.H)
			return
		}
		// The position asked for is where the window's outer corner goes (ICCCM's NorthWest
		// gravity): the frame's, as for _NET_MOVERESIZE_WINDOW; with static gravity, the client's.
		r, b := c.float.rect, w.cfg.Border
		if c.props.Hints.StaticGravity {
			b = 0
		}
		if e.ValueMask&xproto.ConfigWindowX != 0 {
			r.X = int(e.X) + b
		}
		if e.ValueMask&xproto.ConfigWindowY != 0 {
			r.Y = int(e.Y) + b
		}
		if e.ValueMask&xproto.ConfigWindowWidth != 0 {
			r.W = int(e.Width)
		}
		if e.ValueMask&xproto.ConfigWindowHeight != 0 {
			r.H = int(e.Height)
		}
		w.moveFloat(c, r)
		return
	}
	var vals []uint32
	mask := e.ValueMask
	add := func(bit uint16, v uint32) {
		if mask&bit != 0 {
			vals = append(vals, v)
		}
	}
	add(xproto.ConfigWindowX, uint32(int32(e.X)))
	add(xproto.ConfigWindowY, uint32(int32(e.Y)))
	add(xproto.ConfigWindowWidth, uint32(e.Width))
	add(xproto.ConfigWindowHeight, uint32(e.Height))
	add(xproto.ConfigWindowBorderWidth, uint32(e.BorderWidth))
	add(xproto.ConfigWindowSibling, uint32(e.Sibling))
	add(xproto.ConfigWindowStackMode, uint32(e.StackMode))
	xproto.ConfigureWindow(w.x.X, e.Window, mask, vals)
	if w.docks[e.Window] != nil && mask&xproto.ConfigWindowStackMode != 0 {
		w.restack = true // a dock raised itself: fullscreen and floating windows go back above it
	}
}

func (w *WM) propertyNotify(e xproto.PropertyNotifyEvent) {
	c, ok := w.clients[e.Window]
	if !ok {
		return
	}
	switch w.x.AtomName(e.Atom) {
	case "WM_NAME", "_NET_WM_NAME":
		w.titles[c] = true // read once per batch, however often it changed
	case "WM_HINTS", "WM_PROTOCOLS", "WM_CLASS", "WM_NORMAL_HINTS", "WM_TRANSIENT_FOR":
		if c.float != nil && w.x.AtomName(e.Atom) == "WM_TRANSIENT_FOR" {
			// A dialog whose parent changes (to the root: "the group") stays on the workspace it
			// is on now, until its new parent, if fion manages it, takes it along.
			si, wi := w.floatHome(c)
			c.float.ws = w.model.Screens[si].Workspaces[wi]
		}
		title := c.props.Title
		c.props = w.x.RequestProps(c.win).Read()
		c.props.Title = title
		w.noteUrgency(c, true)
		if c.float != nil {
			c.float.rect = w.fitFloat(c, c.float.rect) // its size hints may have changed
		}
	}
}

// enter focuses the tile the pointer moved into. Enter events that fion caused itself, by moving,
// mapping or unmapping windows under a pointer that stood still, were generated before the server
// processed the request that ends fion's last change (enterFence); only the user's moves count.
func (w *WM) enter(e xproto.EnterNotifyEvent) {
	if int16(e.Sequence-w.enterFence) < 0 || !w.cfg.FocusFollowsMouse || e.Mode != xproto.NotifyModeNormal || w.drag != nil {
		return
	}
	if c, ok := w.floatFrames[e.Event]; ok {
		w.focusFloat(c)
		return
	}
	// The frame the pointer entered says which tile it is in: a fullscreen one covers the tiles
	// its screen's layout has under the pointer. Only on the root itself does the layout say.
	t, ok := w.tileOf(e.Event)
	if !ok && e.Event == w.x.Root {
		t, ok = w.model.TileAt(int(e.RootX), int(e.RootY))
	}
	if ok {
		w.floatFocus = nil
		w.model.FocusTile(t)
	}
}

// initPointer focuses the tile under the pointer at start.
func (w *WM) initPointer() {
	if p, err := xproto.QueryPointer(w.x.X, w.x.Root).Reply(); err == nil {
		if t, ok := w.model.TileAt(int(p.RootX), int(p.RootY)); ok {
			w.model.FocusTile(t)
		}
	}
}

// tileOf is the tile of frame window (or bar window) win.
func (w *WM) tileOf(win xproto.Window) (*layout.Tile, bool) {
	f, ok := w.owners[win]
	if !ok {
		return nil, false
	}
	loc, ok := w.model.FindTile(f.tile)
	return loc.Tile, ok
}
