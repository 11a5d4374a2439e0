package config

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/fion-wm/fion/command"
)

// The arrays of tables, [[rules]] and [[layouts]], are read table by table: each is an element that
// messages name by its place and line ("rule 2 (line 5)"), whose mistakes are said at its keys.

// arrayOf is v, the value of [[name]], as a list of at most most tables; what one is called and
// the lines it holds are for the message when v is not such a list.
func (ch *checker) arrayOf(v any, name string, most int, what, lines string) []map[string]any {
	list, ok := v.([]map[string]any)
	if !ok {
		ch.errs.add(ch.src.key(name), "%q must be tables: a [[%s]] line for each %s, then lines like %s", name, name, what, lines)
		return nil
	}
	if len(list) > most {
		ch.errs.add(ch.src.key(name, elem(most)), "%d %s; give at most %d", len(list), name, most)
		return nil
	}
	return list
}

// element is table i of an array of tables being checked.
type element struct {
	ch   *checker
	path []string
	name string // "rule 2 (line 5)"
	line int    // of its [[...]] line
	ok   bool   // no mistake so far
}

// element starts checking table i of [[array]], whose tables messages call what.
func (ch *checker) element(array, what string, i int) *element {
	path := []string{array, elem(i)}
	line := ch.src.key(path...).Line
	return &element{ch: ch, path: path, name: fmt.Sprintf("%s %d (line %d)", what, i+1, line), line: line, ok: true}
}

func (e *element) at(key string) []string { return append(slices.Clone(e.path), key) }

// fail says what is wrong with the value of key.
func (e *element) fail(key string, format string, args ...any) {
	e.ch.errs.add(e.ch.src.value(e.at(key)...), "%s: "+format, append([]any{e.name}, args...)...)
	e.ok = false
}

// whole says what is wrong with the table as a whole, at its [[...]] line: format follows its
// name, as in " does nothing: ...".
func (e *element) whole(format string, args ...any) {
	e.ch.errs.add(e.ch.src.key(e.path...), "%s"+format, append([]any{e.name}, args...)...)
	e.ok = false
}

// unknown says that key is none of keys, which all lists for the user.
func (e *element) unknown(key string, keys []string, all string) {
	at := e.ch.src.key(e.at(key)...)
	if near := command.Suggest(key, keys); near != "" {
		e.ch.errs.add(at, "%s: unknown key %q; did you mean %q?", e.name, key, near)
	} else {
		e.ch.errs.add(at, "%s: unknown key %q; %s", e.name, key, all)
	}
	e.ok = false
}

// workspaceThere checks that a workspace given by number, on no screen in particular, is one of
// those the workspaces option names.
func (e *element) workspaceThere(workspace, screen string, c *Config) {
	if n, err := strconv.Atoi(workspace); err == nil && n > len(c.Workspaces) && screen == "" {
		e.fail("workspace", "there is no workspace %d, workspaces has %d names; add names to workspaces or give another number", n, len(c.Workspaces))
	}
}
