package wm

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// The rules of the config ([[rules]], package config) place new windows and say how they show.
// Every rule that matches a window applies, in file order; for each action the last rule that
// sets it wins. A window is matched when it maps, and again when its class, instance, role or
// title changes within ruleRecheck of that (programs that set them late): when other rules match
// then, it is placed again.

// ruleRecheck is how long after a window maps a change of its class, role or title matches it
// against the rules again.
const ruleRecheck = 2 * time.Second

// windowType is a window's type as rules name it: the first of its _NET_WM_WINDOW_TYPE that fion
// knows, else "dialog" for a transient window and "normal" for any other.
func windowType(p x11.ClientProps) string {
	for _, t := range p.Types {
		if name := strings.ToLower(strings.TrimPrefix(t, "_NET_WM_WINDOW_TYPE_")); slices.Contains(config.WindowTypes, name) {
			return name
		}
	}
	if p.TransientFor != 0 {
		return "dialog"
	}
	return "normal"
}

// matches reports whether rule r matches a window with properties p.
func matches(r *config.Rule, p x11.ClientProps) bool {
	switch {
	case r.Class != nil && !r.Class.MatchString(p.Class),
		r.Instance != nil && !r.Instance.MatchString(p.Instance),
		r.Title != nil && !r.Title.MatchString(p.Title),
		r.Role != nil && !r.Role.MatchString(p.Role),
		r.Type != "" && windowType(p) != r.Type:
		return false
	}
	return true
}

// ruling is what the rules that match a window say, combined.
type ruling struct {
	matched                 []int // the rules, by index in the config
	screen, workspace, tile string
	float, full, focus      *bool
}

// rulesFor combines the rules that match a window with properties p.
func (w *WM) rulesFor(p x11.ClientProps) ruling {
	var r ruling
	for i := range w.cfg.Rules {
		rule := &w.cfg.Rules[i]
		if !matches(rule, p) {
			continue
		}
		r.matched = append(r.matched, i)
		for _, s := range []struct {
			dst *string
			v   string
		}{{&r.screen, rule.Screen}, {&r.workspace, rule.Workspace}, {&r.tile, rule.Tile}} {
			if s.v != "" {
				*s.dst = s.v
			}
		}
		for _, b := range []struct {
			dst **bool
			v   *bool
		}{{&r.float, rule.Float}, {&r.full, rule.Fullscreen}, {&r.focus, rule.Focus}} {
			if b.v != nil {
				*b.dst = b.v
			}
		}
	}
	return r
}

// applyRules changes placement p of a new window as the rules that match it say, and counts them.
func (w *WM) applyRules(c *client, p *placement) {
	r := w.rulesFor(c.props)
	c.rules = r.matched
	if len(r.matched) == 0 {
		return
	}
	for _, i := range r.matched {
		w.ruleHits[i]++
	}
	p.why = "rule " + strconv.Itoa(r.matched[len(r.matched)-1]+1)
	if r.screen != "" || r.workspace != "" || r.tile != "" {
		p.back = false // a rule's place wins over a remembered one
	}
	si := -1
	if r.screen != "" {
		if i, ok := w.screenNamed(r.screen); ok {
			si = i
			s := w.model.Screens[i]
			p.ws, p.tile = s.Workspace(), nil
		} else {
			w.debug.Printf("rules: no screen %q now", r.screen)
		}
	}
	if r.workspace != "" {
		if ws, ok := w.workspaceNamed(r.workspace, si); ok {
			p.ws, p.tile = ws, nil
		} else {
			w.debug.Printf("rules: no workspace %q now", r.workspace)
		}
	}
	if r.tile != "" {
		if loc, ok := w.model.TileNamed(r.tile); ok {
			p.ws, p.tile = w.model.Screens[loc.Screen].Workspaces[loc.Workspace], loc.Tile
		} else {
			w.debug.Printf("rules: no tile is named %q now", r.tile)
		}
	}
	if r.full != nil {
		p.full = *r.full
	}
	if r.float != nil {
		p.float = *r.float && !p.full
	}
	p.keys = p.ws == w.model.Workspace()
	if r.focus != nil {
		p.show, p.quiet = *r.focus, !*r.focus
	}
}

// screenNamed finds a rule's screen: a number from 1 in the order of the screens, or a name.
func (w *WM) screenNamed(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1 && n <= len(w.model.Screens)
	}
	for i, sc := range w.model.Screens {
		if sc.Name == s {
			return i, true
		}
	}
	return 0, false
}

// workspaceNamed finds a rule's workspace on screen si (-1: the focused screen for a number; for
// a name, the focused screen's first, then every screen's): a number from 1 or a name.
func (w *WM) workspaceNamed(s string, si int) (*layout.Workspace, bool) {
	screens := w.model.Screens
	if si < 0 {
		si = w.model.Current
	}
	if n, err := strconv.Atoi(s); err == nil {
		wss := screens[si].Workspaces
		if n >= 1 && n <= len(wss) {
			return wss[n-1], true
		}
		return nil, false
	}
	order := append([]*layout.Screen{screens[si]}, screens...)
	for _, sc := range order {
		for _, ws := range sc.Workspaces {
			if ws.Name == s {
				return ws, true
			}
		}
	}
	return nil, false
}

// recheckRules matches client c against the rules again after its class, role or title changed,
// within ruleRecheck of its mapping; when other rules match now, it is placed again.
func (w *WM) recheckRules(c *client) {
	if len(w.cfg.Rules) == 0 || time.Since(c.managed) > ruleRecheck || w.clients[c.win] != c {
		return
	}
	if slices.Equal(w.rulesFor(c.props).matched, c.rules) {
		return
	}
	k := kindOf(c.props, c.win)
	if k != kindTiled && k != kindFloat {
		return
	}
	full := w.fullscreen(c)
	w.debug.Printf("rules: %#x matches other rules now (class %q, title %q): placed again", c.win, c.props.Class, c.props.Title)
	w.model.Forget(c.id())
	w.put(c, w.placeNew(c, k, full), false)
}

// RuleState is one rule in `fionctl get rules`: where it is written, what it matches, what it
// does, and how many windows it matched so far.
type RuleState struct {
	Rule    int               `json:"rule"` // its place among the rules, from 1
	Line    int               `json:"line"`
	Match   map[string]string `json:"match"`
	Actions map[string]any    `json:"actions"`
	Windows int               `json:"windows"`
}

// ruleStates lists the rules for the rules query.
func (w *WM) ruleStates() []RuleState {
	out := []RuleState{}
	for i, r := range w.cfg.Rules {
		st := RuleState{Rule: i + 1, Line: r.Line, Match: map[string]string{}, Actions: map[string]any{}, Windows: w.ruleHits[i]}
		for _, m := range []struct {
			name string
			re   *regexp.Regexp
		}{{"class", r.Class}, {"instance", r.Instance}, {"title", r.Title}, {"role", r.Role}} {
			if m.re != nil {
				st.Match[m.name] = m.re.String()
			}
		}
		if r.Type != "" {
			st.Match["type"] = r.Type
		}
		for name, v := range map[string]string{"screen": r.Screen, "workspace": r.Workspace, "tile": r.Tile} {
			if v != "" {
				st.Actions[name] = v
			}
		}
		for name, v := range map[string]*bool{"float": r.Float, "fullscreen": r.Fullscreen, "focus": r.Focus} {
			if v != nil {
				st.Actions[name] = *v
			}
		}
		out = append(out, st)
	}
	return out
}

// warnRules says, for each rule that places windows in a tile no tile is named after now, that its
// windows go elsewhere until one is: not a mistake of the config (the tile may be named later, or
// come with a saved layout), but worth a line when it is read.
func (w *WM) warnRules() {
	for i, r := range w.cfg.Rules {
		if r.Tile == "" {
			continue
		}
		if _, ok := w.model.TileNamed(r.Tile); !ok {
			w.log.Printf("%s:%d: rule %d: no tile is named %q now; the windows it matches go where they would without it until one is (tile name %s)",
				describe(w.cfg), r.Line, i+1, r.Tile, r.Tile)
		}
	}
}
