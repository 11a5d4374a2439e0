package wm

import (
	"fmt"
	"image"
	"slices"
	"strings"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/keys"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// typeText types s through XTEST, one key at a time, as the user would.
func (e *env) typeText(s string) {
	e.t.Helper()
	for _, r := range s {
		sym, ok := keys.LookupKeysym(string(r))
		if r == ' ' {
			sym, ok = 0x20, true
		}
		if !ok {
			e.t.Fatalf("no keysym types %q", r)
		}
		xtest.KeySym(e.t, e.x, 0, sym)
	}
}

// promptOpen reports whether fion's prompt is open.
func (e *env) promptOpen() bool {
	open := false
	e.wm.Do(func() { open = e.wm.prompt != nil })
	return open
}

// waitPromptClosed waits until the prompt is closed and the keyboard given back.
func (e *env) waitPromptClosed() {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) { return !e.promptOpen(), "the prompt is still open" })
	e.wm.Sync()
}

// waitPrompt waits until the tab bar of c's tile shows exactly the prompt want, drawn as fion's
// bar style draws it: the typed text and the matching windows the user should read.
func (e *env) waitPrompt(c *xtest.Client, want x11.Prompt) {
	e.t.Helper()
	if want.Empty == "" {
		want.Empty = "no window matches"
	}
	r := e.barOf(c)
	img := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	e.wm.Do(func() { x11.RenderPrompt(img, &want, &e.wm.look.bar) })
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.screenImage(r)
		if n := differing(img, got); n > 0 {
			var shown x11.Prompt
			e.wm.Do(func() {
				if p := e.wm.prompt; p != nil {
					shown = p.drawn
				}
			})
			return false, fmt.Sprintf("%d of the %d pixels of the bar at %v differ from the prompt %+v; fion last drew %+v", n, r.Dx()*r.Dy(), r, want, shown)
		}
		return true, ""
	})
}

// keyPresses counts the KeyPress events client c got.
func keyPresses(c *xtest.Client) int {
	n := 0
	for _, ev := range c.Events() {
		if _, ok := ev.(xproto.KeyPressEvent); ok {
			n++
		}
	}
	return n
}

func TestQueryGotoShowsAWindowOnAnotherWorkspace(t *testing.T) {
	e := start(t)
	fox := e.client("Mozilla Firefox")
	e.run("move-tab-to-workspace 2")
	e.client("fish shell")
	term := e.client("xterm")
	e.press("Mod4+g")
	// Nothing typed: every window, the most recently focused first, the current one last.
	e.waitPrompt(term, x11.Prompt{Label: "goto", Items: []string{"fish shell", "Mozilla Firefox", "xterm"}})
	before := keyPresses(term) // Super, pressed for Mod4+g, went to the window
	e.typeText("fi")
	e.waitPrompt(term, x11.Prompt{Label: "goto", Text: "fi", Items: []string{"fish shell", "Mozilla Firefox"}})
	e.typeText("ref")
	e.waitPrompt(term, x11.Prompt{Label: "goto", Text: "firef", Items: []string{"Mozilla Firefox"}})
	e.wm.Sync()
	if n := keyPresses(term) - before; n != 0 {
		t.Errorf("the focused window got %d of the keys typed into the prompt", n)
	}
	e.press("Return")
	e.waitFocus(fox)
	e.waitLayout(">T[Mozilla Firefox*]")
	if e.promptOpen() {
		t.Errorf("the prompt is still open after Enter")
	}
}

func TestQueryArrowsTabAndBackSpace(t *testing.T) {
	e := start(t)
	e.client("alpha")
	e.client("beta")
	e.client("gamma")
	c := e.client("delta")
	e.press("Mod4+g")
	all := []string{"gamma", "beta", "alpha", "delta"}
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: all})
	for _, tt := range []struct {
		key string
		sel int
	}{{"Right", 1}, {"Down", 2}, {"Tab", 3}, {"Tab", 0}, {"Left", 3}, {"Up", 2}, {"Shift+Tab", 1}} {
		e.press(tt.key)
		e.waitPrompt(c, x11.Prompt{Label: "goto", Items: all, Selected: tt.sel})
	}
	// Typing selects the best match. alpha starts with a; the others have it inside a word, and come
	// in the order they had the keys.
	e.typeText("a")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Text: "a", Items: []string{"alpha", "gamma", "beta", "delta"}})
	e.typeText("x")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Text: "ax", Items: nil})
	e.press("BackSpace")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Text: "a", Items: []string{"alpha", "gamma", "beta", "delta"}})
	e.press("Right")
	e.press("Return")
	e.waitLayout(">T[alpha beta gamma* delta]")
}

func TestQueryAttachBringsAWindowIntoTheFocusedTile(t *testing.T) {
	e := start(t)
	e.client("bravo")
	e.run("move-tab-to-workspace 3")
	e.client("charlie")
	e.run("split right")
	a := e.client("alpha")
	e.press("Mod4+Shift+g")
	e.waitPrompt(a, x11.Prompt{Label: "attach", Items: []string{"charlie", "bravo", "alpha"}})
	e.typeText("bra")
	e.waitPrompt(a, x11.Prompt{Label: "attach", Text: "bra", Items: []string{"bravo"}})
	e.press("Return")
	e.waitLayout("H[T[charlie*] >T[alpha bravo*]]")
	e.waitFocus(e.clients["bravo"])
	var ws3 string
	e.wm.Model(func(m *layout.Model) { ws3 = m.Screen().Workspaces[2].Format(e.name) })
	if ws3 != ">T[]" {
		t.Errorf("workspace 3 is %s after its window was attached elsewhere, want >T[]", ws3)
	}
}

func TestQueryEscapeGivesTheKeysBack(t *testing.T) {
	e := start(t)
	c := e.client("editor")
	e.press("Mod4+g")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"editor"}})
	before := keyPresses(c) // Super, pressed for Mod4+g, went to the window
	e.typeText("q")
	e.wm.Sync()
	e.press("Escape")
	e.waitPromptClosed()
	if n := keyPresses(c) - before; n != 0 {
		t.Fatalf("the window got %d keys while the prompt was open", n)
	}
	e.waitBar(c, []x11.Tab{{Title: "editor", Active: true}})
	e.typeText("z")
	if _, err := c.WaitEvent(wait, func(ev xgb.Event) bool { _, ok := ev.(xproto.KeyPressEvent); return ok }); err != nil {
		t.Fatalf("a key typed after Escape did not reach the window: %v", err)
	}
	e.press("Mod4+s")
	e.waitLayout("H[T[editor*] >T[]]")
}

func TestQueryAClickElsewhereClosesIt(t *testing.T) {
	e := start(t)
	c := e.client("editor")
	e.press("Mod4+g")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"editor"}})
	r := rect(c)
	xtest.MovePointer(t, e.x, r.X+r.W/2, r.Y+r.H/2)
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.waitPromptClosed()
	e.waitBar(c, []x11.Tab{{Title: "editor", Active: true}})
	e.typeText("z")
	if _, err := c.WaitEvent(wait, func(ev xgb.Event) bool { _, ok := ev.(xproto.KeyPressEvent); return ok }); err != nil {
		t.Fatalf("a key typed after the click did not reach the window: %v", err)
	}
}

func TestQueryListFollowsWindowsClosing(t *testing.T) {
	e := start(t)
	e.client("alpha")
	e.client("beta")
	c := e.client("gamma")
	e.press("Mod4+g")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"beta", "alpha", "gamma"}})
	e.clients["beta"].Destroy() // the selected one
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"alpha", "gamma"}})
	e.press("Right")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"alpha", "gamma"}, Selected: 1})
	e.clients["alpha"].Destroy()
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"gamma"}})
	e.clients["gamma"].Destroy() // its own tile empties: the prompt stays, with nothing to list
	xtest.Eventually(t, wait, func() (bool, string) {
		var n int
		e.wm.Do(func() { n = len(e.wm.clients) })
		return n == 0, fmt.Sprintf("%d windows left", n)
	})
	e.press("Return")
	e.waitPromptClosed()
	e.press("Mod4+s")
	e.waitLayout("H[T[] >T[]]")
}

func TestQuerySurvivesHostileTitles(t *testing.T) {
	e := start(t)
	long := strings.Repeat("long title ", 1000)
	e.client(long)
	e.client("bad \xff\xfe utf-8")
	c := e.client("plain")
	var titles []string
	e.wm.Do(func() {
		for _, win := range e.wm.order {
			titles = append(titles, e.wm.clients[win].title())
		}
	})
	e.press("Mod4+g")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{titles[1], titles[0], "plain"}})
	e.typeText("tle")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Text: "tle", Items: []string{titles[0]}})
	e.press("Return")
	e.waitFocus(e.clients[long])
}

func TestQueryClosesWhenItsWorkspaceIsSwitchedOrReloaded(t *testing.T) {
	e := start(t)
	c := e.client("editor")
	for _, cmd := range []string{"workspace 2", "reload"} {
		e.run("workspace 1")
		e.press("Mod4+g")
		e.waitPrompt(c, x11.Prompt{Label: "goto", Items: []string{"editor"}})
		e.run(cmd) // as fionctl would, while the prompt holds the keyboard
		e.waitPromptClosed()
		e.press("Mod4+v") // a binding works again
		want := "V[T[editor*] >T[]]"
		if cmd == "workspace 2" {
			want = "V[T[] >T[]]"
		}
		e.waitLayout(want)
		e.run("remove-tile")
	}
}

func TestQueryOpenedAgainStartsAfresh(t *testing.T) {
	e := start(t)
	c := e.client("editor")
	e.run("query goto")
	e.typeText("ed")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Text: "ed", Items: []string{"editor"}})
	e.run("query attach")
	e.waitPrompt(c, x11.Prompt{Label: "attach", Items: []string{"editor"}})
	e.press("Escape")
	e.waitPromptClosed()
	e.waitBar(c, []x11.Tab{{Title: "editor", Active: true}})
}

func TestQueryGotoReachesAnotherScreen(t *testing.T) {
	e := startOn(t, xtest.Xephyr2(t), nil)
	left := e.client("left")
	e.run("screen 2")
	right := e.client("right")
	e.run("screen 1")
	e.waitFocus(left)
	e.press("Mod4+g")
	e.typeText("ri")
	e.waitPrompt(left, x11.Prompt{Label: "goto", Text: "ri", Items: []string{"right"}})
	e.press("Return")
	e.waitFocus(right)
	var screen int
	e.wm.Model(func(m *layout.Model) { screen = m.Current })
	if screen != 1 {
		t.Errorf("screen %d has the focus, want the second", screen+1)
	}
	if slices.Contains([]bool{e.promptOpen()}, true) {
		t.Errorf("the prompt is still open")
	}
}

func TestQueryIsGoneAfterARestart(t *testing.T) {
	e := start(t)
	c := e.client("editor")
	e.press("Mod4+g")
	e.typeText("ed")
	e.waitPrompt(c, x11.Prompt{Label: "goto", Text: "ed", Items: []string{"editor"}})
	next := e.replacedBy() // as restart does
	next.names[layoutID(c)] = "editor"
	next.waitBar(c, []x11.Tab{{Title: "editor", Active: true}})
	next.press("Mod4+s") // the keys are the new fion's
	next.waitLayout("H[T[editor*] >T[]]")
}

func TestQueryAttachTilesAFloatingWindow(t *testing.T) {
	e := start(t)
	d := e.client("notes")
	e.run("float on")
	xtest.Eventually(t, wait, func() (bool, string) {
		_, ok := d.Property("_FION_FLOATING")
		return ok, "float on did not mark the window floating"
	})
	e.run("workspace 2")
	c := e.client("editor")
	e.press("Mod4+Shift+g")
	e.typeText("no")
	e.waitPrompt(c, x11.Prompt{Label: "attach", Text: "no", Items: []string{"notes"}})
	e.press("Return")
	e.waitLayout(">T[editor notes*]")
	e.waitShown(d, e.placement(d).Client)
	if _, ok := d.Property("_FION_FLOATING"); ok {
		t.Errorf("the attached window is still marked floating for the next fion")
	}
}

func TestQueryWhileAnotherProgramHoldsTheKeyboard(t *testing.T) {
	e := start(t)
	e.client("editor")
	locker := xtest.Conn(t, e.srv.Display)
	g, err := xproto.GrabKeyboard(locker, false, e.root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
	if err != nil || g.Status != xproto.GrabStatusSuccess {
		t.Fatalf("the test could not take the keyboard: %v %v", g, err)
	}
	err = e.wm.Run("query goto")
	if err == nil || !strings.Contains(err.Error(), "cannot take the keyboard") {
		t.Fatalf("query goto with the keyboard held elsewhere: %v, want an error that says so", err)
	}
	if e.promptOpen() {
		t.Errorf("a prompt opened without the keyboard")
	}
}

func TestQueryAClickOnAListedWindowChoosesIt(t *testing.T) {
	e := start(t)
	a := e.client("alpha")
	e.run("move-tab-to-workspace 2")
	c := e.client("beta")
	e.press("Mod4+g")
	want := x11.Prompt{Label: "goto", Items: []string{"alpha", "beta"}, Empty: "no window matches"}
	e.waitPrompt(c, want)
	r := e.barOf(c)
	x := -1
	e.wm.Do(func() {
		for i := 0; i < r.Dx() && x < 0; i++ {
			if e.wm.look.bar.PromptItemAt(r.Dx(), &want, i) == 0 {
				x = i
			}
		}
	})
	if x < 0 {
		t.Fatalf("alpha is nowhere in the prompt %+v", want)
	}
	xtest.MovePointer(t, e.x, r.Min.X+x+2, r.Min.Y+r.Dy()/2)
	xtest.Button(t, e.x, 1, true)
	xtest.Button(t, e.x, 1, false)
	e.waitFocus(a)
	e.waitPromptClosed()
	e.waitLayout(">T[alpha*]")
}
