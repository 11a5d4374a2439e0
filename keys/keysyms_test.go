package keys

import (
	"sort"
	"testing"
)

func TestLookupKeysym(t *testing.T) {
	tests := []struct {
		name string
		sym  uint32
		ok   bool
	}{
		{"Return", 0xff0d, true},
		{"a", 0x61, true},
		{"A", 0x41, true},
		{"1", 0x31, true},
		{"comma", 0x2c, true},
		{"F4", 0xffc1, true},
		{"Super_L", 0xffeb, true},
		{"Num_Lock", 0xff7f, true},
		{"XF86AudioRaiseVolume", 0x1008ff13, true},
		{"XF86MonBrightnessUp", 0x1008ff02, true},
		{"XF86Info", 0x10081166, true}, // an _EVDEVK(...) definition
		{"Henkan", 0xff23, true},       // an alias still reads
		{"EuroSign", 0x20ac, true},
		{"U20AC", 0x20ac, true},     // Unicode name of a character with a legacy keysym
		{"U0041", 0x41, true},       // Latin-1 range is the code point itself
		{"U1F600", 0x101f600, true}, // no legacy keysym: the Unicode keysym
		{"0x1008ff13", 0x1008ff13, true},
		{"return", 0, false}, // names are case-sensitive, as in X
		{"Retrun", 0, false},
		{"", 0, false},
		{"U", 0x55, true}, // the letter, not a Unicode name
		{"UZZZZ", 0, false},
		{"0x", 0, false},
		{"0xzz", 0, false},
	}
	for _, tt := range tests {
		sym, ok := LookupKeysym(tt.name)
		if sym != tt.sym || ok != tt.ok {
			t.Errorf("LookupKeysym(%q) = 0x%x, %v; want 0x%x, %v", tt.name, sym, ok, tt.sym, tt.ok)
		}
	}
}

func TestKeysymName(t *testing.T) {
	tests := []struct {
		sym  uint32
		name string
	}{
		{0xff0d, "Return"},
		{0x2c, "comma"},
		{0x61, "a"},
		{0xff23, "Henkan_Mode"}, // the first name defined, not the alias "Henkan"
		{0xff7e, "Mode_switch"}, // not script_switch, ISO_Group_Shift, kana_switch...
		{0x27, "apostrophe"},    // not the deprecated quoteright
		{0x1008ff13, "XF86AudioRaiseVolume"},
		{0x101f600, "U1F600"},
		{0x12345678, "0x12345678"},
	}
	for _, tt := range tests {
		if got := KeysymName(tt.sym); got != tt.name {
			t.Errorf("KeysymName(0x%x) = %q; want %q", tt.sym, got, tt.name)
		}
	}
}

// Every canonical name must read back to its keysym, or Chord.String would
// write text ParseChord cannot read.
func TestKeysymNamesRoundTrip(t *testing.T) {
	if len(keysymNames) < 2000 {
		t.Fatalf("only %d keysyms in the table; was keysyms_table.go generated from the full headers?", len(keysymNames))
	}
	for _, ks := range keysymNames {
		if got := KeysymName(ks.sym); got != ks.name {
			t.Errorf("KeysymName(0x%x) = %q; want %q", ks.sym, got, ks.name)
		}
		if sym, ok := LookupKeysym(ks.name); !ok || sym != ks.sym {
			t.Errorf("LookupKeysym(%q) = 0x%x, %v; want 0x%x", ks.name, sym, ok, ks.sym)
		}
	}
}

// The lookups binary-search the tables, so they must be sorted.
func TestTablesSorted(t *testing.T) {
	if !sort.SliceIsSorted(keysymsByName[:], func(i, j int) bool { return keysymsByName[i].name < keysymsByName[j].name }) {
		t.Error("keysymsByName is not sorted by name")
	}
	if !sort.SliceIsSorted(keysymNames[:], func(i, j int) bool { return keysymNames[i].sym < keysymNames[j].sym }) {
		t.Error("keysymNames is not sorted by keysym")
	}
	if !sort.SliceIsSorted(keysymsByRune[:], func(i, j int) bool { return keysymsByRune[i][0] < keysymsByRune[j][0] }) {
		t.Error("keysymsByRune is not sorted by character")
	}
	if !sort.SliceIsSorted(lowerKeysyms[:], func(i, j int) bool { return lowerKeysyms[i][0] < lowerKeysyms[j][0] }) {
		t.Error("lowerKeysyms is not sorted by keysym")
	}
}

func TestLowerKeysym(t *testing.T) {
	tests := []struct {
		name, lower string // lower "" means: not an upper-case letter
	}{
		{"A", "a"},
		{"Z", "z"},
		{"Agrave", "agrave"},
		{"Cyrillic_A", "Cyrillic_a"},
		{"Greek_OMEGA", "Greek_omega"},
		{"a", ""},
		{"1", ""},
		{"exclam", ""},
		{"Return", ""},
		{"Iabovedot", ""}, // lowers to i, which raises to I: not a case pair
		{"U0429", "Cyrillic_shcha"},
		{"U1E9E", ""}, // capital sharp s lowers to ß, which does not raise back
	}
	for _, tt := range tests {
		sym, ok := LookupKeysym(tt.name)
		if !ok {
			t.Fatalf("no keysym %q", tt.name)
		}
		lower, isUpper := lowerKeysym(sym)
		if tt.lower == "" {
			if isUpper {
				t.Errorf("lowerKeysym(%s) = %s; want not an upper-case letter", tt.name, KeysymName(lower))
			}
			continue
		}
		want, _ := LookupKeysym(tt.lower)
		if !isUpper || lower != want {
			t.Errorf("lowerKeysym(%s) = %s, %v; want %s", tt.name, KeysymName(lower), isUpper, tt.lower)
		}
	}
}

func TestSingleCharKeysym(t *testing.T) {
	tests := []struct {
		text string
		name string // "" means not a key
	}{
		{",", "comma"},
		{".", "period"},
		{"[", "bracketleft"},
		{"1", "1"},
		{"+", "plus"},
		{"é", "eacute"},
		{"€", "EuroSign"},
		{"ж", "Cyrillic_zhe"},
		{"😀", "U1F600"},
		{" ", ""},
		{"ab", ""},
		{"\x01", ""},
	}
	for _, tt := range tests {
		sym, ok := singleCharKeysym(tt.text)
		if tt.name == "" {
			if ok {
				t.Errorf("singleCharKeysym(%q) = %s; want not a key", tt.text, KeysymName(sym))
			}
			continue
		}
		if !ok || KeysymName(sym) != tt.name {
			t.Errorf("singleCharKeysym(%q) = %s, %v; want %s", tt.text, KeysymName(sym), ok, tt.name)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Retrun", "Return"},
		{"return", "Return"},
		{"RETURN", "Return"},
		{"Space", "space"},
		{"escape", "Escape"},
		{"Esc", "Escape"},
		{"Enter", "Return"},
		{"page_up", "Page_Up"},
		{"PgUp", "Page_Up"},
		{"Backspace", "BackSpace"},
		{"XF86AudioRaiseVolme", "XF86AudioRaiseVolume"},
		{"Super_l", "Super_L"},
		{"Tabb", "Tab"},
		{"Henkan", "Henkan"}, // a known alias is its own suggestion
		{"qqqqqqqqqq", ""},
		{"zz", "z"},
		{"Zz", "Z"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.name); got != tt.want {
			t.Errorf("Suggest(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"retrun", "return", 1}, // swapped neighbours count once
		{"tab", "tabb", 1},
		{"kitten", "sitting", 3},
		{"a", "xyzxyz", 5}, // capped at max
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 5); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
