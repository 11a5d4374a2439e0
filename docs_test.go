package main

// These tests keep the man page (fion.1) and README.md in step with the code: the flags of main.go,
// the command table (command.Specs), the bindings and options of fion.toml.example, the EWMH hints
// wm/ewmh.go publishes and handles (the COMPLIANCE section), and the source tree. When one fails,
// fix whichever side is wrong; the failure names both.
//
// fion.1 is read as mdoc source, not rendered: each checked section keeps to one .It markup, listed
// at the top of fion.1, so the parsing here stays a few lines of string handling.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
)

const (
	manPage       = "fion.1"
	readme        = "README.md"
	exampleConfig = "fion.toml.example"
)

// manLine is one source line of fion.1 with its line number, for messages.
type manLine struct {
	n    int
	text string
}

func (l manLine) String() string { return fmt.Sprintf("%s:%d: %s", manPage, l.n, l.text) }

// readMan returns the source lines of fion.1.
func readMan(t *testing.T) []manLine {
	t.Helper()
	data, err := os.ReadFile(manPage)
	if err != nil {
		t.Fatalf("cannot read the man page: %v", err)
	}
	var lines []manLine
	for i, text := range strings.Split(string(data), "\n") {
		lines = append(lines, manLine{i + 1, text})
	}
	return lines
}

// manSection returns the lines of the .Sh section called name, without its .Sh line.
func manSection(t *testing.T, lines []manLine, name string) []manLine {
	t.Helper()
	start := -1
	for i, l := range lines {
		if !strings.HasPrefix(l.text, ".Sh ") {
			continue
		}
		if start >= 0 {
			return lines[start:i]
		}
		if strings.Join(mdocArgs(l.text[len(".Sh "):]), " ") == name {
			start = i + 1
		}
	}
	if start < 0 {
		t.Fatalf("%s has no section %q (a line \".Sh %s\")", manPage, name, name)
	}
	return lines[start:]
}

// item is one .It line of a list, with the .Ss subsection it is under ("" before any).
type item struct {
	line       manLine
	subsection string
	args       []string // the words after .It, macros included
}

// items returns the .It lines of a section.
func items(lines []manLine) []item {
	var out []item
	sub := ""
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l.text, ".Ss "):
			sub = strings.Join(mdocArgs(l.text[len(".Ss "):]), " ")
		case l.text == ".It" || strings.HasPrefix(l.text, ".It "):
			out = append(out, item{line: l, subsection: sub, args: mdocArgs(strings.TrimPrefix(l.text, ".It"))})
		}
	}
	return out
}

// mdocArgs splits the arguments of a macro line the way mdoc does (spaces, "double quotes") and
// turns the escapes fion.1 uses back into text.
func mdocArgs(s string) []string {
	var args []string
	s = strings.TrimSpace(s)
	for s != "" {
		var arg string
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				end = len(s) - 1
			}
			arg, s = s[1:end+1], s[min(end+2, len(s)):]
		} else {
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				end = len(s)
			}
			arg, s = s[:end], s[end:]
		}
		args = append(args, unescape(arg))
		s = strings.TrimLeft(s, " \t")
	}
	return args
}

// unescape turns the roff escapes fion.1 uses into the characters they print.
func unescape(s string) string {
	return strings.NewReplacer(`\(dq`, `"`, `\-`, `-`, `\&`, ``, `\e`, `\`).Replace(s)
}

// rendered gives the words of a macro line the way mdoc prints them: macros dropped, words joined by
// spaces, and an Op enclosing the rest of the line in brackets. Any other macro is an error, so
// that markup this simple reading does not understand is noticed rather than misread.
func rendered(words []string) (string, error) {
	var out []string
	open := false
	for _, w := range words {
		switch w {
		case "Ar", "Cm", "Ic", "Li", "Fl", "Va", "Dv", "No":
			continue
		case "Op":
			open = true
			out = append(out, "[")
			continue
		}
		if isMacro(w) {
			return "", fmt.Errorf("macro %q is not one this test reads; keep to the markup listed at the top of %s", w, manPage)
		}
		out = append(out, w)
	}
	s := strings.ReplaceAll(strings.Join(out, " "), "[ ", "[")
	if open {
		s += "]"
	}
	return s, nil
}

// isMacro tells whether w is an mdoc macro that may be called on a macro line.
func isMacro(w string) bool {
	switch w {
	case "Ad", "An", "Ap", "Aq", "Bq", "Brq", "Dq", "Em", "Er", "Ev", "Fa", "Fn", "Ms", "Nm", "Ns",
		"Pa", "Pq", "Ql", "Qq", "Sq", "Sx", "Sy", "Ta", "Tn", "Xr":
		return true
	}
	return false
}

// exampleBindings parses fion.toml.example with the config package, as fion reads it.
func exampleBindings(t *testing.T) *config.Config {
	t.Helper()
	data, err := os.ReadFile(exampleConfig)
	if err != nil {
		t.Fatalf("cannot read the example config: %v", err)
	}
	cfg, err := config.Parse(exampleConfig, data)
	if err != nil {
		t.Fatalf("%s does not parse:\n%v", exampleConfig, err)
	}
	return cfg
}

func TestManCommandsMatchSpecs(t *testing.T) {
	type doc struct {
		name, usage string
		line        manLine
	}
	var docs []doc
	for _, it := range items(manSection(t, readMan(t), "COMMANDS")) {
		if len(it.args) < 2 || it.args[0] != "Ic" {
			t.Errorf("%v\n\twant \".It Ic NAME [Ar USAGE]\": every item of COMMANDS is a command", it.line)
			continue
		}
		usage, err := rendered(it.args[2:])
		if err != nil {
			t.Errorf("%v\n\t%v", it.line, err)
			continue
		}
		docs = append(docs, doc{it.args[1], usage, it.line})
	}

	documented := map[string]doc{}
	for _, d := range docs {
		if _, ok := command.Lookup(d.name); !ok {
			t.Errorf("%v\n\tdocuments command %q, which command.Specs does not have", d.line, d.name)
		}
		documented[d.name] = d
	}
	var order []string
	for _, spec := range command.Specs {
		d, ok := documented[spec.Name]
		if !ok {
			t.Errorf("command %q (command.Specs) is missing from COMMANDS in %s; add \"%s\"", spec.Name, manPage, strings.TrimSuffix(".It Ic "+spec.Name+" Ar "+spec.Usage, " Ar "))
			continue
		}
		order = append(order, spec.Name)
		if d.usage != spec.Usage {
			t.Errorf("%v\n\tusage %q, but command.Specs says %q", d.line, d.usage, spec.Usage)
		}
	}
	var docOrder []string
	for _, d := range docs {
		if _, ok := command.Lookup(d.name); ok {
			docOrder = append(docOrder, d.name)
		}
	}
	if !t.Failed() && !slices.Equal(docOrder, order) {
		t.Errorf("COMMANDS in %s lists the commands in the order\n\t%v\nbut command.Specs has\n\t%v", manPage, docOrder, order)
	}
}

// binding is one documented or configured binding; mode is "" for [keys].
type binding struct {
	mode, chord, command string
}

func (b binding) String() string {
	where := "[keys]"
	if b.mode != "" {
		where = "[modes." + b.mode + "]"
	}
	return fmt.Sprintf("%s %q = %q", where, b.chord, b.command)
}

// modeTitle is the .Ss title under which DEFAULT BINDINGS lists a mode's bindings.
var modeTitle = regexp.MustCompile(`^The (\S+) mode$`)

func TestManDefaultBindingsMatchExample(t *testing.T) {
	cfg := exampleBindings(t)
	want := map[string][]binding{} // by mode, in file order
	for _, b := range cfg.Keys {
		want[""] = append(want[""], binding{"", b.Text, b.Command.String()})
	}
	for mode, bs := range cfg.Modes {
		for _, b := range bs {
			want[mode] = append(want[mode], binding{mode, b.Text, b.Command.String()})
		}
	}

	got := map[string][]binding{}
	lines := map[binding]manLine{}
	for _, it := range items(manSection(t, readMan(t), "DEFAULT BINDINGS")) {
		ta := slices.Index(it.args, "Ta")
		if ta < 2 || it.args[0] != "Cm" || ta+2 >= len(it.args) || it.args[ta+1] != "Ic" {
			t.Errorf("%v\n\twant \".It Cm CHORD Ta Ic COMMAND\"", it.line)
			continue
		}
		mode := ""
		if m := modeTitle.FindStringSubmatch(it.subsection); m != nil {
			mode = m[1]
		}
		b := binding{mode, strings.Join(it.args[1:ta], " "), strings.Join(it.args[ta+2:], " ")}
		got[mode] = append(got[mode], b)
		lines[b] = it.line
	}

	for mode := range mergeKeys(want, got) {
		compareBindings(t, want[mode], got[mode], lines)
	}
}

// mergeKeys returns the keys of both maps.
func mergeKeys[V any](a, b map[string]V) map[string]bool {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

// compareBindings reports what the man page lacks, what it has that the example does not, and,
// when the two hold the same bindings, whether the order differs.
func compareBindings(t *testing.T, want, got []binding, lines map[binding]manLine) {
	t.Helper()
	for _, b := range want {
		if !slices.Contains(got, b) {
			t.Errorf("%s binds %v, which DEFAULT BINDINGS in %s lacks", exampleConfig, b, manPage)
		}
	}
	for _, b := range got {
		if !slices.Contains(want, b) {
			t.Errorf("%v\n\tdocuments %v, which %s does not bind", lines[b], b, exampleConfig)
		}
	}
	if len(got) > len(want) {
		t.Errorf("DEFAULT BINDINGS in %s lists %d bindings where %s has %d: remove the duplicates", manPage, len(got), exampleConfig, len(want))
	}
	if t.Failed() {
		return
	}
	for i := range want {
		if want[i] != got[i] {
			t.Errorf("%v\n\tDEFAULT BINDINGS is not in the order of %s: there, %v comes here", lines[got[i]], exampleConfig, want[i])
			return
		}
	}
}

// tomlText writes a decoded TOML value the way fion.1 shows defaults: ["1", "2"], 0.5, "#1c1f24".
func tomlText(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = tomlText(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func TestManOptionsMatchExample(t *testing.T) {
	var tree map[string]any
	if _, err := toml.DecodeFile(exampleConfig, &tree); err != nil {
		t.Fatalf("%s: %v", exampleConfig, err)
	}
	// The .Ss subsection of CONFIGURATION that documents each kind of setting.
	want := map[string]map[string]string{"Options": {}, "Colours": {}}
	for name, v := range tree {
		if _, isTable := v.(map[string]any); !isTable {
			want["Options"][name] = tomlText(v)
		}
	}
	colors, ok := tree["colors"].(map[string]any)
	if !ok {
		t.Fatalf("%s has no [colors] table", exampleConfig)
	}
	for name, v := range colors {
		want["Colours"][name] = tomlText(v)
	}

	got := map[string]map[string]string{"Options": {}, "Colours": {}}
	for _, it := range items(manSection(t, readMan(t), "CONFIGURATION")) {
		documented, checked := got[it.subsection]
		if !checked {
			continue
		}
		if len(it.args) < 5 || it.args[0] != "Va" || it.args[2] != "No" || it.args[3] != "=" || it.args[4] != "Li" {
			t.Errorf("%v\n\twant \".It Va NAME No = Li DEFAULT\"", it.line)
			continue
		}
		name, value := it.args[1], strings.Join(it.args[5:], " ")
		if _, dup := documented[name]; dup {
			t.Errorf("%v\n\t%s documents %q twice", it.line, it.subsection, name)
		}
		documented[name] = value
		if _, exists := want[it.subsection][name]; !exists {
			t.Errorf("%v\n\tdocuments %q under %s, which %s does not have", it.line, name, it.subsection, exampleConfig)
		}
	}
	for sub, names := range want {
		for name, value := range names {
			doc, ok := got[sub][name]
			switch {
			case !ok:
				t.Errorf("%s has %q, which the %s list of CONFIGURATION in %s lacks; add \".It Va %s No = Li %s\"", exampleConfig, name, sub, manPage, name, strings.ReplaceAll(value, `"`, `\(dq`))
			case doc != value:
				t.Errorf("%s: %s %q: the default is %s, but %s has %s", manPage, sub, name, doc, exampleConfig, value)
			}
		}
	}
}

// literalBlock is the text of a .Bd -literal display and the subsection it is in.
type literalBlock struct {
	line       manLine // the .Bd line
	subsection string
	text       string
}

func literalBlocks(lines []manLine) []literalBlock {
	var out []literalBlock
	sub := ""
	var cur *literalBlock
	for _, l := range lines {
		switch {
		case cur != nil && l.text == ".Ed":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.text += unescape(l.text) + "\n"
		case strings.HasPrefix(l.text, ".Sh ") || strings.HasPrefix(l.text, ".Ss "):
			sub = strings.Join(mdocArgs(l.text[len(".Ss "):]), " ")
		case strings.HasPrefix(l.text, ".Bd -literal"):
			cur = &literalBlock{line: l, subsection: sub}
		}
	}
	return out
}

// looksLikeTOML tells a config example from a shell example or a list of messages.
var looksLikeTOML = regexp.MustCompile(`^(\[[a-z.]+\]|[a-z_]+ = |"[^"]+" = )`)

func TestManConfigExamplesParse(t *testing.T) {
	blocks := literalBlocks(readMan(t))
	checked := 0
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.subsection == "Mistakes" {
			// A bad file, then the messages fion gives for it, word for word.
			if i+1 >= len(blocks) || blocks[i+1].subsection != "Mistakes" {
				t.Fatalf("%v\n\tthe Mistakes subsection needs two displays: a bad file, then its messages", b.line)
			}
			_, err := config.Parse("fion.toml", []byte(b.text))
			if err == nil {
				t.Errorf("%v\n\tthe bad file of the Mistakes example parses without error", b.line)
			} else if got, want := err.Error()+"\n", blocks[i+1].text; got != want {
				t.Errorf("%v\n\tthe messages shown are\n%s\tbut fion gives\n%s", blocks[i+1].line, want, got)
			}
			i++
			checked++
			continue
		}
		if !looksLikeTOML.MatchString(b.text) {
			continue
		}
		if _, err := config.Parse("fion.toml", []byte(b.text)); err != nil {
			t.Errorf("%v\n\tthis config example does not parse:\n%v", b.line, err)
		}
		checked++
	}
	if checked < 2 {
		t.Errorf("%s has %d config examples; the Mistakes example and at least one good one were expected", manPage, checked)
	}
}

// usageFlags reads the flags from the first line of main.go's usage text: "-c FILE" gives -c and FILE.
func usageFlags(t *testing.T) map[string]string {
	t.Helper()
	first, _, _ := strings.Cut(usage, "\n")
	flags := map[string]string{}
	for _, m := range regexp.MustCompile(`\[(--?[a-z]+)(?: ([A-Z]+))?\]`).FindAllStringSubmatch(first, -1) {
		flags[m[1]] = m[2]
	}
	if len(flags) == 0 {
		t.Fatalf("found no flags in the first line of main.go's usage: %q", first)
	}
	return flags
}

// flagItem reads ".It Fl c Ar FILE" or ".Op Fl \-check" as "-c", "FILE".
func flagItem(args []string) (flag, arg string, ok bool) {
	if len(args) < 2 || args[0] != "Fl" {
		return "", "", false
	}
	switch {
	case len(args) == 2:
		return "-" + args[1], "", true
	case len(args) == 4 && args[2] == "Ar":
		return "-" + args[1], args[3], true
	}
	return "", "", false
}

func TestUsageFlagsAreAccepted(t *testing.T) {
	for flag, arg := range usageFlags(t) {
		args := []string{flag}
		if arg != "" {
			args = append(args, "fion.toml.example")
		}
		// --version answers before anything else happens (-h answers before it), so a flag the
		// command line accepts exits 0 and an unknown one 2.
		args = append(args, "--version")
		var out, errs strings.Builder
		if code := run(args, &out, &errs); code != 0 {
			t.Errorf("usage in main.go lists %s, but fion %s exits %d: %s", flag, strings.Join(args, " "), code, errs.String())
		}
	}
	var out, errs strings.Builder
	if code := run([]string{"--no-such-flag", "--version"}, &out, &errs); code != 2 {
		t.Errorf("fion --no-such-flag exits %d, want 2: this test cannot tell a real flag from another", code)
	}
}

func TestManOptionsMatchUsage(t *testing.T) {
	want := usageFlags(t)
	man := readMan(t)
	for _, where := range []string{"OPTIONS", "SYNOPSIS"} {
		got := map[string]string{}
		for _, l := range manSection(t, man, where) {
			var args []string
			switch {
			case strings.HasPrefix(l.text, ".It "):
				args = mdocArgs(l.text[len(".It "):])
			case strings.HasPrefix(l.text, ".Op ") && where == "SYNOPSIS":
				args = mdocArgs(l.text[len(".Op "):])
			default:
				continue
			}
			flag, arg, ok := flagItem(args)
			if !ok {
				t.Errorf("%v\n\twant \"Fl NAME [Ar ARG]\"", l)
				continue
			}
			if _, exists := want[flag]; !exists {
				t.Errorf("%v\n\tdocuments %s, which main.go's usage does not list", l, flag)
			}
			got[flag] = arg
		}
		for flag, arg := range want {
			docArg, ok := got[flag]
			switch {
			case !ok:
				t.Errorf("main.go's usage lists %s, which %s of %s lacks", flag, where, manPage)
			case docArg != arg:
				t.Errorf("%s of %s gives %s the argument %q; main.go's usage says %q", where, manPage, flag, docArg, arg)
			}
		}
	}
}

// ewmhStrings returns the string literals of the package-level var called name in wm/ewmh.go, or
// of the case clauses in its function called name.
func ewmhStrings(t *testing.T, name string) []string {
	t.Helper()
	file := filepath.Join("wm", "ewmh.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatalf("%v", err)
	}
	var out []string
	literals := func(exprs []ast.Expr) {
		for _, e := range exprs {
			if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				out = append(out, s)
			}
		}
	}
	found := false
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok || len(vs.Names) != 1 || vs.Names[0].Name != name || len(vs.Values) != 1 {
					continue
				}
				if cl, ok := vs.Values[0].(*ast.CompositeLit); ok {
					found = true
					literals(cl.Elts)
				}
			}
		case *ast.FuncDecl:
			if d.Name.Name != name || d.Body == nil {
				continue
			}
			found = true
			ast.Inspect(d.Body, func(n ast.Node) bool {
				if cc, ok := n.(*ast.CaseClause); ok {
					literals(cc.List)
				}
				return true
			})
		}
	}
	if !found || len(out) == 0 {
		t.Fatalf("found no %s with string literals in %s; this test reads the EWMH hints from there", name, file)
	}
	return out
}

// TestManComplianceMatchesCode checks the COMPLIANCE section against wm/ewmh.go: Supported hints
// lists exactly _NET_SUPPORTED, Requests exactly the client messages handled, and Ignored hints
// nothing that fion claims or handles. ICCCM names what it likes, in the same markup.
func TestManComplianceMatchesCode(t *testing.T) {
	supported, requests := ewmhStrings(t, "supported"), ewmhStrings(t, "clientMessage")
	want := map[string][]string{
		"Supported hints": supported, // _NET_SUPPORTED
		"Requests":        requests,  // the client messages handled
	}
	free := map[string]bool{"ICCCM": true, "Motif": true, "Ignored hints": true}
	got := map[string][]string{}
	for _, it := range items(manSection(t, readMan(t), "COMPLIANCE")) {
		if len(it.args) != 2 || it.args[0] != "Dv" {
			t.Errorf("%v\n\twant \".It Dv NAME\"", it.line)
			continue
		}
		atom := it.args[1]
		if _, checked := want[it.subsection]; !checked && !free[it.subsection] {
			t.Errorf("%v\n\tis under %q; COMPLIANCE items go under .Ss ICCCM, Motif, Supported hints, Requests or Ignored hints", it.line, it.subsection)
			continue
		}
		if slices.Contains(got[it.subsection], atom) {
			t.Errorf("%v\n\t%s is listed twice under %s", it.line, atom, it.subsection)
		}
		got[it.subsection] = append(got[it.subsection], atom)
		switch {
		case it.subsection == "Ignored hints" && (slices.Contains(supported, atom) || slices.Contains(requests, atom)):
			t.Errorf("%v\n\tis listed as ignored, but wm/ewmh.go supports or handles it", it.line)
		case want[it.subsection] != nil && !slices.Contains(want[it.subsection], atom):
			t.Errorf("%v\n\tis not among the %s of wm/ewmh.go: %v", it.line, it.subsection, want[it.subsection])
		}
	}
	for sub, atoms := range want {
		for _, atom := range atoms {
			if !slices.Contains(got[sub], atom) {
				t.Errorf("wm/ewmh.go has %s among its %s, which the COMPLIANCE section of %s lacks", atom, sub, manPage)
			}
		}
	}
	if len(got["ICCCM"]) == 0 {
		t.Errorf("the COMPLIANCE section of %s has no .Ss ICCCM list", manPage)
	}
}

func TestManLint(t *testing.T) {
	xtest.Need(t, "mandoc", "mandoc")
	out, err := exec.Command("mandoc", "-Tlint", manPage).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("mandoc -Tlint %s (%v):\n%s", manPage, err, out)
	}
}

// readmeLines returns README.md's lines.
func readmeLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatalf("cannot read the README: %v", err)
	}
	return strings.Split(string(data), "\n")
}

func TestReadmeStartsWithMakeRunAndTest(t *testing.T) {
	lines := readmeLines(t)
	for i, l := range lines {
		if strings.HasPrefix(l, "## ") {
			t.Fatalf("%s:%d: a section starts before the first commands; the README opens with `make run` and `make test`", readme, i+1)
		}
		if !strings.HasPrefix(l, "```") {
			continue
		}
		var commands []string
		for _, c := range lines[i+1:] {
			if strings.HasPrefix(c, "```") {
				break
			}
			commands = append(commands, strings.Join(strings.Fields(strings.SplitN(c, "#", 2)[0]), " "))
		}
		if !slices.Equal(commands, []string{"make run", "make test"}) {
			t.Errorf("%s:%d: the first commands are %q, want \"make run\" and then \"make test\"", readme, i+2, commands)
		}
		return
	}
	t.Errorf("%s has no commands; it opens with `make run` and `make test` in a code block", readme)
}

// readmeSection returns the lines of the README section whose "## " heading is title.
func readmeSection(t *testing.T, lines []string, title string) []string {
	t.Helper()
	for i, l := range lines {
		if l != "## "+title {
			continue
		}
		end := len(lines)
		for j := i + 1; j < len(lines); j++ {
			if strings.HasPrefix(lines[j], "## ") {
				end = j
				break
			}
		}
		return lines[i+1 : end]
	}
	t.Fatalf("%s has no section \"## %s\"", readme, title)
	return nil
}

func TestReadmeKeysAreDefaultBindings(t *testing.T) {
	cfg := exampleBindings(t)
	bound := map[string]string{}
	for _, b := range cfg.Keys {
		bound[b.Text] = b.Command.String()
	}
	row := regexp.MustCompile("^\\| `([^`]+)` +\\| `([^`]+)` +\\|")
	rows := 0
	for _, l := range readmeSection(t, readmeLines(t), "Default keys") {
		m := row.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		rows++
		switch cmd, ok := bound[m[1]]; {
		case !ok:
			t.Errorf("%s: %q is not bound in %s", readme, m[1], exampleConfig)
		case cmd != m[2]:
			t.Errorf("%s: %q runs %q, but %s binds it to %q", readme, m[1], m[2], exampleConfig, cmd)
		}
	}
	if rows == 0 {
		t.Errorf("%s: Default keys has no rows like \"| `Mod4+Return` | `exec xterm` |\"", readme)
	}
}

func TestReadmeSourceTreeIsComplete(t *testing.T) {
	documented := map[string]bool{}
	listItem := regexp.MustCompile("^ *- `([^`]+)`")
	for _, l := range readmeSection(t, readmeLines(t), "Source tree") {
		m := listItem.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		path := m[1]
		documented[strings.TrimSuffix(path, "/")] = true
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: the source tree lists %s, which does not exist", readme, path)
		}
	}
	// Every folder at the top, and every program or helper package one level down, is explained.
	var dirs []string
	for _, pattern := range []string{"*", "cmd/*", "internal/*"} {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.IsDir() && !strings.HasPrefix(filepath.Base(m), ".") {
				dirs = append(dirs, filepath.ToSlash(m))
			}
		}
	}
	for _, d := range dirs {
		if !documented[d] {
			t.Errorf("%s: the source tree does not explain %s/; add a line \"- `%s/` ...\"", readme, d, d)
		}
	}
}

func TestReadmeMakeTargetsExist(t *testing.T) {
	data, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatalf("the README tells users to run make, but: %v", err)
	}
	makefile := string(data)
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-zA-Z][a-zA-Z0-9_ -]*):`).FindAllStringSubmatch(makefile, -1) {
		for _, name := range strings.Fields(m[1]) {
			targets[name] = true
		}
	}
	readmeText := strings.Join(readmeLines(t), "\n")
	for _, m := range regexp.MustCompile("`make ([a-z]+)").FindAllStringSubmatch(readmeText, -1) {
		if !targets[m[1]] {
			t.Errorf("%s mentions `make %s`, but the Makefile has no %s target", readme, m[1], m[1])
		}
	}
	for _, v := range []string{"PREFIX", "DESTDIR"} {
		if strings.Contains(readmeText, v) && !strings.Contains(makefile, v) {
			t.Errorf("%s mentions %s, which the Makefile does not use", readme, v)
		}
	}
}

// docs/HACKING.md walks through the code by name: every file, function, type and method it names
// in backticks exists.
func TestHackingNamesExistingCode(t *testing.T) {
	text, err := os.ReadFile("docs/HACKING.md")
	if err != nil {
		t.Fatal(err)
	}
	decls := map[string]bool{}
	dirs := map[string]string{"wm": "wm", "layout": "layout", "x11": "x11", "keys": "keys", "command": "command",
		"ipc": "ipc", "config": "config", "sandbox": "sandbox", "xtest": "internal/xtest", "xserver": "internal/xserver"}
	for pkg, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range file.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					name := pkg + "." + d.Name.Name
					if d.Recv != nil && len(d.Recv.List) == 1 {
						recv := d.Recv.List[0].Type
						if star, ok := recv.(*ast.StarExpr); ok {
							recv = star.X
						}
						if id, ok := recv.(*ast.Ident); ok {
							name = pkg + "." + id.Name + "." + d.Name.Name
						}
					}
					decls[name] = true
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							decls[pkg+"."+s.Name.Name] = true
						case *ast.ValueSpec:
							for _, n := range s.Names {
								decls[pkg+"."+n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	wmTypes := map[string]bool{"WM": true, "frame": true, "client": true, "floatFrame": true}
	code := regexp.MustCompile("`([^`]+)`")
	checked := 0
	for _, m := range code.FindAllStringSubmatch(string(text), -1) {
		name := m[1]
		parts := strings.Split(name, ".")
		switch {
		case strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "/"):
			if _, err := os.Stat(name); err != nil {
				t.Errorf("docs/HACKING.md names %s, which does not exist", name)
			}
		case len(parts) == 3 && dirs[parts[0]] != "":
			if !decls[name] {
				t.Errorf("docs/HACKING.md names %s, which does not exist", name)
			}
		case len(parts) == 2 && dirs[parts[0]] != "":
			if !decls[name] {
				t.Errorf("docs/HACKING.md names %s, which does not exist", name)
			}
		case slices.Contains(ipc.EventNames, name):
			continue // an event, not code
		case len(parts) == 2 && wmTypes[parts[0]]:
			if !decls["wm."+name] {
				t.Errorf("docs/HACKING.md names %s, which is no method in wm", name)
			}
		case len(parts) == 1 && regexp.MustCompile(`^[a-z][A-Za-z]+$`).MatchString(name) && strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
			if !decls["wm."+name] {
				t.Errorf("docs/HACKING.md names %s, which is no function or type in wm", name)
			}
		default:
			continue
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d names of docs/HACKING.md were checked; the test no longer reads it", checked)
	}
}
