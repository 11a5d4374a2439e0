package wm

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

func (e *env) wmctrl(args ...string) string {
	e.t.Helper()
	cmd := exec.Command("wmctrl", args...)
	cmd.Env = e.srv.Env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		e.t.Fatalf("wmctrl %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestPagersSeeAndDriveFion(t *testing.T) {
	e := start(t)
	m := e.wmctrl("-m")
	if !strings.Contains(m, "Name: fion") {
		t.Fatalf("wmctrl -m: %s", m)
	}
	a := e.client("a")
	b := e.client("b")
	list := e.wmctrl("-l")
	if !strings.Contains(list, " a\n") || !strings.Contains(list, " b\n") {
		t.Fatalf("wmctrl -l does not list both windows:\n%s", list)
	}
	desks := e.wmctrl("-d")
	if n := strings.Count(desks, "\n"); n != 4 || !strings.Contains(desks, "screen:1") {
		t.Fatalf("wmctrl -d, want 4 desktops named SCREEN:WORKSPACE:\n%s", desks)
	}
	e.wmctrl("-s", "2")
	e.waitLayout(">T[]")
	e.waitHidden(a)
	e.wmctrl("-i", "-a", fmt.Sprintf("%#x", a.Win))
	e.waitLayout(">T[a* b]")
	e.waitFocus(a)
	e.wmctrl("-i", "-c", fmt.Sprintf("%#x", a.Win))
	if _, err := a.WaitMessage(wait, "WM_DELETE_WINDOW"); err != nil {
		t.Fatal(err)
	}
	if got := e.rootProp("_NET_SUPPORTED"); len(got) != len(supported) {
		t.Fatalf("_NET_SUPPORTED has %d atoms, want %d", len(got), len(supported))
	}
	d, ok := b.Property("_NET_WM_DESKTOP")
	if !ok || len(d) != 4 || d[0] != 0 {
		t.Fatalf("_NET_WM_DESKTOP of b = %v", d)
	}
}

func TestExecRunsAProgramThatLandsInTheFocusedTile(t *testing.T) {
	e := start(t)
	e.press("Mod4+s")
	e.waitLayout("H[T[] >T[]]")
	e.press("Mod4+Return") // exec xterm
	var xterm xproto.Window
	xtest.Eventually(t, 3*wait, func() (bool, string) {
		list := e.rootProp("_NET_CLIENT_LIST")
		if len(list) == 1 {
			xterm = xproto.Window(list[0])
		}
		return len(list) == 1, fmt.Sprint("clients ", list)
	})
	e.mu.Lock()
	e.names[layout.ClientID(xterm)] = "xterm"
	e.mu.Unlock()
	e.waitLayout("H[T[] >T[xterm*]]")
	g, err := xproto.GetGeometry(e.x, xproto.Drawable(xterm)).Reply()
	if err != nil {
		t.Fatal(err)
	}
	var area layout.Rect
	e.wm.Model(func(m *layout.Model) { area = m.Visible()[1].Client })
	// xterm takes whole character cells (WM_NORMAL_HINTS base size plus increments): it gets the
	// most cells that fit in the tile, centred in it (size_hints = "center").
	hints := e.windowProp(xterm, "WM_NORMAL_HINTS")
	if len(hints) < 17 || hints[0]&(1<<6) == 0 {
		t.Fatalf("xterm's WM_NORMAL_HINTS %v have no resize increments", hints)
	}
	incW, incH, baseW, baseH := int(hints[9]), int(hints[10]), int(hints[15]), int(hints[16])
	cells := func(size, base, inc, avail int) string {
		if (size-base)%inc != 0 || size > avail || size+inc <= avail {
			return fmt.Sprintf("%d is not the most whole cells of %d (base %d) in %d", size, inc, base, avail)
		}
		return ""
	}
	if msg := cells(int(g.Width), baseW, incW, area.W) + cells(int(g.Height), baseH, incH, area.H); msg != "" {
		t.Fatalf("xterm is %dx%d in a %dx%d tile: %s", g.Width, g.Height, area.W, area.H, msg)
	}
	got := rect(xtest.Existing(t, e.x, xterm))
	if wantX, wantY := area.X+(area.W-int(g.Width))/2, area.Y+(area.H-int(g.Height))/2; got.X != wantX || got.Y != wantY {
		t.Fatalf("xterm is at %d,%d, want it centred in its tile at %d,%d", got.X, got.Y, wantX, wantY)
	}
	e.press("Mod4+c")
	e.waitLayout("H[T[] >T[]]")
}

func TestReloadAppliesANewConfigAndKeepsTheOldOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fion.toml")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("[keys]\n\"Mod4+s\" = \"split right\"\n\"Mod4+Shift+r\" = \"reload\"\n")
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := xtest.Xvfb(t, "1280x800")
	e := startOn(t, srv, cfg)
	e.wm.Do(func() { e.wm.opts.ConfigFlag = path })
	a := e.client("a")
	write("workspaces = [\"one\", \"two\"]\nbar_height = 40\nborder = 3\n[keys]\n\"Mod4+d\" = \"split down\"\n\"Mod4+Shift+r\" = \"reload\"\n")
	e.press("Mod4+Shift+r")
	e.press("Mod4+d") // the keyboard is held while fion regrabs: no race with the reload
	e.waitLayout("V[T[a*] >T[]]")
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(a)
		return r.Y == 3+40 && r.X == 3, fmt.Sprintf("after a reload with bar_height 40 and border 3, a is at %+v", r)
	})
	e.press("Mod4+s") // no longer bound
	write("[keys]\n\"Mod4+d\" = \"splt down\"\n")
	if err := e.wm.Run("reload"); err == nil || !strings.Contains(err.Error(), "fion.toml:2:") {
		t.Fatalf("reload of a bad config: %v, want an error naming the line", err)
	}
	e.press("Mod4+d")
	e.waitLayout("V[T[a*] V[T[] >T[]]]")
	desks := e.wmctrl("-d")
	if !strings.Contains(desks, "screen:one") || strings.Count(desks, "\n") != 2 {
		t.Fatalf("desktops after reload:\n%s", desks)
	}
}

// A batch that changes nothing a pager shows rewrites no EWMH property: a pager or a bar wakes only
// for news.
func TestNoRewriteWithoutChange(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.run("split right")
	b := e.client("b")
	e.run("focus left")
	e.waitFocus(a)
	watcher := xtest.Conn(t, e.srv.Display)
	for _, win := range []xproto.Window{e.root, a.Win, b.Win} {
		xproto.ChangeWindowAttributes(watcher, win, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
	}
	events := xtest.RecordEvents(watcher)
	xproto.GetInputFocus(watcher).Reply() // the selection is in place before fion's next batch

	e.run("workspace 1") // the workspace shown: a full batch that changes nothing
	e.run("focus left")  // nothing to the left: the focus stays
	// The server handled every request of those batches before they returned: the events they
	// caused reach the watcher before that of a property it writes now.
	mark := e.wm.x.Atom("_FION_TIMESTAMP")
	xproto.ChangeProperty(watcher, xproto.PropModeAppend, e.root, mark, xproto.AtomString, 8, 0, nil)
	if _, err := events.Wait(wait, func(ev xgb.Event) bool {
		p, ok := ev.(xproto.PropertyNotifyEvent)
		return ok && p.Atom == mark
	}); err != nil {
		t.Fatal(err)
	}
	for _, ev := range events.All() {
		if p, ok := ev.(xproto.PropertyNotifyEvent); ok && p.Atom != mark {
			r, _ := xproto.GetAtomName(watcher, p.Atom).Reply()
			t.Errorf("window %#x's %s was written though nothing changed", p.Window, r.Name)
		}
	}
	e.run("focus right")
	if _, err := events.Wait(wait, func(ev xgb.Event) bool {
		p, ok := ev.(xproto.PropertyNotifyEvent)
		return ok && p.Window == e.root && p.Atom == e.wm.x.Atom("_NET_ACTIVE_WINDOW")
	}); err != nil {
		t.Errorf("_NET_ACTIVE_WINDOW not written when the focus moved: %v", err)
	}
}
