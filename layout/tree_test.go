package layout

import (
	"strings"
	"testing"
)

func TestSplitAndRemoveTile(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"split horizontal", "add a; split h", "H[T[a*] >T[]]"},
		{"split vertical", "add a; split v", "V[T[a*] >T[]]"},
		{"split the new tile", "split h; split v", "H[T[] V[T[] >T[]]]"},
		{"split the old tile", "split h; focus left; split v", "H[V[T[] >T[]] T[]]"},
		{"split until tiles would be smaller than MinSize", "split h; split h; split h; !split h", "H[T[] H[T[] H[T[] >T[]]]]"},
		{"vertical split limit is the height", "split v; split v; split v; !split v", "V[T[] V[T[] V[T[] >T[]]]]"},
		{"remove merges tabs into the neighbour, keeping its active tab", "add a b; tab 0; split h; add c; rmtile", ">T[a* b c]"},
		{"remove into an empty tile keeps the removed active tab", "split h; add b c; tab 0; rmtile", ">T[b* c]"},
		{"remove the left tile", "add a; split h; add b; focus left; rmtile", ">T[b* a]"},
		{"remove the only tile", "add a; !rmtile", ">T[a*]"},
		{"sibling subtree: nearest touching leaf (lower)", "add a; split h; add b; split v 0.3; add c; focus left; rmtile", "V[T[b*] >T[c* a]]"},
		{"sibling subtree: nearest touching leaf (upper)", "add a; split h; add b; split v 0.7; add c; focus left; rmtile", "V[>T[b* a] T[c*]]"},
		{"sibling subtree: only touching leaves count", "add a; split h; add b; split h; add c; focus left; focus left; rmtile", "H[>T[b* a] T[c*]]"},
		{"sibling leaf of a new split", "add a; split h; add b; split h; add c; focus left; split v; rmtile", "H[T[a*] H[>T[b*] T[c*]]]"},
		{"sibling subtree on the left", "add a; split h; focus left; split v 0.3; add b; focus right; add c; rmtile", "V[T[a*] >T[b* c]]"},
		{"sibling subtree above", "add a; split v; focus up; split h 0.7; add b; focus down; add c; rmtile", "H[>T[a* c] T[b*]]"},
		{"removing shrinks the tree to the grandparent", "split h; split v; split h; rmtile; rmtile; rmtile", ">T[]"},
	}
	runScripts(t, tests)
}

func TestSplitRatio(t *testing.T) {
	tests := []struct {
		name   string
		o      Orientation
		ratio  float64
		aw, ah int // size of the A tile
	}{
		{"half", Horizontal, 0.5, 500, 800},
		{"third", Horizontal, 1.0 / 3, 333, 800},
		{"vertical quarter", Vertical, 0.25, 1000, 200},
		{"below 0.05 clamps, then MinSize wins", Horizontal, 0, 100, 800},
		{"above 0.95 clamps, then MinSize wins", Horizontal, 2, 900, 800},
		{"MinSize for B", Vertical, 0.9, 1000, 700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := oneScreen()
			if !m.Split(tt.o, tt.ratio) {
				t.Fatal("Split refused")
			}
			n := m.Workspace().Root
			if !(n.Ratio >= 0.05 && n.Ratio <= 0.95) {
				t.Errorf("ratio %v outside [0.05,0.95]", n.Ratio)
			}
			a := frames(m)[n.A.Tile.ID]
			if a.W != tt.aw || a.H != tt.ah {
				t.Errorf("A tile is %dx%d, want %dx%d", a.W, a.H, tt.aw, tt.ah)
			}
			if err := m.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestRemoveOnlyTileMessage(t *testing.T) {
	m := oneScreen()
	err := m.RemoveTile()
	if err == nil {
		t.Fatal("removing the only tile succeeded")
	}
	for _, want := range []string{`"1"`, "only tile"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %s", err, want)
		}
	}
}

func TestTileIDs(t *testing.T) {
	m := oneScreen()
	seen := map[int]bool{}
	for _, w := range m.Screen().Workspaces {
		seen[w.Focus.ID] = true
	}
	first := m.Tile().ID
	// Split and remove repeatedly: every new tile must get an ID never seen.
	for i := 0; i < 5; i++ {
		if !m.Split(Horizontal, 0.5) {
			t.Fatal("Split refused")
		}
		id := m.Tile().ID
		if seen[id] {
			t.Fatalf("tile ID %d reused", id)
		}
		seen[id] = true
		if err := m.RemoveTile(); err != nil {
			t.Fatal(err)
		}
	}
	if m.Tile().ID != first {
		t.Errorf("the surviving tile changed ID from %d to %d", first, m.Tile().ID)
	}
	if _, ok := m.FindTile(first); !ok {
		t.Errorf("FindTile(%d) failed", first)
	}
	if _, ok := m.FindTile(first + 1); !ok {
		t.Errorf("FindTile of workspace 2's tile failed")
	}
	if _, ok := m.FindTile(1000); ok {
		t.Errorf("FindTile of an unknown ID succeeded")
	}
}
