package ipc

import (
	"fmt"
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// Anyone who can reach the socket (the user's own programs, some of them buggy or hostile) must
// not be able to make fion hold without bound, nor keep fionctl out. Without limits, 24,000
// connections took fion to its file descriptor limit, and then fionctl could not connect and
// reload could not open the config file. So fion bounds:
//
//   - the connections of one process, with a reply that says so, then the connection closed;
//   - the connections in all: when they are all taken, a newcomer takes the place of the oldest
//     connection of the process that has the most, if that is more than the newcomer's process
//     would have; else it is refused. One process, or a few, can never keep fionctl out;
//   - the bytes fion holds for all its clients (lines queued and requests half read): past the
//     limit the client that holds the most is dropped, as one that stops reading is.
//
// Refusals are logged at most once a second of each kind, so that a loop of connections does not
// fill the log.

// limits bound what the socket's clients can make fion hold.
type limits struct {
	conns           int // connections at once
	connsPerProcess int // connections at once from one process
	held            int // bytes held for all the clients: lines queued, requests half read
}

var defaultLimits = limits{conns: 256, connsPerProcess: 32, held: 64 << 20}

// queueLen is how many lines (replies and events) may wait for one client, and queueBytes how
// many bytes, besides the first line. A client further behind than either has stopped reading
// and is dropped: fion's loop must never wait for it, and a client that asks for the tree
// without reading the answers must not make fion hold gigabytes.
const (
	queueLen   = 1024
	queueBytes = 8 << 20
)

// The kinds of refusals, each logged at most once a second.
const (
	otherUser = iota // a connection from another user
	overLimit        // a connection past a limit
	evicted          // a connection closed to let another in
	refusalKinds
)

// refusalLog is when a refusal of one kind was last logged and how many were not logged since.
type refusalLog struct {
	last    time.Time
	skipped int
}

// logRefusalLocked logs a refused or closed connection, at most once a second for each kind.
// The caller holds s.mu.
func (s *Server) logRefusalLocked(kind int, format string, args ...any) {
	now := time.Now()
	r := &s.refusals[kind]
	if now.Sub(r.last) < time.Second {
		r.skipped++
		return
	}
	line := fmt.Sprintf(format, args...)
	if r.skipped > 0 {
		line += fmt.Sprintf(" (%d more refused since the last line like this)", r.skipped)
	}
	r.last, r.skipped = now, 0
	s.logLocked("ipc: %s", line)
}

// admitLocked decides whether a new connection from process pid may be served, closing the
// oldest connection of the process with the most when all are taken (see above). When not, why
// says so, for the client and the log. The caller holds s.mu.
func (s *Server) admitLocked(pid int) (why string, ok bool) {
	lim := s.limits
	if pid != 0 && s.procs[pid] >= lim.connsPerProcess {
		return fmt.Sprintf("too many connections: this process (pid %d) has %d connections to fion, the most one process may have; close some",
			pid, s.procs[pid]), false
	}
	if len(s.conns) < lim.conns {
		return "", true
	}
	most, count := 0, 0
	for p, n := range s.procs {
		if n > count || (n == count && p < most) { // the smaller pid on a tie: the same choice every time
			most, count = p, n
		}
	}
	if count <= s.procs[pid]+1 {
		return fmt.Sprintf("too many connections: fion has %d, the most it takes, and this process (pid %d) would have as many as any other; close some",
			len(s.conns), pid), false
	}
	var oldest *conn
	for c := range s.conns {
		if c.pid == most && (oldest == nil || c.n < oldest.n) {
			oldest = c
		}
	}
	s.logRefusalLocked(evicted, "closed the oldest connection of pid %d, which had %d of the %d connections fion takes, to let pid %d in",
		most, count, lim.conns, pid)
	if !oldest.writing && len(oldest.queue) == 0 { // else the notice would cut into a line
		notify(oldest.c, fmt.Sprintf("fion closed this connection to let another process in: it takes %d connections and this process (pid %d) had the most (%d)",
			lim.conns, most, count))
	}
	oldest.closeLocked()
	return "", true
}

// refuseLocked tells a client why its connection is refused and closes it. The caller holds s.mu.
func (s *Server) refuseLocked(nc *net.UnixConn, kind int, logLine, why string) {
	s.logRefusalLocked(kind, "%s", logLine)
	notify(nc, why)
	nc.Close()
}

// notify sends a client an error reply with id 0, in one write that does not wait: the accept
// loop and the lock must not wait for a client. A new connection takes it whole; one that left
// its earlier replies unread may miss it.
func notify(nc *net.UnixConn, why string) {
	line := encodeReply(Reply{V: Version, Error: why})
	raw, err := nc.SyscallConn()
	if err != nil {
		return
	}
	raw.Write(func(fd uintptr) bool {
		unix.Write(int(fd), line)
		return true
	})
}

// makeRoomLocked makes room for n more bytes held for c: while fion would hold more than
// limits.held for its clients, the client that holds the most (counting n for c) is dropped.
// False when that was c. The caller holds s.mu.
func (s *Server) makeRoomLocked(c *conn, n int) bool {
	for s.held+n > s.limits.held {
		fattest, most := c, c.queued+c.partial+n
		for o := range s.conns {
			if h := o.queued + o.partial; h > most {
				fattest, most = o, h
			}
		}
		fattest.dropLocked(fmt.Sprintf("fion holds %d MiB for its clients, the most it may, and this one would hold the most of it (%d bytes)",
			s.limits.held>>20, most))
		if fattest == c {
			return false
		}
	}
	return true
}
