package keys

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"
)

// fakeRow is one keycode of a hand-made core keyboard mapping: its columns.
type fakeRow []string

// fakeKeymap builds a Keymap from a core mapping of rows starting at keycode
// 8, with modifiers[i] listing the keycodes on modifier i (Shift, Lock,
// Control, Mod1..Mod5). It exercises the code that reads a server without
// XKB.
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
	perMod, modCodes := modifierMapping(modifiers)
	return newKeymap(8, coreGroups(perCode, syms), perMod, modCodes)
}

// modifierMapping lays modifiers out as GetModifierMapping's reply does.
func modifierMapping(modifiers [8][]xproto.Keycode) (perMod int, codes []xproto.Keycode) {
	for _, c := range modifiers {
		perMod = max(perMod, len(c))
	}
	codes = make([]xproto.Keycode, 8*perMod)
	for mod, c := range modifiers {
		copy(codes[mod*perMod:], c)
	}
	return perMod, codes
}

// usRows is a small US-like core mapping, keycodes 8 up.
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
	20: {"s", "S", "Cyrillic_yeru", "Cyrillic_YERU"},
}[8:]

func TestKeymapLookups(t *testing.T) {
	km := fakeKeymap(t, usRows, [8][]xproto.Keycode{0: {11}, 1: {12}, 4: {13}, 6: {14, 15}})
	keycodeTests := []struct {
		name string
		want []xproto.Keycode
	}{
		{"exclam", []xproto.Keycode{8, 17}},
		{"1", []xproto.Keycode{8, 17}},
		{"Hyper_L", []xproto.Keycode{15}},
		{"h", []xproto.Keycode{9}},
		{"Cyrillic_YERU", []xproto.Keycode{20}},
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

// The core mapping is read as XKB writes it: two columns per group.
func TestCoreGroups(t *testing.T) {
	syms := func(names ...string) []xproto.Keysym {
		var out []xproto.Keysym
		for _, n := range names {
			if n == "" {
				out = append(out, 0)
			} else {
				out = append(out, xproto.Keysym(sym(t, n)))
			}
		}
		return out
	}
	keys := coreGroups(5, syms(
		"1", "exclam", "1", "exclam", "onesuperior", // group 2 a copy of group 1; column 4 is not read
		"Cyrillic_yeru", "Cyrillic_YERU", "s", "S", "",
		"space", "", "", "", "",
		"", "Hyper_L", "", "", "",
		"", "", "", "", "",
		"x", // a short last row is no whole keycode
	))
	got := make([]string, len(keys))
	for i, groups := range keys {
		var parts []string
		for _, g := range groups {
			var names []string
			for _, s := range g.syms {
				names = append(names, KeysymName(s))
			}
			parts = append(parts, fmt.Sprintf("%d levels: %s", len(g.typ.entries)+1, strings.Join(names, " ")))
		}
		got[i] = strings.Join(parts, "; ")
	}
	want := []string{
		"2 levels: 1 exclam; 2 levels: 1 exclam",
		"2 levels: Cyrillic_yeru Cyrillic_YERU; 2 levels: s S",
		"1 levels: space",
		"2 levels: 0x0 Hyper_L",
		"1 levels: 0x0",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("coreGroups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if keys := coreGroups(0, syms("a")); keys != nil {
		t.Errorf("coreGroups with no keysyms per keycode = %v; want none", keys)
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

const lock = xproto.ModMaskLock

// testTypes are key types as xkeyboard-config defines them, with the virtual
// modifier LevelThree (AltGr) on Mod5, where the layouts below put it.
var testTypes = map[string]*keyType{
	"ONE_LEVEL":  {},
	"TWO_LEVEL":  {mask: shift, entries: []typeEntry{{shift, 1}}},
	"ALPHABETIC": {mask: shift | lock, entries: []typeEntry{{shift, 1}, {lock, 1}}},
	"KEYPAD":     {mask: shift | mod2, entries: []typeEntry{{shift, 1}, {mod2, 1}}},
	"FOUR_LEVEL": {mask: shift | mod5, entries: []typeEntry{{shift, 1}, {mod5, 2}, {shift | mod5, 3}}},
	"FOUR_LEVEL_SEMIALPHABETIC": {mask: shift | lock | mod5, entries: []typeEntry{
		{shift, 1}, {lock, 1}, {mod5, 2}, {shift | mod5, 3}, {lock | mod5, 2}, {shift | lock | mod5, 3}}},
	"CTRL+ALT": {mask: shift | ctrl | mod1 | mod5, entries: []typeEntry{{shift, 1}, {mod5, 2}, {shift | mod5, 3}, {ctrl | mod1, 4}}},
}

// baseKeys are the modifier keys of every layout below, as Xvfb maps them.
var baseKeys = map[xproto.Keycode]string{
	37:  "ONE_LEVEL Control_L",
	50:  "TWO_LEVEL Shift_L",
	64:  "TWO_LEVEL Alt_L Meta_L",
	66:  "ONE_LEVEL Caps_Lock",
	77:  "ONE_LEVEL Num_Lock",
	92:  "ONE_LEVEL ISO_Level3_Shift",
	133: "ONE_LEVEL Super_L",
	207: "TWO_LEVEL NoSymbol Hyper_L",
	36:  "ONE_LEVEL Return",
	65:  "ONE_LEVEL space",
	23:  "TWO_LEVEL Tab ISO_Left_Tab",
	67:  "CTRL+ALT F1 F1 F1 F1 XF86Switch_VT_1",
	87:  "KEYPAD KP_End KP_1",
}

// Keys of four layouts, as setxkbmap loads them into Xvfb (some keys only).
var (
	usKeys = map[xproto.Keycode]string{
		10: "TWO_LEVEL 1 exclam",
		11: "TWO_LEVEL 2 at",
		18: "TWO_LEVEL 9 parenleft",
		35: "TWO_LEVEL bracketright braceright",
		39: "ALPHABETIC s S",
		43: "ALPHABETIC h H",
	}
	deKeys = map[xproto.Keycode]string{
		10:  "FOUR_LEVEL 1 exclam onesuperior exclamdown",
		18:  "FOUR_LEVEL 9 parenright bracketright plusminus",
		35:  "FOUR_LEVEL plus asterisk asciitilde macron",
		39:  "FOUR_LEVEL_SEMIALPHABETIC s S U017F U1E9E",
		48:  "FOUR_LEVEL_SEMIALPHABETIC adiaeresis Adiaeresis dead_circumflex dead_caron",
		108: "ONE_LEVEL ISO_Level3_Shift", // AltGr
	}
	ruUSKeys = map[xproto.Keycode]string{ // two groups: Russian, then US
		10: "TWO_LEVEL 1 exclam; TWO_LEVEL 1 exclam",
		35: "ALPHABETIC Cyrillic_hardsign Cyrillic_HARDSIGN; TWO_LEVEL bracketright braceright",
		39: "ALPHABETIC Cyrillic_yeru Cyrillic_YERU; ALPHABETIC s S",
		43: "ALPHABETIC Cyrillic_er Cyrillic_ER; ALPHABETIC h H",
	}
	frKeys = map[xproto.Keycode]string{
		10: "FOUR_LEVEL ampersand 1 onesuperior exclamdown",
		20: "FOUR_LEVEL parenright degree bracketright questiondown",
		24: "ALPHABETIC a A",
		38: "ALPHABETIC q Q",
		61: "FOUR_LEVEL exclam section dead_belowdot dead_abovedot",
	}
)

// testLayout builds an XKB Keymap from baseKeys and keys, each written
// "TYPE keysym...", groups separated by ";"; NoSymbol is a level with none.
func testLayout(t testing.TB, keys map[xproto.Keycode]string) *Keymap {
	t.Helper()
	const first = 8
	groups := make([][]group, 256-first)
	for _, m := range []map[xproto.Keycode]string{baseKeys, keys} {
		for code, text := range m {
			groups[code-first] = nil
			for _, g := range strings.Split(text, ";") {
				f := strings.Fields(g)
				typ, ok := testTypes[f[0]]
				if !ok {
					t.Fatalf("keycode %d: no key type %s", code, f[0])
				}
				var syms []uint32
				for _, name := range f[1:] {
					if name == "NoSymbol" {
						syms = append(syms, 0)
					} else {
						syms = append(syms, sym(t, name))
					}
				}
				groups[code-first] = append(groups[code-first], group{typ: typ, syms: syms})
			}
		}
	}
	perMod, modCodes := modifierMapping([8][]xproto.Keycode{0: {50}, 1: {66}, 2: {37}, 3: {64}, 4: {77}, 6: {133, 207}, 7: {92, 108}})
	return newKeymap(first, groups, perMod, modCodes)
}

func TestResolve(t *testing.T) {
	us, de, ruUS, fr := testLayout(t, usKeys), testLayout(t, deKeys), testLayout(t, ruUSKeys), testLayout(t, frKeys)
	tests := []struct {
		layout string
		km     *Keymap
		chord  string
		want   []Combo
	}{
		{"us", us, "Mod4+s", []Combo{{39, mod4}}},
		{"us", us, "Mod4+S", []Combo{{39, mod4 | shift}}},
		{"us", us, "Mod4+1", []Combo{{10, mod4}}},
		{"us", us, "Mod4+exclam", []Combo{{10, mod4 | shift}}},
		{"us", us, "Mod4+Shift+exclam", []Combo{{10, mod4 | shift}}},
		{"us", us, "Control+Shift+Tab", []Combo{{23, ctrl | shift}}},
		{"us", us, "Shift+ISO_Left_Tab", []Combo{{23, shift}}},
		{"us", us, "Hyper_L", []Combo{{207, shift}}},         // its first level has nothing: Shift reaches it
		{"us", us, "Mod4+KP_1", []Combo{{87, mod4 | shift}}}, // not Num Lock: locks are no part of a chord
		{"us", us, "Mod4+XF86Switch_VT_1", []Combo{{67, mod4 | ctrl | mod1}}},
		{"us", us, "Mod4+bracketright", []Combo{{35, mod4}}},
		{"us", us, "Mod4+adiaeresis", nil},
		{"us", us, "F13", nil},
		{"de", de, "Mod4+9", []Combo{{18, mod4}}},
		{"de", de, "Mod4+bracketright", []Combo{{18, mod4 | mod5}}}, // AltGr+9
		{"de", de, "Mod4+Mod5+bracketright", []Combo{{18, mod4 | mod5}}},
		{"de", de, "Mod4+plusminus", []Combo{{18, mod4 | shift | mod5}}},
		{"de", de, "Shift+bracketright", nil}, // Shift+AltGr+9 is plusminus
		{"de", de, "Mod4+exclam", []Combo{{10, mod4 | shift}}},
		{"de", de, "Mod4+asciitilde", []Combo{{35, mod4 | mod5}}},
		{"de", de, "Mod4+adiaeresis", []Combo{{48, mod4}}},
		{"de", de, "Mod4+U1E9E", []Combo{{39, mod4 | shift | mod5}}},
		{"ru,us", ruUS, "Mod4+s", []Combo{{39, mod4}}}, // in the second group
		{"ru,us", ruUS, "Mod4+Shift+s", []Combo{{39, mod4 | shift}}},
		{"ru,us", ruUS, "Mod4+Cyrillic_yeru", []Combo{{39, mod4}}},
		{"ru,us", ruUS, "Mod4+bracketright", []Combo{{35, mod4}}},
		{"ru,us", ruUS, "Mod4+exclam", []Combo{{10, mod4 | shift}}}, // in both groups, grabbed once
		{"fr", fr, "Mod4+ampersand", []Combo{{10, mod4}}},
		{"fr", fr, "Mod4+1", []Combo{{10, mod4 | shift}}},
		{"fr", fr, "Mod4+exclam", []Combo{{61, mod4}}},
		{"fr", fr, "Mod4+bracketright", []Combo{{20, mod4 | mod5}}},
		{"fr", fr, "Mod4+q", []Combo{{38, mod4}}},
	}
	for _, tt := range tests {
		c, err := ParseChord(tt.chord)
		if err != nil {
			t.Fatal(err)
		}
		if got := tt.km.Resolve(c); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Resolve(%s) = %v; want %v", tt.layout, tt.chord, got, tt.want)
		}
	}
	if got := us.Resolve(Chord{Mods: mod4}); got != nil {
		t.Errorf("Resolve(NoSymbol) = %v; want nothing", got)
	}
}

// pressTest is a key press and the binding it must run, "" for none.
type pressTest struct {
	code  xproto.Keycode
	state uint16
	want  string
}

func TestChordOfFindsTheBinding(t *testing.T) {
	const group2 = 1 << 13
	tests := []struct {
		name     string
		keys     map[xproto.Keycode]string
		bindings []string // each chord is bound to its own text
		presses  []pressTest
	}{
		{"a letter in the second group", ruUSKeys, []string{"Mod4+s", "Mod4+Shift+s"}, []pressTest{
			{39, mod4, "Mod4+s"},
			{39, mod4 | group2, "Mod4+s"},
			{39, mod4 | shift, "Mod4+Shift+s"},
			{39, mod4 | lock | mod2, "Mod4+s"},
			{39, 0, ""},
			{43, mod4, ""},
		}},
		{"the first group wins", ruUSKeys, []string{"Mod4+s", "Mod4+Cyrillic_yeru"}, []pressTest{
			{39, mod4, "Mod4+Cyrillic_yeru"},
		}},
		{"a keysym Shift reaches", usKeys, []string{"Mod4+exclam", "Mod4+2"}, []pressTest{
			{10, mod4 | shift, "Mod4+exclam"},
			{10, mod4, ""},
			{11, mod4, "Mod4+2"},
			{11, mod4 | shift, ""},
		}},
		{"the first level's spelling wins", usKeys, []string{"Mod4+exclam", "Mod4+Shift+1"}, []pressTest{
			{10, mod4 | shift, "Mod4+Shift+1"},
		}},
		{"a modifier that changes no level stays in the chord", usKeys, []string{"Mod4+F1"}, []pressTest{
			{67, mod4, "Mod4+F1"},
			{67, mod4 | ctrl, ""},
			{67, mod4 | shift, "Mod4+F1"}, // Shift chooses the second level, which is F1 again
		}},
		{"Control and Alt choose a level", usKeys, []string{"Mod4+XF86Switch_VT_1"}, []pressTest{
			{67, mod4 | ctrl | mod1, "Mod4+XF86Switch_VT_1"},
		}},
		{"AltGr", deKeys, []string{"Mod4+bracketright", "Mod4+9", "Mod4+parenright", "Mod4+asciitilde"}, []pressTest{
			{18, mod4 | mod5, "Mod4+bracketright"},
			{18, mod4 | mod5 | lock | mod2, "Mod4+bracketright"},
			{18, mod4, "Mod4+9"},
			{18, mod4 | shift, "Mod4+parenright"},
			{18, mod4 | shift | mod5, ""}, // plusminus
			{35, mod4 | mod5, "Mod4+asciitilde"},
		}},
		{"AltGr written in the chord", deKeys, []string{"Mod4+Mod5+bracketright"}, []pressTest{
			{18, mod4 | mod5, "Mod4+Mod5+bracketright"},
		}},
		{"a French layout", frKeys, []string{"Mod4+1", "Mod4+exclam", "Mod4+q"}, []pressTest{
			{10, mod4 | shift, "Mod4+1"},
			{10, mod4, ""},
			{61, mod4, "Mod4+exclam"},
			{38, mod4, "Mod4+q"},
			{24, mod4, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := testLayout(t, tt.keys)
			m := NewMap()
			for _, b := range tt.bindings {
				if err := m.Add(mustSeq(t, b), b); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range tt.presses {
				c := km.ChordOf(p.code, p.state)
				_, cmd, _ := m.Lookup(nil, c)
				if cmd != p.want {
					t.Errorf("key %d with state %#x (%v) runs %q; want %q", p.code, p.state, c, cmd, p.want)
				}
			}
		})
	}
}

func TestChordOfString(t *testing.T) {
	ruUS := testLayout(t, ruUSKeys)
	for _, tt := range []struct {
		code  xproto.Keycode
		state uint16
		want  string
	}{
		{39, mod4 | lock, "Mod4+Cyrillic_yeru"}, // the first group's first level
		{39, mod4 | shift, "Mod4+Shift+Cyrillic_yeru"},
		{207, shift, "Shift+NoSymbol"},
		{7, mod4, "Mod4+NoSymbol"}, // below the keymap
		{255, 0, "NoSymbol"},       // a keycode with no groups
	} {
		if got := ruUS.ChordOf(tt.code, tt.state).String(); got != tt.want {
			t.Errorf("ChordOf(%d, %#x) = %s; want %s", tt.code, tt.state, got, tt.want)
		}
	}
}

// Every chord Resolve grabs must come back from ChordOf as a chord that
// Map.Lookup finds: the grab side and the match side agree.
func TestResolveThenChordOfMatches(t *testing.T) {
	layouts := map[string]*Keymap{
		"core": fakeKeymap(t, usRows, [8][]xproto.Keycode{0: {11}, 1: {12}, 4: {13}, 6: {14}}),
		"us":   testLayout(t, usKeys), "de": testLayout(t, deKeys), "ru,us": testLayout(t, ruUSKeys), "fr": testLayout(t, frKeys),
	}
	chords := []string{"Mod4+h", "Mod4+H", "Mod4+exclam", "Mod4+Shift+exclam", "Mod4+1", "Control+Shift+Tab",
		"Shift+ISO_Left_Tab", "Mod1+Hyper_L", "space", "Shift+a", "Shift+space", "Mod4+s", "Mod4+S", "Mod4+bracketright",
		"Mod4+plusminus", "Mod4+Cyrillic_YERU", "Mod4+KP_1", "Mod4+XF86Switch_VT_1", "Mod4+ampersand", "Mod4+adiaeresis"}
	for name, km := range layouts {
		found := 0
		for _, text := range chords {
			m := NewMap()
			if err := m.Add(mustSeq(t, text), text); err != nil {
				t.Fatal(err)
			}
			c, _ := ParseChord(text)
			for _, combo := range km.Resolve(c) {
				found++
				for _, lock := range km.LockMasks() {
					pressed := km.ChordOf(combo.Code, combo.Mods|lock)
					if _, cmd, step := m.Lookup(nil, pressed); step != Done || cmd != text {
						t.Errorf("%s: %s: key %d with state %#x gives %v, Lookup = %q, %v; want Done", name, text, combo.Code, combo.Mods|lock, pressed, cmd, step)
					}
				}
			}
		}
		if found < 8 {
			t.Errorf("%s: only %d keys found for the chords", name, found)
		}
	}
}

func TestKeymapSame(t *testing.T) {
	a, b := testLayout(t, deKeys), testLayout(t, deKeys)
	if !a.Same(b) {
		t.Error("two keymaps of the same layout are not the Same")
	}
	if a.Same(testLayout(t, usKeys)) || a.Same(nil) {
		t.Error("a German keymap is the Same as a US one, or as none")
	}
}
