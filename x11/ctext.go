package x11

import (
	"strings"
	"unicode/utf8"
)

// X Compound Text (the COMPOUND_TEXT type of WM_NAME) is ISO 2022: the left half of the byte
// range (GL, 0x21-0x7e) and the right half (GR, 0xa0-0xff) each show one character set at a time,
// and escape sequences switch them apart. It starts with ASCII in GL and Latin-1's right half in
// GR; Xlib then designates into GR the ISO 8859 part a piece of text needs (ESC - F for Greek,
// ESC - L for Cyrillic), or writes a UTF-8 segment (ESC % G ... ESC % @) for text beyond them.

// rightHalf maps a GR byte to its character, or -1 where the set has none.
type rightHalf func(b byte) rune

// latin1Right is ISO 8859-1's right half: each byte is its own code point.
func latin1Right(b byte) rune { return rune(b) }

// cyrillicRight is ISO 8859-5's right half: Ё to Џ, А to я and ё to џ in Unicode's order, with
// the no-break space, the soft hyphen, № and § in four places.
func cyrillicRight(b byte) rune {
	switch b {
	case 0xa0, 0xad:
		return rune(b)
	case 0xf0:
		return '№'
	case 0xfd:
		return '§'
	}
	return rune(b) + 0x360
}

// greekRight is ISO 8859-7's right half (its 2003 edition, with € and ₯): punctuation up to
// 0xb3, then the Greek letters in Unicode's order, with three holes and three Latin-1 signs.
func greekRight(b byte) rune {
	switch b {
	case 0xae, 0xd2, 0xff:
		return -1
	case 0xa1:
		return '‘'
	case 0xa2:
		return '’'
	case 0xa4:
		return '€'
	case 0xa5:
		return '₯'
	case 0xaa:
		return 'ͺ'
	case 0xaf:
		return '―'
	case 0xb7, 0xbb, 0xbd: // ·, », ½ as in Latin-1
		return rune(b)
	}
	if b < 0xb4 {
		return rune(b) // the rest of the punctuation is Latin-1's
	}
	return rune(b) + 0x2d0
}

// compoundText decodes the Compound Text that titles use: ASCII, the right halves of ISO 8859-1,
// -5 and -7, and UTF-8 segments. Text in any other set is left out rather than shown as garbage:
// a GL designation other than ASCII (ESC ( F, ESC $ ( F) leaves out the left half until ASCII
// comes back, a GR designation (ESC - F, ESC ) F, ESC $ ) F) only the right half. Spaces, being
// outside every 94-character set, always show. NUL ends the text.
func compoundText(b []byte) string {
	if n := strings.IndexByte(string(b), 0); n >= 0 {
		b = b[:n]
	}
	var sb strings.Builder
	ascii := true                // GL holds ASCII, not a set FION cannot decode
	gr := rightHalf(latin1Right) // nil: GR holds a set FION cannot decode
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x1b:
			i = compoundEscape(b, i, &ascii, &gr, &sb)
		case c == 0x9b: // CSI: a direction change (CSI 1 ], CSI 2 ], CSI ]), not text
			i = skipCSI(b, i)
		case c < 0x20, c == ' ': // controls pass (the bar drops them); space is in no set
			sb.WriteByte(c)
		case c < 0x80:
			if ascii {
				sb.WriteByte(c)
			}
		case c < 0xa0: // C1 controls
		case gr != nil:
			if r := gr(c); r >= 0 {
				sb.WriteRune(r)
			}
		}
	}
	return sb.String()
}

// compoundEscape reads the escape sequence at b[i] (ESC, intermediate bytes 0x20-0x2f, a final
// byte), switches GL or GR accordingly or copies the UTF-8 segment it opens, and returns the index
// of its last byte.
func compoundEscape(b []byte, i int, ascii *bool, gr *rightHalf, sb *strings.Builder) int {
	start := i + 1
	end := start
	for end < len(b) && b[end] >= 0x20 && b[end] <= 0x2f {
		end++
	}
	if end >= len(b) { // cut short: nothing follows that could be decoded
		return len(b) - 1
	}
	inter, final := string(b[start:end]), b[end]
	switch inter {
	case "(": // a 94-character set into GL
		*ascii = final == 'B'
	case "-": // a 96-character set into GR
		switch final {
		case 'A':
			*gr = latin1Right
		case 'F':
			*gr = greekRight
		case 'L':
			*gr = cyrillicRight
		default:
			*gr = nil
		}
	case ")", "$)": // a 94-character or double-byte set into GR
		*gr = nil
	case "$", "$(": // a double-byte set into GL
		*ascii = false
	case "%":
		if final == 'G' {
			return utf8Segment(b, end+1, sb)
		}
		// ESC % @, the end of a UTF-8 segment, is read by utf8Segment.
	case "%/": // an extended segment: two length bytes, then that many bytes to skip
		if end+2 >= len(b) {
			return len(b) - 1
		}
		n := int(b[end+1]&0x7f)<<7 | int(b[end+2]&0x7f)
		return min(end+2+n, len(b)-1)
	default: // a designation Compound Text does not use: trust neither half
		*ascii, *gr = false, nil
	}
	return end
}

// utf8Segment copies the UTF-8 text from b[i] to the next ESC % @ (or the end), invalid bytes
// replaced by U+FFFD, and returns the index of the segment's last byte. The designations from
// before the segment hold again after it.
func utf8Segment(b []byte, i int, sb *strings.Builder) int {
	end := i
	for end < len(b) && !(b[end] == 0x1b && end+2 < len(b) && b[end+1] == '%' && b[end+2] == '@') {
		end++
	}
	text := b[i:end]
	if utf8.Valid(text) {
		sb.Write(text)
	} else {
		sb.WriteString(strings.ToValidUTF8(string(text), "\uFFFD"))
	}
	return min(end+2, len(b)-1)
}

// skipCSI returns the index of the last byte of the control sequence at b[i]: parameter bytes
// 0x30-0x3f, intermediate bytes 0x20-0x2f, a final byte 0x40-0x7e.
func skipCSI(b []byte, i int) int {
	i++
	for i < len(b) && b[i] >= 0x20 && b[i] <= 0x3f {
		i++
	}
	return min(i, len(b)-1)
}
