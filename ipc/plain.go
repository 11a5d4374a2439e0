package ipc

import "unicode/utf8"

// What fion sends carries strings that X clients chose (titles, classes, instances): any program
// on the display can put ESC, newlines or NUL in them, and encoding/json writes each such byte as
// a 6-byte \u escape. A subscriber that prints a title (jq -r, a status bar) would pass terminal
// controls on, and 45 windows with titles of 4096 control bytes made a tree answer longer than a
// line may be. So results and event data are rewritten in a plain form before they are sent:
// strings in UTF-8 with only '"' and '\' escaped, every control character replaced by U+FFFD.
// A string then costs at most three times its length in UTF-8, and no line carries a control.

// plainJSON appends to dst the JSON value src, which must be valid JSON, without white space
// outside strings and with its strings rewritten by plainString.
func plainJSON(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '"':
			var n int
			dst, n = plainString(dst, src[i:])
			i += n
		case ' ', '\t', '\n', '\r':
			i++
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

// plainString appends the JSON string that src starts with, rewritten, and returns how many bytes
// of src it took. Escapes are decoded; '"' and '\' are escaped again and nothing else is; a
// control character (U+0000 to U+001F, U+007F to U+009F) or a lone surrogate becomes U+FFFD.
func plainString(dst, src []byte) ([]byte, int) {
	dst = append(dst, '"')
	i := 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			return append(dst, '"'), i + 1
		case c == '\\':
			r, n := unescape(src[i:])
			dst = appendPlainRune(dst, r)
			i += n
		case c >= 0x20 && c < 0x7f: // the common case: printable ASCII
			dst = append(dst, c)
			i++
		default:
			r, n := utf8.DecodeRune(src[i:])
			dst = appendPlainRune(dst, r)
			i += n
		}
	}
	return append(dst, '"'), i // not reached with valid JSON
}

// appendPlainRune appends r as plainString writes it.
func appendPlainRune(dst []byte, r rune) []byte {
	switch {
	case r == '"' || r == '\\':
		return append(dst, '\\', byte(r))
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		r = utf8.RuneError
	}
	return utf8.AppendRune(dst, r) // a surrogate or an invalid rune is written as U+FFFD
}

// unescape decodes the escape that src starts with (a backslash and what follows) and returns the
// character and the escape's length. A UTF-16 surrogate pair, written as two \u escapes, is one
// character; a lone surrogate comes back as it is, for the caller to replace.
func unescape(src []byte) (rune, int) {
	if len(src) < 2 {
		return utf8.RuneError, len(src)
	}
	switch src[1] {
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r, ok := hex4(src[2:])
		if !ok {
			return utf8.RuneError, 2
		}
		if r >= 0xd800 && r < 0xdc00 && len(src) >= 12 && src[6] == '\\' && src[7] == 'u' {
			if low, ok := hex4(src[8:]); ok && low >= 0xdc00 && low < 0xe000 {
				return 0x10000 + (r-0xd800)<<10 + (low - 0xdc00), 12
			}
		}
		return r, 6
	}
	return rune(src[1]), 2 // \" \\ \/
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
