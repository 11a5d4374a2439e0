package config

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// BurntSushi/toml decodes values but keeps no position for a key, so error messages would have
// no line to point at. This file is a small scanner over the same text that only records where
// each key, value and table header starts, and which of them are written twice. It runs after
// toml accepted the text, and after toml refused it, to name a key written twice in fion's words;
// it reports no errors of its own, and on text that is not TOML it records what it can, without
// failing.

// pos is a place in the source: 1-based line and 1-based byte column (like Go's own tools).
type pos struct{ Line, Col int }

// entry is one "key = value" as written.
type entry struct {
	Key   pos
	Value pos
	Raw   string // the value's source text, quotes included
}

// sourceMap holds the positions of everything in one file, by key path (see pathKey).
type sourceMap struct {
	entries map[string]entry
	tables  map[string]pos // [table] headers, and tables made implicitly by dotted keys
	twice   []redefinition // keys and [table] headers written again, which TOML forbids
}

// redefinition is a key or [table] header written a second time.
type redefinition struct {
	path         []string
	table        bool // a [table] header both times, not a key
	first, again pos
}

// definition is where a key or [table] header was first written.
type definition struct {
	at    pos
	table bool
}

// pathKey joins key parts into a map key; NUL cannot appear in a TOML key.
func pathKey(parts ...string) string { return strings.Join(parts, "\x00") }

// elem names element i of an array in a path.
func elem(i int) string { return "[" + strconv.Itoa(i) + "]" }

// key returns where path was written: the key of its entry, or its table header, or failing
// those the nearest enclosing one, or the top of the file.
func (s *sourceMap) key(path ...string) pos {
	for n := len(path); n > 0; n-- {
		k := pathKey(path[:n]...)
		if e, ok := s.entries[k]; ok {
			return e.Key
		}
		if p, ok := s.tables[k]; ok {
			return p
		}
	}
	return pos{1, 1}
}

// value returns where the value of path starts; for a table, its header.
func (s *sourceMap) value(path ...string) pos {
	if e, ok := s.entries[pathKey(path...)]; ok {
		return e.Value
	}
	return s.key(path...)
}

// inString returns the position of byte offset off (0-based) of the decoded string value at path.
// It undoes the quoting of single-line strings, escapes included; for a multi-line string it
// gives the start of the value.
func (s *sourceMap) inString(off int, path ...string) pos {
	e, ok := s.entries[pathKey(path...)]
	if !ok {
		return s.key(path...)
	}
	raw := e.Raw
	switch {
	case strings.HasPrefix(raw, `"""`), strings.HasPrefix(raw, `'''`):
		return e.Value
	case strings.HasPrefix(raw, `'`):
		return pos{e.Value.Line, e.Value.Col + 1 + off}
	case strings.HasPrefix(raw, `"`):
		return pos{e.Value.Line, e.Value.Col + 1 + rawOffset(raw[1:], off)}
	}
	return e.Value
}

// rawOffset maps a byte offset in the decoded text of a basic string to the offset in its
// source text raw (which starts after the opening quote).
func rawOffset(raw string, off int) int {
	i, decoded := 0, 0
	for i < len(raw) && decoded < off && raw[i] != '"' {
		if raw[i] != '\\' || i+1 >= len(raw) {
			i++
			decoded++
			continue
		}
		// An escape: \uXXXX, \UXXXXXXXX and \xHH stand for one rune, the others for one byte.
		width := 0
		switch raw[i+1] {
		case 'u':
			width = 4
		case 'U':
			width = 8
		case 'x':
			width = 2
		}
		n := 1
		if width > 0 && i+2+width <= len(raw) {
			if r, err := strconv.ParseUint(raw[i+2:i+2+width], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
				n = utf8.RuneLen(rune(r))
			}
		}
		i += 2 + width
		decoded += n
	}
	return i
}

// scanSource records the positions of the keys, values and tables in src.
func scanSource(src string) *sourceMap {
	sc := &scanner{src: src, line: 1, out: &sourceMap{entries: map[string]entry{}, tables: map[string]pos{}}, defined: map[string]definition{}, elements: map[string]int{}}
	if strings.HasPrefix(src, "\ufeff") { // a byte order mark is not a column of the first line
		sc.i, sc.lineStart = 3, 3
	}
	sc.document()
	return sc.out
}

type scanner struct {
	src       string
	i         int // next byte
	line      int
	lineStart int // offset of the current line's first byte
	out       *sourceMap
	defined   map[string]definition // the keys and [table] headers written so far
	elements  map[string]int        // how many [[path]] tables each array of tables has so far
}

func (sc *scanner) pos() pos { return pos{sc.line, sc.i - sc.lineStart + 1} }

func (sc *scanner) eof() bool { return sc.i >= len(sc.src) }

func (sc *scanner) peek() byte {
	if sc.eof() {
		return 0
	}
	return sc.src[sc.i]
}

// advance moves over one byte, counting lines.
func (sc *scanner) advance() {
	if sc.src[sc.i] == '\n' {
		sc.line++
		sc.lineStart = sc.i + 1
	}
	sc.i++
}

func (sc *scanner) skipSpace() {
	for !sc.eof() && (sc.peek() == ' ' || sc.peek() == '\t') {
		sc.advance()
	}
}

// skipBlank moves over spaces, newlines and comments.
func (sc *scanner) skipBlank() {
	for !sc.eof() {
		switch sc.peek() {
		case ' ', '\t', '\r', '\n':
			sc.advance()
		case '#':
			sc.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (sc *scanner) skipLine() {
	for !sc.eof() && sc.peek() != '\n' {
		sc.advance()
	}
	if !sc.eof() {
		sc.advance()
	}
}

// record keeps the first position seen for a path: toml rejects a key defined twice, so a later
// one can only be an array of tables repeating its header.
func (sc *scanner) record(path []string, e entry) {
	k := pathKey(path...)
	if _, ok := sc.out.entries[k]; !ok {
		sc.out.entries[k] = e
	}
}

func (sc *scanner) table(path []string, p pos) {
	k := pathKey(path...)
	if _, ok := sc.out.tables[k]; !ok {
		sc.out.tables[k] = p
	}
}

// define notes that a key (or, with table, a [table] header) is written at p, and whether it was
// already.
func (sc *scanner) define(path []string, table bool, p pos) {
	k := pathKey(path...)
	if first, ok := sc.defined[k]; ok {
		sc.out.twice = append(sc.out.twice, redefinition{path: path, table: table && first.table, first: first.at, again: p})
		return
	}
	sc.defined[k] = definition{at: p, table: table}
}

// document reads statements: table headers and key/value pairs.
func (sc *scanner) document() {
	var current []string
	for {
		sc.skipBlank()
		if sc.eof() {
			return
		}
		start := sc.pos()
		if sc.peek() == '[' {
			sc.advance()
			array := sc.peek() == '[' // [[array of tables]]
			if array {
				sc.advance()
			}
			current = sc.dottedKey()
			sc.table(current, start)
			if array {
				// Each [[path]] is a table of its own, element N of the array: path.[N].key.
				n := sc.elements[pathKey(current...)]
				sc.elements[pathKey(current...)] = n + 1
				current = append(current, elem(n))
				sc.table(current, start)
			} else {
				sc.define(current, true, start)
			}
			sc.skipLine()
			continue
		}
		before := sc.i
		sc.keyValue(current)
		sc.skipLine()
		if sc.i == before { // cannot happen on valid TOML; never loop forever
			sc.advance()
		}
	}
}

// keyValue reads `key = value` under the table prefix.
func (sc *scanner) keyValue(prefix []string) {
	start := sc.pos()
	parts := sc.dottedKey()
	if len(parts) == 0 || sc.peek() != '=' {
		return
	}
	path := append(append([]string(nil), prefix...), parts...)
	for n := len(prefix) + 1; n < len(path); n++ { // a.b.c = 1 makes tables a and a.b
		sc.table(path[:n], start)
	}
	sc.advance() // '='
	sc.skipSpace()
	vstart, from := sc.pos(), sc.i
	sc.value(path)
	sc.record(path, entry{Key: start, Value: vstart, Raw: sc.src[from:sc.i]})
	sc.define(path, false, start)
}

// dottedKey reads a key such as a, "Mod4+a k", 'x', a . "b" and stops after trailing spaces.
func (sc *scanner) dottedKey() []string {
	var parts []string
	for {
		sc.skipSpace()
		switch sc.peek() {
		case '"':
			parts = append(parts, sc.basicKey())
		case '\'':
			parts = append(parts, sc.literalKey())
		default:
			from := sc.i
			for !sc.eof() && isBare(sc.peek()) {
				sc.advance()
			}
			if sc.i == from {
				return parts
			}
			parts = append(parts, sc.src[from:sc.i])
		}
		sc.skipSpace()
		if sc.peek() != '.' {
			return parts
		}
		sc.advance()
	}
}

func isBare(b byte) bool {
	return b == '_' || b == '-' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// basicKey reads a "quoted" key and returns it decoded.
func (sc *scanner) basicKey() string {
	from := sc.i
	sc.basicString()
	s, err := strconv.Unquote(sc.src[from:sc.i])
	if err != nil { // an escape Go does not share with TOML (\e, \xHH as a rune); rarely in a key
		return sc.quoted(from, '"')
	}
	return s
}

func (sc *scanner) literalKey() string {
	from := sc.i
	sc.literalString()
	return sc.quoted(from, '\'')
}

// quoted returns the text of the string from from (its opening quote) to here, without the
// closing quote, which text that is not TOML may lack.
func (sc *scanner) quoted(from int, quote byte) string {
	end := sc.i
	if end > from+1 && sc.src[end-1] == quote {
		end--
	}
	return sc.src[from+1 : end]
}

// value moves over one value, recording the positions of array elements and inline-table keys.
func (sc *scanner) value(path []string) {
	switch {
	case strings.HasPrefix(sc.src[sc.i:], `"""`):
		sc.multiline(`"""`)
	case strings.HasPrefix(sc.src[sc.i:], `'''`):
		sc.multiline(`'''`)
	case sc.peek() == '"':
		sc.basicString()
	case sc.peek() == '\'':
		sc.literalString()
	case sc.peek() == '[':
		sc.array(path)
	case sc.peek() == '{':
		sc.inlineTable(path)
	default:
		sc.scalar()
	}
}

func (sc *scanner) basicString() {
	sc.advance() // opening quote
	for !sc.eof() && sc.peek() != '"' && sc.peek() != '\n' {
		if sc.peek() == '\\' {
			sc.advance()
		}
		if !sc.eof() {
			sc.advance()
		}
	}
	if !sc.eof() && sc.peek() == '"' {
		sc.advance()
	}
}

func (sc *scanner) literalString() {
	sc.advance()
	for !sc.eof() && sc.peek() != '\'' && sc.peek() != '\n' {
		sc.advance()
	}
	if !sc.eof() && sc.peek() == '\'' {
		sc.advance()
	}
}

// multiline moves over a """ or ”' string; up to two quotes may end its content.
func (sc *scanner) multiline(delim string) {
	for range 3 {
		sc.advance()
	}
	for !sc.eof() {
		if delim == `"""` && sc.peek() == '\\' {
			sc.advance()
			if !sc.eof() {
				sc.advance()
			}
			continue
		}
		if strings.HasPrefix(sc.src[sc.i:], delim) {
			for range 3 {
				sc.advance()
			}
			for n := 0; n < 2 && sc.peek() == delim[0]; n++ {
				sc.advance()
			}
			return
		}
		sc.advance()
	}
}

func (sc *scanner) array(path []string) {
	sc.advance() // '['
	for n := 0; ; n++ {
		sc.skipBlank()
		if sc.eof() || sc.peek() == ']' {
			break
		}
		p, from := sc.pos(), sc.i
		elemPath := append(append([]string(nil), path...), elem(n))
		sc.value(elemPath)
		sc.record(elemPath, entry{Key: p, Value: p, Raw: sc.src[from:sc.i]})
		sc.skipBlank()
		if sc.peek() == ',' {
			sc.advance()
		}
		if sc.i == from {
			sc.advance()
		}
	}
	if !sc.eof() {
		sc.advance() // ']'
	}
}

func (sc *scanner) inlineTable(path []string) {
	sc.table(path, sc.pos())
	sc.advance() // '{'
	for {
		sc.skipBlank()
		if sc.eof() || sc.peek() == '}' {
			break
		}
		from := sc.i
		sc.keyValue(path)
		sc.skipBlank()
		if sc.peek() == ',' {
			sc.advance()
		}
		if sc.i == from {
			sc.advance()
		}
	}
	if !sc.eof() {
		sc.advance() // '}'
	}
}

// scalar moves over a number, boolean or date. A date and time may be separated by a space.
func (sc *scanner) scalar() {
	from := sc.i
	for !sc.eof() {
		b := sc.peek()
		if b == ' ' && sc.i-from == 10 && sc.src[from+4] == '-' && sc.i+1 < len(sc.src) && isDigit(sc.src[sc.i+1]) {
			sc.advance()
			continue
		}
		if strings.IndexByte(" \t\r\n#,]}", b) >= 0 {
			return
		}
		sc.advance()
	}
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
