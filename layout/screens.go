package layout

import (
	"errors"
	"fmt"
	"slices"
)

// SwitchWorkspace shows workspace i (0-based) on the focused screen. It
// reports false if there is no such workspace.
func (m *Model) SwitchWorkspace(i int) bool {
	s := m.Screen()
	if i < 0 || i >= len(s.Workspaces) {
		return false
	}
	s.Current = i
	return true
}

// WorkspaceNext shows the next workspace on the focused screen, wrapping
// around.
func (m *Model) WorkspaceNext() {
	s := m.Screen()
	s.Current = (s.Current + 1) % len(s.Workspaces)
}

// WorkspacePrev shows the previous workspace on the focused screen,
// wrapping around.
func (m *Model) WorkspacePrev() {
	s := m.Screen()
	s.Current = (s.Current - 1 + len(s.Workspaces)) % len(s.Workspaces)
}

// SetScreens follows a change of monitors. Screens are kept by Name (their Rect updated, and
// their Work from the reserved bands) and put in the order of specs. Empty specs are ignored: the
// model stays as is.
//
// Nothing is merged: when a monitor goes away, its workspaces move whole, every tile, split, tab
// and floating window with them, to a remaining screen (the focused one when it remains, else the
// first), after that screen's own, where they are lodged: their Home still names their screen.
// When a screen of that name comes back, its workspaces go home, and it shows again the one it
// showed; a screen never seen gets fresh workspaces. The workspace that had the focus keeps it
// wherever it goes: a screen that takes it in shows it.
func (m *Model) SetScreens(specs []ScreenSpec) {
	if len(specs) == 0 {
		return
	}
	focused := m.Workspace()
	kept := make([]bool, len(m.Screens))
	screens := make([]*Screen, 0, len(specs))
	var added []*Screen
	for _, sp := range specs {
		i := m.unkeptScreen(sp.Name, kept)
		if i < 0 {
			s := &Screen{Name: sp.Name, Rect: sp.Rect, Work: workArea(sp.Rect, m.bands)}
			screens, added = append(screens, s), append(added, s)
			continue
		}
		kept[i] = true
		m.Screens[i].Rect = sp.Rect
		m.updateWork(m.Screens[i])
		screens = append(screens, m.Screens[i])
	}
	// The workspaces of the screens that went, their own and those lodged on them: new screens
	// take theirs home, the rest are lodged on a screen that stays.
	var homeless []*Workspace
	for i, s := range m.Screens {
		if kept[i] {
			continue
		}
		if m.away == nil {
			m.away = map[string]*Workspace{}
		}
		m.away[s.Name] = s.Workspace()
		homeless = append(homeless, s.Workspaces...)
	}
	for _, s := range added {
		homeless = m.comeHome(s, screens, homeless)
	}
	host := screens[0]
	if i := slices.Index(m.Screens, m.Screen()); kept[i] {
		host = m.Screens[i]
	}
	host.Workspaces = append(host.Workspaces, homeless...)
	m.Screens = screens
	for si, s := range screens {
		if wi := slices.Index(s.Workspaces, focused); wi >= 0 {
			m.Current, s.Current = si, wi
			return
		}
	}
	m.Current = 0 // not reached: the focused workspace is on some screen
}

// comeHome gives screen s, new in the model, its workspaces: those lodged on any other of screens,
// and those among homeless (the workspaces of screens that went) that belong to it, showing the
// one it showed when it went away; or, for a screen never seen, fresh ones. It returns the
// homeless workspaces left.
func (m *Model) comeHome(s *Screen, screens []*Screen, homeless []*Workspace) []*Workspace {
	for _, h := range screens {
		if h == s || len(h.Workspaces) == 0 { // another screen that is new too
			continue
		}
		shown := h.Workspace()
		stay := h.Workspaces[:0:0]
		for _, w := range h.Workspaces {
			if w.Home == s.Name && h.Lodged(w) { // never another screen's own (names may repeat)
				s.Workspaces = append(s.Workspaces, w)
			} else {
				stay = append(stay, w)
			}
		}
		h.Workspaces = stay
		h.Current = max(slices.Index(stay, shown), 0)
	}
	left := homeless[:0:0]
	for _, w := range homeless {
		if w.Home == s.Name {
			s.Workspaces = append(s.Workspaces, w)
		} else {
			left = append(left, w)
		}
	}
	if len(s.Workspaces) == 0 {
		for _, name := range m.names {
			s.Workspaces = append(s.Workspaces, m.newWorkspace(name, s.Name))
		}
	}
	s.Current = max(slices.Index(s.Workspaces, m.away[s.Name]), 0)
	delete(m.away, s.Name)
	return left
}

// unkeptScreen is the index of the first screen named name that is not yet
// kept, or -1. Taking the first unkept one pairs up screens that share a
// name in order.
func (m *Model) unkeptScreen(name string, kept []bool) int {
	for i, s := range m.Screens {
		if !kept[i] && s.Name == name {
			return i
		}
	}
	return -1
}

// handOver moves every client of w, in order, to tile heir.
func (w *Workspace) handOver(heir *Tile) {
	for _, t := range w.Tiles() {
		heir.adopt(t.Tabs, t.Active)
		t.Tabs, t.Active = nil, -1
	}
}

// MoveWorkspaceToScreen moves the workspace the focused screen shows, whole, to screen i
// (0-based), after that screen's own workspaces, where it belongs from now on; that screen shows it
// and gets the focus, and the screen it left shows its previous workspace. It reports why when it
// cannot: there is no screen i, it is the focused one, or the focused screen has no other
// workspace left to show.
func (m *Model) MoveWorkspaceToScreen(i int) error {
	from := m.Screen()
	switch {
	case i < 0 || i >= len(m.Screens):
		return fmt.Errorf("there is no screen %d: there are %d", i+1, len(m.Screens))
	case i == m.Current:
		return fmt.Errorf("the workspace is on screen %d already", i+1)
	case len(from.Workspaces) == 1:
		return errors.New("screen " + from.Name + " would have no workspace left; it keeps its last one")
	}
	w := from.Workspace()
	from.Workspaces = slices.Delete(from.Workspaces, from.Current, from.Current+1)
	from.Current = max(from.Current-1, 0)
	to := m.Screens[i]
	w.Home = to.Name
	to.Workspaces = append(to.Workspaces, w)
	to.Current = len(to.Workspaces) - 1
	m.Current = i
	return nil
}

// SetWorkspaceNames applies a new list of workspace names (a config reload)
// to every screen, and to the workspaces lodged there: workspaces are renamed
// in order and missing ones added. If there are fewer names than workspaces,
// the extra workspaces are dropped and their clients, in order, go to the
// focused tile of the last kept workspace of their screen, so no client is
// lost; a screen showing a dropped workspace then shows that one. Screens that
// appear later get these names. An empty list is ignored.
func (m *Model) SetWorkspaceNames(names []string) {
	if len(names) == 0 {
		return
	}
	m.names = slices.Clone(names)
	for _, s := range m.Screens {
		m.nameWorkspaces(s, names)
	}
}

// nameWorkspaces gives s exactly one workspace per name, and so each group of
// workspaces lodged on it (by Home, in the order they are there).
func (m *Model) nameWorkspaces(s *Screen, names []string) {
	shown := s.Workspace()
	homes := []string{s.Name}
	groups := map[string][]*Workspace{}
	for _, w := range s.Workspaces {
		if !slices.Contains(homes, w.Home) {
			homes = append(homes, w.Home)
		}
		groups[w.Home] = append(groups[w.Home], w)
	}
	var all []*Workspace
	for _, home := range homes {
		group := groups[home]
		if len(group) == 0 && home != s.Name {
			continue
		}
		for i, name := range names {
			if i < len(group) {
				group[i].Name = name
			} else {
				group = append(group, m.newWorkspace(name, home))
			}
		}
		last := group[len(names)-1]
		for _, w := range group[len(names):] {
			w.handOver(last.Focus)
			if w == shown {
				shown = last
			}
		}
		m.rehome(group[len(names):], last)
		all = append(all, group[:len(names)]...)
	}
	s.Workspaces = all
	s.Current = max(slices.Index(all, shown), 0)
}
