package x11

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestCompoundText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"ASCII", "plain", "plain"},
		{"Latin-1 right half, the default", "\xdcber caf\xe9", "Über café"},
		{"a UTF-8 segment", "\x1b%G\xc3\x9cn\xc3\xafc\xc3\xb8d\xc3\xa9\x1b%@!", "Ünïcødé!"},
		{"invalid UTF-8 in a segment", "\x1b%G\xff\x1b%@", "\uFFFD"},
		{"Latin-1 designated", "\x1b-Aok\xe9", "oké"},
		// What xterm -T 'Ελληνικά Кириллица café' writes in the C.UTF-8 locale (read with xprop):
		// ESC - F and ESC - L switch only the right half, so the spaces and "caf" stay.
		{"xterm's Greek, Cyrillic and Latin-1",
			"\x1b-F\xc5\xeb\xeb\xe7\xed\xe9\xea\xdc \x1b-L\xba\xd8\xe0\xd8\xdb\xdb\xd8\xe6\xd0 caf\x1b-A\xe9",
			"Ελληνικά Кириллица café"},
		{"Cyrillic edges", "\x1b-L\xa1\xac\xad\xae\xaf\xb0\xef\xf0\xf1\xfc\xfd\xfe\xff", "ЁЌ\u00adЎЏАя№ёќ§ўџ"},
		{"Greek edges", "\x1b-F\xa1\xa2\xa4\xaf\xb4\xb6\xb7\xbb\xbd\xbf\xc0\xd1\xd3\xfe", "‘’€―΄Ά·»½ΏΐΡΣώ"},
		{"Greek holes are left out", "\x1b-Fa\xaeb\xd2c\xffd", "abcd"},
		{"a UTF-8 segment ends where it began", "\x1b-F\xe1\x1b%G\xe2\x9c\x93\x1b%@\xe2", "α✓β"},
		// JIS X 0208 in the left half: its bytes are left out, and ESC ( B brings ASCII back.
		{"a double-byte set in GL", "a\x1b$(B\x30\x21\x1b(Bb", "ab"},
		{"an unknown GL set keeps GR", "\x1b(Jx\xe9y\x1b(Bz", "éz"},
		{"an unknown GR set keeps GL", "\x1b-Hab\xe0\xe1c\x1b-Ad\xe9", "abcdé"},
		{"a 94-character set in GR", "\x1b)Ia\xb1\xb2b", "ab"},
		{"spaces stay in any set", "\x1b$(Bx y\x1b(B", " "},
		{"an extended segment is skipped by its length", "a\x1b%/1\x80\x89koi8-r\x02\xf0\xf2b", "ab"},
		{"a truncated extended segment", "a\x1b%/1\x80\xff", "a"},
		{"direction controls are dropped", "\x9b1]left\x9b]", "left"},
		{"other C1 controls are dropped", "a\x85\x8eb", "ab"},
		{"a lone ESC", "\x1b", ""},
		{"an escape cut short", "ab\x1b-", "ab"},
		{"NUL ends the text", "cut\x00here", "cut"},
	} {
		if got := compoundText([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: compoundText(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// The right halves are checked against the ISO 8859 tables of golang.org/x/text, byte by byte.
func TestCompoundTextRightHalves(t *testing.T) {
	for _, tt := range []struct {
		final byte
		cm    *charmap.Charmap
	}{
		{'A', charmap.ISO8859_1},
		{'F', charmap.ISO8859_7},
		{'L', charmap.ISO8859_5},
	} {
		for b := 0xa0; b <= 0xff; b++ {
			want := ""
			if r := tt.cm.DecodeByte(byte(b)); r != '\uFFFD' {
				want = string(r)
			}
			if got := compoundText([]byte{0x1b, '-', tt.final, byte(b)}); got != want {
				t.Errorf("ESC - %c, byte %#x: %q, want %q", tt.final, b, got, want)
			}
		}
	}
}
