package wm

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
	"github.com/fion-wm/fion/keys"
	"github.com/fion-wm/fion/layout"
)

const wait = 5 * time.Second

// env is one running fion, in this process, on a private X server, plus the test's own
// connection (the "user": XTEST keys and pointer, and looking at the screen).
type env struct {
	t       *testing.T
	srv     *xserver.Server
	wm      *WM
	x       *xgb.Conn
	root    xproto.Window
	stderr  *xtest.Buffer
	done    chan error
	stop    chan os.Signal
	mu      sync.Mutex
	sock    atomic.Pointer[ipc.Server] // the control socket, once a test opens it
	names   map[layout.ClientID]string
	clients map[string]*xtest.Client
}

// startOn runs fion with cfg (nil: the default config) on srv.
func startOn(t *testing.T, srv *xserver.Server, cfg *config.Config) *env {
	t.Helper()
	return startOpts(t, srv, Options{Config: cfg})
}

// startOpts runs fion with opts on srv: the display, stderr, publishing and verbosity are the
// harness's.
func startOpts(t *testing.T, srv *xserver.Server, opts Options) *env {
	t.Helper()
	if opts.Config == nil {
		opts.Config = config.Default()
	}
	e := &env{t: t, srv: srv, stderr: &xtest.Buffer{}, done: make(chan error, 1), stop: make(chan os.Signal, 1),
		names: map[layout.ClientID]string{}, clients: map[string]*xtest.Client{}}
	publish := func(event string, data any) {
		if s := e.sock.Load(); s != nil {
			s.Publish(event, data)
		}
	}
	opts.Display, opts.Stderr, opts.Verbose, opts.Publish, opts.Version = srv.Display, e.stderr, testing.Verbose(), publish, "test"
	w, err := New(opts)
	if err != nil {
		t.Fatalf("fion did not start: %v", err)
	}
	e.wm = w
	go func() { e.done <- w.Loop(e.stop) }()
	t.Cleanup(func() {
		e.stop <- syscall.SIGTERM
		select {
		case err := <-e.done:
			if err != nil {
				t.Errorf("fion ended with %v", err)
			}
		case <-time.After(wait):
			t.Errorf("fion did not stop on SIGTERM")
		}
		if t.Failed() {
			t.Logf("fion's stderr:\n%s", e.stderr.String())
		}
	})
	e.x = xtest.Conn(t, srv.Display)
	e.root = xproto.Setup(e.x).DefaultScreen(e.x).Root
	xtest.ScreenshotOnFailure(t, srv.Display)
	return e
}

func start(t *testing.T) *env {
	return startOn(t, xtest.Xvfb(t, "1280x800"), nil)
}

// client maps a new test window titled name and waits until fion shows it.
func (e *env) client(name string, o ...xtest.ClientOpts) *xtest.Client {
	e.t.Helper()
	opts := xtest.ClientOpts{Title: name, DeleteWindow: true}
	if len(o) > 0 {
		opts = o[0]
	}
	c := xtest.NewClient(e.t, e.srv.Display, opts)
	e.mu.Lock()
	e.names[layout.ClientID(c.Win)] = name
	e.clients[name] = c
	e.mu.Unlock()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		return c.Parent() != c.Root && c.Viewable(), fmt.Sprintf("parent %#x viewable %v", c.Parent(), c.Viewable())
	})
	e.wm.Sync() // the rest of that apply too: focus, EWMH properties
	return c
}

// name is a client's test name, for layout strings.
func (e *env) name(id layout.ClientID) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if n, ok := e.names[id]; ok {
		return n
	}
	return fmt.Sprintf("%#x", uint32(id))
}

// layout is the focused screen's current workspace as text, e.g. `H[>T[a* b] T[]]`.
func (e *env) layout() string {
	var s string
	e.wm.Model(func(m *layout.Model) { s = m.Workspace().Format(e.name) })
	return s
}

// waitLayout waits until the focused workspace looks like want.
func (e *env) waitLayout(want string) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.layout()
		return got == want, fmt.Sprintf("layout %s, want %s", got, want)
	})
}

// press types a chord ("Mod4+s") through XTEST, as the user would.
func (e *env) press(chord string) {
	e.t.Helper()
	c, err := keys.ParseChord(chord)
	if err != nil {
		e.t.Fatal(err)
	}
	xtest.KeySym(e.t, e.x, c.Mods, c.Keysym)
}

// run runs a command as fionctl would.
func (e *env) run(cmd string) {
	e.t.Helper()
	if err := e.wm.Run(cmd); err != nil {
		e.t.Fatalf("%s: %v", cmd, err)
	}
}

// rect is a client's rectangle on the root window.
func rect(c *xtest.Client) layout.Rect {
	x, y, w, h, err := c.RootGeometry()
	if err != nil {
		return layout.Rect{}
	}
	return layout.Rect{X: x, Y: y, W: w, H: h}
}

// placement is where fion means to put the active tab of the tile holding client c.
func (e *env) placement(c *xtest.Client) layout.Placement {
	var p layout.Placement
	e.wm.Model(func(m *layout.Model) {
		loc, ok := m.Find(layout.ClientID(c.Win))
		if !ok {
			return
		}
		for _, q := range m.Layout(m.Screens[loc.Screen], m.Screens[loc.Screen].Workspaces[loc.Workspace]) {
			if q.Tile == loc.Tile {
				p = q
			}
		}
	})
	return p
}

// waitShown waits until c is viewable at want.
func (e *env) waitShown(c *xtest.Client, want layout.Rect) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := rect(c)
		return c.Viewable() && got == want, fmt.Sprintf("viewable %v at %+v, want %+v", c.Viewable(), got, want)
	})
	e.wm.Sync() // the rest of the apply that showed it: focus, EWMH properties
}

// waitHidden waits until c is unmapped with WM_STATE Iconic, still managed.
func (e *env) waitHidden(c *xtest.Client) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		st, _ := c.WMState()
		return !c.Viewable() && st == xtest.StateIconic, fmt.Sprintf("viewable %v WM_STATE %d", c.Viewable(), st)
	})
	e.wm.Sync()
}

// focus is the window with the input focus.
func (e *env) focus() xproto.Window {
	r, err := xproto.GetInputFocus(e.x).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	return r.Focus
}

func (e *env) waitFocus(c *xtest.Client) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		return e.focus() == c.Win, fmt.Sprintf("focus on %#x, want %#x (%s)", e.focus(), c.Win, e.name(layout.ClientID(c.Win)))
	})
	e.wm.Sync()
}

// windowProp reads a 32-bit property of any window.
func (e *env) windowProp(win xproto.Window, name string) []uint32 {
	a, _ := xproto.InternAtom(e.x, false, uint16(len(name)), name).Reply()
	r, err := xproto.GetProperty(e.x, false, win, a.Atom, xproto.GetPropertyTypeAny, 0, 1024).Reply()
	if err != nil || r.Format != 32 {
		return nil
	}
	out := make([]uint32, len(r.Value)/4)
	for i := range out {
		out[i] = xgb.Get32(r.Value[4*i:])
	}
	return out
}

// rootProp reads a 32-bit property of the root window.
func (e *env) rootProp(name string) []uint32 { return e.windowProp(e.root, name) }

func layoutID(c *xtest.Client) layout.ClientID { return layout.ClientID(c.Win) }

// warp moves the pointer to x, y on the root.
func (e *env) warp(x, y int) {
	e.t.Helper()
	xproto.WarpPointer(e.x, 0, e.root, 0, 0, 0, 0, int16(x), int16(y))
	if _, err := xproto.GetInputFocus(e.x).Reply(); err != nil {
		e.t.Fatal(err)
	}
}

// socket opens fion's control socket in a temporary folder and connects a client to it.
func (e *env) socket() *ipc.Client {
	e.t.Helper()
	if e.sock.Load() == nil {
		dir := e.t.TempDir()
		os.Chmod(dir, 0o700) // ipc refuses a socket folder others can open
		srv, err := ipc.Listen(filepath.Join(dir, "fion.sock"), e.wm, e.t.Logf)
		if err != nil {
			e.t.Fatal(err)
		}
		e.t.Cleanup(func() { srv.Close() })
		e.sock.Store(srv)
	}
	c, err := ipc.Dial(e.sock.Load().Path())
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { c.Close() })
	return c
}
