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

// errorList collects the errors of one file as validation finds them.
type errorList struct {
	file string
	errs Errors
}

func (l *errorList) add(p pos, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
}

// result returns the errors in file order, or nil (an untyped nil, so err != nil means errors).
func (l *errorList) result() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return l.errs
}
