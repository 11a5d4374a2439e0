package layout

import (
	"errors"
	"fmt"
	"slices"
)

// Check verifies the model's invariants and returns every violation found:
// every client is in exactly one tab; Active is -1 exactly when a tile has no
// tabs and a valid index otherwise; parent/child and Tile.Node links agree;
// every workspace has a focused tile in its own tree; split ratios lie in
// (0,1); Current indices are valid; tile IDs are unique; every screen's Work
// lies inside its Rect and is what the reserved bands leave of it; and the
// Layout of every workspace partitions its screen's Work exactly, with client
// areas of at least 1x1. Of the floating windows: each is a client that is
// no tab and floats once, lives on a workspace of the model, and has a
// rectangle of at least 1x1; FloatKeys names one of them or is 0; the clients
// in fullscreen and in the focus history are managed, the history without
// repeats and no longer than it keeps.
func (m *Model) Check() error {
	c := checker{m: m, clients: map[ClientID]string{}, ids: map[int]string{}, names: map[string]string{}}
	c.model()
	return errors.Join(c.errs...)
}

// checker collects the violations found while walking a model, and what it
// has seen so far to find duplicates.
type checker struct {
	m       *Model
	errs    []error
	clients map[ClientID]string // where each client was seen
	ids     map[int]string      // where each tile ID was seen
	names   map[string]string   // where each tile name was seen
}

func (c *checker) fail(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf(format, args...))
}

func (c *checker) model() {
	m := c.m
	if len(m.Screens) == 0 {
		c.fail("model has no screens")
		return
	}
	if m.Current < 0 || m.Current >= len(m.Screens) {
		c.fail("focused screen %d out of range [0,%d)", m.Current, len(m.Screens))
	}
	for i, s := range m.Screens {
		if s == nil {
			c.fail("screen %d is nil", i)
			continue
		}
		c.screen(fmt.Sprintf("screen %d %q", i, s.Name), s)
	}
	c.floats()
}

func (c *checker) floats() {
	m := c.m
	for i, f := range m.Floats {
		where := fmt.Sprintf("floating window %d (client %#x)", i, uint32(f.Client))
		if prev, dup := c.clients[f.Client]; dup {
			c.fail("%s: client also in %s", where, prev)
		}
		c.clients[f.Client] = where
		if _, ok := m.locateWorkspace(f.home); !ok {
			c.fail("%s: lives on a workspace that is not in the model", where)
		}
		if f.Rect.W < 1 || f.Rect.H < 1 || f.Border < 0 {
			c.fail("%s: rectangle %v with border %d", where, f.Rect, f.Border)
		}
		if f.Hidden && f.Scratchpad == "" {
			c.fail("%s: put away, but no scratchpad holds it", where)
		}
		if f.Scratchpad != "" && m.scratchpad(f.Scratchpad) != f {
			c.fail("%s: scratchpad %q holds another window too", where, f.Scratchpad)
		}
	}
	if m.FloatKeys != 0 && m.Floating(m.FloatKeys) == nil {
		c.fail("FloatKeys %#x does not float", uint32(m.FloatKeys))
	}
	for cl := range m.full {
		if _, ok := c.clients[cl]; !ok {
			c.fail("client %#x in fullscreen is not managed", uint32(cl))
		}
	}
	seen := map[ClientID]bool{}
	for _, cl := range m.History {
		if _, ok := c.clients[cl]; !ok || seen[cl] {
			c.fail("focus history %v: %#x is not managed, or there twice", m.History, uint32(cl))
		}
		seen[cl] = true
	}
	if len(m.History) > maxHistory {
		c.fail("focus history has %d clients, more than %d", len(m.History), maxHistory)
	}
}

func (c *checker) screen(where string, s *Screen) {
	if s.Rect.W < 0 || s.Rect.H < 0 {
		c.fail("%s: negative size %dx%d", where, s.Rect.W, s.Rect.H)
	}
	c.work(where, s)
	if len(s.Workspaces) == 0 {
		c.fail("%s: no workspaces", where)
		return
	}
	if s.Current < 0 || s.Current >= len(s.Workspaces) {
		c.fail("%s: current workspace %d out of range [0,%d)", where, s.Current, len(s.Workspaces))
	}
	for i, w := range s.Workspaces {
		if w == nil {
			c.fail("%s: workspace %d is nil", where, i)
			continue
		}
		if w.Home == "" {
			c.fail("%s: workspace %d %q has no home screen", where, i, w.Name)
		}
		c.workspace(fmt.Sprintf("%s workspace %d %q", where, i, w.Name), s, w)
	}
}

func (c *checker) workspace(where string, s *Screen, w *Workspace) {
	if w.Root == nil {
		c.fail("%s: no root", where)
		return
	}
	if w.Root.Parent != nil {
		c.fail("%s: root has a parent", where)
	}
	var tiles []*Tile
	if !c.node(where, w.Root, map[*Node]bool{}, &tiles) {
		return // geometry of a broken tree could loop or crash
	}
	if w.Focus == nil || !slices.Contains(tiles, w.Focus) {
		c.fail("%s: focused tile is not in its tree", where)
	}
	if w.Zoom != nil && !slices.Contains(tiles, w.Zoom) {
		c.fail("%s: zoomed tile is not in its tree", where)
	}
	c.partition(where, s, w)
}

// node checks the subtree n, collecting its tiles. It reports false if the
// tree is not a proper binary tree, so it cannot be laid out.
func (c *checker) node(where string, n *Node, seen map[*Node]bool, tiles *[]*Tile) bool {
	if n == nil {
		c.fail("%s: split with a nil child", where)
		return false
	}
	if seen[n] {
		c.fail("%s: node reached twice (a cycle or a shared subtree)", where)
		return false
	}
	seen[n] = true
	if n.Tile != nil {
		if n.A != nil || n.B != nil {
			c.fail("%s: tile %d's leaf has children", where, n.Tile.ID)
		}
		c.tile(where, n)
		*tiles = append(*tiles, n.Tile)
		return true
	}
	if !(n.Ratio > 0 && n.Ratio < 1) {
		c.fail("%s: split ratio %v outside (0,1)", where, n.Ratio)
	}
	if n.Orient != Horizontal && n.Orient != Vertical {
		c.fail("%s: bad split orientation %d", where, int(n.Orient))
	}
	ok := true
	for _, child := range []*Node{n.A, n.B} {
		if child != nil && child.Parent != n {
			c.fail("%s: child's Parent does not point at its split", where)
		}
		ok = c.node(where, child, seen, tiles) && ok
	}
	return ok
}

func (c *checker) tile(where string, n *Node) {
	t := n.Tile
	where = fmt.Sprintf("%s tile %d", where, t.ID)
	if t.Node != n {
		c.fail("%s: Node does not point at its leaf", where)
	}
	if t.ID < 1 || t.ID > c.m.lastID {
		c.fail("%s: ID never handed out (last is %d)", where, c.m.lastID)
	}
	if prev, dup := c.ids[t.ID]; dup {
		c.fail("%s: ID also used at %s", where, prev)
	}
	c.ids[t.ID] = where
	if len(t.Remembers) > maxRemembered {
		c.fail("%s remembers %d windows, more than %d", where, len(t.Remembers), maxRemembered)
	}
	if slices.ContainsFunc(t.Remembers, func(id Identity) bool { return !rememberable(id) }) {
		c.fail("%s remembers an empty identity or one too long: %v", where, t.Remembers)
	}
	if t.Name != "" {
		if err := CheckTileName(t.Name); err != nil {
			c.fail("%s: %v", where, err)
		}
		if prev, dup := c.names[t.Name]; dup {
			c.fail("%s: tile name %q is also %s's", where, t.Name, prev)
		}
		c.names[t.Name] = where
	}
	switch {
	case len(t.Tabs) == 0 && t.Active != -1:
		c.fail("%s: no tabs but Active is %d", where, t.Active)
	case len(t.Tabs) > 0 && (t.Active < 0 || t.Active >= len(t.Tabs)):
		c.fail("%s: Active %d out of range [0,%d)", where, t.Active, len(t.Tabs))
	}
	for _, cl := range t.Tabs {
		if prev, dup := c.clients[cl]; dup {
			c.fail("%s: client %#x also in %s", where, uint32(cl), prev)
		}
		c.clients[cl] = where
	}
}

// work checks that s.Work is what the model's bands leave of s.Rect, and so
// inside it; a stale Work means a Rect changed behind the model's back.
func (c *checker) work(where string, s *Screen) {
	w := s.Work
	if w.W < 0 || w.H < 0 || !inside(w, s.Rect) {
		c.fail("%s: work area %v not inside the screen %v", where, w, s.Rect)
	}
	if want := workArea(s.Rect, c.m.bands); w != want {
		c.fail("%s: work area %v, but the reserved bands leave %v", where, w, want)
	}
}

// inside reports whether r lies within area (an empty r at its edge does).
func inside(r, area Rect) bool {
	return r.X >= area.X && r.Y >= area.Y && r.X+r.W <= area.X+area.W && r.Y+r.H <= area.Y+area.H
}

// partition checks that w's tiles cover the work area of s exactly once:
// each frame inside it, no two overlapping, areas adding up to its area.
func (c *checker) partition(where string, s *Screen, w *Workspace) {
	c.placements(where, s.Work, c.m.tiling(s, w))
}

// placements checks that ps cover area exactly once.
func (c *checker) placements(where string, area Rect, ps []Placement) {
	covered := 0
	for i, p := range ps {
		f := p.Frame
		if f.W < 0 || f.H < 0 || !inside(f, area) {
			c.fail("%s: tile %d frame %v not inside the work area %v", where, p.Tile.ID, f, area)
		}
		if p.Client.W < 1 || p.Client.H < 1 {
			c.fail("%s: tile %d client area %v is empty", where, p.Tile.ID, p.Client)
		}
		covered += max(f.W, 0) * max(f.H, 0)
		for _, q := range ps[:i] {
			if intersects(f, q.Frame) {
				c.fail("%s: tiles %d %v and %d %v overlap", where, p.Tile.ID, f, q.Tile.ID, q.Frame)
			}
		}
	}
	if want := max(area.W, 0) * max(area.H, 0); covered != want {
		c.fail("%s: tiles cover %d pixels of a %d pixel work area", where, covered, want)
	}
}

// intersects reports whether a and b share a pixel.
func intersects(a, b Rect) bool {
	return max(a.X, b.X) < min(a.X+a.W, b.X+b.W) && max(a.Y, b.Y) < min(a.Y+a.H, b.Y+b.H)
}
