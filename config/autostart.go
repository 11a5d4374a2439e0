package config

import (
	"strings"
)

// autostart reads the autostart option: command lines for /bin/sh -c, which fion runs once per X
// session. Each goes to fion's supervisor as one line of its pipe, so a newline or a NUL in one
// could not get there whole: they are mistakes here, at the character, rather than when the
// session starts and the user is no longer looking.
func autostart(dst *[]string) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		list, ok := v.([]any)
		if !ok {
			ch.errs.add(ch.src.value(name), "%q must be a list of command lines like [\"polybar main\", \"nm-applet\"]", name)
			return
		}
		var lines []string
		bad := false
		for i, item := range list {
			at := []string{name, elem(i)}
			s, ok := item.(string)
			if !ok {
				ch.errs.add(ch.src.value(at...), "%s: command %d must be a command line in quotes, like \"polybar main\"", name, i+1)
				bad = true
				continue
			}
			if msg := badLine(s); msg != "" {
				where := ch.src.value(at...)
				if n := strings.IndexAny(s, "\n\x00"); n >= 0 {
					where = ch.src.inString(n, at...)
				}
				ch.errs.add(where, "%s: command %d %s", name, i+1, msg)
				bad = true
				continue
			}
			lines = append(lines, s)
		}
		if !bad {
			*dst = lines
		}
	}
}

// badLine says what is wrong with an autostart command line, and how to fix it; "" when nothing is.
func badLine(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty; write the command to run, or remove the empty quotes"
	case strings.Contains(s, "\n"):
		return "has a line break in it; write it on one line, with ; between commands"
	case strings.Contains(s, "\x00"):
		return "has a NUL character (\\u0000) in it; remove it"
	}
	return ""
}
