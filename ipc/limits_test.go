package ipc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// holdConnections is a process that opens connections to the socket at path, one per line of
// its standard input, and holds them: for each it prints "held N" once a sync request on it is
// answered, or "refused N: ERROR"; when fion closes a held one it prints "closed N: LINE" with
// the last line fion sent on it. It ends when its standard input does.
func holdConnections(path string) int {
	out := make(chan string)
	go func() {
		for line := range out {
			fmt.Println(line)
		}
	}()
	in := bufio.NewScanner(os.Stdin)
	for n := 0; in.Scan(); n++ {
		c, err := net.Dial("unix", path)
		if err != nil {
			out <- fmt.Sprintf("refused %d: %v", n, err)
			continue
		}
		c.Write([]byte(`{"v":1,"id":1,"type":"sync"}` + "\n"))
		r := bufio.NewReader(c)
		line, _ := r.ReadString('\n')
		var reply Reply
		if json.Unmarshal([]byte(line), &reply); !reply.OK {
			out <- fmt.Sprintf("refused %d: %s", n, reply.Error)
			c.Close()
			continue
		}
		out <- fmt.Sprintf("held %d", n)
		go func() {
			last := ""
			for {
				line, err := r.ReadString('\n')
				if line != "" {
					last = strings.TrimSuffix(line, "\n")
				}
				if err != nil {
					out <- fmt.Sprintf("closed %d: %s", n, last)
					return
				}
			}
		}()
	}
	return 0
}

// holder is a holdConnections process.
type holder struct {
	t     *testing.T
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
}

func startHolder(t *testing.T, path string) *holder {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &holder{t: t, cmd: cmd, in: in, lines: make(chan string, 100)}
	go func() {
		s := bufio.NewScanner(stdout)
		for s.Scan() {
			h.lines <- s.Text()
		}
		close(h.lines)
	}()
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	return h
}

// next waits for the holder's next line.
func (h *holder) next() string {
	h.t.Helper()
	select {
	case line, ok := <-h.lines:
		if !ok {
			h.t.Fatal("the holder ended")
		}
		return line
	case <-time.After(failAfter):
		h.t.Fatal("the holder said nothing")
	}
	return ""
}

// open has the holder open one more connection and returns what it says of it.
func (h *holder) open() string {
	h.t.Helper()
	io.WriteString(h.in, "\n")
	return h.next()
}

// served dials path and reports whether a sync request is answered, or the error fion sent.
func served(t *testing.T, path string) (*raw, string) {
	t.Helper()
	r := dialRaw(t, path)
	r.c.Write([]byte(`{"v":1,"id":7,"type":"sync"}` + "\n")) // may fail: fion refuses a connection at once
	reply := r.reply()
	if !reply.OK {
		if rest := r.closed(); rest != "" {
			t.Fatalf("after the error %q fion sent %q", reply.Error, rest)
		}
		return nil, reply.Error
	}
	return r, ""
}

func TestOneProcessHasAtMost32Connections(t *testing.T) {
	s, log := listen(t, &testHandler{})
	var held []*raw
	for i := range 32 {
		r, err := served(t, s.Path())
		if err != "" {
			t.Fatalf("connection %d: %s", i+1, err)
		}
		held = append(held, r)
	}
	want := fmt.Sprintf("too many connections: this process (pid %d) has 32 connections to fion, the most one process may have; close some", os.Getpid())
	if _, err := served(t, s.Path()); err != want {
		t.Fatalf("connection 33: %q, want %q", err, want)
	}
	if line := log.wait(t, "refused a connection"); line != fmt.Sprintf("ipc: refused a connection from pid %d: %s", os.Getpid(), want) {
		t.Fatalf("log %q", line)
	}
	// A second refusal within the second is not logged; the next line counts it.
	if _, err := served(t, s.Path()); err != want {
		t.Fatalf("connection 34: %q", err)
	}
	held[0].c.Close()
	deadline := time.Now().Add(failAfter)
	for { // fion sees the close when it reads; until then the 32 are still its
		if _, err := served(t, s.Path()); err == "" {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("after one of the 32 closed, a new connection still gets %q", err)
		}
	}
	if n := log.count("refused a connection"); n != 1 {
		t.Fatalf("%d refusals logged within a second, want 1", n)
	}
}

// When every connection is taken, a newcomer takes the place of the oldest connection of the
// process with the most, while that process has more than the newcomer's would; then it is
// refused.
func TestAllConnectionsTakenMakesRoomForTheProcessWithFewest(t *testing.T) {
	s, log := listenWith(t, &testHandler{}, limits{conns: 6, connsPerProcess: 4, held: defaultLimits.held})
	a, b := startHolder(t, s.Path()), startHolder(t, s.Path())
	for i := range 4 {
		if got := a.open(); got != "held "+strconv.Itoa(i) {
			t.Fatalf("holder a, connection %d: %s", i, got)
		}
	}
	if got := a.open(); !strings.HasPrefix(got, "refused 4: too many connections: this process") {
		t.Fatalf("holder a, connection 5: %s", got)
	}
	for i := range 2 {
		if got := b.open(); got != "held "+strconv.Itoa(i) {
			t.Fatalf("holder b, connection %d: %s", i, got)
		}
	}
	// 6 of 6 taken: a has 4, b 2, this process none.
	var mine []*raw
	for i, evicted := range []string{"0", "1"} {
		r, err := served(t, s.Path())
		if err != "" {
			t.Fatalf("this process's connection %d: %s", i+1, err)
		}
		mine = append(mine, r)
		notice := fmt.Sprintf(`{"v":1,"id":0,"ok":false,"error":"fion closed this connection to let another process in: it takes 6 connections and this process (pid %d) had the most (%d)"}`,
			a.cmd.Process.Pid, 4-i)
		if got := a.next(); got != "closed "+evicted+": "+notice {
			t.Fatalf("holder a heard %q, want its oldest connection closed with %s", got, notice)
		}
	}
	log.wait(t, fmt.Sprintf("closed the oldest connection of pid %d, which had 4 of the 6 connections fion takes, to let pid %d in", a.cmd.Process.Pid, os.Getpid()))
	// a 2, b 2, this process 2: a third would give it as many as any.
	want := fmt.Sprintf("too many connections: fion has 6, the most it takes, and this process (pid %d) would have as many as any other; close some", os.Getpid())
	if _, err := served(t, s.Path()); err != want {
		t.Fatalf("this process's third connection: %q, want %q", err, want)
	}
	for _, r := range mine {
		r.send(`{"v":1,"id":8,"type":"query","what":"version"}`)
		if reply := r.reply(); !reply.OK {
			t.Fatalf("a connection that got in: %+v", reply)
		}
	}
}

// inUse is the memory the Go runtime uses for the heap and the stacks, after a collection.
func inUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// goroutinesIn counts the goroutines running function (as a stack trace names it).
func goroutinesIn(function string) int {
	buf := make([]byte, 16<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, function) {
			n++
		}
	}
	return n
}

// An idle connection costs fion one goroutine and a few kilobytes: no buffer, no queue. (Each
// cost about 38 KB with two goroutines, a 1024-line channel and a read buffer.)
func TestIdleConnectionsAreCheap(t *testing.T) {
	const n = 500
	s, _ := listenWith(t, &testHandler{}, limits{conns: n, connsPerProcess: n, held: defaultLimits.held})
	before := inUse()
	// The clients' ends are plain descriptors: they cost this process's Go runtime nothing.
	for range n {
		fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { unix.Close(fd) })
		if err := unix.Connect(fd, &unix.SockaddrUnix{Name: s.Path()}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(failAfter)
	var readers, writers int
	for {
		readers, writers = goroutinesIn("ipc.(*conn).readLoop"), goroutinesIn("ipc.(*conn).writeLoop")
		if readers == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d connections have a reader, want %d", readers, n)
		}
		runtime.Gosched()
	}
	perConn := (int64(inUse()) - int64(before)) / n
	t.Logf("an idle connection costs %d bytes of heap and stack", perConn)
	if writers != 0 {
		t.Errorf("%d idle connections run %d writers, want none", n, writers)
	}
	if perConn > 8<<10 {
		t.Errorf("an idle connection costs %d bytes, want at most 8 KiB", perConn)
	}
}

// What fion holds for its clients in all (lines queued, requests half read) stays within its
// limit: the client holding the most is dropped, and a client that reads is still answered.
func TestBytesHeldForClientsAreBounded(t *testing.T) {
	const budget = 4 << 20
	h := &testHandler{treeSize: 256 << 10}
	s, log := listenWith(t, h, limits{conns: 64, connsPerProcess: 64, held: budget})
	check := func() {
		t.Helper()
		s.mu.Lock()
		held := s.held
		s.mu.Unlock()
		if held > budget || held < 0 {
			t.Fatalf("fion holds %d bytes for its clients; the limit is %d", held, budget)
		}
	}
	// Clients that ask for the tree again and again and read nothing.
	for range 4 {
		r := dialRaw(t, s.Path())
		go func() {
			for range 100 {
				if _, err := r.c.Write([]byte(`{"v":1,"id":1,"type":"query","what":"tree"}` + "\n")); err != nil {
					return
				}
			}
		}()
	}
	log.wait(t, "fion holds 4 MiB for its clients, the most it may, and this one would hold the most of it")
	check()
	// Clients that send most of a request and never its end.
	for range 6 {
		r := dialRaw(t, s.Path())
		go r.c.Write([]byte(`{"v":1,"id":1,"type":"run","commands":["` + strings.Repeat("x", MaxRequest-64)))
	}
	deadline := time.Now().Add(failAfter)
	for log.count("fion holds 4 MiB") < 4 {
		check()
		if time.Now().After(deadline) {
			t.Fatalf("%d clients dropped for what fion held for them, want at least 4", log.count("fion holds 4 MiB"))
		}
		runtime.Gosched()
	}
	check()
	r := dialRaw(t, s.Path())
	r.send(`{"v":1,"id":2,"type":"query","what":"tree"}`)
	if reply := r.reply(); !reply.OK || len(reply.Result) < 256<<10 {
		t.Fatalf("a client that reads: %.200v", reply)
	}
}

// TestManSaysQueueLimits checks that fionctl.1, which tells clients they may send requests ahead,
// gives the queue's limits as they are.
func TestManSaysQueueLimits(t *testing.T) {
	src, err := os.ReadFile("../fionctl.1")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(src)), " ")
	if want := fmt.Sprintf("drops a connection that has more than %d lines or %d MiB waiting for it", queueLen, queueBytes>>20); !strings.Contains(text, want) {
		t.Errorf("fionctl.1 does not say %q", want)
	}
}
