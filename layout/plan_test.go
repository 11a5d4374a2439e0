package layout

import (
	"slices"
	"testing"
)

// Who the test clients are: a and b are terminals (b the log one), c a browser, d an editor.
var testIdentities = map[ClientID]Identity{
	1: {Class: "XTerm", Instance: "xterm"},
	2: {Class: "XTerm", Instance: "xterm", Role: "log"},
	3: {Class: "Firefox", Instance: "Navigator"},
	4: {Class: "Emacs", Instance: "emacs"},
	5: {Class: "XTerm", Instance: "xterm"},
}

func testIdentity(c ClientID) Identity { return testIdentities[c] }

// devPlan is an editor on the left, terminals above a browser on the right.
func devPlan() *Plan {
	return &Plan{Orient: Horizontal, Ratio: 0.6,
		A: &Plan{Name: "editor", Tabs: []Identity{{Class: "Emacs"}}},
		B: &Plan{Orient: Vertical, Ratio: 0.5,
			A: &Plan{Name: "terms", Tabs: []Identity{{Class: "XTerm"}, {Class: "XTerm", Role: "log"}}, Focus: true},
			B: &Plan{Tabs: []Identity{{Class: "Firefox"}}},
		},
	}
}

func TestLoadPutsTheWindowsThereInTheirTabs(t *testing.T) {
	m := oneScreen()
	run(t, m, "add b c; split h; add a; ws 1; add d; ws 0")
	m.Load([]Target{{m.Workspace(), devPlan()}}, testIdentity)
	check(t, m)
	// d comes from workspace 2; the log terminal b goes to the tab for the log, a to the plain one.
	if got, want := ws(m), "H[T[d*] V[>T[a* b] T[c*]]]"; got != want {
		t.Errorf("workspace 1 is %s, want %s", got, want)
	}
	if got := m.Screen().Workspaces[1].Format(letter); got != ">T[]" {
		t.Errorf("workspace 2 is %s, want it empty", got)
	}
	for _, tile := range m.Workspace().Tiles() {
		if len(tile.Remembers) > 0 {
			t.Errorf("tile %q remembers %v: every window was there", tile.Name, tile.Remembers)
		}
	}
	if loc, ok := m.TileNamed("terms"); !ok || loc.Tile != m.Tile() {
		t.Errorf("the focus is not on the plan's focused tile")
	}
}

func TestLoadLeavesPlaceholdersForTheWindowsToCome(t *testing.T) {
	m := oneScreen()
	run(t, m, "add e a")
	m.Load([]Target{{m.Workspace(), devPlan()}}, testIdentity)
	check(t, m)
	// e and a are both plain terminals: one goes to the terminals' tile, the other stays on the
	// workspace, in the focused tile.
	if got, want := ws(m), "H[T[] V[>T[e* a] T[]]]"; got != want {
		t.Errorf("workspace is %s, want %s", got, want)
	}
	terms, _ := m.TileNamed("terms")
	if want := []Identity{{Class: "XTerm", Role: "log"}}; !slices.Equal(terms.Tile.Remembers, want) {
		t.Errorf("terms remembers %v, want %v", terms.Tile.Remembers, want)
	}
	// The windows come when they map.
	for _, c := range []ClientID{4, 2, 3} {
		tile, ok := m.Rememberer(testIdentity(c))
		if !ok {
			t.Fatalf("no tile waits for %v", testIdentity(c))
		}
		m.Return(tile, c, testIdentity(c))
	}
	check(t, m)
	if got, want := ws(m), "H[T[d*] V[>T[e b* a] T[c*]]]"; got != want {
		t.Errorf("workspace is %s, want %s", got, want)
	}
}

// A tile that waits for two windows of one program takes two, and a name the plan uses is
// taken from the tile that had it.
func TestLoadWaitsForEachWindow(t *testing.T) {
	m := oneScreen()
	run(t, m, "ws 1")
	if err := m.NameTile("terms"); err != nil {
		t.Fatal(err)
	}
	run(t, m, "ws 0")
	m.Load([]Target{{m.Workspace(), &Plan{Name: "terms", Tabs: []Identity{{Class: "XTerm"}, {Class: "XTerm"}}}}}, testIdentity)
	check(t, m)
	if m.Screen().Workspaces[1].Focus.Name != "" || m.Tile().Name != "terms" {
		t.Errorf("the name was not taken from workspace 2's tile")
	}
	for _, c := range []ClientID{1, 5} {
		tile, ok := m.Rememberer(testIdentity(c))
		if !ok || tile != m.Tile() {
			t.Fatalf("the terminal %d does not go to the tile", c)
		}
		m.Return(tile, c, testIdentity(c))
	}
	if _, ok := m.Rememberer(testIdentity(1)); ok {
		t.Errorf("a third terminal has a tile to go to")
	}
}

// What a tile remembers exactly wins over a pattern, wherever it is; a pattern matches any value
// of the fields it leaves empty.
func TestRemembererPrefersExactIdentities(t *testing.T) {
	m := oneScreen()
	run(t, m, "add a; split h")
	m.Tile().remember(Identity{Class: "XTerm"})
	run(t, m, "ws 1; add b")
	m.Remember(2, testIdentity(2))
	m.Forget(2)
	run(t, m, "ws 0")
	if tile, _ := m.Rememberer(testIdentity(2)); tile != m.Screen().Workspaces[1].Focus {
		t.Errorf("the log terminal goes to %v, not to the tile it closed in", tile)
	}
	if tile, _ := m.Rememberer(testIdentity(1)); tile != m.Tile() {
		t.Errorf("a terminal goes to %v, not to the tile that waits for any XTerm", tile)
	}
	if _, ok := m.Rememberer(testIdentity(3)); ok {
		t.Errorf("a browser has a tile to go to")
	}
}

// A workspace's plan loaded again gives the same workspace.
func TestPlanOfAndLoadAgain(t *testing.T) {
	m := oneScreen()
	m.Load([]Target{{m.Workspace(), devPlan()}}, testIdentity)
	run(t, m, "add a")
	want := m.PlanOf(m.Workspace(), testIdentity)
	if got := want.A.Tabs; !slices.Equal(got, []Identity{{Class: "Emacs"}}) {
		t.Errorf("the editor's tile plans %v: what it waits for is part of its plan", got)
	}
	m.Load([]Target{{m.Workspace(), want}}, testIdentity)
	check(t, m)
	if got, want := fmtPlan(m.PlanOf(m.Workspace(), testIdentity)), fmtPlan(want); got != want {
		t.Errorf("loaded again: %s\nwant %s", got, want)
	}
}

func check(t *testing.T, m *Model) {
	t.Helper()
	if err := m.Check(); err != nil {
		t.Fatalf("%v\n%s", err, all(m))
	}
}

// Two terminals closed in a tile bring the next two back there.
func TestATileRemembersEachWindow(t *testing.T) {
	m := oneScreen()
	run(t, m, "add a e; split h")
	for _, c := range []ClientID{1, 5} {
		m.Remember(c, testIdentity(c))
		m.Forget(c)
	}
	left := m.Workspace().Tiles()[0]
	for _, c := range []ClientID{6, 7} {
		tile, ok := m.Rememberer(testIdentity(1))
		if !ok || tile != left {
			t.Fatalf("terminal %d goes to %v, not back to the left tile", c, tile)
		}
		m.Return(tile, c, testIdentity(1))
	}
	if _, ok := m.Rememberer(testIdentity(1)); ok {
		t.Errorf("a third terminal has a tile to go to")
	}
}
