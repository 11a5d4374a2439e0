package wm

import (
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
)

// A program closed in a tile and started again comes back to that tile, even while the user is
// elsewhere; several programs each to theirs; the memory lasts through a restart, and a tile
// forgets once something else is put in it.
func TestWindowsComeBackToTheTileTheyClosedIn(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("split right")
	term := e.client("term", xtest.ClientOpts{Title: "term", Class: "XTerm", Instance: "xterm"})
	log := e.client("log", xtest.ClientOpts{Title: "log", Class: "XTerm", Instance: "xterm", Role: "log"})
	e.waitLayout("H[T[a*] >T[term log*]]")
	term.Destroy()
	log.Destroy()
	e.waitLayout("H[T[a*] >T[]]")
	e.run("focus left")
	e.waitFocus(a)

	term2 := e.unseen("term2", xtest.ClientOpts{Title: "term2", Class: "XTerm", Instance: "xterm"})
	e.waitLayout("H[>T[a*] T[term2*]]")
	e.waitFocus(a) // the keys stay where the user is
	e.unseen("log2", xtest.ClientOpts{Title: "log2", Class: "XTerm", Instance: "xterm", Role: "log"})
	e.waitLayout("H[>T[a*] T[term2 log2*]]")

	// Through a restart.
	e.clients["log2"].Destroy()
	e.waitLayout("H[>T[a*] T[term2*]]")
	next := e.replacedBy()
	next.names = e.names
	next.unseen("log3", xtest.ClientOpts{Title: "log3", Class: "XTerm", Instance: "xterm", Role: "log"})
	next.waitLayout("H[>T[a*] T[term2 log3*]]")

	// Something else put in the tile makes it forget.
	term2.Destroy()
	next.waitLayout("H[>T[a*] T[log3*]]")
	next.run("move-tab-to right") // a goes there
	next.waitLayout("H[T[] >T[log3 a*]]")
	next.run("focus left")
	next.client("term4", xtest.ClientOpts{Title: "term4", Class: "XTerm", Instance: "xterm"})
	next.waitLayout("H[>T[term4*] T[log3 a*]]")
}

// With remember_places = false a new window goes to the focused tile.
func TestRememberPlacesOff(t *testing.T) {
	e, _ := startRules(t, "remember_places = false\n")
	e.client("a")
	e.run("split right")
	term := e.client("term", xtest.ClientOpts{Title: "term", Class: "XTerm"})
	term.Destroy()
	e.waitLayout("H[T[a*] >T[]]")
	e.run("focus left")
	e.client("term2", xtest.ClientOpts{Title: "term2", Class: "XTerm"})
	e.waitLayout("H[>T[a term2*] T[]]")
}
