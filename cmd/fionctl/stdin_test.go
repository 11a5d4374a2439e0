package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fion-wm/fion/ipc"
)

func TestStdin(t *testing.T) {
	tests := []struct {
		name, stdin string
		code        int
		stderr      string
		ran         []string
	}{
		{"all good", "split right\n\n  # a comment\nfocus left\r\nexec xterm -e 'a b'", 0, "",
			[]string{"split right", "focus left", "exec xterm -e 'a b'"}},
		{"stops at the first error", "split right\nsplt down\nfocus left\n", 1,
			"fionctl: standard input line 2: unknown command \"splt\"; did you mean \"split\"?\n",
			[]string{"split right"}},
		{"stops at a command that fails as it runs", "split right\n# a comment\nworkspace 99\nfocus left\n", 1,
			"fionctl: standard input line 3: there is no workspace 99: this screen has 9\n",
			[]string{"split right"}},
		{"empty", "", 0, "", nil},
		{"too long", "split right\n" + strings.Repeat("x", ipc.MaxRequest+1) + "\n", 1,
			"fionctl: standard input line 2 is longer than 1 MiB; a command fits on a much shorter line\n",
			[]string{"split right"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFion(t)
			tp := startTap(t, f.path)
			fionctl(t, []string{"FION_SOCKET=" + tp.path}, tt.stdin, "-").expect(t, tt.code, "", tt.stderr)
			if got := f.handler.commandsRun(); !slices.Equal(got, tt.ran) {
				t.Errorf("fion ran %q, want %q", got, tt.ran)
			}
			tp.waitConns(t, 1)
		})
	}
}

// numberedLines are n commands numbered in their text, so that their order shows.
func numberedLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("exec echo %d", i+1)
	}
	return lines
}

// TestStdinThousandLines feeds 1000 lines at once: they run in order, and they do not cost a
// request each.
func TestStdinThousandLines(t *testing.T) {
	f := startFion(t)
	lines := numberedLines(1000)
	fionctl(t, f.env(), strings.Join(lines, "\n")+"\n", "-").expect(t, 0, "", "")
	if got := f.handler.commandsRun(); !slices.Equal(got, lines) {
		t.Errorf("fion ran %d commands, want the 1000 lines in order; the first out of place: %s", len(got), firstDifference(got, lines))
	}
	requests := f.handler.seen()
	if len(requests) > 100 {
		t.Errorf("fionctl sent the 1000 lines in %d requests, want them together in a few", len(requests))
	}
	f.handler.mu.Lock()
	defer f.handler.mu.Unlock()
	for _, r := range f.handler.requests {
		if len(r.Commands) > batchLines {
			t.Errorf("a request holds %d commands, more than the %d fion is to run in one go", len(r.Commands), batchLines)
		}
	}
}

// TestStdinBadLineInTheMiddle: the lines before a refused line run, the lines after it do not,
// and the message names its line.
func TestStdinBadLineInTheMiddle(t *testing.T) {
	for _, bad := range []string{"workspace 99", "workspce 2"} {
		t.Run(bad, func(t *testing.T) {
			f := startFion(t)
			lines := numberedLines(1000)
			lines[499] = bad
			r := fionctl(t, f.env(), strings.Join(lines, "\n")+"\n", "-")
			want := "fionctl: standard input line 500: there is no workspace 99: this screen has 9\n"
			if bad != "workspace 99" {
				want = "fionctl: standard input line 500: unknown command \"workspce\"; did you mean \"workspace\"?\n"
			}
			r.expect(t, 1, "", want)
			if got := f.handler.commandsRun(); !slices.Equal(got, lines[:499]) {
				t.Errorf("fion ran %d commands, want the 499 before the bad line in order; the first out of place: %s", len(got), firstDifference(got, lines[:499]))
			}
		})
	}
}

// firstDifference describes where got and want part.
func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("command %d is %q, want %q", i+1, got[i], want[i])
		}
	}
	if len(got) > len(want) {
		return fmt.Sprintf("command %d, %q, is one too many", len(want)+1, got[len(want)])
	}
	if len(got) < len(want) {
		return fmt.Sprintf("command %d, %q, is missing", len(got)+1, want[len(got)])
	}
	return "none"
}

// startStdinFionctl starts `fionctl -` with a pipe to its standard input.
func startStdinFionctl(t *testing.T, env []string) (*exec.Cmd, io.WriteCloser, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd, stdout, stderr := fionctlCommand(t, env, "-")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, in, stdout, stderr
}

// TestStdinAsItComes: a line runs when it arrives, without waiting for more input, and the end
// of the input ends fionctl with the status of what ran.
func TestStdinAsItComes(t *testing.T) {
	f := startFion(t)
	cmd, in, stdout, stderr := startStdinFionctl(t, f.env())
	io.WriteString(in, "split right\n")
	f.handler.waitRun(t, "split right")
	io.WriteString(in, "# next\n\nfocus left\nsplit down") // the last line has no newline
	f.handler.waitRun(t, "focus left")
	in.Close()
	finished(t, cmd, cmd.Wait(), stdout, stderr).expect(t, 0, "", "")
	if got, want := f.handler.commandsRun(), []string{"split right", "focus left", "split down"}; !slices.Equal(got, want) {
		t.Errorf("fion ran %q, want %q", got, want)
	}
}

// TestStdinFionGone: when fion goes away between two lines, the next line fails with a message
// that says fion may be gone, and fionctl exits 1.
func TestStdinFionGone(t *testing.T) {
	f := startFion(t)
	cmd, in, stdout, stderr := startStdinFionctl(t, f.env())
	io.WriteString(in, "split right\n")
	f.handler.waitRun(t, "split right")
	f.server.Close()
	io.WriteString(in, "focus left\n")
	in.Close()
	r := finished(t, cmd, cmd.Wait(), stdout, stderr)
	if r.code != 1 || r.stdout != "" || !strings.HasPrefix(r.stderr, "fionctl: standard input line 2: ") ||
		!strings.Contains(r.stderr, f.path) ||
		!strings.HasSuffix(r.stderr, "; fion may have run it, and no line after it (is fion still running?)\n") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and a message that names line 2, fion's socket, and that fion may be gone", r.code, r.stdout, r.stderr)
	}
	if got, want := f.handler.commandsRun(), []string{"split right"}; !slices.Equal(got, want) {
		t.Errorf("fion ran %q, want %q", got, want)
	}
}

// TestStdinFionDiesMidRequest: a fion that takes a request of several lines and dies before it
// answers leaves them to the user, who is told which they are.
func TestStdinFionDiesMidRequest(t *testing.T) {
	path := filepath.Join(shortDir(t), "dies.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		line, _ := bufio.NewReader(c).ReadString('\n')
		got <- line
		c.Close()
	}()
	r := fionctl(t, []string{"FION_SOCKET=" + path}, "split right\n\nfocus left\nsplit down\n", "-")
	r.expect(t, 1, "", "fionctl: standard input lines 1 to 4: fion closed the connection on "+path+
		": EOF; fion may have run some of them, and no line after them (is fion still running?)\n")
	if line := <-got; !strings.Contains(line, `"commands":["split right","focus left","split down"]`) {
		t.Errorf("fionctl sent %q, want one run request with the three commands", line)
	}
}

// TestStdinEndsRequestAtExit: the lines after exit or restart wait for its answer, as they did when
// every line was a request: fion may be gone by then, and must not run them on its way out.
func TestStdinEndsRequestAtExit(t *testing.T) {
	f := startFion(t)
	fionctl(t, f.env(), "split right\nexit\nfocus left\nrestart\n  restart\t\nsplit down\n", "-").expect(t, 0, "", "")
	want := []string{"run  split right|exit", "run  focus left|restart", "run  restart", "run  split down"}
	if got := f.handler.seen(); !slices.Equal(got, want) {
		t.Errorf("fion handled %q, want %q", got, want)
	}
}
