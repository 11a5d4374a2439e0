package layout

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// FuzzOps decodes its input into a sequence of operations on a model of one
// to three screens and checks after every operation that the model is still
// valid (Check), that no client was lost or invented, that tile IDs are never
// reused, and a few promises of the individual operations.
//
// Input: the first byte picks the screens and MinSize, then each operation
// is an opcode byte followed by the argument bytes it needs (zero when the
// input runs out).
func FuzzOps(f *testing.F) {
	f.Add([]byte{0, 0, 0, 4, 1, 9, 1, 0, 0, 21, 0, 5})
	f.Add([]byte{4, 0, 0, 4, 0x40, 13, 1, 4, 0x81, 0, 0, 26, 0x01, 9, 0})
	// Two screens side by side, split; a top panel across both and an
	// absurd left strut on the second; focus crosses, the second screen
	// goes and comes back with its reserve, focus crosses back.
	f.Add([]byte{1, 4, 0, 232, 2, 0, 2, 10, 25, 200, 1, 0, 255, 25, 100, 9, 1, 8, 80, 80, 0, 10, 26, 1, 26, 3, 9, 0})
	// Two tiles with tabs each, split twice; swap, rotate, equalize, zoom, attach, focus last,
	// another workspace and back with workspace last.
	f.Add([]byte{0, 0, 0, 4, 64, 0, 0, 4, 1, 0, 228, 0, 0, 228, 1, 228, 2, 0, 228, 3, 0, 228, 4, 0, 228, 5, 23, 1, 228, 6, 228, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{data: data}
		fz := newFuzzer(in.byte())
		for step := 0; step < 200 && !in.done(); step++ {
			fz.step(t, in)
		}
	})
}

// fuzzInput hands out input bytes, zeros once they run out.
type fuzzInput struct {
	data []byte
	pos  int
}

func (in *fuzzInput) done() bool { return in.pos >= len(in.data) }

func (in *fuzzInput) byte() byte {
	if in.done() {
		in.pos++
		return 0
	}
	in.pos++
	return in.data[in.pos-1]
}

func (in *fuzzInput) int() int { return int(in.byte()) }

// fuzzer is one model under test with what the test knows about it.
type fuzzer struct {
	m       *Model
	pool    []ScreenSpec      // screens SetScreens may choose from
	clients map[ClientID]bool // clients that must be managed
	next    ClientID          // next new client
	everID  map[int]bool      // every tile ID seen so far
	live    map[int]bool      // the tile IDs in the model now
	log     []string          // operations so far, for failure messages
}

// newFuzzer builds a model from the first input byte: 1-3 screens side by
// side, stacked or in an L, and one of four minimum tile sizes.
func newFuzzer(b byte) *fuzzer {
	arrangements := [][]Rect{
		{{0, 0, 1280, 800}, {1280, 0, 1024, 768}, {2304, 0, 800, 600}},
		{{0, 0, 1280, 800}, {0, 800, 1024, 768}, {0, 1568, 800, 600}},
		{{0, 0, 1280, 800}, {1280, 0, 1024, 768}, {0, 800, 1280, 1024}},
	}
	rects := arrangements[int(b/3)%3]
	n := 1 + int(b%3)
	fz := &fuzzer{clients: map[ClientID]bool{}, next: 1, everID: map[int]bool{}}
	for i, r := range rects {
		fz.pool = append(fz.pool, ScreenSpec{Name: fmt.Sprintf("S%d", i), Rect: r})
	}
	// Two more: a new monitor, and S0 at another size.
	fz.pool = append(fz.pool,
		ScreenSpec{Name: "N", Rect: Rect{-640, 0, 640, 480}},
		ScreenSpec{Name: "S0", Rect: Rect{0, 0, 1920, 1080}})
	minSizes := []int{1, 20, 64, 150}
	st := Style{BarHeight: 18, Border: 2, MinSize: minSizes[int(b/9)%4]}
	fz.m = New(fz.pool[:n], []string{"1", "2", "3"}, st)
	fz.live = map[int]bool{}
	for loc := range fz.m.allTiles() {
		fz.everID[loc.Tile.ID] = true
		fz.live[loc.Tile.ID] = true
	}
	return fz
}

// pick returns the element of a list chosen by an input byte.
func pick[T any](in *fuzzInput, list []T) (T, bool) {
	var zero T
	b := in.int()
	if len(list) == 0 {
		return zero, false
	}
	return list[b%len(list)], true
}

// allTileList lists every tile of the model.
func (fz *fuzzer) allTileList() []*Tile {
	var ts []*Tile
	for loc := range fz.m.allTiles() {
		ts = append(ts, loc.Tile)
	}
	return ts
}

// splits lists the splits of the shown workspaces.
func (fz *fuzzer) splits() []*Node {
	var ns []*Node
	for _, s := range fz.m.Screens {
		walkRects(s.Workspace().Root, s.Work, func(n *Node, _ Rect) {
			if n.Tile == nil {
				ns = append(ns, n)
			}
		})
	}
	return ns
}

func (fz *fuzzer) managed() []ClientID {
	cs := make([]ClientID, 0, len(fz.clients))
	for c := range fz.clients {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	return cs
}

func (fz *fuzzer) fail(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Fatalf("%s\nafter %v\n%s", fmt.Sprintf(format, args...), fz.log, fz.m)
}

// step decodes and runs one operation, then checks the model.
func (fz *fuzzer) step(t *testing.T, in *fuzzInput) {
	t.Helper()
	m := fz.m
	before := m.String()
	frames := m.Visible()
	tiles := len(m.Workspace().Tiles())
	dir := func() Dir { return Dir(in.int() % 4) }
	var name string
	switch op := opcode(in.byte()); op {
	case 0:
		c := fz.next
		fz.next++
		name = fmt.Sprintf("Add(%d)", c)
		m.Add(c)
		fz.clients[c] = true
		if got, ok := m.Client(); !ok || got != c {
			fz.fail(t, "%s: focused client is %v, %v", name, got, ok)
		}
	case 1:
		tile, _ := pick(in, fz.allTileList())
		c := fz.next
		fz.next++
		name = fmt.Sprintf("AddTo(tile %d, %d)", tile.ID, c)
		m.AddTo(tile, c)
		fz.clients[c] = true
		if loc, ok := m.Find(c); !ok || loc.Tile != tile || loc.Tile.Tabs[loc.Tile.Active] != c {
			fz.fail(t, "%s: not the active tab of that tile", name)
		}
	case 2:
		c, ok := pick(in, fz.managed())
		name = fmt.Sprintf("Forget(%d)", c)
		if m.Forget(c) != ok {
			fz.fail(t, "%s reported %v", name, !ok)
		}
		delete(fz.clients, c)
	case 3:
		c, ok := pick(in, fz.managed())
		name = fmt.Sprintf("ActivateClient(%d)", c)
		if m.ActivateClient(c) != ok {
			fz.fail(t, "%s reported %v", name, !ok)
		}
		if got, _ := m.Target(); ok && got != c && m.modalOf(c) == nil {
			fz.fail(t, "%s: %v has the keys", name, got)
		}
	case 4:
		b := in.byte()
		o, ratio := Orientation(b&1), float64(b>>1)/127
		name = fmt.Sprintf("Split(%v, %.3f)", o, ratio)
		if m.Split(o, ratio) {
			if got := len(m.Workspace().Tiles()); got != tiles+1 || len(m.Tile().Tabs) != 0 {
				fz.fail(t, "%s: %d tiles (was %d), focused tile has %d tabs", name, got, tiles, len(m.Tile().Tabs))
			}
		} else if m.String() != before {
			fz.fail(t, "%s refused but changed the model", name)
		}
	case 5:
		name = "RemoveTile"
		if err := m.RemoveTile(); err == nil {
			if got := len(m.Workspace().Tiles()); got != tiles-1 {
				fz.fail(t, "%s: %d tiles, was %d", name, got, tiles)
			}
		} else if tiles != 1 || m.String() != before {
			fz.fail(t, "%s failed (%v) with %d tiles or changed the model", name, err, tiles)
		}
	case 6:
		d, px := dir(), in.int()*4-200
		name = fmt.Sprintf("Resize(%v, %d)", d, px)
		fz.checkResize(t, name, m.Resize(d, px), frames)
	case 7:
		n, ok := pick(in, fz.splits())
		pos := in.int()*16 - 300
		name = fmt.Sprintf("SetBorder(%p, %d)", n, pos)
		if ok {
			fz.checkResize(t, name, m.SetBorder(n, pos), frames)
		}
	case 8:
		x, y, slack := in.int()*13-100, in.int()*9-100, in.int()%8
		name = fmt.Sprintf("BorderAt(%d, %d, %d)", x, y, slack)
		drag := in.int() - 128
		if n, ok := m.BorderAt(x, y, slack); ok {
			pos := x + drag
			if n.Orient == Vertical {
				pos = y + drag
			}
			fz.checkResize(t, name, m.SetBorder(n, pos), frames)
		}
	case 9:
		d := dir()
		name = fmt.Sprintf("Focus(%v)", d)
		was := m.Tile()
		if m.Focus(d) && m.Tile() == was {
			fz.fail(t, "%s reported a move but focus stayed", name)
		}
	case 10:
		name = "FocusNext"
		m.FocusNext()
	case 11:
		name = "FocusPrev"
		m.FocusPrev()
	case 12:
		tile, _ := pick(in, fz.allTileList())
		name = fmt.Sprintf("FocusTile(%d)", tile.ID)
		if m.FocusTile(tile) && m.Tile() != tile {
			fz.fail(t, "%s reported success but focus is on %d", name, m.Tile().ID)
		}
	case 13:
		i := in.int() % 4
		name = fmt.Sprintf("FocusScreen(%d)", i)
		if m.FocusScreen(i) != (i < len(m.Screens)) {
			fz.fail(t, "%s with %d screens", name, len(m.Screens))
		}
	case 14:
		name = "ScreenNext"
		m.ScreenNext()
	case 15:
		name = "ScreenPrev"
		m.ScreenPrev()
	case 16:
		x, y := in.int()*13-100, in.int()*9-100
		name = fmt.Sprintf("TileAt(%d, %d)", x, y)
		if tile, ok := m.TileAt(x, y); ok && !m.FocusTile(tile) {
			fz.fail(t, "%s: cannot focus the tile found", name)
		}
	case 17:
		name = "TabNext"
		m.TabNext()
	case 18:
		name = "TabPrev"
		m.TabPrev()
	case 19:
		i := in.int() % 5
		name = fmt.Sprintf("TabSelect(%d)", i)
		if ok := m.TabSelect(i); ok != (i < len(m.Tile().Tabs)) || ok && m.Tile().Active != i {
			fz.fail(t, "%s reported %v, active is %d", name, ok, m.Tile().Active)
		}
	case 20:
		d := dir()
		name = fmt.Sprintf("MoveTab(%v)", d)
		m.MoveTab(d)
	case 21:
		d := dir()
		name = fmt.Sprintf("MoveTabTo(%v)", d)
		c, _ := m.Client()
		if m.MoveTabTo(d) {
			if got, _ := m.Client(); got != c {
				fz.fail(t, "%s: focused client %v, want the moved %v", name, got, c)
			}
		} else if m.String() != before {
			fz.fail(t, "%s refused but changed the model", name)
		}
	case 22:
		i := in.int() % 4
		name = fmt.Sprintf("MoveTabToWorkspace(%d)", i)
		c, had := m.Client()
		here := m.Tile()
		if m.MoveTabToWorkspace(i) {
			loc, ok := m.Find(c)
			if !had || !ok || loc.Screen != m.Current || loc.Workspace != i || m.Tile() != here {
				fz.fail(t, "%s: client %v went to %+v; focus on tile %d, was %d", name, c, loc, m.Tile().ID, here.ID)
			}
		} else if m.String() != before {
			fz.fail(t, "%s refused but changed the model", name)
		}
	case 23:
		i := in.int() % 4
		name = fmt.Sprintf("SwitchWorkspace(%d)", i)
		ok := m.SwitchWorkspace(i)
		if ok != (i < len(m.Screen().Workspaces)) || ok && m.Screen().Current != i {
			fz.fail(t, "%s reported %v, current is %d", name, ok, m.Screen().Current)
		}
	case 24:
		name = "WorkspaceNext"
		m.WorkspaceNext()
	case 25:
		name = "WorkspacePrev"
		m.WorkspacePrev()
	case 26:
		b := in.int()
		var specs []ScreenSpec
		for i, sp := range fz.pool {
			// Monitor names are unique (x11.Monitors makes them so): the pool's second S0 is the
			// first one at another size.
			if b&(1<<i) != 0 && !slices.ContainsFunc(specs, func(s ScreenSpec) bool { return s.Name == sp.Name }) {
				specs = append(specs, sp)
			}
		}
		if b&0x80 != 0 {
			slices.Reverse(specs)
		}
		name = fmt.Sprintf("SetScreens(%v)", specs)
		focused := m.Workspace()
		m.SetScreens(specs)
		fz.checkScreens(t, name, specs, before)
		if m.Workspace() != focused {
			fz.fail(t, "%s: the focused workspace %q lost the focus", name, focused.Name)
		}
	case 27:
		n := in.int() % 5
		names := []string{"a", "b", "c", "d"}[:n]
		name = fmt.Sprintf("SetWorkspaceNames(%v)", names)
		m.SetWorkspaceNames(names)
		for _, s := range m.Screens {
			if n == 0 {
				break // ignored
			}
			got := map[string][]string{} // the names of each screen's own and lodged workspaces
			for _, w := range s.Workspaces {
				got[w.Home] = append(got[w.Home], w.Name)
			}
			for home, ws := range got {
				if !slices.Equal(ws, names) {
					fz.fail(t, "%s: screen %q has workspaces %v of %q", name, s.Name, ws, home)
				}
			}
		}
		if n == 0 && m.String() != before {
			fz.fail(t, "%s changed the model", name)
		}
	case 28:
		b := in.int()
		m.Style = Style{BarHeight: b % 40, Border: b / 40 % 4, MinSize: []int{1, 20, 64, 150}[b/160%4]}
		name = fmt.Sprintf("Style = %+v", m.Style)
	case reserveOp:
		bands := fz.bands(in)
		name = fmt.Sprintf("SetReserved(%v)", bands)
		fz.checkReserved(t, name, bands, frames)
	case floatOp:
		name = fz.floatStep(t, in)
	case namesOp:
		name = fz.namesStep(t, in)
	case surgeryOp:
		name = fz.surgeryStep(t, in)
	}
	fz.log = append(fz.log, name)
	m.Settle()
	fz.checkModel(t)
}

// surgeryStep decodes and runs one of: swap with a neighbour, rotate, equalize, zoom, attach,
// focus last, workspace last; and checks what each promises.
func (fz *fuzzer) surgeryStep(t *testing.T, in *fuzzInput) string {
	t.Helper()
	m := fz.m
	switch in.int() % 9 {
	case 7:
		var floats []ClientID
		for _, f := range m.Floats {
			floats = append(floats, f.Client)
		}
		c, ok := pick(in, floats)
		name := []string{"term", "notes", "bad name"}[in.int()%3]
		if !ok {
			return "SetScratchpad: nothing floats"
		}
		err := m.SetScratchpad(c, name)
		if (err != nil) != (name == "bad name") {
			fz.fail(t, "SetScratchpad(%d, %q) = %v", c, name, err)
		}
		if err == nil {
			if _, shown := m.FloatShown(m.Floating(c)); shown {
				fz.fail(t, "SetScratchpad(%d, %q): the window is still shown", c, name)
			}
		}
		return fmt.Sprintf("SetScratchpad(%d, %q) = %v", c, name, err)
	case 8:
		name := []string{"term", "notes"}[in.int()%2]
		shown, err := m.ToggleScratchpad(name)
		if err == nil {
			f := m.scratchpad(name)
			s, ok := m.FloatShown(f)
			if ok != shown || shown && (s != m.Screen() || m.FloatKeys != f.Client) {
				fz.fail(t, "ToggleScratchpad(%q) = %v: shown %v on %s with the keys at %d", name, shown, ok, s.Name, m.FloatKeys)
			}
		}
		return fmt.Sprintf("ToggleScratchpad(%q) = %v, %v", name, shown, err)
	case 0:
		d := Dir(in.int() % 4)
		a := m.Tile()
		tabs := slices.Clone(a.Tabs)
		_, other, ok := m.neighbour(d)
		swapped := m.Swap(d)
		if swapped != (ok && other != a) {
			fz.fail(t, "Swap(%v) = %v with a neighbour %v", d, swapped, ok)
		}
		if swapped && (m.Tile() != a || !slices.Equal(a.Tabs, tabs)) {
			fz.fail(t, "Swap(%v): the focused tile is %d with %v, want %d with %v", d, m.Tile().ID, m.Tile().Tabs, a.ID, tabs)
		}
		return fmt.Sprintf("Swap(%v) = %v", d, swapped)
	case 1:
		before := m.Visible()
		err := m.Rotate()
		if err != nil && !slices.Equal(before, m.Visible()) {
			fz.fail(t, "Rotate failed (%v) but changed the frames", err)
		}
		return fmt.Sprintf("Rotate() = %v", err)
	case 2:
		all := in.int()%2 == 0
		return fmt.Sprintf("Equalize(%v) = %v", all, m.Equalize(all))
	case 3:
		on := in.int()%2 == 0
		changed := m.ZoomTile(on)
		if on && m.Workspace().Zoom != m.Tile() {
			fz.fail(t, "ZoomTile(true): the zoomed tile is not the focused one")
		}
		for _, p := range m.Layout(m.Screen(), m.Workspace()) {
			if on && !p.Hidden && p.Frame != m.Screen().Work {
				fz.fail(t, "ZoomTile(true): tile %d is shown at %v, not over the work area %v", p.Tile.ID, p.Frame, m.Screen().Work)
			}
		}
		return fmt.Sprintf("ZoomTile(%v) = %v", on, changed)
	case 4:
		c, ok := pick(in, fz.managed())
		if !ok {
			return "Attach: no client"
		}
		to := m.Tile()
		err := m.AttachTo(c, to)
		if loc, ok := m.Find(c); err == nil && (!ok || loc.Tile != to || loc.Index != to.Active) {
			fz.fail(t, "AttachTo(%d, %d): not its active tab", c, to.ID)
		}
		if got, _ := m.Target(); err == nil && got != c && m.modalOf(c) == nil {
			fz.fail(t, "AttachTo(%d): the keys go to %d", c, got)
		}
		return fmt.Sprintf("AttachTo(%d, %d) = %v", c, to.ID, err)
	case 5:
		want, had := m.LastClient()
		ok := m.FocusLast()
		if ok != had {
			fz.fail(t, "FocusLast() = %v, LastClient had %v", ok, had)
		}
		if got, _ := m.Target(); ok && got != want && m.modalOf(want) == nil {
			fz.fail(t, "FocusLast(): the keys go to %d, want %d", got, want)
		}
		return fmt.Sprintf("FocusLast() = %v", ok)
	default:
		s := m.Screen()
		last := s.Last
		ok := m.WorkspaceLast()
		if ok && s.Workspace() != last {
			fz.fail(t, "WorkspaceLast() shows %q, want %q", s.Workspace().Name, last.Name)
		}
		return fmt.Sprintf("WorkspaceLast() = %v", ok)
	}
}

// namesStep decodes and runs one operation on named tiles: naming the focused tile (a name
// another tile has must be refused), showing a named tile, moving a tab to one.
func (fz *fuzzer) namesStep(t *testing.T, in *fuzzInput) string {
	t.Helper()
	m := fz.m
	names := []string{"", "a", "b", "c d", "editor"}
	n := names[in.int()%len(names)]
	ids := []Identity{{Class: "Firefox", Instance: "Navigator"}, {Class: "XTerm"}, {Class: "XTerm", Role: "log"}, {}}
	id := ids[in.int()%len(ids)]
	switch in.int() % 6 {
	case 5:
		return fz.planStep(t, in)
	case 3:
		// A tiled client closes, and its tile remembers it.
		c, ok := pick(in, m.Clients())
		if !ok {
			return "Remember: no client"
		}
		m.Remember(c, id)
		m.Forget(c)
		delete(fz.clients, c)
		return fmt.Sprintf("Remember(%d, %v) and Forget", c, id)
	case 4:
		// A new client comes back to the tile that remembers it.
		t0, ok := m.Rememberer(id)
		if !ok {
			return fmt.Sprintf("Rememberer(%v): none", id)
		}
		c := fz.next
		fz.next++
		fz.clients[c] = true
		had := len(t0.Remembers)
		m.Return(t0, c, id)
		if got, _ := t0.Client(); got != c || len(t0.Remembers) != had-1 {
			fz.fail(t, "Return(%d, %v): the tile's active tab is %d, it remembers %v (%d before)", c, id, got, t0.Remembers, had)
		}
		return fmt.Sprintf("Return(%d, %v)", c, id)
	case 0:
		owner, taken := m.TileNamed(n)
		err := m.NameTile(n)
		switch {
		case n == "c d" && err == nil:
			fz.fail(t, "NameTile(%q) took a name with a space", n)
		case taken && owner.Tile != m.Tile() && err == nil:
			fz.fail(t, "NameTile(%q) took the name of tile %d", n, owner.Tile.ID)
		case err == nil && m.Tile().Name != n:
			fz.fail(t, "NameTile(%q) left the name %q", n, m.Tile().Name)
		}
		return fmt.Sprintf("NameTile(%q)", n)
	case 1:
		loc, ok := m.TileNamed(n)
		if ok {
			if !m.ShowTile(loc.Tile) || m.Tile() != loc.Tile {
				fz.fail(t, "ShowTile(%q) did not focus it", n)
			}
		}
		return fmt.Sprintf("ShowTile(%q)", n)
	default:
		loc, ok := m.TileNamed(n)
		if !ok {
			return fmt.Sprintf("MoveTabToTile(%q): none", n)
		}
		from := m.Tile()
		c, had := from.Client()
		moved := m.MoveTabToTile(loc.Tile)
		switch {
		case moved != (had && from != loc.Tile):
			fz.fail(t, "MoveTabToTile(%q) = %v", n, moved)
		case moved:
			if got, _ := loc.Tile.Client(); got != c || m.Tile() != from {
				fz.fail(t, "MoveTabToTile(%q): %d is not its active tab, or the focus moved", n, c)
			}
		}
		return fmt.Sprintf("MoveTabToTile(%q)", n)
	}
}

// fuzzIdentity is who client c is in the fuzzer: one of a few programs, so that plans find
// several windows for a tab.
func fuzzIdentity(c ClientID) Identity {
	return Identity{Class: []string{"XTerm", "Firefox", "Emacs"}[c%3], Instance: []string{"", "a"}[c/3%2]}
}

// planStep loads a plan into workspaces: the focused workspace's own plan, which must give the
// same plan back, or a plan made from the input into one or two workspaces.
func (fz *fuzzer) planStep(t *testing.T, in *fuzzInput) string {
	t.Helper()
	m := fz.m
	var wss []*Workspace
	for _, s := range m.Screens {
		wss = append(wss, s.Workspaces...)
	}
	if in.int()%2 == 0 {
		w := m.Workspace()
		want := m.PlanOf(w, fuzzIdentity)
		m.Load([]Target{{w, want}}, fuzzIdentity)
		if got := m.PlanOf(w, fuzzIdentity); !reflect.DeepEqual(got, want) {
			fz.fail(t, "Load(PlanOf(focused workspace)) gave the plan\n%s\nfor\n%s", fmtPlan(got), fmtPlan(want))
		}
		return "Load(PlanOf(focused workspace))"
	}
	var targets []Target
	for range 1 + in.int()%2 {
		w, _ := pick(in, wss)
		targets = append(targets, Target{w, fz.plan(in, 0)})
	}
	m.Load(targets, fuzzIdentity)
	for _, tg := range targets {
		for _, tile := range tg.Workspace.Tiles() {
			if loc, ok := m.TileNamed(tile.Name); tile.Name != "" && (!ok || loc.Tile != tile) {
				fz.fail(t, "Load: tile name %q is not the loaded tile's", tile.Name)
			}
		}
	}
	return fmt.Sprintf("Load(%d plans)", len(targets))
}

// plan makes a plan from the input: a split of two plans, or a tile with a name and tabs.
func (fz *fuzzer) plan(in *fuzzInput, depth int) *Plan {
	b := in.int()
	if b%3 == 0 && depth < 4 {
		return &Plan{Orient: Orientation(b / 3 % 2), Ratio: float64(in.int()) / 200, A: fz.plan(in, depth+1), B: fz.plan(in, depth+1)}
	}
	p := &Plan{Name: []string{"", "a", "b", "editor", "c d"}[b/3%5], Focus: b/15%2 == 1}
	for range in.int() % 4 {
		p.Tabs = append(p.Tabs, fuzzIdentity(ClientID(in.int()))) // patterns: Instance "" matches any
	}
	return p
}

// fmtPlan writes a plan for a failure message.
func fmtPlan(p *Plan) string {
	if p.Split() {
		return fmt.Sprintf("%v %.3f [%s %s]", p.Orient, p.Ratio, fmtPlan(p.A), fmtPlan(p.B))
	}
	return fmt.Sprintf("T%q%v%v", p.Name, p.Tabs, p.Focus)
}

// floatStep decodes and runs one operation on floating windows, fullscreen or the keys.
func (fz *fuzzer) floatStep(t *testing.T, in *fuzzInput) string {
	t.Helper()
	m := fz.m
	var wss []*Workspace
	for _, s := range m.Screens {
		wss = append(wss, s.Workspaces...)
	}
	rect := func() Rect { return Rect{in.int()*16 - 500, in.int()*12 - 300, in.int() * 8, in.int() * 6} }
	var floats []ClientID
	for _, f := range m.Floats {
		floats = append(floats, f.Client)
	}
	switch op := in.int() % 11; op {
	case 0, 1:
		c := fz.next
		if op == 1 { // a tab floats
			if tab, ok := m.Client(); ok {
				c = tab
				m.Remove(c)
			}
		}
		if c == fz.next {
			fz.next++
		}
		parent, _ := pick(in, append(fz.managed(), 0, 0))
		ws, _ := pick(in, wss)
		f := &Floating{Client: c, Rect: rect(), Border: in.int() % 4, Parent: parent, Modal: in.int()%4 == 0}
		keep := in.int()%2 == 0
		m.Float(f, ws, keep)
		fz.clients[c] = true
		if m.Floating(c) != f {
			fz.fail(t, "Float(%d) did not float it", c)
		}
		return fmt.Sprintf("Float(%d, %v, border %d, parent %d, modal %v, keep %v)", c, f.Rect, f.Border, parent, f.Modal, keep)
	case 2:
		c, ok := pick(in, floats)
		if m.TileFloat(c) != ok || ok && m.Floating(c) != nil {
			fz.fail(t, "TileFloat(%d) with %d floating", c, len(floats))
		}
		return fmt.Sprintf("TileFloat(%d)", c)
	case 3:
		c, ok := pick(in, floats)
		if m.FocusFloat(c) != ok || ok && m.FloatKeys != c {
			fz.fail(t, "FocusFloat(%d): FloatKeys %d", c, m.FloatKeys)
		}
		return fmt.Sprintf("FocusFloat(%d)", c)
	case 4:
		c, _ := pick(in, floats)
		ws, _ := pick(in, wss)
		m.SendFloat(c, ws)
		return fmt.Sprintf("SendFloat(%d)", c)
	case 5:
		c, _ := pick(in, floats)
		r := rect()
		m.MoveFloat(c, r)
		return fmt.Sprintf("MoveFloat(%d, %v)", c, r)
	case 6:
		c, _ := pick(in, floats)
		m.Raise(c)
		return fmt.Sprintf("Raise(%d)", c)
	case 7:
		c, ok := pick(in, fz.managed())
		on := in.int()%2 == 0
		if m.SetFullscreen(c, on) != ok || ok && m.Fullscreen(c) != on {
			fz.fail(t, "SetFullscreen(%d, %v): %v", c, on, m.Fullscreen(c))
		}
		return fmt.Sprintf("SetFullscreen(%d, %v)", c, on)
	case 8:
		if c, ok := m.NextFloat(); ok {
			m.FocusFloat(c)
			return fmt.Sprintf("NextFloat (%d)", c)
		}
		return "NextFloat (none)"
	case 9:
		m.FocusTiles()
		return "FocusTiles"
	default:
		ws, _ := pick(in, wss)
		before := m.String()
		if _, ok := m.locateWorkspace(ws); ok {
			if m.String() != before {
				fz.fail(t, "looking for a workspace changed the model")
			}
		}
		return "look"
	}
}

// reserveOp is the operation that sets random bands, floatOp one on floating
// windows, fullscreen or the keys. They are decoded from the opcode bytes
// 232-243 and 244-255, which before they existed meant ops 0-23 again (mod 29),
// so the inputs of the corpus below 232 keep their meaning.
const (
	reserveOp = 29
	floatOp   = 30
	namesOp   = 31
	surgeryOp = 32
)

// opcode maps an opcode byte to an operation: 0-28 modulo 29, reserveOp and
// floatOp for the top 24 byte values.
func opcode(b byte) int {
	switch {
	case b >= 244:
		return floatOp
	case b >= 232:
		return reserveOp
	case b >= 228:
		return surgeryOp
	case b >= 224:
		return namesOp
	}
	return int(b) % 29
}

// bands decodes up to three bands, each along one side of a screen of the
// pool (shown or not), as a dock's strut would give: a thickness (byte 255
// is an absurd 65535 pixels) and a stretch along the edge that may reach
// past the screen's ends into its neighbours.
func (fz *fuzzer) bands(in *fuzzInput) []Band {
	var bands []Band
	for range in.int() % 4 {
		sp, _ := pick(in, fz.pool)
		side := Dir(in.int() % 4)
		thick := in.int() * 4
		if thick == 255*4 {
			thick = 65535
		}
		from, length := in.int()*8-200, in.int()*16
		r := sp.Rect
		var band Rect
		switch side {
		case Up:
			band = Rect{r.X + from, r.Y, length, thick}
		case Down:
			band = Rect{r.X + from, r.Y + r.H - thick, length, thick}
		case Left:
			band = Rect{r.X, r.Y + from, thick, length}
		case Right:
			band = Rect{r.X + r.W - thick, r.Y + from, thick, length}
		}
		bands = append(bands, Band{Side: side, Rect: band})
	}
	return bands
}

// checkReserved runs SetReserved and checks what it promises beyond Check:
// it reports a change exactly when some Work changed (and frames move only
// then), and every work area keeps at least half its screen each way.
func (fz *fuzzer) checkReserved(t *testing.T, name string, bands []Band, before []Placement) {
	t.Helper()
	m := fz.m
	var works []Rect
	for _, s := range m.Screens {
		works = append(works, s.Work)
	}
	changed := m.SetReserved(bands)
	workChanged := false
	for i, s := range m.Screens {
		workChanged = workChanged || s.Work != works[i]
		if 2*s.Work.W < s.Rect.W || 2*s.Work.H < s.Rect.H {
			fz.fail(t, "%s: screen %q work area %v is less than half of %v", name, s.Name, s.Work, s.Rect)
		}
	}
	if changed != workChanged {
		fz.fail(t, "%s reported %v, but work areas changed: %v", name, changed, workChanged)
	}
	if !changed && !slices.Equal(m.Visible(), before) {
		fz.fail(t, "%s changed no work area but moved tiles", name)
	}
}

// checkScreens checks that SetScreens left exactly the screens asked for, in
// order, or, for no specs, changed nothing.
func (fz *fuzzer) checkScreens(t *testing.T, name string, specs []ScreenSpec, before string) {
	t.Helper()
	if len(specs) == 0 {
		if fz.m.String() != before {
			fz.fail(t, "%s changed the model", name)
		}
		return
	}
	var got []ScreenSpec
	for _, s := range fz.m.Screens {
		got = append(got, ScreenSpec{Name: s.Name, Rect: s.Rect})
	}
	if !slices.Equal(got, specs) {
		fz.fail(t, "%s: screens are %v", name, got)
	}
}

// checkRoundTrip checks that the model's serialized form, written as JSON, read back and restored
// into a new model on the same screens, gives the same form again: decode(encode(m)) is m.
func (fz *fuzzer) checkRoundTrip(t *testing.T) {
	t.Helper()
	m := fz.m
	want, err := json.Marshal(m.Encode())
	if err != nil {
		fz.fail(t, "Encode: %v", err)
	}
	if fast := m.AppendState(nil); string(fast) != string(want) {
		fz.fail(t, "AppendState wrote\n%s\nencoding/json wrote\n%s", fast, want)
	}
	st, err := DecodeState(want)
	if err != nil {
		fz.fail(t, "DecodeState of %s: %v", want, err)
	}
	var specs []ScreenSpec
	for _, s := range m.Screens {
		specs = append(specs, ScreenSpec{Name: s.Name, Rect: s.Rect})
	}
	m2 := New(specs, m.names, m.Style)
	m2.bands = m.bands
	if problems := m2.Restore(st, specs, m.Managed); len(problems) > 0 {
		fz.fail(t, "Restore of its own state: %v", problems)
	}
	if err := m2.Check(); err != nil {
		fz.fail(t, "Check after Restore: %v", err)
	}
	got, _ := json.Marshal(m2.Encode())
	if string(got) != string(want) {
		fz.fail(t, "restored state\n%s\nwant\n%s", got, want)
	}
}

// floatShownHere reports whether floating client c is shown on the focused screen.
func (fz *fuzzer) floatShownHere(c ClientID) bool {
	f := fz.m.Floating(c)
	if f == nil {
		return false
	}
	s, shown := fz.m.FloatShown(f)
	return shown && s == fz.m.Screen()
}

// checkResize checks a border move: if nothing moved, no frame changed; if
// something moved, a frame changed and no tile that was at least MinSize
// became smaller than that.
func (fz *fuzzer) checkResize(t *testing.T, name string, moved bool, before []Placement) {
	t.Helper()
	after := fz.m.Visible()
	if len(after) != len(before) {
		fz.fail(t, "%s changed the number of tiles", name)
	}
	least := fz.m.minSize()
	changed := false
	for i, p := range after {
		q := before[i]
		changed = changed || p.Frame != q.Frame
		if p.Frame.W < least && p.Frame.W < q.Frame.W || p.Frame.H < least && p.Frame.H < q.Frame.H {
			fz.fail(t, "%s shrank tile %d from %v to %v, below MinSize %d", name, p.Tile.ID, q.Frame, p.Frame, least)
		}
	}
	if moved != changed {
		fz.fail(t, "%s reported %v but frames changed: %v", name, moved, changed)
	}
}

// checkModel runs Check and compares the managed clients and tile IDs with
// what the test expects.
func (fz *fuzzer) checkModel(t *testing.T) {
	t.Helper()
	if err := fz.m.Check(); err != nil {
		fz.fail(t, "Check: %v", err)
	}
	got := fz.m.Clients()
	for _, f := range fz.m.Floats {
		got = append(got, f.Client)
		s, _ := fz.m.FloatShown(f)
		if !inside(f.Rect, s.Rect) {
			fz.fail(t, "floating %d at %v is not on its screen %v", f.Client, f.Rect, s.Rect)
		}
	}
	// Exactly one thing has the keys: the target is managed, and it is no one only when the
	// focused tile is empty and no floating window there has them.
	target, ok := fz.m.Target()
	_, tab := fz.m.Client()
	switch {
	case ok && !fz.m.Managed(target):
		fz.fail(t, "the keys go to %d, which is not managed", target)
	case !ok && (tab || fz.m.FloatKeys != 0 && fz.floatShownHere(fz.m.FloatKeys)):
		fz.fail(t, "no one has the keys, though a tab or floating window could")
	}
	slices.Sort(got)
	if want := fz.managed(); !slices.Equal(got, want) {
		fz.fail(t, "clients %v, want %v", got, want)
	}
	fz.checkRoundTrip(t)
	live := map[int]bool{}
	for loc := range fz.m.allTiles() {
		id := loc.Tile.ID
		live[id] = true
		if !fz.live[id] && fz.everID[id] {
			fz.fail(t, "tile ID %d reused", id)
		}
		fz.everID[id] = true
	}
	fz.live = live
}
