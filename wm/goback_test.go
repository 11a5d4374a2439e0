package wm

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// workspaceShown is the name of the workspace the focused screen shows.
func (e *env) workspaceShown() string {
	var name string
	e.wm.Model(func(m *layout.Model) { name = m.Workspace().Name })
	return name
}

func (e *env) waitWorkspace(want string) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.workspaceShown()
		return got == want, fmt.Sprintf("workspace %q shown, want %q", got, want)
	})
}

// Mod4+grave goes back to the window that had the keys before, across workspaces, and again
// back; Mod4+Shift+grave does the same for workspaces. Both histories last through a restart.
func TestFocusLastAndWorkspaceLast(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+3")
	e.waitWorkspace("3")
	b := e.client("b")
	e.waitFocus(b)

	e.press("Mod4+grave")
	e.waitFocus(a)
	e.waitWorkspace("1")
	e.waitHidden(b)
	e.press("Mod4+grave")
	e.waitFocus(b)
	e.waitWorkspace("3")

	e.press("Mod4+2")
	e.waitWorkspace("2")
	e.press("Mod4+Shift+grave")
	e.waitWorkspace("3")
	e.waitFocus(b)
	e.press("Mod4+Shift+grave")
	e.waitWorkspace("2")

	next := e.replacedBy()
	next.names = e.names
	next.run("workspace last")
	next.waitWorkspace("3")
	next.waitFocus(b)
	next.run("focus last")
	next.waitFocus(a)
	next.waitWorkspace("1")

	// A window that closes leaves the history.
	b.Destroy()
	xtest.Eventually(t, wait, func() (bool, string) {
		var managed bool
		next.wm.Model(func(m *layout.Model) { managed = m.Managed(layoutID(b)) })
		return !managed, "b is still managed after it was destroyed"
	})
	if err := next.wm.Run("focus last"); err == nil || err.Error() != "focus last: no other window has had the keys yet" {
		t.Errorf("focus last with only the focused window left: %v", err)
	}
}

// swap, rotate, equalize and zoom, from their default keys, as the user sees the windows move.
func TestTileSurgery(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+s")
	b := e.client("b")
	e.waitLayout("H[T[a*] >T[b*]]")
	left, right := rect(a), rect(b)

	e.press("Mod4+Mod1+h") // swap left: b goes where a was, a where b was, the focus stays on b
	e.waitLayout("H[>T[b*] T[a*]]")
	e.waitShown(b, left)
	e.waitShown(a, right)
	e.waitFocus(b)

	e.press("Mod4+o") // rotate: one above the other
	e.waitLayout("V[>T[b*] T[a*]]")
	xtest.Eventually(t, wait, func() (bool, string) {
		rb, ra := rect(b), rect(a)
		return rb.X == ra.X && rb.Y < ra.Y && rb.W == ra.W, fmt.Sprintf("b at %+v, a at %+v: want b above a", rb, ra)
	})

	e.run("resize down 200")
	e.press("Mod4+equal")
	xtest.Eventually(t, wait, func() (bool, string) {
		rb, ra := rect(b), rect(a)
		return rb.H-ra.H <= 1 && ra.H-rb.H <= 1, fmt.Sprintf("b is %d high, a %d: want equal", rb.H, ra.H)
	})

	full := e.placement(b)
	e.press("Mod4+z") // zoom: b over the whole workspace, a hidden
	e.waitHidden(a)
	var work layout.Rect
	e.wm.Model(func(m *layout.Model) { work = m.Screen().Work })
	if p := e.placement(b); p.Frame != work {
		t.Errorf("the zoomed tile's frame is %+v, want the work area %+v", p.Frame, work)
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		rb, want := rect(b), e.placement(b).Client
		return rb == want && rb.H > full.Client.H && rb.W >= full.Client.W, fmt.Sprintf("zoomed b at %+v, want %+v", rb, want)
	})
	e.waitFocus(b)
	e.press("Mod4+j") // focus down: the zoom ends, a shows again and gets the keys
	e.waitFocus(a)
	e.waitShown(b, full.Client)

	if err := e.wm.Run("rotate"); err != nil {
		t.Errorf("rotate back: %v", err)
	}
	e.run("remove-tile")
	for _, cmd := range []string{"rotate", "equalize", "swap left"} {
		if err := e.wm.Run(cmd); err == nil {
			t.Errorf("%s with one tile did not fail", cmd)
		}
	}
}

// A scratchpad: Mod4+Ctrl+minus sends the focused window there and it disappears; Mod4+minus
// brings it back centred over whatever workspace is shown, with the keys, and puts it away again.
// It lasts through a restart, and its window closing frees the name.
func TestScratchpad(t *testing.T) {
	e := start(t)
	a := e.client("a")
	term := e.client("term")
	e.waitFocus(term)
	e.press("Mod4+Ctrl+minus")
	e.waitHidden(term)
	e.waitLayout(">T[a*]")
	e.waitFocus(a)

	e.press("Mod4+2")
	e.waitWorkspace("2")
	e.press("Mod4+minus")
	e.waitFocus(term)
	var work layout.Rect
	e.wm.Model(func(m *layout.Model) { work = m.Screen().Work })
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(term)
		cx, cy := r.X+r.W/2, r.Y+r.H/2
		return term.Viewable() && max(cx-(work.X+work.W/2), work.X+work.W/2-cx) <= 2 && max(cy-(work.Y+work.H/2), work.Y+work.H/2-cy) <= 2,
			fmt.Sprintf("term at %+v, viewable %v: want centred on %+v", r, term.Viewable(), work)
	})
	e.press("Mod4+minus")
	e.waitHidden(term)

	next := e.replacedBy()
	next.names = e.names
	next.press("Mod4+minus")
	next.waitFocus(term)

	var list []WindowLine
	raw, err := next.socket().Query("windows")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range list {
		if l.Window == uint32(term.Win) {
			found = l.Scratchpad == "term" && l.Floating && l.Focused && l.Title == "term"
		}
	}
	if !found {
		t.Errorf("fionctl windows does not list term as the focused window of scratchpad term: %+v", list)
	}

	term.Destroy()
	xtest.Eventually(t, wait, func() (bool, string) {
		var managed bool
		next.wm.Model(func(m *layout.Model) { managed = m.Managed(layoutID(term)) })
		return !managed, "term is still managed after it was destroyed"
	})
	if err := next.wm.Run("scratchpad toggle term"); err == nil || !strings.Contains(err.Error(), `scratchpad "term" holds no window`) {
		t.Errorf("toggling the scratchpad of a closed window: %v", err)
	}
}

// focus window ID and attach window ID, with the ids fionctl windows prints.
func TestFocusAndAttachWindow(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("workspace 2")
	b := e.client("b")
	e.client("c")
	e.run("workspace 1")
	e.waitFocus(a)

	e.run(fmt.Sprintf("focus window %#x", b.Win))
	e.waitWorkspace("2")
	e.waitFocus(b)
	e.waitLayout(">T[b* c]")

	e.run("workspace 1")
	e.run(fmt.Sprintf("attach window %d", b.Win))
	e.waitLayout(">T[a b*]")
	e.waitFocus(b)
	e.waitShown(b, e.placement(b).Client)

	for cmd, want := range map[string]string{
		"focus window 0x7":                   "focus: fion manages no window 0x7; `fionctl windows` lists those it does",
		"attach window 12345678":             "attach: fion manages no window 0xbc614e; `fionctl windows` lists those it does",
		"attach window " + fmt.Sprint(b.Win): "attach: window " + fmt.Sprintf("%#x", b.Win) + " is the focused tile's active tab already",
	} {
		if err := e.wm.Run(cmd); err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", cmd, err, want)
		}
	}
}

// A real terminal as a scratchpad: put away, it is shown again by its key, and by a pager
// (wmctrl -a), over the workspace shown; fionctl windows' ids drive attach with a real program.
func TestScratchpadWithRealPrograms(t *testing.T) {
	e := start(t)
	term := e.program("xterm", "XTerm", "xterm", "-title", "scratch")
	e.waitFocusIn(term)
	e.press("Mod4+Ctrl+minus")
	e.waitHidden(term)
	e.press("Mod4+3")
	e.waitWorkspace("3")
	e.press("Mod4+minus")
	e.waitFocusIn(term)
	e.press("Mod4+minus")
	e.waitHidden(term)
	e.wmctrl("-a", "scratch") // a pager activates it: it shows, here
	e.waitFocusIn(term)
	e.waitWorkspace("3")

	clock := e.program("xclock", "XClock", "xclock")
	e.waitLayout(">T[xclock*]")
	e.run("workspace 1")
	e.run(fmt.Sprintf("attach window %#x", clock.Win))
	e.waitLayout(">T[xclock*]")
	e.waitShown(clock, e.placement(clock).Client)
}
