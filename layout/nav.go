package layout

// edge is the coordinate of r's side d: for Right the first column past r.
func edge(r Rect, d Dir) int {
	switch d {
	case Left:
		return r.X
	case Right:
		return r.X + r.W
	case Up:
		return r.Y
	}
	return r.Y + r.H
}

// across is r's extent across direction d, as [lo, hi): its rows when d is
// Left or Right, its columns when d is Up or Down.
func across(r Rect, d Dir) (lo, hi int) {
	if d.axis() == Horizontal {
		return r.Y, r.Y + r.H
	}
	return r.X, r.X + r.W
}

// overlap is how many pixels a and b share across direction d.
func overlap(a, b Rect, d Dir) int {
	alo, ahi := across(a, d)
	blo, bhi := across(b, d)
	return max(min(ahi, bhi)-max(alo, blo), 0)
}

// centreAcross is twice r's centre across direction d.
func centreAcross(r Rect, d Dir) int {
	lo, hi := across(r, d)
	return lo + hi
}

// gapAcross is twice the distance from the doubled coordinate c2 to r's
// extent across d; 0 when c2 lies within it.
func gapAcross(r Rect, d Dir, c2 int) int {
	lo, hi := across(r, d)
	switch {
	case c2 < 2*lo:
		return 2*lo - c2
	case c2 > 2*hi:
		return c2 - 2*hi
	}
	return 0
}

// abs is |v|.
func abs(v int) int { return max(v, -v) }

// neighbour finds the tile next to the focused tile in direction d: on the
// focused screen's workspace if one shares the focused tile's side d,
// otherwise at the entering edge of the work area of the screen adjacent in
// d. Screens are adjacent by their monitors (Rect), not their work areas, so
// a panel between two monitors does not cut them apart.
func (m *Model) neighbour(d Dir) (screen int, t *Tile, ok bool) {
	s := m.Screen()
	focused := m.Tile()
	ps := m.tiling(s, s.Workspace()) // a zoomed tile's neighbours are those it has unzoomed
	var from Rect
	for _, p := range ps {
		if p.Tile == focused {
			from = p.Frame
		}
	}
	if t, ok := adjacentTile(ps, focused, from, d); ok {
		return m.Current, t, true
	}
	si, ok := m.adjacentScreen(d)
	if !ok {
		return 0, nil, false
	}
	next := m.Screens[si]
	t, ok = enteringTile(m.Layout(next, next.Workspace()), next.Work, from, d)
	return si, t, ok
}

// adjacentTile picks, among the tiles whose opposite side lies on side d of
// from and which overlap it, the one overlapping most, then the one whose
// centre is closest to from's centre.
func adjacentTile(ps []Placement, self *Tile, from Rect, d Dir) (*Tile, bool) {
	var best *Tile
	bestOverlap, bestDist := 0, 0
	c := centreAcross(from, d)
	for _, p := range ps {
		if p.Tile == self || edge(p.Frame, d.opposite()) != edge(from, d) {
			continue
		}
		o := overlap(p.Frame, from, d)
		dist := abs(centreAcross(p.Frame, d) - c)
		if o > 0 && (best == nil || o > bestOverlap || o == bestOverlap && dist < bestDist) {
			best, bestOverlap, bestDist = p.Tile, o, dist
		}
	}
	return best, best != nil
}

// adjacentScreen picks the screen lying beyond the focused one in direction
// d and overlapping it across d: the nearest (screens normally touch edge to
// edge), then the one overlapping most.
func (m *Model) adjacentScreen(d Dir) (int, bool) {
	from := m.Screen().Rect
	best, bestGap, bestOverlap := -1, 0, 0
	for i, s := range m.Screens {
		gap := edge(s.Rect, d.opposite()) - edge(from, d)
		if !d.forward() {
			gap = -gap
		}
		o := overlap(s.Rect, from, d)
		if i == m.Current || gap < 0 || o == 0 {
			continue
		}
		if best < 0 || gap < bestGap || gap == bestGap && o > bestOverlap {
			best, bestGap, bestOverlap = i, gap, o
		}
	}
	return best, best >= 0
}

// enteringTile picks, among the tiles on the edge of screen area through
// which direction d enters it, the one closest to the centre of from (the
// tile being left) across d.
func enteringTile(ps []Placement, area, from Rect, d Dir) (*Tile, bool) {
	var best *Tile
	bestGap, bestDist := 0, 0
	c := centreAcross(from, d)
	for _, p := range ps {
		if edge(p.Frame, d.opposite()) != edge(area, d.opposite()) || p.Frame.W <= 0 || p.Frame.H <= 0 {
			continue
		}
		gap := gapAcross(p.Frame, d, c)
		dist := abs(centreAcross(p.Frame, d) - c)
		if best == nil || gap < bestGap || gap == bestGap && dist < bestDist {
			best, bestGap, bestDist = p.Tile, gap, dist
		}
	}
	return best, best != nil
}

// Focus moves focus to the tile adjacent to the focused one in direction d.
// On the current workspace that is a tile sharing the focused tile's side d
// and overlapping it (the one overlapping most, then the one closest to its
// centre). If there is none, focus crosses to the screen adjacent in d, to
// the tile of its current workspace at the entering edge closest to the
// focused tile's centre. It reports false if there is nothing in d.
func (m *Model) Focus(d Dir) bool {
	si, t, ok := m.neighbour(d)
	if ok {
		m.focus(si, t)
	}
	return ok
}

// FocusNext focuses the next tile of the current workspace in tree order,
// wrapping around.
func (m *Model) FocusNext() { m.cycleFocus(1) }

// FocusPrev focuses the previous tile of the current workspace in tree
// order, wrapping around.
func (m *Model) FocusPrev() { m.cycleFocus(-1) }

// cycleFocus moves focus step tiles along the tree order of the current
// workspace.
func (m *Model) cycleFocus(step int) {
	w := m.Workspace()
	ts := w.Tiles()
	for i, t := range ts {
		if t == w.Focus {
			n := len(ts)
			w.Focus = ts[((i+step)%n+n)%n]
			return
		}
	}
}

// FocusTile focuses tile t and its screen. It reports false unless t is on
// a workspace currently shown.
func (m *Model) FocusTile(t *Tile) bool {
	loc, ok := m.locateTile(t)
	if !ok || m.Screens[loc.Screen].Current != loc.Workspace {
		return false
	}
	m.focus(loc.Screen, t)
	return true
}

// FocusScreen focuses screen i (0-based). It reports false if there is no
// such screen.
func (m *Model) FocusScreen(i int) bool {
	if i < 0 || i >= len(m.Screens) {
		return false
	}
	m.Current = i
	return true
}

// ScreenNext focuses the next screen, wrapping around.
func (m *Model) ScreenNext() { m.Current = (m.Current + 1) % len(m.Screens) }

// ScreenPrev focuses the previous screen, wrapping around.
func (m *Model) ScreenPrev() {
	m.Current = (m.Current - 1 + len(m.Screens)) % len(m.Screens)
}

// TileAt returns the tile under root point (x, y) on a shown workspace; a
// point in a band reserved by a dock is in no tile.
func (m *Model) TileAt(x, y int) (*Tile, bool) {
	for _, p := range m.Visible() {
		if !p.Hidden && p.Frame.Contains(x, y) {
			return p.Tile, true
		}
	}
	return nil, false
}
