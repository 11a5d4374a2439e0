package keys

import (
	"testing"
)

// mustSeq parses a key chain for a test table.
func mustSeq(t *testing.T, text string) []Chord {
	t.Helper()
	seq, err := ParseSequence(text)
	if err != nil {
		t.Fatalf("ParseSequence(%q): %v", text, err)
	}
	return seq
}

func TestMapAddErrors(t *testing.T) {
	tests := []struct {
		name  string
		bound [][2]string // sequence, command: added first, must succeed
		seq   string
		cmd   string
		err   string
	}{
		{
			name:  "duplicate",
			bound: [][2]string{{"Mod4+Return", "exec xterm"}},
			seq:   "Super+Return", cmd: "exec st",
			err: `"Mod4+Return" is bound twice: to "exec xterm" and to "exec st"`,
		},
		{
			name:  "duplicate after upper-case normalisation",
			bound: [][2]string{{"Mod4+Shift+h", "a"}},
			seq:   "Mod4+H", cmd: "b",
			err: `"Mod4+Shift+h" is bound twice: to "a" and to "b"`,
		},
		{
			name:  "duplicate chain",
			bound: [][2]string{{"Mod4+a c", "a"}},
			seq:   "Mod4+a c", cmd: "b",
			err: `"Mod4+a c" is bound twice: to "a" and to "b"`,
		},
		{
			name:  "extends a bound chord",
			bound: [][2]string{{"Mod4+a", "attach"}},
			seq:   "Mod4+a c", cmd: "close",
			err: `"Mod4+a c" (for "close") extends "Mod4+a", which is already bound to "attach"; a chord cannot both run a command and start a key chain`,
		},
		{
			name:  "extends a bound chain",
			bound: [][2]string{{"Mod4+a b", "x"}},
			seq:   "Mod4+a b c", cmd: "y",
			err: `"Mod4+a b c" (for "y") extends "Mod4+a b", which is already bound to "x"; a chord cannot both run a command and start a key chain`,
		},
		{
			name:  "prefix of a chain",
			bound: [][2]string{{"Mod4+a c", "close"}},
			seq:   "Mod4+a", cmd: "attach",
			err: `"Mod4+a" (for "attach") starts the key chain "Mod4+a c", which is already bound to "close"; a chord cannot both run a command and start a key chain`,
		},
		{
			name:  "prefix of a longer chain",
			bound: [][2]string{{"Mod4+a b c d", "deep"}},
			seq:   "Mod4+a b", cmd: "shallow",
			err: `"Mod4+a b" (for "shallow") starts the key chain "Mod4+a b c d", which is already bound to "deep"; a chord cannot both run a command and start a key chain`,
		},
		{
			name: "too long",
			seq:  "", cmd: "x", // built below
			err: `"a b c d e": a key chain has at most 4 chords, this one has 5`,
		},
		{
			name: "empty",
			seq:  "-", cmd: "x",
			err: "empty key binding",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMap()
			for _, b := range tt.bound {
				if err := m.Add(mustSeq(t, b[0]), b[1]); err != nil {
					t.Fatalf("Add(%q): %v", b[0], err)
				}
			}
			var seq []Chord
			switch tt.seq {
			case "": // ParseSequence refuses five chords; build them by hand.
				for _, k := range "abcde" {
					seq = append(seq, Chord{Keysym: uint32(k)})
				}
			case "-":
			default:
				seq = mustSeq(t, tt.seq)
			}
			before := m.Len()
			err := m.Add(seq, tt.cmd)
			if err == nil {
				t.Fatalf("Add(%q) succeeded; want error %s", tt.seq, tt.err)
			}
			if err.Error() != tt.err {
				t.Errorf("Add(%q) error:\n got  %s\n want %s", tt.seq, err, tt.err)
			}
			if m.Len() != before {
				t.Errorf("a refused Add changed Len from %d to %d", before, m.Len())
			}
		})
	}
}

func TestMapLookup(t *testing.T) {
	m := NewMap()
	for _, b := range [][2]string{
		{"Mod4+Return", "exec xterm"},
		{"Mod4+a c", "close"},
		{"Mod4+a d", "detach"},
		{"Mod4+a Mod4+a", "attach"},
		{"Mod4+b x y z", "deep"},
		{"Mod4+H", "shift-h"},
		{"Mod4+exclam", "bang"},
		{"Mod4+Shift+2", "shift-2"},
		{"Mod4+at", "at"}, // same key as Mod4+Shift+2 on a US layout: the column-0 spelling wins
		{"c", "bare c"},
	} {
		if err := m.Add(mustSeq(t, b[0]), b[1]); err != nil {
			t.Fatalf("Add(%q): %v", b[0], err)
		}
	}
	if m.Len() != 10 {
		t.Errorf("Len() = %d; want 10", m.Len())
	}

	// pressed builds what Keymap.ChordOf returns for a key of a US layout
	// whose second level, which Shift chooses, is the keysym named shifted.
	pressed := func(text, shifted string) Chord {
		c, err := ParseChord(text)
		if err != nil {
			t.Fatal(err)
		}
		if shifted != "" {
			c.readings = &[]reading{{keysym: c.Keysym}, {keysym: sym(t, shifted), used: shift}}
		}
		return c
	}
	tests := []struct {
		prefix []string
		c      Chord
		cmd    string
		step   Step
		bound  string // the chain so far, as bound
	}{
		{nil, pressed("Mod4+Return", ""), "exec xterm", Done, "Mod4+Return"},
		{nil, pressed("Mod4+Shift+Return", ""), "", NoMatch, ""}, // modifiers must match exactly
		{nil, pressed("Return", ""), "", NoMatch, ""},
		{nil, pressed("Mod4+a", ""), "", Prefix, "Mod4+a"},
		{[]string{"Mod4+a"}, pressed("c", ""), "close", Done, "Mod4+a c"},
		{[]string{"Mod4+a"}, pressed("d", ""), "detach", Done, "Mod4+a d"},
		{[]string{"Mod4+a"}, pressed("Mod4+a", ""), "attach", Done, "Mod4+a Mod4+a"},
		{[]string{"Mod4+a"}, pressed("e", ""), "", NoMatch, ""},
		{[]string{"Mod4+a"}, pressed("Mod4+c", ""), "", NoMatch, ""},
		{nil, pressed("c", ""), "bare c", Done, "c"}, // c alone is its own binding
		{nil, pressed("Mod4+b", ""), "", Prefix, "Mod4+b"},
		{[]string{"Mod4+b"}, pressed("x", ""), "", Prefix, "Mod4+b x"},
		{[]string{"Mod4+b", "x"}, pressed("y", ""), "", Prefix, "Mod4+b x y"},
		{[]string{"Mod4+b", "x", "y"}, pressed("z", ""), "deep", Done, "Mod4+b x y z"},
		{[]string{"Mod4+b", "y"}, pressed("z", ""), "", NoMatch, ""}, // a prefix that leads nowhere
		{[]string{"Mod4+Return"}, pressed("c", ""), "", NoMatch, ""}, // a complete binding has no chain after it
		{nil, pressed("Mod4+Shift+h", ""), "shift-h", Done, "Mod4+Shift+h"},
		// The "1" key with Shift: its first level is 1, Shift chooses exclam.
		{nil, pressed("Mod4+Shift+1", "exclam"), "bang", Done, "Mod4+exclam"},
		{nil, pressed("Mod4+Shift+1", ""), "", NoMatch, ""},
		{nil, pressed("Mod4+1", ""), "", NoMatch, ""},
		// The same key bound in both spellings: the first level's wins.
		{nil, pressed("Mod4+Shift+2", "at"), "shift-2", Done, "Mod4+Shift+2"},
		// A chord made by hand with an upper-case letter still finds the binding.
		{nil, Chord{Mods: mod4, Keysym: 0x48}, "shift-h", Done, "Mod4+Shift+h"},
	}
	for _, tt := range tests {
		var prefix []Chord
		for _, p := range tt.prefix {
			prefix = append(prefix, pressed(p, ""))
		}
		bound, cmd, step := m.Lookup(prefix, tt.c)
		if cmd != tt.cmd || step != tt.step {
			t.Errorf("Lookup(%q, %v) = %q, %v; want %q, %v", tt.prefix, tt.c, cmd, step, tt.cmd, tt.step)
		}
		if got := FormatSequence(bound); got != tt.bound {
			t.Errorf("Lookup(%q, %v) gives the chain %q; want %q", tt.prefix, tt.c, got, tt.bound)
		}
	}
}

func TestMapShiftedSpellingWithShift(t *testing.T) {
	m := NewMap()
	if err := m.Add(mustSeq(t, "Mod4+Shift+exclam"), "bang"); err != nil {
		t.Fatal(err)
	}
	c := Chord{Mods: mod4 | shift, Keysym: sym(t, "1"), readings: &[]reading{{keysym: sym(t, "1")}, {keysym: sym(t, "exclam"), used: shift}}}
	if _, cmd, step := m.Lookup(nil, c); cmd != "bang" || step != Done {
		t.Errorf("Lookup(Mod4+Shift+1 giving exclam) = %q, %v; want bang, Done", cmd, step)
	}
}

func TestMapRoots(t *testing.T) {
	m := NewMap()
	for _, s := range []string{"Mod4+a c", "Mod4+Return", "Mod4+a d", "XF86AudioMute", "Mod4+b x"} {
		if err := m.Add(mustSeq(t, s), s); err != nil {
			t.Fatal(err)
		}
	}
	got := FormatSequence(m.Roots())
	if want := "Mod4+a Mod4+Return XF86AudioMute Mod4+b"; got != want {
		t.Errorf("Roots() = %q; want %q", got, want)
	}
	if roots := NewMap().Roots(); len(roots) != 0 {
		t.Errorf("empty map Roots() = %v", roots)
	}
}

func TestStepString(t *testing.T) {
	for s, want := range map[Step]string{NoMatch: "NoMatch", Prefix: "Prefix", Done: "Done", Step(7): "Step(7)"} {
		if got := s.String(); got != want {
			t.Errorf("Step(%d).String() = %q; want %q", int(s), got, want)
		}
	}
}
