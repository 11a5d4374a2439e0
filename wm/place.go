package wm

import (
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// Where a new window goes. A window the saved layout knows goes back where it was (persist.go);
// any other window is placed here, by the first of these that has something to say: the rules of
// the config (rules.go), a tile that remembers the window (layout's remembered places: a window of
// the same class, instance and role closed in it, or a loaded layout waits for it there), the
// desktop the window asks for (_NET_WM_DESKTOP), the tile that had the focus when exec started its
// program (launch.go), and otherwise the focused tile. The exec place stands for "the focused
// tile" at the moment the user asked for the program, so it comes where the focused tile comes:
// a remembered place or a loaded layout still takes a program started with exec (most are).

// placement is where a new window goes, and how.
type placement struct {
	ws    *layout.Workspace
	tile  *layout.Tile // nil: the workspace's focused tile
	float bool
	full  bool
	// keys: the window gets the keys as a new window does (the focused tile's new tab); show: its
	// tile and workspace are shown and focused wherever they are (a rule's focus = true); quiet:
	// it comes in behind the active tab and takes nothing (a rule's focus = false).
	keys, show, quiet bool
	back              bool   // tile remembers the window: it comes back (layout.Model.Return)
	why               string // what placed it, for -v
}

// placeNew decides where new client c, of kind k, goes.
func (w *WM) placeNew(c *client, k kind, full bool) placement {
	p := placement{ws: w.model.Workspace(), float: k == kindFloat && !full, full: full, keys: true, why: "the focused tile"}
	if si, wi, ok := w.workspaceOf(c.props.Desktop); ok {
		p.ws, p.why = w.model.Screens[si].Workspaces[wi], "_NET_WM_DESKTOP"
		p.keys = p.ws == w.model.Workspace()
	} else if loc, ok := w.execTile(c.props); ok {
		p.ws, p.why = w.model.Screens[loc.Screen].Workspaces[loc.Workspace], "exec from its tile"
		if !p.float {
			p.tile = loc.Tile
		}
		p.keys = loc.Tile == w.model.Tile() // else the keys stay where the user went meanwhile
	}
	if !p.float { // with remember_places off, tiles remember only what a loaded layout waits for
		if t, ok := w.model.Rememberer(identity(c.props)); ok {
			loc, _ := w.model.FindTile(t.ID)
			p.ws, p.tile, p.back, p.why = w.model.Screens[loc.Screen].Workspaces[loc.Workspace], t, true, "a tile that remembers it"
			p.keys = p.ws == w.model.Workspace()
		}
	}
	w.applyRules(c, &p) // last: the rules win
	return p
}

// identity is what a window's tile remembers of it when it closes.
func identity(p x11.ClientProps) layout.Identity {
	return layout.Identity{Class: p.Class, Instance: p.Instance, Role: p.Role}
}

// put puts new client c where p says. adopted says it was there before fion.
func (w *WM) put(c *client, p placement, adopted bool) {
	w.debug.Printf("place %#x: %s", c.win, p.why)
	if p.float {
		w.floatClient(c, p.ws, adopted)
		if !p.quiet {
			w.arrive(c, adopted)
		}
		if p.show {
			w.model.ActivateClient(c.id())
		}
		return
	}
	t := p.tile
	if t == nil {
		t = p.ws.Focus
	}
	switch {
	case p.back:
		w.model.Return(t, c.id(), identity(c.props))
	case p.quiet:
		w.model.AddBehind(t, c.id())
	default:
		w.model.AddTo(t, c.id())
	}
	w.model.SetFullscreen(c.id(), p.full)
	switch {
	case p.show:
		w.model.ActivateClient(c.id())
	case p.keys && !p.quiet:
		w.model.FocusTiles() // the new tab has the focus, as the user who started it expects
	}
}
