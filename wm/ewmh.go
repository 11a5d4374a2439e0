package wm

import (
	"slices"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// EWMH desktops are FION's workspaces of every screen in a row: desktop
// screen*len(workspaces)+workspace. _NET_CURRENT_DESKTOP is the workspace shown on the focused
// screen, and a desktop's name is "SCREEN:WORKSPACE" (fion.1 says so).

// supported is _NET_SUPPORTED: only what fion really does.
var supported = []string{
	"_NET_SUPPORTED", "_NET_SUPPORTING_WM_CHECK", "_NET_WM_NAME", "_NET_CLIENT_LIST",
	"_NET_CLIENT_LIST_STACKING", "_NET_ACTIVE_WINDOW", "_NET_NUMBER_OF_DESKTOPS",
	"_NET_CURRENT_DESKTOP", "_NET_DESKTOP_NAMES", "_NET_DESKTOP_VIEWPORT", "_NET_WORKAREA", "_NET_WM_DESKTOP",
	"_NET_WM_PID", "_NET_CLOSE_WINDOW", "_NET_MOVERESIZE_WINDOW", "_NET_REQUEST_FRAME_EXTENTS", "_NET_FRAME_EXTENTS",
	"_NET_WM_ALLOWED_ACTIONS", "_NET_WM_ACTION_MOVE", "_NET_WM_ACTION_RESIZE",
	"_NET_WM_ACTION_FULLSCREEN", "_NET_WM_ACTION_CHANGE_DESKTOP", "_NET_WM_ACTION_CLOSE",
	"_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN", "_NET_WM_STATE_DEMANDS_ATTENTION",
	"_NET_WM_STATE_HIDDEN", "_NET_WM_STATE_FOCUSED", "_NET_WM_STATE_MODAL", "_NET_WM_STRUT",
	"_NET_WM_STRUT_PARTIAL", "_NET_WM_WINDOW_TYPE", "_NET_WM_WINDOW_TYPE_DOCK",
	"_NET_WM_WINDOW_TYPE_DIALOG", "_NET_WM_WINDOW_TYPE_UTILITY", "_NET_WM_WINDOW_TYPE_SPLASH",
	"_NET_WM_WINDOW_TYPE_TOOLBAR", "_NET_WM_WINDOW_TYPE_MENU", "_NET_WM_WINDOW_TYPE_DROPDOWN_MENU",
	"_NET_WM_WINDOW_TYPE_POPUP_MENU", "_NET_WM_WINDOW_TYPE_TOOLTIP",
	"_NET_WM_WINDOW_TYPE_NOTIFICATION", "_NET_WM_WINDOW_TYPE_COMBO", "_NET_WM_WINDOW_TYPE_DND",
	"_NET_WM_WINDOW_TYPE_DESKTOP", "_NET_WM_WINDOW_TYPE_NORMAL",
}

// clientEWMH is what fion last published on a client, to send only changes.
type clientEWMH struct {
	state    netState
	extents  [4]uint32
	floating bool // its _NET_WM_ALLOWED_ACTIONS are those of a floating window
	set      bool
}

// netState is a client's _NET_WM_STATE as bits, in the order of netStates.
type netState uint8

var netStates = []string{"_NET_WM_STATE_FULLSCREEN", "_NET_WM_STATE_MODAL", "_NET_WM_STATE_DEMANDS_ATTENTION",
	"_NET_WM_STATE_HIDDEN", "_NET_WM_STATE_FOCUSED"}

// The allowed actions of tiled and of floating windows.
var (
	tiledActions = []string{"_NET_WM_ACTION_FULLSCREEN", "_NET_WM_ACTION_CHANGE_DESKTOP", "_NET_WM_ACTION_CLOSE"}
	floatActions = append(slices.Clone(tiledActions), "_NET_WM_ACTION_MOVE", "_NET_WM_ACTION_RESIZE")
)

// ewmhState is what fion last published, to send only changes.
type ewmhState struct {
	clients  []xproto.Window
	stacking []xproto.Window
	workarea []uint32
	viewport []uint32
	active   xproto.Window
	count    int
	current  int
	names    []string
	set      bool
}

func (w *WM) publishSupport() {
	w.x.SetWindows(w.check, "_NET_SUPPORTING_WM_CHECK", []xproto.Window{w.check})
	w.x.SetUTF8(w.check, "_NET_WM_NAME", "fion")
	w.x.SetWindows(w.x.Root, "_NET_SUPPORTING_WM_CHECK", []xproto.Window{w.check})
	w.x.SetAtoms(w.x.Root, "_NET_SUPPORTED", supported)
}

// desktop is the EWMH desktop number of workspace wi on screen si: the workspaces of every screen
// in a row, those lodged there while their own monitor is away included.
func (w *WM) desktop(si, wi int) int {
	d := wi
	for _, s := range w.model.Screens[:si] {
		d += len(s.Workspaces)
	}
	return d
}

// workspaceOf is the screen and workspace of EWMH desktop d; ok is false when there is none.
func (w *WM) workspaceOf(d int) (si, wi int, ok bool) {
	for si, s := range w.model.Screens {
		if d >= 0 && d < len(s.Workspaces) {
			return si, d, true
		}
		d -= len(s.Workspaces)
	}
	return 0, 0, false
}

// desktopName is "SCREEN:WORKSPACE" for workspace ws shown on screen s: its home screen's name,
// which is not s's while it is lodged there.
func desktopName(ws *layout.Workspace) string { return ws.Home + ":" + ws.Name }

func (w *WM) publishState() {
	e := &w.ewmh
	if !e.set || !slices.Equal(e.clients, w.order) {
		w.x.SetWindows(w.x.Root, "_NET_CLIENT_LIST", w.order)
		e.clients = slices.Clone(w.order)
	}
	if stacking := w.stackingOrder(); !e.set || !slices.Equal(e.stacking, stacking) {
		w.x.SetWindows(w.x.Root, "_NET_CLIENT_LIST_STACKING", stacking)
		e.stacking = stacking
	}
	active := xproto.Window(0)
	if c := w.focusedClient(); c != nil {
		active = c.win
	}
	if !e.set || e.active != active {
		w.x.SetWindows(w.x.Root, "_NET_ACTIVE_WINDOW", []xproto.Window{active})
		e.active = active
	}
	var names []string
	for _, s := range w.model.Screens {
		for _, ws := range s.Workspaces {
			names = append(names, desktopName(ws))
		}
	}
	if !e.set || e.count != len(names) {
		w.x.SetCardinals(w.x.Root, "_NET_NUMBER_OF_DESKTOPS", uint32(len(names)))
		e.count = len(names)
	}
	// A desktop's viewport is the corner of its screen: bars that keep to one monitor (polybar's
	// pin-workspaces) show that monitor's desktops.
	var area, viewport []uint32
	for _, s := range w.model.Screens {
		for range s.Workspaces {
			r := s.Work
			area = append(area, uint32(r.X), uint32(r.Y), uint32(r.W), uint32(r.H))
			viewport = append(viewport, uint32(s.Rect.X), uint32(s.Rect.Y))
		}
	}
	if !e.set || !slices.Equal(e.workarea, area) {
		w.x.SetCardinals(w.x.Root, "_NET_WORKAREA", area...)
		e.workarea = area
	}
	if !e.set || !slices.Equal(e.viewport, viewport) {
		w.x.SetCardinals(w.x.Root, "_NET_DESKTOP_VIEWPORT", viewport...)
		e.viewport = viewport
	}
	if !e.set || !slices.Equal(e.names, names) {
		w.x.SetUTF8(w.x.Root, "_NET_DESKTOP_NAMES", names...)
		e.names = names
	}
	s := w.model.Current
	current := w.desktop(s, w.model.Screens[s].Current)
	if !e.set || e.current != current {
		w.x.SetCardinals(w.x.Root, "_NET_CURRENT_DESKTOP", uint32(current))
		e.current = current
	}
	for _, win := range w.order {
		c := w.clients[win]
		si, wi, ok := w.where(c)
		if d := w.desktop(si, wi); ok && d != c.desktop {
			w.x.SetCardinals(win, "_NET_WM_DESKTOP", uint32(d))
			c.desktop = d
		}
		w.publishClient(c)
	}
	e.set = true
}

// where is the screen and workspace of client c.
func (w *WM) where(c *client) (si, wi int, ok bool) {
	if f := w.floating(c); f != nil {
		si, wi = w.model.FloatHome(f)
		return si, wi, true
	}
	loc, ok := w.model.Find(c.id())
	return loc.Screen, loc.Workspace, ok
}

// stackingOrder is _NET_CLIENT_LIST_STACKING, as applyStacking stacks them: tiled clients, the
// floating ones that stay below fullscreen windows, fullscreen ones, the other floating ones.
func (w *WM) stackingOrder() []xproto.Window {
	out := make([]xproto.Window, 0, len(w.order))
	for _, win := range w.order {
		if c := w.clients[win]; w.floating(c) == nil && !w.fullscreen(c) {
			out = append(out, win)
		}
	}
	below := w.fullShown > 0
	var floats []*client
	for _, f := range w.model.Floats {
		if c := w.clients[xproto.Window(f.Client)]; c != nil {
			floats = append(floats, c)
		}
	}
	for _, c := range floats {
		if below && !w.overFullscreen(c) {
			out = append(out, c.win)
		}
	}
	for _, win := range w.order {
		if c := w.clients[win]; w.floating(c) == nil && w.fullscreen(c) {
			out = append(out, win)
		}
	}
	for _, c := range floats {
		if !below || w.overFullscreen(c) {
			out = append(out, c.win)
		}
	}
	return out
}

// netState is c's _NET_WM_STATE as bits: its own states, whether it is in fullscreen, hidden and
// focused.
func (c *client) netState(fullscreen, hidden, focused bool) netState {
	var state netState
	for i, on := range []bool{fullscreen, c.modal, c.attention, hidden, focused} {
		if on {
			state |= 1 << i
		}
	}
	return state
}

// stateNames is the _NET_WM_STATE atoms of state, after the ones c set that fion keeps as they are.
func (c *client) stateNames(state netState) []string {
	names := slices.Clone(c.otherStates)
	for i, name := range netStates {
		if state&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return names
}

// frameExtents is _NET_FRAME_EXTENTS for client c: left, right, top, bottom.
func (w *WM) frameExtents(c *client) [4]uint32 {
	if f := w.floating(c); f != nil {
		return w.extents(kindFloat, f.Border, false)
	}
	return w.extents(kindTiled, 0, c.covering)
}

// extents is _NET_FRAME_EXTENTS for a window of kind k: a floating one's border is border; a tiled
// one has none while it covers its screen (in fullscreen), nor do a dock or a window left alone.
func (w *WM) extents(k kind, border int, covering bool) [4]uint32 {
	b := uint32(w.cfg.Border)
	switch {
	case k == kindFloat:
		fb := uint32(border)
		return [4]uint32{fb, fb, fb, fb}
	case k != kindTiled || covering:
		return [4]uint32{}
	}
	return [4]uint32{b, b, b + uint32(w.barHeight()), b}
}

// publishClient sets the EWMH properties fion keeps on client c, when they changed.
func (w *WM) publishClient(c *client) {
	e := &c.ewmh
	if state := c.netState(w.fullscreen(c), !c.mapped, w.focused == c.win); !e.set || state != e.state {
		w.x.SetAtoms(c.win, "_NET_WM_STATE", c.stateNames(state))
		e.state = state
	}
	if ext := w.frameExtents(c); !e.set || ext != e.extents {
		w.x.SetCardinals(c.win, "_NET_FRAME_EXTENTS", ext[:]...)
		e.extents = ext
	}
	if floating := w.floating(c) != nil; !e.set || floating != e.floating {
		actions := tiledActions
		if floating {
			actions = floatActions
		}
		w.x.SetAtoms(c.win, "_NET_WM_ALLOWED_ACTIONS", actions)
		e.floating = floating
	}
	e.set = true
}

// clientMessage handles EWMH requests from pagers and clients.
func (w *WM) clientMessage(ev xproto.ClientMessageEvent) {
	data := ev.Data.Data32
	switch w.x.AtomName(ev.Type) {
	case "_NET_CURRENT_DESKTOP":
		if si, wi, ok := w.workspaceOf(int(data[0])); ok {
			w.model.FocusScreen(si)
			w.model.SwitchWorkspace(wi)
		}
	case "_NET_WM_DESKTOP":
		if _, ok := w.clients[ev.Window]; ok {
			w.moveToDesktop(layout.ClientID(ev.Window), int(data[0]))
		}
	case "_NET_ACTIVE_WINDOW":
		c, ok := w.clients[ev.Window]
		switch {
		case !ok || c == w.target():
		case data[0] == activeFromApplication && !w.cfg.FocusOnActivate:
			// A program may not take the keyboard from the user; its window asks for attention.
			c.attention = true
			w.noteUrgency(c, true)
		default:
			w.model.ActivateClient(c.id())
		}
	case "_NET_CLOSE_WINDOW":
		if c, ok := w.clients[ev.Window]; ok {
			w.close(c, false)
		}
	case "_NET_WM_STATE":
		if c, ok := w.clients[ev.Window]; ok {
			w.changeState(c, data[0], xproto.Atom(data[1]), xproto.Atom(data[2]))
		}
	case "_NET_MOVERESIZE_WINDOW":
		if c, ok := w.clients[ev.Window]; ok {
			if f := w.floating(c); f != nil {
				w.moveFloat(c, moveResize(f.Rect, data, f.Border))
			}
		}
	case "_NET_REQUEST_FRAME_EXTENTS":
		var ext [4]uint32
		if c := w.clients[ev.Window]; c != nil {
			ext = w.frameExtents(c)
		} else {
			// Not managed yet: the frame its properties will give it.
			props := w.x.RequestProps(ev.Window).Read()
			full := slices.Contains(props.States, "_NET_WM_STATE_FULLSCREEN")
			k := kindOf(props, ev.Window)
			if k == kindFloat && full {
				k = kindTiled // a window in fullscreen is a tab
			}
			border := w.cfg.Border
			if props.Undecorated {
				border = 0
			}
			ext = w.extents(k, border, full)
		}
		w.x.SetCardinals(ev.Window, "_NET_FRAME_EXTENTS", ext[:]...)
	}
}

// The source indication of _NET_ACTIVE_WINDOW: 1 is an application, 2 a pager (0: an old client,
// treated as a pager).
const activeFromApplication = 1

// changeState carries out a _NET_WM_STATE request: action 0 removes, 1 adds, 2 toggles each of
// the two properties.
func (w *WM) changeState(c *client, action uint32, props ...xproto.Atom) {
	set := func(now bool) bool {
		switch action {
		case 0:
			return false
		case 1:
			return true
		case 2:
			return !now
		}
		return now
	}
	for _, a := range props {
		switch w.x.AtomName(a) {
		case "_NET_WM_STATE_FULLSCREEN":
			w.model.SetFullscreen(c.id(), set(w.fullscreen(c)))
		case "_NET_WM_STATE_DEMANDS_ATTENTION":
			c.attention = set(c.attention)
			w.noteUrgency(c, true)
		case "_NET_WM_STATE_MODAL":
			c.modal = set(c.modal)
			if f := w.floating(c); f != nil {
				f.Modal = c.modal
			}
		}
	}
}

// moveResize reads the geometry of a _NET_MOVERESIZE_WINDOW request: bits 8 to 11 of the flags
// say which of x, y, width and height are given; with static gravity (10) x and y are the
// client's own position, with any other they are the frame's.
func moveResize(r layout.Rect, data []uint32, border int) layout.Rect {
	flags := data[0]
	off := border
	if flags&0xff == xproto.GravityStatic {
		off = 0
	}
	if flags&(1<<8) != 0 {
		r.X = int(int32(data[1])) + off
	}
	if flags&(1<<9) != 0 {
		r.Y = int(int32(data[2])) + off
	}
	if flags&(1<<10) != 0 {
		r.W = int(int32(data[3]))
	}
	if flags&(1<<11) != 0 {
		r.H = int(int32(data[4]))
	}
	return r
}

// moveToDesktop moves client c to EWMH desktop d (a workspace of some screen), as the active tab
// of that workspace's focused tile. The focus stays where it is.
func (w *WM) moveToDesktop(c layout.ClientID, d int) {
	si, wi, ok := w.workspaceOf(d)
	if !ok {
		return
	}
	if loc, ok := w.model.Find(c); ok && loc.Screen == si && loc.Workspace == wi {
		return
	}
	if w.model.SendFloat(c, w.model.Screens[si].Workspaces[wi]) {
		return
	}
	w.model.Remove(c)
	w.model.AddTo(w.model.Screens[si].Workspaces[wi].Focus, c)
	w.tabMoved(c)
}
