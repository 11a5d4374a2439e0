package layout

import "testing"

func TestResize(t *testing.T) {
	// Tile IDs on oneScreen: 1 is the first tile of workspace 1, 2 and 3
	// belong to workspaces 2 and 3, so splits make tiles 4, 5, ...
	tests := []struct {
		name   string
		script string
		want   map[int]Rect
	}{
		{"grow right", "split h; focus left; resize right 100",
			map[int]Rect{1: {0, 0, 600, 800}, 4: {600, 0, 400, 800}}},
		{"grow left", "split h; resize left 100",
			map[int]Rect{1: {0, 0, 400, 800}, 4: {400, 0, 600, 800}}},
		{"no border on the right: the left one moves right, shrinking", "split h; resize right 100",
			map[int]Rect{1: {0, 0, 600, 800}, 4: {600, 0, 400, 800}}},
		{"no border on the left: the right one moves left, shrinking", "split h; focus left; resize left 100",
			map[int]Rect{1: {0, 0, 400, 800}, 4: {400, 0, 600, 800}}},
		{"grow down", "split v; focus up; resize down 50",
			map[int]Rect{1: {0, 0, 1000, 450}, 4: {0, 450, 1000, 350}}},
		{"grow up", "split v; resize up 50",
			map[int]Rect{1: {0, 0, 1000, 350}, 4: {0, 350, 1000, 450}}},
		{"clamped at MinSize", "split h; focus left; resize right 1000",
			map[int]Rect{1: {0, 0, 900, 800}, 4: {900, 0, 100, 800}}},
		{"clamped at MinSize, shrinking", "split h; focus left; resize left 1000",
			map[int]Rect{1: {0, 0, 100, 800}, 4: {100, 0, 900, 800}}},
		{"cannot move further", "split h; focus left; resize right 1000; !resize right 1",
			map[int]Rect{1: {0, 0, 900, 800}, 4: {900, 0, 100, 800}}},
		{"no split of that orientation", "split h; !resize up 10; !resize down 10",
			map[int]Rect{1: {0, 0, 500, 800}, 4: {500, 0, 500, 800}}},
		{"single tile", "!resize left 10",
			map[int]Rect{1: {0, 0, 1000, 800}}},
		{"zero pixels change nothing", "split h; !resize left 0",
			map[int]Rect{1: {0, 0, 500, 800}, 4: {500, 0, 500, 800}}},
		{"negative pixels move the other way", "split h; focus left; resize right -100",
			map[int]Rect{1: {0, 0, 400, 800}, 4: {400, 0, 600, 800}}},
		{"nearest ancestor of the right orientation", "split h; split v; resize left 50",
			map[int]Rect{1: {0, 0, 450, 800}, 4: {450, 0, 550, 400}, 5: {450, 400, 550, 400}}},
		{"nearest border, not the root's", "split h; split h; focus left; resize right 50",
			map[int]Rect{1: {0, 0, 500, 800}, 4: {500, 0, 300, 800}, 5: {800, 0, 200, 800}}},
		{"a whole subtree keeps MinSize", "split h; split h; focus left; focus left; resize right 1000",
			map[int]Rect{1: {0, 0, 800, 800}, 4: {800, 0, 100, 800}, 5: {900, 0, 100, 800}}},
		{"odd pixels land exactly", "split h; focus left; resize right 33; resize left 7",
			map[int]Rect{1: {0, 0, 526, 800}, 4: {526, 0, 474, 800}}},
		{"set border", "split h; border 1 300",
			map[int]Rect{1: {0, 0, 300, 800}, 4: {300, 0, 700, 800}}},
		{"set border clamps", "split h; border 1 10",
			map[int]Rect{1: {0, 0, 100, 800}, 4: {100, 0, 900, 800}}},
		{"set border clamps the other way", "split h; border 1 5000",
			map[int]Rect{1: {0, 0, 900, 800}, 4: {900, 0, 100, 800}}},
		{"set border to where it is", "split h; !border 1 500",
			map[int]Rect{1: {0, 0, 500, 800}, 4: {500, 0, 500, 800}}},
		{"set inner border", "split h; split v; border 4 123",
			map[int]Rect{1: {0, 0, 500, 800}, 4: {500, 0, 500, 123}, 5: {500, 123, 500, 677}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := oneScreen()
			run(t, m, tt.script)
			got := frames(m)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d tiles %v, want %v", len(got), got, tt.want)
			}
			for id, want := range tt.want {
				if got[id] != want {
					t.Errorf("tile %d: got %v, want %v", id, got[id], want)
				}
			}
		})
	}
}

func TestResizeWhenTilesAreAlreadyTooSmall(t *testing.T) {
	m := oneScreen()
	run(t, m, "split h; focus left")
	// The monitor shrinks below two tiles of MinSize (100): 75 + 75.
	m.SetScreens([]ScreenSpec{{Name: "S", Rect: Rect{0, 0, 150, 800}}})
	if m.Resize(Right, 10) {
		t.Errorf("growing the left tile shrank the right one below MinSize: %v", frames(m))
	}
	if m.Resize(Left, 10) {
		t.Errorf("shrinking the left tile made it smaller still: %v", frames(m))
	}
	// Back to a wide monitor where only the left tile is too small.
	m.SetScreens([]ScreenSpec{{Name: "S", Rect: Rect{0, 0, 1000, 800}}})
	run(t, m, "border 1 50")     // clamped to 100
	m.Style.MinSize = 300        // the left tile (100) is now too small
	run(t, m, "resize right 50") // it may still grow
	if got := frames(m)[1]; got.W != 150 {
		t.Errorf("left tile is %d wide, want 150", got.W)
	}
	run(t, m, "!resize left 10") // but not shrink
}

func TestSetBorderOnSecondScreen(t *testing.T) {
	m := sideBySide()
	run(t, m, "screen 1; split h; split v")
	root := m.Workspace().Root
	if !m.SetBorder(root, 1280+400) {
		t.Fatal("SetBorder refused")
	}
	if got, want := frames(m)[3], (Rect{1280, 0, 400, 768}); got != want {
		t.Errorf("left tile on screen R: got %v, want %v", got, want)
	}
	if !m.SetBorder(root.B, 500) {
		t.Fatal("SetBorder of the inner vertical split refused")
	}
	if got, want := frames(m)[5], (Rect{1680, 0, 624, 500}); got != want {
		t.Errorf("upper right tile: got %v, want %v", got, want)
	}
	if m.SetBorder(root.B.A, 10) {
		t.Error("SetBorder accepted a leaf")
	}
	if m.SetBorder(nil, 10) {
		t.Error("SetBorder accepted nil")
	}
	run(t, m, "rmtile")
	if m.SetBorder(root.B, 300) {
		t.Error("SetBorder accepted a split removed from the model")
	}
}

func TestBorderAt(t *testing.T) {
	m := sideBySide()
	// L: H[T1 V[T5 T6]] with the horizontal border at y=400; R: H[T3 T7].
	run(t, m, "split h; split v; screen 1; split h")
	lRoot := m.Screens[0].Workspace().Root
	rRoot := m.Screens[1].Workspace().Root
	tests := []struct {
		name     string
		x, y     int
		slack    int
		want     *Node
		wantOkay bool
	}{
		{"on the vertical line", 640, 100, 2, lRoot, true},
		{"just left of it", 638, 100, 2, lRoot, true},
		{"too far left", 637, 100, 2, nil, false},
		{"on the horizontal line of the right half", 900, 400, 2, lRoot.B, true},
		{"above it within slack", 900, 398, 2, lRoot.B, true},
		{"that line does not span the left half", 300, 400, 2, nil, false},
		{"nearest of two", 641, 400, 3, lRoot.B, true},
		{"other screen", 1280 + 512, 700, 0, rRoot, true},
		{"nothing there", 100, 100, 5, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := m.BorderAt(tt.x, tt.y, tt.slack)
			if ok != tt.wantOkay || got != tt.want {
				t.Errorf("BorderAt(%d,%d,%d) = %p,%v; want %p,%v", tt.x, tt.y, tt.slack, got, ok, tt.want, tt.wantOkay)
			}
		})
	}
	// Borders of hidden workspaces do not count.
	run(t, m, "screen 0; ws 1")
	if n, ok := m.BorderAt(640, 100, 2); ok {
		t.Errorf("found border %p of a hidden workspace", n)
	}
}
