package wm

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// A named tile is found wherever it is: focus tile NAME shows its workspace and focuses it,
// move-tab-to tile NAME sends it the focused tab and leaves the focus where it is. A name names
// one tile, and it lasts through a restart.
func TestNamedTiles(t *testing.T) {
	e := start(t)
	e.client("a")
	e.run("tile name editor")
	e.run("workspace 2")
	e.client("b")
	e.client("c")
	e.waitLayout(">T[b c*]")

	e.run("move-tab-to tile editor")
	e.waitLayout(">T[b*]")
	e.run("focus tile editor")
	e.waitLayout(">T[a c*]")
	e.waitFocus(e.clients["c"])
	var ws string
	e.wm.Model(func(m *layout.Model) { ws = m.Workspace().Name })
	if ws != "1" {
		t.Errorf("focus tile editor shows workspace %q, want 1", ws)
	}

	e.run("split right")
	err := e.wm.Run("tile name editor")
	if err == nil || !strings.Contains(err.Error(), `tile "editor" is on workspace "1" of screen`) {
		t.Errorf("a second tile named editor: %v", err)
	}
	if err := e.wm.Run("tile name two words"); err == nil || !strings.Contains(err.Error(), "tile takes no more than 2 argument(s)") {
		t.Errorf("a name with a space: %v", err)
	}
	if err := e.wm.Run("focus tile nowhere"); err == nil || err.Error() != `no tile is named "nowhere"; name one with "tile name nowhere"` {
		t.Errorf("focus tile nowhere: %v", err)
	}
	e.run("tile name right")

	next := e.replacedBy()
	next.names = e.names
	next.run("focus tile editor")
	next.waitLayout("H[>T[a c*] T[]]")
	next.run("focus tile right")
	next.waitLayout("H[T[a c*] >T[]]")
	next.run("tile name") // takes it away
	if err := next.wm.Run("focus tile right"); err == nil {
		t.Error("focus tile right works after its name was taken away")
	}
}

// An empty named tile shows its name in its bar, in the colours of a tab that is not active; with
// a window in it, the bar shows the window; taking the name away leaves the bar plain.
func TestEmptyNamedTileShowsItsName(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("split right")
	e.run("tile name notes")
	var p layout.Placement
	e.wm.Model(func(m *layout.Model) {
		for _, q := range m.Layout(m.Screen(), m.Workspace()) {
			if q.Tile == m.Tile() {
				p = q
			}
		}
	})
	bar := image.Rect(p.Bar.X, p.Bar.Y, p.Bar.X+p.Bar.W, p.Bar.Y+p.Bar.H)
	waitRendered := func(tabs []x11.Tab) {
		t.Helper()
		want := image.NewRGBA(image.Rect(0, 0, bar.Dx(), bar.Dy()))
		e.wm.Do(func() { x11.RenderBar(want, tabs, true, &e.wm.look.bar) })
		xtest.Eventually(t, wait, func() (bool, string) {
			n := differing(want, e.screenImage(bar))
			return n == 0, fmt.Sprintf("%d pixels of the empty tile's bar differ from %+v drawn", n, tabs)
		})
	}
	waitRendered([]x11.Tab{{Title: "notes"}})
	e.run("tile name")
	waitRendered(nil)
	e.run("tile name notes")
	waitRendered([]x11.Tab{{Title: "notes"}})
	e.run("focus left")
	e.run("move-tab-to right")
	e.waitBar(a, []x11.Tab{{Title: "a", Active: true}})
}
