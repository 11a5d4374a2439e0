package layout

import (
	"slices"
	"testing"
)

func TestWorkspaces(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"switch", "add a; ws 1; add b",
			">screen L: 1 >T[a*] | >2 >T[b*]\nscreen R: >1 >T[] | 2 >T[]"},
		{"switch out of range", "!ws 2; !ws -1",
			">screen L: >1 >T[] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]"},
		{"switch to the current one", "ws 0",
			">screen L: >1 >T[] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]"},
		{"switch only on the focused screen", "screen 1; ws 1",
			"screen L: >1 >T[] | 2 >T[]\n>screen R: 1 >T[] | >2 >T[]"},
		{"next", "wsnext",
			">screen L: 1 >T[] | >2 >T[]\nscreen R: >1 >T[] | 2 >T[]"},
		{"next wraps", "wsnext; wsnext",
			">screen L: >1 >T[] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]"},
		{"prev wraps", "screen 1; wsprev",
			"screen L: >1 >T[] | 2 >T[]\n>screen R: 1 >T[] | >2 >T[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sideBySide()
			run(t, m, tt.script)
			if got := all(m); got != tt.want {
				t.Errorf("after %q\ngot\n%s\nwant\n%s", tt.script, got, tt.want)
			}
		})
	}
}

func TestSetScreens(t *testing.T) {
	l := ScreenSpec{Name: "L", Rect: Rect{0, 0, 1280, 800}}
	r := ScreenSpec{Name: "R", Rect: Rect{1280, 0, 1024, 768}}
	tests := []struct {
		name   string
		script string
		specs  []ScreenSpec
		want   string
	}{
		{"a screen that goes lodges its workspaces, whole, on the focused screen",
			"add a; screen 1; add b; ws 1; split h; add c; screen 0",
			[]ScreenSpec{l},
			">screen L: >1 >T[a*] | 2 >T[] | R:1 >T[b*] | R:2 H[T[] >T[c*]]"},
		{"the workspace that has the focus keeps it, shown on the screen that takes it in",
			"screen 1; add d",
			[]ScreenSpec{l},
			">screen L: 1 >T[] | 2 >T[] | >R:1 >T[d*] | R:2 >T[]"},
		{"kept by name and reordered; focus follows the screen",
			"add a; screen 1; add b",
			[]ScreenSpec{r, l},
			">screen R: >1 >T[b*] | 2 >T[]\nscreen L: >1 >T[a*] | 2 >T[]"},
		{"a new name gets fresh workspaces",
			"add a",
			[]ScreenSpec{l, r, {Name: "X", Rect: Rect{2304, 0, 800, 600}}},
			">screen L: >1 >T[a*] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]\nscreen X: >1 >T[] | 2 >T[]"},
		{"a renamed monitor is a new screen; the old one's workspaces are lodged",
			"screen 1; add b",
			[]ScreenSpec{l, {Name: "R2", Rect: r.Rect}},
			">screen L: 1 >T[] | 2 >T[] | >R:1 >T[b*] | R:2 >T[]\nscreen R2: >1 >T[] | 2 >T[]"},
		{"empty specs are ignored",
			"add a",
			nil,
			">screen L: >1 >T[a*] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sideBySide()
			run(t, m, tt.script)
			before := m.Clients()
			m.SetScreens(tt.specs)
			if err := m.Check(); err != nil {
				t.Fatal(err)
			}
			if got := all(m); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			after := m.Clients()
			slices.Sort(before)
			slices.Sort(after)
			if !slices.Equal(before, after) {
				t.Errorf("clients before %v, after %v", before, after)
			}
		})
	}
}

func TestSetScreensUpdatesGeometry(t *testing.T) {
	m := sideBySide()
	run(t, m, "screen 1; split h")
	m.SetScreens([]ScreenSpec{{Name: "R", Rect: Rect{0, 0, 1920, 1080}}, {Name: "L", Rect: Rect{1920, 0, 1280, 800}}})
	if m.Current != 0 || m.Screen().Name != "R" {
		t.Fatalf("focused screen %d %q, want 0 R", m.Current, m.Screen().Name)
	}
	want := map[int]Rect{
		3: {0, 0, 960, 1080}, 5: {960, 0, 960, 1080}, // R's workspace 1, split in half
		1: {1920, 0, 1280, 800}, // L's workspace 1
	}
	got := frames(m)
	for id, w := range want {
		if got[id] != w {
			t.Errorf("tile %d at %v, want %v", id, got[id], w)
		}
	}
	// Focus now crosses from R (left) to L (right).
	run(t, m, "focus right")
	if m.Current != 1 {
		t.Errorf("focus did not cross to L: screen %d", m.Current)
	}
}

func TestSetScreensDuplicateNames(t *testing.T) {
	m := New([]ScreenSpec{{Name: "X", Rect: Rect{0, 0, 800, 600}}, {Name: "X", Rect: Rect{800, 0, 800, 600}}}, []string{"1"}, testStyle)
	run(t, m, "add a; screen 1; add b")
	// Both kept, in order; their geometry swaps.
	m.SetScreens([]ScreenSpec{{Name: "X", Rect: Rect{800, 0, 800, 600}}, {Name: "X", Rect: Rect{0, 0, 800, 600}}})
	if got, want := all(m), "screen X: >1 >T[a*]\n>screen X: >1 >T[b*]"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Dropping one lodges its workspace on the other, which shows it: it had the focus.
	m.SetScreens([]ScreenSpec{{Name: "X", Rect: Rect{0, 0, 1600, 600}}})
	if got, want := all(m), ">screen X: 1 >T[a*] | >1 >T[b*]"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}

// Monitors leave and come home: the workspaces of one that goes are lodged whole on another screen,
// and go home with it, showing what it showed; the focus stays with the workspace that had it.
func TestScreensLeaveAndComeHome(t *testing.T) {
	l := ScreenSpec{Name: "L", Rect: Rect{0, 0, 1280, 800}}
	r := ScreenSpec{Name: "R", Rect: Rect{1280, 0, 1024, 768}}
	m := sideBySide()
	run(t, m, "add a; screen 1; add b; ws 1; split h; add c; screen 0")
	m.SetScreens([]ScreenSpec{l})
	run(t, m, "ws 3; add x; ws 0") // work on R's second workspace while R is away
	m.SetScreens([]ScreenSpec{l, r})
	if got, want := all(m), ">screen L: >1 >T[a*] | 2 >T[]\nscreen R: 1 >T[b*] | >2 H[T[] >T[c x*]]"; got != want {
		t.Errorf("R came back:\n%s\nwant\n%s", got, want)
	}
	// Away again while one of its workspaces has the focus, and back.
	run(t, m, "screen 1; ws 0")
	m.SetScreens([]ScreenSpec{l})
	if got, want := all(m), ">screen L: 1 >T[a*] | 2 >T[] | >R:1 >T[b*] | R:2 H[T[] >T[c x*]]"; got != want {
		t.Errorf("R went with the focus:\n%s\nwant\n%s", got, want)
	}
	m.SetScreens([]ScreenSpec{l, r})
	if got, want := all(m), "screen L: >1 >T[a*] | 2 >T[]\n>screen R: >1 >T[b*] | 2 H[T[] >T[c x*]]"; got != want {
		t.Errorf("R came back with the focus:\n%s\nwant\n%s", got, want)
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestSetWorkspaceNames(t *testing.T) {
	tests := []struct {
		name   string
		script string
		names  []string
		want   string
	}{
		{"rename", "add a",
			[]string{"web", "mail"},
			">screen L: >web >T[a*] | mail >T[]\nscreen R: >web >T[] | mail >T[]"},
		{"add missing", "",
			[]string{"1", "2", "3"},
			">screen L: >1 >T[] | 2 >T[] | 3 >T[]\nscreen R: >1 >T[] | 2 >T[] | 3 >T[]"},
		{"fewer names merge clients into the last kept workspace", "add a; ws 1; split h; add b; focus left; add c; screen 1; ws 1; add d",
			[]string{"only"},
			"screen L: >only >T[a* c b]\n>screen R: >only >T[d*]"},
		{"a screen showing a dropped workspace shows the last kept one", "ws 2; add b",
			[]string{"x", "y"},
			">screen L: x >T[] | >y >T[b*]\nscreen R: >x >T[] | y >T[]"},
		{"empty list is ignored", "add a",
			nil,
			">screen L: >1 >T[a*] | 2 >T[] | 3 >T[]\nscreen R: >1 >T[] | 2 >T[] | 3 >T[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New([]ScreenSpec{
				{Name: "L", Rect: Rect{0, 0, 1280, 800}},
				{Name: "R", Rect: Rect{1280, 0, 1024, 768}},
			}, []string{"1", "2", "3"}, testStyle)
			run(t, m, tt.script)
			m.SetWorkspaceNames(tt.names)
			if err := m.Check(); err != nil {
				t.Fatal(err)
			}
			if got := all(m); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestNewScreenGetsCurrentWorkspaceNames(t *testing.T) {
	m := sideBySide()
	m.SetWorkspaceNames([]string{"a", "b", "c"})
	m.SetScreens([]ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, {Name: "N", Rect: Rect{1280, 0, 800, 600}}})
	if got, want := all(m), ">screen L: >a >T[] | b >T[] | c >T[] | R:a >T[] | R:b >T[] | R:c >T[]\nscreen N: >a >T[] | b >T[] | c >T[]"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}
