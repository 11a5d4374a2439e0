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
	"_NET_ACTIVE_WINDOW", "_NET_NUMBER_OF_DESKTOPS", "_NET_CURRENT_DESKTOP", "_NET_DESKTOP_NAMES",
	"_NET_WM_DESKTOP", "_NET_CLOSE_WINDOW",
}

// ewmhState is what fion last published, to send only changes.
type ewmhState struct {
	clients []xproto.Window
	active  xproto.Window
	count   int
	current int
	names   []string
	set     bool
}

func (w *WM) publishSupport() {
	w.x.SetWindows(w.check, "_NET_SUPPORTING_WM_CHECK", []xproto.Window{w.check})
	w.x.SetUTF8(w.check, "_NET_WM_NAME", "fion")
	w.x.SetWindows(w.x.Root, "_NET_SUPPORTING_WM_CHECK", []xproto.Window{w.check})
	w.x.SetAtoms(w.x.Root, "_NET_SUPPORTED", supported)
}

// desktop is the EWMH desktop number of workspace wi on screen si.
func (w *WM) desktop(si, wi int) int { return si*len(w.cfg.Workspaces) + wi }

func (w *WM) publishState() {
	e := &w.ewmh
	if !e.set || !slices.Equal(e.clients, w.order) {
		w.x.SetWindows(w.x.Root, "_NET_CLIENT_LIST", w.order)
		e.clients = slices.Clone(w.order)
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
			names = append(names, s.Name+":"+ws.Name)
		}
	}
	if !e.set || e.count != len(names) {
		w.x.SetCardinals(w.x.Root, "_NET_NUMBER_OF_DESKTOPS", uint32(len(names)))
		e.count = len(names)
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
		if loc, ok := w.model.Find(layout.ClientID(win)); ok {
			if d := w.desktop(loc.Screen, loc.Workspace); d != c.desktop {
				w.x.SetCardinals(win, "_NET_WM_DESKTOP", uint32(d))
				c.desktop = d
			}
		}
	}
	e.set = true
}

// clientMessage handles EWMH requests from pagers and clients.
func (w *WM) clientMessage(ev xproto.ClientMessageEvent) {
	data := ev.Data.Data32
	switch w.x.AtomName(ev.Type) {
	case "_NET_CURRENT_DESKTOP":
		n := len(w.cfg.Workspaces)
		d := int(data[0])
		if s := d / n; s < len(w.model.Screens) {
			w.model.FocusScreen(s)
			w.model.SwitchWorkspace(d % n)
		}
	case "_NET_WM_DESKTOP":
		if _, ok := w.clients[ev.Window]; ok {
			w.moveToDesktop(layout.ClientID(ev.Window), int(data[0]))
		}
	case "_NET_ACTIVE_WINDOW":
		if _, ok := w.clients[ev.Window]; ok {
			w.model.Activate(layout.ClientID(ev.Window))
		}
	case "_NET_CLOSE_WINDOW":
		if c, ok := w.clients[ev.Window]; ok {
			w.close(c, false)
		}
	}
}

// moveToDesktop moves client c to EWMH desktop d (a workspace of some screen), as the active tab
// of that workspace's focused tile. The focus stays where it is.
func (w *WM) moveToDesktop(c layout.ClientID, d int) {
	n := len(w.cfg.Workspaces)
	si, wi := d/n, d%n
	if d < 0 || si >= len(w.model.Screens) || wi >= len(w.model.Screens[si].Workspaces) {
		return
	}
	if loc, ok := w.model.Find(c); ok && loc.Screen == si && loc.Workspace == wi {
		return
	}
	w.model.Remove(c)
	w.model.AddTo(w.model.Screens[si].Workspaces[wi].Focus, c)
	w.tabMoved(c)
}
