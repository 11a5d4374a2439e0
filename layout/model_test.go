package layout

import (
	"slices"
	"testing"
)

func TestNew(t *testing.T) {
	m := sideBySide()
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	if got, want := m.String(), ">screen L: >1 >T[] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if m.Screen() != m.Screens[0] || m.Workspace() != m.Screens[0].Workspaces[0] || m.Tile() != m.Workspace().Focus {
		t.Error("accessors do not follow Current")
	}
	if _, ok := m.Client(); ok {
		t.Error("an empty model has a focused client")
	}
	ids := map[int]bool{}
	for _, s := range m.Screens {
		for _, w := range s.Workspaces {
			if w.Focus == nil || w.Root.Tile != w.Focus || w.Focus.Active != -1 {
				t.Errorf("workspace %q does not start with one empty focused tile", w.Name)
			}
			ids[w.Focus.ID] = true
		}
	}
	if len(ids) != 4 {
		t.Errorf("tile IDs not unique: %v", ids)
	}
	if m.Style != testStyle {
		t.Errorf("style %+v, want %+v", m.Style, testStyle)
	}
}

func TestNewDefaults(t *testing.T) {
	m := New(nil, nil, Style{})
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	if got, want := m.String(), ">screen default: >1 >T[]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// The caller's name slice is copied, not kept.
	names := []string{"a", "b"}
	m = New([]ScreenSpec{{Name: "S", Rect: Rect{0, 0, 100, 100}}}, names, Style{})
	names[0] = "changed"
	m.SetScreens([]ScreenSpec{{Name: "S", Rect: Rect{0, 0, 100, 100}}, {Name: "T", Rect: Rect{100, 0, 100, 100}}})
	if got := m.Screens[1].Workspaces[0].Name; got != "a" {
		t.Errorf("new screen's first workspace is %q, want a", got)
	}
}

func TestFindAndClients(t *testing.T) {
	m := sideBySide()
	run(t, m, "add a b; split h; add c; ws 1; add d; screen 1; add e; ws 1; add f")
	if got, want := m.Clients(), []ClientID{1, 2, 3, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("Clients() = %v, want %v", got, want)
	}
	tests := []struct {
		c                 string
		screen, ws, index int
		tile              int
	}{
		{"a", 0, 0, 0, 1}, {"b", 0, 0, 1, 1}, {"c", 0, 0, 0, 5},
		{"d", 0, 1, 0, 2}, {"e", 1, 0, 0, 3}, {"f", 1, 1, 0, 4},
	}
	for _, tt := range tests {
		loc, ok := m.Find(client(t, tt.c))
		if !ok || loc.Screen != tt.screen || loc.Workspace != tt.ws || loc.Index != tt.index || loc.Tile.ID != tt.tile {
			t.Errorf("Find(%s) = %+v, %v; want screen %d ws %d tile %d index %d", tt.c, loc, ok, tt.screen, tt.ws, tt.tile, tt.index)
		}
	}
	if _, ok := m.Find(client(t, "z")); ok {
		t.Error("found an unmanaged client")
	}
	loc, ok := m.FindTile(5)
	if !ok || loc.Screen != 0 || loc.Workspace != 0 || loc.Index != -1 || loc.Tile.Tabs[0] != 3 {
		t.Errorf("FindTile(5) = %+v, %v", loc, ok)
	}
	if c, ok := m.Client(); !ok || c != 6 {
		t.Errorf("Client() = %v, %v; want f", c, ok)
	}
	if c, ok := m.Screens[0].Workspaces[0].Tiles()[0].Client(); !ok || c != 2 {
		t.Errorf("tile 1's client = %v, %v; want b", c, ok)
	}
}

func TestTilesTreeOrder(t *testing.T) {
	m := oneScreen()
	// H[V[T1 T6] V[T4 T5]]
	run(t, m, "split h; split v; focus left; split v")
	var ids []int
	for _, tile := range m.Workspace().Tiles() {
		ids = append(ids, tile.ID)
	}
	if want := []int{1, 6, 4, 5}; !slices.Equal(ids, want) {
		t.Errorf("tree order %v, want %v", ids, want)
	}
}

func TestDir(t *testing.T) {
	tests := []struct {
		s  string
		d  Dir
		ok bool
	}{
		{"left", Left, true}, {"right", Right, true}, {"up", Up, true}, {"down", Down, true},
		{"Left", Left, true}, {"DOWN", Down, true},
		{"", 0, false}, {"north", 0, false}, {"lef", 0, false},
	}
	for _, tt := range tests {
		d, ok := ParseDir(tt.s)
		if ok != tt.ok || ok && d != tt.d {
			t.Errorf("ParseDir(%q) = %v, %v; want %v, %v", tt.s, d, ok, tt.d, tt.ok)
		}
	}
	for d := Left; d <= Down; d++ {
		if back, ok := ParseDir(d.String()); !ok || back != d {
			t.Errorf("%v does not parse back", d)
		}
	}
	if got := Dir(7).String(); got != "Dir(7)" {
		t.Errorf("Dir(7).String() = %q", got)
	}
}

func TestOrientation(t *testing.T) {
	for o := Horizontal; o <= Vertical; o++ {
		if back, ok := ParseOrientation(o.String()); !ok || back != o {
			t.Errorf("%v does not parse back", o)
		}
	}
	if _, ok := ParseOrientation("diagonal"); ok {
		t.Error("parsed a bad orientation")
	}
	if got := Orientation(3).String(); got != "Orientation(3)" {
		t.Errorf("Orientation(3).String() = %q", got)
	}
}

func TestFormat(t *testing.T) {
	m := oneScreen()
	m.Add(0x1a00003)
	m.Add(0x1c00001)
	run(t, m, "split v; split h")
	if got, want := m.Workspace().Format(nil), "V[T[0x1a00003 0x1c00001*] H[T[] >T[]]]"; got != want {
		t.Errorf("Format(nil) = %s, want %s", got, want)
	}
	if got, want := m.String(), ">screen S: >1 V[T[0x1a00003 0x1c00001*] H[T[] >T[]]] | 2 >T[] | 3 >T[]"; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	name := func(c ClientID) string { return map[ClientID]string{0x1a00003: "xterm", 0x1c00001: "emacs"}[c] }
	if got, want := m.Workspace().Format(name), "V[T[xterm emacs*] H[T[] >T[]]]"; got != want {
		t.Errorf("Format(name) = %s, want %s", got, want)
	}
}
