package command

import "testing"

func TestParse(t *testing.T) {
	good := map[string]string{
		"split right":             "split right",
		"  split   down ":         "split down",
		"resize left":             "resize left",
		"resize up 30":            "resize up 30",
		"focus next":              "focus next",
		"screen 2":                "screen 2",
		"workspace prev":          "workspace prev",
		"tab 3":                   "tab 3",
		"move-tab left":           "move-tab left",
		"move-tab-to down":        "move-tab-to down",
		"move-tab-to-workspace 4": "move-tab-to-workspace 4",
		"close":                   "close",
		"exec xterm -e 'vi a; b'": "exec xterm -e 'vi a; b'",
		"mode resize":             "mode resize",
		"layout save code":        "layout save code",
		"layout save all --all":   "layout save all --all",
		"layout load code":        "layout load code",
		"exit":                    "exit",
		"focus last":              "focus last",
		"focus window 0x1a00003":  "focus window 0x1a00003",
		"attach window 4194307":   "attach window 4194307",
		"workspace last":          "workspace last",
		"swap up":                 "swap up",
		"rotate":                  "rotate",
		"equalize":                "equalize",
		"equalize all":            "equalize all",
		"zoom toggle":             "zoom toggle",
		"scratchpad toggle term":  "scratchpad toggle term",
		"scratchpad move term":    "scratchpad move term",
	}
	for in, want := range good {
		c, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if c.String() != want {
			t.Errorf("Parse(%q) = %q, want %q", in, c.String(), want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	bad := []struct {
		in  string
		col int
		msg string
	}{
		{"", 1, "empty command; write a command such as \"split right\""},
		{"splt right", 1, "unknown command \"splt\"; did you mean \"split\"?"},
		{"frobnicate", 1, "unknown command \"frobnicate\"; the COMMANDS section of fion(1) lists them"},
		{"split", 6, "split needs right or down; usage: split right|down"},
		{"split rihgt", 7, "split: \"rihgt\" is not right or down; did you mean \"right\"?"},
		{"split right now", 13, "split takes no more than 1 argument(s); unexpected \"now\"; usage: split right|down"},
		{"workspace 0", 11, "workspace: 0 is out of range; numbers count from 1"},
		{"focus window", 13, "focus needs a window id (`fionctl windows` lists them); usage: focus left|right|up|down|next|prev|last|urgent|float|tile NAME|window ID"},
		{"focus window firefox", 14, "focus: \"firefox\" is not a window id; write it as fionctl windows prints it, e.g. 0x1a00003"},
		{"attach window 0", 15, "attach: \"0\" is not a window id; write it as fionctl windows prints it, e.g. 0x1a00003"},
		{"scratchpad toggle", 18, "scratchpad needs a scratchpad name; usage: scratchpad toggle|move NAME"},
		{"scratchpad hide term", 12, "scratchpad: \"hide\" is not toggle or move; usage: scratchpad toggle|move NAME"},
		{"tab x", 5, "tab: \"x\" is not next, prev or a number; usage: tab next|prev|N"},
		{"resize left -5", 13, "resize: -5 is out of range; numbers count from 1"},
		{"exec", 5, "exec needs a command line; usage: exec COMMAND..."},
		{"layout save", 12, "layout needs a layout name; usage: layout save|load NAME [--all]"},
		{"layout load x --all", 15, "layout takes no more than 2 argument(s); unexpected \"--all\"; usage: layout save|load NAME [--all]"},
		{"layout save x --al", 15, "layout: \"--al\" is not --all; did you mean \"--all\"?"},
		{"layout keep x", 8, "layout: \"keep\" is not save or load; usage: layout save|load NAME [--all]"},
		{"close now", 7, "close takes no more than 0 argument(s); unexpected \"now\"; usage: close"},
	}
	for _, b := range bad {
		_, err := Parse(b.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q) = %v, want an *Error", b.in, err)
			continue
		}
		if e.Col != b.col || e.Error() != b.msg {
			t.Errorf("Parse(%q) = col %d %q, want col %d %q", b.in, e.Col, e.Error(), b.col, b.msg)
		}
	}
}

func TestSpecsHaveSummaries(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Specs {
		if s.Summary == "" || seen[s.Name] {
			t.Errorf("spec %q: missing summary or duplicate", s.Name)
		}
		seen[s.Name] = true
	}
}

func TestSuggest(t *testing.T) {
	if got := Suggest("splt", Names()); got != "split" {
		t.Errorf("Suggest(splt) = %q", got)
	}
	if got := Suggest("zzzzzz", Names()); got != "" {
		t.Errorf("Suggest(zzzzzz) = %q, want none", got)
	}
}
