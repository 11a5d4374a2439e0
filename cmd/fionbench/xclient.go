package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xproto"
)

// errLate is what a wait that ran out of time wraps.
var errLate = errors.New("no answer in time")

// mapTimeout bounds how long one window may wait for its MapNotify. A WM
// that takes longer is not slow, it is broken, and the run is abandoned.
const mapTimeout = 5 * time.Second

// client is the bench's single X connection: it plays every application
// whose windows the WM manages, and watches the root window.
type client struct {
	conn   *xgb.Conn
	screen *xproto.ScreenInfo
	// mapped delivers, in order, the MapNotify events of the client's
	// windows and the X errors its requests caused, each stamped with the
	// moment the connection read it.
	mapped chan mapEvent
	done   chan struct{}
	// damages counts the DamageNotify events of the damage objects the client made (watchDrawing),
	// and lastDamage is when the newest came off the connection (Unix nanoseconds).
	damages, lastDamage atomic.Int64
}

// mapEvent is one MapNotify on a window the client made, or an X error.
type mapEvent struct {
	win xproto.Window
	at  time.Time
	err error
}

// dial connects to display and starts reading its events.
func dial(display string) (*client, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connecting to X display %s: %w", display, err)
	}
	c := &client{
		conn:   conn,
		screen: xproto.Setup(conn).DefaultScreen(conn),
		mapped: make(chan mapEvent, 64),
		done:   make(chan struct{}),
	}
	go c.readEvents()
	return c, nil
}

// close ends the connection and its event reader.
func (c *client) close() {
	close(c.done)
	c.conn.Close()
}

// readEvents stamps each MapNotify the moment it comes off the connection,
// so the time the bench's own goroutines take to look at it is not counted.
func (c *client) readEvents() {
	for {
		ev, xerr := c.conn.WaitForEvent()
		if ev == nil && xerr == nil {
			return // connection closed
		}
		var me mapEvent
		switch {
		case xerr != nil:
			me = mapEvent{at: time.Now(), err: fmt.Errorf("a request of the bench's own failed with an X error: %v", xerr)}
		default:
			if _, ok := ev.(damage.NotifyEvent); ok {
				c.lastDamage.Store(time.Now().UnixNano())
				c.damages.Add(1)
				continue
			}
			m, ok := ev.(xproto.MapNotifyEvent)
			if !ok || m.Event != m.Window {
				continue // only the StructureNotify copy on the window itself
			}
			me = mapEvent{win: m.Window, at: time.Now()}
		}
		select {
		case c.mapped <- me:
		case <-c.done:
			return
		}
	}
}

// managing reports whether some client has selected SubstructureRedirect on
// the root window, which is what makes it the WM: from then on every
// MapWindow of the bench becomes a MapRequest to it. The server's union of
// all clients' event masks shows that without the bench taking the
// selection itself, which would race with the WM starting up.
func (c *client) managing() (bool, error) {
	attrs, err := xproto.GetWindowAttributes(c.conn, c.screen.Root).Reply()
	if err != nil {
		return false, fmt.Errorf("reading the root window's attributes: %w", err)
	}
	return attrs.AllEventMasks&xproto.EventMaskSubstructureRedirect != 0, nil
}

// newWindow creates an unmapped 400x300 top-level window with WM_NAME title
// and the bench's WM_CLASS, selecting StructureNotify on it so its
// MapNotify reaches the client. It returns once the server has processed
// all of that, so none of it is counted in the map time.
func (c *client) newWindow(title string) (xproto.Window, error) {
	win, err := xproto.NewWindowId(c.conn)
	if err != nil {
		return 0, fmt.Errorf("allocating a window id: %w", err)
	}
	err = xproto.CreateWindowChecked(c.conn, c.screen.RootDepth, win, c.screen.Root,
		0, 0, 400, 300, 0, xproto.WindowClassInputOutput, c.screen.RootVisual,
		xproto.CwBackPixel|xproto.CwEventMask,
		[]uint32{c.screen.WhitePixel, xproto.EventMaskStructureNotify}).Check()
	if err != nil {
		return 0, fmt.Errorf("creating window %q: %w", title, err)
	}
	props := []struct {
		name  xproto.Atom
		value string
	}{
		{xproto.AtomWmName, title},
		{xproto.AtomWmClass, "fionbench\x00FionBench\x00"},
	}
	for _, p := range props {
		err := xproto.ChangePropertyChecked(c.conn, xproto.PropModeReplace, win, p.name,
			xproto.AtomString, 8, uint32(len(p.value)), []byte(p.value)).Check()
		if err != nil {
			return 0, fmt.Errorf("setting a property of window %q: %w", title, err)
		}
	}
	return win, nil
}

// mapAndWait maps win and returns the time from the MapWindow request to the
// MapNotify on win, which arrives once the WM has handled the MapRequest and
// mapped the window. It gives up after mapTimeout, when ctx ends, or when
// wmExited is closed.
func (c *client) mapAndWait(ctx context.Context, win xproto.Window, wmExited <-chan struct{}) (time.Duration, error) {
	return c.mapAndWaitFor(ctx, win, wmExited, mapTimeout)
}

// mapAndWaitFor is mapAndWait giving up after limit.
func (c *client) mapAndWaitFor(ctx context.Context, win xproto.Window, wmExited <-chan struct{}, limit time.Duration) (time.Duration, error) {
	timeout := time.NewTimer(limit)
	defer timeout.Stop()
	start := time.Now()
	xproto.MapWindow(c.conn, win)
	for {
		select {
		case ev := <-c.mapped:
			if ev.err != nil {
				return 0, ev.err
			}
			if ev.win == win {
				return ev.at.Sub(start), nil
			}
		case <-timeout.C:
			return 0, fmt.Errorf("no MapNotify within %v: the WM did not map the window: %w", limit, errLate)
		case <-wmExited:
			return 0, errors.New("the WM exited while the bench was mapping windows")
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// mapWindows maps n windows one after another, each only once the previous
// one is mapped, and returns each one's map time in milliseconds.
func (c *client) mapWindows(ctx context.Context, n int, wmExited <-chan struct{}) ([]float64, error) {
	samples := make([]float64, 0, n)
	for i := 1; i <= n; i++ {
		title := fmt.Sprintf("bench %d", i)
		win, err := c.newWindow(title)
		if err != nil {
			return samples, err
		}
		d, err := c.mapAndWait(ctx, win, wmExited)
		if err != nil {
			return samples, fmt.Errorf("window %q: %w", title, err)
		}
		samples = append(samples, float64(d.Nanoseconds())/1e6)
	}
	return samples, nil
}

// atom interns name.
func (c *client) atom(name string) (xproto.Atom, error) {
	r, err := xproto.InternAtom(c.conn, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, fmt.Errorf("interning %s: %w", name, err)
	}
	return r.Atom, nil
}

// titleAtoms are the atoms a title is set with: _NET_WM_NAME and its type UTF8_STRING.
type titleAtoms struct{ netName, utf8 xproto.Atom }

func (c *client) titleAtoms() (titleAtoms, error) {
	var a titleAtoms
	var err error
	if a.netName, err = c.atom("_NET_WM_NAME"); err != nil {
		return a, err
	}
	a.utf8, err = c.atom("UTF8_STRING")
	return a, err
}

// setTitle sets both titles of win, _NET_WM_NAME and WM_NAME, as a program retitling its window
// does; nothing waits for the server.
func (c *client) setTitle(win xproto.Window, a titleAtoms, title string) {
	xproto.ChangeProperty(c.conn, xproto.PropModeReplace, win, a.netName, a.utf8, 8, uint32(len(title)), []byte(title))
	xproto.ChangeProperty(c.conn, xproto.PropModeReplace, win, xproto.AtomWmName, xproto.AtomString, 8, uint32(len(title)), []byte(title))
}

// tree is win's parent and children.
func (c *client) tree(win xproto.Window) (parent xproto.Window, children []xproto.Window, err error) {
	r, err := xproto.QueryTree(c.conn, win).Reply()
	if err != nil {
		return 0, nil, fmt.Errorf("querying the window tree at %#x: %w", win, err)
	}
	return r.Parent, r.Children, nil
}

// watchDrawing has the server report every drawing into win (DAMAGE, raw rectangles), which
// readEvents counts in damages and stamps in lastDamage.
func (c *client) watchDrawing(win xproto.Window) error {
	if err := damage.Init(c.conn); err != nil {
		return fmt.Errorf("the X server has no DAMAGE extension: %w", err)
	}
	if _, err := damage.QueryVersion(c.conn, 1, 1).Reply(); err != nil {
		return fmt.Errorf("DAMAGE version: %w", err)
	}
	id, err := damage.NewDamageId(c.conn)
	if err != nil {
		return err
	}
	if err := damage.CreateChecked(c.conn, id, xproto.Drawable(win), damage.ReportLevelRawRectangles).Check(); err != nil {
		return fmt.Errorf("watching the drawing into %#x: %w", win, err)
	}
	return nil
}

// rootProperty reads the whole of the root window's property name: its bytes, nil when it is not
// set.
func (c *client) rootProperty(name string) ([]byte, error) {
	a, err := c.atom(name)
	if err != nil {
		return nil, err
	}
	r, err := xproto.GetProperty(c.conn, false, c.screen.Root, a, xproto.GetPropertyTypeAny, 0, 1<<28).Reply()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if r.Type == xproto.AtomNone {
		return nil, nil
	}
	return r.Value, nil
}
