package keys

import "testing"

func TestKeysymRune(t *testing.T) {
	for _, tt := range []struct {
		name string
		want rune
		ok   bool
	}{
		{"a", 'a', true},
		{"A", 'A', true},
		{"space", ' ', true},
		{"eacute", 'é', true},
		{"EuroSign", '€', true},
		{"Cyrillic_zhe", 'ж', true},
		{"U1F600", '😀', true},
		{"KP_5", '5', true},
		{"Return", 0, false},
		{"Left", 0, false},
		{"dead_acute", 0, false},
	} {
		sym, ok := LookupKeysym(tt.name)
		if !ok {
			t.Fatalf("no keysym %s", tt.name)
		}
		r, ok := KeysymRune(sym)
		if r != tt.want || ok != tt.ok {
			t.Errorf("%s (%#x) types %q %v, want %q %v", tt.name, sym, r, ok, tt.want, tt.ok)
		}
	}
}

func TestTypedTakesTheLevelTheModifiersChoose(t *testing.T) {
	alpha := &keyType{mask: shift | lock, entries: []typeEntry{{mods: shift, level: 1}, {mods: lock, level: 1}}}
	// keycode 10 types a and A
	k := newKeymap(10, [][]group{{{typ: alpha, syms: []uint32{'a', 'A'}}}}, 0, nil)
	for _, tt := range []struct {
		state uint16
		want  uint32
	}{{0, 'a'}, {shift, 'A'}, {lock, 'A'}, {shift | lock, 'a'}, {mod4, 'a'}} {
		if got := k.Typed(10, tt.state); got != tt.want {
			t.Errorf("state %#x types %#x, want %#x", tt.state, got, tt.want)
		}
	}
	if got := k.Typed(11, 0); got != 0 {
		t.Errorf("a keycode outside the map types %#x", got)
	}
}
