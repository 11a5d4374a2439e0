package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// The state fion shows over its socket (`fionctl tree`, `fionctl get ...`). Field names are part of
// the protocol: fion.1 documents them, and they only ever grow.

// Geometry is a rectangle in root coordinates.
type Geometry struct {
	X      int `json:"x"`
	Y      int `json:"y"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

func geometry(r layout.Rect) Geometry { return Geometry{r.X, r.Y, r.W, r.H} }

// TabState is one client, as a tab or as a floating window.
type TabState struct {
	Window     uint32   `json:"window"`
	Title      string   `json:"title"`
	Class      string   `json:"class"`
	Instance   string   `json:"instance"`
	Geometry   Geometry `json:"geometry"`
	Active     bool     `json:"active"`
	Urgent     bool     `json:"urgent"`
	Fullscreen bool     `json:"fullscreen"`
	Floating   bool     `json:"floating"`
	// A tab in fullscreen that floated before: where it floats again when it leaves fullscreen.
	FloatedAt *Geometry `json:"floated_at,omitempty"`
	// A floating window: its frame's border, the window it is transient for, whether it keeps
	// the keys from that window, whether the user sent it elsewhere (then it no longer follows
	// that window), and the screen its geometry is kept on.
	Border   int    `json:"border,omitempty"`
	Parent   uint32 `json:"parent,omitempty"`
	Modal    bool   `json:"modal,omitempty"`
	Detached bool   `json:"detached,omitempty"`
	Screen   string `json:"screen,omitempty"`
	// A scratchpad's window: the scratchpad's name, and whether it is put away.
	Scratchpad string `json:"scratchpad,omitempty"`
	Hidden     bool   `json:"hidden,omitempty"`
}

// NodeState is a split (Split set, two Children) or a tile (Tile set).
type NodeState struct {
	Split    string       `json:"split,omitempty"` // "horizontal": side by side; "vertical": one above the other
	Ratio    float64      `json:"ratio,omitempty"`
	Children []*NodeState `json:"children,omitempty"`
	Tile     *TileState   `json:"tile,omitempty"`
}

// TileState is one tile.
type TileState struct {
	ID       int      `json:"id"`
	Name     string   `json:"name,omitempty"`
	Geometry Geometry `json:"geometry"`
	// Remembers the windows that closed in it (remember_places), oldest first.
	Remembers []layout.IdentityState `json:"remembers,omitempty"`
	Focused   bool                   `json:"focused"`
	Tabs      []TabState             `json:"tabs"`
}

// WorkspaceState is one workspace of a screen.
type WorkspaceState struct {
	Name    string     `json:"name"`
	Home    string     `json:"home,omitempty"` // its own screen, while it is lodged on this one
	Number  int        `json:"number"`         // as in "workspace N", from 1
	Desktop int        `json:"desktop"`        // its EWMH desktop
	Visible bool       `json:"visible"`        // shown on its screen
	Last    bool       `json:"last,omitempty"` // shown on its screen before the visible one (workspace last)
	Focused bool       `json:"focused"`        // shown on the focused screen
	Focus   int        `json:"focus"`          // the ID of its focused tile
	Zoom    int        `json:"zoom,omitempty"` // the ID of its zoomed tile
	Layout  *NodeState `json:"layout,omitempty"`
	// Floating are its floating windows, bottom to top (with the layout only).
	Floating []TabState `json:"floating,omitempty"`
}

// ScreenState is one screen.
type ScreenState struct {
	Name       string           `json:"name"`
	Number     int              `json:"number"` // as in "screen N", from 1
	Geometry   Geometry         `json:"geometry"`
	WorkArea   Geometry         `json:"work_area"`
	Focused    bool             `json:"focused"`
	Workspaces []WorkspaceState `json:"workspaces"`
}

// Tree is the whole state: fion's saved layout (layout.State, which fion keeps in _FION_LAYOUT)
// with the run-time details (titles, geometry, EWMH desktops...) added, under the same names.
type Tree struct {
	Version   int                `json:"version"`
	Screens   []ScreenState      `json:"screens"`
	FloatKeys uint32             `json:"float_keys,omitempty"`
	History   []uint32           `json:"history,omitempty"`
	Away      []layout.AwayState `json:"away,omitempty"`
}

// tree builds the state; withLayout false leaves the split trees out (for `get screens`).
func (w *WM) tree(withLayout bool) Tree {
	m := w.model
	saved := m.Encode()
	t := Tree{Version: saved.Version, FloatKeys: uint32(saved.FloatKeys), Away: saved.Away}
	for _, c := range saved.History {
		t.History = append(t.History, uint32(c))
	}
	keys := w.target()
	floatHasKeys := m.TargetFloats()
	for si, s := range m.Screens {
		ss := ScreenState{Name: s.Name, Number: si + 1, Geometry: geometry(s.Rect), WorkArea: geometry(s.Work), Focused: si == m.Current}
		for wi, ws := range s.Workspaces {
			sw := saved.Screens[si].Workspaces[wi]
			st := WorkspaceState{Name: ws.Name, Home: sw.Home, Number: wi + 1, Desktop: w.desktop(si, wi),
				Visible: wi == s.Current, Last: sw.Last, Focused: si == m.Current && wi == s.Current, Focus: sw.Focus, Zoom: sw.Zoom}
			if withLayout {
				rects := map[*layout.Tile]layout.Placement{}
				for _, p := range m.Layout(s, ws) {
					rects[p.Tile] = p
				}
				st.Layout = w.nodeState(ws.Root, sw.Layout, ws, rects, st.Focused && !floatHasKeys)
				for _, f := range sw.Floating {
					if c := w.clients[xproto.Window(f.Window)]; c != nil {
						fs := w.tabState(c, c == keys)
						fs.Border, fs.Parent, fs.Modal, fs.Detached, fs.Screen = f.Border, uint32(f.Parent), f.Modal, f.Detached, f.Screen
						fs.Scratchpad, fs.Hidden = f.Scratchpad, f.Hidden
						st.Floating = append(st.Floating, fs)
					}
				}
			}
			ss.Workspaces = append(ss.Workspaces, st)
		}
		t.Screens = append(t.Screens, ss)
	}
	return t
}

// nodeState is n (saved as sn) with the run-time details of its tiles and tabs.
func (w *WM) nodeState(n *layout.Node, sn *layout.NodeState, ws *layout.Workspace, rects map[*layout.Tile]layout.Placement, shown bool) *NodeState {
	if n.Tile != nil {
		p := rects[n.Tile]
		ts := &TileState{ID: n.Tile.ID, Name: n.Tile.Name, Geometry: geometry(p.Frame), Focused: shown && n.Tile == ws.Focus, Tabs: []TabState{}}
		for _, id := range n.Tile.Remembers {
			ts.Remembers = append(ts.Remembers, layout.IdentityState(id))
		}
		for i, id := range n.Tile.Tabs {
			if c := w.clients[xproto.Window(id)]; c != nil {
				tab := w.tabState(c, i == n.Tile.Active)
				if at := sn.Tile.Tabs[i].FloatedAt; at != nil {
					g := Geometry(*at)
					tab.FloatedAt = &g
				}
				ts.Tabs = append(ts.Tabs, tab)
			}
		}
		return &NodeState{Tile: ts}
	}
	return &NodeState{Split: sn.Split, Ratio: sn.Ratio, Children: []*NodeState{
		w.nodeState(n.A, sn.Children[0], ws, rects, shown), w.nodeState(n.B, sn.Children[1], ws, rects, shown)}}
}

// tabState is c as a tab: its geometry is where it is now, in root coordinates.
func (w *WM) tabState(c *client, active bool) TabState {
	return TabState{Window: uint32(c.win), Title: c.title(), Class: c.props.Class, Instance: c.props.Instance,
		Geometry: geometry(c.root), Active: active, Urgent: c.urgent(), Fullscreen: w.fullscreen(c),
		Floating: w.floating(c) != nil}
}

// focusedState is the focused client as a tab, or nil.
func (w *WM) focusedState() *TabState {
	c := w.focusedClient()
	if c == nil {
		return nil
	}
	s := w.tabState(c, true)
	return &s
}

// ScreenEvent is the data of the screen.* events.
type ScreenEvent struct {
	Name     string   `json:"name"`
	Geometry Geometry `json:"geometry"`
}

// WorkspaceEvent is the data of the workspace.switch event.
type WorkspaceEvent struct {
	Screen    string `json:"screen"`
	Workspace string `json:"workspace"`
	Number    int    `json:"number"`
}

// publishSwitches sends workspace.switch for every screen that shows another workspace than at
// the last apply, whatever made it switch (a key, a pager, an activation).
func (w *WM) publishSwitches() {
	for _, s := range w.model.Screens {
		if last, ok := w.shown[s.Name]; ok && last != s.Current {
			w.publish("workspace.switch", WorkspaceEvent{Screen: s.Name, Workspace: s.Workspace().Name, Number: s.Current + 1})
		}
		w.shown[s.Name] = s.Current
	}
}
