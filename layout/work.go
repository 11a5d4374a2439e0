package layout

import "slices"

// Band is an area along one edge of a screen that a dock or panel keeps for
// itself, in root coordinates; Side is the screen edge it is attached to (Up
// = top, Down = bottom, Left, Right).
type Band struct {
	Side Dir
	Rect Rect
}

// SetReserved replaces every reserved band and recomputes each screen's
// Work. It returns true when some screen's Work changed.
//
// A band shrinks only the screens whose Rect it overlaps, from its Side up
// to its far edge within the screen; several bands on one side take the
// deepest. Insets are then clamped so that a strut can never take more than
// half of a screen's width or height (see workArea).
func (m *Model) SetReserved(bands []Band) bool {
	m.bands = slices.Clone(bands)
	changed := false
	for _, s := range m.Screens {
		changed = m.updateWork(s) || changed
	}
	return changed
}

// updateWork recomputes s.Work from the stored bands and reports whether it
// changed.
func (m *Model) updateWork(s *Screen) bool {
	w := workArea(s.Rect, m.bands)
	if w == s.Work {
		return false
	}
	s.Work = w
	return true
}

// insets are the pixels kept off each side of a screen.
type insets struct{ left, right, top, bottom int }

// workArea is screen minus the bands overlapping it. On each axis the two
// insets together are clamped to half the screen's extent (rounded down), so
// the work area keeps at least half of the monitor in each direction however
// absurd a dock's strut is. The clamp shrinks the larger inset first, down to
// the smaller one, and only then both alike: a sane panel keeps its space
// when a broken one on the opposite side claims everything.
func workArea(screen Rect, bands []Band) Rect {
	var in insets
	for _, b := range bands {
		in = in.add(screen, b)
	}
	in.left, in.right = clampInsets(in.left, in.right, max(screen.W, 0)/2)
	in.top, in.bottom = clampInsets(in.top, in.bottom, max(screen.H, 0)/2)
	return Rect{
		X: screen.X + in.left,
		Y: screen.Y + in.top,
		W: screen.W - in.left - in.right,
		H: screen.H - in.top - in.bottom,
	}
}

// add widens in by what band b takes from screen: the part of screen from
// b's side to b's far edge. A band that does not overlap screen, or whose
// Side is not a direction, takes nothing.
func (in insets) add(screen Rect, b Band) insets {
	i, ok := screen.Intersect(b.Rect)
	if !ok {
		return in
	}
	switch b.Side {
	case Up:
		in.top = max(in.top, i.Y+i.H-screen.Y)
	case Down:
		in.bottom = max(in.bottom, screen.Y+screen.H-i.Y)
	case Left:
		in.left = max(in.left, i.X+i.W-screen.X)
	case Right:
		in.right = max(in.right, screen.X+screen.W-i.X)
	}
	return in
}

// clampInsets limits the insets a and b of opposite sides to limit pixels
// together: the larger is cut to what the smaller leaves, but not below
// half the limit; the smaller is cut to that half only if it is larger.
func clampInsets(a, b, limit int) (int, int) {
	if a+b <= limit {
		return a, b
	}
	small := min(a, b, limit/2)
	if a <= b {
		return small, limit - small
	}
	return limit - small, small
}

// Intersect is the part of r shared with o; false when they share no pixel.
func (r Rect) Intersect(o Rect) (Rect, bool) {
	x0, y0 := max(r.X, o.X), max(r.Y, o.Y)
	x1, y1 := min(r.X+r.W, o.X+o.W), min(r.Y+r.H, o.Y+o.H)
	if x0 >= x1 || y0 >= y1 {
		return Rect{}, false
	}
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}, true
}
