package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/ipc"
)

// completion prints a completion script for a shell.
func (a *app) completion(args []string) error {
	shells := map[string]func(io.Writer, []candidate, []rule) error{"bash": writeBash, "zsh": writeZsh}
	if len(args) != 1 {
		return usagef("completion needs one shell: bash or zsh")
	}
	write, ok := shells[args[0]]
	if !ok {
		if s := command.Suggest(args[0], []string{"bash", "zsh"}); s != "" {
			return usagef("completion: no script for %q; did you mean %q?", args[0], s)
		}
		return usagef("completion: no script for %q; there are scripts for bash and zsh", args[0])
	}
	return write(a.stdout, firstWords(), argRules())
}

// candidate is a first word with the summary zsh shows beside it.
type candidate struct {
	word, summary string
}

// ruleKind says what a rule offers.
type ruleKind int

const (
	offerWords    ruleKind = iota // the rule's words
	offerCommands                 // names of programs (the first word after exec)
	offerFiles                    // file names (the rest of an exec line)
)

// rule is what to offer for the word at position pos (1 = the word after the first) when the
// first word is name; pos 0 means any position.
type rule struct {
	name  string
	pos   int
	kind  ruleKind
	words []string
}

// firstWords lists what the first word can be: fion's commands, then fionctl's own words.
func firstWords() []candidate {
	var out []candidate
	for _, spec := range command.Specs {
		out = append(out, candidate{spec.Name, spec.Summary})
	}
	for _, s := range subcommands {
		out = append(out, candidate{s.name, s.summary})
	}
	return append(out,
		candidate{"-h", "print the usage"},
		candidate{"--help", "print the usage"},
		candidate{"--version", "print fionctl's version"})
}

// argRules lists what the later words can be: the fixed words of each command's usage, and the
// arguments of the subcommands.
func argRules() []rule {
	var out []rule
	for _, spec := range command.Specs {
		for i, arg := range strings.Fields(spec.Usage) {
			switch {
			case arg == "COMMAND...":
				out = append(out, rule{name: spec.Name, pos: 1, kind: offerCommands}, rule{name: spec.Name, kind: offerFiles})
			case len(usageWords(arg)) > 0:
				out = append(out, rule{name: spec.Name, pos: i + 1, words: usageWords(arg)})
			}
		}
	}
	helpWords := append(command.Names(), subcommandNames()...)
	return append(out,
		rule{name: "tree", words: []string{"--pretty"}},
		rule{name: "get", words: append(queriesButTree(), "--pretty")},
		rule{name: "subscribe", words: append(eventWords(), "--count")},
		rule{name: "help", pos: 1, words: slices.DeleteFunc(helpWords, func(w string) bool { return w == "-" })},
		rule{name: "completion", pos: 1, words: []string{"bash", "zsh"}},
	)
}

// usageWords returns the fixed words of one argument of a usage text: "right|down" gives right and
// down, "[PIXELS]" and "next|prev|N" drop the placeholders, which are written in capitals.
func usageWords(arg string) []string {
	var out []string
	for _, w := range strings.Split(strings.Trim(arg, "[]"), "|") {
		if w != "" && w == strings.ToLower(w) {
			out = append(out, w)
		}
	}
	return out
}

// eventWords lists what subscribe takes: each prefix, then each event name.
func eventWords() []string {
	var out []string
	for _, name := range ipc.EventNames {
		prefix, _, found := strings.Cut(name, ".")
		if found && !slices.Contains(out, prefix) {
			out = append(out, prefix)
		}
	}
	return append(out, ipc.EventNames...)
}

// shellQuote quotes s for bash and zsh: in single quotes, where a quote is written as
// quote, backslash, quote, quote.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// casePattern is the case label of a rule: "split:1)" or "tree:*)".
func (r rule) casePattern() string {
	pos := "*"
	if r.pos > 0 {
		pos = fmt.Sprint(r.pos)
	}
	return shellQuote(r.name) + ":" + pos + ")"
}

// writeBash writes a script for bash's programmable completion.
func writeBash(w io.Writer, first []candidate, rules []rule) error {
	var b strings.Builder
	b.WriteString(`# bash completion for fionctl, written by "fionctl completion bash" from fion's command table.
# Load it with: source <(fionctl completion bash)
_fionctl() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} words=
	COMPREPLY=()
	[[ $prev == --count ]] && return
	if ((COMP_CWORD == 1)); then
`)
	words := make([]string, len(first))
	for i, c := range first {
		words[i] = c.word
	}
	fmt.Fprintf(&b, "\t\twords=%s\n", shellQuote(strings.Join(words, " ")))
	b.WriteString("\telse\n\t\tcase ${COMP_WORDS[1]}:$((COMP_CWORD - 1)) in\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "\t\t%s ", r.casePattern())
		switch r.kind {
		case offerCommands:
			b.WriteString(`COMPREPLY=($(compgen -c -- "$cur")); return ;;` + "\n")
		case offerFiles:
			b.WriteString(`COMPREPLY=($(compgen -f -- "$cur")); return ;;` + "\n")
		default:
			fmt.Fprintf(&b, "words=%s ;;\n", shellQuote(strings.Join(r.words, " ")))
		}
	}
	b.WriteString(`		esac
	fi
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _fionctl fionctl
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeZsh writes a completion function for zsh's compsys. It works both from a file _fionctl in
// $fpath (the #compdef way) and sourced.
func writeZsh(w io.Writer, first []candidate, rules []rule) error {
	var b strings.Builder
	b.WriteString(`#compdef fionctl
# zsh completion for fionctl, written by "fionctl completion zsh" from fion's command table.
# Save it as _fionctl in a directory of $fpath, or load it with: source <(fionctl completion zsh)

_fionctl() {
	local -a first
	[[ ${words[CURRENT-1]} == --count ]] && return
	if (( CURRENT == 2 )); then
		first=(
`)
	for _, c := range first {
		// _describe splits at the first colon that is not escaped.
		fmt.Fprintf(&b, "\t\t\t%s\n", shellQuote(strings.ReplaceAll(c.word, ":", `\:`)+":"+c.summary))
	}
	b.WriteString("\t\t)\n\t\t_describe -t commands 'fionctl command' first\n\t\treturn\n\tfi\n")
	b.WriteString("\tcase ${words[2]}:$((CURRENT - 2)) in\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "\t(%s ", r.casePattern())
		switch r.kind {
		case offerCommands:
			b.WriteString("_command_names -e ;;\n")
		case offerFiles:
			b.WriteString("_files ;;\n")
		default:
			quoted := make([]string, len(r.words))
			for i, word := range r.words {
				quoted[i] = shellQuote(word)
			}
			fmt.Fprintf(&b, "compadd -- %s ;;\n", strings.Join(quoted, " "))
		}
	}
	b.WriteString(`	esac
}

if [[ ${funcstack[1]} == _fionctl ]]; then
	_fionctl "$@"
else
	compdef _fionctl fionctl
fi
`)
	_, err := io.WriteString(w, b.String())
	return err
}
