package layout

import "math"

// Rect is an area in root coordinates: X, Y is the top-left pixel, W and H
// the size.
type Rect struct{ X, Y, W, H int }

// Contains reports whether the pixel (x, y) lies inside r.
func (r Rect) Contains(x, y int) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Placement is where one tile and its parts go on the screen.
type Placement struct {
	Tile   *Tile
	Frame  Rect // whole tile in root coordinates
	Bar    Rect // tab bar: top of Frame, BarHeight tall, inside the border
	Client Rect // where the active client goes: Frame minus borders minus bar; W,H >= 1
	Hidden bool // another tile of its workspace is zoomed over it (see ZoomTile)
}

// Layout places every tile of w, which belongs to s, in tree order. The tile
// frames partition s.Work exactly (the screen minus what docks reserve): each
// split gives its A child floor(size*Ratio) pixels and its B child the rest,
// so there are no gaps and no overlaps. While a tile is zoomed (Workspace.Zoom), it covers s.Work
// and every other tile keeps its place, Hidden.
func (m *Model) Layout(s *Screen, w *Workspace) []Placement {
	ps := m.tiling(s, w)
	if w.Zoom == nil || !w.holds(w.Zoom) {
		return ps
	}
	for i, p := range ps {
		if p.Tile == w.Zoom {
			ps[i] = m.place(p.Tile, s.Work)
		} else {
			ps[i].Hidden = true
		}
	}
	return ps
}

// tiling is the Layout of w with no tile zoomed.
func (m *Model) tiling(s *Screen, w *Workspace) []Placement {
	var ps []Placement
	walkRects(w.Root, s.Work, func(n *Node, r Rect) {
		if n.Tile != nil {
			ps = append(ps, m.place(n.Tile, r))
		}
	})
	return ps
}

// holds reports whether t is a tile of w.
func (w *Workspace) holds(t *Tile) bool {
	n := t.Node
	for i := 0; n != nil && n.Parent != nil && i < 1<<16; i++ {
		n = n.Parent
	}
	return n != nil && n == w.Root
}

// Visible returns the Layout of each screen's current workspace, screens in
// order.
func (m *Model) Visible() []Placement {
	var ps []Placement
	for _, s := range m.Screens {
		ps = append(ps, m.Layout(s, s.Workspace())...)
	}
	return ps
}

// place cuts a tile's frame into its bar and client area. Sizes are kept at
// least 1 because X refuses windows of size 0, even when a tile is smaller
// than its decorations.
func (m *Model) place(t *Tile, frame Rect) Placement {
	b := max(m.Style.Border, 0)
	bar := max(m.Style.BarHeight, 0)
	w := max(frame.W-2*b, 1)
	return Placement{
		Tile:   t,
		Frame:  frame,
		Bar:    Rect{X: frame.X + b, Y: frame.Y + b, W: w, H: bar},
		Client: Rect{X: frame.X + b, Y: frame.Y + b + bar, W: w, H: max(frame.H-2*b-bar, 1)},
	}
}

// walkRects visits n and every node below it, depth first with A before B,
// together with the rect the node covers when n covers r.
func walkRects(n *Node, r Rect, visit func(*Node, Rect)) {
	visit(n, r)
	if n.Tile != nil {
		return
	}
	a, b := splitRect(r, n.Orient, n.Ratio)
	walkRects(n.A, a, visit)
	walkRects(n.B, b, visit)
}

// splitRect divides r between the A and B children of a split.
func splitRect(r Rect, o Orientation, ratio float64) (a, b Rect) {
	if o == Horizontal {
		aw := splitExtent(r.W, ratio)
		return Rect{r.X, r.Y, aw, r.H}, Rect{r.X + aw, r.Y, r.W - aw, r.H}
	}
	ah := splitExtent(r.H, ratio)
	return Rect{r.X, r.Y, r.W, ah}, Rect{r.X, r.Y + ah, r.W, r.H - ah}
}

// splitExtent is the A child's share of size pixels: floor(size*ratio),
// kept within [0, size] against float error.
func splitExtent(size int, ratio float64) int {
	return min(max(int(math.Floor(float64(size)*ratio)), 0), max(size, 0))
}

// ratioFor is the ratio that gives the A child exactly a of size pixels. It
// aims at the middle of the pixel so that float error cannot round it into
// the neighbouring one; for 0 <= a < size it lies strictly inside (0,1).
func ratioFor(a, size int) float64 {
	return (float64(a) + 0.5) / float64(size)
}

// extent is r's size along o: its width for Horizontal, height for Vertical.
func extent(r Rect, o Orientation) int {
	if o == Horizontal {
		return r.W
	}
	return r.H
}

// start is r's first coordinate along o.
func start(r Rect, o Orientation) int {
	if o == Horizontal {
		return r.X
	}
	return r.Y
}

// nodeRect is the rect split-tree node n covers in its screen's work area,
// whether or not its workspace is shown. It reports false if n is not in the
// model.
func (m *Model) nodeRect(n *Node) (Rect, bool) {
	if n == nil {
		return Rect{}, false
	}
	path := []*Node{n}
	for p := n.Parent; p != nil; p = p.Parent {
		path = append(path, p)
	}
	s, ok := m.screenOf(path[len(path)-1])
	if !ok {
		return Rect{}, false
	}
	r := s.Work
	for i := len(path) - 1; i > 0; i-- {
		parent, child := path[i], path[i-1]
		a, b := splitRect(r, parent.Orient, parent.Ratio)
		switch child {
		case parent.A:
			r = a
		case parent.B:
			r = b
		default: // a detached node still pointing at its old parent
			return Rect{}, false
		}
	}
	return r, true
}

// tileRect is the frame of tile t, wherever it is.
func (m *Model) tileRect(t *Tile) (Rect, bool) {
	if t == nil {
		return Rect{}, false
	}
	return m.nodeRect(t.Node)
}
