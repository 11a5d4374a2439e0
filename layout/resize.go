package layout

import "sort"

// minSize is the smallest width or height resizing leaves a tile; at least
// one pixel, so that a tile never vanishes.
func (m *Model) minSize() int { return max(m.Style.MinSize, 1) }

// Resize moves the border on side d of the focused tile px pixels in
// direction d, growing the tile. If the tile has no border on side d (it is
// on that edge of the workspace), its opposite border moves in direction d
// instead, shrinking it. The border moved is that of the nearest ancestor
// split of the matching orientation. The move is clamped so that no tile
// becomes smaller than Style.MinSize; Resize reports whether anything
// changed.
func (m *Model) Resize(d Dir, px int) bool {
	leaf := m.Tile().Node
	n := nearestSplit(leaf, d.axis(), d.forward())
	if n == nil {
		n = nearestSplit(leaf, d.axis(), !d.forward())
	}
	if n == nil {
		return false
	}
	r, ok := m.nodeRect(n)
	if !ok {
		return false
	}
	if !d.forward() {
		px = -px
	}
	return m.moveBorder(n, r, splitExtent(extent(r, n.Orient), n.Ratio)+px)
}

// nearestSplit is the nearest ancestor split of orientation o that has n
// below its A child (inA) or below its B child (!inA); that is, whose border
// lies after n or before n along o.
func nearestSplit(n *Node, o Orientation, inA bool) *Node {
	for child, p := n, n.Parent; p != nil; child, p = p, p.Parent {
		if p.Orient == o && (p.A == child) == inA {
			return p
		}
	}
	return nil
}

// SetBorder puts the border of split n at root coordinate pos (x for a
// Horizontal split, y for a Vertical one), as a mouse drag does. The move is
// clamped like Resize's; SetBorder reports whether the border moved. It
// reports false, too, if n is not a split in the model.
func (m *Model) SetBorder(n *Node, pos int) bool {
	if n == nil || n.Tile != nil {
		return false
	}
	r, ok := m.nodeRect(n)
	if !ok {
		return false
	}
	return m.moveBorder(n, r, pos-start(r, n.Orient))
}

// moveBorder gives split n, covering r, an A child target pixels long. It
// only moves the border as far as the side it shrinks can go without a tile
// there getting smaller than the minimum; a tile that already is smaller may
// grow. It reports whether the border moved.
func (m *Model) moveBorder(n *Node, r Rect, target int) bool {
	size := extent(r, n.Orient)
	if size <= 0 {
		return false
	}
	cur := splitExtent(size, n.Ratio)
	switch {
	case target > cur:
		target = min(target, size-m.minExtent(n.B, n.Orient, size))
		if target <= cur {
			return false
		}
	case target < cur:
		target = max(target, m.minExtent(n.A, n.Orient, size))
		if target >= cur {
			return false
		}
	default:
		return false
	}
	n.Ratio = ratioFor(target, size)
	return true
}

// minExtent is the smallest extent along o that the subtree n can be given
// with every tile in it keeping the minimum size along o, or limit+1 if even
// limit is too small. Tile sizes only grow with the subtree's extent, so a
// binary search finds it.
func (m *Model) minExtent(n *Node, o Orientation, limit int) int {
	least := m.minSize()
	return sort.Search(limit+1, func(e int) bool { return smallestTile(n, o, e) >= least })
}

// smallestTile is the smallest extent along o of the tiles below n when n is
// given extent e along o.
func smallestTile(n *Node, o Orientation, e int) int {
	if n.Tile != nil {
		return e
	}
	if n.Orient != o {
		return min(smallestTile(n.A, o, e), smallestTile(n.B, o, e))
	}
	a := splitExtent(e, n.Ratio)
	return min(smallestTile(n.A, o, a), smallestTile(n.B, o, e-a))
}

// BorderAt returns the split whose border, on a shown workspace, lies within
// slack pixels of (x, y) and spans that point; the nearest if several do.
// The border of a split is the first row or column of its B child.
func (m *Model) BorderAt(x, y, slack int) (*Node, bool) {
	var best *Node
	bestDist := 0
	for _, s := range m.Screens {
		walkRects(s.Workspace().Root, s.Work, func(n *Node, r Rect) {
			if n.Tile != nil {
				return
			}
			_, b := splitRect(r, n.Orient, n.Ratio)
			var dist int
			var spans bool
			if n.Orient == Horizontal {
				dist, spans = abs(x-b.X), y >= r.Y && y < r.Y+r.H
			} else {
				dist, spans = abs(y-b.Y), x >= r.X && x < r.X+r.W
			}
			if spans && dist <= slack && (best == nil || dist < bestDist) {
				best, bestDist = n, dist
			}
		})
	}
	return best, best != nil
}
