package main

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// windowTitled is the managed window (in _NET_CLIENT_LIST) titled title, or 0.
func (x *xconn) windowTitled(title string) xproto.Window {
	for _, w := range x.rootWindows("_NET_CLIENT_LIST") {
		r, err := xproto.GetProperty(x.c, false, xproto.Window(w), xproto.AtomWmName, xproto.AtomString, 0, 64).Reply()
		if err == nil && string(r.Value) == title {
			return xproto.Window(w)
		}
	}
	return 0
}

// cardinal reads a CARDINAL property of win; -1 when unset.
func (x *xconn) cardinal(win xproto.Window, name string) int {
	a, err := xproto.InternAtom(x.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		return -1
	}
	r, err := xproto.GetProperty(x.c, false, win, a.Atom, xproto.AtomCardinal, 0, 1).Reply()
	if err != nil || r.Format != 32 || len(r.Value) < 4 {
		return -1
	}
	return int(xgb.Get32(r.Value))
}

// The supervisor starts what exec asks for and tells the window manager the program's session,
// which the window manager, restricted, matches to the window: a program that maps its window
// after the user went to workspace 2 lands on workspace 1, where exec ran; and so after a restart,
// with a new window manager on new pipes.
func TestExecThroughTheSupervisorPlacesTheWindow(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display, "-v")
	x.managing(0)
	slowExec := func(title string) {
		t.Helper()
		pull := xtest.NewTrigger(t)
		if err := x.socket().Run("workspace 1", "exec "+xtest.ProgramLine(t, xtest.ProgramOpts{Titles: []string{title}, Wait: pull})); err != nil {
			t.Fatal(err)
		}
		// The supervisor's answer comes on its own; the program could not map before it in real
		// life (it has to start first), but here the test lets it map only once fion has it.
		heard := regexp.MustCompile(`exec "FION_TEST_PROGRAM=1 .* -titles '` + title + `' .*": session \d+, its windows go to tile 1\n`)
		xtest.Eventually(t, wait, func() (bool, string) {
			return heard.MatchString(p.out.String()), "fion has not heard of the program's session:\n" + p.out.String()
		})
		if err := x.socket().Run("workspace 2"); err != nil {
			t.Fatal(err)
		}
		pull.Pull(wait)
		var win xproto.Window
		xtest.Eventually(t, wait, func() (bool, string) {
			win = x.windowTitled(title)
			return win != 0, "fion does not manage " + title
		})
		xtest.EndProgram(t, x.cardinal(win, "_NET_WM_PID"))
		xtest.Eventually(t, wait, func() (bool, string) {
			d, cur := x.cardinal(win, "_NET_WM_DESKTOP"), x.cardinal(x.root, "_NET_CURRENT_DESKTOP")
			return d == 0 && cur == 1, fmt.Sprintf("%s is on desktop %d, desktop %d is shown; want 0 and 1", title, d, cur)
		})
	}
	slowExec("first")

	old := p.wm(t)
	if err := x.socket().Run("restart"); err != nil {
		t.Fatalf("restart: %v", err)
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		now := wmChildren(p.cmd.Process.Pid)
		return len(now) == 1 && now[0] != old, fmt.Sprintf("fion's children: %v (the window manager was %d)", now, old)
	})
	slowExec("second")
}
