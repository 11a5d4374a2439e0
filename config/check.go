package config

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/internal/mistake"
	"github.com/fion-wm/fion/internal/suggest"
	"github.com/fion-wm/fion/keys"
)

// The top-level tables, besides the options.
const (
	colorsTable = "colors"
	keysTable   = "keys"
	modesTable  = "modes"
)

// checker validates one decoded file into a Config, collecting every mistake.
type checker struct {
	src   *sourceMap
	order []toml.Key // every key in file order
	errs  *errorList
	dir   string // the directory relative font paths start from
}

// parse decodes data and validates it over base, the values of options the file leaves out.
func parse(path string, data []byte, base *Config) (*Config, error) {
	name := fileName(path)
	text := string(data)
	if err := checkNesting(name, text); err != nil {
		return nil, err
	}
	var tree map[string]any
	md, err := toml.Decode(text, &tree)
	if err != nil {
		return nil, syntaxError(name, text, err)
	}
	ch := &checker{src: scanSource(text), order: md.Keys(), errs: &errorList{mistake.List{File: name}}, dir: filepath.Dir(path)}
	c := *base
	c.Path = path
	ch.config(tree, &c, base)
	if err := ch.errs.result(); err != nil {
		return nil, err
	}
	return &c, nil
}

// syntaxError turns toml's error for text that is not TOML into an *Error.
func syntaxError(file, text string, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{File: file, Msg: err.Error()}
	}
	// toml names a key written twice in its own terms: say it in fion's, where the second one is.
	for _, r := range scanSource(text).twice {
		if r.again.Line == pe.Position.Line {
			return &Error{File: file, Line: r.again.Line, Col: r.again.Col, Msg: r.message()}
		}
	}
	// toml fills in only the byte offset of the mistake; the column is counted from it.
	start := min(max(pe.Position.Start, 0), len(text))
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	msg := pe.Message
	lineEnd := strings.IndexByte(text[lineStart:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text) - lineStart
	}
	if unquotedChord(text[lineStart : lineStart+lineEnd]) {
		msg += `; put the chord in quotes: "Mod4+Return" = "exec xterm"`
	}
	return &Error{File: file, Line: pe.Position.Line, Col: start - lineStart + 1, Msg: msg}
}

// message says what is wrong with a key or table written twice, and how to fix it.
func (r redefinition) message() string {
	switch {
	case r.table:
		name := strings.Join(quoteKeys(r.path), ".")
		return fmt.Sprintf("[%s] is written twice, here and on line %d; put the lines of both under one [%s]", name, r.first.Line, name)
	case isBinding(r.path):
		last := len(r.path) - 1
		return fmt.Sprintf("%s.%q is bound twice, here and on line %d; remove one of them", strings.Join(r.path[:last], "."), r.path[last], r.first.Line)
	}
	return fmt.Sprintf("%s is set twice, here and on line %d; remove one of them", strings.Join(quoteKeys(r.path), "."), r.first.Line)
}

// isBinding tells whether path is that of a key binding: keys."CHORD" or modes.NAME."CHORD".
func isBinding(path []string) bool {
	return len(path) == 2 && path[0] == keysTable || len(path) == 3 && path[0] == modesTable
}

// quoteKeys writes each key of a path as TOML would need it: bare when it can be, else quoted.
func quoteKeys(path []string) []string {
	out := make([]string, len(path))
	for i, k := range path {
		out[i] = k
		if k == "" || strings.ContainsFunc(k, func(r rune) bool { return r > 0x7f || !isBare(byte(r)) }) {
			out[i] = strconv.Quote(k)
		}
	}
	return out
}

// unquotedChord tells whether line looks like a binding whose chord lacks its quotes, the most
// likely TOML mistake in a FION config.
func unquotedChord(line string) bool {
	line = strings.TrimSpace(line)
	key, _, found := strings.Cut(line, "=")
	return found && line[0] != '"' && line[0] != '\'' && strings.Contains(key, "+")
}

// children lists the names directly under path in file order. Names toml decoded but did not
// list (none are known) come last, sorted, so that nothing is skipped.
func (ch *checker) children(table map[string]any, path ...string) []string {
	var names []string
	seen := map[string]bool{}
	for _, k := range ch.order {
		if len(k) > len(path) && slices.Equal(k[:len(path)], path) && !seen[k[len(path)]] {
			seen[k[len(path)]] = true
			names = append(names, k[len(path)])
		}
	}
	var rest []string
	for name := range table {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	names = append(names, rest...)
	return slices.DeleteFunc(names, func(n string) bool { _, ok := table[n]; return !ok })
}

// config validates the whole file into c.
func (ch *checker) config(tree map[string]any, c *Config, base *Config) {
	opts := options(c)
	for _, name := range ch.children(tree) {
		if ch.errs.full() {
			break
		}
		v := tree[name]
		if opt, ok := opts[name]; ok {
			opt(ch, name, v)
			continue
		}
		switch name {
		case colorsTable:
			ch.colors(v, &c.Colors)
		case rulesTable:
			c.Rules = ch.rules(v, c)
		case layoutsTable:
			c.Layouts = ch.layouts(v, c)
		case keysTable, modesTable: // after the options: bindings refer to modes and workspaces
		default:
			ch.unknown(name, v)
		}
	}
	modesOK := true
	if v, ok := tree[modesTable]; ok {
		c.Modes, modesOK = ch.modes(v)
	}
	sc := scope{modes: []string{"default"}, workspaces: len(c.Workspaces)}
	for mode := range c.Modes {
		sc.modes = append(sc.modes, mode)
	}
	sort.Strings(sc.modes[1:]) // a stable order for suggestions
	if v, ok := tree[keysTable]; ok {
		c.Keys = ch.bindings(v, []string{keysTable}, sc)
	} else if _, ok := tree[modesTable]; ok && modesOK {
		ch.inheritedModes(base.Keys, sc)
	}
	if v, ok := tree[modesTable].(map[string]any); ok {
		for _, mode := range ch.children(v, modesTable) {
			if ch.errs.full() {
				break
			}
			if _, ok := c.Modes[mode]; ok {
				c.Modes[mode] = ch.bindings(v[mode], []string{modesTable, mode}, sc)
			}
		}
	}
}

// scope is what the commands of bindings may refer to.
type scope struct {
	modes      []string // "default" and the [modes.NAME] tables
	workspaces int
}

// optionNames lists the options in the order the documentation shows them.
func optionNames() []string {
	return []string{"workspaces", "split_ratio", "resize_step", "focus_follows_mouse", "focus_on_activate",
		"warp_pointer", "remember_places", "size_hints", "float_modifier", "font", "font_size", "bar_height", "border", "autostart"}
}

// options returns the checks of the top-level options, each storing its value into c.
func options(c *Config) map[string]func(*checker, string, any) {
	return map[string]func(*checker, string, any){
		"workspaces":          workspaces(&c.Workspaces),
		"split_ratio":         number(&c.SplitRatio, 0.05, 0.95, "0.5"),
		"resize_step":         whole(&c.ResizeStep, 1, 2000, "40"),
		"focus_follows_mouse": boolean(&c.FocusFollowsMouse),
		"focus_on_activate":   boolean(&c.FocusOnActivate),
		"warp_pointer":        boolean(&c.WarpPointer),
		"remember_places":     boolean(&c.RememberPlaces),
		"size_hints":          choice(&c.SizeHints, SizeHintChoices),
		"float_modifier":      modifier(&c.FloatModifier),
		"font":                fonts(&c.Fonts),
		"font_size":           number(&c.FontSize, 4, 200, "13"),
		"bar_height":          whole(&c.BarHeight, 0, 200, "0"),
		"border":              whole(&c.Border, 0, 50, "1"),
		"autostart":           autostart(&c.Autostart),
	}
}

// quoted says ", without quotes" when a number or boolean was written as a string.
func quoted(v any) string {
	if s, ok := v.(string); ok {
		if _, err := strconv.ParseFloat(s, 64); err == nil || s == "true" || s == "false" {
			return ", without quotes"
		}
	}
	return ""
}

func number(dst *float64, lo, hi float64, example string) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		var f float64
		switch n := v.(type) {
		case float64:
			f = n
		case int64:
			f = float64(n)
		default:
			ch.errs.add(ch.src.value(name), "%q must be a number like %s%s", name, example, quoted(v))
			return
		}
		if !(f >= lo && f <= hi) { // written so that NaN is out of range too
			ch.errs.add(ch.src.value(name), "%s: %v is out of range; use a number from %v to %v", name, f, lo, hi)
			return
		}
		*dst = f
	}
}

func whole(dst *int, lo, hi int, example string) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		n, ok := v.(int64)
		if f, isFloat := v.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < 1e9 {
			n, ok = int64(f), true // 40.0 means 40
		}
		if !ok {
			ch.errs.add(ch.src.value(name), "%q must be a whole number like %s%s", name, example, quoted(v))
			return
		}
		if n < int64(lo) || n > int64(hi) {
			ch.errs.add(ch.src.value(name), "%s: %d is out of range; use a whole number from %d to %d", name, n, lo, hi)
			return
		}
		*dst = int(n)
	}
}

// SizeHintChoices are the values of size_hints: where a tiled client whose size hints leave
// part of its tile unused sits in it, or "ignore" to give it the whole tile.
var SizeHintChoices = []string{"center", "top-left", "ignore"}

func choice(dst *string, choices []string) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		s, ok := v.(string)
		if ok && slices.Contains(choices, s) {
			*dst = s
			return
		}
		hint := ""
		if ok {
			if near := suggest.Closest(s, choices); near != "" {
				hint = fmt.Sprintf("; did you mean %q?", near)
			}
		}
		ch.errs.add(ch.src.value(name), "%s must be one of %s%s", name, quotedList(choices), hint)
	}
}

func quotedList(choices []string) string {
	q := make([]string, len(choices))
	for i, c := range choices {
		q[i] = strconv.Quote(c)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// modifier reads one modifier name (Mod1-Mod5, Super, Alt, Ctrl, Shift).
func modifier(dst *uint16) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		s, _ := v.(string)
		mask, err := keys.ParseModifier(s)
		if err != nil {
			ch.errs.add(ch.src.value(name), "%s: %v", name, err)
			return
		}
		*dst = mask
	}
}

func boolean(dst *bool) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		b, ok := v.(bool)
		if !ok {
			ch.errs.add(ch.src.value(name), "%q must be true or false%s", name, quoted(v))
			return
		}
		*dst = b
	}
}

// maxWorkspaces bounds the workspace list; more would not fit a tab bar of workspace names.
const maxWorkspaces = 32

// maxWorkspaceName bounds a workspace's name, which fion repeats in every desktop name
// (_NET_DESKTOP_NAMES) and in the socket's replies and events.
const maxWorkspaceName = 64

func workspaces(dst *[]string) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		list, ok := v.([]any)
		if !ok {
			ch.errs.add(ch.src.value(name), "%q must be a list of names like [\"1\", \"2\", \"3\", \"4\"]", name)
			return
		}
		if len(list) == 0 || len(list) > maxWorkspaces {
			ch.errs.add(ch.src.value(name), "%s: %d names; give 1 to %d", name, len(list), maxWorkspaces)
			return
		}
		names := make([]string, 0, len(list))
		bad := false
		for i, item := range list {
			at := ch.src.value(name, elem(i))
			s, ok := item.(string)
			switch {
			case !ok:
				ch.errs.add(at, "%s: name %d must be in quotes, like \"%v\"", name, i+1, item)
			case strings.TrimSpace(s) == "":
				ch.errs.add(at, "%s: name %d is empty; give every workspace a name", name, i+1)
			case len(s) > maxWorkspaceName:
				ch.errs.add(at, "%s: name %d is %d bytes long; give a name of at most %d bytes", name, i+1, len(s), maxWorkspaceName)
			case slices.Contains(names, s):
				ch.errs.add(at, "%s: %q is there twice; give every workspace a different name", name, s)
			default:
				names = append(names, s)
				continue
			}
			bad = true
		}
		if !bad {
			*dst = names
		}
	}
}

// fonts reads the font option: one path, or a list of them. Whether the files can be used is for
// the X side to find out (see Config.FontError).
func fonts(dst *[]Font) func(*checker, string, any) {
	return func(ch *checker, name string, v any) {
		switch v := v.(type) {
		case string:
			*dst = nil
			if v != "" {
				*dst = []Font{ch.font(v, ch.src.value(name))}
			}
		case []any:
			if len(v) > MaxFonts {
				ch.errs.add(ch.src.value(name), "%s: %d fonts; give at most %d", name, len(v), MaxFonts)
				return
			}
			var list []Font
			for i, item := range v {
				at := ch.src.value(name, elem(i))
				s, ok := item.(string)
				if !ok {
					ch.errs.add(at, "%s: font %d must be the path of a font file in quotes, or \"\" for the embedded Go font", name, i+1)
					return
				}
				list = append(list, ch.font(s, at))
			}
			*dst = list
		default:
			ch.errs.add(ch.src.value(name), "%q must be the path of a font file in quotes, a list of them like [\"~/.fonts/a.ttf\", \"/usr/share/fonts/b.ttc\"], or \"\" for the embedded Go font", name)
		}
	}
}

// font is the font whose path was written s at p; "" is the embedded Go font.
func (ch *checker) font(s string, p pos) Font {
	f := Font{Written: s, Line: p.Line, Col: p.Col}
	if s != "" {
		f.Path = ch.fontPath(s)
	}
	return f
}

// fontPath resolves "~/" against $HOME and a relative path against the config file's directory,
// so that the font does not depend on the directory fion was started from.
func (ch *checker) fontPath(s string) string {
	if rest, ok := strings.CutPrefix(s, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(ch.dir, s)
}

// unknown reports a top-level name that is neither an option nor a table.
func (ch *checker) unknown(name string, v any) {
	at := ch.src.key(name)
	if _, isTable := v.(map[string]any); isTable {
		tables := []string{colorsTable, keysTable, modesTable, rulesTable, layoutsTable}
		if s := command.Suggest(name, tables); s != "" {
			ch.errs.add(at, "unknown table [%s]; did you mean [%s]?", name, s)
		} else {
			ch.errs.add(at, "unknown table [%s]; the tables are [colors], [keys], [modes.NAME], [[rules]] and [[layouts]]", name)
		}
		return
	}
	if s := command.Suggest(name, append(optionNames(), colorsTable, keysTable, modesTable, rulesTable, layoutsTable)); s != "" {
		ch.errs.add(at, "unknown option %q; did you mean %q?", name, s)
		return
	}
	ch.errs.add(at, "unknown option %q; the options are %s", name, strings.Join(optionNames(), ", "))
}

// misplaced says how to fix an option written under a table, which TOML reads as part of it.
func misplaced(name string) string {
	if slices.Contains(optionNames(), name) {
		return fmt.Sprintf("; %q is an option: move it above the first [table] line", name)
	}
	return ""
}

// colorFields pairs the colour names of the file with the fields of c.
func colorFields(c *Colors) []struct {
	name string
	dst  *Color
} {
	return []struct {
		name string
		dst  *Color
	}{
		{"background", &c.Background}, {"border", &c.Border}, {"focused_border", &c.FocusedBorder},
		{"bar", &c.Bar}, {"tab", &c.Tab}, {"tab_text", &c.TabText},
		{"active_tab", &c.ActiveTab}, {"active_tab_text", &c.ActiveTabText},
		{"focused_tab", &c.FocusedTab}, {"focused_tab_text", &c.FocusedTabText},
		{"urgent_tab", &c.UrgentTab}, {"urgent_tab_text", &c.UrgentTabText},
	}
}

func (ch *checker) colors(v any, dst *Colors) {
	table, ok := v.(map[string]any)
	if !ok {
		ch.errs.add(ch.src.value(colorsTable), "%q must be a table: a [colors] line, then lines like bar = \"#22262d\"", colorsTable)
		return
	}
	fields := colorFields(dst)
	var names []string
	for _, f := range fields {
		names = append(names, f.name)
	}
	for _, name := range ch.children(table, colorsTable) {
		if ch.errs.full() {
			break
		}
		i := slices.Index(names, name)
		if i < 0 {
			at := ch.src.key(colorsTable, name)
			if h := misplaced(name); h != "" {
				ch.errs.add(at, "unknown colour %q%s", name, h)
			} else if s := command.Suggest(name, names); s != "" {
				ch.errs.add(at, "unknown colour %q; did you mean %q?", name, s)
			} else {
				ch.errs.add(at, "unknown colour %q; the colours are %s", name, strings.Join(names, ", "))
			}
			continue
		}
		at := ch.src.value(colorsTable, name)
		s, ok := table[name].(string)
		if !ok {
			ch.errs.add(at, "colors.%s must be a colour in quotes, like \"#22262d\"", name)
			continue
		}
		col, ok := ParseColor(s)
		if !ok {
			ch.errs.add(at, "colors.%s: %q is not a colour; write \"#rrggbb\" or \"#rgb\"", name, s)
			continue
		}
		*fields[i].dst = col
	}
}

// modes checks the [modes.NAME] tables and returns the modes with no bindings yet: every mode
// must be known before any binding's "mode NAME" is checked. ok is false when a table is wrong.
func (ch *checker) modes(v any) (modes map[string][]Binding, ok bool) {
	modes = map[string][]Binding{}
	table, ok := v.(map[string]any)
	if !ok {
		ch.errs.add(ch.src.value(modesTable), "%q must hold tables: a [modes.NAME] line, then lines like \"h\" = \"resize left\"", modesTable)
		return modes, false
	}
	for _, name := range ch.children(table, modesTable) {
		if ch.errs.full() {
			break
		}
		at := ch.src.key(modesTable, name)
		switch _, isTable := table[name].(map[string]any); {
		case !isTable:
			ch.errs.add(ch.src.value(modesTable, name), "modes.%s must be a table: a [modes.%s] line, then lines like \"h\" = \"resize left\"", name, name)
		case name == "default":
			ch.errs.add(at, "[modes.default]: \"mode default\" means the [keys] bindings; give this mode another name")
		case name == "" || strings.ContainsAny(name, " \t"):
			ch.errs.add(at, "mode name %q cannot be written in \"mode NAME\"; use a name without spaces", name)
		default:
			modes[name] = nil
			continue
		}
		ok = false
	}
	return modes, ok
}

// bindings checks the "CHORD" = "COMMAND" lines of the table at path.
func (ch *checker) bindings(v any, path []string, sc scope) []Binding {
	label := strings.Join(path, ".")
	table, ok := v.(map[string]any)
	if !ok {
		ch.errs.add(ch.src.value(path...), "%q must be a table: a [%s] line, then lines like \"Mod4+s\" = \"split right\"", label, label)
		return nil
	}
	var out []Binding
	for _, text := range ch.children(table, path...) {
		if ch.errs.full() {
			break
		}
		where := append(slices.Clone(path), text)
		name := fmt.Sprintf("%s.%q", label, text)
		at := ch.src.key(where...)
		if h := misplaced(text); h != "" {
			ch.errs.add(at, "%s is not a chord%s", name, h)
			continue
		}
		notCommand := func() {
			ch.errs.add(ch.src.value(where...), "%s must be a command in quotes, like \"split right\"", name)
		}
		if _, isTable := table[text].(map[string]any); isTable { // [keys.X]: X is no chord, say only that
			notCommand()
			continue
		}
		seq, chordErr := keys.ParseSequence(text)
		if chordErr != nil {
			ch.errs.add(at, "%s: %v", name, chordErr)
		}
		cmdText, isText := table[text].(string)
		if !isText {
			notCommand()
		}
		if chordErr != nil || !isText {
			continue
		}
		cmd, err := command.Parse(cmdText)
		if err != nil {
			col := 1
			var ce *command.Error
			if errors.As(err, &ce) {
				col = ce.Col
			}
			ch.errs.add(ch.src.inString(col-1, where...), "%s: %v", name, err)
			continue
		}
		if !ch.commandFits(cmd, cmdText, where, name, sc) {
			continue
		}
		b := Binding{Keys: seq, Text: text, Command: cmd, Line: at.Line}
		if ch.conflict(b, out, at, name) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// commandFits checks what command.Parse cannot know: that a mode and a workspace exist.
func (ch *checker) commandFits(cmd command.Command, text string, where []string, name string, sc scope) bool {
	at := ch.src.inString(argOffset(text, 1), where...)
	switch cmd.Name {
	case "mode":
		mode := cmd.Arg(0)
		if slices.Contains(sc.modes, mode) {
			return true
		}
		if s := command.Suggest(mode, sc.modes); s != "" {
			ch.errs.add(at, "%s: there is no mode %q; did you mean %q?", name, mode, s)
		} else {
			ch.errs.add(at, "%s: there is no mode %q; add a [modes.%s] table or enter another mode", name, mode, mode)
		}
		return false
	case "workspace", "move-tab-to-workspace":
		if n, ok := cmd.Number(0); ok && n > sc.workspaces {
			ch.errs.add(at, "%s: there is no workspace %d, workspaces has %d names; add names to workspaces or bind another number", name, n, sc.workspaces)
			return false
		}
	}
	return true
}

// argOffset returns the byte offset of word n (0 = the command name) in a command text.
func argOffset(text string, n int) int {
	inWord := false
	for i := 0; i < len(text); i++ {
		space := text[i] == ' ' || text[i] == '\t'
		if !space && !inWord {
			if n == 0 {
				return i
			}
			n--
		}
		inWord = !space
	}
	return 0
}

// conflict reports b when one of the earlier bindings has the same chords, or when one is a
// key chain the other's chords start: keys could never reach the longer one.
func (ch *checker) conflict(b Binding, earlier []Binding, at pos, name string) bool {
	for _, e := range earlier {
		n := min(len(e.Keys), len(b.Keys))
		if !slices.EqualFunc(e.Keys[:n], b.Keys[:n], keys.Chord.Equal) {
			continue
		}
		switch {
		case len(e.Keys) == len(b.Keys):
			what := "chord"
			if len(b.Keys) > 1 {
				what = "key chain"
			}
			ch.errs.add(at, "%s is the same %s as %q on line %d; remove one of them", name, what, e.Text, e.Line)
		case len(e.Keys) < len(b.Keys):
			ch.errs.add(at, "%s starts with the chord of %q on line %d, which runs a command; a chord cannot both run a command and start a key chain: remove one of them", name, e.Text, e.Line)
		default:
			ch.errs.add(at, "%s is the first chord of the key chain %q on line %d; a chord cannot both run a command and start a key chain: remove one of them", name, e.Text, e.Line)
		}
		return true
	}
	return false
}

// inheritedModes checks that the default bindings, kept because the file has no [keys] table,
// only enter modes that the file's own [modes.NAME] tables define.
func (ch *checker) inheritedModes(bs []Binding, sc scope) {
	for _, b := range bs {
		if b.Command.Name == "mode" && !slices.Contains(sc.modes, b.Command.Arg(0)) {
			mode := b.Command.Arg(0)
			ch.errs.add(ch.src.key(modesTable), "the default binding %q = %q enters mode %q, which the [modes.NAME] tables here replace; add a [modes.%s] table, or a [keys] table of your own", b.Text, b.Command.String(), mode, mode)
		}
	}
}
