package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one mistake in a config file, at a line and byte column (both 1-based; 0 when the
// mistake has no place, such as a file that cannot be read).
type Error struct {
	File      string // the file name as given, or "(default)" for the embedded default
	Line, Col int
	Msg       string // what is wrong and how to fix it
}

// Error gives "FILE:LINE:COL: MSG", the form editors jump to.
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

// Error gives one error per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// maxErrors is how many mistakes one check reports. Past them it stops looking: a file of
// thousands of bad lines (a wrong file given with -c) is told quickly, and a "did you mean" for each
// of them would take seconds.
const maxErrors = 50

// errorList collects the errors of one file as validation finds them.
type errorList struct {
	file string
	errs Errors
}

func (l *errorList) add(p pos, format string, args ...any) {
	if !l.full() {
		l.errs = append(l.errs, &Error{File: l.file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
	}
}

// full reports that maxErrors were found: validation stops there.
func (l *errorList) full() bool { return len(l.errs) >= maxErrors }

// result returns the errors in file order, or nil (an untyped nil, so err != nil means errors).
func (l *errorList) result() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	if l.full() {
		return append(l.errs, &Error{File: l.file,
			Msg: fmt.Sprintf("fion stopped after these %d mistakes and did not look further; fix them and check again", maxErrors)})
	}
	return l.errs
}
