package wm

import (
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// program starts a real program on fion's display and returns its managed window (found by
// WM_CLASS among the windows of _NET_CLIENT_LIST that the test does not know yet). The program is
// killed when the test ends.
func (e *env) program(name, class string, args ...string) *xtest.Client {
	e.t.Helper()
	known := e.rootProp("_NET_CLIENT_LIST")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(e.srv.Env(), "NO_AT_BRIDGE=1", "GDK_BACKEND=x11")
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("%s: %v (scripts/deps.sh installs the programs the tests run)", args[0], err)
	}
	e.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var win xproto.Window
	xtest.Eventually(e.t, 3*wait, func() (bool, string) {
		for _, id := range e.rootProp("_NET_CLIENT_LIST") {
			if !slices.Contains(known, id) && strings.HasPrefix(e.class(xproto.Window(id)), class) {
				win = xproto.Window(id)
				return true, ""
			}
		}
		return false, fmt.Sprintf("no new %s window among %v", class, e.rootProp("_NET_CLIENT_LIST"))
	})
	e.mu.Lock()
	e.names[layout.ClientID(win)] = name
	e.mu.Unlock()
	c := xtest.Existing(e.t, e.x, win)
	xtest.Eventually(e.t, wait, func() (bool, string) { return c.Viewable(), name + " is not shown" })
	return c
}

// waitFocusIn waits until the input focus is c or one of its children (GTK focuses a child of
// its own window).
func (e *env) waitFocusIn(c *xtest.Client) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		f := e.focus()
		for w := f; w != 0 && w != e.root; {
			if w == c.Win {
				return true, ""
			}
			tree, err := xproto.QueryTree(e.x, w).Reply()
			if err != nil {
				break
			}
			w = tree.Parent
		}
		return false, fmt.Sprintf("focus on %#x, want %#x or a child of it", f, c.Win)
	})
}

// waitActive waits until _NET_ACTIVE_WINDOW names c.
func (e *env) waitActive(c *xtest.Client) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.rootProp("_NET_ACTIVE_WINDOW")
		return slices.Equal(got, []uint32{uint32(c.Win)}), fmt.Sprintf("_NET_ACTIVE_WINDOW %#x, want %#x", got, c.Win)
	})
}

// class is a window's WM_CLASS class part.
func (e *env) class(win xproto.Window) string {
	r, err := xproto.GetProperty(e.x, false, win, xproto.AtomWmClass, xproto.AtomString, 0, 64).Reply()
	if err != nil {
		return ""
	}
	parts := strings.Split(string(r.Value), "\x00")
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}

func (e *env) xdotool(args ...string) {
	e.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = e.srv.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		e.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}

// Programs from Debian, as the user runs them: they land in tiles at the tile's size, their dialogs
// float over them, pagers and xdotool drive them.
func TestRealProgramsBehave(t *testing.T) {
	e := start(t)
	clock := e.program("xclock", "XClock", "xclock")
	e.waitLayout(">T[xclock*]")
	e.waitShown(clock, e.placement(clock).Client)
	e.run("split right")
	eyes := e.program("xeyes", "XEyes", "xeyes")
	e.waitLayout("H[T[xclock*] >T[xeyes*]]")
	e.waitShown(eyes, e.placement(eyes).Client)
	e.waitActive(eyes) // xeyes takes no keyboard input (WM_HINTS): fion's own window keeps the keys

	// A GTK dialog attached to xclock floats, centred over xclock's tile, above it, focused.
	dialog := e.program("zenity", "Zenity", "zenity", "--info", "--text", "fion", fmt.Sprintf("--attach=%d", clock.Win))
	e.waitLayout("H[T[xclock*] >T[xeyes*]]")
	area := e.placement(clock).Client
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(dialog)
		want := centred(area, r.W, r.H)
		return r == want && dialog.Parent() != e.root, fmt.Sprintf("zenity at %+v, want %+v, framed", r, want)
	})
	e.waitAbove(dialog, clock)
	e.waitFocusIn(dialog)

	// An Xt program is a tab; close asks it politely and it leaves.
	e.run("focus right")
	e.program("xmessage", "Xmessage", "xmessage", "fion")
	e.waitLayout("H[T[xclock*] >T[xeyes xmessage*]]")
	e.run("close")
	e.waitLayout("H[T[xclock*] >T[xeyes*]]")

	// wmctrl -l lists them; -s switches desktops; -a activates; -c closes.
	list := e.wmctrl("-l")
	for _, title := range []string{"xclock", "xeyes"} {
		if !strings.Contains(list, title) {
			t.Fatalf("wmctrl -l does not list %s:\n%s", title, list)
		}
	}
	e.wmctrl("-s", "1")
	e.waitLayout(">T[]")
	e.waitHidden(eyes)
	e.waitHidden(dialog)
	e.wmctrl("-a", "xeyes")
	e.waitActive(eyes)
	e.waitLayout("H[T[xclock*] >T[xeyes*]]")

	// xdotool, as a pager.
	e.xdotool("set_desktop", "2")
	e.waitHidden(clock)
	e.xdotool("windowactivate", fmt.Sprint(clock.Win))
	e.waitLayout("H[>T[xclock*] T[xeyes*]]")
	e.waitActive(clock) // the tile, not the dialog that floats above it
	if ok, msg := e.above(dialog.Parent(), clock.Parent()); !ok {
		t.Fatal(msg)
	}

	e.wmctrl("-c", "xeyes")
	e.waitLayout("H[>T[xclock*] T[]]")
}
