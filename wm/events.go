package wm

import (
	"reflect"
	"slices"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// handle is the one place that says what fion does on each X event.
func (w *WM) handle(ev xgb.Event) {
	left := w.left
	w.left = false
	if len(w.docks) > 0 && w.dockEvent(ev) {
		return
	}
	switch e := ev.(type) {
	case xproto.MapRequestEvent:
		if c, ok := w.clients[e.Window]; ok {
			// ICCCM 4.1.4: a hidden (Iconic) client that maps itself asks to be shown.
			c.mapped = false
			w.model.ActivateClient(c.id())
		} else {
			w.manage(e.Window, false)
		}
	case xproto.UnmapNotifyEvent:
		w.unmapNotify(e)
	case xproto.DestroyNotifyEvent:
		w.unmanage(e.Window, true)
	case xproto.ReparentNotifyEvent:
		w.reparentNotify(e)
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
		w.enter(e, left)
	case xproto.LeaveNotifyEvent:
		w.time = e.Time
		w.crossed = point{e.RootX, e.RootY}
		w.left = e.Mode == xproto.NotifyModeNormal
	case xproto.MappingNotifyEvent:
		if e.Request == xproto.MappingKeyboard || e.Request == xproto.MappingModifier {
			w.keyboardChanged = true // read once per batch, however many came
		}
	case xproto.SelectionClearEvent:
		// Another window manager took WM_Sn (it was started with --replace): leave politely. A
		// fion (restart, an upgrade) takes the windows over as they are.
		w.handover = w.successorAdopts()
		if w.handover {
			w.log.Printf("a new fion is taking over: the windows stay as they are")
		} else {
			w.log.Printf("another window manager is replacing fion")
		}
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

// xError handles the error of an unchecked request. Windows vanish at any time, so errors are
// normal; one that says a managed window or a dock no longer exists means it is gone, though its
// DestroyNotify may never come (it vanished before fion selected events on it): it is forgotten
// now, not left as a tab for nothing.
func (w *WM) xError(err xgb.Error) {
	w.debug.Printf("X error: %v", err)
	switch err.(type) {
	case xproto.WindowError, xproto.DrawableError:
		win := xproto.Window(err.BadId())
		if !w.forgetDock(win) {
			w.unmanage(win, true)
		}
	}
}

// reparentNotify notices a client that another program took into a window of its own (an XEmbed
// host, a tabbed container), even a hidden tab that no UnmapNotify tells of: it is no longer
// fion's to manage. fion's own reparents go into its own windows, or to the root when it lets go.
func (w *WM) reparentNotify(e xproto.ReparentNotifyEvent) {
	c, ok := w.clients[e.Window]
	if !ok || e.Event != e.Window || e.Parent == w.x.Root || w.fionsWindow(e.Parent) {
		return
	}
	w.debug.Printf("%#x was taken into %#x by another program", c.win, e.Parent)
	w.unmanage(c.win, true)
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
	// A window destroyed right after (its DestroyNotify is in the same batch) is gone: nothing of
	// fion's is left on it to tidy, and asking where it is would cost a round trip for nothing.
	w.unmanage(e.Window, w.destroyedNext)
}

// configureRequest grants what unmanaged windows ask, and answers a tiled client with where it
// really is (ICCCM 4.1.5): its tile decides its size.
func (w *WM) configureRequest(e xproto.ConfigureRequestEvent) {
	if c, ok := w.clients[e.Window]; ok {
		f := w.floating(c)
		if f == nil {
			w.x.SendConfigureNotify(c.win, c.root.X, c.root.Y, c.root.W, c.root.H)
			return
		}
		// The position asked for is where the window's outer corner goes (ICCCM's NorthWest
		// gravity): the frame's, as for _NET_MOVERESIZE_WINDOW; with static gravity, the client's.
		r, b := f.Rect, f.Border
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
	switch name := w.x.AtomName(e.Atom); {
	case titleProp(name):
		w.titles[c] = true // read once per batch at most, however often it changed (see readTitles)
		if w.storming(c) {
			w.mute(c)
		}
	case slices.Contains(rereadProps, name):
		if c.muted || w.storming(c) {
			// Read with its title at the titles' next turn, with every property fion follows.
			w.titles[c] = true
			w.mute(c)
			return
		}
		c.read = time.Now()
		if props := c.props; w.x.RequestFollowed(c.win).ReadInto(&props) {
			w.takeProps(c, props)
		}
	}
}

// storming reports whether client c changes its properties faster than fion reads them: it
// changed one again within titleEvery of fion's last read of them, so that its next read waits
// for the titles' turn (unless a Sync earlier in this batch has the titles read at once).
func (w *WM) storming(c *client) bool { return !w.titlesNow && time.Since(c.read) < titleEvery }

// mute stops fion hearing of c's property changes: readTitles polls its properties at each turn
// of the titles instead, until a read finds nothing new. A program that retitles its window a
// thousand times a second then costs fion one read per turn, not a wake-up per change: each
// wake-up of the loop costs more in system calls and scheduling than anything fion does with one
// event. Nothing is missed: the request that selects the changes again goes to the X server
// before the requests of the last read, so a change comes either before that read or as an event.
func (w *WM) mute(c *client) {
	if c.muted {
		return
	}
	c.muted = true
	xproto.ChangeWindowAttributes(w.x.X, c.win, xproto.CwEventMask, []uint32{clientMask &^ xproto.EventMaskPropertyChange})
}

// unmute selects c's property changes again; its properties are read after it (see mute).
func (w *WM) unmute(c *client) {
	c.muted = false
	xproto.ChangeWindowAttributes(w.x.X, c.win, xproto.CwEventMask, []uint32{clientMask})
}

// takeProps takes the properties of c read again, but for its title (readTitles reads that), and
// does what a change of them asks for. It reports whether any of them changed.
func (w *WM) takeProps(c *client, props x11.ClientProps) bool {
	props.Title = c.props.Title
	if reflect.DeepEqual(props, c.props) {
		return false
	}
	transientFor := c.props.TransientFor
	c.props = props
	w.noteUrgency(c, true)
	w.recheckRules(c) // a program that names its window late
	if f := w.floating(c); f != nil {
		if props.TransientFor != transientFor {
			// A dialog whose parent changes (to the root: "the group") stays on the workspace it
			// is on now, until its new parent, if fion manages it, takes it along.
			w.model.SetParent(c.id(), layout.ClientID(props.TransientFor))
		}
		f.Border = w.floatBorder(c)                      // its Motif hints may have changed
		w.model.MoveFloat(c.id(), w.fitFloat(c, f.Rect)) // and its size hints
	}
	return true
}

// titleProp reports whether a client's property name is one its title is read from.
func titleProp(name string) bool { return name == "WM_NAME" || name == "_NET_WM_NAME" }

// rereadProps are the properties of a client, other than its title, that fion reads again when
// they change (x11.Conn.RequestFollowed reads them with the title). A change of any other
// (WM_ICON_NAME, which a terminal sets with its title, an icon, a user time) changes nothing.
var rereadProps = x11.Followed

// point is a place on the root window.
type point struct{ x, y int16 }

// enter focuses the tile the pointer moved into. Only the user moving the pointer counts, not a
// window appearing or going away under a pointer that stands still:
//   - Enter events that fion caused itself, by moving, mapping or unmapping windows, were generated
//     before the server processed the request that ends fion's last change (enterFence).
//   - Another program's window going away (a notification closing, a launcher closed with Escape)
//     puts the pointer into a tile at the very place where fion last heard of it: from the Leave
//     (or a grab's crossing) when that window appeared over the pointer or when the pointer
//     crossed into it. Such an Enter is a move only when it ends the same motion: the pointer
//     going straight from one of fion's windows into the next gives a Leave and an Enter at one
//     place with no other event between them (left), whereas a window appearing or going away
//     gives fion its MapNotify or UnmapNotify on the root in between.
func (w *WM) enter(e xproto.EnterNotifyEvent, left bool) {
	last := w.crossed
	w.crossed = point{e.RootX, e.RootY}
	if int16(e.Sequence-w.enterFence) < 0 || !w.cfg.FocusFollowsMouse || e.Mode != xproto.NotifyModeNormal || w.drag != nil {
		return
	}
	if w.monitorsChanged {
		return // the monitors changed under the pointer (one went away and the server moved it): not the user
	}
	if last == w.crossed && !left {
		return // the pointer did not move since fion last heard of it
	}
	if c, ok := w.floatFrames[e.Event]; ok {
		w.model.FocusFloat(c.id())
		return
	}
	// The frame the pointer entered says which tile it is in: a fullscreen one covers the tiles
	// its screen's layout has under the pointer. Only on the root itself does the layout say.
	t, ok := w.tileOf(e.Event)
	if !ok && e.Event == w.x.Root {
		t, ok = w.model.TileAt(int(e.RootX), int(e.RootY))
	}
	if ok {
		w.model.FocusTiles()
		w.model.FocusTile(t)
	}
}

// initPointer focuses the tile under the pointer at start, where fion first knows it to be.
func (w *WM) initPointer() {
	if p, err := xproto.QueryPointer(w.x.X, w.x.Root).Reply(); err == nil {
		w.crossed = point{p.RootX, p.RootY}
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
