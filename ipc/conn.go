package ipc

import (
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// An idle connection must cost little: a script may keep one open all day, and anyone on the
// socket may open hundreds (see limits.go). So a connection has one goroutine, its reader, which
// waits for input without holding a buffer; a writer goroutine runs only while lines wait to be
// written, and the queue is a slice that is nil when empty.

// readSize is how much a reader takes from the socket at a time, into a buffer it holds only
// while it reads.
const readSize = 4096

// readBuffers are the buffers readers read into; one per connection reading at the moment.
var readBuffers = sync.Pool{New: func() any { b := make([]byte, readSize); return &b }}

// writeBatch is how many queued bytes a connection writes in one system call, at most (a longer
// line is written on its own).
const writeBatch = 64 << 10

// conn is one client connection. Its reader goroutine parses requests and calls the Handler; a
// writer goroutine, started when a line is queued, writes the queue out and ends when it is
// empty. Everyone else only queues.
type conn struct {
	s    *Server
	c    *net.UnixConn
	pid  int    // the client's process (0: unknown), for the limits and the log
	n    uint64 // the order it came in: the oldest connection has the smallest
	peek [1]byte

	// Guarded by s.mu.
	queue        [][]byte // lines to write, each ending in '\n'
	queued       int      // bytes of the lines in queue or being written
	partial      int      // bytes of a request read but not finished (the reader's own count)
	writing      bool     // a writer goroutine runs
	serving      bool     // the Handler is answering a request of its
	hangingUp    bool     // close the connection once the queue is written
	closed       bool
	subscription []string // nil until the client subscribes
}

// readLoop reads requests and answers them until the client hangs up or the connection closes.
func (c *conn) readLoop() {
	raw, err := c.c.SyscallConn()
	if err != nil {
		c.hangUp()
		return
	}
	var line []byte // a request not finished yet; nil when there is none
	for {
		if err := raw.Read(c.readable); err != nil {
			c.hangUp()
			return
		}
		buf := readBuffers.Get().(*[]byte)
		n, err := c.c.Read(*buf)
		line, err = c.take(line, (*buf)[:n], err)
		readBuffers.Put(buf)
		if err == nil {
			continue
		}
		// A subscriber that has sent all it had to (`echo '...' | socat ...`) still wants its
		// events; anything else, half a line included, is hung up on.
		if errors.Is(err, io.EOF) && len(line) == 0 && c.subscribed() {
			return
		}
		c.hangUp()
		return
	}
}

// readable tells raw.Read whether there is something to read (or an end or an error to see), by
// peeking at one byte without taking it; false makes raw.Read wait for the socket.
func (c *conn) readable(fd uintptr) bool {
	_, _, err := unix.Recvfrom(int(fd), c.peek[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
	return !errors.Is(err, syscall.EAGAIN)
}

// take answers the requests that line (the unfinished request so far) and data complete, and
// returns what is left unfinished, copied out of data. readErr is the error of the read that
// gave data; take returns it, or its own when the client sent too much.
func (c *conn) take(line, data []byte, readErr error) ([]byte, error) {
	for {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			break
		}
		request := data[:end]
		if line != nil {
			line = append(line, request...)
			request = line
		}
		if len(request) > MaxRequest {
			return nil, c.tooLong()
		}
		c.serve(request)
		line, data = nil, data[end+1:]
	}
	if len(data) > 0 {
		if len(line)+len(data) > MaxRequest {
			return nil, c.tooLong()
		}
		line = append(line, data...)
	}
	if !c.holdPartial(len(line)) {
		return nil, errDropped
	}
	return line, readErr
}

// errDropped ends the reader of a connection that was dropped.
var errDropped = errors.New("dropped")

// tooLong answers a request longer than MaxRequest and hangs up; the rest is not read.
func (c *conn) tooLong() error {
	err := &LineTooLongError{MaxRequest}
	c.sendReply(Reply{V: Version, Error: "bad request: " + err.Error()})
	return err
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
		c.s.mu.Lock()
		c.serving = true
		c.s.busyLocked(1)
		c.s.mu.Unlock()
		r := c.s.call(req)
		line := encodeReply(r)
		c.s.mu.Lock()
		defer c.s.unlock()
		c.enqueueLocked(line, "it stopped reading its replies")
		c.serving = false
		c.s.busyLocked(-1)
		if c.hangingUp && !c.writing {
			c.closeLocked() // Close came while the Handler answered, and there was nothing to write
		}
	}
}

// subscribe sets the connection's subscription (replacing an earlier one) and queues the reply.
func (c *conn) subscribe(req Request) {
	result, _ := marshal(map[string][]string{"subscribed": req.Events})
	line := encodeReply(Reply{V: Version, ID: req.ID, OK: true, Result: result})
	c.s.mu.Lock()
	defer c.s.unlock()
	// Under Publish's lock: an event published after the subscription cannot overtake the reply.
	c.subscription = req.Events
	c.enqueueLocked(line, "it stopped reading its replies")
}

func (c *conn) subscribed() bool {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.subscription != nil
}

func (c *conn) sendReply(r Reply) {
	line := encodeReply(r)
	c.s.mu.Lock()
	defer c.s.unlock()
	c.enqueueLocked(line, "it stopped reading its replies")
}

// enqueueLocked queues a line for the writer, starting one if none runs. A client whose queue is
// full, or that holds the most when fion holds all it may for its clients, has stopped reading:
// it is dropped, with why in the log. The caller holds s.mu.
func (c *conn) enqueueLocked(line []byte, why string) {
	if c.closed {
		return
	}
	// A line always fits in an empty queue: a big answer still reaches a client that reads.
	if len(c.queue) >= queueLen || (c.queued > 0 && c.queued+len(line) > queueBytes) {
		c.dropLocked(why + " (its queue is full)")
		return
	}
	if !c.s.makeRoomLocked(c, len(line)) {
		return
	}
	c.queue = append(c.queue, line)
	c.queued += len(line)
	c.s.held += len(line)
	if !c.writing {
		c.writing = true
		c.s.busyLocked(1)
		// Close waits for the writers started before it; a reply's writer after it counts only as
		// busy (see Wait).
		counted := !c.s.closed
		if counted {
			c.s.wg.Add(1)
		}
		go c.writeLoop(counted)
	}
}

// holdPartial records that the reader holds n bytes of an unfinished request; false when that
// got the connection dropped (see makeRoomLocked).
func (c *conn) holdPartial(n int) bool {
	c.s.mu.Lock()
	defer c.s.unlock()
	if c.closed {
		return false
	}
	if n > c.partial && !c.s.makeRoomLocked(c, n-c.partial) {
		return false
	}
	c.s.held += n - c.partial
	c.partial = n
	return true
}

// hangUp closes the connection once the lines queued so far are written.
func (c *conn) hangUp() {
	c.s.mu.Lock()
	defer c.s.unlock()
	c.hangUpLocked()
}

func (c *conn) hangUpLocked() {
	c.hangingUp = true
	if !c.writing && !c.serving {
		c.closeLocked()
	}
}

// dropLocked closes a connection at once, and says so in the log.
func (c *conn) dropLocked(why string) {
	if !c.closed {
		c.s.logLocked("ipc: dropped the client with pid %d: %s", c.pid, why)
		c.closeLocked()
	}
}

// closeLocked closes the connection and gives back what it held: its place among the
// connections and its bytes. Its reader and writer end on their own.
func (c *conn) closeLocked() {
	if c.closed {
		return
	}
	c.closed = true
	c.c.Close()
	s := c.s
	delete(s.conns, c)
	if s.procs[c.pid]--; s.procs[c.pid] == 0 {
		delete(s.procs, c.pid)
	}
	s.held -= c.queued + c.partial
	c.queue, c.queued, c.partial = nil, 0, 0
}

// writeLoop writes queued lines until the queue is empty, then ends (closing the connection if
// it was hung up).
func (c *conn) writeLoop(counted bool) {
	if counted {
		defer c.s.wg.Done()
	}
	var batch []byte
	for {
		c.s.mu.Lock()
		if c.closed || len(c.queue) == 0 {
			c.writing = false
			c.s.busyLocked(-1)
			if c.hangingUp && !c.serving {
				c.closeLocked()
			}
			c.s.unlock()
			return
		}
		var out []byte
		out, batch = c.nextWriteLocked(batch[:0])
		c.s.mu.Unlock()
		_, err := c.c.Write(out)
		c.s.mu.Lock()
		if err != nil {
			c.closeLocked() // the client went away, or Close's deadline passed
		} else if !c.closed {
			c.queued -= len(out)
			c.s.held -= len(out)
		}
		c.s.mu.Unlock()
		if cap(batch) > writeBatch {
			batch = nil
		}
	}
}

// nextWriteLocked takes what to write next off the queue: a long line on its own, else the lines
// that fit in one batch, gathered into batch so that a burst of events costs one write.
func (c *conn) nextWriteLocked(batch []byte) (out, newBatch []byte) {
	if first := c.queue[0]; len(first) >= writeBatch {
		c.popLocked()
		return first, batch
	}
	for len(c.queue) > 0 && len(batch)+len(c.queue[0]) <= writeBatch {
		batch = append(batch, c.queue[0]...)
		c.popLocked()
	}
	return batch, batch
}

// popLocked takes the first line off the queue, letting go of the queue's storage once empty.
func (c *conn) popLocked() {
	c.queue[0] = nil
	c.queue = c.queue[1:]
	if len(c.queue) == 0 {
		c.queue = nil
	}
}
