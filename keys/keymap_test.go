package keys

import (
	"reflect"
	"testing"

	"github.com/jezek/xgb/xproto"
)

// fakeRow is one keycode of a hand-made keyboard mapping: its columns.
type fakeRow []string

// fakeKeymap builds a Keymap from rows starting at keycode 8, with
// modifiers[i] listing the keycodes on modifier i (Shift, Lock, Control,
// Mod1..Mod5). It exercises the same code LoadKeymap feeds from X.
func fakeKeymap(t *testing.T, rows []fakeRow, modifiers [8][]xproto.Keycode) *Keymap {
	t.Helper()
	const perCode = 4
	var syms []xproto.Keysym
	for _, row := range rows {
		for col := 0; col < perCode; col++ {
			var s uint32
			if col < len(row) && row[col] != "" {
				s = sym(t, row[col])
			}
			syms = append(syms, xproto.Keysym(s))
		}
	}
	perMod := 0
	for _, codes := range modifiers {
		perMod = max(perMod, len(codes))
	}
	modCodes := make([]xproto.Keycode, 8*perMod)
	for mod, codes := range modifiers {
		copy(modCodes[mod*perMod:], codes)
	}
	return newKeymap(8, perCode, syms, perMod, modCodes)
}

// usRows is a small US-like layout, keycodes 8 up.
var usRows = []fakeRow{
	8:  {"1", "exclam"},
	9:  {"h", "H"},
	10: {"Tab", "ISO_Left_Tab"},
	11: {"Shift_L"},
	12: {"Caps_Lock"},
	13: {"Num_Lock"},
	14: {"Super_L"},
	15: {"", "Hyper_L"}, // only column 1, like Xvfb's keycode 207
	16: {"Scroll_Lock"},
	17: {"exclam", "1"}, // a layout with exclam unshifted, on another key
	18: {"space"},
	19: {"a"}, // a letter with only column 0: Shift+a is still a
}[8:]

func code(i int) xproto.Keycode { return xproto.Keycode(i) }

func TestKeymapLookups(t *testing.T) {
	km := fakeKeymap(t, usRows, [8][]xproto.Keycode{0: {11}, 1: {12}, 4: {13}, 6: {14, 15}})
	if got := km.Keysym(9, 0); got != 'h' {
		t.Errorf("Keysym(9, 0) = %#x; want h", got)
	}
	if got := km.Keysym(9, 1); got != 'H' {
		t.Errorf("Keysym(9, 1) = %#x; want H", got)
	}
	for _, tt := range []struct {
		code xproto.Keycode
		col  int
	}{{7, 0}, {20, 0}, {255, 0}, {9, 4}, {9, -1}} {
		if got := km.Keysym(tt.code, tt.col); got != 0 {
			t.Errorf("Keysym(%d, %d) = %#x; want 0 (out of range)", tt.code, tt.col, got)
		}
	}
	keycodeTests := []struct {
		name string
		want []xproto.Keycode
	}{
		{"exclam", []xproto.Keycode{8, 17}},
		{"1", []xproto.Keycode{8, 17}},
		{"Hyper_L", []xproto.Keycode{15}},
		{"h", []xproto.Keycode{9}},
		{"F1", nil},
	}
	for _, tt := range keycodeTests {
		if got := km.Keycodes(sym(t, tt.name)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Keycodes(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
	for c, want := range map[xproto.Keycode]bool{11: true, 12: true, 13: true, 14: true, 15: true, 9: false, 16: false, 200: false} {
		if got := km.IsModifier(c); got != want {
			t.Errorf("IsModifier(%d) = %v; want %v", c, got, want)
		}
	}
}

func TestKeymapLockMasks(t *testing.T) {
	tests := []struct {
		name      string
		modifiers [8][]xproto.Keycode
		numLock   uint16
		locks     []uint16
	}{
		{
			name:      "NumLock on Mod2",
			modifiers: [8][]xproto.Keycode{0: {11}, 1: {12}, 4: {13}},
			numLock:   mod2,
			locks:     []uint16{0, xproto.ModMaskLock, mod2, xproto.ModMaskLock | mod2},
		},
		{
			name:      "NumLock moved to Mod3",
			modifiers: [8][]xproto.Keycode{0: {11}, 1: {12}, 5: {13}},
			numLock:   mod3,
			locks:     []uint16{0, xproto.ModMaskLock, mod3, xproto.ModMaskLock | mod3},
		},
		{
			name:      "no NumLock modifier",
			modifiers: [8][]xproto.Keycode{0: {11}, 1: {12}},
			numLock:   0,
			locks:     []uint16{0, xproto.ModMaskLock},
		},
		{
			name:      "NumLock and ScrollLock",
			modifiers: [8][]xproto.Keycode{1: {12}, 4: {13}, 7: {16}},
			numLock:   mod2,
			locks: []uint16{0, xproto.ModMaskLock, mod2, xproto.ModMaskLock | mod2,
				mod5, xproto.ModMaskLock | mod5, mod2 | mod5, xproto.ModMaskLock | mod2 | mod5},
		},
		{
			name:      "NumLock and ScrollLock on one modifier",
			modifiers: [8][]xproto.Keycode{1: {12}, 4: {13, 16}},
			numLock:   mod2,
			locks:     []uint16{0, xproto.ModMaskLock, mod2, xproto.ModMaskLock | mod2},
		},
		{
			name:      "NumLock on Control is not ignored",
			modifiers: [8][]xproto.Keycode{1: {12}, 2: {13}},
			numLock:   0,
			locks:     []uint16{0, xproto.ModMaskLock},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := fakeKeymap(t, usRows, tt.modifiers)
			if got := km.NumLockMask(); got != tt.numLock {
				t.Errorf("NumLockMask() = %#x; want %#x", got, tt.numLock)
			}
			if got := km.LockMasks(); !reflect.DeepEqual(got, tt.locks) {
				t.Errorf("LockMasks() = %#x; want %#x", got, tt.locks)
			}
		})
	}
}

func TestKeymapClean(t *testing.T) {
	// NumLock on Mod3 here, so Mod2 is an ordinary modifier.
	km := fakeKeymap(t, usRows, [8][]xproto.Keycode{1: {12}, 5: {13}})
	const button1, button5, group = 1 << 8, 1 << 12, 1 << 13
	tests := []struct{ state, want uint16 }{
		{0, 0},
		{mod4 | shift, mod4 | shift},
		{mod4 | xproto.ModMaskLock, mod4},
		{mod4 | mod3, mod4},
		{mod4 | mod2, mod4 | mod2},
		{ctrl | button1 | button5, ctrl},
		{mod1 | group, mod1},
		{0xffff &^ xproto.ModMaskAny, shift | ctrl | mod1 | mod2 | mod4 | mod5},
	}
	for _, tt := range tests {
		if got := km.Clean(tt.state); got != tt.want {
			t.Errorf("Clean(%#x) = %#x; want %#x", tt.state, got, tt.want)
		}
	}
}

func TestKeymapResolveAndChordOf(t *testing.T) {
	km := fakeKeymap(t, usRows, [8][]xproto.Keycode{0: {11}, 1: {12}, 4: {13}, 6: {14}})
	resolveTests := []struct {
		chord string
		want  []Combo
	}{
		{"Mod4+h", []Combo{{9, mod4}}},
		{"Mod4+Shift+h", []Combo{{9, mod4 | shift}}},
		{"Mod4+H", []Combo{{9, mod4 | shift}}},
		// exclam: Shift+1 on code 8, plain on code 17.
		{"Mod4+exclam", []Combo{{8, mod4 | shift}, {17, mod4}}},
		{"Mod4+1", []Combo{{8, mod4}, {17, mod4 | shift}}},
		{"Control+Shift+Tab", []Combo{{10, ctrl | shift}}},
		{"Shift+ISO_Left_Tab", []Combo{{10, shift}}},
		{"Hyper_L", []Combo{{15, 0}}}, // column 1 alone needs no Shift
		{"F1", nil},
	}
	for _, tt := range resolveTests {
		c, err := ParseChord(tt.chord)
		if err != nil {
			t.Fatal(err)
		}
		if got := km.Resolve(c); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Resolve(%s) = %v; want %v", tt.chord, got, tt.want)
		}
	}

	chordTests := []struct {
		code    xproto.Keycode
		state   uint16
		want    string
		shifted string
	}{
		{9, mod4, "Mod4+h", ""},
		{9, mod4 | shift, "Mod4+Shift+h", ""}, // H is just h's upper case: nothing to remember
		{9, mod4 | xproto.ModMaskLock | mod2 | 1<<8, "Mod4+h", ""},
		{8, mod4 | shift, "Mod4+Shift+1", "exclam"},
		{8, mod4, "Mod4+1", ""},
		{17, shift, "Shift+exclam", "1"},
		{10, ctrl | shift, "Control+Shift+Tab", "ISO_Left_Tab"},
		{15, 0, "Hyper_L", ""},
		{19, shift, "Shift+a", ""},
		{18, shift, "Shift+space", ""},
	}
	for _, tt := range chordTests {
		c := km.ChordOf(tt.code, tt.state)
		var want uint32
		if tt.shifted != "" {
			want = sym(t, tt.shifted)
		}
		if c.String() != tt.want || c.shifted != want {
			t.Errorf("ChordOf(%d, %#x) = %v (shifted %s); want %s (shifted %q)", tt.code, tt.state, c, KeysymName(c.shifted), tt.want, tt.shifted)
		}
	}
}

// Every chord Resolve grabs must come back from ChordOf as a chord that
// Map.Lookup finds: the grab side and the match side agree.
func TestResolveThenChordOfMatches(t *testing.T) {
	km := fakeKeymap(t, usRows, [8][]xproto.Keycode{0: {11}, 1: {12}, 4: {13}, 6: {14}})
	for _, text := range []string{"Mod4+h", "Mod4+H", "Mod4+exclam", "Mod4+Shift+exclam", "Mod4+1", "Control+Shift+Tab", "Shift+ISO_Left_Tab", "Mod1+Hyper_L", "space", "Shift+a"} {
		m := NewMap()
		if err := m.Add(mustSeq(t, text), text); err != nil {
			t.Fatal(err)
		}
		c, _ := ParseChord(text)
		combos := km.Resolve(c)
		if len(combos) == 0 {
			t.Errorf("Resolve(%s) found no key", text)
		}
		for _, combo := range combos {
			for _, lock := range km.LockMasks() {
				pressed := km.ChordOf(combo.Code, combo.Mods|lock)
				if cmd, step := m.Lookup(nil, pressed); step != Done || cmd != text {
					t.Errorf("%s: key %d with state %#x gives %v, Lookup = %q, %v; want Done", text, combo.Code, combo.Mods|lock, pressed, cmd, step)
				}
			}
		}
	}
}
