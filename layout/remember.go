package layout

import "slices"

// Remembered places: a tile remembers who the windows were that closed in it (their identity:
// class, instance, role), so that a program closed and started again comes back to its own tile.
// A tile keeps its memory while nothing but the windows it remembers comes into it: any other
// window put there (a new one, a tab moved in, the tabs of a removed tile) makes it forget.

// Identity is what a window says of itself that stays the same from one run of its program to the
// next: WM_CLASS and WM_WINDOW_ROLE.
type Identity struct {
	Class, Instance, Role string
}

// maxRemembered is how many identities a tile remembers: the most recent ones.
const maxRemembered = 8

// maxIdentityField bounds each string of an Identity, in bytes.
const maxIdentityField = 256

// Remember notes, before client c goes away, that its tile held a window of identity id. A
// floating client, or an empty identity, is not remembered.
func (m *Model) Remember(c ClientID, id Identity) {
	loc, ok := m.Find(c)
	if !ok || id == (Identity{}) || len(id.Class) > maxIdentityField || len(id.Instance) > maxIdentityField || len(id.Role) > maxIdentityField {
		return
	}
	t := loc.Tile
	t.Remembers = slices.DeleteFunc(t.Remembers, func(x Identity) bool { return x == id })
	t.Remembers = append(t.Remembers, id)
	if n := len(t.Remembers); n > maxRemembered {
		t.Remembers = slices.Delete(t.Remembers, 0, n-maxRemembered)
	}
}

// Rememberer is the tile that remembers identity id: on the focused workspace first, then on the
// others of the focused screen, then anywhere; the one that remembers it most recently among
// those of one workspace.
func (m *Model) Rememberer(id Identity) (*Tile, bool) {
	if id == (Identity{}) {
		return nil, false
	}
	best := func(ws *Workspace) *Tile {
		var found *Tile
		at := -1
		for _, t := range ws.Tiles() {
			if i := slices.Index(t.Remembers, id); i >= 0 && (found == nil || i > at) {
				found, at = t, i
			}
		}
		return found
	}
	if t := best(m.Workspace()); t != nil {
		return t, true
	}
	for _, ws := range m.Screen().Workspaces {
		if t := best(ws); t != nil {
			return t, true
		}
	}
	for _, s := range m.Screens {
		for _, ws := range s.Workspaces {
			if t := best(ws); t != nil {
				return t, true
			}
		}
	}
	return nil, false
}

// Return puts client c, of identity id, back into tile t, which remembers it: as its active tab,
// with id forgotten and the rest of t's memory kept. Like AddTo, it falls back to the focused tile
// and leaves a managed client where it is.
func (m *Model) Return(t *Tile, c ClientID, id Identity) {
	if _, ok := m.Find(c); ok {
		return
	}
	if _, ok := m.locateTile(t); !ok {
		m.AddTo(m.Tile(), c)
		return
	}
	rest := slices.DeleteFunc(slices.Clone(t.Remembers), func(x Identity) bool { return x == id })
	t.insert(c)
	t.Remembers = rest
}
