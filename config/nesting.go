package config

import "fmt"

// maxNesting is how deep arrays and inline tables may be nested in a config file. fion's deepest
// value is an inline table of modes holding tables of bindings, three levels; TOML's decoder takes
// time and memory that grow with the square of the depth, so 8000 levels would hold fion up for
// seconds and take gigabytes.
const maxNesting = 8

// checkNesting reports the first place in text where arrays and inline tables nest deeper than
// maxNesting, before the decoder sees it. It skips strings and comments, as TOML writes them; a
// table header's brackets close on their line and add no depth.
func checkNesting(file, text string) error {
	depth, line, col := 0, 1, 0
	header := false // inside a [table] or [[array]] header
	for i := 0; i < len(text); i++ {
		col++
		switch c := text[i]; c {
		case '\n':
			line, col, header = line+1, 0, false
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			quotes := 1
			if i+2 < len(text) && text[i+1] == c && text[i+2] == c {
				quotes = 3
			}
			i, line, col = skipString(text, i, quotes, line, col)
		case '[', '{':
			if c == '[' && depth == 0 && atLineStart(text, i) {
				header = true
			}
			if header {
				continue
			}
			if depth++; depth > maxNesting {
				return &Error{File: file, Line: line, Col: col,
					Msg: fmt.Sprintf("values are nested more than %d deep here; fion's settings need no more than 3 levels, so check the brackets and braces", maxNesting)}
			}
		case ']', '}':
			if !header && depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// atLineStart reports whether only spaces come before offset i on its line.
func atLineStart(text string, i int) bool {
	for i > 0 {
		i--
		switch text[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// skipString moves from the opening quote(s) of a string at offset i to its last closing quote,
// counting lines, and returns the offset, line and column there. Basic strings (") have escapes;
// literal ones (') do not; a string of one quote ends at the end of its line.
func skipString(text string, i, quotes, line, col int) (int, int, int) {
	q := text[i]
	i += quotes - 1
	col += quotes - 1
	for i+1 < len(text) {
		i++
		col++
		switch c := text[i]; {
		case c == '\\' && q == '"':
			i++
			col++
		case c == '\n':
			if quotes == 1 {
				return i - 1, line, col - 1
			}
			line, col = line+1, 0
		case c == q && (quotes == 1 || i+2 < len(text) && text[i+1] == q && text[i+2] == q):
			if quotes == 3 {
				i += 2
				col += 2
				for i+1 < len(text) && text[i+1] == q { // up to two more quotes belong to the content
					i++
					col++
				}
			}
			return i, line, col
		}
	}
	return i, line, col
}
