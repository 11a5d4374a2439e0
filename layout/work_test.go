package layout

import (
	"slices"
	"testing"
)

// works returns the Work of every screen, in order.
func works(m *Model) []Rect {
	var ws []Rect
	for _, s := range m.Screens {
		ws = append(ws, s.Work)
	}
	return ws
}

// only returns a constructor of a model with the single screen r.
func only(r Rect) func() *Model {
	return func() *Model { return New([]ScreenSpec{{Name: "O", Rect: r}}, nil, testStyle) }
}

func TestSetReserved(t *testing.T) {
	// oneScreen is 1000x800 at the origin; sideBySide is L 1280x800 at 0,0
	// and R 1024x768 at 1280,0; stacked is T 1280x800 at 0,0 and B
	// 1024x768 at 0,800.
	tests := []struct {
		name  string
		model func() *Model
		bands []Band
		want  []Rect // Work of each screen
	}{
		{"no bands", oneScreen, nil, []Rect{{0, 0, 1000, 800}}},
		{"top", oneScreen, []Band{{Up, Rect{0, 0, 1000, 30}}}, []Rect{{0, 30, 1000, 770}}},
		{"bottom", oneScreen, []Band{{Down, Rect{0, 770, 1000, 30}}}, []Rect{{0, 0, 1000, 770}}},
		{"left", oneScreen, []Band{{Left, Rect{0, 0, 50, 800}}}, []Rect{{50, 0, 950, 800}}},
		{"right", oneScreen, []Band{{Right, Rect{960, 100, 40, 200}}}, []Rect{{0, 0, 960, 800}}},
		{"a short band reserves the whole edge", oneScreen, []Band{{Up, Rect{400, 0, 100, 25}}}, []Rect{{0, 25, 1000, 775}}},
		{"two panels on one side: the deeper wins", oneScreen,
			[]Band{{Up, Rect{0, 0, 1000, 30}}, {Up, Rect{0, 0, 300, 45}}, {Up, Rect{600, 0, 400, 20}}},
			[]Rect{{0, 45, 1000, 755}}},
		{"all four sides", oneScreen,
			[]Band{{Up, Rect{0, 0, 1000, 30}}, {Down, Rect{0, 780, 1000, 20}}, {Left, Rect{0, 0, 10, 800}}, {Right, Rect{985, 0, 15, 800}}},
			[]Rect{{10, 30, 975, 750}}},
		{"a band reaching past the screen counts only its part inside", oneScreen,
			[]Band{{Up, Rect{-50, -100, 2000, 130}}}, []Rect{{0, 30, 1000, 770}}},
		{"a band on no screen does nothing", oneScreen,
			[]Band{{Up, Rect{1000, 0, 500, 30}}, {Left, Rect{0, 800, 40, 100}}}, []Rect{{0, 0, 1000, 800}}},
		{"empty and inside-out bands do nothing", oneScreen,
			[]Band{{Up, Rect{0, 0, 1000, 0}}, {Left, Rect{0, 0, 0, 800}}, {Down, Rect{0, 800, 1000, -30}}}, []Rect{{0, 0, 1000, 800}}},
		{"a side that is no direction does nothing", oneScreen,
			[]Band{{Dir(7), Rect{0, 0, 1000, 30}}}, []Rect{{0, 0, 1000, 800}}},

		{"side by side: top panel on the right screen only", sideBySide,
			[]Band{{Up, Rect{1280, 0, 1024, 24}}},
			[]Rect{{0, 0, 1280, 800}, {1280, 24, 1024, 744}}},
		// A bottom strut on R is measured from the root's bottom (800): 32
		// + 20 pixels, a band from y 748 that ends below R.
		{"side by side: bottom panel on the shorter screen", sideBySide,
			[]Band{{Down, Rect{1280, 748, 1024, 52}}},
			[]Rect{{0, 0, 1280, 800}, {1280, 0, 1024, 748}}},
		{"side by side: a panel on each", sideBySide,
			[]Band{{Down, Rect{0, 770, 1280, 30}}, {Up, Rect{1280, 0, 1024, 24}}},
			[]Rect{{0, 0, 1280, 770}, {1280, 24, 1024, 744}}},
		{"side by side: a band across both screens", sideBySide,
			[]Band{{Up, Rect{0, 0, 2304, 24}}},
			[]Rect{{0, 24, 1280, 776}, {1280, 24, 1024, 744}}},
		{"side by side: a right dock on L is not a left dock on R", sideBySide,
			[]Band{{Right, Rect{1200, 0, 80, 800}}},
			[]Rect{{0, 0, 1200, 800}, {1280, 0, 1024, 768}}},

		{"stacked: bottom panel on the lower, smaller screen", stacked,
			[]Band{{Down, Rect{0, 1548, 1024, 20}}},
			[]Rect{{0, 0, 1280, 800}, {0, 800, 1024, 748}}},
		{"stacked: top panel on the upper screen", stacked,
			[]Band{{Up, Rect{0, 0, 1280, 30}}},
			[]Rect{{0, 30, 1280, 770}, {0, 800, 1024, 768}}},
		{"stacked: a left dock across both screens", stacked,
			[]Band{{Left, Rect{0, 0, 40, 1568}}},
			[]Rect{{40, 0, 1240, 800}, {40, 800, 984, 768}}},
		// A right strut measured from the root's right edge (1280): it
		// lies beyond B, so only T is touched.
		{"stacked: a right dock on the wider screen only", stacked,
			[]Band{{Right, Rect{1240, 0, 40, 800}}},
			[]Rect{{0, 0, 1240, 800}, {0, 800, 1024, 768}}},

		// Absurd struts are clamped to half the extent per axis; the larger
		// inset gives way first.
		{"absurd top strut", oneScreen,
			[]Band{{Up, Rect{0, 0, 1000, 65535}}}, []Rect{{0, 400, 1000, 400}}},
		{"absurd left strut", oneScreen,
			[]Band{{Left, Rect{0, 0, 65535, 65535}}}, []Rect{{500, 0, 500, 800}}},
		{"absurd struts on every side", oneScreen,
			[]Band{
				{Up, Rect{0, 0, 65535, 65535}}, {Down, Rect{0, -64735, 65535, 65535}},
				{Left, Rect{0, 0, 65535, 65535}}, {Right, Rect{-64535, 0, 65535, 65535}},
			},
			[]Rect{{250, 200, 500, 400}}},
		{"a sane panel keeps its space opposite an absurd one", oneScreen,
			[]Band{{Up, Rect{0, 0, 1000, 30}}, {Down, Rect{0, -64735, 1000, 65535}}},
			[]Rect{{0, 30, 1000, 400}}},
		{"both insets large: shared evenly", oneScreen,
			[]Band{{Left, Rect{0, 0, 700, 800}}, {Right, Rect{400, 0, 600, 800}}},
			[]Rect{{250, 0, 500, 800}}},
		{"odd extent keeps the larger half", only(Rect{0, 0, 1001, 801}),
			[]Band{{Up, Rect{0, 0, 1001, 65535}}, {Right, Rect{0, 0, 65535, 801}}},
			[]Rect{{0, 400, 501, 401}}},
		{"exactly half is allowed", oneScreen,
			[]Band{{Up, Rect{0, 0, 1000, 200}}, {Down, Rect{0, 600, 1000, 200}}},
			[]Rect{{0, 200, 1000, 400}}},
		{"a 1x1 screen keeps its pixel", only(Rect{0, 0, 1, 1}),
			[]Band{{Up, Rect{0, 0, 100, 100}}},
			[]Rect{{0, 0, 1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.model()
			// Some tiles to lay out; a tiny screen refuses the splits.
			m.Split(Horizontal, 0.5)
			m.Split(Vertical, 0.5)
			before := works(m)
			changed := m.SetReserved(tt.bands)
			if got := works(m); !slices.Equal(got, tt.want) {
				t.Errorf("Work = %v, want %v", got, tt.want)
			}
			if want := !slices.Equal(before, tt.want); changed != want {
				t.Errorf("SetReserved reported %v, want %v", changed, want)
			}
			if err := m.Check(); err != nil {
				t.Fatal(err)
			}
			if m.SetReserved(tt.bands) {
				t.Error("setting the same bands again reported a change")
			}
			// Removing every band gives the space back.
			changed = m.SetReserved(nil)
			for _, s := range m.Screens {
				if s.Work != s.Rect {
					t.Errorf("after removing the bands screen %s Work = %v, want its Rect %v", s.Name, s.Work, s.Rect)
				}
			}
			if want := !slices.Equal(works(m), tt.want); changed != want {
				t.Errorf("removing the bands reported %v, want %v", changed, want)
			}
			if err := m.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestNewScreensHaveWorkEqualRect(t *testing.T) {
	for _, m := range []*Model{oneScreen(), sideBySide(), stacked(), New(nil, nil, testStyle)} {
		for _, s := range m.Screens {
			if s.Work != s.Rect {
				t.Errorf("new screen %s: Work %v, Rect %v", s.Name, s.Work, s.Rect)
			}
		}
	}
}

func TestSetScreensKeepsReserve(t *testing.T) {
	m := sideBySide()
	bands := []Band{
		{Up, Rect{0, 0, 1280, 24}},     // on L
		{Up, Rect{1280, 0, 1024, 30}},  // on R, which goes away
		{Left, Rect{-640, 0, 30, 480}}, // where N will appear
	}
	m.SetReserved(bands)
	n := ScreenSpec{Name: "N", Rect: Rect{-640, 0, 640, 480}}
	m.SetScreens([]ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, n})
	want := []Rect{{0, 24, 1280, 776}, {-610, 0, 610, 480}}
	if got := works(m); !slices.Equal(got, want) {
		t.Errorf("after SetScreens Work = %v, want %v", got, want)
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	// L grows: its Work follows its new Rect, and the stored bands apply
	// to it, now R's old 30 pixel panel too until the window manager
	// sends new bands.
	m.SetScreens([]ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1920, 1080}}, n})
	want = []Rect{{0, 30, 1920, 1050}, {-610, 0, 610, 480}}
	if got := works(m); !slices.Equal(got, want) {
		t.Errorf("after L grew Work = %v, want %v", got, want)
	}
	// R comes back and gets its panel's reserve again.
	m.SetScreens([]ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, {Name: "R", Rect: Rect{1280, 0, 1024, 768}}})
	want = []Rect{{0, 24, 1280, 776}, {1280, 30, 1024, 738}}
	if got := works(m); !slices.Equal(got, want) {
		t.Errorf("after R came back Work = %v, want %v", got, want)
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestSetReservedKeepsItsCopy checks that the model does not share the
// caller's slice: a later change to it must not move the work area behind
// the model's back.
func TestSetReservedKeepsItsCopy(t *testing.T) {
	m := oneScreen()
	bands := []Band{{Up, Rect{0, 0, 1000, 30}}}
	m.SetReserved(bands)
	bands[0].Rect.H = 300
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	m.SetScreens([]ScreenSpec{{Name: "S", Rect: Rect{0, 0, 1000, 800}}})
	if got, want := m.Screen().Work, (Rect{0, 30, 1000, 770}); got != want {
		t.Errorf("Work %v, want %v", got, want)
	}
}

// TestTilesUseWork checks that everything laying out or hit-testing tiles
// uses the work area, on oneScreen with a 30 pixel top panel and a 100
// pixel left dock: Work is {100, 30, 900, 770}.
func TestTilesUseWork(t *testing.T) {
	dock := []Band{{Up, Rect{0, 0, 1000, 30}}, {Left, Rect{0, 0, 100, 800}}}
	tests := []struct {
		name   string
		script string
		want   map[int]Rect
	}{
		{"one tile", "", map[int]Rect{1: {100, 30, 900, 770}}},
		{"split", "split h; split v",
			map[int]Rect{1: {100, 30, 450, 770}, 4: {550, 30, 450, 385}, 5: {550, 415, 450, 385}}},
		{"resize clamps to MinSize inside Work", "split v; focus up; resize down 1000",
			map[int]Rect{1: {100, 30, 900, 670}, 4: {100, 700, 900, 100}}},
		{"set border in root coordinates", "split h; border 1 400",
			map[int]Rect{1: {100, 30, 300, 770}, 4: {400, 30, 600, 770}}},
		{"set border clamps at the dock", "split h; border 1 0",
			map[int]Rect{1: {100, 30, 100, 770}, 4: {200, 30, 800, 770}}},
		// 770 rows: 385 and 385, then 192 and 193, and 193 < 2*100
		// refuses; the monitor's 800 rows would have allowed a third.
		{"split refuses what only fits the monitor", "split v; split v; !split v",
			map[int]Rect{1: {100, 30, 900, 385}, 4: {100, 415, 900, 192}, 5: {100, 607, 900, 193}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := oneScreen()
			m.SetReserved(dock)
			run(t, m, tt.script)
			got := frames(m)
			if len(got) != len(tt.want) {
				t.Fatalf("frames %v, want %v", got, tt.want)
			}
			for id, w := range tt.want {
				if got[id] != w {
					t.Errorf("tile %d at %v, want %v", id, got[id], w)
				}
			}
		})
	}
}

// TestReservingMovesTiles checks that tiles laid out before a panel appears
// are laid out again in the smaller area, ratios kept.
func TestReservingMovesTiles(t *testing.T) {
	m := oneScreen()
	run(t, m, "split h; border 1 250")
	m.SetReserved([]Band{{Down, Rect{0, 760, 1000, 40}}, {Right, Rect{800, 0, 200, 800}}})
	want := map[int]Rect{1: {0, 0, 200, 760}, 4: {200, 0, 600, 760}}
	for id, w := range want {
		if got := frames(m)[id]; got != w {
			t.Errorf("tile %d at %v, want %v", id, got, w)
		}
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestTileAtAndBorderAtSkipBands(t *testing.T) {
	m := sideBySide()
	m.SetReserved([]Band{{Up, Rect{0, 0, 1280, 30}}, {Down, Rect{1280, 748, 1024, 52}}})
	run(t, m, "split h")
	// L: tiles 1 {0,30,640,770} and 5 {640,30,640,770}; R: tile 3 {1280,0,1024,748}.
	tiles := []struct {
		x, y int
		id   int // 0: no tile
	}{
		{10, 10, 0}, {10, 29, 0}, {10, 30, 1}, {700, 799, 5},
		{1300, 0, 3}, {1300, 747, 3}, {1300, 748, 0}, {1300, 767, 0},
	}
	for _, tt := range tiles {
		tile, ok := m.TileAt(tt.x, tt.y)
		got := 0
		if ok {
			got = tile.ID
		}
		if got != tt.id {
			t.Errorf("TileAt(%d,%d) = tile %d, want %d", tt.x, tt.y, got, tt.id)
		}
	}
	if n, ok := m.BorderAt(640, 10, 2); ok {
		t.Errorf("BorderAt in the panel found split %p", n)
	}
	if n, ok := m.BorderAt(641, 100, 2); !ok || n != m.Workspace().Root {
		t.Errorf("BorderAt below the panel = %p, %v; want the root split", n, ok)
	}
}

func TestFocusEntersWorkArea(t *testing.T) {
	tests := []struct {
		name   string
		model  func() *Model
		bands  []Band
		script string
		screen int // focused screen afterwards
		tile   int // focused tile ID afterwards
	}{
		// R's tiles start at x 1330, past a dock on its left edge; they
		// are still the ones entered from L.
		{"right across a left dock", sideBySide, []Band{{Left, Rect{1280, 0, 50, 768}}},
			"screen 1; split h; screen 0; focus right", 1, 3},
		{"left across a right dock", sideBySide, []Band{{Right, Rect{1200, 0, 80, 800}}},
			"split h; screen 1; focus left", 0, 5},
		{"down across a top panel", stacked, []Band{{Up, Rect{0, 800, 1024, 30}}},
			"focus down", 1, 3},
		{"up across a bottom panel", stacked, []Band{{Down, Rect{0, 770, 1280, 30}}},
			"screen 1; focus up", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.model()
			m.SetReserved(tt.bands)
			run(t, m, tt.script)
			if m.Current != tt.screen || m.Tile().ID != tt.tile {
				t.Errorf("after %q focus is on screen %d tile %d, want screen %d tile %d\n%s",
					tt.script, m.Current, m.Tile().ID, tt.screen, tt.tile, all(m))
			}
		})
	}
}

func TestClampInsets(t *testing.T) {
	tests := []struct {
		a, b, limit int
		wa, wb      int
	}{
		{0, 0, 400, 0, 0},
		{30, 20, 400, 30, 20},
		{200, 200, 400, 200, 200},
		{30, 800, 400, 30, 370},
		{800, 30, 400, 370, 30},
		{800, 800, 400, 200, 200},
		{300, 250, 400, 200, 200},
		{250, 300, 401, 200, 201},
		{5, 5, 0, 0, 0},
		{1, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		a, b := clampInsets(tt.a, tt.b, tt.limit)
		if a != tt.wa || b != tt.wb {
			t.Errorf("clampInsets(%d, %d, %d) = %d, %d; want %d, %d", tt.a, tt.b, tt.limit, a, b, tt.wa, tt.wb)
		}
	}
}
