package config

import (
	"slices"

	"github.com/fion-wm/fion/layoutfile"
)

// Each [[layouts]] table names a saved layout (package layoutfile) to load into a workspace when
// fion starts in a new X session, so that the windows of the session, as they map, find their
// tiles waiting for them.

// layoutsTable is the array of [[layouts]] tables.
const layoutsTable = "layouts"

// maxLayouts bounds the [[layouts]] tables: a few for each workspace of each screen.
const maxLayouts = 256

// WorkspaceLayout is one [[layouts]] table.
type WorkspaceLayout struct {
	// Screen and Workspace are as written, as a rule's: a number (from 1) or a name; Screen is ""
	// for the focused screen (the first, when fion starts).
	Screen, Workspace string
	Layout            string // the name of the layout file, NAME.json in the layouts folder
	Line              int    // where its [[layouts]] line is
}

// layoutKeys are the keys of a [[layouts]] table.
var layoutKeys = []string{"screen", "workspace", "layout"}

// layouts checks the [[layouts]] tables.
func (ch *checker) layouts(v any, c *Config) []WorkspaceLayout {
	var out []WorkspaceLayout
	for i, table := range ch.arrayOf(v, layoutsTable, maxLayouts, "workspace", `workspace = 1 and layout = "code"`) {
		if ch.errs.full() {
			break
		}
		e := ch.element(layoutsTable, "layout", i)
		l := ch.layout(e, table, c)
		if j := slices.IndexFunc(out, func(o WorkspaceLayout) bool { return o.Screen == l.Screen && o.Workspace == l.Workspace }); j >= 0 && e.ok {
			e.whole(": this workspace has a layout already, on line %d; remove one of them", out[j].Line)
		}
		if e.ok {
			out = append(out, l)
		}
	}
	return out
}

// layout checks one [[layouts]] table.
func (ch *checker) layout(e *element, table map[string]any, c *Config) WorkspaceLayout {
	l := WorkspaceLayout{Line: e.line}
	for _, key := range ch.children(table, e.path...) {
		v := table[key]
		switch key {
		case "screen", "workspace":
			s, why := place(v)
			if why != "" {
				e.fail(key, "%s %s", key, why)
				continue
			}
			if key == "screen" {
				l.Screen = s
			} else {
				l.Workspace = s
			}
		case "layout":
			s, isText := v.(string)
			if !isText {
				e.fail(key, "layout must be the name of a saved layout in quotes, like \"code\" (see layout in fion(1))")
				continue
			}
			if err := layoutfile.CheckName(s); err != nil {
				e.fail(key, "%v", err)
				continue
			}
			l.Layout = s
		default:
			e.unknown(key, layoutKeys, "a [[layouts]] table has screen, workspace and layout")
		}
	}
	switch {
	case !e.ok:
	case l.Workspace == "":
		e.whole(" names no workspace: give workspace, a number from 1 or a name")
	case l.Layout == "":
		e.whole(" names no layout: give layout, the name of a saved layout, like \"code\"")
	}
	if e.ok {
		e.workspaceThere(l.Workspace, l.Screen, c)
	}
	return l
}
