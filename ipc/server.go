package ipc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// closeFlush bounds how long Close lets queued lines (the shutdown event) reach the clients.
const closeFlush = time.Second

// maxPathGuess is about the longest socket path systems take (sun_path: 104 bytes on the BSDs,
// 108 on Linux, with the final NUL); a bind failing on a longer path failed because of its length.
const maxPathGuess = 100

// Handler is fion's side of the socket: it answers run, query and sync requests (the server
// answers subscribe itself). It runs on the server's connection goroutines, one call at a time
// per connection but for several connections at once, so it must do its own synchronisation
// with the window manager's loop. The server sets the reply's V and ID.
type Handler interface {
	Handle(req Request) Reply
}

// Server is fion's control socket: it accepts connections, checks who is calling, parses
// requests, passes them to the Handler and fans published events out to subscribers.
type Server struct {
	path   string
	ln     *net.UnixListener
	h      Handler
	logf   func(format string, args ...any)
	uid    int
	limits limits
	quit   chan struct{} // closed by Close: stops the accept loop's back-off

	mu       sync.Mutex
	seq      uint64
	conns    map[*conn]struct{}
	procs    map[int]int // connections by process id (0: unknown)
	started  uint64      // connections accepted so far, to tell the oldest
	held     int         // bytes held for all clients: lines queued and requests half read
	logs     []string    // lines to log once mu is released (see unlock)
	refusals [refusalKinds]refusalLog
	closed   bool
	wg       sync.WaitGroup // the accept loop and the connections' writers
	busy     int            // requests being answered and writers running
	quiet    chan struct{}  // closed when busy comes down to 0 (see Wait)
}

// unlock releases s.mu, then logs what was noted for the log while it was held: logging may
// block, and nobody must wait for it with the lock.
func (s *Server) unlock() {
	logs := s.logs
	s.logs = nil
	s.mu.Unlock()
	for _, line := range logs {
		s.logf("%s", line)
	}
}

// logLocked notes a line for the log; the caller holds s.mu.
func (s *Server) logLocked(format string, args ...any) {
	s.logs = append(s.logs, fmt.Sprintf(format, args...))
}

// Listen opens the control socket at path and serves it until Close. It prepares the socket's
// folder (see PrepareDir), replaces a stale socket that nobody accepts on, refuses to take over
// a live one, and gives the socket mode 0600. logf receives what the user may want to know
// (refused and dropped clients); nil means no log.
func Listen(path string, h Handler, logf func(format string, args ...any)) (*Server, error) {
	return listenLimited(path, h, logf, defaultLimits)
}

// listenLimited is Listen with other limits, for tests.
func listenLimited(path string, h Handler, logf func(format string, args ...any), lim limits) (*Server, error) {
	if h == nil {
		return nil, errors.New("ipc.Listen: nil Handler")
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if err := PrepareDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	if err := removeStale(path); err != nil {
		return nil, err
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if errors.Is(err, syscall.EADDRINUSE) { // another fion got there between removeStale and now
		return nil, fmt.Errorf("another fion is already listening on %s", path)
	}
	if errors.Is(err, syscall.EINVAL) && len(path) >= maxPathGuess {
		return nil, fmt.Errorf("cannot listen on %s: the path is %d bytes long, too long for a unix socket (the limit is about %d); set XDG_RUNTIME_DIR to a shorter folder",
			path, len(path), maxPathGuess)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w", path, err)
	}
	// The folder is 0700 already; 0600 keeps the socket private if someone opens the folder.
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("cannot make the socket %s private: %w", path, err)
	}
	s := &Server{path: path, ln: ln, h: h, logf: logf, uid: os.Getuid(), limits: lim, quit: make(chan struct{}),
		conns: map[*conn]struct{}{}, procs: map[int]int{}}
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

// removeStale removes the socket at path if nobody accepts on it any more (a fion that died),
// and refuses when someone does or when path is not a socket.
func removeStale(path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot check %s: %w", path, err)
	}
	if info.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("%s exists and is not a socket; remove it or choose another path", path)
	}
	c, err := net.DialTimeout("unix", path, time.Second)
	if err == nil {
		c.Close()
		return fmt.Errorf("another fion is already listening on %s", path)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("cannot tell whether another fion listens on %s: %w", path, err)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove the stale socket %s: %w", path, err)
	}
	return nil
}

// Path is the socket's path.
func (s *Server) Path() string { return s.path }

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	var backoff time.Duration
	for {
		c, err := s.ln.AcceptUnix()
		if err == nil {
			backoff = 0
			s.start(c)
			continue
		}
		if errors.Is(err, net.ErrClosed) {
			return
		}
		// Out of file descriptors and the like: wait rather than spin; the clients already
		// connected keep being served meanwhile.
		backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
		s.logf("ipc: accept on %s: %v; trying again in %v", s.path, err, backoff)
		select {
		case <-time.After(backoff):
		case <-s.quit:
			return
		}
	}
}

// start serves a new connection, or refuses it when it comes from another user or would pass a
// limit (see limits.go).
func (s *Server) start(nc *net.UnixConn) {
	uid, pid, err := peerUID(nc)
	if err != nil {
		s.logf("ipc: cannot tell who connected to %s (%v); closing the connection", s.path, err)
		nc.Close()
		return
	}
	s.mu.Lock()
	defer s.unlock()
	if s.closed {
		nc.Close()
		return
	}
	if uid != s.uid {
		s.refuseLocked(nc, otherUser, fmt.Sprintf("refused a connection from uid %d (pid %d): this fion belongs to uid %d", uid, pid, s.uid),
			fmt.Sprintf("permission denied: this fion belongs to uid %d", s.uid))
		return
	}
	if why, ok := s.admitLocked(pid); !ok {
		s.refuseLocked(nc, overLimit, fmt.Sprintf("refused a connection from pid %d: %s", pid, why), why)
		return
	}
	s.started++
	c := &conn{s: s, c: nc, pid: pid, n: s.started}
	s.conns[c] = struct{}{}
	s.procs[pid]++
	go c.readLoop()
}

// Publish sends an event to every subscriber that asked for it; data is marshalled to JSON (nil
// means no "data"). It never blocks: a subscriber whose queue is full is dropped and logged.
// Every call takes the next sequence number, subscribers or not; with none that wants the event,
// data is not even marshalled. Events after Close are dropped.
func (s *Server) Publish(event string, data any) {
	s.mu.Lock()
	wanted := !s.closed && s.wanted(event)
	if !wanted {
		s.seq++
	}
	s.mu.Unlock()
	if !wanted {
		return
	}
	name, payload, err := eventParts(event, data)
	if err != nil {
		s.logf("ipc: event %s not published: %v", event, err)
		return
	}
	s.mu.Lock()
	defer s.unlock()
	if s.closed {
		return
	}
	// The number and the queueing under one lock: every subscriber gets events in seq order.
	s.seq++
	line := eventLine(s.seq, name, payload)
	for c := range s.conns {
		if Matches(c.subscription, event) {
			c.enqueueLocked(line, "it stopped reading its events")
		}
	}
}

// wanted reports whether a subscriber wants the event. The caller holds s.mu.
func (s *Server) wanted(event string) bool {
	for c := range s.conns {
		if Matches(c.subscription, event) {
			return true
		}
	}
	return false
}

// eventParts are the JSON forms of an event's name and data (in plain form: see plainJSON),
// checked against the line limit.
func eventParts(event string, data any) (name, payload []byte, err error) {
	if data != nil {
		raw, err := json.Marshal(data)
		if err != nil {
			return nil, nil, fmt.Errorf("its data is not JSON: %w", err)
		}
		payload = plainJSON(make([]byte, 0, len(raw)), raw)
	}
	name, _ = marshal(event) // a string always marshals
	if len(payload)+len(name) > MaxReply-64 {
		return nil, nil, fmt.Errorf("its data (%d bytes) is over the %d MiB line limit", len(payload), MaxReply>>20)
	}
	return name, payload, nil
}

// eventLine is the wire form of an Event, built by hand: Publish runs on fion's loop.
func eventLine(seq uint64, name, data []byte) []byte {
	line := make([]byte, 0, 48+len(name)+len(data))
	line = append(line, `{"v":`...)
	line = strconv.AppendInt(line, Version, 10)
	line = append(line, `,"seq":`...)
	line = strconv.AppendUint(line, seq, 10)
	line = append(line, `,"event":`...)
	line = append(line, name...)
	if data != nil {
		line = append(line, `,"data":`...)
		line = append(line, data...)
	}
	return append(line, "}\n"...)
}

// marshal is json.Marshal without HTML escaping: people read these lines ("<" stays "<").
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Close stops accepting, lets each client receive what is queued for it (at most closeFlush),
// closes every connection and removes the socket file. A connection whose request is being
// answered gets its reply before it is closed, when the Handler returns while the process runs:
// see Wait.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.quit)
	err := s.ln.Close() // also removes the socket file
	deadline := time.Now().Add(closeFlush)
	for c := range s.conns {
		c.c.SetWriteDeadline(deadline) // a client that does not read must not hold Close up
		c.hangUpLocked()
	}
	s.unlock()
	s.wg.Wait()
	return err
}

// Wait waits, at most d, until every request being answered has its reply written: what fion
// does before it exits after Close, so that a request that led to its end (restart, exit) is
// answered.
func (s *Server) Wait(d time.Duration) {
	deadline := time.After(d)
	for {
		s.mu.Lock()
		n, quiet := s.busy, s.quiet
		s.mu.Unlock()
		if n == 0 {
			return
		}
		select {
		case <-quiet:
		case <-deadline:
			return
		}
	}
}

// busyLocked counts one more or one fewer request being answered or writer running.
func (s *Server) busyLocked(delta int) {
	if s.busy == 0 && delta > 0 {
		s.quiet = make(chan struct{})
	}
	s.busy += delta
	if s.busy == 0 {
		close(s.quiet)
	}
}

// call asks the Handler and makes its reply well-formed. A panic in the Handler's own goroutine
// becomes an error reply rather than the end of fion.
func (s *Server) call(req Request) (r Reply) {
	defer func() {
		if p := recover(); p != nil {
			s.logf("ipc: the handler panicked on %s request %d: %v\n%s", req.Type, req.ID, p, debug.Stack())
			r = Reply{Error: fmt.Sprintf("internal error in fion: %v; please report this", p)}
		}
		r.V, r.ID = Version, req.ID
	}()
	r = s.h.Handle(req)
	if r.OK && len(r.Result) == 0 {
		r.Result = json.RawMessage("{}")
	}
	if !r.OK && r.Error == "" {
		r.Error = fmt.Sprintf("internal error: the %s request failed without saying why; please report this", req.Type)
	}
	return r
}

// encodeReply is the wire form of r, its result in plain form (see plainJSON). A result that is
// not JSON or too long for a line becomes an error, so that a bad answer cannot break the stream.
func encodeReply(r Reply) []byte {
	if len(r.Result) > 0 {
		if !json.Valid(r.Result) {
			return encodeReply(Reply{V: Version, ID: r.ID, Error: "internal error: fion's answer is not valid JSON; please report this"})
		}
		r.Result = plainJSON(make([]byte, 0, len(r.Result)), r.Result)
	}
	b, err := marshal(r)
	if err != nil { // not reached: every field is valid JSON now
		return encodeReply(Reply{V: Version, ID: r.ID, Error: fmt.Sprintf("internal error: fion's answer cannot be written (%v); please report this", err)})
	}
	if len(b) > MaxReply {
		b, _ = marshal(Reply{V: Version, ID: r.ID, Error: fmt.Sprintf("the answer is %d bytes long, over the protocol's %d MiB line limit for answers", len(b), MaxReply>>20)})
	}
	return append(b, '\n')
}
