package layout

import "slices"

// Remembered places: a tile remembers who the windows were that closed in it (their identity:
// class, instance, role), so that a program closed and started again comes back to its own tile.
// A saved layout loaded into a workspace (plan.go) leaves the same memory in its tiles for the
// windows it places that are not there yet: its placeholders. A tile remembers each window, so two
// terminals closed in a tile bring the next two back, and keeps its memory while nothing but the
// windows it remembers comes into it: any other window put there (a new one, a tab moved in, the
// tabs of a removed tile) makes it forget.

// Identity is what a window says of itself that stays the same from one run of its program to the
// next: WM_CLASS and WM_WINDOW_ROLE. As what a tile remembers, an empty field matches any value
// (see Matches): a layout written by hand names a program by its class alone.
type Identity struct {
	Class, Instance, Role string
}

// Matches reports whether a window of identity id is one that x, remembered, stands for: each
// field of x is empty or id's.
func (x Identity) Matches(id Identity) bool {
	field := func(want, got string) bool { return want == "" || want == got }
	return x != (Identity{}) && field(x.Class, id.Class) && field(x.Instance, id.Instance) && field(x.Role, id.Role)
}

// maxRemembered is how many windows a tile remembers: the most recent ones.
const maxRemembered = 8

// maxIdentityField bounds each string of an Identity, in bytes.
const maxIdentityField = 256

// rememberable reports whether a tile may remember id: it is not empty, and no field is too long.
func rememberable(id Identity) bool {
	return id != (Identity{}) && len(id.Class) <= maxIdentityField && len(id.Instance) <= maxIdentityField && len(id.Role) <= maxIdentityField
}

// Remember notes, before client c goes away, that its tile held a window of identity id. A
// floating client, or an empty identity, is not remembered.
func (m *Model) Remember(c ClientID, id Identity) {
	if loc, ok := m.Find(c); ok && rememberable(id) {
		loc.Tile.remember(id)
	}
}

// remember adds id to what t remembers, dropping the oldest past maxRemembered.
func (t *Tile) remember(id Identity) {
	t.Remembers = append(t.Remembers, id)
	if n := len(t.Remembers); n > maxRemembered {
		t.Remembers = slices.Delete(t.Remembers, 0, n-maxRemembered)
	}
}

// awaits is the index in t.Remembers of what stands for a window of identity id: the most recent
// entry equal to it, else the most recent that matches it; exact reports which, ok whether any.
func (t *Tile) awaits(id Identity) (i int, exact, ok bool) {
	i = -1
	for j, x := range t.Remembers {
		switch {
		case x == id:
			i, exact = j, true
		case !exact && x.Matches(id):
			i = j
		}
	}
	return i, exact, i >= 0
}

// Rememberer is the tile that remembers identity id. A tile that remembers it exactly comes
// before one that remembers it by a pattern (a field left empty); among either, one on the focused
// workspace first, then on the others of the focused screen, then anywhere; among those of one
// workspace, the one that remembers it most recently.
func (m *Model) Rememberer(id Identity) (*Tile, bool) {
	if id == (Identity{}) {
		return nil, false
	}
	best := func(ws *Workspace, exact bool) *Tile {
		var found *Tile
		at := -1
		for _, t := range ws.Tiles() {
			if i, ex, ok := t.awaits(id); ok && ex == exact && (found == nil || i > at) {
				found, at = t, i
			}
		}
		return found
	}
	for _, exact := range []bool{true, false} {
		if t := best(m.Workspace(), exact); t != nil {
			return t, true
		}
		for _, ws := range m.Screen().Workspaces {
			if t := best(ws, exact); t != nil {
				return t, true
			}
		}
		for _, s := range m.Screens {
			for _, ws := range s.Workspaces {
				if t := best(ws, exact); t != nil {
					return t, true
				}
			}
		}
	}
	return nil, false
}

// Return puts client c, of identity id, back into tile t, which remembers it: as its active tab,
// with what stood for it forgotten and the rest of t's memory kept. Like AddTo, it falls back to
// the focused tile and leaves a managed client where it is.
func (m *Model) Return(t *Tile, c ClientID, id Identity) {
	if _, ok := m.Find(c); ok {
		return
	}
	if _, ok := m.locateTile(t); !ok {
		m.AddTo(m.Tile(), c)
		return
	}
	rest := slices.Clone(t.Remembers)
	if i, _, ok := t.awaits(id); ok {
		rest = slices.Delete(rest, i, i+1)
	}
	t.insert(c)
	t.Remembers = rest
}
