package layout

import "testing"

func TestFocusOneScreen(t *testing.T) {
	// The base tree on the 1000x800 screen: H[T1 V[T4 T5]]; with "split v
	// 0.4" T4 is 320 tall and T5 480.
	tests := []struct {
		name, script, want string
	}{
		{"left", "split h; split v 0.4; focus left", "H[>T[] V[T[] T[]]]"},
		{"right picks the tile overlapping most", "split h; split v 0.4; focus left; focus right", "H[T[] V[T[] >T[]]]"},
		{"right, overlap the other way", "split h; split v 0.6; focus left; focus right", "H[T[] V[>T[] T[]]]"},
		{"equal overlap: nearest the centre, then tree order", "split h; split v; focus left; focus right", "H[T[] V[>T[] T[]]]"},
		{"up", "split h; split v; focus up", "H[T[] V[>T[] T[]]]"},
		{"down", "split h; split v; focus up; focus down", "H[T[] V[T[] >T[]]]"},
		{"nothing further on one screen", "split h; split v; !focus right; !focus down; focus left; !focus left; !focus up", "H[>T[] V[T[] T[]]]"},
		{"edge sharing only: no diagonal jump", "split v; split h; focus up; !focus right", "V[>T[] H[T[] T[]]]"},
		{"next wraps", "split h; split v; next", "H[>T[] V[T[] T[]]]"},
		{"prev", "split h; split v; prev", "H[T[] V[>T[] T[]]]"},
		{"prev wraps", "split h; split v; next; prev", "H[T[] V[T[] >T[]]]"},
		{"next on a single tile", "next; prev", ">T[]"},
		{"focus tile by ID", "split h; split v; tile 1", "H[>T[] V[T[] T[]]]"},
		{"focus tile on a hidden workspace", "split h; !tile 2", "H[T[] >T[]]"},
		{"per-workspace focus survives a switch", "split h; focus left; ws 1; ws 0", "H[>T[] T[]]"},
	}
	runScripts(t, tests)
}

func TestFocusAcrossScreens(t *testing.T) {
	// Tile IDs: screen 0 workspaces get tiles 1 and 2, screen 1 tiles 3 and
	// 4; splits then make 5, 6, ...
	tests := []struct {
		name   string
		model  func() *Model
		script string
		screen int // focused screen afterwards
		tile   int // focused tile ID afterwards
	}{
		{"right onto the other screen", sideBySide, "focus right", 1, 3},
		{"and back left", sideBySide, "focus right; focus left", 0, 1},
		{"nothing beyond the last screen", sideBySide, "focus right; !focus right; !focus up; !focus down", 1, 3},
		{"nothing left of the first", sideBySide, "!focus left", 0, 1},
		// R split vertically: top [0,384), bottom [384,768). L's centre y is 400.
		{"enter at the tile nearest the centre", sideBySide, "screen 1; split v; screen 0; focus right", 1, 5},
		{"from a small tile at the top", sideBySide, "screen 1; split v; screen 0; split v 0.25; focus up; focus right", 1, 3},
		// L below its centre: L split v, focused bottom [400,800) centre 600.
		{"from a tile below the other screen's bottom", sideBySide, "screen 1; split v; screen 0; split v; focus right", 1, 5},
		{"within a screen first", sideBySide, "split h; focus left; focus right", 0, 5},
		{"left from R enters L's right column", sideBySide, "split h; focus left; screen 1; focus left", 0, 5},
		{"the other screen's own focus is replaced", sideBySide, "screen 1; split h; screen 0; focus right", 1, 3},
		{"crossing keeps the workspace the other screen shows", sideBySide, "screen 1; ws 1; screen 0; focus right", 1, 4},
		{"down onto the lower screen", stacked, "focus down", 1, 3},
		{"up again", stacked, "focus down; focus up", 0, 1},
		// T columns [0,640) and [640,1280); B columns [0,512) and [512,1024).
		{"down keeps the column", stacked, "split h; screen 1; split h; screen 0; focus down", 1, 6},
		{"down from the left column", stacked, "split h; screen 1; split h; screen 0; focus left; focus down", 1, 3},
		{"down from beyond the lower screen's width", stacked, "split h 0.9; screen 1; split h; screen 0; focus down", 1, 6},
		{"up from the lower screen's left column", stacked, "split h; screen 1; split h; focus left; focus up", 0, 1},
		{"up from the lower screen's right column", stacked, "split h; screen 1; split h; focus up", 0, 5},
		{"nothing below", stacked, "focus down; !focus down; !focus left; !focus right", 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.model()
			run(t, m, tt.script)
			if m.Current != tt.screen || m.Tile().ID != tt.tile {
				t.Errorf("after %q focus is on screen %d tile %d, want screen %d tile %d\n%s",
					tt.script, m.Current, m.Tile().ID, tt.screen, tt.tile, all(m))
			}
		})
	}
}

func TestMoveTabAcrossScreens(t *testing.T) {
	m := sideBySide()
	run(t, m, "add a b; moveto right")
	want := "screen L: >1 >T[a*] | 2 >T[]\n>screen R: >1 >T[b*] | 2 >T[]"
	if got := all(m); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	run(t, m, "moveto left; !moveto left")
	want = ">screen L: >1 >T[a b*] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]"
	if got := all(m); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFocusTileAndScreens(t *testing.T) {
	m := sideBySide()
	run(t, m, "split h; screen 1")
	left := m.Screens[0].Workspace().Tiles()[0]
	if !m.FocusTile(left) || m.Current != 0 || m.Tile() != left {
		t.Errorf("FocusTile of a visible tile on screen 0: screen %d tile %d", m.Current, m.Tile().ID)
	}
	if m.FocusTile(nil) || m.FocusTile(&Tile{ID: 1}) {
		t.Error("FocusTile accepted a tile outside the model")
	}
	run(t, m, "!screen 2; !screen -1; screen 1; snext")
	if m.Current != 0 {
		t.Errorf("ScreenNext did not wrap: %d", m.Current)
	}
	run(t, m, "sprev")
	if m.Current != 1 {
		t.Errorf("ScreenPrev did not wrap: %d", m.Current)
	}
	run(t, m, "sprev")
	if m.Current != 0 {
		t.Errorf("ScreenPrev: %d", m.Current)
	}
}

func TestTileAt(t *testing.T) {
	m := sideBySide()
	run(t, m, "split h; screen 1; ws 1")
	tests := []struct {
		x, y int
		id   int // 0: no tile
	}{
		{0, 0, 1}, {639, 799, 1}, {640, 0, 5}, {1279, 799, 5},
		{1280, 0, 4}, {2303, 767, 4},
		{2303, 768, 0}, // below the smaller screen
		{2304, 0, 0}, {-1, 0, 0},
	}
	for _, tt := range tests {
		tile, ok := m.TileAt(tt.x, tt.y)
		got := 0
		if ok {
			got = tile.ID
		}
		if got != tt.id {
			t.Errorf("TileAt(%d,%d) = tile %d, want %d", tt.x, tt.y, got, tt.id)
		}
	}
}
