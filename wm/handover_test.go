package wm

import (
	"encoding/json"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// seen is what a client window looks like from outside, and how many events it had.
type seen struct {
	parent  xproto.Window
	rect    layout.Rect
	visible bool
	events  int
}

func outside(c *xtest.Client) seen {
	return seen{parent: c.Parent(), rect: rect(c), visible: c.Viewable(), events: len(c.Events())}
}

// state is the model in its saved form.
func (e *env) state() string {
	var b []byte
	e.wm.Model(func(m *layout.Model) { b, _ = json.Marshal(m.Encode()) })
	return string(b)
}

// replacedBy starts a fion that replaces the one of e (as restart and fion --replace do), and
// waits until e's has left.
func (e *env) replacedBy() *env { return e.replacedByWith(Options{}) }

// replacedByWith is replacedBy with the new fion's opts.
func (e *env) replacedByWith(opts Options) *env {
	e.t.Helper()
	opts.Replace = true
	next := startOpts(e.t, e.srv, opts)
	select {
	case err := <-e.done:
		e.done <- err // for e's cleanup
		if err != nil {
			e.t.Fatalf("the replaced fion ended with %v", err)
		}
	case <-e.wm.done:
	}
	next.wm.Sync()
	return next
}

// still fails the test unless every client looks as it did and had no event that unmaps, maps,
// reparents, moves or resizes it.
func still(t *testing.T, what string, clients map[string]*xtest.Client, before map[string]seen) {
	t.Helper()
	for name, c := range clients {
		now := outside(c)
		b := before[name]
		if now.parent != b.parent || now.rect != b.rect || now.visible != b.visible {
			t.Errorf("%s: %s was in %#x at %+v, visible %v; now in %#x at %+v, visible %v", what, name,
				b.parent, b.rect, b.visible, now.parent, now.rect, now.visible)
		}
		for _, ev := range c.Events()[b.events:] {
			switch ev.(type) {
			case xproto.UnmapNotifyEvent, xproto.MapNotifyEvent, xproto.ReparentNotifyEvent, xproto.ConfigureNotifyEvent:
				t.Errorf("%s: %s got %s", what, name, describeEvent(ev))
			}
		}
	}
}

func describeEvent(ev xgb.Event) string { return fmt.Sprintf("%T %s", ev, ev) }

func snapshot(clients map[string]*xtest.Client) map[string]seen {
	out := map[string]seen{}
	for name, c := range clients {
		out[name] = outside(c)
	}
	return out
}

// A fion that replaces fion (restart, an upgrade, fion --replace) takes the windows over as they
// are: not one client window is unmapped, mapped, reparented, moved or resized, hidden tabs and
// hidden workspaces included, and the layout is the same, through two such handovers. The new
// fion then works the adopted frames as its own.
func TestAFionTakesTheWindowsOverAsTheyAre(t *testing.T) {
	a := start(t)
	clients := map[string]*xtest.Client{}
	clients["one"] = a.client("one")
	a.run("split right")
	clients["two"] = a.client("two")
	clients["three"] = a.client("three")
	clients["dialog"] = xtest.NewClient(t, a.srv.Display, xtest.ClientOpts{Title: "dialog", Width: 300, Height: 200,
		Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}, TransientFor: clients["three"].Win})
	xtest.Eventually(t, wait, func() (bool, string) { return clients["dialog"].Viewable(), "dialog not shown" })
	a.run("resize left 37")
	a.run("workspace 2")
	clients["four"] = a.client("four")
	a.run("split down")
	clients["five"] = a.client("five")
	a.run("fullscreen on")
	a.run("workspace 1")
	a.wm.Sync()
	want := a.state()
	before := snapshot(clients)

	b := a.replacedBy()
	if got := b.state(); got != want {
		t.Errorf("the layout changed in the handover:\n got %s\nwant %s", got, want)
	}
	still(t, "first handover", clients, before)

	c := b.replacedBy()
	if got := c.state(); got != want {
		t.Errorf("the layout changed in the second handover:\n got %s\nwant %s", got, want)
	}
	still(t, "second handover", clients, before)
	if !t.Failed() && c.stderr.String() != "" && !testing.Verbose() {
		t.Errorf("the new fion complained:\n%s", c.stderr.String())
	}

	// The frames are the new fion's: tabs switch in them, the focus moves, the fullscreen window
	// comes back, a new window lands in the focused tile, and a tile that goes takes its frame.
	c.run("focus left")
	c.waitFocus(clients["one"])
	c.run("focus right")
	c.run("tab prev")
	c.waitShown(clients["two"], rect(clients["two"]))
	c.waitHidden(clients["three"])
	c.run("workspace 2")
	full := layout.Rect{W: 1280, H: 800}
	c.waitShown(clients["five"], full)
	c.run("workspace 1")
	c.waitHidden(clients["five"])
	six := c.client("six")
	if six.Parent() != clients["two"].Parent() {
		t.Errorf("a new window went to %#x, not to the focused tile's frame %#x", six.Parent(), clients["two"].Parent())
	}
	oldFrame := clients["one"].Parent()
	c.run("focus left")
	c.run("remove-tile")
	xtest.Eventually(t, wait, func() (bool, string) {
		p := clients["one"].Parent()
		return p != oldFrame && p == clients["two"].Parent(), fmt.Sprintf("one in %#x, two in %#x", p, clients["two"].Parent())
	})
	if _, err := xproto.GetWindowAttributes(c.x, oldFrame).Reply(); err == nil {
		t.Errorf("the frame %#x of the removed tile is still there", oldFrame)
	}
}

// When the last fion lets go for good (stopped, or replaced by another window manager), every
// window goes back to the root and shows, the frames it adopted included, and none of the frames
// an earlier fion left stays behind.
func TestAdoptedFramesGoWhenFionLeaves(t *testing.T) {
	a := start(t)
	one := a.client("one")
	a.run("split right")
	two := a.client("two")
	b := a.replacedBy()
	frames := []xproto.Window{one.Parent(), two.Parent()}
	b.stop <- syscall.SIGTERM
	if err := <-b.done; err != nil {
		t.Fatal(err)
	}
	b.done <- nil
	for _, c := range []*xtest.Client{one, two} {
		xtest.Eventually(t, wait, func() (bool, string) {
			return c.Parent() == c.Root && c.Viewable(), fmt.Sprintf("%#x in %#x, viewable %v", c.Win, c.Parent(), c.Viewable())
		})
	}
	for _, f := range frames {
		if _, err := xproto.GetWindowAttributes(a.x, f).Reply(); err == nil {
			t.Errorf("frame %#x is still there", f)
		}
	}
}

// watch records, from a connection of the test's own, the structure events of windows that real
// programs own: what a program would see if fion moved its window.
type watch struct {
	log  *xtest.EventLog
	wins map[xproto.Window]string
}

func (e *env) watch(clients map[string]*xtest.Client) *watch {
	e.t.Helper()
	conn := xtest.Conn(e.t, e.srv.Display)
	w := &watch{log: xtest.RecordEvents(conn), wins: map[xproto.Window]string{}}
	for name, c := range clients {
		w.wins[c.Win] = name
		if err := xproto.ChangeWindowAttributesChecked(conn, c.Win, xproto.CwEventMask,
			[]uint32{xproto.EventMaskStructureNotify}).Check(); err != nil {
			e.t.Fatal(err)
		}
	}
	return w
}

// moves lists the events that unmapped, mapped, reparented, moved or resized a watched window.
func (w *watch) moves() []string {
	var out []string
	for _, ev := range w.log.All() {
		switch ev := ev.(type) {
		case xproto.UnmapNotifyEvent:
			out = append(out, fmt.Sprintf("%s unmapped", w.wins[ev.Window]))
		case xproto.MapNotifyEvent:
			out = append(out, fmt.Sprintf("%s mapped", w.wins[ev.Window]))
		case xproto.ReparentNotifyEvent:
			out = append(out, fmt.Sprintf("%s reparented to %#x", w.wins[ev.Window], ev.Parent))
		case xproto.ConfigureNotifyEvent:
			out = append(out, fmt.Sprintf("%s configured to %dx%d+%d+%d", w.wins[ev.Window], ev.Width, ev.Height, ev.X, ev.Y))
		}
	}
	return out
}

// Real programs through a restart: xclock and xeyes in tiles, a zenity dialog floating over
// xclock, xmessage a hidden tab; polybar, a dock reading fion's desktops. None of their windows
// is touched, and polybar goes on showing the desktops of the new fion.
func TestRealProgramsThroughARestart(t *testing.T) {
	e := start(t)
	bar := e.polybar("")
	clients := map[string]*xtest.Client{}
	clients["xclock"] = e.program("xclock", "XClock", "xclock")
	e.run("split right")
	clients["xmessage"] = e.program("xmessage", "Xmessage", "xmessage", "fion")
	clients["xeyes"] = e.program("xeyes", "XEyes", "xeyes")
	clients["zenity"] = e.program("zenity", "Zenity", "zenity", "--info", "--text", "fion", fmt.Sprintf("--attach=%d", clients["xclock"].Win))
	e.waitLayout("H[T[xclock*] >T[xmessage xeyes*]]")
	e.waitPolybar(bar, "[screen:1] screen:2 screen:3 screen:4")
	want := e.state()
	w := e.watch(clients)
	e.wm.Sync()

	next := e.replacedBy()
	if got := next.state(); got != want {
		t.Errorf("the layout changed in the restart:\n got %s\nwant %s", got, want)
	}
	next.wm.Sync()
	if moves := w.moves(); len(moves) > 0 {
		t.Errorf("the restart touched the programs' windows: %s", strings.Join(moves, "; "))
	}
	next.run("workspace 2")
	next.waitPolybar(bar, "screen:1 [screen:2] screen:3 screen:4")
	next.waitHidden(clients["xclock"])
	next.run("workspace 1")
	next.waitShown(clients["xclock"], next.placement(clients["xclock"]).Client)
}
