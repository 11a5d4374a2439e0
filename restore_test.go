package main

import (
	"encoding/json"
	"fmt"
	"syscall"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
	"github.com/fion-wm/fion/layout"
)

// socket connects to the control socket of the fion whose check window is check, found through
// the root window property _FION_SOCKET.
func (x *xconn) socket(check uint32) *ipc.Client {
	x.t.Helper()
	var c *ipc.Client
	xtest.Eventually(x.t, wait, func() (bool, string) {
		a, _ := xproto.InternAtom(x.c, false, 12, "_FION_SOCKET").Reply()
		r, err := xproto.GetProperty(x.c, false, x.root, a.Atom, xproto.GetPropertyTypeAny, 0, 256).Reply()
		if err != nil || len(r.Value) == 0 || x.rootWindow("_NET_SUPPORTING_WM_CHECK") != check {
			return false, fmt.Sprintf("no _FION_SOCKET (%v)", err)
		}
		if c, err = ipc.Dial(string(r.Value)); err != nil {
			return false, err.Error()
		}
		return true, ""
	})
	x.t.Cleanup(func() { c.Close() })
	return c
}

// managingAgain waits until a window manager manages the display after the last one died: its
// check window (whose id may be the dead one's again: the server hands a new client the freed
// id range) exists.
func (x *xconn) managingAgain() uint32 {
	x.t.Helper()
	var got uint32
	xtest.Eventually(x.t, wait, func() (bool, string) {
		got = x.rootWindow("_NET_SUPPORTING_WM_CHECK")
		_, err := xproto.GetWindowAttributes(x.c, xproto.Window(got)).Reply()
		return got != 0 && err == nil, fmt.Sprintf("_NET_SUPPORTING_WM_CHECK = %#x (%v)", got, err)
	})
	return got
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

// A hand-made layout on two screens survives kill -9 and --replace: the next fion rebuilds it from
// what the X server keeps, exactly.
func TestTheLayoutSurvivesACrashAndAReplace(t *testing.T) {
	srv := xtest.Xephyr2(t) // 1280x800 at 0,0 and 1024x768 at 1280,0
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display)
	check := x.managing(0)
	ctl := x.socket(check)
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

	for _, how := range []string{"kill -9", "--replace"} {
		var args []string
		if how == "kill -9" {
			p.cmd.Process.Signal(syscall.SIGKILL)
			p.exited(t)
		} else {
			args = []string{"--replace"}
		}
		old := p
		p = fion(t, srv.Display, args...)
		if how == "--replace" {
			check = x.managing(check)
			old.exited(t)
		} else {
			check = x.managingAgain()
		}
		ctl = x.socket(check)
		xtest.Eventually(t, wait, func() (bool, string) {
			got := saved(t, ctl)
			return got == want, fmt.Sprintf("after %s the layout is\n%s\nwant\n%s\nfion said:\n%s", how, got, want, p.out.String())
		})
	}
}
