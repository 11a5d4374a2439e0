package layout

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// restoreText restores the state text into a new model on screens L and R with windows 1 to 9
// existing, and returns the model and the problems said.
func restoreText(t *testing.T, text string) (*Model, []string) {
	t.Helper()
	specs := []ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, {Name: "R", Rect: Rect{1280, 0, 1024, 768}}}
	m := New(specs, []string{"1", "2"}, testStyle)
	st, err := DecodeState([]byte(text))
	if err != nil {
		t.Fatalf("DecodeState: %v", err)
	}
	problems := m.Restore(st, specs, func(c ClientID) bool { return c >= 1 && c <= 9 })
	if err := m.Check(); err != nil {
		t.Fatalf("Check after Restore: %v\n%s", err, m)
	}
	return m, problems
}

func TestRestoreRebuildsWhatWasSaved(t *testing.T) {
	m := sideBySide()
	run(t, m, "add a b; split v 0.3; add c; screen 1; ws 1; split h 0.7; add d; focus left; add e")
	c, e, f := client(t, "c"), client(t, "e"), client(t, "f")
	m.Float(&Floating{Client: f, Rect: Rect{1500, 100, 300, 200}, Border: 2, Parent: e}, nil, true)
	m.SetFullscreen(c, true)
	m.FocusFloat(f)
	m.Settle()
	data, err := json.Marshal(m.Encode())
	if err != nil {
		t.Fatal(err)
	}
	specs := []ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, {Name: "R", Rect: Rect{1280, 0, 1024, 768}}}
	m2 := New(specs, []string{"1", "2"}, testStyle)
	st, err := DecodeState(data)
	if err != nil {
		t.Fatal(err)
	}
	if problems := m2.Restore(st, specs, m.Managed); len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	m2.Settle()
	if got, want := all(m2), all(m); got != want {
		t.Errorf("restored\n%s\nwant\n%s", got, want)
	}
	if got := m2.Floating(f); got == nil || got.Rect != (Rect{1500, 100, 300, 200}) || got.Parent != e || m2.FloatKeys != f {
		t.Errorf("floating window f: %+v, keys %v", got, m2.FloatKeys)
	}
	if !m2.Fullscreen(c) || !slices.Equal(m2.History, m.History) {
		t.Errorf("fullscreen %v, history %v want %v", m2.Fullscreen(c), m2.History, m.History)
	}
}

// What anyone could write to the property: fion takes what it can use and says what it ignores.
func TestRestoreIgnoresWhatIsWrong(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       string // the model, as all() writes it with hex ids
		problems   []string
	}{
		{"gone and twice-placed windows",
			`{"version":1,"screens":[{"name":"L","focused":true,"workspaces":[{"name":"1","visible":true,"focus":1,
			 "layout":{"tile":{"id":1,"tabs":[{"window":1},{"window":77,"active":true},{"window":1},{"window":2,"active":true}]}}}]}]}`,
			">screen L: >1 >T[0x1 0x2*] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]",
			[]string{"ignored: workspace \"1\" of screen \"L\": window 0x4d, which no longer exists",
				"ignored: workspace \"1\" of screen \"L\": window 0x1, which is somewhere else already"}},
		{"a split with one child, a bad ratio, a tile ID twice",
			`{"version":1,"screens":[{"name":"L","workspaces":[{"name":"1","visible":true,"focus":9,
			 "layout":{"split":"sideways","ratio":7,"children":[{"tile":{"id":3,"tabs":[{"window":3}]}},
			   {"split":"vertical","children":[{"tile":{"id":3,"tabs":[{"window":4}]}}]}]}}]}]}`,
			">screen L: >1 H[>T[0x3*] T[0x4*]] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]",
			[]string{"ignored: workspace \"1\" of screen \"L\": a split \"sideways\" (neither horizontal nor vertical)",
				"ignored: workspace \"1\" of screen \"L\": a ratio of 7 (it must lie between 0 and 1)",
				"ignored: workspace \"1\" of screen \"L\": a split without two children",
				"ignored: workspace \"1\" of screen \"L\": tile ID 3 used twice"}},
		{"no screen at all",
			`{"version":1,"screens":[{"name":"","workspaces":[]}]}`,
			">screen L: >1 >T[] | 2 >T[]\nscreen R: >1 >T[] | 2 >T[]",
			[]string{"ignored: a screen with no name, or a name of more than 256 bytes",
				"ignored: the whole saved layout: it has no screen to use"}},
		{"a saved screen that is away lodges its workspaces",
			`{"version":1,"screens":[{"name":"X","focused":true,"workspaces":[{"name":"a","visible":true,"focus":1,"layout":{"tile":{"id":1,"tabs":[{"window":5}]}}}]},
			 {"name":"L","workspaces":[{"name":"1","visible":true,"focus":2,"layout":{"tile":{"id":2}}}]}]}`,
			">screen L: 1 >T[] | 2 >T[] | >X:1 >T[0x5*] | X:2 >T[]\nscreen R: >1 >T[] | 2 >T[]",
			nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, problems := restoreText(t, tt.text)
			if got := m.String(); got != tt.want {
				t.Errorf("model\n%s\nwant\n%s", got, tt.want)
			}
			if !slices.Equal(problems, tt.problems) {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

func TestDecodeStateRefusesWhatIsNoState(t *testing.T) {
	for text, want := range map[string]string{
		"garbage":                      "not a saved layout",
		`{"screens":[]}`:               "a saved layout of version none, and this fion reads version 1",
		`{"version":2,"screens":[]}`:   "a saved layout of version 2",
		`{"version":"1"}`:              "not a saved layout",
		`{"version":1,"screens":"no"}`: "not a saved layout",
	} {
		if _, err := DecodeState([]byte(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeState(%s) = %v, want %q", text, err, want)
		}
	}
}

// FuzzRestore feeds Restore whatever bytes: it never panics, the model it leaves is valid, and it
// holds only windows that exist, each once.
func FuzzRestore(f *testing.F) {
	m := sideBySide()
	run(f, m, "add a b; split v 0.3; add c; screen 1; ws 1; split h 0.7; add d")
	m.Float(&Floating{Client: 'f', Rect: Rect{100, 100, 300, 200}, Parent: 'd'}, nil, true)
	good, _ := json.Marshal(m.Encode())
	f.Add(good)
	f.Add([]byte(`{"version":1,"screens":[{"name":"L","workspaces":[{"layout":{"split":"horizontal","children":[null,{}]}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := DecodeState(data)
		if err != nil {
			return
		}
		specs := []ScreenSpec{{Name: "L", Rect: Rect{0, 0, 1280, 800}}, {Name: "N", Rect: Rect{1280, 0, 800, 600}}}
		m := New(specs, []string{"1", "2"}, testStyle)
		exists := func(c ClientID) bool { return c >= 'a' && c <= 'f' }
		m.Restore(st, specs, exists)
		m.Settle()
		if err := m.Check(); err != nil {
			t.Fatalf("Check after Restore: %v", err)
		}
		for _, c := range m.Clients() {
			if !exists(c) {
				t.Fatalf("window %#x does not exist, yet it is restored", uint32(c))
			}
		}
	})
}
