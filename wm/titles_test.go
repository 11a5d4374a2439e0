package wm

import (
	"encoding/json"
	"fmt"
	"image"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/x11"
)

// renderedBar is what fion's bar style draws for tabs in the bar of c's tile, and where that bar
// is on the screen. It is worked out before the change a test makes, so that waiting for it
// asks fion nothing: a call would make fion read the titles at once, and the test would not see
// whether fion reads the last title of a storm by itself.
func (e *env) renderedBar(c *xtest.Client, tabs []x11.Tab, focused bool) (image.Rectangle, *image.RGBA) {
	e.t.Helper()
	r := e.barOf(c)
	want := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	e.wm.Do(func() { x11.RenderBar(want, tabs, focused, &e.wm.look.bar) })
	return r, want
}

// waitPixels waits until rectangle r of the screen shows want, reading only the screen.
func (e *env) waitPixels(r image.Rectangle, want *image.RGBA, what string) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		if n := differing(want, e.screenImage(r)); n > 0 {
			return false, fmt.Sprintf("%d of the %d pixels of the bar at %v differ from %s", n, r.Dx()*r.Dy(), r, what)
		}
		return true, ""
	})
}

// A program that retitles a hidden tab many times a second (a browser, `top` in a terminal):
// fion reads the titles now and then, but the bar ends up showing the last one without anything
// else happening.
func TestTitleStormShowsTheLastTitle(t *testing.T) {
	e := start(t)
	a := e.client("a")
	b := e.client("b")
	e.waitLayout(">T[a b*]")
	const n = 300
	last := fmt.Sprintf("a, title %d of %d", n, n)
	r, want := e.renderedBar(b, []x11.Tab{{Title: last}, {Title: "b", Active: true}}, true)
	for i := 1; i <= n; i++ {
		a.SetTitle(fmt.Sprintf("a, title %d of %d", i, n))
	}
	e.waitPixels(r, want, "the last title of the storm in the hidden tab")
}

// The same for the tab the user looks at, in a tile without the focus: only its part of the bar
// changes, and the other tile's bar stays as it was.
func TestTitleStormInTheActiveTabOfAnotherTile(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("split right")
	b := e.client("b")
	e.waitLayout("H[T[a*] >T[b*]]")
	ra, wantA := e.renderedBar(a, []x11.Tab{{Title: "a: done", Active: true}}, false)
	rb, wantB := e.renderedBar(b, []x11.Tab{{Title: "b", Active: true}}, true)
	for i := range 100 {
		a.SetTitle(fmt.Sprintf("a: %d%%", i))
	}
	a.SetTitle("a: done")
	e.waitPixels(ra, wantA, "the last title in the tile without the focus")
	e.waitPixels(rb, wantB, "the focused tile's bar, which no title of its changed")
}

// A title that changes while its workspace is hidden shows when the user comes back to it.
func TestTitleChangedOnAHiddenWorkspace(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.client("b")
	e.waitLayout(">T[a b*]")
	e.run("workspace 2")
	a.SetTitle("a, changed while away")
	e.wm.Sync()
	e.run("workspace 1")
	e.waitBar(a, []x11.Tab{{Title: "a, changed while away"}, {Title: "b", Active: true}})
}

// A terminal sets its icon name with its title (xterm's OSC 0): the icon name changes nothing
// fion shows, and the bar still ends up with the last title.
func TestTitleStormWithIconNames(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.waitLayout(">T[a*]")
	const n = 200
	last := fmt.Sprintf("~/src: make %d", n)
	r, want := e.renderedBar(a, []x11.Tab{{Title: last, Active: true}}, true)
	iconName, err := xproto.InternAtom(a.Conn, false, uint16(len("WM_ICON_NAME")), "WM_ICON_NAME").Reply()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		title := fmt.Sprintf("~/src: make %d", i)
		xproto.ChangeProperty(a.Conn, xproto.PropModeReplace, a.Win, iconName.Atom, xproto.AtomString, 8, uint32(len(title)), []byte(title))
		a.SetTitle(title)
	}
	e.waitPixels(r, want, "the last title, set with the icon name")
	e.waitLayout(">T[a*]")
}

// Two tabs of one tile retitled together: the bar ends up with both last titles.
func TestTwoTabsRetitledTogether(t *testing.T) {
	e := start(t)
	a := e.client("a")
	b := e.client("b")
	e.waitLayout(">T[a b*]")
	r, want := e.renderedBar(b, []x11.Tab{{Title: "a 50"}, {Title: "b 50", Active: true}}, true)
	for i := 1; i <= 50; i++ {
		a.SetTitle(fmt.Sprintf("a %d", i))
		b.SetTitle(fmt.Sprintf("b %d", i))
	}
	e.waitPixels(r, want, "both tabs' last titles")
}

// The query prompt lists windows by title: one retitled while it is open shows its new title there,
// though nothing but titles changed.
func TestQueryPromptFollowsATitle(t *testing.T) {
	e := start(t)
	a := e.client("alpha")
	c := e.client("gamma")
	e.press("Mod4+g")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"alpha", "gamma"}})
	r := e.barOf(c)
	want := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	e.wm.Do(func() {
		x11.RenderPrompt(want, &x11.Prompt{Label: "goto", Items: []string{"alpha, renamed", "gamma"}, Empty: "no window matches"}, &e.wm.look.bar)
	})
	a.SetTitle("alpha, renamed")
	e.waitPixels(r, want, "the prompt listing the new title")
}

// stormUntilMuted retitles c until fion has stopped hearing of its property changes and polls them
// instead (mute), so that the test goes through that path; titles are named prefix N.
func (e *env) stormUntilMuted(c *xtest.Client, prefix string) (last string) {
	e.t.Helper()
	for round := 0; round < 40; round++ {
		for i := range 25 {
			last = fmt.Sprintf("%s %d", prefix, round*25+i)
			c.SetTitle(last)
		}
		var muted bool
		e.wm.Do(func() { muted = e.wm.clients[c.Win].muted })
		if muted {
			return last
		}
	}
	e.t.Fatalf("fion still hears of every title change of %#x after a storm of 1000", c.Win)
	return ""
}

// A window that storms its title is polled by fion rather than heard, and what else it changes
// meanwhile still shows: its urgency hint set in the middle of a storm colours its tab, and
// cleared in the middle of the next storm, no longer.
func TestUrgencyChangedDuringATitleStorm(t *testing.T) {
	e := start(t)
	a := e.client("a")
	b := e.client("b")
	e.waitLayout(">T[a b*]")
	for _, urgent := range []bool{true, false} {
		e.stormUntilMuted(a, "a")
		a.SetUrgent(urgent)
		last := fmt.Sprintf("a, urgent %v", urgent)
		r, want := e.renderedBar(b, []x11.Tab{{Title: last, Urgent: urgent}, {Title: "b", Active: true}}, true)
		for i := range 20 {
			a.SetTitle(fmt.Sprintf("a, after %d", i))
		}
		a.SetTitle(last)
		e.waitPixels(r, want, fmt.Sprintf("the storm's last title, urgent %v", urgent))
	}
}

// Once a storm is over, fion hears of the window's changes again: a title set long after shows.
func TestTitleAfterAStormShows(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.waitLayout(">T[a*]")
	e.stormUntilMuted(a, "a")
	xtest.Eventually(t, wait, func() (bool, string) {
		var muted bool
		e.wm.Do(func() { muted = e.wm.clients[a.Win].muted })
		return !muted, "fion still polls the properties of the window whose storm is over"
	})
	r, want := e.renderedBar(a, []x11.Tab{{Title: "a, calm again", Active: true}}, true)
	a.SetTitle("a, calm again")
	e.waitPixels(r, want, "a title set after the storm")
}

// A window destroyed in the middle of its title storm, while fion polls it, goes from its tile.
func TestWindowDestroyedInItsTitleStorm(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.client("b")
	e.waitLayout(">T[a b*]")
	e.stormUntilMuted(a, "a")
	a.Destroy()
	e.waitLayout(">T[b*]")
}

// A script that syncs with fion in the middle of a title storm then gets what X has of the window,
// not only its title: the urgency hint set just before, while fion polls the window.
func TestQueryInATitleStormSeesEveryProperty(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.client("b")
	e.waitLayout(">T[a b*]")
	e.stormUntilMuted(a, "a")
	storm := xtest.Conn(t, e.srv.Display)
	nameAtom, err := xproto.InternAtom(storm, false, uint16(len("_NET_WM_NAME")), "_NET_WM_NAME").Reply()
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() { // the storm goes on, from a connection of its own, until the test is done
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			title := fmt.Sprintf("a, storming %d", i)
			xproto.ChangeProperty(storm, xproto.PropModeReplace, a.Win, nameAtom.Atom, xproto.AtomString, 8, uint32(len(title)), []byte(title))
			xproto.GetInputFocus(storm).Reply() // one change at a time
		}
	}()
	defer func() { close(stop); <-stopped }()
	sock := e.socket()
	for round := range 10 {
		urgent := round%2 == 0
		a.SetUrgent(urgent)
		if err := sock.Sync(); err != nil {
			t.Fatal(err)
		}
		raw, err := sock.Query("tree")
		if err != nil {
			t.Fatal(err)
		}
		var tree any
		if err := json.Unmarshal(raw, &tree); err != nil {
			t.Fatalf("get tree: %v in %s", err, raw)
		}
		tab := findWindow(tree, uint32(a.Win))
		if tab == nil {
			t.Fatalf("get tree has no tab of %#x: %s", a.Win, raw)
		}
		if tab["urgent"] != urgent {
			t.Fatalf("round %d: get tree says urgent %v of the storming window just made urgent %v", round, tab["urgent"], urgent)
		}
	}
}

// findWindow is the object in a decoded JSON tree whose "window" is win, or nil.
func findWindow(v any, win uint32) map[string]any {
	switch v := v.(type) {
	case map[string]any:
		if id, ok := v["window"].(float64); ok && uint32(id) == win {
			return v
		}
		for _, child := range v {
			if found := findWindow(child, win); found != nil {
				return found
			}
		}
	case []any:
		for _, child := range v {
			if found := findWindow(child, win); found != nil {
				return found
			}
		}
	}
	return nil
}
