package layout

import (
	"encoding/json"
	"fmt"
	"slices"
)

// The serialized form of a Model: what fion keeps in the X server (wm writes it to a root window
// property after every batch that changed it) so that any fion that comes next rebuilds the
// layout, and the part of `fionctl tree` that is not run-time detail (the tree adds titles,
// geometry and the like to the same objects, under the same names). It is versioned; a reader
// takes only the version it knows.
//
// Screens are kept by name; a workspace by its screen and place; a tile by its ID; a client by its
// window id. Geometry of screens is not kept: the monitors say it.

// StateVersion is the version of the form this package writes and reads.
const StateVersion = 1

// State is a Model in its serialized form.
type State struct {
	Version   int           `json:"version"`
	Screens   []ScreenState `json:"screens"`
	FloatKeys ClientID      `json:"float_keys,omitempty"` // the floating window with the keys
	History   []ClientID    `json:"history,omitempty"`    // who had the keys, most recent first
	Away      []AwayState   `json:"away,omitempty"`       // what the screens away showed
}

// ScreenState is one screen: its workspaces in order, its own and those lodged on it.
type ScreenState struct {
	Name       string           `json:"name"`
	Focused    bool             `json:"focused"`
	Workspaces []WorkspaceState `json:"workspaces"`
}

// WorkspaceState is one workspace. Its floating windows are those that live on it.
type WorkspaceState struct {
	Name     string       `json:"name"`
	Home     string       `json:"home,omitempty"` // its own screen, when it is lodged on another
	Visible  bool         `json:"visible"`        // the workspace its screen shows
	Last     bool         `json:"last,omitempty"` // the workspace its screen showed before the visible one
	Focus    int          `json:"focus"`          // the ID of its focused tile
	Zoom     int          `json:"zoom,omitempty"` // the ID of the tile shown over the whole workspace
	Layout   *NodeState   `json:"layout"`
	Floating []FloatState `json:"floating,omitempty"`
}

// NodeState is a split (Split, Ratio and two Children) or a tile (Tile).
type NodeState struct {
	Split    string       `json:"split,omitempty"` // "horizontal": side by side; "vertical": one above the other
	Ratio    float64      `json:"ratio,omitempty"`
	Children []*NodeState `json:"children,omitempty"`
	Tile     *TileState   `json:"tile,omitempty"`
}

// TileState is one tile and its tabs, in order.
type TileState struct {
	ID        int             `json:"id"`
	Name      string          `json:"name,omitempty"`
	Tabs      []TabState      `json:"tabs"`
	Remembers []IdentityState `json:"remembers,omitempty"` // windows that closed in it, oldest first
}

// IdentityState is the identity of a window a tile remembers.
type IdentityState struct {
	Class    string `json:"class,omitempty"`
	Instance string `json:"instance,omitempty"`
	Role     string `json:"role,omitempty"`
}

// TabState is one client as a tab.
type TabState struct {
	Window     ClientID  `json:"window"`
	Active     bool      `json:"active"`
	Fullscreen bool      `json:"fullscreen"`
	FloatedAt  *Geometry `json:"floated_at,omitempty"` // where it floated before it went fullscreen
}

// FloatState is one floating window.
type FloatState struct {
	Window   ClientID `json:"window"`
	Geometry Geometry `json:"geometry"` // its client area, root coordinates
	Border   int      `json:"border"`
	Parent   ClientID `json:"parent,omitempty"`
	Modal    bool     `json:"modal,omitempty"`
	Detached bool     `json:"detached,omitempty"`
	Screen   string   `json:"screen,omitempty"` // the screen its geometry is kept on
	// Scratchpad names the scratchpad that holds it; Hidden says it is put away.
	Scratchpad string `json:"scratchpad,omitempty"`
	Hidden     bool   `json:"hidden,omitempty"`
}

// AwayState says which workspace a screen that is away showed.
type AwayState struct {
	Screen    string `json:"screen"`
	Workspace int    `json:"workspace"` // its place among that screen's workspaces, from 0
}

// Geometry is a rectangle in root coordinates, as the serialized form writes it.
type Geometry struct {
	X      int `json:"x"`
	Y      int `json:"y"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

// GeometryOf is r in the serialized form.
func GeometryOf(r Rect) Geometry { return Geometry{r.X, r.Y, r.W, r.H} }

// Rect is g as a Rect.
func (g Geometry) Rect() Rect { return Rect{g.X, g.Y, g.Width, g.Height} }

// Encode is m in its serialized form.
func (m *Model) Encode() *State {
	st := &State{Version: StateVersion, FloatKeys: m.FloatKeys, History: slices.Clone(m.History)}
	homes := map[*Workspace][]FloatState{}
	for _, f := range m.Floats {
		si, wi := m.FloatHome(f)
		w := m.Screens[si].Workspaces[wi]
		homes[w] = append(homes[w], FloatState{Window: f.Client, Geometry: GeometryOf(f.Rect), Border: f.Border,
			Parent: f.Parent, Modal: f.Modal, Detached: f.Detached, Screen: f.screen, Scratchpad: f.Scratchpad, Hidden: f.Hidden})
	}
	for si, s := range m.Screens {
		ss := ScreenState{Name: s.Name, Focused: si == m.Current}
		for wi, w := range s.Workspaces {
			ws := WorkspaceState{Name: w.Name, Visible: wi == s.Current, Last: w == s.Last && wi != s.Current,
				Focus: w.Focus.ID, Layout: m.encodeNode(w.Root), Floating: homes[w]}
			if w.Zoom != nil && w.Zoom.ID != 0 {
				ws.Zoom = w.Zoom.ID
			}
			if s.Lodged(w) {
				ws.Home = w.Home
			}
			ss.Workspaces = append(ss.Workspaces, ws)
		}
		st.Screens = append(st.Screens, ss)
	}
	for name, w := range m.away {
		for _, s := range m.Screens {
			var group []*Workspace
			for _, x := range s.Workspaces {
				if x.Home == name && s.Lodged(x) {
					group = append(group, x)
				}
			}
			if i := slices.Index(group, w); i >= 0 {
				st.Away = append(st.Away, AwayState{Screen: name, Workspace: i})
			}
		}
	}
	slices.SortFunc(st.Away, func(a, b AwayState) int {
		if a.Screen < b.Screen {
			return -1
		}
		if a.Screen > b.Screen {
			return 1
		}
		return 0
	})
	return st
}

func (m *Model) encodeNode(n *Node) *NodeState {
	if n.Tile != nil {
		ts := &TileState{ID: n.Tile.ID, Name: n.Tile.Name, Tabs: []TabState{}}
		for i, c := range n.Tile.Tabs {
			tab := TabState{Window: c, Active: i == n.Tile.Active}
			if at, on := m.full[c]; on {
				tab.Fullscreen = true
				if at.W > 0 {
					g := GeometryOf(at)
					tab.FloatedAt = &g
				}
			}
			ts.Tabs = append(ts.Tabs, tab)
		}
		for _, id := range n.Tile.Remembers {
			ts.Remembers = append(ts.Remembers, IdentityState(id))
		}
		return &NodeState{Tile: ts}
	}
	split := "horizontal"
	if n.Orient == Vertical {
		split = "vertical"
	}
	return &NodeState{Split: split, Ratio: n.Ratio, Children: []*NodeState{m.encodeNode(n.A), m.encodeNode(n.B)}}
}

// Limits on what a serialized state may hold: anything past them is ignored, so a state written by
// a hostile client costs bounded time and memory to read.
const (
	maxStateScreens    = 16
	maxStateWorkspaces = 64 // per screen, its own and those lodged on it
	maxStateTiles      = 4096
	maxStateTabs       = 4096
	maxStateDepth      = 32 // splits from a workspace's root to a tile
	maxNameBytes       = 256
)

// DecodeState reads a serialized state. Text that is not a state of StateVersion is an error; what
// it holds is checked by Restore.
func DecodeState(data []byte) (*State, error) {
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("not a saved layout: %v", err)
	}
	if probe.Version == nil || *probe.Version != StateVersion {
		v := "none"
		if probe.Version != nil {
			v = fmt.Sprint(*probe.Version)
		}
		return nil, fmt.Errorf("a saved layout of version %s, and this fion reads version %d", v, StateVersion)
	}
	var st State
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("not a saved layout: %v", err)
	}
	return &st, nil
}

// Restore rebuilds m from st, a state read from where anyone could have written it: every screen
// named there with its workspaces, split trees, ratios and tile IDs, each client that exists (for
// which exists reports true) in its tile at its tab place, the active tabs, the floating windows
// with their rectangles, fullscreen, who has the keys and who had them. The screens are then
// matched to the monitors there are now (specs) as SetScreens does: a saved screen whose monitor
// is away has its workspaces lodged on another one until it comes back. m must be new (no client
// yet); what st holds that is wrong (a window that is gone or in two places, a tile ID used twice,
// a tree too deep, a ratio out of range...) is left out or mended, and said in the returned list,
// one "ignored: why" each. With no usable screen, m is left as it was.
func (m *Model) Restore(st *State, specs []ScreenSpec, exists func(ClientID) bool) (problems []string) {
	r := &restorer{m: m, exists: exists, seen: map[ClientID]bool{}, ids: map[int]bool{}, names: map[string]bool{}, problems: &problems}
	var screens []*Screen
	var focused *Workspace
	for i, ss := range st.Screens {
		if i >= maxStateScreens {
			r.ignore("screens past the first %d", maxStateScreens)
			break
		}
		if ss.Name == "" || len(ss.Name) > maxNameBytes {
			r.ignore("a screen with no name, or a name of more than %d bytes", maxNameBytes)
			continue
		}
		s := &Screen{Name: ss.Name}
		for j, ws := range ss.Workspaces {
			if j >= maxStateWorkspaces {
				r.ignore("screen %q: workspaces past the first %d", cut(ss.Name), maxStateWorkspaces)
				break
			}
			w := r.workspace(s, ws)
			if ws.Visible {
				s.Current = len(s.Workspaces)
			} else if ws.Last {
				s.Last = w
			}
			s.Workspaces = append(s.Workspaces, w)
		}
		if len(s.Workspaces) == 0 {
			r.ignore("screen %q has no workspace", cut(ss.Name))
			continue
		}
		if ss.Focused && focused == nil {
			focused = s.Workspace()
		}
		screens = append(screens, s)
	}
	if len(screens) == 0 {
		r.ignore("the whole saved layout: it has no screen to use")
		return problems
	}
	m.Screens, m.Current, m.away = screens, 0, nil
	for si, s := range screens {
		if s.Workspace() == focused {
			m.Current = si
		}
	}
	for _, a := range st.Away {
		r.away(a)
	}
	r.floats(st)
	if m.Floating(st.FloatKeys) != nil {
		m.FloatKeys = st.FloatKeys
	}
	for _, c := range st.History {
		if m.Managed(c) && !slices.Contains(m.History, c) && len(m.History) < maxHistory {
			m.History = append(m.History, c)
		}
	}
	for id := range r.ids {
		m.lastID = max(m.lastID, id)
	}
	for _, s := range m.Screens {
		for _, w := range s.Workspaces {
			for _, t := range w.Tiles() {
				if t.ID == 0 { // its saved ID was taken: a new one, past every saved one
					t.ID = m.newTile().ID
				}
			}
		}
	}
	for _, s := range m.Screens { // saved screens away now keep no stale geometry
		s.Rect = Rect{}
		s.Work = Rect{}
	}
	m.SetScreens(specs)
	m.SetWorkspaceNames(m.names) // the config says how many workspaces there are, and their names
	return problems
}

// restorer is one Restore under way.
type restorer struct {
	m        *Model
	exists   func(ClientID) bool
	seen     map[ClientID]bool // clients placed so far
	ids      map[int]bool      // tile IDs used so far
	names    map[string]bool   // tile names used so far
	tiles    int
	floating []FloatState // the floating windows met, with the workspace each lives on
	homes    []*Workspace
	problems *[]string
}

func (r *restorer) ignore(format string, args ...any) {
	*r.problems = append(*r.problems, "ignored: "+fmt.Sprintf(format, args...))
}

// cut is s shortened for a message.
func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// workspace rebuilds one workspace of screen s.
func (r *restorer) workspace(s *Screen, ws WorkspaceState) *Workspace {
	name := ws.Name
	if name == "" || len(name) > maxNameBytes {
		r.ignore("screen %q: a workspace's name %q", cut(s.Name), cut(name))
		name = defaultWorkspace
	}
	home := s.Name
	if ws.Home != "" && len(ws.Home) <= maxNameBytes {
		home = ws.Home
	}
	w := &Workspace{Name: name, Home: home}
	w.Root = r.node(ws.Layout, nil, 0, fmt.Sprintf("workspace %q of screen %q", cut(name), cut(s.Name)))
	for _, t := range w.Tiles() {
		if t.ID == ws.Focus && ws.Focus != 0 {
			w.Focus = t
		}
	}
	if w.Focus == nil {
		w.Focus = w.Tiles()[0]
	}
	if ws.Zoom != 0 && ws.Zoom == w.Focus.ID {
		w.Zoom = w.Focus
	}
	for _, f := range ws.Floating {
		r.floating = append(r.floating, f)
		r.homes = append(r.homes, w)
	}
	return w
}

// node rebuilds a split tree from n (nil, or anything broken, becomes an empty tile).
func (r *restorer) node(n *NodeState, parent *Node, depth int, where string) *Node {
	leaf := func(ts *TileState) *Node {
		t := &Tile{Active: -1}
		if r.tiles >= maxStateTiles {
			r.ignore("%s: tiles past the first %d", where, maxStateTiles)
		} else if ts != nil {
			r.tile(t, ts, where)
		}
		r.tiles++
		nd := &Node{Parent: parent, Tile: t}
		t.Node = nd
		return nd
	}
	switch {
	case n == nil:
		return leaf(nil)
	case n.Tile != nil:
		return leaf(n.Tile)
	case depth >= maxStateDepth:
		r.ignore("%s: splits deeper than %d", where, maxStateDepth)
		return leaf(nil)
	case len(n.Children) != 2 || n.Children[0] == nil || n.Children[1] == nil:
		r.ignore("%s: a split without two children", where)
		for _, c := range n.Children {
			if c != nil {
				return r.node(c, parent, depth+1, where)
			}
		}
		return leaf(nil)
	}
	nd := &Node{Parent: parent, Orient: Horizontal, Ratio: n.Ratio}
	switch n.Split {
	case "horizontal":
	case "vertical":
		nd.Orient = Vertical
	default:
		r.ignore("%s: a split %q (neither horizontal nor vertical)", where, cut(n.Split))
	}
	if !(nd.Ratio > 0 && nd.Ratio < 1) {
		r.ignore("%s: a ratio of %v (it must lie between 0 and 1)", where, n.Ratio)
		nd.Ratio = 0.5
	}
	nd.A = r.node(n.Children[0], nd, depth+1, where)
	nd.B = r.node(n.Children[1], nd, depth+1, where)
	return nd
}

// tile fills t from ts: its ID (unless already used) and the tabs whose windows exist.
func (r *restorer) tile(t *Tile, ts *TileState, where string) {
	switch {
	case ts.ID < 1:
		r.ignore("%s: a tile ID of %d", where, ts.ID)
	case r.ids[ts.ID]:
		r.ignore("%s: tile ID %d used twice", where, ts.ID)
	default:
		t.ID = ts.ID
		r.ids[ts.ID] = true
	}
	if ts.Name != "" {
		if err := CheckTileName(ts.Name); err != nil {
			r.ignore("%s: %v", where, err)
		} else if r.names[ts.Name] {
			r.ignore("%s: tile name %q used twice", where, ts.Name)
		} else {
			t.Name = ts.Name
			r.names[ts.Name] = true
		}
	}
	for i, id := range ts.Remembers {
		x := Identity(id)
		if i >= maxRemembered {
			r.ignore("%s: more than %d windows remembered", where, maxRemembered)
			break
		}
		if !rememberable(x) {
			r.ignore("%s: a remembered window that is empty or too long", where)
			continue
		}
		t.Remembers = append(t.Remembers, x)
	}
	for i, tab := range ts.Tabs {
		if i >= maxStateTabs || !r.place(tab.Window, where) {
			continue
		}
		if tab.Active || t.Active < 0 {
			t.Active = len(t.Tabs)
		}
		t.Tabs = append(t.Tabs, tab.Window)
		if tab.Fullscreen {
			var at Rect
			if tab.FloatedAt != nil && tab.FloatedAt.Width > 0 && tab.FloatedAt.Height > 0 {
				at = tab.FloatedAt.Rect()
			}
			if r.m.full == nil {
				r.m.full = map[ClientID]Rect{}
			}
			r.m.full[tab.Window] = at
		}
	}
}

// place reports whether client c can go where the state puts it: it exists and is nowhere yet.
func (r *restorer) place(c ClientID, where string) bool {
	switch {
	case c == 0 || !r.exists(c):
		r.ignore("%s: window %#x, which no longer exists", where, uint32(c))
		return false
	case r.seen[c]:
		r.ignore("%s: window %#x, which is somewhere else already", where, uint32(c))
		return false
	}
	r.seen[c] = true
	return true
}

// floats rebuilds the floating windows, in the order they were met.
func (r *restorer) floats(st *State) {
	for i, fs := range r.floating {
		if i >= maxStateTabs || !r.place(fs.Window, "the floating windows") {
			continue
		}
		rect := fs.Geometry.Rect()
		if rect.W < 1 || rect.H < 1 {
			r.ignore("floating window %#x: a size of %dx%d", uint32(fs.Window), rect.W, rect.H)
			rect.W, rect.H = max(rect.W, 1), max(rect.H, 1)
		}
		f := &Floating{Client: fs.Window, Rect: rect, Border: min(max(fs.Border, 0), 100), Parent: fs.Parent,
			Modal: fs.Modal, Detached: fs.Detached, home: r.homes[i], screen: fs.Screen}
		if fs.Scratchpad != "" && CheckScratchpadName(fs.Scratchpad) == nil && r.m.scratchpad(fs.Scratchpad) == nil {
			f.Scratchpad, f.Hidden, f.Detached = fs.Scratchpad, fs.Hidden, true
		}
		r.m.Floats = append(r.m.Floats, f)
	}
}

// away restores which workspace a screen that is away showed.
func (r *restorer) away(a AwayState) {
	for _, s := range r.m.Screens {
		var group []*Workspace
		for _, w := range s.Workspaces {
			if w.Home == a.Screen && s.Lodged(w) {
				group = append(group, w)
			}
		}
		if a.Workspace >= 0 && a.Workspace < len(group) {
			if r.m.away == nil {
				r.m.away = map[string]*Workspace{}
			}
			r.m.away[a.Screen] = group[a.Workspace]
			return
		}
	}
}
