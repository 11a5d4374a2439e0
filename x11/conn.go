package x11

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

// Event is what the reader hands the window manager loop: an X event, or an X error (for an
// unchecked request that failed), never both.
type Event struct {
	Ev  xgb.Event
	Err xgb.Error
}

// Conn is FION's connection to the X server: the xgb connection, the root window, the atoms and
// the reader goroutine that drains every event into an unbounded queue, so that a loop waiting on
// a reply never blocks the server's stream of events (jezek/xgb issue 23).
type Conn struct {
	X       *xgb.Conn
	Display string
	Setup   *xproto.SetupInfo
	Screen  *xproto.ScreenInfo
	Root    xproto.Window
	atoms   map[string]xproto.Atom
	names   map[xproto.Atom]string
	wire    *wire

	mu     sync.Mutex
	queue  []Event
	closed bool
	ready  chan struct{}
}

// Connect opens the display ("" means $DISPLAY), installs the XID range function, interns FION's
// atoms and starts the reader.
func Connect(display string) (*Conn, error) {
	xc, wire, err := dial(display)
	if err != nil {
		return nil, err
	}
	c := &Conn{X: xc, Display: display, wire: wire, ready: make(chan struct{}, 1)}
	c.Setup = xproto.Setup(xc)
	c.Screen = xproto.Setup(xc).DefaultScreen(xc)
	c.Root = c.Screen.Root
	if err := UseXIDRanges(xc); err != nil {
		xc.Close()
		return nil, err
	}
	// Before any event is selected: initialising an extension writes tables the reader reads.
	// Either may be missing; Monitors then falls back.
	initExtension(xc, "RANDR", randr.Init)
	initExtension(xc, "XINERAMA", xinerama.Init)
	if err := c.internAtoms(); err != nil {
		xc.Close()
		return nil, err
	}
	go c.read()
	return c, nil
}

func (c *Conn) read() {
	for {
		ev, err := c.X.WaitForEvent()
		c.mu.Lock()
		if ev == nil && err == nil {
			c.closed = true
		} else {
			c.queue = append(c.queue, Event{ev, err})
		}
		closed := c.closed
		c.mu.Unlock()
		select {
		case c.ready <- struct{}{}:
		default:
		}
		if closed {
			return
		}
	}
}

// Ready is signalled when events are waiting (or the connection closed); call Events then.
func (c *Conn) Ready() <-chan struct{} { return c.ready }

// Events takes up to max queued events, oldest first; the rest wait for the next call. closed
// reports that the connection to the server is gone and every event was taken.
func (c *Conn) Events(max int) (evs []Event, closed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := min(len(c.queue), max)
	evs = slices.Clone(c.queue[:n])
	// The rest moves down: once per call, so a flood costs one copy of what waits per batch at
	// most, and the queue's array is reused rather than grown without end.
	c.queue = c.queue[:copy(c.queue, c.queue[n:])]
	if cap(c.queue) > 4096 && len(c.queue) < cap(c.queue)/4 {
		c.queue = slices.Clip(slices.Clone(c.queue)) // a flood is over: give its memory back
	}
	return evs, c.closed && len(evs) == 0
}

// Own reports whether id was made by this connection (it lies in the connection's resource id
// range): one of fion's own windows or pixmaps, whoever else asks.
func (c *Conn) Own(id xproto.Window) bool {
	return uint32(id)&^c.Setup.ResourceIdMask == c.Setup.ResourceIdBase
}

// Base is the resource id base of the client that made id: every window and pixmap one X client
// makes shares it.
func (c *Conn) Base(id uint32) uint32 { return id &^ c.Setup.ResourceIdMask }

// SelectionOwner is the window that owns WM_Sn, the window manager selection of fion's screen
// (0 when no window manager runs).
func (c *Conn) SelectionOwner() (xproto.Window, error) {
	r, err := xproto.GetSelectionOwner(c.X, c.Atom(fmt.Sprintf("WM_S%d", c.screenNumber()))).Reply()
	if err != nil {
		return 0, err
	}
	return r.Owner, nil
}

// Hold keeps the requests that have no reply in a buffer until Flush, to send them with one
// write: for a batch of the loop. A request with a reply sends them at once, before itself.
func (c *Conn) Hold() { c.wire.Hold() }

// Flush sends the requests Hold kept, and sends each request at once from then on. Call it
// before waiting for anything those requests cause (an event, another client seeing them).
func (c *Conn) Flush() { c.wire.Flush() }

// Ask sends the requests f makes with the batch's others, those that have replies included: a
// burst of new windows costs one write, not one per property. Call Send before waiting for any
// of their replies.
func (c *Conn) Ask(f func()) { c.wire.Early(f) }

// Send sends the requests held so far, and goes on holding.
func (c *Conn) Send() { c.wire.Send() }

// Close closes the connection.
func (c *Conn) Close() { c.X.Close() }

// Sync makes a round trip: every request sent before it has been processed by the server when it
// returns, and every event they caused is in the queue.
func (c *Conn) Sync() { xproto.GetInputFocus(c.X).Reply() }

// ErrOtherWM is returned by TakeOver when another window manager runs and replace is false;
// ErrNoLeave when it was asked to leave (replace) and did not.
var (
	ErrOtherWM = errors.New("another window manager is running")
	ErrNoLeave = errors.New("the running window manager did not leave")
)

// TakeOver makes FION the window manager of the default screen the ICCCM 2.8 way: it owns the
// WM_Sn selection with owner (a window of FION's) and selects SubstructureRedirect on the root. With
// replace it asks the current owner to leave and waits for it (up to wait); without, any other
// manager is an ErrOtherWM. rootMask is the event mask selected on the root.
func (c *Conn) TakeOver(owner xproto.Window, replace bool, wait time.Duration, rootMask uint32) error {
	sel := c.Atom(fmt.Sprintf("WM_S%d", c.screenNumber()))
	old, err := xproto.GetSelectionOwner(c.X, sel).Reply()
	if err != nil {
		return err
	}
	if old.Owner != 0 && !replace {
		return ErrOtherWM
	}
	if old.Owner != 0 {
		// Watch the old owner's window: ICCCM says it destroys it when it leaves.
		xproto.ChangeWindowAttributes(c.X, old.Owner, xproto.CwEventMask, []uint32{xproto.EventMaskStructureNotify})
	}
	t, err := c.Timestamp(owner)
	if err != nil {
		return err
	}
	xproto.SetSelectionOwner(c.X, owner, sel, t)
	got, err := xproto.GetSelectionOwner(c.X, sel).Reply()
	if err != nil {
		return err
	}
	if got.Owner != owner {
		return fmt.Errorf("could not own the %s selection", c.AtomName(sel))
	}
	deadline := time.Now().Add(wait)
	for {
		err := xproto.ChangeWindowAttributesChecked(c.X, c.Root, xproto.CwEventMask, []uint32{rootMask}).Check()
		if err == nil {
			break
		}
		if _, access := err.(xproto.AccessError); !access {
			return err
		}
		if !replace {
			return ErrOtherWM
		}
		if time.Now().After(deadline) {
			return ErrNoLeave
		}
		// The old manager is still shutting down; wait for its next event (its window being
		// destroyed) or a short while, whichever comes first.
		select {
		case <-c.ready:
			c.mu.Lock()
			c.queue = nil
			c.mu.Unlock()
		case <-time.After(20 * time.Millisecond):
		}
	}
	// Announce ourselves (ICCCM 2.8 MANAGER message).
	ev := xproto.ClientMessageEvent{
		Format: 32, Window: c.Root, Type: c.Atom("MANAGER"),
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(t), uint32(sel), uint32(owner), 0, 0}),
	}
	xproto.SendEvent(c.X, false, c.Root, xproto.EventMaskStructureNotify, string(ev.Bytes()))
	return nil
}

func (c *Conn) screenNumber() int {
	for i, s := range c.Setup.Roots {
		if s.Root == c.Root {
			return i
		}
	}
	return 0
}

// Timestamp gets a server timestamp by appending nothing to a property of win and reading the
// PropertyNotify that causes. win must have PropertyChange selected (FION's own windows do).
func (c *Conn) Timestamp(win xproto.Window) (xproto.Timestamp, error) {
	atom := c.Atom("_FION_TIMESTAMP")
	xproto.ChangeProperty(c.X, xproto.PropModeAppend, win, atom, xproto.AtomString, 8, 0, nil)
	c.wire.Send()
	deadline := time.After(2 * time.Second)
	for {
		c.mu.Lock()
		for i, e := range c.queue {
			if p, ok := e.Ev.(xproto.PropertyNotifyEvent); ok && p.Window == win && p.Atom == atom {
				c.queue = append(c.queue[:i:i], c.queue[i+1:]...)
				c.mu.Unlock()
				return p.Time, nil
			}
		}
		c.mu.Unlock()
		select {
		case <-c.ready:
		case <-deadline:
			return 0, errors.New("the X server sent no timestamp")
		}
	}
}
