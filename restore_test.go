package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
	"github.com/fion-wm/fion/layout"
)

// socket connects to the control socket of the fion that manages the display now, found through
// the root window property _FION_SOCKET, once it answers: after a crash the properties name the
// dead fion's socket until the next one is up.
func (x *xconn) socket() *ipc.Client {
	x.t.Helper()
	var c *ipc.Client
	xtest.Eventually(x.t, wait, func() (bool, string) {
		a, _ := xproto.InternAtom(x.c, false, 12, "_FION_SOCKET").Reply()
		r, err := xproto.GetProperty(x.c, false, x.root, a.Atom, xproto.GetPropertyTypeAny, 0, 256).Reply()
		if err != nil || len(r.Value) == 0 {
			return false, fmt.Sprintf("no _FION_SOCKET (%v)", err)
		}
		if c, err = ipc.Dial(string(r.Value)); err != nil {
			return false, err.Error()
		}
		if err := c.Sync(); err != nil {
			c.Close()
			return false, err.Error()
		}
		return true, ""
	})
	x.t.Cleanup(func() { c.Close() })
	return c
}

// saved is the layout in the form fion saves it, as `fionctl tree` shows it without the run-time
// details: what a restart must give back.
func saved(t *testing.T, ctl *ipc.Client) string {
	t.Helper()
	tree, err := ctl.Query("tree")
	if err != nil {
		t.Fatal(err)
	}
	st, err := layout.DecodeState(tree)
	if err != nil {
		t.Fatalf("fionctl tree is no saved layout: %v\n%s", err, tree)
	}
	b, _ := json.MarshalIndent(st, "", " ")
	return string(b)
}

// A hand-made layout on two screens survives a crash of the window manager (its supervisor starts
// it again), a crash of both fion processes (the user starts fion again), restart and --replace:
// the next fion rebuilds it from what the X server keeps, exactly. Through restart and --replace,
// which hand the windows over, no client window is unmapped, reparented, moved or resized.
func TestTheLayoutSurvivesACrashARestartAndAReplace(t *testing.T) {
	srv := xtest.Xephyr2(t) // 1280x800 at 0,0 and 1024x768 at 1280,0
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display)
	x.managing(0)
	ctl := x.socket()
	run := func(cmds ...string) {
		t.Helper()
		if err := ctl.Run(cmds...); err != nil {
			t.Fatalf("%v: %v", cmds, err)
		}
	}
	clients := map[string]*xtest.Client{}
	open := func(names ...string) {
		t.Helper()
		for _, n := range names {
			clients[n] = xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: n})
			x.waitFramed(clients[n])
		}
	}
	xtest.MovePointer(t, x.c, 600, 400)
	open("a", "b", "c")
	run("split right", "resize right 137")
	open("d", "e")
	run("split down", "resize down 61")
	open("f")
	run("workspace 2")
	open("g", "h")
	run("split down")
	open("i")
	run("workspace 3")
	open("j")
	run("screen next", "split right", "resize left 43")
	open("k", "l")
	run("fullscreen on")
	run("focus left")
	open("m")
	dialog := func(name string, parent *xtest.Client) {
		clients[name] = xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: name, TransientFor: parent.Win,
			Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"}, Width: 220, Height: 120})
		x.waitFramed(clients[name])
	}
	dialog("n", clients["m"])
	clients["n"].SendMoveResize(1500, 300, 250, 130)
	dialog("o", clients["m"])
	run("tab prev")
	if err := ctl.Sync(); err != nil {
		t.Fatal(err)
	}
	want := saved(t, ctl)

	for _, how := range []string{"kill -9 the window manager", "kill -9 both processes", "restart", "--replace"} {
		before := map[string]clientLook{}
		for n, c := range clients {
			before[n] = lookOf(c)
		}
		wmPid := p.wm(t)
		switch how {
		case "kill -9 the window manager":
			syscall.Kill(wmPid, syscall.SIGKILL)
			xtest.Eventually(t, wait, func() (bool, string) {
				now := wmChildren(p.cmd.Process.Pid)
				return len(now) == 1 && now[0] != wmPid, fmt.Sprintf("fion's children: %v (the window manager was %d)", now, wmPid)
			})
			xtest.Eventually(t, wait, func() (bool, string) {
				said := p.out.String()
				return strings.Contains(said, "fion: the window manager was killed by SIGKILL; fion starts it again, and it takes the layout back\n"), said
			})
		case "kill -9 both processes":
			syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL) // its process group: fion and its window manager
			p.exited(t)
			p = fion(t, srv.Display)
		case "restart":
			run("restart")
			xtest.Eventually(t, wait, func() (bool, string) {
				now := wmChildren(p.cmd.Process.Pid)
				return len(now) == 1 && now[0] != wmPid, fmt.Sprintf("fion's children: %v (the window manager was %d)", now, wmPid)
			})
		case "--replace":
			old := p
			p = fion(t, srv.Display, "--replace")
			if st := old.exited(t); st != 0 {
				t.Errorf("the replaced fion ended with %d; it said:\n%s", st, old.out.String())
			}
		}
		ctl = x.socket()
		xtest.Eventually(t, wait, func() (bool, string) {
			got := saved(t, ctl)
			return got == want, fmt.Sprintf("after %s the layout is\n%s\nwant\n%s\nfion said:\n%s", how, got, want, p.out.String())
		})
		if how == "restart" || how == "--replace" {
			for n, c := range clients {
				if m := moved(c, before[n]); m != "" {
					t.Errorf("%s: %s %s", how, n, m)
				}
			}
		}
	}
}

// clientLook is what a client window looks like from outside, and how many events it had.
type clientLook struct {
	parent  xproto.Window
	x, y    int
	w, h    int
	visible bool
	events  int
}

func lookOf(c *xtest.Client) clientLook {
	l := clientLook{parent: c.Parent(), visible: c.Viewable(), events: len(c.Events())}
	l.x, l.y, l.w, l.h, _ = c.RootGeometry()
	return l
}

// moved says how client c changed since it looked like before, and which events it had since that
// unmap, map, reparent, move or resize it; "" for none.
func moved(c *xtest.Client, before clientLook) string {
	var out []string
	if l := lookOf(c); l.parent != before.parent || l.x != before.x || l.y != before.y || l.w != before.w || l.h != before.h || l.visible != before.visible {
		out = append(out, fmt.Sprintf("was %+v, is %+v", before, l))
	}
	for _, ev := range c.Events()[before.events:] {
		switch ev.(type) {
		case xproto.UnmapNotifyEvent, xproto.MapNotifyEvent, xproto.ReparentNotifyEvent, xproto.ConfigureNotifyEvent:
			out = append(out, fmt.Sprintf("got %T %v", ev, ev))
		}
	}
	return strings.Join(out, "; ")
}
