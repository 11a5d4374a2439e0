package wm

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

const rulesConfig = `
[[rules]]
class = "^Browser$"
workspace = 2

[[rules]]
title = "(?i)scratch"
float = true

[[rules]]
instance = "^term$"
tile = "terms"

[[rules]]
role = "^log$"
focus = false

[[rules]]
class = "^Browser$"
title = "Private"
workspace = 3
`

// startRules runs fion with the default config and text (rules) appended to it, from a file, so
// that reload reads it again.
func startRules(t *testing.T, text string) (*env, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fion.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return startOpts(t, xtest.Xvfb(t, "1280x800"), Options{Config: cfg, ConfigFlag: path}), path
}

// workspaceOf is the number (from 1) of the workspace holding client c on its screen.
func (e *env) workspaceOf(c *xtest.Client) int {
	n := 0
	e.wm.Model(func(m *layout.Model) {
		if loc, ok := m.Find(layoutID(c)); ok {
			n = loc.Workspace + 1
		} else if f := m.Floating(layoutID(c)); f != nil {
			_, wi := m.FloatHome(f)
			n = wi + 1
		}
	})
	return n
}

// Rules place new windows: by class on another workspace (the focus stays), by title floating, by
// instance into a named tile, by role behind the active tab without the keys; the last rule that
// sets an action wins; a window that names itself late is placed again; fionctl get rules counts.
func TestRulesPlaceWindows(t *testing.T) {
	e, _ := startRules(t, rulesConfig)
	if !strings.Contains(e.stderr.String(), `:10: rule 3: no tile is named "terms" now; the windows it matches go where they would without it until one is (tile name terms)`) {
		t.Errorf("fion did not warn of the tile no tile is named after:\n%s", e.stderr.String())
	}
	a := e.client("a")
	e.run("split right")
	e.run("tile name terms")
	e.run("focus left")

	browser := e.unseen("browser", xtest.ClientOpts{Title: "browser", Class: "Browser", Instance: "browser"})
	xtest.Eventually(t, wait, func() (bool, string) { return e.workspaceOf(browser) == 2, "the browser is not on workspace 2" })
	e.waitHidden(browser)
	e.waitFocus(a)

	private := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "Private browsing", Class: "Browser"})
	xtest.Eventually(t, wait, func() (bool, string) { return e.workspaceOf(private) == 3, "the private browser is not on workspace 3" })

	scratch := xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: "my Scratchpad"})
	xtest.Eventually(t, wait, func() (bool, string) {
		var floats bool
		e.wm.Model(func(m *layout.Model) { floats = m.Floating(layoutID(scratch)) != nil })
		return floats && scratch.Viewable(), "the scratchpad does not float"
	})
	scratch.Destroy() // the keys go back to the tiles
	e.waitFocus(a)

	term := e.client("term", xtest.ClientOpts{Title: "term", Instance: "term", Class: "XTerm"})
	e.waitLayout("H[>T[a*] T[term*]]") // it went to the tile named terms, on the right
	var inTerms bool
	e.wm.Model(func(m *layout.Model) {
		loc, _ := m.TileNamed("terms")
		inTerms = loc.Tile != nil && len(loc.Tile.Tabs) == 1 && loc.Tile.Tabs[0] == layoutID(term)
	})
	if !inTerms {
		t.Errorf("the terminal is not in the tile named terms: %s", e.layout())
	}

	e.unseen("log", xtest.ClientOpts{Title: "log", Role: "log"})
	e.waitLayout("H[>T[a* log] T[term*]]") // behind the active tab, which keeps the keys
	e.waitFocus(a)

	// A program that sets its class once mapped.
	late := e.client("late", xtest.ClientOpts{Title: "late"})
	e.waitLayout("H[>T[a late* log] T[term*]]")
	late.SetClass("browser", "Browser")
	xtest.Eventually(t, wait, func() (bool, string) { return e.workspaceOf(late) == 2, "the late browser is not on workspace 2" })
	e.waitLayout("H[>T[a* log] T[term*]]")

	reply, err := e.socket().Query("rules")
	if err != nil {
		t.Fatal(err)
	}
	var rules []RuleState
	if err := json.Unmarshal(reply, &rules); err != nil {
		t.Fatal(err)
	}
	got := []int{}
	for _, r := range rules {
		got = append(got, r.Windows)
	}
	if want := []int{3, 1, 1, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("get rules counts %v windows, want %v:\n%s", got, want, reply)
	}
	if rules[0].Match["class"] != "^Browser$" || rules[0].Actions["workspace"] != "2" || rules[0].Line != 2 {
		t.Errorf("get rules: %+v", rules[0])
	}
}

// unseen maps a new test window titled name that fion does not show where the test looks (it
// goes to another workspace, or behind a tab), and names it for layout strings.
func (e *env) unseen(name string, o xtest.ClientOpts) *xtest.Client {
	e.t.Helper()
	c := xtest.NewClient(e.t, e.srv.Display, o)
	e.mu.Lock()
	e.names[layout.ClientID(c.Win)] = name
	e.clients[name] = c
	e.mu.Unlock()
	return c
}

// A reload with a bad regular expression says where it is and keeps the rules in use.
func TestARuleWithABadRegexpOnReload(t *testing.T) {
	e, path := startRules(t, rulesConfig)
	if err := os.WriteFile(path, []byte("[[rules]]\nclass = \"(\"\nworkspace = 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := e.socket().Run("reload")
	want := path + ":2:9: rule 1 (line 1): class \"(\" is not a regular expression: missing closing ): `(`"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("reload: %v\nwant %s", err, want)
	}
	browser := e.unseen("browser", xtest.ClientOpts{Title: "browser", Class: "Browser"})
	xtest.Eventually(t, wait, func() (bool, string) { return e.workspaceOf(browser) == 2, "the old rules are not in use" })
}
