package layout

import "fmt"

// Split ratios are kept away from the edges so that a new tile is never a
// sliver.
const (
	minSplitRatio = 0.05
	maxSplitRatio = 0.95
)

// tiles appends the tiles below n to dst in tree order.
func (n *Node) tiles(dst []*Tile) []*Tile {
	if n.Tile != nil {
		return append(dst, n.Tile)
	}
	return n.B.tiles(n.A.tiles(dst))
}

// replaceChild puts n in old's place below old's parent, or at the root of w.
func (w *Workspace) replaceChild(old, n *Node) {
	p := old.Parent
	n.Parent = p
	switch {
	case p == nil:
		w.Root = n
	case p.A == old:
		p.A = n
	default:
		p.B = n
	}
	old.Parent = nil
}

// Split turns the focused tile into a split of orientation o: A keeps the old
// tile with its tabs, B is a new empty tile, which gets focus. ratio, A's
// share, is clamped to [0.05, 0.95] and then nudged so that both tiles are at
// least Style.MinSize along o.
//
// Split reports false, and changes nothing, when the tile is narrower (for
// Horizontal; shorter for Vertical) than two tiles of the minimum size.
func (m *Model) Split(o Orientation, ratio float64) bool {
	w := m.Workspace()
	old := w.Focus
	r, ok := m.tileRect(old)
	if !ok {
		return false
	}
	size, least := extent(r, o), m.minSize()
	if size < 2*least {
		return false
	}
	ratio = min(max(ratio, minSplitRatio), maxSplitRatio)
	if a := splitExtent(size, ratio); a < least || size-a < least {
		ratio = ratioFor(min(max(a, least), size-least), size)
	}
	fresh := m.newTile()
	n := old.Node
	n.Tile, n.Orient, n.Ratio = nil, o, ratio
	n.A = &Node{Parent: n, Tile: old}
	n.B = &Node{Parent: n, Tile: fresh}
	old.Node, fresh.Node = n.A, n.B
	w.Focus, w.Zoom = fresh, nil
	return true
}

// RemoveTile removes the focused tile from its workspace; its sibling subtree
// takes its space. Its tabs are appended to the tile of that subtree nearest
// to where the removed tile was (the leaf touching it whose centre is
// nearest), which gets focus and keeps its active tab.
//
// It fails with a message for the user if the tile is the only one of its
// workspace.
func (m *Model) RemoveTile() error {
	w := m.Workspace()
	gone := w.Focus
	leaf := gone.Node
	if leaf.Parent == nil {
		return fmt.Errorf("cannot remove the only tile of workspace %q: a workspace always keeps one tile", w.Name)
	}
	heir := m.heir(gone)
	parent := leaf.Parent
	sibling := parent.A
	if sibling == leaf {
		sibling = parent.B
	}
	w.replaceChild(parent, sibling)
	parent.A, parent.B, leaf.Parent = nil, nil, nil

	heir.adopt(gone.Tabs, gone.Active)
	gone.Tabs, gone.Active = nil, -1
	w.Focus, w.Zoom = heir, nil
	return nil
}

// heir picks the tile that takes over from tile t when t is removed: among
// the leaves of t's sibling subtree that touch t, the one whose centre is
// nearest to t's centre.
func (m *Model) heir(t *Tile) *Tile {
	leaf := t.Node
	parent := leaf.Parent
	sibling := parent.B
	if sibling == leaf {
		sibling = parent.A
	}
	side := towards(parent.Orient, sibling == parent.B) // where the sibling lies, seen from t
	from, _ := m.tileRect(t)
	area, _ := m.nodeRect(sibling)
	cx, cy := centre2(from)
	var best *Tile
	bestDist := -1
	walkRects(sibling, area, func(n *Node, r Rect) {
		if n.Tile == nil || edge(r, side.opposite()) != edge(from, side) {
			return
		}
		x, y := centre2(r)
		if d := (x-cx)*(x-cx) + (y-cy)*(y-cy); bestDist < 0 || d < bestDist {
			best, bestDist = n.Tile, d
		}
	})
	if best == nil { // only if the tree is not a partition; keep the clients anyway
		best = sibling.tiles(nil)[0]
	}
	return best
}

// towards is the direction in which a split of orientation o puts its B child
// (forward) or its A child, seen from the other one.
func towards(o Orientation, forward bool) Dir {
	switch {
	case o == Horizontal && forward:
		return Right
	case o == Horizontal:
		return Left
	case forward:
		return Down
	}
	return Up
}

// centre2 is twice the centre of r, which keeps it an integer.
func centre2(r Rect) (x, y int) {
	return 2*r.X + r.W, 2*r.Y + r.H
}
