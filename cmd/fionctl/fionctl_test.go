package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fion-wm/fion/ipc"
)

func TestRunCommand(t *testing.T) {
	tests := []struct {
		args []string
		sent string // the run request's one command
	}{
		{[]string{"split", "right"}, "split right"},
		{[]string{"split right"}, "split right"},
		{[]string{"remove-tile"}, "remove-tile"},
		{[]string{"exec", "xterm", "-e", "top"}, "exec xterm -e top"},
		{[]string{"exec", "--pretty"}, "exec --pretty"}, // words after a command are the command's
		{[]string{" focus", "left "}, "focus left"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, "_"), func(t *testing.T) {
			f := startFion(t)
			fionctl(t, f.env(), "", tt.args...).expect(t, 0, "", "")
			if got, want := f.handler.seen(), []string{"run  " + tt.sent}; !slices.Equal(got, want) {
				t.Errorf("fion handled %q, want %q", got, want)
			}
		})
	}
}

func TestRunCommandRefused(t *testing.T) {
	f := startFion(t)
	fionctl(t, f.env(), "", "split", "rigt").
		expect(t, 1, "", "fionctl: split: \"rigt\" is not right or down; did you mean \"right\"?\n")
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string // the first line of standard error
	}{
		{nil, "fionctl: no command given"},
		{[]string{" "}, `fionctl: empty command; write one of fion's commands, such as "fionctl split right"`},
		{[]string{"splt right"}, `fionctl: unknown command "splt"; did you mean "split"?`},
		{[]string{"get version"}, `fionctl: "get version": give get and its arguments as separate words: fionctl get version`},
		{[]string{"splt", "right"}, `fionctl: unknown command "splt"; did you mean "split"?`},
		{[]string{"subscrbe"}, `fionctl: unknown command "subscrbe"; did you mean "subscribe"?`},
		{[]string{"frobnicate"}, `fionctl: unknown command "frobnicate"; "fionctl help" lists fion's commands, "fionctl -h" fionctl's own`},
		{[]string{"-x"}, `fionctl: unknown option "-x"; "fionctl -h" lists the options`},
		{[]string{"-", "split"}, `fionctl: - reads commands from standard input and takes no arguments; unexpected "split"`},
		{[]string{"tree", "--prety"}, `fionctl: unknown option "--prety"; did you mean "--pretty"?`},
		{[]string{"tree", "screens"}, `fionctl: tree takes no arguments besides --pretty; unexpected "screens"`},
		{[]string{"get"}, "fionctl: get needs one of focused, screens, workspaces, windows, bindings, rules, config, version"},
		{[]string{"get", "focussed"}, `fionctl: get: unknown "focussed"; did you mean "focused"?`},
		{[]string{"get", "everything"}, `fionctl: get: unknown "everything"; it takes one of focused, screens, workspaces, windows, bindings, rules, config, version`},
		{[]string{"get", "screens", "workspaces"}, `fionctl: get takes one of focused, screens, workspaces, windows, bindings, rules, config, version; unexpected "workspaces" after "screens"`},
		{[]string{"get", "-p", "version"}, `fionctl: unknown option "-p"; the only option here is --pretty`},
		{[]string{"subscribe", "--count"}, "fionctl: --count needs a number of events"},
		{[]string{"subscribe", "--count", "many"}, `fionctl: --count takes a number of events of at least 1, not "many"`},
		{[]string{"subscribe", "--count=0"}, `fionctl: --count takes a number of events of at least 1, not "0"`},
		{[]string{"subscribe", "--follow"}, `fionctl: unknown option "--follow"; subscribe takes event names and --count N`},
		{[]string{"sync", "now"}, `fionctl: sync takes no arguments; unexpected "now"`},
		{[]string{"help", "splt"}, `fionctl: help: no command "splt"; did you mean "split"?`},
		{[]string{"help", "split", "focus"}, `fionctl: help takes at most one command name; unexpected "focus"`},
		{[]string{"completion"}, "fionctl: completion needs one shell: bash or zsh"},
		{[]string{"completion", "bsh"}, `fionctl: completion: no script for "bsh"; did you mean "bash"?`},
		{[]string{"completion", "powershell"}, `fionctl: completion: no script for "powershell"; there are scripts for bash and zsh`},
		{[]string{"--version", "x"}, "fionctl: --version takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, "_"), func(t *testing.T) {
			// No server: a usage error must be found before fionctl connects.
			r := fionctl(t, []string{"FION_SOCKET=/nonexistent/fion.sock"}, "", tt.args...)
			first, _, _ := strings.Cut(r.stderr, "\n")
			if r.code != 2 || first != tt.stderr || r.stdout != "" {
				t.Errorf("got exit %d, stdout %q, stderr %q\nwant exit 2 and stderr starting %q", r.code, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
}

func TestUnknownSubscribeEvent(t *testing.T) {
	// The wording is ipc.NormalizeEvents'; fionctl makes it a usage error.
	_, want := ipc.NormalizeEvents([]string{"clint"})
	if want == nil {
		t.Fatal(`ipc.NormalizeEvents accepts "clint"`)
	}
	fionctl(t, nil, "", "subscribe", "clint").expect(t, 2, "", "fionctl: subscribe: "+want.Error()+"\n")
}

func TestNoArgumentsPrintsUsage(t *testing.T) {
	r := fionctl(t, nil, "")
	if r.code != 2 || !strings.Contains(r.stderr, usageText()) {
		t.Errorf("got exit %d, stderr %q; want exit 2 and the usage", r.code, r.stderr)
	}
}

func TestUsageAndVersion(t *testing.T) {
	fionctl(t, nil, "", "-h").expect(t, 0, usageText(), "")
	fionctl(t, nil, "", "--help").expect(t, 0, usageText(), "")
	fionctl(t, nil, "", "--version").expect(t, 0, "fionctl "+version+"\n", "")
	for _, s := range subcommands {
		if !strings.Contains(usageText(), s.synopsis()) {
			t.Errorf("the usage lacks %q", s.synopsis())
		}
	}
	for _, line := range strings.Split(usageText(), "\n") {
		if len(line) > 80 {
			t.Errorf("the usage line %q is wider than 80 columns", line)
		}
	}
}

func TestVersionFollowsFion(t *testing.T) {
	src, err := os.ReadFile("../../main.go")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("var version = %q", version)
	if !bytes.Contains(src, []byte(want)) {
		t.Errorf("main.go does not say %s: fionctl's version (cmd/fionctl/main.go) must be fion's", want)
	}
}

func TestTree(t *testing.T) {
	f := startFion(t)
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(answers["tree"])); err != nil {
		t.Fatal(err)
	}
	fionctl(t, f.env(), "", "tree").expect(t, 0, compact.String()+"\n", "")
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, []byte(answers["tree"]), "", "  "); err != nil {
		t.Fatal(err)
	}
	fionctl(t, f.env(), "", "tree", "--pretty").expect(t, 0, pretty.String()+"\n", "")
	if !strings.Contains(pretty.String(), "\n      \"name\": \"DP-1\"") {
		t.Errorf("--pretty printed %q, which is not indented by two spaces a level", pretty.String())
	}
	if got, want := f.handler.seen(), []string{"query tree", "query tree"}; !slices.Equal(got, want) {
		t.Errorf("fion handled %q, want %q", got, want)
	}
}

func TestGet(t *testing.T) {
	f := startFion(t)
	for _, what := range ipc.Queries {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(answers[what])); err != nil {
			t.Fatal(err)
		}
		fionctl(t, f.env(), "", "get", what).expect(t, 0, compact.String()+"\n", "")
		if strings.Count(compact.String(), "\n") != 0 {
			t.Errorf("get %s printed more than one line", what)
		}
	}
	r := fionctl(t, f.env(), "", "get", "--pretty", "screens")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "[\n  {\n    \"name\": \"DP-1\"") {
		t.Errorf("get --pretty screens: exit %d, stdout %q", r.code, r.stdout)
	}
	var want []string
	for _, what := range append(slices.Clone(ipc.Queries), "screens") {
		want = append(want, "query "+what)
	}
	if got := f.handler.seen(); !slices.Equal(got, want) {
		t.Errorf("fion handled %q, want %q", got, want)
	}
}

func TestSync(t *testing.T) {
	f := startFion(t)
	fionctl(t, f.env(), "", "sync").expect(t, 0, "", "")
	if got, want := f.handler.seen(), []string{"sync"}; !slices.Equal(got, want) {
		t.Errorf("fion handled %q, want %q", got, want)
	}
}

func TestSubscribe(t *testing.T) {
	f := startFion(t)
	tp := startTap(t, f.path)
	cmd, stdout, stderr := fionctlCommand(t, []string{"FION_SOCKET=" + tp.path}, "subscribe", "tile", "--count", "2")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tp.waitLine(t, `"subscribed"`)
	f.server.Publish("client.new", map[string]int{"window": 1}) // not subscribed to
	f.server.Publish("tile.split", map[string]string{"direction": "right", "note": "<&>"})
	f.server.Publish("client.focus", map[string]int{"window": 1}) // not subscribed to
	f.server.Publish("tile.remove", map[string]int{"tile": 2})
	f.server.Publish("tile.resize", map[string]int{"tile": 3}) // after the count
	r := finished(t, cmd, cmd.Wait(), stdout, stderr)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}

	_, sent, received := tp.snapshot()
	if len(sent) != 1 || !strings.Contains(sent[0], `"type":"subscribe"`) || !strings.Contains(sent[0], `"events":["tile","restart"]`) {
		t.Errorf("fionctl sent %q, want one subscribe request for [\"tile\",\"restart\"] (restart to follow fion to a new one)", sent)
	}
	// Each line printed is an event line as fion sent it.
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	var events []ipc.Event
	for _, line := range lines {
		if !slices.Contains(received, line) {
			t.Errorf("fionctl printed %q, which is not a line fion sent (%q)", line, received)
		}
		var ev ipc.Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("fionctl printed %q: %v", line, err)
		}
		events = append(events, ev)
	}
	if len(events) != 2 || events[0].Event != "tile.split" || events[1].Event != "tile.remove" {
		t.Fatalf("fionctl printed %q, want tile.split then tile.remove", r.stdout)
	}
	if string(events[0].Data) != `{"direction":"right","note":"<&>"}` || string(events[1].Data) != `{"tile":2}` {
		t.Errorf("event data %s and %s, want {\"direction\":\"right\",\"note\":\"<&>\"} and {\"tile\":2}", events[0].Data, events[1].Data)
	}
	if events[1].Seq != events[0].Seq+2 {
		t.Errorf("seq %d then %d: want a gap of one for the client.focus in between", events[0].Seq, events[1].Seq)
	}
}

func TestSubscribeUntilShutdown(t *testing.T) {
	f := startFion(t)
	tp := startTap(t, f.path)
	cmd, stdout, stderr := fionctlCommand(t, []string{"FION_SOCKET=" + tp.path}, "subscribe")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tp.waitLine(t, `"subscribed"`)
	f.server.Publish("workspace.switch", map[string]string{"workspace": "2"})
	f.server.Publish("shutdown", nil)
	tp.waitLine(t, `"shutdown"`)
	f.server.Close()
	r := finished(t, cmd, cmd.Wait(), stdout, stderr)
	if r.code != 0 || r.stderr != "" || strings.Count(r.stdout, "\n") != 2 || !strings.Contains(r.stdout, `"event":"shutdown"`) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 after printing both events", r.code, r.stdout, r.stderr)
	}
}

func TestSubscribeLost(t *testing.T) {
	f := startFion(t)
	tp := startTap(t, f.path)
	cmd, stdout, stderr := fionctlCommand(t, []string{"FION_SOCKET=" + tp.path}, "subscribe", "client.new", "screen")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tp.waitLine(t, `"subscribed"`)
	f.server.Close()
	r := finished(t, cmd, cmd.Wait(), stdout, stderr)
	want := "fionctl: fion closed the connection without a shutdown event (it crashed, or dropped this subscriber for reading too slowly)\n"
	r.expect(t, 1, "", want)
}

func TestConnectErrors(t *testing.T) {
	dir := shortDir(t)
	missing := filepath.Join(dir, "missing.sock")
	notSocket := filepath.Join(dir, "file")
	if err := os.WriteFile(notSocket, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// A display no X server has, so that the root window fallback finds nothing.
	const display = ":4077"
	computed, err := ipc.SocketPath(display)
	if err != nil {
		t.Fatal(err)
	}
	// ipc.SocketPath reads XDG_RUNTIME_DIR; give fionctl the same one.
	runtimeEnv := "XDG_RUNTIME_DIR=" + os.Getenv("XDG_RUNTIME_DIR")
	tests := []struct {
		name   string
		env    []string
		stderr string
	}{
		{"FION_SOCKET missing", []string{"FION_SOCKET=" + missing},
			"fionctl: cannot connect to " + missing + ": no such file (is fion running? FION_SOCKET names this path; unset it to use the socket of $DISPLAY)\n"},
		{"FION_SOCKET not a socket", []string{"FION_SOCKET=" + notSocket},
			"fionctl: cannot connect to " + notSocket + ": not a socket (is fion running? FION_SOCKET names this path; unset it to use the socket of $DISPLAY)\n"},
		{"no DISPLAY", nil,
			"fionctl: DISPLAY is not set: set DISPLAY to fion's display (e.g. DISPLAY=:0) or FION_SOCKET to its socket\n"},
		{"DISPLAY without fion", []string{"DISPLAY=" + display, runtimeEnv},
			"fionctl: cannot connect to " + computed + ": no such file (is fion running on :4077? set FION_SOCKET to its socket)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fionctl(t, tt.env, "", "sync").expect(t, 1, "", tt.stderr)
		})
	}
}

func TestStaleSocket(t *testing.T) {
	// A socket file nobody accepts on: fion died without removing it.
	dir := shortDir(t)
	f := startFion(t)
	stale := filepath.Join(dir, "stale.sock")
	if err := os.Link(f.path, stale); err != nil {
		t.Skipf("cannot make a stale socket: %v", err)
	}
	f.server.Close()
	fionctl(t, []string{"FION_SOCKET=" + stale}, "", "sync").expect(t, 1, "",
		"fionctl: cannot connect to "+stale+": nobody is listening (fion has quit) (is fion running? FION_SOCKET names this path; unset it to use the socket of $DISPLAY)\n")
}

func TestSocketFromDisplay(t *testing.T) {
	runtime := shortDir(t)
	t.Setenv("XDG_RUNTIME_DIR", runtime)
	path, err := ipc.SocketPath(":4078")
	if err != nil {
		t.Fatal(err)
	}
	if err := ipc.PrepareDir(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	h := &testHandler{}
	s, err := ipc.Listen(path, h, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fionctl(t, []string{"DISPLAY=:4078", "XDG_RUNTIME_DIR=" + runtime}, "", "sync").expect(t, 0, "", "")
	// FION_SOCKET wins over DISPLAY.
	other := startFion(t)
	env := []string{"DISPLAY=:4078", "XDG_RUNTIME_DIR=" + runtime, "FION_SOCKET=" + other.path}
	fionctl(t, env, "", "sync").expect(t, 0, "", "")
	if got := len(h.seen()) + len(other.handler.seen()); got != 2 || len(other.handler.seen()) != 1 {
		t.Errorf("the socket of DISPLAY got %q and FION_SOCKET's %q; want one sync each", h.seen(), other.handler.seen())
	}
}

// BenchmarkGetVersion measures what a script pays for one call: a whole fionctl process (this test
// binary, so build without -race to measure) that connects, asks for the version and prints it.
func BenchmarkGetVersion(b *testing.B) {
	dir, err := os.MkdirTemp("", "fionctl")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "fion.sock")
	s, err := ipc.Listen(path, &testHandler{}, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	env := []string{beFionctl + "=1", "FION_SOCKET=" + path}
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "get", "version")
		cmd.Env = env
		if out, err := cmd.Output(); err != nil || len(out) == 0 {
			b.Fatalf("fionctl get version: %v, %q", err, out)
		}
	}
}

func TestWindows(t *testing.T) {
	f := startFion(t)
	fionctl(t, f.env(), "", "windows").expect(t, 0, "0x400003\tDP-1:1\tXTerm\ta b\n", "")
	fionctl(t, f.env(), "", "windows", "now").expect(t, 2, "", "fionctl: windows takes no arguments; unexpected \"now\" (\"fionctl get windows\" prints them as JSON)\n")
}
