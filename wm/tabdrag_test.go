package wm

import (
	"fmt"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// drag presses button 1 at from, moves the pointer through a few points to to, and releases it
// there (unless hold), as a hand would.
func (e *env) drag(from, to [2]int, hold bool) {
	e.t.Helper()
	xtest.MovePointer(e.t, e.x, from[0], from[1])
	xtest.Button(e.t, e.x, 1, true)
	for i := 1; i <= 4; i++ {
		xtest.MovePointer(e.t, e.x, from[0]+(to[0]-from[0])*i/4, from[1]+(to[1]-from[1])*i/4)
	}
	if !hold {
		xtest.Button(e.t, e.x, 1, false)
	}
	e.wm.Sync()
}

// tabCentre is the middle of tab i of the tile holding c, on the root.
func (e *env) tabCentre(c *xtest.Client, i int) [2]int {
	p := e.placement(c)
	var n, active int
	e.wm.Model(func(m *layout.Model) {
		loc, _ := m.Find(layoutID(c))
		n, active = len(loc.Tile.Tabs), loc.Tile.Active
	})
	for x := p.Bar.X; x < p.Bar.X+p.Bar.W; x++ {
		if e.wm.look.bar.TabAt(p.Bar.W, n, active, x-p.Bar.X) == i {
			x0 := x
			for x < p.Bar.X+p.Bar.W && e.wm.look.bar.TabAt(p.Bar.W, n, active, x-p.Bar.X) == i {
				x++
			}
			return [2]int{(x0 + x) / 2, p.Bar.Y + p.Bar.H/2}
		}
	}
	e.t.Fatalf("tile of %s has no tab %d", e.name(layoutID(c)), i)
	return [2]int{}
}

// A tab dragged across two screens: onto the other screen's tile it moves there; onto the outer
// quarter of a tile it goes into a new tile split off that side; onto its own bar it changes
// place; a click without moving stays a click; Escape cancels a drag.
func TestTabDrag(t *testing.T) {
	// Two monitors of one X screen (Xephyr's heads would keep the pointer to one of them).
	e := startOn(t, xtest.Xvfb(t, "2304x800"), nil)
	e.xrandr("--setmonitor", "L", "1280/338x800/211+0+0", "screen")
	e.xrandr("--setmonitor", "R", "1024/270x768/203+1280+0", "none")
	e.waitScreens("L 1280x800+0+0; R 1024x768+1280+0; ")
	xtest.MovePointer(t, e.x, 100, 100)
	a := e.client("a")
	b := e.client("b")
	c := e.client("c")
	e.waitLayout(">T[a b c*]")
	e.press("Mod4+period")
	d := e.client("d")
	e.waitLayout(">T[d*]")

	// c, from the first screen's bar, to the body of the second screen's tile.
	body := e.placement(d).Client
	e.drag(e.tabCentre(c, 2), [2]int{body.X + body.W/2, body.Y + body.H/2}, false)
	e.waitLayout(">T[d c*]")
	e.waitFocus(c)
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(c)
		return r.X >= 1280, fmt.Sprintf("c at %+v, want it on the second screen", r)
	})

	// d, onto the right quarter of the same tile: a new tile on the right holds it.
	p := e.placement(d)
	e.drag(e.tabCentre(d, 0), [2]int{p.Frame.X + p.Frame.W - 20, p.Frame.Y + p.Frame.H/2}, false)
	e.waitLayout("H[T[c*] >T[d*]]")
	xtest.Eventually(t, wait, func() (bool, string) {
		rc, rd := rect(c), rect(d)
		return rd.X > rc.X+rc.W && rd.Y == rc.Y, fmt.Sprintf("c at %+v, d at %+v: want d right of c", rc, rd)
	})

	// On its own bar: b goes before a.
	e.press("Mod4+comma")
	e.waitLayout(">T[a b*]")
	e.drag(e.tabCentre(b, 1), e.tabCentre(a, 0), false)
	e.waitLayout(">T[b* a]")

	// A click on a tab, without moving, shows that tab and moves nothing.
	e.click(e.tabCentre(a, 1)[0], e.tabCentre(a, 1)[1])
	e.waitLayout(">T[b a*]")

	// Escape, with the button still down, cancels; the release then drops nothing.
	body = e.placement(c).Client
	e.drag(e.tabCentre(a, 1), [2]int{body.X + body.W/2, body.Y + body.H/2}, true)
	// The target, the other screen's tile, is outlined in the focused border's colour, over its
	// bar and its client.
	frame := e.placement(c).Frame
	e.waitPixel("the outline's top", frame.X+frame.W/2, frame.Y+outlineWidth/2, e.wm.look.focusedBorder)
	e.waitPixel("the outline's left", frame.X+outlineWidth-1, frame.Y+frame.H/2, e.wm.look.focusedBorder)
	e.press("Escape")
	e.waitPixel("the client, the outline gone,", frame.X+outlineWidth-1, frame.Y+frame.H/2, e.pixel(frame.X+frame.W/2, frame.Y+frame.H/2))
	xtest.Button(t, e.x, 1, false)
	e.wm.Sync()
	var left string
	e.wm.Model(func(m *layout.Model) { left = m.Screens[0].Workspace().Format(e.name) })
	if left != ">T[b a*]" && left != "T[b a*]" {
		t.Errorf("after the cancelled drag the first screen shows %s, want b and a, a active", left)
	}
	// The keyboard is the bindings' again.
	xtest.MovePointer(t, e.x, 640, 400)
	e.waitLayout(">T[b a*]")
	e.press("Mod4+n")
	e.waitLayout(">T[b* a]")

	// The wheel over the bar turns the tabs.
	bar := e.placement(a).Bar
	xtest.MovePointer(t, e.x, bar.X+bar.W/2, bar.Y+bar.H/2)
	xtest.Button(t, e.x, 4, true)
	xtest.Button(t, e.x, 4, false)
	e.waitLayout(">T[b a*]")
	xtest.Button(t, e.x, 5, true)
	xtest.Button(t, e.x, 5, false)
	e.waitLayout(">T[b* a]")
}
