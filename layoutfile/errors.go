package layoutfile

import "github.com/fion-wm/fion/internal/mistake"

// Error is one mistake in a layout file, at its line and byte column: the form the config's
// mistakes take too.
type Error = mistake.Error

// Errors is every mistake found in one file, in file order.
type Errors = mistake.Errors

// errorList collects the mistakes of one file, each at a byte offset of data.
type errorList struct {
	mistake.List
	data []byte
}

func (l *errorList) add(at int, format string, args ...any) {
	if !l.Full() { // lines are counted for the mistakes told only
		line, col := position(l.data, at)
		l.Add(line, col, format, args...)
	}
}

func (l *errorList) full() bool { return l.Full() }

func (l *errorList) result() error { return l.Result() }
