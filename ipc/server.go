package ipc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// queueLen is how many lines (replies and events) may wait for one client, and queueBytes how
// many bytes. A client further behind than either has stopped reading and is dropped: fion's
// loop must never wait for it, and a client that asks for the tree without reading the answers
// must not make fion hold gigabytes. queueBytes leaves room for several full-size lines.
const (
	queueLen   = 1024
	queueBytes = 8 * MaxRequest
)

// closeFlush bounds how long Close lets queued lines (the shutdown event) reach the clients.
const closeFlush = time.Second

// maxPathGuess is about the longest socket path systems take (sun_path: 104 bytes on the BSDs,
// 108 on Linux, with the final NUL); a bind failing on a longer path failed because of its length.
const maxPathGuess = 100

// writeBatch is how many queued bytes a connection writes in one system call, at most.
const writeBatch = 64 << 10

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
	path string
	ln   *net.UnixListener
	h    Handler
	logf func(format string, args ...any)
	uid  int
	quit chan struct{} // closed by Close: stops the accept loop's back-off

	mu     sync.Mutex
	seq    uint64
	conns  map[*conn]struct{}
	closed bool
	wg     sync.WaitGroup // the accept loop and every connection's writer
}

// conn is one client connection. Its reader goroutine parses requests and calls the Handler; its
// writer goroutine owns the socket's write side and drains out. Everyone else only queues.
type conn struct {
	s    *Server
	c    *net.UnixConn
	pid  int           // the client's process, for the log
	out  chan []byte   // lines to write, each ending in '\n'; a nil line means "then hang up"
	done chan struct{} // closed when the connection is closed
	once sync.Once

	queued atomic.Int64 // bytes of lines in out or being written

	subscription []string // guarded by s.mu; nil until the client subscribes
}

// Listen opens the control socket at path and serves it until Close. It prepares the socket's
// folder (see PrepareDir), replaces a stale socket that nobody accepts on, refuses to take over
// a live one, and gives the socket mode 0600. logf receives what the user may want to know
// (refused and dropped clients); nil means no log.
func Listen(path string, h Handler, logf func(format string, args ...any)) (*Server, error) {
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
	s := &Server{path: path, ln: ln, h: h, logf: logf, uid: os.Getuid(), quit: make(chan struct{}),
		conns: map[*conn]struct{}{}}
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

// start serves a new connection, or refuses it when it comes from another user.
func (s *Server) start(nc *net.UnixConn) {
	uid, pid, err := peerUID(nc)
	if err != nil {
		s.logf("ipc: cannot tell who connected to %s (%v); closing the connection", s.path, err)
		nc.Close()
		return
	}
	c := &conn{s: s, c: nc, pid: pid, out: make(chan []byte, queueLen), done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		nc.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	go c.writeLoop()
	if uid != s.uid {
		s.logf("ipc: refused a connection from uid %d (pid %d): this fion belongs to uid %d", uid, pid, s.uid)
		c.sendReply(Reply{V: Version, Error: fmt.Sprintf("permission denied: this fion belongs to uid %d", s.uid)})
		c.hangUp()
		return
	}
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
	var dropped []*conn
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	// The number and the queueing under one lock: every subscriber gets events in seq order.
	s.seq++
	line := eventLine(s.seq, name, payload)
	for c := range s.conns {
		if matches(c.subscription, event) && !c.enqueue(line) {
			dropped = append(dropped, c)
		}
	}
	s.mu.Unlock()
	for _, c := range dropped {
		c.drop("it stopped reading its events")
	}
}

// wanted reports whether a subscriber wants the event. The caller holds s.mu.
func (s *Server) wanted(event string) bool {
	for c := range s.conns {
		if matches(c.subscription, event) {
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
// closes every connection and removes the socket file. Handler calls still running finish on
// their own; their replies are discarded.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	conns := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	close(s.quit)
	err := s.ln.Close() // also removes the socket file
	deadline := time.Now().Add(closeFlush)
	for _, c := range conns {
		c.c.SetWriteDeadline(deadline) // a client that does not read must not hold Close up
		c.hangUp()
	}
	s.wg.Wait()
	return err
}

// forget removes a finished connection from the server.
func (s *Server) forget(c *conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
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

func (c *conn) readLoop() {
	r := bufio.NewReaderSize(c.c, 4096)
	var buf []byte
	for {
		line, err := readLine(r, buf, MaxRequest)
		var long *lineTooLong
		if errors.As(err, &long) {
			c.sendReply(Reply{V: Version, Error: "bad request: " + err.Error()})
			c.hangUp()
			return
		}
		if err != nil {
			// A subscriber that has sent all it had to (`echo '...' | socat ...`) still wants its
			// events; anything else, half a line included, is hung up on.
			if errors.Is(err, io.EOF) && len(line) == 0 && c.subscribed() {
				return
			}
			c.hangUp()
			return
		}
		c.serve(line)
		if cap(line) <= writeBatch { // do not keep a 1 MiB buffer for every connection
			buf = line
		}
	}
}

// serve answers one request line.
func (c *conn) serve(line []byte) {
	req, err := ParseRequest(line)
	switch {
	case err != nil:
		c.sendReply(Reply{V: Version, ID: req.ID, Error: err.Error()})
	case req.Type == "subscribe":
		c.subscribe(req)
	default:
		c.sendReply(c.s.call(req))
	}
}

// subscribe sets the connection's subscription (replacing an earlier one) and queues the reply.
func (c *conn) subscribe(req Request) {
	result, _ := marshal(map[string][]string{"subscribed": req.Events})
	line := encodeReply(Reply{V: Version, ID: req.ID, OK: true, Result: result})
	c.s.mu.Lock()
	// Under Publish's lock: an event published after the subscription cannot overtake the reply.
	c.subscription = req.Events
	ok := c.enqueue(line)
	c.s.mu.Unlock()
	if !ok {
		c.drop("it stopped reading its replies")
	}
}

func (c *conn) subscribed() bool {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.subscription != nil
}

// enqueue queues a line for the writer without waiting; false means the queue is full.
func (c *conn) enqueue(line []byte) bool {
	n := int64(len(line))
	if c.queued.Add(n) > queueBytes {
		c.queued.Add(-n)
		return false
	}
	select {
	case c.out <- line:
		return true
	default:
		c.queued.Add(-n)
		return false
	}
}

func (c *conn) sendReply(r Reply) {
	if !c.enqueue(encodeReply(r)) {
		c.drop("it stopped reading its replies")
	}
}

// hangUp closes the connection once the lines queued so far are written.
func (c *conn) hangUp() {
	if !c.enqueue(nil) {
		c.close()
	}
}

// drop closes a connection whose client fell a whole queue behind, and says so.
func (c *conn) drop(why string) {
	if c.close() {
		c.s.logf("ipc: dropped the client with pid %d: %s (its queue is full)", c.pid, why)
	}
}

// close closes the connection and reports whether this call did it.
func (c *conn) close() bool {
	closed := false
	c.once.Do(func() {
		close(c.done)
		c.c.Close()
		closed = true
	})
	return closed
}

// writeLoop writes queued lines until the connection closes or is hung up.
func (c *conn) writeLoop() {
	defer c.s.wg.Done()
	defer c.s.forget(c)
	defer c.close()
	var buf []byte
	for {
		var line []byte
		select {
		case line = <-c.out:
		case <-c.done:
			return
		}
		var hangUp bool
		buf, hangUp = gather(buf[:0], line, c.out)
		if len(buf) > 0 {
			if _, err := c.c.Write(buf); err != nil {
				return // the client went away, or Close's deadline passed
			}
			c.queued.Add(-int64(len(buf)))
		}
		if hangUp {
			return
		}
		if cap(buf) > writeBatch {
			buf = nil
		}
	}
}

// gather appends line and the lines queued behind it to buf, up to writeBatch bytes, so that a
// burst of events costs one write. It reports whether it met the hang-up mark.
func gather(buf, line []byte, queue chan []byte) ([]byte, bool) {
	for {
		if line == nil {
			return buf, true
		}
		buf = append(buf, line...)
		if len(buf) >= writeBatch {
			return buf, false
		}
		select {
		case line = <-queue:
		default:
			return buf, false
		}
	}
}
