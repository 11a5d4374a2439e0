package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/layout"
)

// Rules say where windows go: each [[rules]] table matches windows on what they say of themselves
// (class, instance, title, role, window type) and places them (screen, workspace, tile) and sets
// how they show (float, fullscreen, whether they take the keys). Every rule that matches a window
// applies, in file order; for each action, the last rule that sets it wins.

// rulesTable is the array of [[rules]] tables.
const rulesTable = "rules"

// MaxRules bounds the rules: each new window is matched against all of them.
const MaxRules = 256

// maxPattern bounds a rule's regular expression, in bytes.
const maxPattern = 1024

// Rule is one [[rules]] table.
type Rule struct {
	// What a window must have, all of it: each regular expression (RE2, unanchored) must match the
	// property, and Type must be the window's type. nil or "" matches anything.
	Class, Instance, Title, Role *regexp.Regexp
	Type                         string // a WindowTypes name
	// What it does. Screen and Workspace are as written: a number (from 1) or a name; "" for none.
	Screen, Workspace, Tile  string
	Float, Fullscreen, Focus *bool
	Line                     int // where its [[rules]] line is
}

// WindowTypes are the window types a rule may name: EWMH's _NET_WM_WINDOW_TYPE_* in lower case. A
// window that sets none is "normal", or "dialog" when it is transient for another.
var WindowTypes = []string{"normal", "dialog", "utility", "toolbar", "splash", "menu", "dropdown_menu",
	"popup_menu", "tooltip", "notification", "combo", "dnd", "dock", "desktop"}

// ruleKeys are the keys of a rule: first the matches, then the actions.
var ruleKeys = []string{"class", "instance", "title", "role", "type", "screen", "workspace", "tile", "float", "fullscreen", "focus"}

// rules checks the [[rules]] tables.
func (ch *checker) rules(v any, c *Config) []Rule {
	var out []Rule
	for i, table := range ch.arrayOf(v, rulesTable, MaxRules, "rule", `class = "firefox" and workspace = 2`) {
		if ch.errs.full() {
			break
		}
		if r, ok := ch.rule(i, table, c); ok {
			out = append(out, r)
		}
	}
	return out
}

// rule checks rule i.
func (ch *checker) rule(i int, table map[string]any, c *Config) (Rule, bool) {
	e := ch.element(rulesTable, "rule", i)
	r := Rule{Line: e.line}
	fail := e.fail
	matches, actions := 0, 0
	for _, key := range ch.children(table, e.path...) {
		v := table[key]
		switch key {
		case "class", "instance", "title", "role":
			re, why := pattern(v)
			if why != "" {
				fail(key, "%s %s", key, why)
				continue
			}
			*map[string]**regexp.Regexp{"class": &r.Class, "instance": &r.Instance, "title": &r.Title, "role": &r.Role}[key] = re
			matches++
		case "type":
			s, isText := v.(string)
			if !isText || !slices.Contains(WindowTypes, s) {
				hint := ""
				if isText {
					if near := command.Suggest(s, WindowTypes); near != "" {
						hint = fmt.Sprintf("; did you mean %q?", near)
					}
				}
				fail(key, "type must be one of %s%s", quotedList(WindowTypes), hint)
				continue
			}
			r.Type = s
			matches++
		case "screen", "workspace":
			s, why := place(v)
			if why != "" {
				fail(key, "%s %s", key, why)
				continue
			}
			if key == "screen" {
				r.Screen = s
			} else {
				r.Workspace = s
			}
			actions++
		case "tile":
			s, isText := v.(string)
			if !isText {
				fail(key, "tile must be the name of a tile in quotes, like \"editor\" (see tile name in fion(1))")
				continue
			}
			if err := layout.CheckTileName(s); err != nil {
				fail(key, "tile: %v", err)
				continue
			}
			r.Tile = s
			actions++
		case "float", "fullscreen", "focus":
			b, isBool := v.(bool)
			if !isBool {
				fail(key, "%s must be true or false%s", key, quoted(v))
				continue
			}
			*map[string]**bool{"float": &r.Float, "fullscreen": &r.Fullscreen, "focus": &r.Focus}[key] = &b
			actions++
		default:
			e.unknown(key, ruleKeys, "a rule matches on class, instance, title, role and type, and sets screen, workspace, tile, float, fullscreen and focus")
		}
	}
	switch {
	case !e.ok:
	case matches == 0:
		e.whole(" matches every window: give it class, instance, title, role or type")
	case actions == 0:
		e.whole(" does nothing: give it screen, workspace, tile, float, fullscreen or focus")
	}
	if e.ok {
		e.workspaceThere(r.Workspace, r.Screen, c)
	}
	return r, e.ok
}

// pattern reads a rule's regular expression; why says what is wrong with it.
func pattern(v any) (*regexp.Regexp, string) {
	s, ok := v.(string)
	switch {
	case !ok:
		return nil, "must be a regular expression in quotes, like \"^firefox$\""
	case s == "":
		return nil, "is empty; leave the key out to match any window"
	case len(s) > maxPattern:
		return nil, fmt.Sprintf("is %d bytes long; give at most %d", len(s), maxPattern)
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return nil, fmt.Sprintf("%q is not a regular expression: %v (the syntax is Go's RE2: https://golang.org/s/re2syntax)", s, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re, ""
}

// place reads a rule's screen or workspace: a number from 1, or a name in quotes.
func place(v any) (string, string) {
	switch v := v.(type) {
	case int64:
		if v < 1 || v > 100 {
			return "", fmt.Sprintf("%d is out of range; numbers count from 1", v)
		}
		return strconv.FormatInt(v, 10), ""
	case string:
		if strings.TrimSpace(v) == "" || len(v) > maxWorkspaceName {
			return "", fmt.Sprintf("must be a number from 1 or a name of 1 to %d bytes", maxWorkspaceName)
		}
		return v, ""
	}
	return "", "must be a number from 1, or a name in quotes"
}
