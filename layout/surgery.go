package layout

import (
	"errors"
	"fmt"
)

// Tile surgery: swapping a tile with its neighbour, turning a split, equal shares, zoom; and
// pulling a window into the focused tile.

// Swap exchanges the focused tile with the tile next to it in direction d (see Focus: on another
// screen too): each takes the other's place, with its tabs and name, and the places keep their
// sizes. The focus stays with the tile that had it, in its new place. It reports false when there
// is no tile in d.
func (m *Model) Swap(d Dir) bool {
	si, other, ok := m.neighbour(d)
	a := m.Tile()
	if !ok || other == a {
		return false
	}
	loc, ok := m.locateTile(other)
	if !ok {
		return false
	}
	wa, wb := m.Workspace(), m.Screens[loc.Screen].Workspaces[loc.Workspace]
	na, nb := a.Node, other.Node
	na.Tile, nb.Tile = other, a
	a.Node, other.Node = nb, na
	if wa != wb {
		wa.Focus = other // each workspace keeps a focused tile of its own
	}
	wa.Zoom, wb.Zoom = nil, nil
	m.focus(si, a) // wb is the workspace screen si shows
	return true
}

// Rotate turns the split the focused tile is in: side by side becomes one above the other, and
// back. It fails, changing nothing, when the focused tile is the only one of its workspace or when
// turning would make a tile smaller than the minimum size.
func (m *Model) Rotate() error {
	t := m.Tile()
	p := t.Node.Parent
	if p == nil {
		return errors.New("rotate: the focused tile is the only one of its workspace; split it first")
	}
	before := m.tooSmall(p)
	p.Orient = 1 - p.Orient
	if m.tooSmall(p) > before {
		p.Orient = 1 - p.Orient
		return errors.New("rotate: the tiles would be smaller than the minimum size; remove a tile or make the split larger")
	}
	return nil
}

// tooSmall counts the tiles below n narrower or shorter than the minimum size.
func (m *Model) tooSmall(n *Node) int {
	r, ok := m.nodeRect(n)
	if !ok {
		return 0
	}
	least, count := m.minSize(), 0
	walkRects(n, r, func(x *Node, xr Rect) {
		if x.Tile != nil && (xr.W < least || xr.H < least) {
			count++
		}
	})
	return count
}

// Equalize gives every tile of the split the focused tile is in, all the way down, an equal share
// of it; with all, every tile of the focused workspace. Each split divides its space in the
// proportion of the rows or columns of tiles on either side. It reports false when there is no
// split to equalize.
func (m *Model) Equalize(all bool) bool {
	n := m.Tile().Node.Parent
	if all {
		n = m.Workspace().Root
	}
	if n == nil || n.Tile != nil {
		return false
	}
	equalize(n)
	return true
}

func equalize(n *Node) {
	if n.Tile != nil {
		return
	}
	a, b := lanes(n.A, n.Orient), lanes(n.B, n.Orient)
	n.Ratio = min(max(float64(a)/float64(a+b), minSplitRatio), maxSplitRatio)
	equalize(n.A)
	equalize(n.B)
}

// lanes is how many tiles n lines up along o at most: the columns (Horizontal) or rows (Vertical)
// an equal share is counted in.
func lanes(n *Node, o Orientation) int {
	if n.Tile != nil {
		return 1
	}
	a, b := lanes(n.A, o), lanes(n.B, o)
	if n.Orient == o {
		return a + b
	}
	return max(a, b)
}

// ZoomTile shows the focused tile over its whole workspace, the others hidden (on), or shows
// them all again (off). The zoom ends by itself when the focus moves to another tile (Settle). It
// reports whether anything changed.
func (m *Model) ZoomTile(on bool) bool {
	w := m.Workspace()
	was := w.Zoom
	w.Zoom = nil
	if on {
		w.Zoom = w.Focus
	}
	return was != w.Zoom
}

// Zoomed reports whether the focused workspace shows a tile zoomed.
func (m *Model) Zoomed() bool { return m.Workspace().Zoom != nil }

// unzoom ends the zoom of each workspace whose focus moved away from the zoomed tile.
func (m *Model) unzoom() {
	for _, s := range m.Screens {
		for _, w := range s.Workspaces {
			if w.Zoom != nil && (w.Zoom != w.Focus || !w.holds(w.Zoom)) {
				w.Zoom = nil
			}
		}
	}
}

// AttachTo moves client c, wherever it is (a tab of any tile, or floating), into tile t as its
// active tab, and shows it there with the keys. It fails when c is not managed or t is not in the
// model; c already a tab of t just becomes its active tab.
func (m *Model) AttachTo(c ClientID, t *Tile) error {
	if _, ok := m.locateTile(t); !ok {
		return fmt.Errorf("the tile to attach window %#x to is gone", uint32(c))
	}
	if loc, ok := m.Find(c); ok && loc.Tile == t {
		m.ActivateClient(c)
		return nil
	}
	switch {
	case m.Floating(c) != nil:
		m.Unfloat(c)
	case !m.Remove(c):
		return fmt.Errorf("no window %#x is managed; `fionctl windows` lists them", uint32(c))
	}
	m.AddTo(t, c)
	m.ActivateClient(c)
	return nil
}
