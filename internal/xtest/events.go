package xtest

import (
	"fmt"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// EventLog records everything a connection receives, so tests can wait for
// an event that may already have arrived. Each event is handed to at most
// one waiter ("taken"), so two waits for the same kind see two events.
type EventLog struct {
	mu      sync.Mutex
	events  []xgb.Event
	taken   []bool
	errs    []xgb.Error
	closed  bool
	changed chan struct{} // closed and replaced whenever the log changes
}

// RecordEvents starts reading the events and errors of conn into a new log
// until conn is closed. Nothing else may read events from conn afterwards.
func RecordEvents(conn *xgb.Conn) *EventLog {
	l := &EventLog{changed: make(chan struct{})}
	go l.record(conn)
	return l
}

func (l *EventLog) record(conn *xgb.Conn) {
	for {
		ev, err := conn.WaitForEvent()
		if ev == nil && err == nil {
			l.update(func() { l.closed = true })
			return
		}
		l.update(func() {
			if ev != nil {
				l.events = append(l.events, ev)
				l.taken = append(l.taken, false)
			}
			if err != nil {
				l.errs = append(l.errs, err)
			}
		})
	}
}

// update changes the log under its lock and wakes the waiters.
func (l *EventLog) update(change func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	change()
	close(l.changed)
	l.changed = make(chan struct{})
}

// Wait waits up to d for an event matching match that no earlier Wait
// returned, and marks it taken.
func (l *EventLog) Wait(d time.Duration, match func(xgb.Event) bool) (xgb.Event, error) {
	timeout := time.NewTimer(d)
	defer timeout.Stop()
	for {
		l.mu.Lock()
		for i, ev := range l.events {
			if !l.taken[i] && match(ev) {
				l.taken[i] = true
				l.mu.Unlock()
				return ev, nil
			}
		}
		closed, changed, seen := l.closed, l.changed, len(l.events)
		l.mu.Unlock()
		if closed {
			return nil, fmt.Errorf("connection closed; %d events seen, none matched", seen)
		}
		select {
		case <-changed:
		case <-timeout.C:
			return nil, fmt.Errorf("no matching event after %v; %d events seen: %s", d, seen, l.summary())
		}
	}
}

// summary names the last few events, for timeout messages.
func (l *EventLog) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	const last = 8
	from := max(0, len(l.events)-last)
	s := ""
	for _, ev := range l.events[from:] {
		s += fmt.Sprintf("[%T] ", ev)
	}
	return s
}

// All returns every event recorded so far, taken or not.
func (l *EventLog) All() []xgb.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]xgb.Event(nil), l.events...)
}

// Errors returns the X errors of unchecked requests recorded so far.
func (l *EventLog) Errors() []xgb.Error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]xgb.Error(nil), l.errs...)
}

// Events returns every event the client's connection has received so far.
func (c *Client) Events() []xgb.Event { return c.events.All() }

// Errors returns the X errors of unchecked requests on the client's
// connection, such as those of a window manager acting on a dead window.
func (c *Client) Errors() []xgb.Error { return c.events.Errors() }

// WaitEvent waits up to d for an event matching match that no earlier wait
// on this client returned.
func (c *Client) WaitEvent(d time.Duration, match func(xgb.Event) bool) (xgb.Event, error) {
	return c.events.Wait(d, match)
}

// WaitMapNotify waits up to d for a MapNotify of the client's window.
func (c *Client) WaitMapNotify(d time.Duration) error {
	_, err := c.WaitEvent(d, func(ev xgb.Event) bool {
		m, ok := ev.(xproto.MapNotifyEvent)
		return ok && m.Window == c.Win
	})
	if err != nil {
		return fmt.Errorf("window %d never mapped: %w", c.Win, err)
	}
	return nil
}

// WaitUnmapNotify waits up to d for an UnmapNotify of the client's window.
func (c *Client) WaitUnmapNotify(d time.Duration) error {
	_, err := c.WaitEvent(d, func(ev xgb.Event) bool {
		m, ok := ev.(xproto.UnmapNotifyEvent)
		return ok && m.Window == c.Win
	})
	if err != nil {
		return fmt.Errorf("window %d never unmapped: %w", c.Win, err)
	}
	return nil
}

// Message is a ClientMessage the client received. For WM_PROTOCOLS messages
// Protocol is the protocol's name (WM_DELETE_WINDOW, WM_TAKE_FOCUS) and Time
// its timestamp.
type Message struct {
	Type     string
	Protocol string
	Time     xproto.Timestamp
	Data     [5]uint32
}

// Messages returns every ClientMessage received so far, oldest first.
func (c *Client) Messages() []Message {
	c.t.Helper()
	var out []Message
	for _, ev := range c.events.All() {
		if m, ok := ev.(xproto.ClientMessageEvent); ok && m.Format == 32 {
			out = append(out, c.decodeMessage(m))
		}
	}
	return out
}

// WaitMessage waits up to d for a ClientMessage not returned before whose
// Protocol (for WM_PROTOCOLS) or else Type is name.
func (c *Client) WaitMessage(d time.Duration, name string) (Message, error) {
	c.t.Helper()
	want := c.atom(name)
	protocols := c.atom("WM_PROTOCOLS")
	ev, err := c.WaitEvent(d, func(ev xgb.Event) bool {
		m, ok := ev.(xproto.ClientMessageEvent)
		if !ok || m.Format != 32 {
			return false
		}
		if m.Type == protocols {
			return xproto.Atom(m.Data.Data32[0]) == want
		}
		return m.Type == want
	})
	if err != nil {
		return Message{}, fmt.Errorf("window %d got no %s message: %w", c.Win, name, err)
	}
	return c.decodeMessage(ev.(xproto.ClientMessageEvent)), nil
}

func (c *Client) decodeMessage(m xproto.ClientMessageEvent) Message {
	var msg Message
	copy(msg.Data[:], m.Data.Data32)
	msg.Type = c.atomName(m.Type)
	if msg.Type == "WM_PROTOCOLS" {
		msg.Protocol = c.atomName(xproto.Atom(msg.Data[0]))
		msg.Time = xproto.Timestamp(msg.Data[1])
	}
	return msg
}

func (c *Client) atomName(a xproto.Atom) string {
	r, err := xproto.GetAtomName(c.Conn, a).Reply()
	if err != nil {
		return fmt.Sprintf("atom#%d", a)
	}
	return r.Name
}
