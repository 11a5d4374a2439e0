package wm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

func defaultConfig(t *testing.T) *config.Config {
	t.Helper()
	return config.Default()
}

func TestCloseAsksPolitelyAndKillDisconnects(t *testing.T) {
	e := start(t)
	polite := e.client("polite")
	e.press("Mod4+c")
	if _, err := polite.WaitMessage(wait, "WM_DELETE_WINDOW"); err != nil {
		t.Fatalf("no WM_DELETE_WINDOW: %v", err)
	}
	e.waitLayout(">T[polite*]") // it decides; fion does not force it
	rude := e.client("rude", xtest.ClientOpts{Title: "rude"})
	e.waitLayout(">T[polite rude*]")
	e.press("Mod4+c") // no WM_DELETE_WINDOW in its protocols: killed
	e.waitLayout(">T[polite*]")
	_ = rude
	e.run("kill")
	e.waitLayout(">T[]")
}

func TestWindowsThatLeaveAreForgotten(t *testing.T) {
	e := start(t)
	a := e.client("a")
	b := e.client("b")
	e.waitLayout(">T[a b*]")
	b.Destroy()
	e.waitLayout(">T[a*]")
	e.waitShown(a, e.placement(a).Client)
	c := e.client("c")
	c.Unmap()
	e.waitLayout(">T[a*]")
	xtest.Eventually(t, wait, func() (bool, string) {
		st, ok := c.WMState()
		return c.Parent() == c.Root && !ok, fmt.Sprintf("parent %#x WM_STATE %d %v", c.Parent(), st, ok)
	})
	// A hidden tab that withdraws (synthetic UnmapNotify to the root) is forgotten too.
	d := e.client("d")
	f := e.client("f")
	e.waitLayout(">T[a d f*]")
	e.waitHidden(d)
	d.Withdraw()
	e.waitLayout(">T[a f*]")
	_ = f
}

func TestHostileClientsDoNotHurtFion(t *testing.T) {
	e := start(t)
	huge := strings.Repeat("很长的标题 ", 10000)
	e.client("huge", xtest.ClientOpts{Title: huge})
	e.client("bad", xtest.ClientOpts{Title: "bad \xff\xfe utf-8 \xc3"})
	hints := &xtest.NormalHints{MinWidth: 65535, MinHeight: -5, MaxWidth: 1, MaxHeight: 0, WidthInc: -3, HeightInc: 0}
	absurd := e.client("absurd", xtest.ClientOpts{Title: "absurd", Hints: hints})
	e.waitLayout(">T[huge bad absurd*]")
	e.waitShown(absurd, e.placement(absurd).Client)
	// Windows that vanish right after mapping, many times over.
	for i := 0; i < 20; i++ {
		c := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "flash"})
		c.Destroy()
	}
	ok := e.client("ok")
	e.waitLayout(">T[huge bad absurd ok*]")
	e.waitFocus(ok)
	var title string
	e.wm.Do(func() { title = e.wm.clients[xproto.Window(ok.Win)].title() })
	if title != "ok" {
		t.Fatalf("title %q", title)
	}
}

func TestTitlesFollowTheClient(t *testing.T) {
	e := start(t)
	a := e.client("a")
	a.SetTitle("renamed ✓")
	xtest.Eventually(t, wait, func() (bool, string) {
		var title string
		e.wm.Do(func() { title = e.wm.clients[a.Win].title() })
		return title == "renamed ✓", title
	})
}

func TestWindowsAlreadyThereAreAdopted(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "early"})
	if err := a.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	e := startOn(t, srv, nil)
	e.mu.Lock()
	e.names[layoutID(a)] = "early"
	e.mu.Unlock()
	e.waitLayout(">T[early*]")
	e.waitShown(a, e.placement(a).Client)
	if a.Parent() == a.Root {
		t.Fatal("not reparented")
	}
}

func TestExitPutsEveryClientBackOnTheRoot(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+s")
	b := e.client("b")
	e.client("c") // b is a hidden tab
	// A dialog floating over a, hidden with it; a window that started fullscreen.
	d := e.client("d", xtest.ClientOpts{Title: "d", TransientFor: a.Win})
	v := e.client("v", xtest.ClientOpts{Title: "v", States: []string{"_NET_WM_STATE_FULLSCREEN"}})
	where := map[*xtest.Client]layout.Rect{a: rect(a), b: e.placement(b).Client, d: rect(d), v: rect(v)}
	e.press("Mod4+2")
	e.waitHidden(a)
	e.waitHidden(b)
	e.waitHidden(d)
	e.press("Mod4+Shift+e")
	if err := <-e.done; err != nil {
		t.Fatal(err)
	}
	e.done <- nil // for the cleanup
	for _, c := range []*xtest.Client{a, b, d, v} {
		if c.Parent() != c.Root || !c.Viewable() || rect(c) != where[c] {
			t.Errorf("%#x: parent %#x viewable %v at %+v, want on the root, mapped, at %+v", c.Win, c.Parent(), c.Viewable(), rect(c), where[c])
		}
	}
}
