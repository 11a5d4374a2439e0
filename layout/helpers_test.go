package layout

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// Tests name clients by letter: a is ClientID 1, b is 2, and so on.
func letter(c ClientID) string {
	if c >= 1 && c <= 26 {
		return string(rune('a' + c - 1))
	}
	return fmt.Sprintf("%#x", uint32(c))
}

func client(t testing.TB, s string) ClientID {
	t.Helper()
	if len(s) != 1 || s[0] < 'a' || s[0] > 'z' {
		t.Fatalf("bad client name %q", s)
	}
	return ClientID(s[0]-'a') + 1
}

// testStyle is used by every table test: a 20 pixel bar, 2 pixel borders
// and tiles of at least 100 pixels.
var testStyle = Style{BarHeight: 20, Border: 2, MinSize: 100}

// oneScreen is a 1000x800 model with workspaces 1, 2 and 3.
func oneScreen() *Model {
	return New([]ScreenSpec{{Name: "S", Rect: Rect{0, 0, 1000, 800}}}, []string{"1", "2", "3"}, testStyle)
}

// sideBySide is the 1280x800 + 1024x768 pair from the brief, left to right.
func sideBySide() *Model {
	return New([]ScreenSpec{
		{Name: "L", Rect: Rect{0, 0, 1280, 800}},
		{Name: "R", Rect: Rect{1280, 0, 1024, 768}},
	}, []string{"1", "2"}, testStyle)
}

// stacked is the same pair, the smaller one below.
func stacked() *Model {
	return New([]ScreenSpec{
		{Name: "T", Rect: Rect{0, 0, 1280, 800}},
		{Name: "B", Rect: Rect{0, 800, 1024, 768}},
	}, []string{"1", "2"}, testStyle)
}

// ws formats the focused workspace with letter names.
func ws(m *Model) string { return m.Workspace().Format(letter) }

// all formats the whole model with letter names.
func all(m *Model) string { return m.format(letter) }

// run applies a script of operations separated by ';' to m, checking the
// invariants after each. An operation that reports failure (false, or an
// error) fails the test unless it is written with a leading '!', which in
// turn demands the failure.
//
//	add a b | addto ID a | rm a | act a | split h|v [ratio] | rmtile
//	resize DIR PX | border ID POS | focus DIR | next | prev | tile ID
//	screen N | snext | sprev | tab next|prev|N | movetab DIR | moveto DIR
//	movews N | ws N | wsnext | wsprev | settle | last | wslast
//	swap DIR | rotate | equal [all] | zoom on|off | attach a
//	drop a ID | drop-beside a ID DIR | reorder a I
//
// Tiles are named by ID; "border ID POS" moves the nearest split that has
// tile ID on its A side.
func run(t testing.TB, m *Model, script string) {
	t.Helper()
	for _, step := range strings.Split(script, ";") {
		step = strings.TrimSpace(step)
		if step == "" {
			continue
		}
		wantFail := strings.HasPrefix(step, "!")
		f := strings.Fields(strings.TrimPrefix(step, "!"))
		ok := apply(t, m, f[0], f[1:])
		if ok == wantFail {
			t.Fatalf("step %q: succeeded=%v, want %v\n%s", step, ok, !wantFail, all(m))
		}
		if err := m.Check(); err != nil {
			t.Fatalf("step %q broke the model: %v\n%s", step, err, all(m))
		}
	}
}

func apply(t testing.TB, m *Model, op string, args []string) bool {
	t.Helper()
	arg := func(i int) string {
		if i >= len(args) {
			t.Fatalf("%s: missing argument %d", op, i+1)
		}
		return args[i]
	}
	num := func(i int) int {
		n, err := strconv.Atoi(arg(i))
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		return n
	}
	dir := func(i int) Dir {
		d, ok := ParseDir(arg(i))
		if !ok {
			t.Fatalf("%s: bad direction %q", op, arg(i))
		}
		return d
	}
	tile := func(i int) *Tile {
		loc, ok := m.FindTile(num(i))
		if !ok {
			t.Fatalf("%s: no tile %s", op, arg(i))
		}
		return loc.Tile
	}
	switch op {
	case "add":
		for _, a := range args {
			m.Add(client(t, a))
		}
		return true
	case "addto":
		m.AddTo(tile(0), client(t, arg(1)))
		return true
	case "rm":
		return m.Remove(client(t, arg(0)))
	case "act":
		return m.Activate(client(t, arg(0)))
	case "split":
		o := Horizontal
		if arg(0) == "v" {
			o = Vertical
		}
		ratio := 0.5
		if len(args) > 1 {
			r, err := strconv.ParseFloat(args[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			ratio = r
		}
		return m.Split(o, ratio)
	case "rmtile":
		return m.RemoveTile() == nil
	case "resize":
		return m.Resize(dir(0), num(1))
	case "border":
		n := tile(0).Node
		for n.Parent != nil && n.Parent.A != n {
			n = n.Parent
		}
		return m.SetBorder(n.Parent, num(1))
	case "focus":
		return m.Focus(dir(0))
	case "next":
		m.FocusNext()
		return true
	case "prev":
		m.FocusPrev()
		return true
	case "tile":
		return m.FocusTile(tile(0))
	case "screen":
		return m.FocusScreen(num(0))
	case "snext":
		m.ScreenNext()
		return true
	case "sprev":
		m.ScreenPrev()
		return true
	case "tab":
		switch arg(0) {
		case "next":
			m.TabNext()
			return true
		case "prev":
			m.TabPrev()
			return true
		}
		return m.TabSelect(num(0))
	case "movetab":
		return m.MoveTab(dir(0))
	case "moveto":
		return m.MoveTabTo(dir(0))
	case "movews":
		return m.MoveTabToWorkspace(num(0))
	case "ws":
		return m.SwitchWorkspace(num(0))
	case "wsnext":
		m.WorkspaceNext()
		return true
	case "wsprev":
		m.WorkspacePrev()
		return true
	case "settle":
		m.Settle()
		return true
	case "last":
		return m.FocusLast()
	case "wslast":
		return m.WorkspaceLast()
	case "swap":
		return m.Swap(dir(0))
	case "rotate":
		return m.Rotate() == nil
	case "equal":
		return m.Equalize(len(args) > 0 && args[0] == "all")
	case "zoom":
		return m.ZoomTile(arg(0) == "on")
	case "attach":
		return m.AttachTo(client(t, arg(0)), m.Tile()) == nil
	case "drop": // drop CLIENT TILE: into that tile
		return m.MoveToTile(client(t, arg(0)), tile(1))
	case "drop-beside": // drop-beside CLIENT TILE DIR: into a new tile split off that side
		fresh, ok := m.SplitBeside(tile(1), dir(2))
		return ok && m.MoveToTile(client(t, arg(0)), fresh)
	case "reorder": // reorder CLIENT I
		return m.MoveTabAt(client(t, arg(0)), num(1))
	}
	t.Fatalf("unknown operation %q", op)
	return false
}

// frames returns the frames of the visible tiles by tile ID.
func frames(m *Model) map[int]Rect {
	r := map[int]Rect{}
	for _, p := range m.Visible() {
		r[p.Tile.ID] = p.Frame
	}
	return r
}

// runScripts runs each script on a fresh one-screen model and compares the workspace with want.
func runScripts(t *testing.T, tests []struct{ name, script, want string }) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := oneScreen()
			run(t, m, tt.script)
			if got := ws(m); got != tt.want {
				t.Errorf("after %q\ngot  %s\nwant %s", tt.script, got, tt.want)
			}
		})
	}
}
