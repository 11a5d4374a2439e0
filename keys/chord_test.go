package keys

import (
	"testing"

	"github.com/jezek/xgb/xproto"
)

const (
	shift = xproto.ModMaskShift
	ctrl  = xproto.ModMaskControl
	mod1  = xproto.ModMask1
	mod2  = xproto.ModMask2
	mod3  = xproto.ModMask3
	mod4  = xproto.ModMask4
	mod5  = xproto.ModMask5
)

// sym looks a keysym up by name for test tables, failing the test if the
// table lacks it.
func sym(t testing.TB, name string) uint32 {
	t.Helper()
	s, ok := LookupKeysym(name)
	if !ok {
		t.Fatalf("no keysym named %q", name)
	}
	return s
}

func TestParseChord(t *testing.T) {
	tests := []struct {
		text string
		mods uint16
		key  string
		str  string // canonical String
	}{
		{"Mod4+Shift+h", mod4 | shift, "h", "Mod4+Shift+h"},
		{"Shift+Mod4+h", mod4 | shift, "h", "Mod4+Shift+h"},
		{"Super+Return", mod4, "Return", "Mod4+Return"},
		{"Alt+F4", mod1, "F4", "Mod1+F4"},
		{"Ctrl+a", ctrl, "a", "Control+a"},
		{"Control+Shift+Tab", ctrl | shift, "Tab", "Control+Shift+Tab"},
		{"h", 0, "h", "h"},
		{"XF86AudioRaiseVolume", 0, "XF86AudioRaiseVolume", "XF86AudioRaiseVolume"},
		{"Mod1+comma", mod1, "comma", "Mod1+comma"},
		{"Mod1+,", mod1, "comma", "Mod1+comma"},
		{"Mod4+.", mod4, "period", "Mod4+period"},
		{"Mod4+[", mod4, "bracketleft", "Mod4+bracketleft"},
		{"Mod4+1", mod4, "1", "Mod4+1"},
		{"Mod4+Shift+1", mod4 | shift, "1", "Mod4+Shift+1"},
		{"Mod4+exclam", mod4, "exclam", "Mod4+exclam"}, // kept: only the keymap knows its key
		{"Mod4+!", mod4, "exclam", "Mod4+exclam"},
		{"mod4+SHIFT+h", mod4 | shift, "h", "Mod4+Shift+h"}, // modifier names ignore case
		{"ALT+ctrl+x", mod1 | ctrl, "x", "Mod1+Control+x"},
		{"Mod2+Mod3+Mod5+z", mod2 | mod3 | mod5, "z", "Mod2+Mod3+Mod5+z"},
		{"Mod4+Super+h", mod4, "h", "Mod4+h"}, // the same modifier twice is harmless
		{"  Mod4+h  ", mod4, "h", "Mod4+h"},
		// Upper-case letters are the lower-case key with Shift.
		{"Mod4+H", mod4 | shift, "h", "Mod4+Shift+h"},
		{"A", shift, "a", "Shift+a"},
		{"Shift+A", shift, "a", "Shift+a"},
		{"Mod4+Agrave", mod4 | shift, "agrave", "Mod4+Shift+agrave"},
		{"Mod4+Cyrillic_ZHE", mod4 | shift, "Cyrillic_zhe", "Mod4+Shift+Cyrillic_zhe"},
		// The plus key.
		{"Mod4++", mod4, "plus", "Mod4+plus"},
		{"+", 0, "plus", "plus"},
		{"Mod4+plus", mod4, "plus", "Mod4+plus"},
		// Other spellings X accepts.
		{"Mod4+U20AC", mod4, "EuroSign", "Mod4+EuroSign"},
		{"Mod4+0x1008ff13", mod4, "XF86AudioRaiseVolume", "Mod4+XF86AudioRaiseVolume"},
		{"Mod4+Henkan", mod4, "Henkan_Mode", "Mod4+Henkan_Mode"}, // an alias prints canonically
	}
	for _, tt := range tests {
		c, err := ParseChord(tt.text)
		if err != nil {
			t.Errorf("ParseChord(%q): %v", tt.text, err)
			continue
		}
		want := Chord{Mods: tt.mods, Keysym: sym(t, tt.key)}
		if c != want {
			t.Errorf("ParseChord(%q) = %v (%#x, %#x); want %v", tt.text, c, c.Mods, c.Keysym, want)
		}
		if got := c.String(); got != tt.str {
			t.Errorf("ParseChord(%q).String() = %q; want %q", tt.text, got, tt.str)
		}
		// The canonical text must read back to the same chord.
		back, err := ParseChord(c.String())
		if err != nil || back != c {
			t.Errorf("ParseChord(%q) = %v, %v; want %v", c.String(), back, err, c)
		}
	}
}

func TestParseChordErrors(t *testing.T) {
	tests := []struct{ text, err string }{
		{"Mod4+Retrun", `unknown key name "Retrun" (did you mean "Return"?)`},
		{"Mod4+return", `unknown key name "return" (did you mean "Return"?)`},
		{"Mod4+Enter", `unknown key name "Enter" (did you mean "Return"?)`},
		{"Mod4+qqqqqqqqqq", `unknown key name "qqqqqqqqqq" (use an X keysym name as xev shows it, e.g. "Return", "a", "F1")`},
		{"Supr+h", `unknown modifier "Supr" in "Supr+h" (use Mod1-Mod5, Super, Alt, Ctrl, Shift)`},
		{"Mod4+Hyper+h", `unknown modifier "Hyper" in "Mod4+Hyper+h" (use Mod1-Mod5, Super, Alt, Ctrl, Shift)`},
		{"Mod4+", `"Mod4+" has no key`},
		{"Mod4", `"Mod4" has no key`},
		{"Super+Shift", `"Super+Shift" has no key`},
		{"Mod4+h+j", `"Mod4+h+j": more than one key`},
		{"h+j", `"h+j": more than one key`},
		{"Mod4+h+Shift", `"Mod4+h+Shift": put the modifiers before the key (write "Mod4+Shift+h")`},
		{"Mod4++h", `"Mod4++h": empty name between two "+" (write "plus" for the plus key)`},
		{"+h", `"+h": empty name between two "+" (write "plus" for the plus key)`},
		{"", `empty chord (write modifiers and a key, e.g. "Mod4+Return")`},
		{"   ", `empty chord (write modifiers and a key, e.g. "Mod4+Return")`},
		{"Mod4 + h", `"Mod4 + h": a chord has no spaces (write "Mod4+h")`},
		{"Mod4+a c", `"Mod4+a c": a chord has no spaces (chords separated by spaces make a key chain, which is not allowed here)`},
	}
	for _, tt := range tests {
		c, err := ParseChord(tt.text)
		if err == nil {
			t.Errorf("ParseChord(%q) = %v; want error %s", tt.text, c, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("ParseChord(%q) error:\n got  %s\n want %s", tt.text, err, tt.err)
		}
	}
}

func TestParseSequence(t *testing.T) {
	tests := []struct {
		text string
		want string // FormatSequence of the result
	}{
		{"Mod4+Return", "Mod4+Return"},
		{"Mod4+a c", "Mod4+a c"},
		{"  Mod4+a   Shift+C  ", "Mod4+a Shift+c"},
		{"Mod4+a\tc", "Mod4+a c"},
		{"Mod4+a b c d", "Mod4+a b c d"},
		{"Mod4+a +", "Mod4+a plus"},
		{"Mod4+a Mod4++", "Mod4+a Mod4+plus"},
	}
	for _, tt := range tests {
		seq, err := ParseSequence(tt.text)
		if err != nil {
			t.Errorf("ParseSequence(%q): %v", tt.text, err)
			continue
		}
		if got := FormatSequence(seq); got != tt.want {
			t.Errorf("ParseSequence(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseSequenceErrors(t *testing.T) {
	tests := []struct{ text, err string }{
		{"", `empty key binding (write a chord, e.g. "Mod4+Return", or a chain, e.g. "Mod4+a c")`},
		{"Mod4+a b c d e", `"Mod4+a b c d e": a key chain has at most 4 chords, this one has 5`},
		{"Mod4+Retrun", `unknown key name "Retrun" (did you mean "Return"?)`},
		{"Mod4+a Retrun", `in key chain "Mod4+a Retrun": unknown key name "Retrun" (did you mean "Return"?)`},
		{"Mod4 + h", `"Mod4 + h": spaces separate the chords of a key chain, so a chord has none (write "Mod4+h")`},
		{"Mod4+ h", `"Mod4+ h": spaces separate the chords of a key chain, so a chord has none (write "Mod4+h")`},
		{"Mod4 +h", `"Mod4 +h": spaces separate the chords of a key chain, so a chord has none (write "Mod4+h")`},
		{"Mod4 + a c", `"Mod4 + a c": spaces separate the chords of a key chain, so a chord has none (write "Mod4+a c")`},
	}
	for _, tt := range tests {
		seq, err := ParseSequence(tt.text)
		if err == nil {
			t.Errorf("ParseSequence(%q) = %v; want error %s", tt.text, seq, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("ParseSequence(%q) error:\n got  %s\n want %s", tt.text, err, tt.err)
		}
	}
}

func TestChordString(t *testing.T) {
	tests := []struct {
		c    Chord
		want string
	}{
		{Chord{Mods: shift | ctrl | mod1 | mod2 | mod3 | mod4 | mod5, Keysym: 0x61}, "Mod4+Mod1+Control+Shift+Mod2+Mod3+Mod5+a"},
		{Chord{Mods: xproto.ModMaskLock, Keysym: 0x61}, "Lock+a"},
		{Chord{Keysym: 0xff0d}, "Return"},
		{Chord{Mods: mod4}, "Mod4+NoSymbol"},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.c, got, tt.want)
		}
	}
}
