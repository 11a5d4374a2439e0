package layout

import (
	"cmp"
	"slices"
)

// Plans: what a saved layout holds of a workspace (package layoutfile reads and writes the
// files), its split tree with the ratios, the tile names and, for each tab, the identity of the
// window meant for it. Loading plans into workspaces (Load) replaces their trees: the windows that
// match go to their tabs at once, wherever they are, and each tile remembers (remember.go) the
// windows meant for it that are not there yet, which come to it when they map: its placeholders.

// Plan is a split tree as a saved layout holds it: a split (A and B set) or a tile.
type Plan struct {
	Orient Orientation
	Ratio  float64 // share of A, in (0,1)
	A, B   *Plan

	Name  string     // the tile's name, or ""
	Tabs  []Identity // the windows meant for the tile, in tab order; an empty field matches any value
	Focus bool       // the tile that gets its workspace's focus
}

// Split reports whether p is a split.
func (p *Plan) Split() bool { return p.A != nil && p.B != nil }

// PlanOf is workspace w as a plan: its splits, ratios and tile names, and for each tile the
// identity (as identity says it) of each of its tabs, then of each window it remembers. Tabs
// whose window says nothing of itself are left out.
func (m *Model) PlanOf(w *Workspace, identity func(ClientID) Identity) *Plan {
	var plan func(n *Node) *Plan
	plan = func(n *Node) *Plan {
		if n.Tile == nil {
			return &Plan{Orient: n.Orient, Ratio: n.Ratio, A: plan(n.A), B: plan(n.B)}
		}
		t := n.Tile
		p := &Plan{Name: t.Name, Focus: t == w.Focus}
		for _, c := range t.Tabs {
			if id := identity(c); rememberable(id) {
				p.Tabs = append(p.Tabs, id)
			}
		}
		p.Tabs = append(p.Tabs, t.Remembers...)
		return p
	}
	return plan(w.Root)
}

// Target is a plan to load into a workspace.
type Target struct {
	Workspace *Workspace
	Plan      *Plan
}

// slot is a tab of a plan being loaded: the window meant for it, and the one found.
type slot struct {
	tile   *Tile
	want   Identity
	client ClientID
	found  bool
}

// Load gives each target workspace the split tree of its plan, with new tiles, and puts windows
// in their tabs: for each tab, a tiled window that matches it (identity says who a window is),
// the most specific tabs first, the windows already on the workspace before those elsewhere. A
// window found goes to its tab at once, wherever it was; a tab with no window left is remembered
// by its tile, so that the window comes there when it maps. The windows of the workspace that no
// tab takes go to the tile that gets the focus: the plan's focused tile, else its first. A tile
// name of the plans is taken from any other tile that has it. Floating windows stay as they are.
//
// A plan is read as untrusted: a tree deeper than a restored one may be is cut there, a ratio out
// of (0,1) is 0.5, a bad or second use of a tile name and an empty identity are left out. A
// workspace not in the model, or named a second time, is passed over.
func (m *Model) Load(targets []Target, identity func(ClientID) Identity) {
	type built struct {
		w     *Workspace
		root  *Node
		focus *Tile
	}
	var done []built
	var slots []*slot
	names := map[string]bool{}
	for _, tg := range targets {
		if _, ok := m.locateWorkspace(tg.Workspace); !ok || tg.Plan == nil || slices.ContainsFunc(done, func(b built) bool { return b.w == tg.Workspace }) {
			continue
		}
		b := built{w: tg.Workspace}
		b.root = m.build(tg.Plan, nil, 0, names, &slots, &b.focus)
		if b.focus == nil {
			b.focus = b.root.tiles(nil)[0]
		}
		done = append(done, b)
	}
	if len(done) == 0 {
		return
	}
	// The windows that may fill the tabs: those of the target workspaces first.
	var candidates []ClientID
	for _, b := range done {
		for _, t := range b.w.Tiles() {
			candidates = append(candidates, t.Tabs...)
		}
	}
	for _, c := range m.Clients() {
		if !slices.Contains(candidates, c) {
			candidates = append(candidates, c)
		}
	}
	ids := make([]Identity, len(candidates))
	for i, c := range candidates {
		ids[i] = identity(c)
	}
	taken := make([]bool, len(candidates))
	order := slices.Clone(slots)
	slices.SortStableFunc(order, func(a, b *slot) int { return cmp.Compare(specificity(b.want), specificity(a.want)) })
	for _, s := range order {
		at := -1
		for i, id := range ids {
			if taken[i] || !s.want.Matches(id) {
				continue
			}
			if at < 0 {
				at = i
			}
			if id == s.want {
				at = i
				break
			}
		}
		if at >= 0 {
			taken[at] = true
			s.client, s.found = candidates[at], true
			if loc, ok := m.Find(s.client); ok {
				loc.Tile.removeAt(loc.Index)
			}
		}
	}
	for _, s := range slots {
		if s.found {
			s.tile.Tabs = append(s.tile.Tabs, s.client)
			s.tile.Active = 0
		}
	}
	for _, b := range done {
		for _, t := range b.w.Tiles() { // the windows no tab took stay on the workspace
			b.focus.adopt(t.Tabs, -1)
		}
	}
	for _, s := range slots {
		if !s.found {
			s.tile.remember(s.want)
		}
	}
	for loc := range m.allTiles() { // a name names one tile
		if names[loc.Tile.Name] && !slices.ContainsFunc(done, func(b built) bool { return m.Screens[loc.Screen].Workspaces[loc.Workspace] == b.w }) {
			loc.Tile.Name = ""
		}
	}
	for _, b := range done {
		b.w.Root, b.w.Focus, b.w.Zoom = b.root, b.focus, nil
	}
}

// build makes the split tree of plan p, with new empty tiles; it notes the tabs of each tile in
// slots, the tile names in names and the plan's focused tile in focus.
func (m *Model) build(p *Plan, parent *Node, depth int, names map[string]bool, slots *[]*slot, focus **Tile) *Node {
	n := &Node{Parent: parent}
	if p.Split() && depth < maxStateDepth {
		n.Orient, n.Ratio = p.Orient, p.Ratio
		if n.Orient != Vertical {
			n.Orient = Horizontal
		}
		if !(n.Ratio > 0 && n.Ratio < 1) {
			n.Ratio = 0.5
		}
		n.A = m.build(p.A, n, depth+1, names, slots, focus)
		n.B = m.build(p.B, n, depth+1, names, slots, focus)
		return n
	}
	t := m.newTile()
	t.Node, n.Tile = n, t
	if p.Name != "" && CheckTileName(p.Name) == nil && !names[p.Name] {
		t.Name = p.Name
		names[p.Name] = true
	}
	if p.Focus && *focus == nil {
		*focus = t
	}
	for _, id := range p.Tabs {
		if rememberable(id) {
			*slots = append(*slots, &slot{tile: t, want: id})
		}
	}
	return n
}

// specificity is how many fields of id a window must match.
func specificity(id Identity) int {
	n := 0
	for _, f := range []string{id.Class, id.Instance, id.Role} {
		if f != "" {
			n++
		}
	}
	return n
}
