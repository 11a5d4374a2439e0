package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/fion-wm/fion/command"
)

// help prints fion's commands as fion(1) lists them (name, usage, summary), or one command, or the
// synopsis of one of fionctl's own subcommands.
func (a *app) help(args []string) error {
	if len(args) > 1 {
		return usagef("help takes at most one command name; unexpected %q", args[1])
	}
	if len(args) == 0 {
		for _, spec := range command.Specs {
			if err := writeSpec(a.stdout, spec); err != nil {
				return err
			}
		}
		return nil
	}
	name := args[0]
	if spec, ok := command.Lookup(name); ok {
		return writeSpec(a.stdout, spec)
	}
	if sub, ok := lookupSubcommand(name); ok {
		text := fmt.Sprintf("%s\n    %s\n", sub.synopsis(), sub.summary)
		for _, line := range sub.details {
			text += "    " + line + "\n"
		}
		_, err := io.WriteString(a.stdout, text)
		return err
	}
	if s := command.Suggest(name, append(command.Names(), subcommandNames()...)); s != "" {
		return usagef("help: no command %q; did you mean %q?", name, s)
	}
	return usagef("help: no command %q; \"fionctl help\" lists them all", name)
}

// writeSpec prints one command: its usage as fion(1) shows it, then its summary, indented.
func writeSpec(w io.Writer, spec command.Spec) error {
	_, err := fmt.Fprintf(w, "%s\n    %s\n", specUsage(spec), spec.Summary)
	return err
}

// specUsage is a command with its arguments: "resize left|right|up|down [PIXELS]".
func specUsage(spec command.Spec) string {
	return strings.TrimSpace(spec.Name + " " + spec.Usage)
}
