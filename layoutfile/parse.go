package layoutfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/fion-wm/fion/internal/mistake"
	"github.com/fion-wm/fion/internal/suggest"
	"github.com/fion-wm/fion/layout"
)

// A layout file is read in two steps: the JSON text into a tree of values that keep where each
// was written (encoding/json keeps no positions), then that tree into plans, with every mistake
// found said at its place.

// value is one JSON value and where it starts.
type value struct {
	at      int // byte offset in the file
	kind    kind
	text    string  // a string
	num     float64 // a number
	boolean bool
	members []member // an object's, in the order written
	elems   []*value // an array's
}

type kind int

const (
	null kind = iota
	object
	array
	str
	number
	boolean
)

// member is one "key": value of an object.
type member struct {
	key string
	at  int // where the key is
	val *value
}

// get is the value of key in an object, or nil.
func (v *value) get(key string) *value {
	for _, m := range v.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// maxNesting bounds how deep arrays and objects nest, far past what a layout needs.
const maxNesting = 2*maxDepth + 16

// Parse reads a layout file; file names it in the errors. Its mistakes are Errors, every one found
// (up to mistake.Max), or a single *Error when the text is not JSON.
func Parse(file string, data []byte) (*File, error) {
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil { // encoding/json's decoder misplaces these
		return nil, syntaxError(file, data, err)
	}
	p := &parser{data: data, errs: &errorList{List: mistake.List{File: file}, data: data}, names: map[string]int{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := p.read(dec, 0)
	if err != nil {
		return nil, err
	}
	f := p.file(v)
	if err := p.errs.result(); err != nil {
		return nil, err
	}
	return f, nil
}

// syntaxError places encoding/json's error for text that is not JSON, with a hint for the usual
// mistakes.
func syntaxError(file string, data []byte, err error) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return &Error{File: file, Msg: err.Error()}
	}
	at := max(int(se.Offset)-1, 0) // the offset is past the byte that is wrong
	msg := se.Error()
	switch {
	case int(se.Offset) >= len(bytes.TrimRight(data, " \t\r\n")) && strings.HasPrefix(msg, "unexpected end"):
		msg = "the file ends before the layout does; a closing } or ] is missing"
		at = len(data)
	case strings.Contains(msg, "after top-level value"):
		msg += "; a file holds one layout: remove what follows it"
	case at < len(data) && (data[at] == '}' || data[at] == ']') && bytes.HasSuffix(bytes.TrimRight(data[:at], " \t\r\n"), []byte(",")):
		msg += "; no comma goes after the last item of an object or list"
	case strings.Contains(msg, "beginning of object key"):
		msg += "; write keys in double quotes, like \"name\""
	case strings.Contains(msg, "after object key"):
		msg += "; a colon and a value follow a key, like \"name\": \"editor\""
	case strings.Contains(msg, "beginning of value"):
		msg += "; a value is an object {...}, a list [...], a string in double quotes, a number, true or false"
	}
	line, col := position(data, at)
	return &Error{File: file, Line: line, Col: col, Msg: msg}
}

// position is the 1-based line and byte column of offset at in data.
func position(data []byte, at int) (line, col int) {
	at = min(at, len(data))
	before := data[:at]
	return bytes.Count(before, []byte{'\n'}) + 1, at - bytes.LastIndexByte(before, '\n')
}

// parser is one file being read.
type parser struct {
	data  []byte
	errs  *errorList
	names map[string]int // tile names used so far: where
	tiles int
	tabs  int
}

// start is where the next token begins: encoding/json's offset is the end of the one before.
func (p *parser) start(dec *json.Decoder) int {
	at := int(dec.InputOffset())
	for at < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[at]) >= 0 {
		at++
	}
	return at
}

// read reads the next value from dec, which reads valid JSON.
func (p *parser) read(dec *json.Decoder, depth int) (*value, error) {
	at := p.start(dec)
	if depth > maxNesting {
		line, col := position(p.data, at)
		return nil, &Error{File: p.errs.File, Line: line, Col: col, Msg: fmt.Sprintf("objects and lists nest more than %d deep here; a layout needs far less", maxNesting)}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, &Error{File: p.errs.File, Msg: err.Error()}
	}
	v := &value{at: at}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			v.kind = array
			for dec.More() {
				e, err := p.read(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.elems = append(v.elems, e)
			}
		} else {
			v.kind = object
			seen := map[string]int{}
			for dec.More() {
				keyAt := p.start(dec)
				k, err := dec.Token()
				if err != nil {
					return nil, &Error{File: p.errs.File, Msg: err.Error()}
				}
				key, _ := k.(string)
				e, err := p.read(dec, depth+1)
				if err != nil {
					return nil, err
				}
				if first, twice := seen[key]; twice {
					p.errs.add(keyAt, "%q is written twice in this object, here and on line %d; remove one of them", key, p.line(first))
					continue
				}
				seen[key] = keyAt
				v.members = append(v.members, member{key: key, at: keyAt, val: e})
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, &Error{File: p.errs.File, Msg: err.Error()}
		}
	case string:
		v.kind, v.text = str, t
	case json.Number:
		v.kind = number
		v.num, _ = t.Float64() // out of range: ±Inf, which no check accepts
	case bool:
		v.kind, v.boolean = boolean, t
	}
	return v, nil
}

// line is the line of offset at, for a message; 0 once no more messages are taken (counting
// lines for each of a million mistakes would take long).
func (p *parser) line(at int) int {
	if p.errs.full() {
		return 0
	}
	line, _ := position(p.data, at)
	return line
}

// fail reports a mistake at v.
func (p *parser) fail(v *value, format string, args ...any) { p.errs.add(v.at, format, args...) }

// unknown reports the keys of object v that are not in keys.
func (p *parser) unknown(v *value, what string, keys []string) {
	for _, m := range v.members {
		if slices.Contains(keys, m.key) || p.errs.full() {
			continue
		}
		hint := fmt.Sprintf("%s has %s", what, strings.Join(quoteAll(keys), ", "))
		if near := suggest.Closest(m.key, keys); near != "" {
			hint = fmt.Sprintf("did you mean %q?", near)
		}
		p.errs.add(m.at, "unknown key %q; %s", m.key, hint)
	}
}

// file reads the whole file: a workspace's layout, or screens.
func (p *parser) file(v *value) *File {
	if v.kind != object {
		p.fail(v, "a layout is an object: {\"name\": \"editor\"} for one tile, {\"left\": {...}, \"right\": {...}} for two side by side (LAYOUT FILES in fion(1))")
		return nil
	}
	screens := v.get("screens")
	if screens == nil {
		plans := &planState{}
		return &File{Plan: p.node(v, 0, plans)}
	}
	p.unknown(v, "a layout of every screen", []string{"screens"})
	f := &File{}
	if screens.kind != array || len(screens.elems) == 0 {
		p.fail(screens, "screens must be a list of screens, like [{\"name\": \"DP-1\", \"workspaces\": {\"1\": {...}}}]")
		return f
	}
	if len(screens.elems) > maxScreens {
		p.fail(screens.elems[maxScreens], "more than %d screens; give at most %d", maxScreens, maxScreens)
		return f
	}
	seen := map[string]int{}
	for _, sv := range screens.elems {
		if s, ok := p.screen(sv, seen); ok {
			f.Screens = append(f.Screens, s)
		}
	}
	return f
}

// screen reads one screen of a layout of every screen.
func (p *parser) screen(v *value, seen map[string]int) (Screen, bool) {
	var s Screen
	if v.kind != object {
		p.fail(v, "a screen is an object, like {\"name\": \"DP-1\", \"workspaces\": {\"1\": {...}}}")
		return s, false
	}
	p.unknown(v, "a screen", []string{"name", "workspaces"})
	name, wss := v.get("name"), v.get("workspaces")
	ok := true
	switch {
	case name == nil:
		p.fail(v, "this screen has no name; give the name of its monitor, such as \"name\": \"DP-1\" (see fionctl get screens)")
		ok = false
	case name.kind != str || name.text == "" || len(name.text) > maxNameBytes:
		p.fail(name, "a screen's name is the name of its monitor in quotes, of 1 to %d bytes, such as \"DP-1\"", maxNameBytes)
		ok = false
	default:
		if first, twice := seen[name.text]; twice {
			p.fail(name, "screen %q is there twice, here and on line %d; put its workspaces together", name.text, p.line(first))
			ok = false
		}
		seen[name.text] = name.at
		s.Name = name.text
	}
	if wss == nil || wss.kind != object || len(wss.members) == 0 {
		at := v
		if wss != nil {
			at = wss
		}
		p.fail(at, "a screen's workspaces are an object of layouts by workspace name, like \"workspaces\": {\"1\": {...}, \"2\": {...}}")
		return s, false
	}
	if len(wss.members) > maxWorkspaces {
		p.errs.add(wss.members[maxWorkspaces].at, "more than %d workspaces; give at most %d", maxWorkspaces, maxWorkspaces)
		return s, false
	}
	for _, m := range wss.members {
		if m.key == "" || len(m.key) > maxNameBytes {
			p.errs.add(m.at, "a workspace's name is 1 to %d bytes, as in the workspaces option", maxNameBytes)
			ok = false
			continue
		}
		s.Workspaces = append(s.Workspaces, Workspace{Name: m.key, Plan: p.node(m.val, 0, &planState{})})
	}
	return s, ok
}

// planState is what one workspace's plan has so far.
type planState struct {
	focus int // where the tile with the focus is, from 1; 0 for none yet
}

// The keys of a node: a tile's, then a split's.
var (
	tileKeys  = []string{"name", "tabs", "focus"}
	splitKeys = []string{"left", "right", "top", "bottom", "ratio"}
)

// node reads a tile or a split, depth splits below its workspace's root.
func (p *parser) node(v *value, depth int, ps *planState) *layout.Plan {
	plan := &layout.Plan{}
	if v.kind != object {
		p.fail(v, "a tile or a split is an object: {} is an empty tile, {\"name\": \"editor\", \"tabs\": [\"Emacs\"]} one for Emacs, {\"left\": {...}, \"right\": {...}} two side by side")
		return plan
	}
	p.unknown(v, "a tile or split", slices.Concat(tileKeys, splitKeys))
	left, right, top, bottom := v.get("left"), v.get("right"), v.get("top"), v.get("bottom")
	if left == nil && right == nil && top == nil && bottom == nil {
		if r := v.get("ratio"); r != nil {
			p.fail(r, "a tile has no ratio: ratio is the share of a split's left or top part")
		}
		p.tile(v, plan, ps)
		return plan
	}
	for _, k := range tileKeys {
		if x := v.get(k); x != nil {
			p.fail(x, "a split has no %s: put it in one of its tiles", k)
		}
	}
	if depth >= maxDepth {
		p.fail(v, "splits nest more than %d deep here; a layout needs far less", maxDepth)
		return plan
	}
	plan.Orient, plan.Ratio = layout.Horizontal, 0.5
	sides := [2]string{"left", "right"}
	if left == nil && right == nil {
		plan.Orient, sides = layout.Vertical, [2]string{"top", "bottom"}
	}
	switch a, b := v.get(sides[0]), v.get(sides[1]); {
	case (left != nil || right != nil) && (top != nil || bottom != nil):
		p.fail(v, "a split is left and right (side by side) or top and bottom (one above the other), not both: put a split inside the other")
	case a == nil:
		p.fail(v, "this split has a %s but no %s; give both, or make it a tile", sides[1], sides[0])
	case b == nil:
		p.fail(v, "this split has a %s but no %s; give both, or make it a tile", sides[0], sides[1])
	}
	if r := v.get("ratio"); r != nil {
		if r.kind != number || !(r.num > 0 && r.num < 1) {
			p.fail(r, "ratio must be a number between 0 and 1, such as 0.6: the share of the %s part (0.5 when left out)", sides[0])
		} else {
			plan.Ratio = r.num
		}
	}
	// Every part written is read, for its mistakes; a well-formed split has the two of its sides.
	for _, side := range []string{"left", "right", "top", "bottom"} {
		if x := v.get(side); x != nil {
			child := p.node(x, depth+1, ps)
			switch side {
			case sides[0]:
				plan.A = child
			case sides[1]:
				plan.B = child
			}
		}
	}
	return plan
}

// tile reads a tile into plan.
func (p *parser) tile(v *value, plan *layout.Plan, ps *planState) {
	if p.tiles++; p.tiles == maxTiles+1 {
		p.fail(v, "more than %d tiles; a layout needs far less", maxTiles)
	}
	if name := v.get("name"); name != nil {
		p.tileName(name, plan)
	}
	if focus := v.get("focus"); focus != nil {
		switch {
		case focus.kind != boolean:
			p.fail(focus, "focus must be true or false (without quotes): true gives this tile the focus")
		case focus.boolean && ps.focus > 0:
			p.fail(focus, "two tiles of this workspace have the focus, here and on line %d; give it to one", p.line(ps.focus-1))
		case focus.boolean:
			plan.Focus = true
			ps.focus = focus.at + 1
		}
	}
	tabs := v.get("tabs")
	if tabs == nil {
		return
	}
	if tabs.kind != array {
		p.fail(tabs, "tabs must be a list of the windows of the tile, like [\"XTerm\", {\"class\": \"XTerm\", \"role\": \"log\"}]")
		return
	}
	for _, tv := range tabs.elems {
		if p.tabs++; p.tabs == maxTabs+1 {
			p.fail(tv, "more than %d tabs; a layout needs far less", maxTabs)
		}
		if id, ok := p.tab(tv); ok {
			plan.Tabs = append(plan.Tabs, id)
		}
	}
}

// tileName reads the name of a tile: valid, and no other tile's in the file.
func (p *parser) tileName(v *value, plan *layout.Plan) {
	if v.kind != str {
		p.fail(v, "a tile's name is a word in quotes, such as \"editor\"")
		return
	}
	if err := layout.CheckTileName(v.text); err != nil {
		p.fail(v, "%v", err)
		return
	}
	if first, twice := p.names[v.text]; twice {
		p.fail(v, "tile name %q is used twice, here and on line %d; a name names one tile", v.text, p.line(first))
		return
	}
	p.names[v.text] = v.at
	plan.Name = v.text
}

// tabKeys are the keys of a tab: what a window says of itself.
var tabKeys = []string{"class", "instance", "role"}

// tab reads a tab: a class in quotes, or an object of class, instance and role.
func (p *parser) tab(v *value) (layout.Identity, bool) {
	var id layout.Identity
	switch v.kind {
	case str:
		id.Class = v.text
		if id.Class == "" || len(id.Class) > maxField {
			p.fail(v, "a tab's class is 1 to %d bytes, as WM_CLASS says it (xprop WM_CLASS: the second word)", maxField)
			return id, false
		}
		return id, true
	case object:
	default:
		p.fail(v, "a tab is a window's class in quotes, like \"XTerm\", or an object like {\"class\": \"XTerm\", \"role\": \"log\"}")
		return id, false
	}
	p.unknown(v, "a tab", tabKeys)
	ok := true
	for _, f := range []struct {
		key string
		dst *string
	}{{"class", &id.Class}, {"instance", &id.Instance}, {"role", &id.Role}} {
		x := v.get(f.key)
		if x == nil {
			continue
		}
		if x.kind != str || len(x.text) > maxField {
			p.fail(x, "%s must be a string in quotes of at most %d bytes", f.key, maxField)
			ok = false
			continue
		}
		*f.dst = x.text
	}
	if ok && id == (layout.Identity{}) {
		p.fail(v, "this tab names no window; give its class, instance or role (xprop WM_CLASS WM_WINDOW_ROLE shows them)")
		ok = false
	}
	return id, ok
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
