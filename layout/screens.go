package layout

import "slices"

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

// SetScreens follows a change of monitors. Screens are kept by Name (their
// Rect updated, and their Work from the reserved bands) and put in the order of specs; a new name gets a screen with
// fresh workspaces. Every client of a screen that disappears is handed to
// the focused tile of the current workspace of the first screen, so no
// client is lost. The focused screen stays focused if it remains, otherwise
// the first screen is. Empty specs are ignored: the model stays as is.
func (m *Model) SetScreens(specs []ScreenSpec) {
	if len(specs) == 0 {
		return
	}
	focused := m.Screen()
	kept := make([]bool, len(m.Screens))
	screens := make([]*Screen, 0, len(specs))
	for _, sp := range specs {
		i := m.unkeptScreen(sp.Name, kept)
		if i < 0 {
			screens = append(screens, m.newScreen(sp))
			continue
		}
		kept[i] = true
		m.Screens[i].Rect = sp.Rect
		m.updateWork(m.Screens[i])
		screens = append(screens, m.Screens[i])
	}
	heir := screens[0].Workspace().Focus
	for i, s := range m.Screens {
		if !kept[i] {
			for _, w := range s.Workspaces {
				w.handOver(heir)
			}
			m.rehome(s.Workspaces, screens[0].Workspace())
		}
	}
	m.Screens = screens
	m.Current = max(slices.Index(screens, focused), 0)
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

// SetWorkspaceNames applies a new list of workspace names (a config reload)
// to every screen: workspaces are renamed in order and missing ones added.
// If there are fewer names than workspaces, the extra workspaces are dropped
// and their clients, in order, go to the focused tile of the last kept
// workspace, so no client is lost; a screen showing a dropped workspace then
// shows that one. Screens that appear later get these names. An empty list
// is ignored.
func (m *Model) SetWorkspaceNames(names []string) {
	if len(names) == 0 {
		return
	}
	m.names = slices.Clone(names)
	for _, s := range m.Screens {
		m.nameWorkspaces(s, names)
	}
}

// nameWorkspaces gives s exactly one workspace per name.
func (m *Model) nameWorkspaces(s *Screen, names []string) {
	for i, name := range names {
		if i < len(s.Workspaces) {
			s.Workspaces[i].Name = name
		} else {
			s.Workspaces = append(s.Workspaces, m.newWorkspace(name))
		}
	}
	if len(s.Workspaces) == len(names) {
		return
	}
	last := s.Workspaces[len(names)-1]
	for _, w := range s.Workspaces[len(names):] {
		w.handOver(last.Focus)
	}
	m.rehome(s.Workspaces[len(names):], last)
	s.Workspaces = slices.Delete(s.Workspaces, len(names), len(s.Workspaces))
	s.Current = min(s.Current, len(names)-1)
}
