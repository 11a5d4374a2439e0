package wm

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// Any client can name monitors with 40,000 characters (xrandr --setmonitor). fion repeats screen
// names in every desktop name: it cuts them, and writes no request too long for the X server, so
// it goes on managing windows and answering.
func TestHugeMonitorNamesDoNotStopFion(t *testing.T) {
	e := startOn(t, xtest.Xvfb(t, "2304x800"), nil)
	long := strings.Repeat("m", 40000)
	e.xrandr("--setmonitor", long+"1", "1280/338x800/211+0+0", "screen")
	e.xrandr("--setmonitor", long+"2", "1024/270x768/203+1280+0", "none")
	cut := strings.Repeat("m", 64)
	e.waitScreens(fmt.Sprintf("%s 1280x800+0+0; %s#2 1024x768+1280+0; ", cut, cut[:62]))
	e.client("a")
	e.waitLayout(">T[a*]")
	var names []string
	e.wm.Model(func(m *layout.Model) {
		for _, s := range m.Screens {
			names = append(names, s.Name)
		}
	})
	// The first monitor took the place of the one named "screen", whose workspaces are lodged on it.
	if desktops := e.rootUTF8("_NET_DESKTOP_NAMES"); len(desktops) != 12 || desktops[8] != names[1]+":1" {
		t.Errorf("_NET_DESKTOP_NAMES has %d names, the ninth %.80q; want 12, the ninth %.80q", len(desktops), desktops[min(8, len(desktops)-1)], names[1]+":1")
	}
}

// rootUTF8 reads a list of UTF-8 strings from a root window property.
func (e *env) rootUTF8(name string) []string {
	e.t.Helper()
	a, err := xproto.InternAtom(e.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	r, err := xproto.GetProperty(e.x, false, e.root, a.Atom, xproto.GetPropertyTypeAny, 0, 1<<20).Reply()
	if err != nil || len(r.Value) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(r.Value), "\x00"), "\x00")
}

// floodDeadWindows makes n windows on conn, maps each and destroys it at once: MapRequests for
// windows that are gone by the time fion reads them. It returns once the server has processed it
// all.
func floodDeadWindows(t *testing.T, conn *xgb.Conn, n int) {
	t.Helper()
	screen := xproto.Setup(conn).DefaultScreen(conn)
	for range n {
		win, err := xproto.NewWindowId(conn)
		if err != nil {
			t.Fatal(err)
		}
		xproto.CreateWindow(conn, 0, win, screen.Root, 0, 0, 10, 10, 0, xproto.WindowClassInputOutput, 0, 0, nil)
		xproto.MapWindow(conn, win)
		xproto.DestroyWindow(conn, win)
	}
	if _, err := xproto.GetInputFocus(conn).Reply(); err != nil {
		t.Fatal(err)
	}
}

// A flood of MapRequests for windows that are already gone must not hold up the socket, the
// key-chain timer or signals until it is over: each batch of events gives the other sources a turn.
func TestAFloodOfDeadWindowsStarvesNeitherCallsNorSignals(t *testing.T) {
	e := start(t)
	var late *xtest.Client
	ranDuring := make(chan bool, 1)
	e.wm.Do(func() {
		// The loop waits here while the flood and a window mapped after it queue up behind.
		floodDeadWindows(t, xtest.Conn(t, e.srv.Display), 3000)
		late = xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "late"})
		e.names[layoutID(late)] = "late"
		e.wm.x.Sync() // every event of the flood is in fion's queue
		go e.wm.Do(func() { _, managed := e.wm.clients[late.Win]; ranDuring <- !managed })
	})
	if !<-ranDuring {
		t.Errorf("a call waited until the whole flood was handled")
	}
	e.waitLayout(">T[late*]")

	// The same with SIGTERM: fion leaves before it has gone through the flood.
	var later *xtest.Client
	e.wm.Do(func() {
		floodDeadWindows(t, xtest.Conn(t, e.srv.Display), 3000)
		later = xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "later"})
		e.wm.x.Sync()
		e.stop <- syscall.SIGTERM
	})
	err := <-e.done
	e.done <- err // for the harness, which waits for it too
	if later.Viewable() {
		t.Errorf("fion handled the whole flood (and mapped the window after it) before it heeded SIGTERM")
	}
}

// A command's reply comes once X shows what it did: a script that switches workspaces and then
// looks at a window sees it hidden, every time.
func TestACommandsReplyComesAfterXChanged(t *testing.T) {
	e := start(t)
	a := e.client("a")
	c := e.socket()
	for i := range 50 {
		ws := 1 + (i+1)%2
		if err := c.Run(fmt.Sprintf("workspace %d", ws)); err != nil {
			t.Fatal(err)
		}
		if shown := a.Viewable(); shown != (ws == 1) {
			t.Fatalf("round %d: after the reply to workspace %d, a is viewable: %v", i, ws, shown)
		}
	}
}

// A hidden tab that another program takes into a window of its own gives no UnmapNotify: fion
// notices the reparent and stops managing it, rather than keep a ghost tab that maps and focuses
// a window inside someone else's.
func TestAHiddenTabTakenByAnotherProgramLeavesTheBar(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.client("b")
	e.waitLayout(">T[a b*]")
	e.waitHidden(a)
	holder := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "holder", OverrideRedirect: true})
	if err := xproto.ReparentWindowChecked(holder.Conn, a.Win, holder.Win, 0, 0).Check(); err != nil {
		t.Fatal(err)
	}
	e.waitLayout(">T[b*]")
	xtest.Eventually(t, wait, func() (bool, string) {
		list := e.rootProp("_NET_CLIENT_LIST")
		return !slices.Contains(list, uint32(a.Win)), fmt.Sprintf("_NET_CLIENT_LIST %#x still has a %#x", list, a.Win)
	})
	e.press("Mod4+n")
	e.wm.Sync()
	if a.Viewable() || a.Parent() != holder.Win {
		t.Errorf("after tab next, a is viewable %v in %#x: fion still shows the window it no longer manages", a.Viewable(), a.Parent())
	}
}

// A shown window that withdraws the ICCCM way with only the synthetic UnmapNotify is no longer
// managed, and is not left mapped on the root without a frame.
func TestAWindowWithdrawnByTheSyntheticUnmapIsUnmapped(t *testing.T) {
	e := start(t)
	a := e.client("a")
	ev := xproto.UnmapNotifyEvent{Event: a.Root, Window: a.Win}
	mask := uint32(xproto.EventMaskSubstructureRedirect | xproto.EventMaskSubstructureNotify)
	if err := xproto.SendEventChecked(a.Conn, false, a.Root, mask, string(ev.Bytes())).Check(); err != nil {
		t.Fatal(err)
	}
	e.waitLayout(">T[]")
	e.wm.Sync()
	if a.Viewable() || a.Parent() != a.Root {
		t.Errorf("a withdrew: viewable %v, parent %#x; want it unmapped on the root", a.Viewable(), a.Parent())
	}
}

// When the X server has no resource id left for fion (here its 262,144 ids, with -maxclients
// 2048, all held by pixmaps), a new tile waits for its frame, fion says why, and it shows once ids
// are free again: no request is ever sent about id 0.
func TestOutOfResourceIdsNewTilesWaitAndCome(t *testing.T) {
	srv, err := xserver.Xvfb("1280x800", "-maxclients", "2048")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e := startOn(t, srv, nil)
	e.client("a")
	var held []xproto.Pixmap
	e.wm.Do(func() {
		for {
			id, err := xproto.NewPixmapId(e.wm.x.X)
			if err != nil {
				break
			}
			xproto.CreatePixmap(e.wm.x.X, e.wm.x.Screen.RootDepth, id, xproto.Drawable(e.root), 1, 1)
			held = append(held, id)
		}
	})
	e.press("Mod4+s") // the new tile needs a frame, which needs ids
	b := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "b"})
	e.names[layoutID(b)] = "b"
	e.waitLayout("H[T[a*] >T[b*]]")
	xtest.Eventually(t, wait, func() (bool, string) {
		return strings.Contains(e.stderr.String(), "no resource id left"), "fion did not say it ran out of resource ids"
	})
	e.wm.Do(func() {
		for _, p := range held {
			xproto.FreePixmap(e.wm.x.X, p)
		}
	})
	e.run("focus left") // any apply: the frame is made now
	xtest.Eventually(t, wait, func() (bool, string) {
		return b.Viewable() && b.Parent() != b.Root, fmt.Sprintf("b viewable %v in %#x", b.Viewable(), b.Parent())
	})
}

// A config file that became a FIFO nobody writes to, or a device, is refused at once on reload,
// from a key or from the socket, and fion goes on as it was.
func TestReloadingAFIFOOrADeviceNeitherBlocksNorBreaksFion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fion.toml")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	e := start(t)
	e.wm.Do(func() { e.wm.opts.ConfigFlag = path })
	a := e.client("a")
	e.press("Mod4+Shift+r")
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
	xtest.Eventually(t, wait, func() (bool, string) {
		return strings.Contains(e.stderr.String(), path+": the config file is a named pipe (FIFO)"), "no word about the FIFO"
	})
	e.wm.Do(func() { e.wm.opts.ConfigFlag = "/dev/zero" })
	if err := e.socket().Run("reload"); err == nil || !strings.Contains(err.Error(), "/dev/zero: the config file is a device") {
		t.Errorf("reload of /dev/zero: %v", err)
	}
	e.press("Mod4+h")
	e.waitFocus(a)
}

// Any client can write _FION_LAYOUT. Whatever it holds, fion starts, manages the windows there,
// and says what it ignored.
func TestAHostileSavedLayoutIsReadAsUntrusted(t *testing.T) {
	for _, tt := range []struct {
		name, typ string
		value     []byte
		said      string
	}{
		{"garbage", "UTF8_STRING", []byte("{{{ not json"), "the saved layout is ignored: not a saved layout"},
		{"another type", "STRING", []byte(`{"version":1}`), "the saved layout is ignored: _FION_LAYOUT is not UTF-8 text"},
		{"10 MB", "UTF8_STRING", []byte(strings.Repeat(" ", 10<<20)), "the saved layout is ignored: _FION_LAYOUT holds more than the 4 MiB fion reads"},
		{"an unknown version", "UTF8_STRING", []byte(`{"version":99,"screens":[]}`), "a saved layout of version 99, and this fion reads version 1"},
		{"gone windows, a window twice, a deep tree", "UTF8_STRING", []byte(`{"version":1,"screens":[{"name":"screen","focused":true,"workspaces":[
			{"name":"1","visible":true,"focus":1,"layout":{"split":"horizontal","ratio":0.5,"children":[
			  {"tile":{"id":1,"tabs":[{"window":WIN,"active":true},{"window":4242}]}},
			  {"tile":{"id":2,"tabs":[{"window":WIN}]}}]}}]}]}`), "the saved layout is restored, but for 2 things it held that were wrong or gone"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := xtest.Xvfb(t, "1280x800")
			a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
			value := []byte(strings.ReplaceAll(string(tt.value), "WIN", fmt.Sprint(uint32(a.Win))))
			conn := xtest.Conn(t, srv.Display)
			atom := func(name string) xproto.Atom {
				r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
				if err != nil {
					t.Fatal(err)
				}
				return r.Atom
			}
			root := xproto.Setup(conn).DefaultScreen(conn).Root
			// Written in pieces: one request may carry at most 256 KiB.
			for off, mode := 0, byte(xproto.PropModeReplace); off < len(value) || off == 0; off, mode = off+1<<17, xproto.PropModeAppend {
				end := min(off+1<<17, len(value))
				xproto.ChangeProperty(conn, mode, root, atom("_FION_LAYOUT"), atom(tt.typ), 8, uint32(end-off), value[off:end])
				if end == len(value) {
					break
				}
			}
			if _, err := xproto.GetInputFocus(conn).Reply(); err != nil {
				t.Fatal(err)
			}
			e := startOn(t, srv, nil)
			e.names[layoutID(a)] = "a"
			xtest.Eventually(t, wait, func() (bool, string) {
				return a.Parent() != a.Root && a.Viewable(), "a is not managed"
			})
			if !strings.Contains(e.stderr.String(), tt.said) {
				t.Errorf("fion said:\n%s\nwant %q", e.stderr.String(), tt.said)
			}
		})
	}
}

// A window that asks for a desktop before it maps (EWMH's _NET_WM_DESKTOP) goes there.
func TestANewWindowGoesToTheDesktopItAsksFor(t *testing.T) {
	e := start(t)
	e.client("a")
	three := uint32(2)
	b := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "b", Desktop: &three})
	e.names[layoutID(b)] = "b"
	e.waitHidden(b)
	e.waitLayout(">T[a*]")
	e.run("workspace 3")
	e.waitLayout(">T[b*]")
}
