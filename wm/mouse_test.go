package wm

import (
	"fmt"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
)

func TestPointerFocusesTheTileItEnters(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+s")
	b := e.client("b")
	e.waitLayout("H[T[a*] >T[b*]]")
	xtest.MovePointer(t, e.x, 100, 400)
	e.waitLayout("H[>T[a*] T[b*]]")
	e.waitFocus(a)
	xtest.MovePointer(t, e.x, 1000, 400)
	e.waitLayout("H[T[a*] >T[b*]]")
	e.waitFocus(b)
	// Keys move the focus away from the tile under the pointer; windows appearing or moving
	// under a still pointer must not take it back.
	e.press("Mod4+h")
	e.waitLayout("H[>T[a*] T[b*]]")
	e.client("c")
	e.waitLayout("H[>T[a c*] T[b*]]")
}

func TestFocusFollowsMouseCanBeTurnedOff(t *testing.T) {
	cfg := defaultConfig(t)
	cfg.FocusFollowsMouse = false
	e := startOn(t, xtest.Xvfb(t, "1280x800"), cfg)
	e.client("a")
	e.press("Mod4+s")
	e.client("b")
	xtest.MovePointer(t, e.x, 100, 400)
	xtest.MovePointer(t, e.x, 110, 410)
	// fion handles events in order: once the split shows, the motion before it was handled, and
	// the split happened in the tile that had the focus.
	e.press("Mod4+v")
	e.waitLayout("H[T[a*] V[T[b*] >T[]]]")
	// A click still focuses.
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.waitLayout("H[>T[a*] V[T[b*] T[]]]")
}

func TestClickingATabSelectsIt(t *testing.T) {
	e := start(t)
	e.client("a")
	e.client("b")
	e.client("c")
	e.waitLayout(">T[a b c*]")
	bar := e.wm.barHeight()
	// Three equal tabs across 1278 pixels: the first is at x < 426.
	xtest.MovePointer(t, e.x, 100, 1+bar/2)
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.waitLayout(">T[a* b c]")
	xtest.MovePointer(t, e.x, 640, 1+bar/2)
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.waitLayout(">T[a b* c]")
}

func TestDraggingTheBorderBetweenTilesResizes(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+s")
	b := e.client("b")
	e.waitLayout("H[T[a*] >T[b*]]")
	// The border between the two tiles is at x = 639..640.
	xtest.MovePointer(t, e.x, 640, 400)
	xtest.Button(t, e.x, 1, true)
	xtest.MovePointer(t, e.x, 500, 420)
	xtest.MovePointer(t, e.x, 400, 420)
	xtest.Button(t, e.x, 1, false)
	xtest.Eventually(t, wait, func() (bool, string) {
		ra, rb := rect(a), rect(b)
		return ra.X+ra.W < 405 && ra.X+ra.W > 395 && rb.X > 395 && rb.X < 405,
			fmt.Sprintf("a %+v b %+v, want the border near x=400", ra, rb)
	})
}
