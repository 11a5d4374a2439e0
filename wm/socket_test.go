package wm

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
)

func TestSocketRunsBatchesInOrderAndStopsAtTheFirstError(t *testing.T) {
	e := start(t)
	e.client("a")
	c := e.socket()
	reply, err := c.Do(ipc.Request{V: 1, ID: 7, Type: "run", Commands: []string{"split right", "splt down", "focus left"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `unknown command "splt" at 1:1; did you mean "split"?`
	if reply.OK || reply.ID != 7 || reply.Error != want || reply.Index == nil || *reply.Index != 1 {
		t.Fatalf("reply %+v (index %v), want error %q at index 1", reply, reply.Index, want)
	}
	if got := e.layout(); got != "H[T[a*] >T[]]" { // split ran, focus left did not
		t.Fatalf("layout %s", got)
	}
	if err := c.Run("focus left", "split down"); err != nil {
		t.Fatal(err)
	}
	if got := e.layout(); got != "H[V[T[a*] >T[]] T[]]" {
		t.Fatalf("layout %s", got)
	}
	if err := c.Run("workspace 9"); err == nil || !strings.Contains(err.Error(), "there is no workspace 9") {
		t.Fatalf("workspace 9: %v", err)
	}
}

func TestSyncMakesScriptsRaceFree(t *testing.T) {
	e := start(t)
	c := e.socket()
	for i := 0; i < 10; i++ {
		a := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: fmt.Sprint("w", i)})
		xproto.GetInputFocus(a.Conn).Reply() // the map request has reached the server
		if err := c.Sync(); err != nil {
			t.Fatal(err)
		}
		var focused TabState
		raw, err := c.Query("focused")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &focused); err != nil || focused.Window != uint32(a.Win) {
			t.Fatalf("after sync the focused client is %s, want %#x", raw, a.Win)
		}
	}
}

func TestSocketQueries(t *testing.T) {
	e := start(t)
	a := e.client("a", xtest.ClientOpts{Title: "a", Class: "Term", Instance: "term"})
	e.press("Mod4+s")
	e.client("b")
	c := e.socket()
	var tree Tree
	query(t, c, "tree", &tree)
	if len(tree.Screens) != 1 || len(tree.Screens[0].Workspaces) != 4 {
		t.Fatalf("tree: %+v", tree)
	}
	ws := tree.Screens[0].Workspaces[0]
	if !ws.Focused || ws.Layout == nil || ws.Layout.Split != "horizontal" || len(ws.Layout.Children) != 2 {
		t.Fatalf("workspace 1: %+v", ws)
	}
	left := ws.Layout.Children[0].Tile
	if left == nil || len(left.Tabs) != 1 || left.Tabs[0].Window != uint32(a.Win) || left.Tabs[0].Class != "Term" ||
		left.Tabs[0].Instance != "term" || !left.Tabs[0].Active || left.Focused {
		t.Fatalf("left tile: %+v", left)
	}
	if r := rect(a); left.Tabs[0].Geometry != geometry(r) {
		t.Fatalf("tab geometry %+v, client is at %+v", left.Tabs[0].Geometry, r)
	}
	var screens []ScreenState
	query(t, c, "screens", &screens)
	if len(screens) != 1 || screens[0].Geometry != (Geometry{0, 0, 1280, 800}) || screens[0].Workspaces[0].Layout != nil {
		t.Fatalf("screens: %+v", screens)
	}
	var workspaces []WorkspaceState
	query(t, c, "workspaces", &workspaces)
	if len(workspaces) != 4 || workspaces[1].Name != "2" || workspaces[1].Visible {
		t.Fatalf("workspaces: %+v", workspaces)
	}
	var bindings []Binding
	query(t, c, "bindings", &bindings)
	found := false
	for _, b := range bindings {
		found = found || (b.Keys == "Mod4+s" && b.Command == "split right")
	}
	if !found || len(bindings) < 50 {
		t.Fatalf("bindings (%d) lack Mod4+s: %+v", len(bindings), bindings)
	}
	var version map[string]any
	query(t, c, "version", &version)
	if version["version"] != "test" || version["protocol"] != float64(1) {
		t.Fatalf("version: %v", version)
	}
	var cfg map[string]any
	query(t, c, "config", &cfg)
	if cfg["default"] != true {
		t.Fatalf("config: %v", cfg)
	}
}

func query(t *testing.T, c *ipc.Client, what string, v any) {
	t.Helper()
	raw, err := c.Query(what)
	if err != nil {
		t.Fatalf("query %s: %v", what, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("query %s: %v\n%s", what, err, raw)
	}
}

// next reads events until one named name arrives.
func next(t *testing.T, c *ipc.Client, name string) ipc.Event {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		ev, err := c.Next()
		if err != nil {
			t.Fatalf("waiting for %s: %v", name, err)
		}
		if ev.Event == name {
			return ev
		}
	}
	t.Fatalf("no %s event", name)
	return ipc.Event{}
}

func TestSocketEvents(t *testing.T) {
	e := start(t)
	sub := e.socket()
	if err := sub.Subscribe(); err != nil {
		t.Fatal(err)
	}
	a := e.client("a")
	var ce ClientEvent
	ev := next(t, sub, "client.new")
	json.Unmarshal(ev.Data, &ce)
	if ce.Window != uint32(a.Win) || ce.Title != "a" {
		t.Fatalf("client.new %s", ev.Data)
	}
	next(t, sub, "client.focus")
	a.SetTitle("renamed")
	ev = next(t, sub, "client.title")
	if !strings.Contains(string(ev.Data), "renamed") {
		t.Fatalf("client.title %s", ev.Data)
	}
	e.press("Mod4+s")
	ev = next(t, sub, "binding.run")
	if !strings.Contains(string(ev.Data), `"keys":"Mod4+s"`) || !strings.Contains(string(ev.Data), `"command":"split right"`) {
		t.Fatalf("binding.run %s", ev.Data)
	}
	next(t, sub, "tile.split")
	e.run("resize left 20")
	next(t, sub, "tile.resize")
	e.run("focus left")
	e.run("move-tab-to right")
	next(t, sub, "tab.move")
	e.run("workspace 2")
	ev = next(t, sub, "workspace.switch")
	if !strings.Contains(string(ev.Data), `"number":2`) {
		t.Fatalf("workspace.switch %s", ev.Data)
	}
	e.run("workspace 1")
	e.run("remove-tile")
	next(t, sub, "tile.remove")
	e.run("reload")
	next(t, sub, "config.reload")
	b := e.client("b")
	next(t, sub, "client.new")
	// Urgency: WM_HINTS with the urgency flag.
	hints := make([]byte, 36)
	hints[1] = 1 // flags: 1<<8 XUrgencyHint
	at, _ := xproto.InternAtom(a.Conn, false, 8, "WM_HINTS").Reply()
	xproto.ChangeProperty(a.Conn, xproto.PropModeReplace, a.Win, at.Atom, at.Atom, 32, 9, hints)
	ev = next(t, sub, "client.urgent")
	if !strings.Contains(string(ev.Data), `"urgent":true`) {
		t.Fatalf("client.urgent %s", ev.Data)
	}
	b.Destroy()
	next(t, sub, "client.close")
	out, err := exec.Command("xrandr", "-display", e.srv.Display, "--setmonitor", "extra", "640/100x400/100+640+0", "none").CombinedOutput()
	if err != nil {
		t.Fatalf("xrandr --setmonitor: %v %s", err, out)
	}
	ev = next(t, sub, "screen.add")
	if !strings.Contains(string(ev.Data), `"name":"extra"`) {
		t.Fatalf("screen.add %s", ev.Data)
	}
	exec.Command("xrandr", "-display", e.srv.Display, "--delmonitor", "extra").Run()
	next(t, sub, "screen.remove")
	e.run("exit")
	next(t, sub, "shutdown")
	<-e.done
	e.done <- nil
}

func TestEventsCarryIncreasingSequenceNumbers(t *testing.T) {
	e := start(t)
	sub := e.socket()
	if err := sub.Subscribe("tile"); err != nil {
		t.Fatal(err)
	}
	e.client("a")
	var last uint64
	for i := 0; i < 3; i++ {
		e.run("split right")
		ev := next(t, sub, "tile.split")
		if ev.Seq <= last {
			t.Fatalf("seq %d after %d", ev.Seq, last)
		}
		last = ev.Seq
	}
}
