package layout

import "testing"

func TestTabs(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"add to empty tile", "add a", ">T[a*]"},
		{"add goes right after the active tab", "add a b c; tab 0; add d", ">T[a d* b c]"},
		{"adding a managed client changes nothing", "add a b; tab 0; add b", ">T[a* b]"},
		{"remove active takes the tab on its left", "add a b c; tab 2; rm c", ">T[a b*]"},
		{"remove active first tab takes the new first", "add a b c; tab 0; rm a", ">T[b* c]"},
		{"remove tab left of active keeps the active client", "add a b c; tab 1; rm a", ">T[b* c]"},
		{"remove tab right of active keeps the active client", "add a b c; tab 0; rm c", ">T[a* b]"},
		{"remove last tab empties the tile", "add a; rm a", ">T[]"},
		{"remove unknown client", "add a; !rm b", ">T[a*]"},
		{"remove from another tile", "add a; split h; add b; rm a", "H[T[] >T[b*]]"},
		{"tab next wraps", "add a b c; tab next", ">T[a* b c]"},
		{"tab prev wraps", "add a b c; tab 0; tab prev", ">T[a b c*]"},
		{"tab next and prev step", "add a b c; tab 0; tab next; tab next; tab prev", ">T[a b* c]"},
		{"tab cycling on an empty tile does nothing", "tab next; tab prev", ">T[]"},
		{"tab select", "add a b c; tab 1", ">T[a b* c]"},
		{"tab select out of range", "add a b; !tab 2; !tab -1", ">T[a b*]"},
		{"tab select on an empty tile", "!tab 0", ">T[]"},
		{"move tab left", "add a b c; movetab left", ">T[a c* b]"},
		{"move tab left twice", "add a b c; movetab left; movetab left", ">T[c* a b]"},
		{"move tab left stops at the first", "add a b c; tab 0; !movetab left", ">T[a* b c]"},
		{"move tab right", "add a b c; tab 0; movetab right", ">T[b a* c]"},
		{"move tab right stops at the last", "add a b c; !movetab right", ">T[a b c*]"},
		{"move tab up or down is not a tab move", "add a b; tab 0; !movetab up; !movetab down", ">T[a* b]"},
		{"move tab in an empty tile", "!movetab left; !movetab right", ">T[]"},
		{"move tab to the tile on the right", "add a b; split h; focus left; moveto right", "H[T[a*] >T[b*]]"},
		{"moved tab goes after the target's active tab", "add a b; split h; add c d; tab 0; focus left; moveto right", "H[T[a*] >T[c b* d]]"},
		{"move the only tab away empties the tile", "add a; split h; focus left; moveto right", "H[T[] >T[a*]]"},
		{"move tab to the left", "split h; add a b; moveto left", "H[>T[b*] T[a*]]"},
		{"move tab with no neighbour", "add a; !moveto right; !moveto up", ">T[a*]"},
		{"move tab from an empty tile", "split h; !moveto left", "H[T[] >T[]]"},
		{"move tab to workspace keeps focus here", "add a b; movews 1", ">T[a*]"},
		{"move tab to workspace arrives active", "add a b; movews 1; ws 1", ">T[b*]"},
		{"move tab to workspace is appended", "ws 1; add c d; tab 0; ws 0; add a; movews 1; ws 1", ">T[c d a*]"},
		{"move tab to its own workspace", "add a; !movews 0", ">T[a*]"},
		{"move tab to a missing workspace", "add a; !movews 3; !movews -1", ">T[a*]"},
		{"move tab from an empty tile to workspace", "!movews 1", ">T[]"},
		{"activate another tab", "add a b c; act a", ">T[a* b c]"},
		{"activate focuses its tile", "add a; split h; add b; act a", "H[>T[a*] T[b*]]"},
		{"activate shows its workspace", "add a; ws 2; add b; act a", ">T[a*]"},
		{"activate unknown client", "add a; !act b", ">T[a*]"},
	}
	runScripts(t, tests)
}

func TestAddTo(t *testing.T) {
	m := oneScreen()
	run(t, m, "add a; split h; add b")
	left := m.Workspace().Tiles()[0]
	m.AddTo(left, client(t, "c"))
	if got, want := ws(m), "H[T[a c*] >T[b*]]"; got != want {
		t.Errorf("AddTo left tile: got %s, want %s", got, want)
	}
	// A tile on a hidden workspace still takes the client.
	hidden := m.Screen().Workspaces[1].Focus
	m.AddTo(hidden, client(t, "d"))
	if got, want := m.Screen().Workspaces[1].Format(letter), ">T[d*]"; got != want {
		t.Errorf("AddTo hidden workspace: got %s, want %s", got, want)
	}
	// A removed tile cannot take it; the focused tile does, so it stays managed.
	run(t, m, "rmtile")
	gone := &Tile{ID: 99, Active: -1}
	m.AddTo(gone, client(t, "e"))
	m.AddTo(nil, client(t, "f"))
	if got, want := ws(m), ">T[a c e f* b]"; got != want {
		t.Errorf("AddTo unknown tile: got %s, want %s", got, want)
	}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestActivateAcrossScreens(t *testing.T) {
	m := sideBySide()
	run(t, m, "add a; screen 1; ws 1; add b; ws 0; screen 0")
	run(t, m, "act b")
	want := "screen L: >1 >T[a*] | 2 >T[]\n>screen R: 1 >T[] | >2 >T[b*]"
	if got := all(m); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if c, ok := m.Client(); !ok || c != client(t, "b") {
		t.Errorf("Client() = %v, %v; want b", c, ok)
	}
}
