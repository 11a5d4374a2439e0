package config

import "github.com/fion-wm/fion/internal/mistake"

// Error is one mistake in a config file, at its line and byte column; the file is the name as
// given, or "(default)" for the embedded default.
type Error = mistake.Error

// Errors is every mistake found in one file, in file order.
type Errors = mistake.Errors

// errorList collects the errors of one file as validation finds them.
type errorList struct{ mistake.List }

func (l *errorList) add(p pos, format string, args ...any) { l.Add(p.Line, p.Col, format, args...) }

// full reports that mistake.Max were found: validation stops there.
func (l *errorList) full() bool { return l.Full() }

func (l *errorList) result() error { return l.Result() }
