package ipc

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

// Client is one connection to fion's socket, for fionctl and tests. It is not safe for use by
// several goroutines at once.
type Client struct {
	path   string
	conn   net.Conn
	r      *bufio.Reader
	buf    []byte
	lastID int64
	events []Event // events read while waiting for a reply, for Next
}

// ReplyError is a request fion refused or that failed: Message is the reply's error text, Index
// the failed command of a run batch (nil otherwise).
type ReplyError struct {
	Message string
	Index   *int
}

func (e *ReplyError) Error() string { return e.Message }

// message is any line the server sends: a reply or an event.
type message struct {
	V      int             `json:"v"`
	ID     int64           `json:"id"`
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result"`
	Error  string          `json:"error"`
	Index  *int            `json:"index"`
	Seq    uint64          `json:"seq"`
	Event  string          `json:"event"`
	Data   json.RawMessage `json:"data"`
}

// Dial connects to the fion listening at path. Its error names the path and what to check, and
// wraps the system's error (syscall.ENOENT, ECONNREFUSED, EACCES) for callers that say more.
func Dial(path string) (*Client, error) {
	conn, err := net.Dial("unix", path)
	if err != nil {
		return nil, dialError(path, err)
	}
	return &Client{path: path, conn: conn, r: bufio.NewReaderSize(conn, 4096)}, nil
}

func dialError(path string, err error) error {
	var why string
	switch {
	case errors.Is(err, syscall.ENOENT):
		why = "there is no socket there; is fion running on this display?"
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "nobody is listening (a fion that has quit left it); is fion running?"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		why = "permission denied; it belongs to another user"
	default:
		why = "is fion running?"
	}
	return fmt.Errorf("cannot connect to fion at %s: %s (set FION_SOCKET=/path/to/fion.sock to use another socket): %w", path, why, err)
}

// Do sends req (V defaults to Version) and reads lines until its reply: the one with req.ID, or
// an error the server sent with id 0 because it could not read the id. Events read meanwhile
// are kept for Next. The error is about the connection; a refused request is a reply with OK
// false.
func (c *Client) Do(req Request) (Reply, error) {
	if req.V == 0 {
		req.V = Version
	}
	line, err := marshal(req)
	if err != nil {
		return Reply{}, err
	}
	if len(line) > MaxRequest {
		return Reply{}, fmt.Errorf("the %s request is %d bytes long, over the protocol's 1 MiB line limit", req.Type, len(line))
	}
	if _, err := c.conn.Write(append(line, '\n')); err != nil {
		// fion may have hung up with a reason before the request arrived (it refuses another
		// user's connection at once): the reason is the better answer.
		if errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) {
			if reply, rerr := c.replyTo(req.ID); rerr == nil && !reply.OK {
				return reply, nil
			}
		}
		return Reply{}, fmt.Errorf("cannot send to fion at %s: %w", c.path, err)
	}
	return c.replyTo(req.ID)
}

// replyTo reads lines until the reply with id, or an error sent with id 0 (the server could not
// read the id, or refuses the connection), keeping the events it reads for Next.
func (c *Client) replyTo(id int64) (Reply, error) {
	for {
		m, err := c.read()
		if err != nil {
			return Reply{}, err
		}
		if m.Event != "" {
			c.events = append(c.events, m.event())
			continue
		}
		if m.ID == id || (m.ID == 0 && !m.OK) {
			return Reply{V: m.V, ID: m.ID, OK: m.OK, Result: m.Result, Error: m.Error, Index: m.Index}, nil
		}
	}
}

// read reads and decodes the next line from the server.
func (c *Client) read() (message, error) {
	line, err := ReadLine(c.r, c.buf, MaxReply)
	if errors.Is(err, io.EOF) {
		return message{}, fmt.Errorf("fion closed the connection on %s: %w", c.path, err)
	}
	if err != nil {
		return message{}, fmt.Errorf("cannot read from fion at %s: %w", c.path, err)
	}
	if cap(line) <= 64<<10 { // a 16 MiB answer's buffer goes with it
		c.buf = line
	}
	var m message
	if err := json.Unmarshal(line, &m); err != nil {
		return message{}, fmt.Errorf("fion at %s sent a line that is not a JSON object (%v); is it a fion socket?", c.path, err)
	}
	return m, nil
}

func (m message) event() Event {
	return Event{V: m.V, Seq: m.Seq, Event: m.Event, Data: m.Data}
}

// request sends a request of the given type with a fresh id and returns its result, or the
// reply's error as a *ReplyError.
func (c *Client) request(req Request) (json.RawMessage, error) {
	c.lastID++
	req.ID = c.lastID
	reply, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if !reply.OK {
		return nil, &ReplyError{Message: reply.Error, Index: reply.Index}
	}
	return reply.Result, nil
}

// Run runs commands in order; fion stops at the first that fails. The error is the reply's error
// text, a *ReplyError whose Index says which command failed.
func (c *Client) Run(commands ...string) error {
	_, err := c.request(Request{Type: "run", Commands: commands})
	return err
}

// Query returns the JSON value for what (one of Queries).
func (c *Client) Query(what string) (json.RawMessage, error) {
	return c.request(Request{Type: "query", What: what})
}

// Sync returns once fion has handled every X event and request queued before it.
func (c *Client) Sync() error {
	_, err := c.request(Request{Type: "sync"})
	return err
}

// Subscribe asks for events (names or prefixes; none means all); read them with Next.
func (c *Client) Subscribe(events ...string) error {
	_, err := c.request(Request{Type: "subscribe", Events: events})
	return err
}

// Next returns the next event, waiting for it. Replies read meanwhile are not waited for by
// anyone and are skipped. When fion closes the connection the error wraps io.EOF.
func (c *Client) Next() (Event, error) {
	if len(c.events) > 0 {
		e := c.events[0]
		c.events = c.events[1:]
		return e, nil
	}
	for {
		m, err := c.read()
		if err != nil {
			return Event{}, err
		}
		if m.Event != "" {
			return m.event(), nil
		}
		if m.ID == 0 && !m.OK {
			return Event{}, &ReplyError{Message: m.Error, Index: m.Index}
		}
	}
}

// SetDeadline bounds how long reads and writes on the connection may wait; the zero time takes
// the bound away.
func (c *Client) SetDeadline(t time.Time) error { return c.conn.SetDeadline(t) }

// Close closes the connection.
func (c *Client) Close() error {
	return c.conn.Close()
}
