package main

// The tests run fionctl as a process (this test binary, started again with beFionctl set, so that
// main runs instead of the tests) against a real ipc.Server that answers with testHandler. No X is
// involved, except in the root window fallback test, which starts Xvfb.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/ipc"
)

// beFionctl in the environment makes this test binary behave as fionctl.
const beFionctl = "FIONCTL_TEST_BE_FIONCTL"

// processTimeout bounds one fionctl process; the machine is shared and the binary built with -race.
const processTimeout = 60 * time.Second

func TestMain(m *testing.M) {
	if os.Getenv(beFionctl) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// result is how one fionctl process ended.
type result struct {
	stdout, stderr string
	code           int
}

// fionctl runs fionctl with args, with env as its whole environment and stdin as its input.
func fionctl(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	cmd, stdout, stderr := fionctlCommand(t, env, args...)
	cmd.Stdin = strings.NewReader(stdin)
	err := cmd.Run()
	return finished(t, cmd, err, stdout, stderr)
}

// fionctlCommand prepares a fionctl process; the caller starts it.
func fionctlCommand(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	// Under -race the race runtime sleeps a second before a clean exit, unless told not to.
	cmd.Env = append([]string{beFionctl + "=1", "GORACE=atexit_sleep_ms=0"}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// finished turns the end of a process into a result; a process that did not exit by itself fails
// the test.
func finished(t *testing.T, cmd *exec.Cmd, err error, stdout, stderr *bytes.Buffer) result {
	t.Helper()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("fionctl %q did not run: %v", cmd.Args[1:], err)
	}
	if exit != nil && !exit.Exited() {
		t.Fatalf("fionctl %q was killed (%v); stderr:\n%s", cmd.Args[1:], err, stderr)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// expect fails the test unless r has the exit code and the exact output.
func (r result) expect(t *testing.T, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code || r.stdout != stdout || r.stderr != stderr {
		t.Errorf("got exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr, code, stdout, stderr)
	}
}

// answers are what testHandler returns for each query: spaced out, so that the tests see fionctl
// reformat them.
var answers = map[string]string{
	"tree":       `{ "screens": [ { "name": "DP-1", "workspaces": [ { "name": "1", "tiles": [] } ] } ] }`,
	"focused":    `{ "window": 4194317, "title": "xterm" }`,
	"screens":    `[ { "name": "DP-1" }, { "name": "HDMI-1" } ]`,
	"workspaces": `[ { "name": "1" } ]`,
	"windows":    `[ { "window": 4194307, "screen": "DP-1", "workspace": "1", "class": "XTerm", "title": "a b" } ]`,
	"bindings":   `[ { "keys": "Mod4+Return", "command": "exec xterm" } ]`,
	"rules":      `[ { "rule": 1, "line": 2, "match": { "class": "^firefox" }, "actions": { "workspace": "2" }, "windows": 1 } ]`,
	"config":     `{ "path": "/root/.config/fion/fion.toml", "default": false }`,
	"version":    `{ "version": "0.1.0", "protocol": 1 }`,
}

// testHandler answers as fion would, without a window manager: a run request fails at the first
// command that does not parse, or that is "workspace 99"; queries get answers.
type testHandler struct {
	mu       sync.Mutex
	requests []ipc.Request
	ran      []string    // the commands run, in order
	runs     chan string // each command as it runs, for a test that waits for one
}

func (h *testHandler) Handle(req ipc.Request) ipc.Reply {
	h.mu.Lock()
	h.requests = append(h.requests, req)
	h.mu.Unlock()
	reply := ipc.Reply{V: ipc.Version, ID: req.ID}
	switch req.Type {
	case "run":
		for i, line := range req.Commands {
			if _, err := command.Parse(line); err != nil {
				reply.Error, reply.Index = err.Error(), &i
				return reply
			}
			if line == "workspace 99" { // fails as it runs, as in fion
				reply.Error, reply.Index = "there is no workspace 99: this screen has 9", &i
				return reply
			}
			h.mu.Lock()
			h.ran = append(h.ran, line)
			h.mu.Unlock()
			select {
			case h.runs <- line:
			default: // nobody waits for this many
			}
		}
		reply.Result = json.RawMessage(fmt.Sprintf(`{"ran":%d}`, len(req.Commands)))
	case "query":
		reply.Result = json.RawMessage(answers[req.What])
	case "sync":
		reply.Result = json.RawMessage(`{}`)
	}
	reply.OK = true
	return reply
}

// seen returns the requests handled so far, as "type what commands" strings easy to compare.
func (h *testHandler) seen() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, r := range h.requests {
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s", r.Type, r.What, strings.Join(r.Commands, "|"))))
	}
	return out
}

// commandsRun returns the commands run so far, in order.
func (h *testHandler) commandsRun() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.ran)
}

// waitRun waits until the handler runs line.
func (h *testHandler) waitRun(t *testing.T, line string) {
	t.Helper()
	deadline := time.After(processTimeout)
	for {
		select {
		case got := <-h.runs:
			if got == line {
				return
			}
		case <-deadline:
			t.Fatalf("fion did not run %q within %v; it ran %q", line, processTimeout, h.commandsRun())
		}
	}
}

// fion is a running ipc.Server with a testHandler.
type fion struct {
	server  *ipc.Server
	handler *testHandler
	path    string
	dir     string
}

// shortDir makes a temporary folder with a short path: a unix socket path has at most 107 bytes,
// and t.TempDir() holds the test's name.
func shortDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "fionctl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// startFion starts an ipc.Server on a fresh socket.
func startFion(t *testing.T) *fion {
	t.Helper()
	dir := shortDir(t)
	h := &testHandler{runs: make(chan string, 100)}
	path := filepath.Join(dir, "fion.sock")
	s, err := ipc.Listen(path, h, t.Logf)
	if err != nil {
		t.Fatalf("ipc.Listen: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return &fion{server: s, handler: h, path: path, dir: dir}
}

// env is the environment that points fionctl at this fion.
func (f *fion) env() []string { return []string{"FION_SOCKET=" + f.path} }

// tap sits between fionctl and a server: it records every line each side sends, counts the
// connections, and tells when a subscription has been confirmed or an event passed, so that a test
// publishes only once fionctl listens.
type tap struct {
	path   string
	server string
	lines  chan string // every line from the server, as it passes to fionctl

	mu       sync.Mutex
	conns    int
	sent     []string // lines from fionctl
	received []string // lines from the server
}

// startTap listens on a new socket that relays to server.
func startTap(t *testing.T, server string) *tap {
	t.Helper()
	tp := &tap{path: filepath.Join(shortDir(t), "tap.sock"), server: server, lines: make(chan string, 1000)}
	ln, err := net.Listen("unix", tp.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go tp.relay(c)
		}
	}()
	return tp
}

// relay copies lines both ways between a fionctl connection and a new server connection.
func (tp *tap) relay(client net.Conn) {
	defer client.Close()
	up, err := net.Dial("unix", tp.server)
	if err != nil {
		return
	}
	defer up.Close()
	tp.mu.Lock()
	tp.conns++
	tp.mu.Unlock()
	go func() {
		copyLines(client, up, func(line string) {
			tp.mu.Lock()
			tp.sent = append(tp.sent, line)
			tp.mu.Unlock()
		})
		up.(*net.UnixConn).CloseWrite()
	}()
	copyLines(up, client, func(line string) {
		tp.mu.Lock()
		tp.received = append(tp.received, line)
		tp.mu.Unlock()
		tp.lines <- line
	})
}

// copyLines copies from r to w line by line, calling seen with each line (without its newline)
// before passing it on.
func copyLines(r net.Conn, w net.Conn, seen func(string)) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			seen(strings.TrimSuffix(line, "\n"))
			if _, werr := w.Write([]byte(line)); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// waitLine waits until a line from the server contains text.
func (tp *tap) waitLine(t *testing.T, text string) {
	t.Helper()
	deadline := time.After(processTimeout)
	for {
		select {
		case line := <-tp.lines:
			if strings.Contains(line, text) {
				return
			}
		case <-deadline:
			t.Fatalf("no line with %q from the server within %v", text, processTimeout)
		}
	}
}

// snapshot returns the connection count and the lines each way so far.
// waitConns waits until the tap has relayed n connections: fionctl may have connected and left
// before the tap's goroutine counted it.
func (tp *tap) waitConns(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		conns, sent, _ := tp.snapshot()
		if conns == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("fionctl made %d connections, want %d; it sent %q", conns, n, sent)
		}
		<-time.After(5 * time.Millisecond) // polling a count with a deadline
	}
}

func (tp *tap) snapshot() (conns int, sent, received []string) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return tp.conns, append([]string(nil), tp.sent...), append([]string(nil), tp.received...)
}
