// Package command is FION's command language: the text that key bindings, fionctl and tests use to
// drive the window manager ("split right", "focus left", "workspace 3", "exec xterm").
//
// It only parses and validates; it knows nothing of X or of the layout model. The table Specs is
// the single list of commands: the parser, `fionctl help`, the man page check and the config
// validator all read it.
package command

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fion-wm/fion/internal/suggest"
)

// Command is one parsed, validated command.
type Command struct {
	Name string
	// Args are the validated words after the name. For exec it holds one element: the rest of
	// the line, verbatim.
	Args []string
}

// String gives the command back as text that Parse accepts.
func (c Command) String() string {
	if len(c.Args) == 0 {
		return c.Name
	}
	return c.Name + " " + strings.Join(c.Args, " ")
}

// Arg returns argument i, or "" when there is none.
func (c Command) Arg(i int) string {
	if i < len(c.Args) {
		return c.Args[i]
	}
	return ""
}

// Number returns argument i as an integer and whether it was one.
func (c Command) Number(i int) (int, bool) {
	n, err := strconv.Atoi(c.Arg(i))
	return n, err == nil
}

// Window returns argument i as an X window id (decimal or 0x hexadecimal) and whether it was one.
func (c Command) Window(i int) (uint32, bool) {
	id, err := strconv.ParseUint(c.Arg(i), 0, 32)
	return uint32(id), err == nil && id != 0
}

// Spec describes one command for the parser and for the documentation.
type Spec struct {
	Name    string
	Usage   string // the arguments, as shown in fion.1: "right|down"
	Summary string // one line, as shown in fion.1 and `fionctl help`
	args    []argKind
	minArgs int
}

type argKind struct {
	words  []string // accepted words; with number, also a positive integer
	number bool
	name   string // a free word (a mode name)
	rest   bool   // the rest of the line (exec)
	window bool   // an X window id, decimal or 0x hexadecimal
	what   string // how an error names this argument
	// after gives, for some words, the kinds of the arguments that follow them (and then no
	// other), the first of them required: "focus tile NAME", "layout save NAME [--all]".
	after map[string][]argKind
}

var (
	directions  = argKind{words: []string{"left", "right", "up", "down"}, what: "a direction"}
	sides       = argKind{words: []string{"left", "right"}, what: "left or right"}
	halves      = argKind{words: []string{"right", "down"}, what: "right or down"}
	cycle       = argKind{words: []string{"next", "prev"}, number: true, what: "next, prev or a number"}
	wsCycle     = argKind{words: []string{"next", "prev", "last"}, number: true, what: "next, prev, last or a number"}
	windowID    = argKind{window: true, what: "a window id (`fionctl windows` lists them)"}
	scratchName = argKind{name: "scratchpad", what: "a scratchpad name"}
	scratchArg  = argKind{words: []string{"toggle", "move"}, what: "toggle or move", after: map[string][]argKind{"toggle": {scratchName}, "move": {scratchName}}}
	number      = argKind{number: true, what: "a number"}
	pixels      = argKind{number: true, what: "a number of pixels"}
	tileName    = argKind{name: "tile", what: "a tile name"}
	focusArg    = argKind{words: []string{"left", "right", "up", "down", "next", "prev", "last", "urgent", "float", "tile", "window"}, what: "a direction, next, prev, last, urgent, float, tile NAME or window ID",
		after: map[string][]argKind{"tile": {tileName}, "window": {windowID}}}
	moveTo     = argKind{words: []string{"left", "right", "up", "down", "tile"}, what: "a direction or tile NAME", after: map[string][]argKind{"tile": {tileName}}}
	switches   = argKind{words: []string{"toggle", "on", "off"}, what: "toggle, on or off"}
	layoutName = argKind{name: "layout", what: "a layout name"}
	layoutArg  = argKind{words: []string{"save", "load"}, what: "save or load", after: map[string][]argKind{
		"save": {layoutName, {words: []string{"--all"}, what: "--all"}}, "load": {layoutName}}}
)

// Specs lists every command, in the order the documentation shows them.
var Specs = []Spec{
	{Name: "split", Usage: "right|down", Summary: "split the focused tile in two", args: []argKind{halves}, minArgs: 1},
	{Name: "remove-tile", Summary: "remove the focused tile"},
	{Name: "resize", Usage: "left|right|up|down [PIXELS]", Summary: "move the focused tile's border on that side by PIXELS", args: []argKind{directions, pixels}, minArgs: 1},
	{Name: "focus", Usage: "left|right|up|down|next|prev|last|urgent|float|tile NAME|window ID", Summary: "focus the tile next to the focused one in that direction, the window that had the keys before this one (again: back), the window that has asked for attention longest, the next floating window of the workspace, the tile named NAME, or the window ID, wherever it is", args: []argKind{focusArg}, minArgs: 1},
	{Name: "screen", Usage: "next|prev|N", Summary: "focus the next or previous screen (wrapping around) or screen N", args: []argKind{cycle}, minArgs: 1},
	{Name: "workspace", Usage: "next|prev|last|N", Summary: "show the next or previous workspace (wrapping around), the one shown before this one (again: back), or workspace N on the focused screen", args: []argKind{wsCycle}, minArgs: 1},
	{Name: "tab", Usage: "next|prev|N", Summary: "show the next or previous tab (wrapping around) or tab N of the focused tile", args: []argKind{cycle}, minArgs: 1},
	{Name: "move-tab", Usage: "left|right", Summary: "move the active tab one place left or right in its tab bar", args: []argKind{sides}, minArgs: 1},
	{Name: "move-tab-to", Usage: "left|right|up|down|tile NAME", Summary: "move the active tab into the tile next to the focused one in that direction, which gets the focus, or into the tile named NAME wherever it is", args: []argKind{moveTo}, minArgs: 1},
	{Name: "attach", Usage: "window ID", Summary: "move the window ID, wherever it is, into the focused tile as its active tab", args: []argKind{{words: []string{"window"}, what: "window"}, windowID}, minArgs: 2},
	{Name: "swap", Usage: "left|right|up|down", Summary: "exchange the focused tile with the tile next to it in that direction: tabs and names change places, sizes stay", args: []argKind{directions}, minArgs: 1},
	{Name: "rotate", Summary: "turn the split the focused tile is in: side by side becomes one above the other, and back"},
	{Name: "equalize", Usage: "[all]", Summary: "give every tile of the split the focused tile is in (with all, of the workspace) an equal share", args: []argKind{{words: []string{"all"}, what: "all"}}},
	{Name: "zoom", Usage: "toggle|on|off", Summary: "show the focused tile over its whole workspace, the others hidden, until the focus moves to another tile", args: []argKind{switches}, minArgs: 1},
	{Name: "scratchpad", Usage: "toggle|move NAME", Summary: "show the window of scratchpad NAME centred on the focused screen, or put it away; move: send the focused window there", args: []argKind{scratchArg}, minArgs: 2},
	{Name: "tile", Usage: "name [NAME]", Summary: "name the focused tile NAME, or take its name away", args: []argKind{{words: []string{"name"}, what: "name"}, tileName}, minArgs: 1},
	{Name: "layout", Usage: "save|load NAME [--all]", Summary: "save the focused workspace (with --all, every screen) as the layout NAME, or load the layout NAME: its windows go to their tiles, and its tiles wait for those not there yet", args: []argKind{layoutArg}, minArgs: 1},
	{Name: "move-tab-to-workspace", Usage: "N", Summary: "move the active tab to workspace N of the focused screen", args: []argKind{number}, minArgs: 1},
	{Name: "move-workspace-to-screen", Usage: "next|prev|N", Summary: "move the workspace the focused screen shows, whole, to the next or previous screen (wrapping around) or screen N, which shows it", args: []argKind{cycle}, minArgs: 1},
	{Name: "float", Usage: "toggle|on|off", Summary: "move the focused window out of its tile to float above the tiles, or back into the focused tile", args: []argKind{switches}, minArgs: 1},
	{Name: "fullscreen", Usage: "toggle|on|off", Summary: "make the focused window cover its whole screen, or put it back in its tile", args: []argKind{switches}, minArgs: 1},
	{Name: "close", Summary: "ask the focused client to close (WM_DELETE_WINDOW); kill it if it does not support that"},
	{Name: "kill", Summary: "disconnect the focused client from the X server"},
	{Name: "query", Usage: "goto|attach", Summary: "open a prompt over the focused tile's tab bar that lists the windows whose title, class or instance match what is typed; Enter goes to the selected one (goto) or moves it into the focused tile (attach)", args: []argKind{{words: []string{"goto", "attach"}, what: "goto or attach"}}, minArgs: 1},
	{Name: "exec", Usage: "COMMAND...", Summary: "run the rest of the line with /bin/sh -c, in a session of its own; its windows come to the focused tile", args: []argKind{{rest: true, what: "a command line"}}, minArgs: 1},
	{Name: "mode", Usage: "NAME", Summary: "enter the key mode NAME", args: []argKind{{name: "mode", what: "a mode name"}}, minArgs: 1},
	{Name: "reload", Summary: "read the configuration again"},
	{Name: "restart", Summary: "replace fion with the fion program found on PATH now, with the same options, keeping every window where it is; refused, and fion goes on, when the new one does not accept the configuration"},
	{Name: "exit", Summary: "put every client back on the root window and quit"},
}

// Lookup returns the spec of the command called name.
func Lookup(name string) (Spec, bool) {
	for _, s := range Specs {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// Error is a parse error; Col is the 1-based column in the command text where it was found.
type Error struct {
	Col  int
	Msg  string
	Hint string // a suggestion, may be empty
}

func (e *Error) Error() string {
	if e.Hint != "" {
		return e.Msg + "; " + e.Hint
	}
	return e.Msg
}

// Parse reads one command.
func Parse(text string) (Command, error) {
	words := splitWords(text)
	if len(words) == 0 {
		return Command{}, &Error{Col: 1, Msg: "empty command", Hint: "write a command such as \"split right\""}
	}
	name := words[0]
	spec, ok := Lookup(name.text)
	if !ok {
		e := &Error{Col: name.col, Msg: fmt.Sprintf("unknown command %q", name.text)}
		if s := Suggest(name.text, Names()); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		} else {
			e.Hint = "the COMMANDS section of fion(1) lists them"
		}
		return Command{}, e
	}
	cmd := Command{Name: spec.Name}
	args := words[1:]
	kinds, minArgs := spec.args, spec.minArgs
	for i := 0; i < len(kinds); i++ {
		kind := kinds[i]
		if i >= len(args) {
			if i < minArgs {
				return Command{}, &Error{Col: len(text) + 1, Msg: fmt.Sprintf("%s needs %s", spec.Name, kind.what), Hint: "usage: " + spec.Name + " " + spec.Usage}
			}
			break
		}
		w := args[i]
		if kind.rest {
			cmd.Args = append(cmd.Args, strings.TrimSpace(text[w.col-1:]))
			return cmd, nil
		}
		if err := kind.check(spec, w); err != nil {
			return Command{}, err
		}
		cmd.Args = append(cmd.Args, w.text)
		if next, ok := kind.after[w.text]; ok {
			kinds, minArgs = append(kinds[:i+1:i+1], next...), i+2
		}
	}
	if len(args) > len(kinds) {
		extra := args[len(kinds)]
		return Command{}, &Error{Col: extra.col, Msg: fmt.Sprintf("%s takes no more than %d argument(s); unexpected %q", spec.Name, len(kinds), extra.text), Hint: "usage: " + strings.TrimSpace(spec.Name+" "+spec.Usage)}
	}
	return cmd, nil
}

func (k argKind) check(spec Spec, w word) error {
	for _, ok := range k.words {
		if w.text == ok {
			return nil
		}
	}
	if k.name != "" {
		return nil
	}
	if k.window {
		if id, err := strconv.ParseUint(w.text, 0, 32); err == nil && id != 0 {
			return nil
		}
		return &Error{Col: w.col, Msg: fmt.Sprintf("%s: %q is not a window id", spec.Name, w.text), Hint: "write it as fionctl windows prints it, e.g. 0x1a00003"}
	}
	if k.number {
		n, err := strconv.Atoi(w.text)
		if err == nil && n >= 1 && n <= 100000 {
			return nil
		}
		if err == nil {
			return &Error{Col: w.col, Msg: fmt.Sprintf("%s: %d is out of range", spec.Name, n), Hint: "numbers count from 1"}
		}
	}
	e := &Error{Col: w.col, Msg: fmt.Sprintf("%s: %q is not %s", spec.Name, w.text, k.what), Hint: "usage: " + spec.Name + " " + spec.Usage}
	if s := Suggest(w.text, k.words); s != "" {
		e.Hint = fmt.Sprintf("did you mean %q?", s)
	}
	return e
}

// Names lists the command names.
func Names() []string {
	names := make([]string, len(Specs))
	for i, s := range Specs {
		names[i] = s.Name
	}
	return names
}

type word struct {
	text string
	col  int
}

func splitWords(s string) []word {
	var out []word
	start := -1
	for i := 0; i <= len(s); i++ {
		space := i == len(s) || s[i] == ' ' || s[i] == '\t'
		if space && start >= 0 {
			out = append(out, word{s[start:i], start + 1})
			start = -1
		} else if !space && start < 0 {
			start = i
		}
	}
	return out
}

// Suggest returns the candidate closest to s when it is close enough to be a likely typo, else "".
func Suggest(s string, candidates []string) string { return suggest.Closest(s, candidates) }
