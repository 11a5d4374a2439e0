package ipc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// failAfter bounds every wait in these tests: reaching it means the thing waited for never
// happened (a hung server, a lost reply), not that the machine is slow.
const failAfter = 20 * time.Second

// testHandler answers like a tiny fion: run records its commands and fails at the first one
// starting with "fail", query knows version and tree (treeSize bytes of padding) and panics on
// config, sync answers nothing (the server must fill in {}).
type testHandler struct {
	mu       sync.Mutex
	ran      []string
	calls    int
	treeSize int
}

func (h *testHandler) Handle(req Request) Reply {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	switch req.Type {
	case "run":
		for i, c := range req.Commands {
			if strings.HasPrefix(c, "fail") {
				return Reply{Error: fmt.Sprintf("unknown command %q at 1:1; did you mean \"focus\"?", c), Index: &i}
			}
			h.ran = append(h.ran, c)
		}
		return Reply{OK: true, Result: json.RawMessage(fmt.Sprintf(`{"ran":%d}`, len(req.Commands)))}
	case "query":
		switch req.What {
		case "version":
			return Reply{OK: true, Result: json.RawMessage(`{"version":"test", "protocol":1}`)}
		case "tree":
			return Reply{OK: true, Result: json.RawMessage(`{"pad":"` + strings.Repeat("t", h.treeSize) + `"}`)}
		case "config":
			panic("boom")
		}
		return Reply{Error: "no " + req.What + " in this test"}
	case "sync":
		return Reply{OK: true}
	}
	return Reply{Error: "unexpected request type " + req.Type}
}

func (h *testHandler) state() (calls int, ran []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls, append([]string(nil), h.ran...)
}

// testLog collects what the server logs; wait lets a test block until a line appears.
type testLog struct {
	mu    sync.Mutex
	lines []string
	added chan struct{}
}

func newTestLog() *testLog { return &testLog{added: make(chan struct{}, 1)} }

func (l *testLog) logf(format string, args ...any) {
	l.mu.Lock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
	l.mu.Unlock()
	select {
	case l.added <- struct{}{}:
	default:
	}
}

// find returns the first line containing s, or "".
func (l *testLog) find(s string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}

// count is how many lines contain s.
func (l *testLog) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}

// wait returns the first line containing s, waiting for it to be logged.
func (l *testLog) wait(t testing.TB, s string) string {
	t.Helper()
	timeout := time.After(failAfter)
	for {
		if line := l.find(s); line != "" {
			return line
		}
		select {
		case <-l.added:
		case <-timeout:
			l.mu.Lock()
			defer l.mu.Unlock()
			t.Fatalf("nothing logged with %q; the log:\n%s", s, strings.Join(l.lines, "\n"))
		}
	}
}

// shortDir is a fresh folder with a short path: a unix socket path must fit in 108 bytes, and
// t.TempDir's names grow with the test's name.
func shortDir(t testing.TB) string {
	dir, err := os.MkdirTemp("", "fion-ipc-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// listen starts a server for h on a fresh socket and closes it when the test ends.
func listen(t testing.TB, h Handler) (*Server, *testLog) {
	t.Helper()
	return listenWith(t, h, defaultLimits)
}

// listenWith is listen with other limits.
func listenWith(t testing.TB, h Handler, lim limits) (*Server, *testLog) {
	t.Helper()
	log := newTestLog()
	s, err := listenLimited(filepath.Join(shortDir(t), "fion", ":9.sock"), h, log.logf, lim)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Bounded, so that a server that hangs (a Publish that blocks holds the lock Close
		// needs) fails the test instead of the whole run.
		done := make(chan struct{})
		go func() {
			s.Close()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(failAfter):
			t.Error("Close did not return")
		}
	})
	return s, log
}

// dial connects a Client and closes it when the test ends.
func dial(t testing.TB, s *Server) *Client {
	t.Helper()
	c, err := Dial(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// raw is a client that writes and reads bytes, for what Client would never send.
type raw struct {
	t testing.TB
	c *net.UnixConn
	r *bufio.Reader
}

func dialRaw(t testing.TB, path string) *raw {
	t.Helper()
	c, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &raw{t: t, c: c, r: bufio.NewReaderSize(c, 1<<16)}
}

// send writes s and a newline.
func (r *raw) send(s string) {
	r.t.Helper()
	if _, err := r.c.Write([]byte(s + "\n")); err != nil {
		r.t.Fatalf("send %.60q: %v", s, err)
	}
}

// line reads one line, without its newline.
func (r *raw) line() string {
	r.t.Helper()
	r.c.SetReadDeadline(time.Now().Add(failAfter))
	line, err := r.r.ReadString('\n')
	if err != nil {
		r.t.Fatalf("read a line: %v (got %.80q)", err, line)
	}
	return strings.TrimSuffix(line, "\n")
}

// reply reads one line as a reply.
func (r *raw) reply() Reply {
	r.t.Helper()
	line := r.line()
	var reply Reply
	if err := json.Unmarshal([]byte(line), &reply); err != nil {
		r.t.Fatalf("reply %q: %v", line, err)
	}
	return reply
}

// closed waits for the server to close the connection and returns what it sent before.
func (r *raw) closed() string {
	r.t.Helper()
	r.c.SetReadDeadline(time.Now().Add(failAfter))
	var got strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := r.r.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				r.t.Fatalf("the server did not close the connection (read so far: %.200q)", got.String())
			}
			return got.String() // EOF, or ECONNRESET when it closed with our bytes unread
		}
	}
}
