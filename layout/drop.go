package layout

import "slices"

// Dropping a tab dragged with the mouse: into another tile, into a new tile split off one side
// of a tile, or at another place in its own tab bar.

// MoveToTile moves tab c, from whatever tile holds it, into tile t as its active tab, and shows
// and focuses it there. It reports false when c is not a tab or t is not in the model.
func (m *Model) MoveToTile(c ClientID, t *Tile) bool {
	if _, ok := m.locateTile(t); !ok {
		return false
	}
	loc, ok := m.Find(c)
	if !ok {
		return false
	}
	if loc.Tile != t {
		loc.Tile.removeAt(loc.Index)
		t.insert(c)
	}
	return m.Activate(c)
}

// SplitBeside splits shown tile t in two with the new, empty tile on side d, each half the size,
// and returns the new tile, which gets the focus. It reports false when t is not shown or is too
// small to split; t has the focus then.
func (m *Model) SplitBeside(t *Tile, d Dir) (*Tile, bool) {
	if !m.FocusTile(t) || !m.Split(d.axis(), 0.5) {
		return nil, false
	}
	fresh := m.Tile()
	if !d.forward() { // the new tile goes first: left or above
		n := fresh.Node.Parent
		n.A.Tile, n.B.Tile = fresh, t
		fresh.Node, t.Node = n.A, n.B
		n.Ratio = 1 - n.Ratio
	}
	return fresh, true
}

// MoveTabAt moves tab c to place i (from 0) of its tab bar, as its active tab.
func (m *Model) MoveTabAt(c ClientID, i int) bool {
	loc, ok := m.Find(c)
	if !ok {
		return false
	}
	t := loc.Tile
	i = min(max(i, 0), len(t.Tabs)-1)
	t.Tabs = slices.Insert(slices.Delete(t.Tabs, loc.Index, loc.Index+1), i, c)
	t.Active = i
	return true
}
