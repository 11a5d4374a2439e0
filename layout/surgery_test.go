package layout

import "testing"

func TestSurgery(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"swap moves the tabs, the focus follows", "add a; split h; add b c; swap left", "H[>T[b c*] T[a*]]"},
		{"swap with no neighbour", "add a; split h; add b; !swap right", "H[T[a*] >T[b*]]"},
		{"swap across a split", "add a; split h; add b; split v; add c; swap left", "H[>T[c*] V[T[b*] T[a*]]]"},
		{"rotate turns the split", "add a; split h; add b; rotate", "V[T[a*] >T[b*]]"},
		{"rotate twice is back", "add a; split h; add b; rotate; rotate", "H[T[a*] >T[b*]]"},
		{"rotate the only tile", "add a; !rotate", ">T[a*]"},
		{"attach from another tile", "add a; split h; add b; attach a", "H[T[] >T[b a*]]"},
		{"attach the active tab already", "add a b; attach a", ">T[a* b]"},
		{"attach from another workspace", "add a; ws 1; add b; ws 0; attach b", ">T[a b*]"},
		{"focus last toggles", "add a; settle; split h; add b; settle; last; settle", "H[>T[a*] T[b*]]"},
		{"focus last twice", "add a; settle; split h; add b; settle; last; settle; last; settle", "H[T[a*] >T[b*]]"},
		{"focus last with no history", "add a; settle; !last", ">T[a*]"},
		{"focus last from an empty tile", "add a; settle; split h; settle; last", "H[>T[a*] T[]]"},
	}
	runScripts(t, tests)
}

func TestSwapKeepsSizesAndNames(t *testing.T) {
	m := oneScreen()
	run(t, m, "add a; split h 0.3; add b")
	if err := m.NameTile("right"); err != nil {
		t.Fatal(err)
	}
	before := m.Layout(m.Screen(), m.Workspace())
	run(t, m, "swap left")
	after := m.Layout(m.Screen(), m.Workspace())
	for i := range before {
		if before[i].Frame != after[i].Frame {
			t.Errorf("place %d is %v, was %v: a swap keeps the sizes", i, after[i].Frame, before[i].Frame)
		}
	}
	if after[0].Tile.Name != "right" || after[0].Tile != m.Tile() {
		t.Errorf("the left place holds tile %q (focused %v), want the named tile, focused", after[0].Tile.Name, after[0].Tile == m.Tile())
	}
}

func TestSwapAcrossScreens(t *testing.T) {
	m := sideBySide()
	run(t, m, "add a; screen 1; add b; screen 0; swap right")
	if m.Current != 1 {
		t.Fatalf("the focus is on screen %d, want 1 (where the tile went)\n%s", m.Current, all(m))
	}
	if c, _ := m.Client(); c != client(t, "a") {
		t.Errorf("focused client %s, want a", letter(c))
	}
	if c, _ := m.Screens[0].Workspace().Focus.Client(); c != client(t, "b") {
		t.Errorf("screen 0 shows %s, want b", letter(c))
	}
}

func TestEqualize(t *testing.T) {
	m := oneScreen() // 1000 wide
	run(t, m, "split h 0.8; split h 0.8; focus left; split v 0.9")
	if !m.Equalize(true) {
		t.Fatal("Equalize(true) = false")
	}
	widths := map[int]bool{}
	for _, p := range m.Layout(m.Screen(), m.Workspace()) {
		widths[p.Frame.W] = true
	}
	// Three columns of 333 or 334 pixels; the left column holds two tiles one above the other.
	for w := range widths {
		if w < 333 || w > 334 {
			t.Errorf("a column is %d wide, want a third of 1000; widths %v", w, widths)
		}
	}
	if got := m.Tile().Node.Parent.Ratio; got != 0.5 {
		t.Errorf("the focused split's ratio is %v, want 0.5", got)
	}
	m = oneScreen()
	if m.Equalize(false) {
		t.Error("Equalize of the only tile reported a change")
	}
}

func TestZoom(t *testing.T) {
	m := oneScreen()
	run(t, m, "add a; split h; add b; zoom on")
	s := m.Screen()
	for _, p := range m.Layout(s, m.Workspace()) {
		switch {
		case p.Tile == m.Tile() && (p.Hidden || p.Frame != s.Work):
			t.Errorf("the zoomed tile is at %v hidden=%v, want over %v", p.Frame, p.Hidden, s.Work)
		case p.Tile != m.Tile() && !p.Hidden:
			t.Errorf("tile %d is shown while another is zoomed", p.Tile.ID)
		}
	}
	if got, ok := m.TileAt(10, 10); !ok || got != m.Tile() {
		t.Errorf("TileAt the left edge is %v, want the zoomed tile", got)
	}
	// Focus moves to the hidden tile's place: the zoom ends.
	run(t, m, "focus left; settle")
	if m.Zoomed() {
		t.Error("the zoom did not end when the focus moved")
	}
	run(t, m, "zoom on; zoom off")
	if m.Zoomed() {
		t.Error("zoom off left the tile zoomed")
	}
}

func TestWorkspaceLast(t *testing.T) {
	m := oneScreen()
	run(t, m, "settle; !wslast; ws 2; settle; wslast; settle")
	if m.Screen().Current != 0 {
		t.Fatalf("workspace last shows %d, want 0", m.Screen().Current)
	}
	run(t, m, "wslast; settle")
	if m.Screen().Current != 2 {
		t.Fatalf("workspace last again shows %d, want 2", m.Screen().Current)
	}
	// Through the saved state, as after a restart.
	st := m.Encode()
	m2 := oneScreen()
	if p := m2.Restore(st, []ScreenSpec{{Name: "S", Rect: Rect{0, 0, 1000, 800}}}, m.Managed); len(p) > 0 {
		t.Fatal(p)
	}
	run(t, m2, "settle; wslast")
	if m2.Screen().Current != 0 {
		t.Errorf("after a restore, workspace last shows %d, want 0", m2.Screen().Current)
	}
}

func TestScratchpad(t *testing.T) {
	m := sideBySide()
	run(t, m, "add a")
	a := client(t, "a")
	term := ClientID(100)
	m.Float(&Floating{Client: term, Rect: Rect{W: 400, H: 300}, Border: 2}, nil, false)
	if _, err := m.ToggleScratchpad("term"); err == nil {
		t.Fatal("toggling an empty scratchpad did not fail")
	}
	if err := m.SetScratchpad(a, "term"); err == nil {
		t.Fatal("a tab went to a scratchpad without floating first")
	}
	if err := m.SetScratchpad(term, "term"); err != nil {
		t.Fatal(err)
	}
	f := m.Floating(term)
	if _, shown := m.FloatShown(f); shown {
		t.Fatal("the scratchpad's window is still shown after scratchpad move")
	}
	// Shown on the other screen's workspace 2, centred on its work area, with the keys.
	run(t, m, "screen 1; ws 1")
	if shown, err := m.ToggleScratchpad("term"); err != nil || !shown {
		t.Fatalf("toggle = %v, %v; want shown", shown, err)
	}
	s := m.Screen()
	if want := (Rect{X: s.Work.X + (s.Work.W-400)/2, Y: s.Work.Y + (s.Work.H-300)/2, W: 400, H: 300}); f.Rect != want {
		t.Errorf("shown at %v, want centred at %v", f.Rect, want)
	}
	if got, _ := m.Target(); got != term {
		t.Errorf("the keys go to %d, want the scratchpad's window", got)
	}
	// Through the saved state, as after a restart.
	m2 := sideBySide()
	exists := func(c ClientID) bool { return c == a || c == term }
	if p := m2.Restore(m.Encode(), []ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, {Name: "R", Rect: Rect{1280, 0, 1024, 768}}}, exists); len(p) > 0 {
		t.Fatal(p)
	}
	if shown, err := m2.ToggleScratchpad("term"); err != nil || shown {
		t.Fatalf("toggle after a restore = %v, %v; want put away", shown, err)
	}
	// Closed, it frees the name.
	m.Forget(term)
	if _, err := m.ToggleScratchpad("term"); err == nil {
		t.Error("the scratchpad of a closed window still toggles")
	}
}

func TestDrop(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"into another tile", "add a b; split h; add c; drop c 1", "H[>T[a b c*] T[]]"},
		{"beside, on the left", "add a b; drop-beside b 1 left", "H[>T[b*] T[a*]]"},
		{"beside, below", "add a b; drop-beside a 1 down", "V[T[b*] >T[a*]]"},
		{"reorder", "add a b c; reorder c 0", ">T[c* a b]"},
	}
	runScripts(t, tests)
}
