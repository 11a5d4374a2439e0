package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/keys"
	"github.com/jezek/xgb/xproto"
)

// errorLines parses in as fion.toml and returns its errors, one string each.
func errorLines(t *testing.T, in string) []string {
	t.Helper()
	_, err := Parse("fion.toml", []byte(in))
	var es Errors
	var e *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &es):
		var out []string
		for _, e := range es {
			out = append(out, e.Error())
		}
		return out
	case errors.As(err, &e):
		return []string{e.Error()}
	}
	t.Fatalf("error of type %T: %v", err, err)
	return nil
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want []string
	}{
		// Not TOML: toml's message, with the column counted from its byte offset.
		{"syntax", "border = 1\nsplit_ratio = \n",
			[]string{`fion.toml:2:15: expected value but found '\n' instead`}},
		{"unquoted chord", "[keys]\nMod4+Return = \"exec xterm\"\n",
			[]string{`fion.toml:2:5: expected '.' or '=', but got '+' instead; put the chord in quotes: "Mod4+Return" = "exec xterm"`}},

		// Nested too deep for the decoder to be quick: refused before it sees the text. Brackets
		// in strings, comments and table headers do not count.
		{"nested too deep", "workspaces = [\"[[[[[[[[[[\"] # [[[[[[[[[[\n[colors]\nx = " + strings.Repeat("{a = ", 8000) + "1" + strings.Repeat("}", 8000),
			[]string{`fion.toml:3:45: values are nested more than 8 deep here; fion's settings need no more than 3 levels, so check the brackets and braces`}},
		{"arrays too deep", "x = \"\"\"\n]]]\"\"\"\ny = " + strings.Repeat("[", 9) + strings.Repeat("]", 9),
			[]string{`fion.toml:3:13: values are nested more than 8 deep here; fion's settings need no more than 3 levels, so check the brackets and braces`}},

		// Written twice: TOML refuses the file, fion says where and what to do.
		{"chord written twice", "[keys]\n\"Mod4+h\" = \"close\"\n\"Mod4+h\" = \"kill\"\n",
			[]string{`fion.toml:3:1: keys."Mod4+h" is bound twice, here and on line 2; remove one of them`}},
		{"chord written twice in other quotes", "[keys]\n\"Mod4+h\" = \"close\"\n\n  'Mod4+h'= \"kill\" # again\n",
			[]string{`fion.toml:4:3: keys."Mod4+h" is bound twice, here and on line 2; remove one of them`}},
		{"chord written twice with an escape", "[keys]\n\"Mod4+h\" = \"close\"\n\"Mod4+\\u0068\" = \"kill\"\n",
			[]string{`fion.toml:3:1: keys."Mod4+h" is bound twice, here and on line 2; remove one of them`}},
		{"chord written twice in a mode", "[modes.resize]\nh = \"resize left\"\nl = \"resize right\"\nh = \"resize right\"\n",
			[]string{`fion.toml:4:1: modes.resize."h" is bound twice, here and on line 2; remove one of them`}},
		{"chord written twice as a dotted key", "keys.\"Mod4+h\" = \"close\"\n[keys]\n\"Mod4+h\" = \"kill\"\n",
			[]string{`fion.toml:3:1: keys."Mod4+h" is bound twice, here and on line 1; remove one of them`}},
		{"chord written as a table too", "[keys]\n\"Mod4+h\" = \"close\"\n[keys.\"Mod4+h\"]\n",
			[]string{`fion.toml:3:1: keys."Mod4+h" is bound twice, here and on line 2; remove one of them`}},
		{"option set twice", "border = 1\nsplit_ratio = 0.5\nborder = 2\n",
			[]string{`fion.toml:3:1: border is set twice, here and on line 1; remove one of them`}},
		{"colour set twice", "[colors]\nbar = \"#fff\"\nbar = \"#000\"\n",
			[]string{`fion.toml:3:1: colors.bar is set twice, here and on line 2; remove one of them`}},
		{"table written twice", "[keys]\n\"Mod4+h\" = \"close\"\n[colors]\nbar = \"#fff\"\n[keys]\n\"Mod4+j\" = \"kill\"\n",
			[]string{`fion.toml:5:1: [keys] is written twice, here and on line 1; put the lines of both under one [keys]`}},
		{"mode written twice", "[modes.\"re size\"]\nh = \"close\"\n[modes.\"re size\"]\n",
			[]string{`fion.toml:3:1: [modes."re size"] is written twice, here and on line 1; put the lines of both under one [modes."re size"]`}},

		// Unknown names.
		{"unknown option", "border = 1\nfocus_follow_mouse = true\n",
			[]string{`fion.toml:2:1: unknown option "focus_follow_mouse"; did you mean "focus_follows_mouse"?`}},
		{"unknown option far off", "frobnicate = 1\n",
			[]string{`fion.toml:1:1: unknown option "frobnicate"; the options are workspaces, split_ratio, resize_step, focus_follows_mouse, focus_on_activate, warp_pointer, remember_places, size_hints, float_modifier, font, font_size, bar_height, border, autostart`}},
		{"unknown table", "[colours]\nbar = \"#fff\"\n",
			[]string{`fion.toml:1:1: unknown table [colours]; did you mean [colors]?`}},
		{"unknown table far off", "\n[terminal]\nname = \"xterm\"\n",
			[]string{`fion.toml:2:1: unknown table [terminal]; the tables are [colors], [keys], [modes.NAME], [[rules]] and [[layouts]]`}},

		// Options of the wrong type.
		{"number in quotes", `split_ratio = "0.5"`,
			[]string{`fion.toml:1:15: "split_ratio" must be a number like 0.5, without quotes`}},
		{"number", `font_size = true`,
			[]string{`fion.toml:1:13: "font_size" must be a number like 13`}},
		{"whole number", `resize_step = 2.5`,
			[]string{`fion.toml:1:15: "resize_step" must be a whole number like 40`}},
		{"boolean", `focus_follows_mouse = "yes"`,
			[]string{`fion.toml:1:23: "focus_follows_mouse" must be true or false`}},
		{"boolean in quotes", `focus_follows_mouse = "false"`,
			[]string{`fion.toml:1:23: "focus_follows_mouse" must be true or false, without quotes`}},
		{"choice", `size_hints = "centre"`,
			[]string{`fion.toml:1:14: size_hints must be one of "center", "top-left" or "ignore"; did you mean "center"?`}},
		{"choice of another type", `size_hints = 1`,
			[]string{`fion.toml:1:14: size_hints must be one of "center", "top-left" or "ignore"`}},
		{"modifier", `float_modifier = "Mod6"`,
			[]string{`fion.toml:1:18: float_modifier: "Mod6" is not a modifier; use Mod1-Mod5, Super, Alt, Ctrl, Shift`}},
		{"font", `font = 12`,
			[]string{`fion.toml:1:8: "font" must be the path of a font file in quotes, a list of them like ["~/.fonts/a.ttf", "/usr/share/fonts/b.ttc"], or "" for the embedded Go font`}},
		{"font in a list", `font = ["/a.ttf", 12]`,
			[]string{`fion.toml:1:19: font: font 2 must be the path of a font file in quotes, or "" for the embedded Go font`}},
		{"too many fonts", `font = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]`,
			[]string{`fion.toml:1:8: font: 9 fonts; give at most 8`}},
		{"workspaces", `workspaces = "1 2 3"`,
			[]string{`fion.toml:1:14: "workspaces" must be a list of names like ["1", "2", "3", "4"]`}},
		{"option as a table", "[border]\nwidth = 2\n",
			[]string{`fion.toml:1:1: "border" must be a whole number like 1`}},

		// Options out of range.
		{"ranges", strings.Join([]string{
			"split_ratio = 0.96", "resize_step = 0", "font_size = 3.5", "bar_height = 201", "border = -1",
		}, "\n"), []string{
			`fion.toml:1:15: split_ratio: 0.96 is out of range; use a number from 0.05 to 0.95`,
			`fion.toml:2:15: resize_step: 0 is out of range; use a whole number from 1 to 2000`,
			`fion.toml:3:13: font_size: 3.5 is out of range; use a number from 4 to 200`,
			`fion.toml:4:14: bar_height: 201 is out of range; use a whole number from 0 to 200`,
			`fion.toml:5:10: border: -1 is out of range; use a whole number from 0 to 50`,
		}},
		{"more ranges", "split_ratio = 0\nresize_step = 2001\nfont_size = 201\nborder = 51\n", []string{
			`fion.toml:1:15: split_ratio: 0 is out of range; use a number from 0.05 to 0.95`,
			`fion.toml:2:15: resize_step: 2001 is out of range; use a whole number from 1 to 2000`,
			`fion.toml:3:13: font_size: 201 is out of range; use a number from 4 to 200`,
			`fion.toml:4:10: border: 51 is out of range; use a whole number from 0 to 50`,
		}},
		{"nan", "split_ratio = nan",
			[]string{`fion.toml:1:15: split_ratio: NaN is out of range; use a number from 0.05 to 0.95`}},
		{"no workspaces", "workspaces = []",
			[]string{`fion.toml:1:14: workspaces: 0 names; give 1 to 32`}},
		{"too many workspaces", "workspaces = [" + strings.Repeat(`"w", `, 33) + "]",
			[]string{`fion.toml:1:14: workspaces: 33 names; give 1 to 32`}},
		{"workspace names", "workspaces = [\n  \"web\",\n  \" \",\n  \"web\",\n  5,\n]\n", []string{
			`fion.toml:3:3: workspaces: name 2 is empty; give every workspace a name`,
			`fion.toml:4:3: workspaces: "web" is there twice; give every workspace a different name`,
			`fion.toml:5:3: workspaces: name 4 must be in quotes, like "5"`,
		}},
		{"a 300 KB workspace name", `workspaces = ["1", "` + strings.Repeat("w", 300000) + `"]`,
			[]string{`fion.toml:1:20: workspaces: name 2 is 300000 bytes long; give a name of at most 64 bytes`}},

		// Autostart: command lines, each on one line, since each goes to the supervisor as one.
		{"autostart not a list", `autostart = "polybar main"`,
			[]string{`fion.toml:1:13: "autostart" must be a list of command lines like ["polybar main", "nm-applet"]`}},
		{"autostart", `autostart = ["polybar main", 12, "  ", ""]`, []string{
			`fion.toml:1:30: autostart: command 2 must be a command line in quotes, like "polybar main"`,
			`fion.toml:1:34: autostart: command 3 is empty; write the command to run, or remove the empty quotes`,
			`fion.toml:1:40: autostart: command 4 is empty; write the command to run, or remove the empty quotes`,
		}},
		{"autostart line break and NUL", `autostart = ["a", "xterm\nxclock", 'x', "nm-applet \u0000"]`, []string{
			`fion.toml:1:25: autostart: command 2 has a line break in it; write it on one line, with ; between commands`,
			`fion.toml:1:52: autostart: command 4 has a NUL character (\u0000) in it; remove it`,
		}},
		{"autostart multi-line string", "autostart = [\n  \"\"\"\nxterm\n\"\"\"]\n",
			[]string{`fion.toml:2:3: autostart: command 1 has a line break in it; write it on one line, with ; between commands`}},
		{"autostart commands", `autostart = ["polybar main", "xterm -e 'vi a; b'", "a\tb"]`, nil},
		{"autostart empty", `autostart = []`, nil},

		// Font files are not opened here: a missing one is no mistake of the text.
		{"font missing", `font = "/no/such/font.ttf"`, nil},

		// Colours.
		{"colours", strings.Join([]string{
			`[colors]`,
			`bar = "#12345"`,
			`tab = 0x123456`,
			`backgrund = "#000"`,
			`shadow = "#000"`,
			`border = "red"`,
			`font_size = 12`,
		}, "\n"), []string{
			`fion.toml:2:7: colors.bar: "#12345" is not a colour; write "#rrggbb" or "#rgb"`,
			`fion.toml:3:7: colors.tab must be a colour in quotes, like "#22262d"`,
			`fion.toml:4:1: unknown colour "backgrund"; did you mean "background"?`,
			`fion.toml:5:1: unknown colour "shadow"; the colours are background, border, focused_border, bar, tab, tab_text, active_tab, active_tab_text, focused_tab, focused_tab_text, urgent_tab, urgent_tab_text`,
			`fion.toml:6:10: colors.border: "red" is not a colour; write "#rrggbb" or "#rgb"`,
			`fion.toml:7:1: unknown colour "font_size"; "font_size" is an option: move it above the first [table] line`,
		}},
		{"colors not a table", `colors = "dark"`,
			[]string{`fion.toml:1:10: "colors" must be a table: a [colors] line, then lines like bar = "#22262d"`}},

		// Chords.
		{"key name", "[keys]\n\"Mod4+Retrun\" = \"exec xterm\"\n",
			[]string{`fion.toml:2:1: keys."Mod4+Retrun": unknown key name "Retrun" (did you mean "Return"?)`}},
		{"modifier", "[keys]\n\"Supr+h\" = \"close\"\n",
			[]string{`fion.toml:2:1: keys."Supr+h": unknown modifier "Supr" in "Supr+h" (use Mod1-Mod5, Super, Alt, Ctrl, Shift)`}},
		{"option under keys", "[keys]\nborder = 2\n",
			[]string{`fion.toml:2:1: keys."border" is not a chord; "border" is an option: move it above the first [table] line`}},
		{"same chord", "[keys]\n\"Mod4+h\" = \"focus left\"\n\"Mod4+j\" = \"focus down\"\n\"Super+h\" = \"close\"\n",
			[]string{`fion.toml:4:1: keys."Super+h" is the same chord as "Mod4+h" on line 2; remove one of them`}},
		{"same chord by Shift", "[keys]\n\"Mod4+Shift+h\" = \"close\"\n\"Mod4+H\" = \"kill\"\n",
			[]string{`fion.toml:3:1: keys."Mod4+H" is the same chord as "Mod4+Shift+h" on line 2; remove one of them`}},
		{"chain after its chord", "[keys]\n\"Mod4+a\" = \"close\"\n\"Super+a k\" = \"kill\"\n",
			[]string{`fion.toml:3:1: keys."Super+a k" starts with the chord of "Mod4+a" on line 2, which runs a command; a chord cannot both run a command and start a key chain: remove one of them`}},
		{"chord after its chain", "[keys]\n\"Mod4+a k\" = \"kill\"\n\"Mod4+a\" = \"close\"\n",
			[]string{`fion.toml:3:1: keys."Mod4+a" is the first chord of the key chain "Mod4+a k" on line 2; a chord cannot both run a command and start a key chain: remove one of them`}},
		{"same chain", "[keys]\n\"Mod4+a k\" = \"kill\"\n\"Super+a  k\" = \"close\"\n",
			[]string{`fion.toml:3:1: keys."Super+a  k" is the same key chain as "Mod4+a k" on line 2; remove one of them`}},
		{"chains", "[keys]\n\"Mod4+a k\" = \"kill\"\n\"Mod4+a x\" = \"close\"\n\"Mod4+b k\" = \"reload\"\n", nil},

		// Commands: the column is the one command.Parse found, inside the string.
		{"unknown command", "[keys]\n\"Mod4+s\" =   \"splt right\"\n",
			[]string{`fion.toml:2:15: keys."Mod4+s": unknown command "splt"; did you mean "split"?`}},
		{"bad argument", "[keys]\n\"Mod4+s\" = \"split  rihgt\"\n",
			[]string{`fion.toml:2:20: keys."Mod4+s": split: "rihgt" is not right or down; did you mean "right"?`}},
		{"bad argument in single quotes", "[keys]\n\"Mod4+s\" = 'split rihgt'\n",
			[]string{`fion.toml:2:19: keys."Mod4+s": split: "rihgt" is not right or down; did you mean "right"?`}},
		{"missing argument", "[keys]\n\"Mod4+Return\" = \"exec\"\n",
			[]string{`fion.toml:2:22: keys."Mod4+Return": exec needs a command line; usage: exec COMMAND...`}},
		{"not a string", "[keys]\n\"Mod4+s\" = [\"split\", \"right\"]\n",
			[]string{`fion.toml:2:12: keys."Mod4+s" must be a command in quotes, like "split right"`}},
		{"neither chord nor command", "[keys]\n\"Mod4+\" = 1\n", []string{
			`fion.toml:2:1: keys."Mod4+": "Mod4+" has no key`,
			`fion.toml:2:11: keys."Mod4+" must be a command in quotes, like "split right"`,
		}},
		{"table under keys", "[keys.Mod4]\nh = \"close\"\n",
			[]string{`fion.toml:1:1: keys."Mod4" must be a command in quotes, like "split right"`}},
		{"keys not a table", `keys = "Mod4+h"`,
			[]string{`fion.toml:1:8: "keys" must be a table: a [keys] line, then lines like "Mod4+s" = "split right"`}},
		{"no such mode", "[keys]\n\"Mod4+r\" = \"mode resise\"\n",
			[]string{`fion.toml:2:18: keys."Mod4+r": there is no mode "resise"; did you mean "resize"?`}},
		{"no such mode far off", "[keys]\n\"Mod4+r\" = \"mode  launch\"\n",
			[]string{`fion.toml:2:19: keys."Mod4+r": there is no mode "launch"; add a [modes.launch] table or enter another mode`}},
		{"no such workspace", "workspaces = [\"a\", \"b\"]\n[keys]\n\"Mod4+3\" = \"workspace 3\"\n\"Mod4+Shift+3\" = \"move-tab-to-workspace 3\"\n\"Mod4+2\" = \"workspace 2\"\n", []string{
			`fion.toml:3:23: keys."Mod4+3": there is no workspace 3, workspaces has 2 names; add names to workspaces or bind another number`,
			`fion.toml:4:41: keys."Mod4+Shift+3": there is no workspace 3, workspaces has 2 names; add names to workspaces or bind another number`,
		}},

		{"inline table", "keys = { \"Mod4+h\" = \"close\", \"Mod4+j\" = \"splt\" }",
			[]string{`fion.toml:1:42: keys."Mod4+j": unknown command "splt"; did you mean "split"?`}},
		{"dotted keys", "border = 1\nkeys.\"Mod4+Retrun\" = \"close\"",
			[]string{`fion.toml:2:1: keys."Mod4+Retrun": unknown key name "Retrun" (did you mean "Return"?)`}},
		{"byte order mark", "\ufeffborder = 99",
			[]string{`fion.toml:1:10: border: 99 is out of range; use a whole number from 0 to 50`}},

		// Modes.
		{"modes not tables", `modes = ["resize"]`,
			[]string{`fion.toml:1:9: "modes" must hold tables: a [modes.NAME] line, then lines like "h" = "resize left"`}},
		{"mode not a table", "[modes]\nresize = \"h\"\n",
			[]string{`fion.toml:2:10: modes.resize must be a table: a [modes.resize] line, then lines like "h" = "resize left"`}},
		{"mode default", "[modes.default]\n\"h\" = \"close\"\n",
			[]string{`fion.toml:1:1: [modes.default]: "mode default" means the [keys] bindings; give this mode another name`}},
		{"mode name with a space", "[modes.\"re size\"]\n\"h\" = \"close\"\n",
			[]string{`fion.toml:1:1: mode name "re size" cannot be written in "mode NAME"; use a name without spaces`}},
		{"mode bindings", "[keys]\n[modes.move]\n\"h\" = \"move-tab-to left\"\n\"Shift+h\" = \"move-tab-to left\"\n\"H\" = \"close\"\n\"Escape\" = \"mode defualt\"\n", []string{
			`fion.toml:5:1: modes.move."H" is the same chord as "Shift+h" on line 4; remove one of them`,
			`fion.toml:6:18: modes.move."Escape": there is no mode "defualt"; did you mean "default"?`,
		}},
		{"default keys need their mode", "[modes.move]\n\"Escape\" = \"mode default\"\n",
			[]string{`fion.toml:1:1: the default binding "Mod4+r" = "mode resize" enters mode "resize", which the [modes.NAME] tables here replace; add a [modes.resize] table, or a [keys] table of your own`}},
		{"keys enter a mode of the file", "[keys]\n\"Mod4+m\" = \"mode move\"\n[modes.move]\n\"Escape\" = \"mode default\"\n", nil},

		// Rules.
		{"good rules", "[[rules]]\nclass = \"^firefox$\"\nworkspace = 2\n[[rules]]\ntitle = \"Private\"\nfloat = true\nfocus = false\n", nil},
		{"rule with a bad regexp", "[[rules]]\nclass = \"fire(fox\"\nworkspace = 2\n", []string{
			`fion.toml:2:9: rule 1 (line 1): class "fire(fox" is not a regular expression: missing closing ): ` + "`fire(fox`" + ` (the syntax is Go's RE2: https://golang.org/s/re2syntax)`,
		}},
		{"rules with mistakes", "[[rules]]\nclass = \"a\"\nworkspace = 2\n\n[[rules]]\n  clas = \"b\"\n  type = \"dailog\"\n  tile = \"two words\"\n  float = \"true\"\n  workspace = 9\n[[rules]]\nrole = \"pop-up\"\n[[rules]]\nfocus = true\n", []string{
			`fion.toml:6:3: rule 2 (line 5): unknown key "clas"; did you mean "class"?`,
			`fion.toml:7:10: rule 2 (line 5): type must be one of "normal", "dialog", "utility", "toolbar", "splash", "menu", "dropdown_menu", "popup_menu", "tooltip", "notification", "combo", "dnd", "dock" or "desktop"; did you mean "dialog"?`,
			`fion.toml:8:10: rule 2 (line 5): tile: tile name "two words" has a space or a control character; use - or _ instead`,
			`fion.toml:9:11: rule 2 (line 5): float must be true or false, without quotes`,
			`fion.toml:11:1: rule 3 (line 11) does nothing: give it screen, workspace, tile, float, fullscreen or focus`,
			`fion.toml:13:1: rule 4 (line 13) matches every window: give it class, instance, title, role or type`,
		}},
		{"rule on a workspace that is not there", "[[rules]]\nclass = \"a\"\nworkspace = 9\n", []string{
			`fion.toml:3:13: rule 1 (line 1): there is no workspace 9, workspaces has 4 names; add names to workspaces or give another number`,
		}},
		{"rules written as one table", "[rules]\nclass = \"a\"\n", []string{
			`fion.toml:1:1: "rules" must be tables: a [[rules]] line for each rule, then lines like class = "firefox" and workspace = 2`,
		}},

		// All mistakes are reported, in file order.
		{"several", "[keys]\n\"Mod4+x\" = \"frob\"\n[colors]\nbar = \"#1\"\n[modes.resize]\n\"h\" = \"resize sideways\"\n", []string{
			`fion.toml:2:13: keys."Mod4+x": unknown command "frob"; the COMMANDS section of fion(1) lists them`,
			`fion.toml:4:7: colors.bar: "#1" is not a colour; write "#rrggbb" or "#rgb"`,
			`fion.toml:6:15: modes.resize."h": resize: "sideways" is not a direction; usage: resize left|right|up|down [PIXELS]`,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := errorLines(t, c.in)
			if !slices.Equal(got, c.want) {
				t.Errorf("errors of\n%s\ngot:\n%s\nwant:\n%s", c.in, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestSyntaxErrorIsOne checks the error types the documentation promises.
// A file of thousands of mistakes (the wrong file given with -c) is told quickly: fion stops after
// the first 50, and says so.
func TestParseStopsAfterFiftyMistakes(t *testing.T) {
	var b strings.Builder
	b.WriteString("[keys]\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "\"Mod4+F%d\" = \"splt right\"\n", i+100)
	}
	_, err := Parse("fion.toml", []byte(b.String()))
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 51 {
		t.Fatalf("got %d errors (%T), want 50 and a last line", len(errs), err)
	}
	if got := errs[50].Error(); got != "fion.toml: fion stopped after these 50 mistakes and did not look further; fix them and check again" {
		t.Errorf("last line %q", got)
	}
	if got := errs[0].Error(); !strings.HasPrefix(got, `fion.toml:2:1: keys."Mod4+F100": unknown key name "F100"`) {
		t.Errorf("first line %q", got)
	}
}

func TestErrorTypes(t *testing.T) {
	_, err := Parse("a.toml", []byte("x = = 1"))
	if e, ok := err.(*Error); !ok || e.File != "a.toml" || e.Line != 1 || e.Col != 5 {
		t.Errorf("syntax error = %#v, want an *Error at a.toml:1:5", err)
	}
	_, err = Parse("a.toml", []byte("border = 99\nfont_size = 1"))
	if es, ok := err.(Errors); !ok || len(es) != 2 {
		t.Errorf("two mistakes = %#v, want Errors of two", err)
	}
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{File: "f", Line: 3, Col: 7, Msg: "m"}, "f:3:7: m"},
		{Error{File: "f", Line: 3, Msg: "m"}, "f:3: m"},
		{Error{File: "f", Msg: "m"}, "f: m"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
	es := Errors{{File: "f", Line: 1, Col: 1, Msg: "a"}, {File: "f", Line: 2, Col: 1, Msg: "b"}}
	if got := es.Error(); got != "f:1:1: a\nf:2:1: b" {
		t.Errorf("Errors.Error() = %q", got)
	}
}

func TestParseValues(t *testing.T) {
	dir := t.TempDir()
	fontFile := filepath.Join(dir, "fonts", "mono.ttf")
	if err := os.MkdirAll(filepath.Dir(fontFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fontFile, []byte("not read here"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := `
workspaces = ["web", "mail", "code"]
split_ratio = 0.6
resize_step = 25
focus_follows_mouse = false
focus_on_activate = true
size_hints = "top-left"
float_modifier = "Alt"
font = "fonts/mono.ttf"
font_size = 11.5
bar_height = 20
border = 0
autostart = ["polybar main", "xsetroot -solid '#000'"]

[colors]
bar = "#abc"
urgent_tab = "#FF0000"

[keys]
"Super+Return" = "exec xterm -e 'vi x'"
"Mod4+a   k" = "kill"
"Mod4+m" = "mode move"

[modes.move]
"h" = "move-tab-to left"
"Escape" = "mode default"
`
	path := filepath.Join(dir, "fion.toml")
	c, err := Parse(path, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	wantColors := def.Colors
	wantColors.Bar = 0xaabbcc
	wantColors.UrgentTab = 0xff0000
	chord := func(s string) []keys.Chord {
		seq, err := keys.ParseSequence(s)
		if err != nil {
			t.Fatal(err)
		}
		return seq
	}
	cmd := func(s string) command.Command {
		c, err := command.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	want := &Config{
		Path:              path,
		Workspaces:        []string{"web", "mail", "code"},
		SplitRatio:        0.6,
		ResizeStep:        25,
		FocusFollowsMouse: false,
		FocusOnActivate:   true,
		WarpPointer:       true, // the default, as the file does not say
		RememberPlaces:    true, // the default too
		SizeHints:         "top-left",
		FloatModifier:     xproto.ModMask1,
		Fonts:             []Font{{Path: fontFile, Written: "fonts/mono.ttf", Line: 9, Col: 8}},
		FontSize:          11.5,
		BarHeight:         20,
		Border:            0,
		Colors:            wantColors,
		Autostart:         []string{"polybar main", "xsetroot -solid '#000'"},
		Keys: []Binding{
			{Keys: chord("Mod4+Return"), Text: "Super+Return", Command: cmd("exec xterm -e 'vi x'"), Line: 20},
			{Keys: chord("Mod4+a k"), Text: "Mod4+a   k", Command: cmd("kill"), Line: 21},
			{Keys: chord("Mod4+m"), Text: "Mod4+m", Command: cmd("mode move"), Line: 22},
		},
		Modes: map[string][]Binding{"move": {
			{Keys: chord("h"), Text: "h", Command: cmd("move-tab-to left"), Line: 25},
			{Keys: chord("Escape"), Text: "Escape", Command: cmd("mode default"), Line: 26},
		}},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", c, want)
	}
}

// An option or table the file leaves out keeps the default; [keys] and [modes] replace it whole.
func TestParseKeepsDefaults(t *testing.T) {
	def := Default()
	c, err := Parse("f.toml", []byte("border = 3\n[colors]\nbar = \"#000\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Border != 3 || c.Colors.Bar != 0 || c.Colors.Tab != def.Colors.Tab || c.SplitRatio != def.SplitRatio ||
		!slices.Equal(c.Workspaces, def.Workspaces) || !reflect.DeepEqual(c.Keys, def.Keys) || !reflect.DeepEqual(c.Modes, def.Modes) {
		t.Errorf("Parse kept the wrong values: %+v", c)
	}
	c, err = Parse("f.toml", []byte("[keys]\n\"Mod4+q\" = \"exit\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Keys) != 1 || c.Keys[0].Text != "Mod4+q" || !reflect.DeepEqual(c.Modes, def.Modes) {
		t.Errorf("[keys] did not replace the default bindings alone: %+v", c)
	}
	c, err = Parse("f.toml", []byte("[keys]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Keys) != 0 {
		t.Errorf("an empty [keys] kept %d bindings", len(c.Keys))
	}
}

// TestDefault checks the embedded default: valid, complete, and the example users copy.
func TestDefault(t *testing.T) {
	c, err := parse("", DefaultText(), &Config{}) // nothing inherited: every option must be written
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != "" || !reflect.DeepEqual(c, Default()) {
		t.Errorf("Default() differs from parsing the default text")
	}
	// Every option and colour is written out, so the example documents them all.
	var tree map[string]any
	if _, err := toml.Decode(string(DefaultText()), &tree); err != nil {
		t.Fatal(err)
	}
	for _, name := range optionNames() {
		if _, ok := tree[name]; !ok {
			t.Errorf("the default does not set option %s", name)
		}
	}
	for _, f := range colorFields(&Colors{}) {
		if _, ok := tree[colorsTable].(map[string]any)[f.name]; !ok {
			t.Errorf("the default does not set colour %s", f.name)
		}
	}

	// Every command is bound at least once, except those listed here as deliberately unbound.
	// tile: a name is the user's to choose; Mod4+t runs "exec fionctl tile name ..." with dmenu.
	// layout: so is a layout's; fion.1's EXAMPLES bind keys that ask for one.
	unbound := []string{"tile", "layout", "attach"} // attach needs a window id: a menu script gives it
	bound := map[string]bool{}
	for _, b := range c.Keys {
		bound[b.Command.Name] = true
	}
	for _, bs := range c.Modes {
		for _, b := range bs {
			bound[b.Command.Name] = true
		}
	}
	for _, s := range command.Specs {
		if !bound[s.Name] && !slices.Contains(unbound, s.Name) {
			t.Errorf("the default binds no key to %q", s.Name)
		}
	}

	m, err := c.Map()
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != len(c.Keys) {
		t.Errorf("Map holds %d bindings, want %d", m.Len(), len(c.Keys))
	}
	mod4a := chordOf(t, "Mod4+a")
	if _, cmd, step := m.Lookup(nil, mod4a); step != keys.Prefix {
		t.Errorf("Lookup(Mod4+a) = %q, %v; want a prefix", cmd, step)
	}
	if _, cmd, step := m.Lookup([]keys.Chord{mod4a}, chordOf(t, "k")); step != keys.Done || cmd != "kill" {
		t.Errorf("Lookup(Mod4+a k) = %q, %v; want kill", cmd, step)
	}
	if _, cmd, _ := m.Lookup(nil, chordOf(t, "Mod4+Return")); cmd != "exec xterm" {
		t.Errorf("Lookup(Mod4+Return) = %q, want exec xterm", cmd)
	}
	rm, ok := c.ModeMap("resize")
	if !ok {
		t.Fatal("no resize mode")
	}
	if _, cmd, _ := rm.Lookup(nil, chordOf(t, "Shift+h")); cmd != "resize left 10" {
		t.Errorf("resize mode: Shift+h = %q, want resize left 10", cmd)
	}
	if _, ok := c.ModeMap("nope"); ok {
		t.Error("ModeMap found a mode that does not exist")
	}
}

func chordOf(t *testing.T, s string) keys.Chord {
	t.Helper()
	c, err := keys.ParseChord(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The embedded default must be fion.toml.example; `go generate ./config` copies it.
func TestDefaultIsTheExample(t *testing.T) {
	example, err := os.ReadFile("../fion.toml.example")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(example, DefaultText()) {
		t.Error("config/default.toml differs from fion.toml.example; run go generate ./config")
	}
}

func TestMapReportsConflicts(t *testing.T) {
	// A Config built by hand skips Parse's checks; Map still refuses what keys refuses.
	seq := []keys.Chord{chordOf(t, "Mod4+h")}
	c := &Config{Keys: []Binding{{Keys: seq, Command: command.Command{Name: "close"}}, {Keys: seq, Command: command.Command{Name: "kill"}}}}
	if _, err := c.Map(); err == nil {
		t.Error("Map accepted one chord bound twice")
	}
}

// A relative font path starts from the config file's directory, "~/" from $HOME; "" is the
// embedded Go font, in a list at its place.
func TestFontPaths(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	font := filepath.Join(home, "f.otf")
	for _, c := range []struct {
		file, in string
		want     []Font
	}{
		{"/somewhere/fion.toml", `font = "~/f.otf"`, []Font{{font, "~/f.otf", 1, 8}}},
		{"/somewhere/fion.toml", `font = "` + font + `"`, []Font{{font, font, 1, 8}}},
		{filepath.Join(home, "fion.toml"), `font = "f.otf"`, []Font{{font, "f.otf", 1, 8}}},
		{"/somewhere/fion.toml", `font = ""`, nil},
		{"/somewhere/fion.toml", `font = []`, nil},
		{"/somewhere/fion.toml", "font = [\n  \"a.ttf\",\n  \"\",\n  \"/b.ttc\",\n]",
			[]Font{{"/somewhere/a.ttf", "a.ttf", 2, 3}, {"", "", 3, 3}, {"/b.ttc", "/b.ttc", 4, 3}}},
	} {
		cfg, err := Parse(c.file, []byte(c.in))
		if err != nil || !reflect.DeepEqual(cfg.Fonts, c.want) {
			t.Errorf("%s in %s: fonts %+v, %v; want %+v", c.in, c.file, cfg.Fonts, err, c.want)
		}
	}
}

// FontError places what the window manager finds wrong with a font file in the config file.
func TestFontError(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	cfg, err := Parse("/somewhere/fion.toml", []byte("border = 2\nfont = [\"~/a.ttf\", \"/b.ttc\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{
		`/somewhere/fion.toml:2:9: font: "~/a.ttf" (/home/u/a.ttf) does not exist; give the path ...`,
		`/somewhere/fion.toml:2:20: font: "/b.ttc" does not exist; give the path ...`,
	} {
		if got := cfg.FontError(i, "does not exist; give the path ...").Error(); got != want {
			t.Errorf("FontError(%d) = %s\nwant %s", i, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fion.toml")
	if err := os.WriteFile(path, []byte("border = 4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil || c.Border != 4 || c.Path != path {
		t.Errorf("Load = %+v, %v", c, err)
	}
	missing := filepath.Join(dir, "none.toml")
	_, err = Load(missing)
	if err == nil || err.Error() != missing+": the config file does not exist; give the path of a TOML file" {
		t.Errorf("Load of a missing file: %v", err)
	}
	// What is not a regular file of at most MaxFile bytes is not read: a FIFO nobody writes to
	// would make fion wait for ever, /dev/zero would never end.
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, nil, 0o644); err != nil || os.Truncate(big, 1<<30) != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		fifo:        "the config file is a named pipe (FIFO); give the path of a TOML file",
		"/dev/zero": "the config file is a device; give the path of a TOML file",
		dir:         "the config file is a directory; give the path of a TOML file",
		big:         "the config file is 1024 MiB, more than the 1 MiB fion reads; a config file needs far less; check that this is the file you meant",
	} {
		done := make(chan error, 1)
		go func() { _, err := Load(file); done <- err }()
		select {
		case err := <-done:
			if err == nil || err.Error() != file+": "+want {
				t.Errorf("Load(%s) = %v, want %s", file, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Load(%s) is still reading after 5s", file)
		}
	}
	if err := os.WriteFile(path, []byte("border = 400\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || err.Error() != path+":1:10: border: 400 is out of range; use a whole number from 0 to 50" {
		t.Errorf("Load of a bad file: %v", err)
	}
}

func TestLocate(t *testing.T) {
	xdg, home := t.TempDir(), t.TempDir()
	inXDG := filepath.Join(xdg, "fion", "fion.toml")
	inHome := filepath.Join(home, ".config", "fion", "fion.toml")
	write := func(p string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(step, flag, wantPath string, wantOK bool) {
		t.Helper()
		if p, ok := Locate(flag); p != wantPath || ok != wantOK {
			t.Errorf("%s: Locate(%q) = %q, %v; want %q, %v", step, flag, p, ok, wantPath, wantOK)
		}
	}
	t.Setenv("XDG_CONFIG_HOME", xdg)
	t.Setenv("HOME", home)
	check("no files", "", "", false)
	check("flag", "/does/not/exist.toml", "/does/not/exist.toml", true)
	write(inHome)
	check("home only", "", inHome, true)
	write(inXDG)
	check("both", "", inXDG, true)
	check("flag wins", "other.toml", "other.toml", true)
	t.Setenv("XDG_CONFIG_HOME", "relative/dir") // the XDG spec says to ignore it
	check("relative XDG_CONFIG_HOME", "", inHome, true)
	t.Setenv("XDG_CONFIG_HOME", "")
	check("empty XDG_CONFIG_HOME", "", inHome, true)
}

func TestParseColor(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Color
		ok   bool
	}{
		{"#000000", 0, true},
		{"#1c1F24", 0x1c1f24, true},
		{"#abc", 0xaabbcc, true},
		{"#FFF", 0xffffff, true},
		{"#12345", 0, false},
		{"#1234567", 0, false},
		{"123456", 0, false},
		{"#12345g", 0, false},
		{"#+12345", 0, false},
		{"", 0, false},
	} {
		got, ok := ParseColor(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseColor(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if s := Color(0x0a0b0c).String(); s != "#0a0b0c" {
		t.Errorf("String = %q", s)
	}
	if r, g, b := Color(0x0a0b0c).RGB(); r != 10 || g != 11 || b != 12 {
		t.Errorf("RGB = %d %d %d", r, g, b)
	}
}
