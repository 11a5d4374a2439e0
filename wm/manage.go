package wm

import (
	"slices"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// client is one managed X window and what FION last did to it.
type client struct {
	win    xproto.Window
	props  x11.ClientProps
	border int // its own border width, given back when fion lets go

	// Applied state: what X has now, so apply sends only differences.
	parent  xproto.Window
	rel     layout.Rect // geometry inside its frame
	root    layout.Rect // the same in root coordinates (for synthetic ConfigureNotify)
	mapped  bool
	wmState uint32
	desktop int // _NET_WM_DESKTOP last set; -1 unset
	ewmh    clientEWMH

	natural   layout.Rect // the geometry it had when fion took it: a floating window's size
	frame     *floatFrame // its frame while it floats (the model says whether it does)
	attention bool        // _NET_WM_STATE_DEMANDS_ATTENTION
	modal     bool        // _NET_WM_STATE_MODAL: it keeps the focus from its parent
	urgentSeq uint64      // when it last became urgent (to find the oldest), 0 when it is not
	// otherStates are the _NET_WM_STATE atoms it set that fion does not act on, kept as they are.
	otherStates []string
	covering    bool      // it covers its screen now (fullscreen, and its tile is focused)
	managed     time.Time // when fion took it: the rules match it again for a while (rules.go)
	rules       []int     // the rules that matched it, by index in the config
	// ownUnmaps are the sequence numbers of fion's own requests that unmap it (an UnmapWindow,
	// a reparent while it is mapped), once for each UnmapNotify such a request causes (the root
	// hears of it too while it is the root's child). An UnmapNotify carries the number of the
	// request of fion's the server was processing, so one that matches is fion's doing, and any
	// other is the client withdrawing, even when both happen at once.
	ownUnmaps []uint16
	read      time.Time // when fion last read its changed title or properties (readTitles)
	followed  time.Time // when readTitles last read all its followed properties while it was muted
	muted     bool      // fion does not hear of its property changes, and polls them (mute)
}

const clientMask = xproto.EventMaskStructureNotify | xproto.EventMaskPropertyChange

// fetch is what manage reads of a new window, asked for ahead of time.
type fetch struct {
	props x11.PropsCookie
	geom  xproto.GetGeometryCookie
}

// ask sends the requests for what manage reads of win, in the batch's next write (manage sends it
// before it waits).
func (w *WM) ask(win xproto.Window) (f fetch) {
	w.x.Ask(func() { f = fetch{w.x.RequestProps(win), xproto.GetGeometry(w.x.X, xproto.Drawable(win))} })
	return f
}

// prefetch asks for the properties of every window the MapRequests of a batch would manage, all
// before any reply is read. It returns the MapRequests to pass over: those of windows that the
// same batch shows destroyed after them (a client that maps windows and destroys them at once, or
// a program that dies as it starts), which cost no request at all. It also returns the
// UnmapNotify events of windows the batch shows destroyed after them (a mapped window that is
// destroyed is unmapped first): such a window is gone, and nothing needs to be tidied on it.
func (w *WM) prefetch(evs []x11.Event) (dead, doomedUnmaps map[int]bool) {
	// From the end: a DestroyNotify dooms the MapRequests of its window before it, back to the
	// CreateNotify of a window that took the same id since.
	var dies map[xproto.Window]bool
	for i := len(evs) - 1; i >= 0; i-- {
		switch e := evs[i].Ev.(type) {
		case xproto.DestroyNotifyEvent:
			if dies == nil {
				dies = map[xproto.Window]bool{}
			}
			dies[e.Window] = true
		case xproto.CreateNotifyEvent:
			delete(dies, e.Window)
		case xproto.MapRequestEvent:
			if dies[e.Window] {
				if dead == nil {
					dead = map[int]bool{}
				}
				dead[i] = true
			}
		case xproto.UnmapNotifyEvent:
			if dies[e.Window] {
				if doomedUnmaps == nil {
					doomedUnmaps = map[int]bool{}
				}
				doomedUnmaps[i] = true
			}
		}
	}
	for i, e := range evs {
		if m, ok := e.Ev.(xproto.MapRequestEvent); ok && !dead[i] && w.clients[m.Window] == nil {
			if _, asked := w.fetched[m.Window]; !asked {
				w.fetched[m.Window] = w.ask(m.Window)
			}
		}
	}
	return dead, doomedUnmaps
}

// manage takes a new top-level window into the focused tile. mapped says it is already mapped
// (adopted at start), so reparenting it will cause an UnmapNotify to ignore.
func (w *WM) manage(win xproto.Window, mapped bool) {
	f, asked := w.fetched[win]
	delete(w.fetched, win)
	if _, ok := w.clients[win]; ok || win == w.check || w.docks[win] != nil {
		return
	}
	if !asked {
		f = w.ask(win)
	}
	w.x.Send()
	geom, err := f.geom.Reply()
	props := f.props.Read()
	if err != nil {
		return // it is gone already
	}
	rect := layout.Rect{X: int(geom.X), Y: int(geom.Y), W: int(geom.Width), H: int(geom.Height)}
	if in := w.inside[win]; in != nil {
		o := in.frame.origin() // in a frame an earlier fion left: its place on the root is from there
		rect.X, rect.Y = rect.X+o.X, rect.Y+o.Y
	}
	kind := kindOf(props, win)
	if kind == kindTiled && mapped && w.x.Cardinal(win, "_FION_FLOATING") == 1 {
		kind = kindFloat // the user floated it under the fion that ran before (--replace)
	}
	switch kind {
	case kindDock:
		w.manageDock(win, props, rect, mapped)
		return
	case kindAlone:
		if !mapped {
			xproto.MapWindow(w.x.X, win)
		}
		if slices.Contains(props.Types, "_NET_WM_WINDOW_TYPE_DESKTOP") {
			// A desktop (icons, wallpaper) goes below everything, not over the tiles.
			xproto.ConfigureWindow(w.x.X, win, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeBelow})
		}
		return
	}
	xproto.ChangeWindowAttributes(w.x.X, win, xproto.CwEventMask, []uint32{clientMask})
	xproto.ChangeSaveSet(w.x.X, xproto.SetModeInsert, win)
	c := &client{win: win, desktop: -1, mapped: mapped, props: props, border: int(geom.BorderWidth), root: rect, natural: rect, managed: time.Now()}
	full := slices.Contains(props.States, "_NET_WM_STATE_FULLSCREEN")
	c.attention = slices.Contains(props.States, "_NET_WM_STATE_DEMANDS_ATTENTION")
	c.modal = slices.Contains(props.States, "_NET_WM_STATE_MODAL")
	for _, st := range props.States {
		if !slices.Contains(netStates, st) {
			c.otherStates = append(c.otherStates, st) // SKIP_TASKBAR and the like: kept for taskbars
		}
	}
	w.clients[win] = c
	w.order = append(w.order, win)
	w.noteUrgency(c, false)
	// A window the saved layout placed (see restore) is where it was; any other is placed (place.go).
	if !w.model.Managed(c.id()) {
		w.put(c, w.placeNew(c, kind, full), mapped)
	}
	w.debug.Printf("manage %#x %q", win, c.props.Title)
	w.publish("client.new", c.event())
}

// expectUnmap notes that fion's request seq unmaps c, causing n UnmapNotify events.
func (w *WM) expectUnmap(c *client, seq uint16, n int) {
	for range n {
		c.ownUnmaps = append(c.ownUnmaps, seq)
	}
	w.unmapping[c] = true
}

// dropUnmapsBefore forgets, for every client, the unmaps fion expected from requests older than
// seq, the sequence number of the last event handled: events come in the order the server made
// them, so an UnmapNotify that has not come by then never will (the client had unmapped the
// window already). Sequence numbers are 16 bits and compared by their difference, so this runs
// every batch: an entry never grows old enough for the difference to wrap and match a stranger's
// unmap 65536 requests later.
func (w *WM) dropUnmapsBefore(seq uint16) {
	for c := range w.unmapping {
		c.dropUnmapsBefore(seq)
		if len(c.ownUnmaps) == 0 || w.clients[c.win] != c {
			delete(w.unmapping, c)
		}
	}
}

func (c *client) dropUnmapsBefore(seq uint16) {
	c.ownUnmaps = slices.DeleteFunc(c.ownUnmaps, func(s uint16) bool { return int16(seq-s) > 0 })
}

// ownUnmap reports whether an UnmapNotify with sequence number seq is one fion caused, and
// consumes it.
func (c *client) ownUnmap(seq uint16) bool {
	c.dropUnmapsBefore(seq)
	if len(c.ownUnmaps) > 0 && c.ownUnmaps[0] == seq {
		c.ownUnmaps = c.ownUnmaps[1:]
		return true
	}
	return false
}

// kind is how fion treats a new top-level window.
type kind int

const (
	kindTiled kind = iota // a tab in a tile
	kindFloat             // above the tiles, lightly framed
	kindDock              // a panel: unframed, on every workspace, its struts shrink the work area
	kindAlone             // a menu, tooltip or notification that is not override-redirect: shown as it asks
)

// kindOf reads a window's type (the first one fion knows, as EWMH orders them by preference),
// then WM_TRANSIENT_FOR and a fixed size, to tell what it is.
func kindOf(p x11.ClientProps, self xproto.Window) kind {
types:
	for _, t := range p.Types {
		switch strings.TrimPrefix(t, "_NET_WM_WINDOW_TYPE_") {
		case "DOCK":
			return kindDock
		case "DESKTOP", "MENU", "DROPDOWN_MENU", "POPUP_MENU", "TOOLTIP", "NOTIFICATION", "COMBO", "DND":
			return kindAlone
		case "DIALOG", "UTILITY", "SPLASH", "TOOLBAR":
			return kindFloat
		case "NORMAL":
			break types
		}
	}
	if p.TransientFor != 0 && p.TransientFor != self || p.Hints.Fixed() {
		return kindFloat
	}
	return kindTiled
}

// unmanage forgets a client. gone says the window no longer exists (destroyed), so nothing is sent to it.
func (w *WM) unmanage(win xproto.Window, gone bool) {
	c, ok := w.clients[win]
	if !ok {
		return
	}
	floated := w.floating(c) != nil
	hadFocus := w.target() == c
	delete(w.clients, win)
	w.publish("client.close", c.event())
	w.order = slices.DeleteFunc(w.order, func(x xproto.Window) bool { return x == win })
	if w.cfg.RememberPlaces {
		w.model.Remember(c.id(), identity(c.props)) // so that it comes back there (place.go)
	}
	w.model.Forget(c.id())
	if floated {
		w.focusParent(c, hadFocus)
	}
	if w.focused == win {
		w.focused = 0
	}
	if !gone && w.leftFion(c) {
		// Another program (an XEmbed or tabbed host) took it: leave it where it is. Or it is
		// destroyed already (its DestroyNotify comes in a later batch): nothing to tidy.
		gone = true
	}
	if !gone {
		// A client that withdrew: leave it on the root, withdrawn, with its border back. One that
		// sent only ICCCM's synthetic UnmapNotify is still mapped: unmapped first, it does not
		// show up on the root without a frame.
		if c.mapped {
			xproto.UnmapWindow(w.x.X, win)
		}
		w.x.Delete(win, "WM_STATE")
		w.x.Delete(win, "_NET_WM_DESKTOP")
		// EWMH: the window manager removes _NET_WM_STATE when a window withdraws; the rest is
		// fion's too. (A state the client set itself would come back on its next map.)
		w.x.Delete(win, "_NET_WM_STATE")
		w.x.Delete(win, "_NET_WM_ALLOWED_ACTIONS")
		w.x.Delete(win, "_NET_FRAME_EXTENTS")
		w.x.Delete(win, "_FION_FLOATING")
		xproto.ChangeWindowAttributes(w.x.X, win, xproto.CwEventMask, []uint32{0})
		xproto.ReparentWindow(w.x.X, win, w.x.Root, int16(c.root.X), int16(c.root.Y))
		xproto.ConfigureWindow(w.x.X, win, xproto.ConfigWindowBorderWidth, []uint32{uint32(c.border)})
		xproto.ChangeSaveSet(w.x.X, xproto.SetModeDelete, win)
	}
	w.debug.Printf("unmanage %#x", win)
}

// leftFion reports whether c is no longer fion's to tidy: another client has reparented it into
// a window of its own (it is neither in fion's frame nor on the root), or it no longer exists.
func (w *WM) leftFion(c *client) bool {
	tree, err := xproto.QueryTree(w.x.X, c.win).Reply()
	if err != nil {
		return true
	}
	return tree.Parent != w.x.Root && tree.Parent != c.parent
}

// adopt manages the windows that were there before fion: mapped ones, the ones a previous
// window manager had hidden (WM_STATE Iconic), and the ones in the frames a fion before this one
// left (see handover.go), whose frames it takes over.
func (w *WM) adopt() {
	tree, err := xproto.QueryTree(w.x.X, w.x.Root).Reply()
	if err != nil {
		return
	}
	n := len(tree.Children)
	attrs := make([]xproto.GetWindowAttributesCookie, n)
	states := make([]xproto.GetPropertyCookie, n)
	marks := make([]xproto.GetPropertyCookie, n)
	for i, win := range tree.Children {
		attrs[i] = xproto.GetWindowAttributes(w.x.X, win)
		states[i] = w.wmStateOf(win)
		marks[i] = xproto.GetProperty(w.x.X, false, win, w.x.Atom("_FION_FRAME"), xproto.AtomCardinal, 0, 3)
	}
	var adopt []xproto.Window
	var viewable []bool
	replies := make([]*xproto.GetWindowAttributesReply, n)
	for i, win := range tree.Children {
		a, err := attrs[i].Reply()
		st, _ := states[i].Reply()
		replies[i] = a
		if err != nil || a.OverrideRedirect || win == w.check {
			continue
		}
		iconic := st != nil && len(st.Value) >= 4 && st.Value[0] == 3
		if shown := a.MapState == xproto.MapStateViewable; shown || iconic {
			adopt, viewable = append(adopt, win), append(viewable, shown)
			w.fetched[win] = w.ask(win) // every window's requests first, then the replies
		}
	}
	olds := w.findOldFrames(tree.Children, replies, marks)
	w.inside = map[xproto.Window]*inheritedClient{}
	var inside []xproto.Window
	for _, o := range olds {
		for _, win := range o.children {
			w.inside[win] = &inheritedClient{frame: o, attrs: xproto.GetWindowAttributes(w.x.X, win), state: w.wmStateOf(win)}
			inside = append(inside, win)
			w.fetched[win] = w.ask(win)
		}
	}
	for _, win := range inside {
		in := w.inside[win]
		a, err := in.attrs.Reply()
		st, _ := in.state.Reply()
		if err != nil || a.OverrideRedirect {
			delete(w.inside, win) // gone, or not a client: it goes back to the root below, if there
			continue
		}
		if st != nil && len(st.Value) >= 4 {
			in.wmState = xgb.Get32(st.Value)
		}
		in.mapped = a.MapState != xproto.MapStateUnmapped // in a frame that is not shown, it is Unviewable
		adopt, viewable = append(adopt, win), append(viewable, in.mapped)
	}
	w.restore(adopt)
	for i, win := range adopt {
		w.manage(win, viewable[i])
		if c, in := w.clients[win], w.inside[win]; c != nil && in != nil {
			w.inherit(c, in)
		}
	}
	w.takeFrames(olds)
	// A window in an old frame that fion does not manage (now a dock, say) goes to the root before
	// the frame goes.
	for _, o := range olds {
		for _, win := range o.children {
			if w.clients[win] == nil {
				at := o.origin()
				if g, err := xproto.GetGeometry(w.x.X, xproto.Drawable(win)).Reply(); err == nil {
					xproto.ReparentWindow(w.x.X, win, w.x.Root, int16(at.X+int(g.X)), int16(at.Y+int(g.Y)))
				}
			}
		}
	}
	w.inside = nil
	// What the saved layout placed that fion does not manage (a dock now, a window left alone).
	for _, id := range append(w.model.Clients(), floatingClients(w.model)...) {
		if w.clients[xproto.Window(id)] == nil {
			w.model.Forget(id)
		}
	}
}

// wmStateOf asks for win's WM_STATE.
func (w *WM) wmStateOf(win xproto.Window) xproto.GetPropertyCookie {
	return xproto.GetProperty(w.x.X, false, win, w.x.Atom("WM_STATE"), w.x.Atom("WM_STATE"), 0, 1)
}

func floatingClients(m *layout.Model) []layout.ClientID {
	var ids []layout.ClientID
	for _, f := range m.Floats {
		ids = append(ids, f.Client)
	}
	return ids
}

// ClientEvent is the data of the client.* events.
type ClientEvent struct {
	Window   uint32 `json:"window"`
	Title    string `json:"title"`
	Class    string `json:"class"`
	Instance string `json:"instance"`
	Urgent   bool   `json:"urgent"`
}

func (c *client) event() ClientEvent {
	return ClientEvent{Window: uint32(c.win), Title: c.title(), Class: c.props.Class, Instance: c.props.Instance, Urgent: c.urgent()}
}
