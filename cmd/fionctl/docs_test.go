package main

// These tests keep `fionctl help`, fion.1, fionctl.1 and the completion scripts in step with the
// tables they come from: command.Specs, subcommands, ipc.Queries and ipc.EventNames.

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
)

func TestHelpListsEveryCommand(t *testing.T) {
	r := fionctl(t, nil, "", "help")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 2*len(command.Specs) {
		t.Errorf("help printed %d lines, want two for each of the %d commands:\n%s", len(lines), len(command.Specs), r.stdout)
	}
	for i, spec := range command.Specs {
		usage := strings.TrimSpace(spec.Name + " " + spec.Usage)
		if 2*i+1 >= len(lines) || lines[2*i] != usage || lines[2*i+1] != "    "+spec.Summary {
			t.Errorf("help lacks, as entry %d, the lines\n%s\n    %s", i+1, usage, spec.Summary)
		}
	}
}

func TestHelpOne(t *testing.T) {
	resize, _ := command.Lookup("resize")
	fionctl(t, nil, "", "help", "resize").expect(t, 0, "resize left|right|up|down [PIXELS]\n    "+resize.Summary+"\n", "")
	fionctl(t, nil, "", "help", "close").expect(t, 0, "close\n    ask the focused client to close (WM_DELETE_WINDOW); kill it if it does not support that\n", "")
	fionctl(t, nil, "", "help", "tree").expect(t, 0, "fionctl tree [--pretty]\n    print the whole state as JSON\n", "")
}

// TestFionManHasSummaries checks that fion.1 says, in its COMMANDS section, each summary that
// `fionctl help` prints, so that the two never tell different stories.
func TestFionManHasSummaries(t *testing.T) {
	text := renderedSection(t, "../../fion.1", "COMMANDS")
	for _, spec := range command.Specs {
		capital := strings.ToUpper(spec.Summary[:1]) + spec.Summary[1:]
		if !strings.Contains(text, spec.Summary) && !strings.Contains(text, capital) {
			t.Errorf("fion.1 does not say, under COMMANDS, the summary of %q from command.Specs:\n\t%s", spec.Name, spec.Summary)
		}
	}
}

// renderedSection renders a man page with mandoc and returns one section's text, with the runs of
// white space that line filling makes turned into single spaces. The page is rendered 1000
// columns wide (mandoc's limit), so that no line is broken at a hyphen.
func renderedSection(t *testing.T, page, section string) string {
	t.Helper()
	xtest.Need(t, "mandoc", "mandoc")
	out, err := exec.Command("mandoc", "-Tascii", "-Owidth=1000", page).Output()
	if err != nil {
		t.Fatalf("mandoc %s: %v", page, err)
	}
	plain := regexp.MustCompile(".\b").ReplaceAllString(string(out), "") // bold and underline
	start := strings.Index(plain, "\n"+section+"\n")
	if start < 0 {
		t.Fatalf("%s has no section %s", page, section)
	}
	body := plain[start+len(section)+2:]
	if end := regexp.MustCompile(`\n[A-Z]`).FindStringIndex(body); end != nil {
		body = body[:end[0]]
	}
	return strings.Join(strings.Fields(body), " ")
}

func TestManPageLint(t *testing.T) {
	xtest.Need(t, "mandoc", "mandoc")
	out, err := exec.Command("mandoc", "-Tlint", "../../fionctl.1").CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("mandoc -Tlint fionctl.1: %v\n%s", err, out)
	}
}

// TestManPageCoversTables checks that fionctl.1 names every subcommand, query, request type and
// event, and the environment fionctl reads.
func TestManPageCoversTables(t *testing.T) {
	src, err := os.ReadFile("../../fionctl.1")
	if err != nil {
		t.Fatal(err)
	}
	man := string(src)
	var want []string
	for _, s := range subcommands {
		if s.name != "-" {
			want = append(want, ".It Cm "+s.name)
		}
	}
	for _, q := range ipc.Queries {
		want = append(want, ".It Cm "+q)
	}
	for _, e := range ipc.EventNames {
		want = append(want, ".It Cm "+e)
	}
	for _, r := range ipc.RequestTypes {
		want = append(want, ".It Cm "+r)
	}
	for _, env := range []string{"FION_SOCKET", "DISPLAY", "XDG_RUNTIME_DIR"} {
		want = append(want, ".It Ev "+env)
	}
	for _, w := range want {
		if !strings.Contains(man, "\n"+w+"\n") && !strings.Contains(man, "\n"+w+" ") {
			t.Errorf("fionctl.1 has no line %q", w)
		}
	}
	text := renderedSection(t, "../../fionctl.1", "SYNOPSIS")
	for _, s := range subcommands {
		if !strings.Contains(text, s.synopsis()) {
			t.Errorf("the SYNOPSIS of fionctl.1 lacks %q", s.synopsis())
		}
	}
}

func TestSubcommandsAreNotCommands(t *testing.T) {
	for _, s := range subcommands {
		if _, ok := command.Lookup(s.name); ok {
			t.Errorf("%q is both a fion command and a fionctl subcommand; fionctl %s would not reach fion", s.name, s.name)
		}
	}
}

func TestUsageWords(t *testing.T) {
	tests := []struct {
		arg  string
		want []string
	}{
		{"right|down", []string{"right", "down"}},
		{"next|prev|N", []string{"next", "prev"}},
		{"[PIXELS]", nil},
		{"N", nil},
		{"NAME", nil},
		{"COMMAND...", nil},
	}
	for _, tt := range tests {
		if got := usageWords(tt.arg); !slices.Equal(got, tt.want) {
			t.Errorf("usageWords(%q) = %q, want %q", tt.arg, got, tt.want)
		}
	}
}

// complete runs the bash completion for the words typed so far (the last one is the word being
// completed) and returns what bash offers.
func complete(t *testing.T, script string, words ...string) []string {
	t.Helper()
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, shellQuote(w))
	}
	prog := script + "\nCOMP_WORDS=(fionctl " + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
		strconv.Itoa(len(words)) + "\n_fionctl\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	out, err := exec.Command("bash", "--norc", "--noprofile", "-c", prog).Output()
	if err != nil {
		t.Fatalf("bash: %v", err)
	}
	return strings.Fields(string(out))
}

func TestBashCompletion(t *testing.T) {
	xtest.Need(t, "bash", "bash")
	r := fionctl(t, nil, "", "completion", "bash")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	script := r.stdout
	if out, err := exec.Command("bash", "-n", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"sp"}, []string{"split"}},
		{[]string{"move-tab"}, []string{"move-tab", "move-tab-to", "move-tab-to-workspace"}},
		{[]string{"su"}, []string{"subscribe"}},
		{[]string{"--v"}, []string{"--version"}},
		{[]string{"split", ""}, []string{"right", "down"}},
		{[]string{"resize", "l"}, []string{"left"}},
		{[]string{"resize", "left", ""}, nil},
		{[]string{"workspace", ""}, []string{"next", "prev", "last"}},
		{[]string{"move-tab-to-workspace", ""}, nil},
		{[]string{"close", ""}, nil},
		{[]string{"tree", ""}, []string{"--pretty"}},
		{[]string{"get", "w"}, []string{"workspaces", "windows"}},
		{[]string{"subscribe", "client.f"}, []string{"client.focus"}},
		{[]string{"subscribe", "tile", "--c"}, []string{"--count"}},
		{[]string{"subscribe", "--count", ""}, nil},
		{[]string{"help", "move-tab-"}, []string{"move-tab-to", "move-tab-to-workspace"}},
		{[]string{"completion", ""}, []string{"bash", "zsh"}},
		{[]string{"exec", "bas"}, []string{"bash"}},
	}
	for _, tt := range tests {
		got := complete(t, script, tt.words...)
		if tt.words[0] == "exec" {
			if !slices.Contains(got, "bash") {
				t.Errorf("fionctl %s<TAB> offers %q, want program names such as bash", strings.Join(tt.words, " "), got)
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("fionctl %s<TAB> offers %q, want %q", strings.Join(tt.words, " "), got, tt.want)
		}
	}
	// Every command and subcommand is offered as the first word.
	first := complete(t, script, "")
	for _, name := range append(command.Names(), subcommandNames()...) {
		if !slices.Contains(first, name) {
			t.Errorf("fionctl <TAB> does not offer %q", name)
		}
	}
	// Every event is offered after subscribe.
	events := complete(t, script, "subscribe", "")
	for _, name := range ipc.EventNames {
		if !slices.Contains(events, name) {
			t.Errorf("fionctl subscribe <TAB> does not offer %q", name)
		}
	}
}

// zshStubs stand in for compsys's functions, so that the script's own logic can be run by zsh
// -f: each prints what it would offer, one per line.
const zshStubs = `
compdef() { }
compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }
_describe() { print -l -- "${(@P)4}" }
_files() { print '<files>' }
_command_names() { print '<commands>' }
`

// zshComplete runs the zsh completion function for the words typed so far (the last one is the
// word being completed) and returns what it offers; the first word offers "name:summary" pairs.
func zshComplete(t *testing.T, script string, words ...string) []string {
	t.Helper()
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, shellQuote(w))
	}
	prog := zshStubs + script + "\nwords=(fionctl " + strings.Join(quoted, " ") + ")\nCURRENT=" +
		strconv.Itoa(len(words)+1) + "\n_fionctl\n"
	out, err := exec.Command("zsh", "-f", "-c", prog).CombinedOutput()
	if err != nil {
		t.Fatalf("zsh: %v\n%s", err, out)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

func TestZshCompletion(t *testing.T) {
	r := fionctl(t, nil, "", "completion", "zsh")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	script := r.stdout
	if !strings.HasPrefix(script, "#compdef fionctl\n") {
		t.Errorf("the zsh script does not start with #compdef fionctl")
	}
	xtest.Need(t, "zsh", "zsh")
	if out, err := exec.Command("zsh", "-n", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	first := zshComplete(t, script, "")
	for _, spec := range command.Specs {
		if !slices.Contains(first, spec.Name+":"+spec.Summary) {
			t.Errorf("fionctl <TAB> does not offer %q with its summary", spec.Name)
		}
	}
	for _, s := range subcommands {
		if !slices.Contains(first, s.name+":"+s.summary) {
			t.Errorf("fionctl <TAB> does not offer %q with its summary", s.name)
		}
	}
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"split", ""}, []string{"right", "down"}},
		{[]string{"resize", "left", ""}, []string{""}},
		{[]string{"tab", ""}, []string{"next", "prev"}},
		{[]string{"get", ""}, append(queriesButTree(), "--pretty")},
		{[]string{"subscribe", "--count", ""}, []string{""}},
		{[]string{"completion", ""}, []string{"bash", "zsh"}},
		{[]string{"exec", ""}, []string{"<commands>"}},
		{[]string{"exec", "xterm", ""}, []string{"<files>"}},
	}
	for _, tt := range tests {
		if got := zshComplete(t, script, tt.words...); !slices.Equal(got, tt.want) {
			t.Errorf("fionctl %s<TAB> offers %q, want %q", strings.Join(tt.words, " "), got, tt.want)
		}
	}
}

// TestStdinDocs checks that fionctl.1 gives the number of commands a request of `fionctl -` holds,
// and that `fionctl help -` says that the lines run in order, within 80 columns.
func TestStdinDocs(t *testing.T) {
	xtest.Need(t, "mandoc", "mandoc")
	text := renderedSection(t, "../../fionctl.1", "DESCRIPTION")
	if want := "as one run request of at most " + strconv.Itoa(batchLines) + " commands"; !strings.Contains(text, want) {
		t.Errorf("fionctl.1 does not say %q", want)
	}
	r := fionctl(t, nil, "", "help", "-")
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "fionctl -\n    run stdin's commands in order\n") ||
		!strings.Contains(r.stdout, "answers in order") {
		t.Fatalf("fionctl help -: exit %d, stderr %q, stdout:\n%s", r.code, r.stderr, r.stdout)
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		if len(line) > 80 {
			t.Errorf("fionctl help - prints a line longer than 80 columns: %q", line)
		}
	}
}
