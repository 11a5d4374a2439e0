package layout

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestCheckFindsBrokenModels breaks a valid model in one way at a time and
// expects Check to name the problem.
func TestCheckFindsBrokenModels(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(m *Model)
		want    string
	}{
		{"client in two tabs", func(m *Model) {
			right := m.Workspace().Root.B.Tile
			right.Tabs, right.Active = []ClientID{1}, 0
		}, "also in"},
		{"client in two workspaces", func(m *Model) {
			m.Screens[1].Workspaces[1].Focus.Tabs = []ClientID{2}
			m.Screens[1].Workspaces[1].Focus.Active = 0
		}, "also in"},
		{"active index past the tabs", func(m *Model) { m.Workspace().Root.A.Tile.Active = 2 }, "Active 2 out of range"},
		{"empty tile with an active tab", func(m *Model) { m.Workspace().Root.B.Tile.Active = 0 }, "no tabs but Active"},
		{"tile with tabs and no active one", func(m *Model) { m.Workspace().Root.A.Tile.Active = -1 }, "Active -1 out of range"},
		{"child's parent link", func(m *Model) { m.Workspace().Root.A.Parent = nil }, "Parent does not point"},
		{"tile's node link", func(m *Model) { m.Workspace().Root.A.Tile.Node = m.Workspace().Root }, "Node does not point"},
		{"root with a parent", func(m *Model) { m.Workspace().Root.Parent = &Node{} }, "root has a parent"},
		{"missing child", func(m *Model) { m.Workspace().Root.B = nil }, "nil child"},
		{"cycle", func(m *Model) {
			root := m.Workspace().Root
			root.B = root
		}, "reached twice"},
		{"focused tile elsewhere", func(m *Model) { m.Workspace().Focus = m.Screens[1].Workspace().Focus }, "focused tile is not in its tree"},
		{"no focused tile", func(m *Model) { m.Workspace().Focus = nil }, "focused tile is not in its tree"},
		{"ratio 0", func(m *Model) { m.Workspace().Root.Ratio = 0 }, "ratio"},
		{"ratio 1", func(m *Model) { m.Workspace().Root.Ratio = 1 }, "ratio"},
		{"ratio NaN", func(m *Model) { m.Workspace().Root.Ratio = math.NaN() }, "ratio"},
		{"bad orientation", func(m *Model) { m.Workspace().Root.Orient = 5 }, "orientation"},
		{"focused screen out of range", func(m *Model) { m.Current = 2 }, "focused screen 2 out of range"},
		{"current workspace out of range", func(m *Model) { m.Screens[1].Current = -1 }, "current workspace -1 out of range"},
		{"no screens", func(m *Model) { m.Screens = nil }, "no screens"},
		{"screen without workspaces", func(m *Model) { m.Screens[1].Workspaces = nil }, "no workspaces"},
		{"duplicate tile ID", func(m *Model) { m.Screens[1].Workspace().Focus.ID = m.Tile().ID }, "ID also used"},
		{"tile ID never handed out", func(m *Model) { m.Tile().ID = 1000 }, "never handed out"},
		{"same tile in two workspaces", func(m *Model) {
			m.Screens[1].Workspace().Root.Tile = m.Tile()
		}, "ID also used"},
		{"leaf with children", func(m *Model) { m.Workspace().Root.A.A = &Node{} }, "leaf has children"},
		{"negative screen size", func(m *Model) { m.Screens[1].Rect.W = -5 }, "negative size"},
		{"work area outside the screen", func(m *Model) { m.Screens[1].Work.X-- }, "not inside the screen"},
		{"stale work area", func(m *Model) { m.Screens[1].Rect.H += 10 }, "the reserved bands leave"},
		{"work area ignores a band", func(m *Model) { m.bands = []Band{{Side: Up, Rect: Rect{1280, 0, 1024, 30}}} }, "the reserved bands leave"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sideBySide()
			run(t, m, "add a b; split h")
			tt.corrupt(m)
			err := m.Check()
			if err == nil {
				t.Fatalf("Check passed a broken model:\n%s", all(m))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v; want it to mention %q", err, tt.want)
			}
		})
	}
}

// TestCheckPartition feeds the partition check placements no Layout would
// produce, since Layout cannot be broken from outside.
func TestCheckPartition(t *testing.T) {
	area := Rect{0, 0, 100, 50}
	one := func(id int, r Rect) Placement {
		return Placement{Tile: &Tile{ID: id}, Frame: r, Client: Rect{r.X, r.Y, 1, 1}}
	}
	tests := []struct {
		name string
		ps   []Placement
		want string // "" when valid
	}{
		{"exact halves", []Placement{one(1, Rect{0, 0, 50, 50}), one(2, Rect{50, 0, 50, 50})}, ""},
		{"gap", []Placement{one(1, Rect{0, 0, 50, 50}), one(2, Rect{51, 0, 49, 50})}, "cover 4950 pixels of a 5000 pixel work area"},
		{"overlap", []Placement{one(1, Rect{0, 0, 51, 50}), one(2, Rect{50, 0, 50, 50})}, "overlap"},
		{"outside", []Placement{one(1, Rect{0, 0, 50, 50}), one(2, Rect{50, 0, 51, 50})}, "not inside the work area"},
		{"empty client area", []Placement{{Tile: &Tile{ID: 1}, Frame: Rect{0, 0, 100, 50}, Client: Rect{0, 0, 0, 5}}}, "client area"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checker{m: oneScreen()}
			c.placements("test", area, tt.ps)
			err := errors.Join(c.errs...)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("valid placements failed: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}
