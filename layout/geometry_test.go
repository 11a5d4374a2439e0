package layout

import "testing"

func TestRectContains(t *testing.T) {
	r := Rect{10, 20, 30, 40}
	tests := []struct {
		x, y int
		want bool
	}{
		{10, 20, true}, {39, 59, true}, {40, 20, false}, {10, 60, false},
		{9, 20, false}, {10, 19, false}, {25, 40, true},
	}
	for _, tt := range tests {
		if got := r.Contains(tt.x, tt.y); got != tt.want {
			t.Errorf("%v.Contains(%d,%d) = %v, want %v", r, tt.x, tt.y, got, tt.want)
		}
	}
	if (Rect{0, 0, 0, 5}).Contains(0, 0) {
		t.Error("an empty rect contains a point")
	}
}

func TestLayoutRounding(t *testing.T) {
	tests := []struct {
		name   string
		screen Rect
		o      Orientation
		ratio  float64
		a, b   Rect
	}{
		{"odd width: A gets the floor", Rect{0, 0, 1001, 700}, Horizontal, 0.5, Rect{0, 0, 500, 700}, Rect{500, 0, 501, 700}},
		{"a third", Rect{0, 0, 1000, 700}, Horizontal, 1.0 / 3, Rect{0, 0, 333, 700}, Rect{333, 0, 667, 700}},
		{"two thirds", Rect{0, 0, 1000, 700}, Horizontal, 2.0 / 3, Rect{0, 0, 666, 700}, Rect{666, 0, 334, 700}},
		{"offset screen, vertical", Rect{1280, 100, 1024, 767}, Vertical, 0.5, Rect{1280, 100, 1024, 383}, Rect{1280, 483, 1024, 384}},
		{"negative origin", Rect{-500, -300, 500, 300}, Horizontal, 0.3, Rect{-500, -300, 150, 300}, Rect{-350, -300, 350, 300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New([]ScreenSpec{{Name: "S", Rect: tt.screen}}, nil, Style{MinSize: 1})
			if !m.Split(tt.o, tt.ratio) {
				t.Fatal("Split refused")
			}
			ps := m.Visible()
			if len(ps) != 2 {
				t.Fatalf("got %d placements, want 2", len(ps))
			}
			if ps[0].Frame != tt.a || ps[1].Frame != tt.b {
				t.Errorf("got %v %v, want %v %v", ps[0].Frame, ps[1].Frame, tt.a, tt.b)
			}
			if err := m.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestLayoutPartitionsDeepTrees(t *testing.T) {
	// Splitting again and again at awkward ratios on an odd-sized screen
	// must still cover every pixel exactly once.
	m := New([]ScreenSpec{{Name: "S", Rect: Rect{7, 13, 1277, 799}}}, nil, Style{MinSize: 3})
	ratios := []float64{0.37, 0.61, 0.5, 0.13, 0.77, 0.29, 0.5, 0.91}
	for i, r := range ratios {
		o := Orientation(i % 2)
		if !m.Split(o, r) {
			t.Fatalf("split %d refused", i)
		}
		if i%3 == 0 {
			m.FocusPrev()
		}
	}
	if n := len(m.Workspace().Tiles()); n != len(ratios)+1 {
		t.Fatalf("got %d tiles, want %d", n, len(ratios)+1)
	}
	area := 0
	for _, p := range m.Visible() {
		area += p.Frame.W * p.Frame.H
	}
	if area != 1277*799 {
		t.Errorf("tiles cover %d pixels, want %d", area, 1277*799)
	}
	if err := m.Check(); err != nil {
		t.Error(err)
	}
}

func TestPlacementParts(t *testing.T) {
	tests := []struct {
		name            string
		frame           Rect
		style           Style
		bar, clientRect Rect
	}{
		{"border and bar", Rect{100, 50, 500, 400}, Style{BarHeight: 20, Border: 2},
			Rect{102, 52, 496, 20}, Rect{102, 72, 496, 376}},
		{"no decorations", Rect{0, 0, 300, 200}, Style{},
			Rect{0, 0, 300, 0}, Rect{0, 0, 300, 200}},
		{"tile smaller than its decorations keeps a 1x1 client", Rect{0, 0, 10, 30}, Style{BarHeight: 30, Border: 6},
			Rect{6, 6, 1, 30}, Rect{6, 36, 1, 1}},
		{"negative style values count as zero", Rect{0, 0, 300, 200}, Style{BarHeight: -5, Border: -1},
			Rect{0, 0, 300, 0}, Rect{0, 0, 300, 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New([]ScreenSpec{{Name: "S", Rect: tt.frame}}, nil, tt.style)
			ps := m.Visible()
			if len(ps) != 1 {
				t.Fatalf("got %d placements", len(ps))
			}
			p := ps[0]
			if p.Tile != m.Tile() || p.Frame != tt.frame || p.Bar != tt.bar || p.Client != tt.clientRect {
				t.Errorf("got frame %v bar %v client %v, want %v %v %v", p.Frame, p.Bar, p.Client, tt.frame, tt.bar, tt.clientRect)
			}
		})
	}
}

func TestVisibleOrder(t *testing.T) {
	m := sideBySide()
	run(t, m, "split h; screen 1; ws 1")
	ps := m.Visible()
	var ids []int
	for _, p := range ps {
		ids = append(ids, p.Tile.ID)
	}
	// Screen L shows workspace 1 (tiles 1 and 5), screen R its workspace 2 (tile 4).
	want := []int{1, 5, 4}
	if len(ids) != len(want) {
		t.Fatalf("got tiles %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("got tiles %v, want %v", ids, want)
		}
	}
	if got := ps[2].Frame; got != (Rect{1280, 0, 1024, 768}) {
		t.Errorf("screen R tile frame %v", got)
	}
	// Layout of a hidden workspace is still computed on its own screen.
	l := m.Screens[0]
	if got := m.Layout(l, l.Workspaces[1])[0].Frame; got != l.Rect {
		t.Errorf("hidden workspace frame %v, want %v", got, l.Rect)
	}
}
