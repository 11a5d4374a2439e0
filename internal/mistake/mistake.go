// Package mistake is how fion tells the user what is wrong in a file they wrote (the config, a
// saved layout): every mistake, in file order, each at its FILE:LINE:COLUMN, the form editors jump
// to, with what to change; and no more than Max of them, so that the wrong file, thousands of
// lines of mistakes, is told quickly. It imports nothing of fion's.
package mistake

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one mistake in a file, at a line and byte column (both 1-based; 0 when the mistake has
// no place, such as a file that cannot be read).
type Error struct {
	File      string // the file name as given
	Line, Col int
	Msg       string // what is wrong and how to fix it
}

// Error gives "FILE:LINE:COL: MSG".
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return e.File + ": " + e.Msg
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Errors is every mistake found in one file, in file order.
type Errors []*Error

// Error gives one mistake per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Max is how many mistakes one check reports. Past them it stops looking (a "did you mean" for
// each of thousands would take seconds).
const Max = 50

// List collects the mistakes of one file as a check finds them.
type List struct {
	File string
	errs Errors
}

// Add notes a mistake at line and col.
func (l *List) Add(line, col int, format string, args ...any) {
	if !l.Full() {
		l.errs = append(l.errs, &Error{File: l.File, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
	}
}

// Full reports that Max mistakes were found: the check stops there.
func (l *List) Full() bool { return len(l.errs) >= Max }

// Result returns the mistakes in file order, as Errors, or nil (an untyped nil, so err != nil
// means mistakes).
func (l *List) Result() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	if l.Full() {
		return append(l.errs, &Error{File: l.File,
			Msg: fmt.Sprintf("fion stopped after these %d mistakes and did not look further; fix them and check again", Max)})
	}
	return l.errs
}
