package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/ipc"
)

// subcommand is one of fionctl's own words, for the usage text, `fionctl help`, the completions and
// the man page test. The dispatch itself is the switch in main.go.
type subcommand struct {
	name    string
	args    string // as the synopsis shows them
	summary string
	details []string // lines that `fionctl help NAME` prints after the summary
}

// subcommands lists fionctl's own words in the order the usage text and fionctl(1) show them. Any
// other first word is one of fion's commands (command.Specs).
var subcommands = []subcommand{
	{"-", "", "run stdin's commands in order", []string{
		"One command a line; blank lines and lines starting with # are skipped.",
		"The lines read while fion runs a request go together in the next one,",
		"one request at a time: a thousand lines cost a few round trips, and fion",
		"answers in order. At the first line fion refuses, fionctl names it and",
		"exits 1; the lines after it do not run.",
	}},
	{"tree", "[--pretty]", "print the whole state as JSON", nil},
	{"get", "WHAT [--pretty]", "print part of the state as JSON", nil},
	{"windows", "", "print the windows, for menus", nil},
	{"subscribe", "[EVENT...] [--count N]", "print events as JSON lines", nil},
	{"sync", "", "wait until fion has caught up", nil},
	{"help", "[COMMAND]", "describe fion's commands", nil},
	{"completion", "bash|zsh", "print a shell completion script", nil},
}

// queriesButTree lists what `get` is documented to take; it takes tree as well.
func queriesButTree() []string {
	return slices.DeleteFunc(slices.Clone(ipc.Queries), func(q string) bool { return q == "tree" })
}

// subcommandNames lists the names of subcommands.
func subcommandNames() []string {
	names := make([]string, len(subcommands))
	for i, s := range subcommands {
		names[i] = s.name
	}
	return names
}

// lookupSubcommand returns the subcommand called name.
func lookupSubcommand(name string) (subcommand, bool) {
	for _, s := range subcommands {
		if s.name == name {
			return s, true
		}
	}
	return subcommand{}, false
}

// synopsis is how a subcommand is called: "fionctl tree [--pretty]".
func (s subcommand) synopsis() string {
	return strings.TrimSpace("fionctl " + s.name + " " + s.args)
}

// usageText is what -h prints.
func usageText() string {
	lines := [][2]string{{"fionctl COMMAND...", "run one of fion's commands"}}
	for _, s := range subcommands {
		lines = append(lines, [2]string{s.synopsis(), s.summary})
	}
	lines = append(lines,
		[2]string{"fionctl -h | --help", "print this help"},
		[2]string{"fionctl --version", "print fionctl's version"})
	// A synopsis too long for the column gets its summary on the next line, so that the text
	// fits in 80 columns.
	const column = 40
	width := 0
	for _, l := range lines {
		if len(l[0]) <= column {
			width = max(width, len(l[0]))
		}
	}
	var b strings.Builder
	for i, l := range lines {
		lead := "       "
		if i == 0 {
			lead = "usage: "
		}
		if len(l[0]) > width {
			fmt.Fprintf(&b, "%s%s\n%s%-*s  %s\n", lead, l[0], "       ", width, "", l[1])
			continue
		}
		fmt.Fprintf(&b, "%s%-*s  %s\n", lead, width, l[0], l[1])
	}
	b.WriteString(`
The socket is $FION_SOCKET, else fion's socket for $DISPLAY.
Exit status: 0 done, 1 fion refused or cannot be reached, 2 wrong command line.
See fionctl(1).
`)
	return b.String()
}

// checkCommandName makes sure a first word that is not a subcommand is one of fion's commands, so
// that a typo is a usage error with a suggestion rather than a trip to fion.
func checkCommandName(name string) error {
	if _, ok := command.Lookup(name); ok {
		return nil
	}
	if strings.HasPrefix(name, "-") {
		return usagef("unknown option %q; \"fionctl -h\" lists the options", name)
	}
	words := append(command.Names(), subcommandNames()...)
	if s := command.Suggest(name, words); s != "" {
		return usagef("unknown command %q; did you mean %q?", name, s)
	}
	return usagef("unknown command %q; \"fionctl help\" lists fion's commands, \"fionctl -h\" fionctl's own", name)
}
