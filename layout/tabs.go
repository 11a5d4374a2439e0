package layout

import "slices"

// insert adds c as the active tab right after the current active tab. A window coming in makes
// the tile forget the windows it remembers (see Return).
func (t *Tile) insert(c ClientID) {
	t.Remembers = nil
	i := t.Active + 1
	t.Tabs = slices.Insert(t.Tabs, i, c)
	t.Active = i
}

// adopt appends tabs taken from another tile, keeping t's active tab. An
// empty t takes over the other tile's active tab (active indexes tabs).
func (t *Tile) adopt(tabs []ClientID, active int) {
	if len(tabs) == 0 {
		return
	}
	t.Remembers = nil
	if len(t.Tabs) == 0 {
		t.Active = min(max(active, 0), len(tabs)-1)
	}
	t.Tabs = append(t.Tabs, tabs...)
}

// removeAt drops tab i. If it was the active tab, the tab left of it becomes
// active (or the new first one); otherwise the active client stays active.
func (t *Tile) removeAt(i int) ClientID {
	c := t.Tabs[i]
	t.Tabs = slices.Delete(t.Tabs, i, i+1)
	switch {
	case len(t.Tabs) == 0:
		t.Active = -1
	case i < t.Active:
		t.Active--
	case i == t.Active:
		t.Active = max(i-1, 0)
	}
	return c
}

// Add makes client c the new active tab of the focused tile, right after
// the current active tab. A client that is already managed stays where it is.
func (m *Model) Add(c ClientID) { m.AddTo(m.Tile(), c) }

// AddTo makes client c the new active tab of tile t, right after its current
// active tab. If t is not part of the model (nil, or removed meanwhile) the
// focused tile takes c instead, so that no client goes unmanaged. A client
// that is already managed stays where it is.
func (m *Model) AddTo(t *Tile, c ClientID) {
	if _, ok := m.Find(c); ok {
		return
	}
	if _, ok := m.locateTile(t); !ok {
		t = m.Tile()
	}
	t.insert(c)
}

// AddBehind adds client c to tile t right after its active tab, without making it active (unless
// t is empty): a window that must not take the keys. Like AddTo, it falls back to the focused tile
// and leaves a managed client where it is.
func (m *Model) AddBehind(t *Tile, c ClientID) {
	if _, ok := m.Find(c); ok {
		return
	}
	if _, ok := m.locateTile(t); !ok {
		t = m.Tile()
	}
	if t.Active < 0 {
		t.insert(c)
		return
	}
	t.Remembers = nil
	t.Tabs = slices.Insert(t.Tabs, t.Active+1, c)
}

// Remove stops managing client c. If c was its tile's active tab, the tab
// left of it (or the new first one) becomes active. It reports false if c is
// not managed.
func (m *Model) Remove(c ClientID) bool {
	loc, ok := m.Find(c)
	if !ok {
		return false
	}
	loc.Tile.removeAt(loc.Index)
	return true
}

// Activate makes c the active tab of its tile, focuses that tile, shows its
// workspace on its screen and focuses that screen. It reports false if c is
// not managed.
func (m *Model) Activate(c ClientID) bool {
	loc, ok := m.Find(c)
	if !ok {
		return false
	}
	loc.Tile.Active = loc.Index
	m.Screens[loc.Screen].Current = loc.Workspace
	m.focus(loc.Screen, loc.Tile)
	return true
}

// TabNext makes the next tab of the focused tile active, wrapping around.
func (m *Model) TabNext() { m.Tile().cycle(1) }

// TabPrev makes the previous tab of the focused tile active, wrapping
// around.
func (m *Model) TabPrev() { m.Tile().cycle(-1) }

// cycle moves the active tab by step, wrapping around.
func (t *Tile) cycle(step int) {
	if n := len(t.Tabs); n > 0 {
		t.Active = ((t.Active+step)%n + n) % n
	}
}

// TabSelect makes tab i (0-based) of the focused tile active. It reports
// false if there is no such tab.
func (m *Model) TabSelect(i int) bool {
	t := m.Tile()
	if i < 0 || i >= len(t.Tabs) {
		return false
	}
	t.Active = i
	return true
}

// MoveTab swaps the active tab of the focused tile with its neighbour on
// side d (Left or Right, no wrapping); the moved tab stays active. It
// reports false if there is no neighbour there, or d is Up or Down.
func (m *Model) MoveTab(d Dir) bool {
	t := m.Tile()
	j := t.Active
	switch d {
	case Left:
		j--
	case Right:
		j++
	default:
		return false
	}
	if t.Active < 0 || j < 0 || j >= len(t.Tabs) {
		return false
	}
	t.Tabs[t.Active], t.Tabs[j] = t.Tabs[j], t.Tabs[t.Active]
	t.Active = j
	return true
}

// MoveTabTo moves the active tab of the focused tile into the neighbouring
// tile in direction d (found as Focus finds it, across screens too), where it
// becomes the active tab; that tile and its screen get focus. It reports
// false if the focused tile is empty or has no neighbour in d.
func (m *Model) MoveTabTo(d Dir) bool {
	from := m.Tile()
	if from.Active < 0 {
		return false
	}
	si, to, ok := m.neighbour(d)
	if !ok {
		return false
	}
	to.insert(from.removeAt(from.Active))
	m.focus(si, to)
	return true
}

// MoveTabToWorkspace moves the active tab of the focused tile to workspace i
// (0-based) of the focused screen, appended as the active tab of that
// workspace's focused tile. Focus stays on the current workspace. It reports
// false if the focused tile is empty, i is out of range or already current.
func (m *Model) MoveTabToWorkspace(i int) bool {
	s := m.Screen()
	from := m.Tile()
	if from.Active < 0 || i < 0 || i >= len(s.Workspaces) || i == s.Current {
		return false
	}
	to := s.Workspaces[i].Focus
	to.Remembers = nil
	to.Tabs = append(to.Tabs, from.removeAt(from.Active))
	to.Active = len(to.Tabs) - 1
	return true
}
