// Package layout is FION's model of what the user sees: screens, the
// workspaces of each screen, the split tree of each workspace, the tiles at
// its leaves and the tabs (clients) of each tile, together with which of them
// has focus and where every tile lies in root coordinates.
//
// It is plain Go and owns no X state: it must not import xgb, xgbutil or any
// other FION package. The window manager loop (wm/) calls the methods here and
// then turns the model into X requests; tests drive it directly.
//
// Invariants (see Check): every client is in exactly one tab; every screen
// has at least one workspace, every workspace at least one tile and a focused
// tile; the tiles of a workspace partition its screen's work area exactly,
// and the work area is the screen minus the reserved bands.
package layout

import (
	"iter"
	"slices"
)

// ClientID identifies a managed client. It is the client's X window id, but
// this package treats it as an opaque number.
type ClientID uint32

// ScreenSpec describes one monitor: the name it is kept by across monitor
// changes (e.g. the RandR output name) and its geometry in root coordinates.
type ScreenSpec struct {
	Name string
	Rect Rect
}

// Style holds the sizes, besides the split tree, that geometry depends on.
type Style struct {
	BarHeight int // tab bar height at the top of each tile
	Border    int // frame border width inside the tile around the client area (and around the bar)
	MinSize   int // minimum width/height of a tile in pixels when resizing (resize clamps to it)
}

// Model is the whole layout: every screen with its workspaces, and which
// screen has focus; the floating windows; which clients are in fullscreen; who
// has the keys and who had them before.
type Model struct {
	Screens []*Screen
	Current int // index of the focused screen
	Style   Style

	Floats    []*Floating // bottom to top
	FloatKeys ClientID    // the floating window with the keys (see Target); 0 for the focused tile
	History   []ClientID  // who had the keys (Target), most recent first; see NoteKeys
	full      map[ClientID]Rect

	// names are the workspace names a screen that appears later gets.
	names []string
	// lastID is the highest tile ID handed out; IDs only grow so that the
	// window manager never confuses a new tile with a removed one.
	lastID int
	// bands are the areas docks reserve (SetReserved); kept so that a
	// screen that appears or changes size later gets its work area too.
	bands []Band
	// away remembers, for each screen whose monitor went away, the workspace
	// it showed, which it shows again when it comes back.
	away map[string]*Workspace
}

// Screen is one monitor with its own set of workspaces.
type Screen struct {
	Name       string
	Rect       Rect // monitor geometry, root coordinates
	Work       Rect // the part of Rect the tiles use: Rect minus the bands that touch it; kept by the model
	Workspaces []*Workspace
	Current    int // index of the workspace shown on this screen
	// Last is the workspace it showed before the one it shows now (see WorkspaceLast), or nil.
	Last *Workspace
	// shown is the workspace it showed when Settle last looked.
	shown *Workspace
}

// Workspace is one split tree of tiles; a screen shows one workspace at a
// time.
type Workspace struct {
	Name  string
	Home  string // the screen it belongs to: while that monitor is away, it is lodged on another screen
	Root  *Node
	Focus *Tile // the focused tile of this workspace, never nil
	// Zoom is the tile shown over the whole workspace, the others hidden (see ZoomTile), or nil.
	// It is always Focus: the focus moving ends the zoom.
	Zoom *Tile
}

// Node is a node of a workspace's split tree: a split (Tile == nil) with two
// children, or a leaf holding a tile (Tile != nil, A and B nil).
type Node struct {
	Parent *Node
	Orient Orientation
	Ratio  float64 // share of A, in (0,1); unused in a leaf
	A, B   *Node
	Tile   *Tile
}

// Tile is a leaf area of a workspace holding an ordered set of tabs, one
// client each; the active tab is the client shown.
type Tile struct {
	Node   *Node      // back pointer to its leaf
	Tabs   []ClientID // ordered as shown in the tab bar
	Active int        // index into Tabs; -1 when empty
	ID     int        // unique, stable for the tile's life, never reused within a Model
	Name   string     // "" or unique among the model's tiles (names.go)
	// Remembers the identities of windows that closed in it, oldest first (remember.go).
	Remembers []Identity
}

// defaultWorkspace names the single workspace a model gets when no names are
// given.
const defaultWorkspace = "1"

// New builds a model with one screen per spec, in order; each screen gets its
// own workspaces with the given names, each workspace one empty tile. The
// first screen and every screen's first workspace are current.
//
// With no screens New makes a single 1x1 screen named "default", and with no
// workspace names a single workspace named "1", so that the model is always
// valid; SetScreens later replaces the placeholder screen.
func New(screens []ScreenSpec, workspaces []string, st Style) *Model {
	m := &Model{Style: st, names: workspaceNames(workspaces)}
	if len(screens) == 0 {
		screens = []ScreenSpec{{Name: "default", Rect: Rect{W: 1, H: 1}}}
	}
	for _, sp := range screens {
		m.Screens = append(m.Screens, m.newScreen(sp))
	}
	return m
}

// workspaceNames copies names, falling back to one default workspace.
func workspaceNames(names []string) []string {
	if len(names) == 0 {
		return []string{defaultWorkspace}
	}
	return slices.Clone(names)
}

// newScreen makes a screen with fresh workspaces named as configured.
func (m *Model) newScreen(sp ScreenSpec) *Screen {
	s := &Screen{Name: sp.Name, Rect: sp.Rect, Work: workArea(sp.Rect, m.bands)}
	for _, name := range m.names {
		s.Workspaces = append(s.Workspaces, m.newWorkspace(name, s.Name))
	}
	return s
}

// newWorkspace makes a workspace of screen home holding one empty, focused tile.
func (m *Model) newWorkspace(name, home string) *Workspace {
	t := m.newTile()
	leaf := &Node{Tile: t}
	t.Node = leaf
	return &Workspace{Name: name, Home: home, Root: leaf, Focus: t}
}

// Lodged reports whether w is lodged on a screen that is not its home, while its own monitor is
// away.
func (s *Screen) Lodged(w *Workspace) bool { return w.Home != s.Name }

// newTile makes an empty tile with the next unused ID.
func (m *Model) newTile() *Tile {
	m.lastID++
	return &Tile{Active: -1, ID: m.lastID}
}

// Screen returns the focused screen.
func (m *Model) Screen() *Screen { return m.Screens[m.Current] }

// Workspace returns the workspace shown on the focused screen.
func (m *Model) Workspace() *Workspace { return m.Screen().Workspace() }

// Tile returns the focused tile of the focused screen's workspace.
func (m *Model) Tile() *Tile { return m.Workspace().Focus }

// Client returns the active tab of the focused tile, if it has one.
func (m *Model) Client() (ClientID, bool) { return m.Tile().Client() }

// Workspace returns the workspace shown on s.
func (s *Screen) Workspace() *Workspace { return s.Workspaces[s.Current] }

// Tiles returns the tiles of w in tree order: depth first, A before B.
func (w *Workspace) Tiles() []*Tile { return w.Root.tiles(nil) }

// Client returns the active tab of t, if it has one.
func (t *Tile) Client() (ClientID, bool) {
	if t.Active < 0 || t.Active >= len(t.Tabs) {
		return 0, false
	}
	return t.Tabs[t.Active], true
}

// Location says where something is in the model: the indices of its screen
// and workspace, its tile and the index of its tab (-1 when a tile was asked
// for).
type Location struct {
	Screen, Workspace int
	Tile              *Tile
	Index             int
}

// allTiles yields every tile of the model with its location (Index -1), in
// the order of Clients.
func (m *Model) allTiles() iter.Seq[Location] {
	return func(yield func(Location) bool) {
		for si, s := range m.Screens {
			for wi, w := range s.Workspaces {
				for _, t := range w.Tiles() {
					if !yield(Location{Screen: si, Workspace: wi, Tile: t, Index: -1}) {
						return
					}
				}
			}
		}
	}
}

// Find returns where client c is managed.
func (m *Model) Find(c ClientID) (Location, bool) {
	for loc := range m.allTiles() {
		if i := slices.Index(loc.Tile.Tabs, c); i >= 0 {
			loc.Index = i
			return loc, true
		}
	}
	return Location{}, false
}

// FindTile returns where the tile with the given ID is; Index is -1.
func (m *Model) FindTile(id int) (Location, bool) {
	for loc := range m.allTiles() {
		if loc.Tile.ID == id {
			return loc, true
		}
	}
	return Location{}, false
}

// locateTile returns where tile t is, or false if t is not (or no longer)
// part of the model.
func (m *Model) locateTile(t *Tile) (Location, bool) {
	if t == nil {
		return Location{}, false
	}
	for loc := range m.allTiles() {
		if loc.Tile == t {
			return loc, true
		}
	}
	return Location{}, false
}

// screenOf returns the screen one of whose workspaces has the tree rooted
// at root.
func (m *Model) screenOf(root *Node) (*Screen, bool) {
	for _, s := range m.Screens {
		for _, w := range s.Workspaces {
			if w.Root == root {
				return s, true
			}
		}
	}
	return nil, false
}

// Clients returns every managed client in a stable order: by screen, then
// workspace, then tile in tree order, then tab.
func (m *Model) Clients() []ClientID {
	var cs []ClientID
	for loc := range m.allTiles() {
		cs = append(cs, loc.Tile.Tabs...)
	}
	return cs
}

// focus makes t, on screen si's current workspace, the focused tile and si
// the focused screen.
func (m *Model) focus(si int, t *Tile) {
	m.Current = si
	m.Screens[si].Workspace().Focus = t
}
