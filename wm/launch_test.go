package wm

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// programWindow waits until fion manages the window titled title, made by a test program, and
// names it title in layout strings. The program ends with the test.
func (e *env) programWindow(title string) layout.ClientID {
	e.t.Helper()
	var id layout.ClientID
	pid := 0
	xtest.Eventually(e.t, wait, func() (bool, string) {
		e.wm.Do(func() {
			for _, c := range e.wm.clients {
				if c.props.Title == title && e.wm.model.Managed(c.id()) {
					id, pid = c.id(), c.props.PID
				}
			}
		})
		return id != 0, "no managed window is titled " + title
	})
	if pid != 0 {
		xtest.EndProgram(e.t, pid)
	}
	e.mu.Lock()
	e.names[id] = title
	e.mu.Unlock()
	e.wm.Sync()
	return id
}

// workspaceLayout is workspace n (from 1) of the focused screen as text.
func (e *env) workspaceLayout(n int) string {
	var s string
	e.wm.Model(func(m *layout.Model) { s = m.Screen().Workspaces[n-1].Format(e.name) })
	return s
}

// execSlow runs exec with a test program that maps its windows (titles) once trigger is pulled.
func (e *env) execSlow(o xtest.ProgramOpts) *xtest.Trigger {
	e.t.Helper()
	o.Wait = xtest.NewTrigger(e.t)
	e.run("exec " + xtest.ProgramLine(e.t, o))
	return o.Wait
}

// awayThenMap goes to workspace 2, as the user would, and then lets the program waiting on pull map
// its windows, titled titles, and waits until fion manages them.
func (e *env) awayThenMap(pull *xtest.Trigger, titles ...string) {
	e.t.Helper()
	e.press("Mod4+2")
	e.waitLayout(">T[]")
	pull.Pull(wait)
	for _, title := range titles {
		e.programWindow(title)
	}
}

// A program that is slow to map its window, started while the user was in one tile of workspace 1,
// maps it once the user is on workspace 2: it lands in that tile, behind nothing the user does
// now, and workspace 2 keeps the focus.
func TestExecPlacesInTheTileItRanFromAfterAWorkspaceSwitch(t *testing.T) {
	e := start(t)
	e.client("a")
	e.run("split right")
	e.client("b")
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[b*]]")
	pull := e.execSlow(xtest.ProgramOpts{Titles: []string{"slow"}})
	e.press("Mod4+2")
	e.waitLayout(">T[]")
	c := e.client("c") // the user goes on working there
	pull.Pull(wait)
	e.programWindow("slow")
	if got, want := e.workspaceLayout(1), "H[>T[a slow*] T[b*]]"; got != want {
		t.Errorf("workspace 1 is %s, want %s", got, want)
	}
	e.waitLayout(">T[c*]")
	e.waitFocus(c)
}

// Within a workspace: the window goes to the tile exec ran from, and the focus stays in the tile
// the user moved to.
func TestExecPlacesInTheTileItRanFromAfterTheFocusMoved(t *testing.T) {
	e := start(t)
	e.client("a")
	e.run("split right")
	b := e.client("b")
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[b*]]")
	pull := e.execSlow(xtest.ProgramOpts{Titles: []string{"slow"}})
	e.press("Mod4+l")
	e.waitLayout("H[T[a*] >T[b*]]")
	pull.Pull(wait)
	e.programWindow("slow")
	e.waitLayout("H[T[a slow*] >T[b*]]")
	e.waitFocus(b)
}

// The session, not the process, is what tells: a program started by a shell that stays (it forks
// it), and one started by a double fork whose middle process is gone, are placed all the same.
func TestExecPlacesWhatAShellOrADoubleForkStarts(t *testing.T) {
	for _, tt := range []struct{ name, line string }{
		{"a shell that waits for it", "%s; :"},
		{"a double fork", "( %s & )"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := start(t)
			e.client("a")
			pull := xtest.NewTrigger(t)
			e.run("exec " + fmt.Sprintf(tt.line, xtest.ProgramLine(t, xtest.ProgramOpts{Titles: []string{"slow"}, Wait: pull})))
			e.awayThenMap(pull, "slow")
			if got, want := e.workspaceLayout(1), ">T[a slow*]"; got != want {
				t.Errorf("workspace 1 is %s, want %s", got, want)
			}
			e.waitLayout(">T[]")
		})
	}
}

// Every window the program maps goes there (a splash screen, then the main window).
func TestExecPlacesEveryWindowOfTheProgram(t *testing.T) {
	e := start(t)
	e.client("a")
	pull := e.execSlow(xtest.ProgramOpts{Titles: []string{"splash", "main"}})
	e.awayThenMap(pull, "splash", "main")
	if got, want := e.workspaceLayout(1), ">T[a splash main*]"; got != want {
		t.Errorf("workspace 1 is %s, want %s", got, want)
	}
	e.waitLayout(">T[]")
}

// Where fion cannot tell the window's program, or the exec is too old, the window goes where any
// new window goes: the focused tile.
func TestExecDoesNotPlaceWhatItCannotTell(t *testing.T) {
	for _, tt := range []struct {
		name string
		o    xtest.ProgramOpts
		keep time.Duration
	}{
		{"without _NET_WM_PID", xtest.ProgramOpts{NoPID: true}, 0},
		{"from another host", xtest.ProgramOpts{Machine: "elsewhere.example.org"}, 0},
		{"after the time an exec places its windows", xtest.ProgramOpts{}, time.Nanosecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := start(t)
			if tt.keep != 0 {
				e.wm.Do(func() {
					e.wm.launches.mu.Lock()
					e.wm.launches.keep = tt.keep
					e.wm.launches.mu.Unlock()
				})
			}
			e.client("a")
			tt.o.Titles = []string{"slow"}
			e.awayThenMap(e.execSlow(tt.o), "slow")
			e.waitLayout(">T[slow*]")
			if got, want := e.workspaceLayout(1), ">T[a*]"; got != want {
				t.Errorf("workspace 1 is %s, want %s", got, want)
			}
		})
	}
}

// A tile removed before the window maps leaves it to the focused tile.
func TestExecToATileRemovedMeanwhile(t *testing.T) {
	e := start(t)
	e.client("a")
	e.run("split right")
	pull := e.execSlow(xtest.ProgramOpts{Titles: []string{"slow"}})
	e.run("remove-tile")
	e.waitLayout(">T[a*]")
	pull.Pull(wait)
	e.programWindow("slow")
	e.waitLayout(">T[a slow*]")
}

// A rule that places the window wins over the exec place; so does a tile that waits for it.
func TestRulesAndRememberedPlacesWinOverTheExecPlace(t *testing.T) {
	e, _ := startRules(t, "[[rules]]\ntitle = \"^ruled$\"\nworkspace = 3\n")
	e.client("a")
	e.run("split right")
	e.client("remembered", xtest.ClientOpts{Title: "remembered", Class: "Program", Instance: "program"})
	e.clients["remembered"].Destroy()
	e.waitLayout("H[T[a*] >T[]]")
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[]]")

	pull := e.execSlow(xtest.ProgramOpts{Titles: []string{"ruled"}})
	pull.Pull(wait)
	e.programWindow("ruled")
	if got, want := e.workspaceLayout(3), ">T[ruled*]"; got != want {
		t.Errorf("workspace 3 is %s, want %s (the rule's)", got, want)
	}

	pull = e.execSlow(xtest.ProgramOpts{Titles: []string{"back"}}) // class Program, as remembered
	pull.Pull(wait)
	e.programWindow("back")
	e.waitLayout("H[>T[a*] T[back*]]")
}

// A window's WM_CLIENT_MACHINE names this host with its domain or without; any other name is
// another host, whose pids say nothing here.
func TestThisHost(t *testing.T) {
	host, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	short, _, _ := strings.Cut(host, ".")
	for machine, want := range map[string]bool{
		host: true, short: true, short + ".example.org": !strings.Contains(host, ".") || host == short+".example.org",
		"": false, "elsewhere": host == "elsewhere", short + "x": false,
	} {
		if got := thisHost(machine); got != want {
			t.Errorf("thisHost(%q) on %q = %v, want %v", machine, host, got, want)
		}
	}
}
