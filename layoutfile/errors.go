package layoutfile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one mistake in a layout file, at a line and byte column (both 1-based; 0 when the
// mistake has no place, such as a file that cannot be read): the form the config's mistakes
// take too.
type Error struct {
	File      string
	Line, Col int
	Msg       string // what is wrong and how to fix it
}

// Error gives "FILE:LINE:COL: MSG", the form editors jump to.
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Errors is every mistake found in one file, in file order.
type Errors []*Error

// Error gives one error per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// maxErrors is how many mistakes one read reports; past them it stops.
const maxErrors = 50

// errorList collects the mistakes of one file, each at a byte offset of data until result turns
// them into lines and columns.
type errorList struct {
	file string
	data []byte
	errs Errors
	at   []int
}

func (l *errorList) add(at int, format string, args ...any) {
	if !l.full() {
		l.errs = append(l.errs, &Error{File: l.file, Msg: fmt.Sprintf(format, args...)})
		l.at = append(l.at, at)
	}
}

// full reports that maxErrors were found: reading stops looking.
func (l *errorList) full() bool { return len(l.errs) >= maxErrors }

// result is the mistakes in file order, or nil.
func (l *errorList) result() error {
	if len(l.errs) == 0 {
		return nil
	}
	for i, e := range l.errs {
		e.Line, e.Col = position(l.data, l.at[i])
	}
	slices.SortStableFunc(l.errs, func(a, b *Error) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) })
	if len(l.errs) == maxErrors {
		return append(l.errs, &Error{File: l.file, Msg: fmt.Sprintf("fion stopped after these %d mistakes and did not look further; fix them and check again", maxErrors)})
	}
	return l.errs
}
