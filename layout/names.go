package layout

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Tiles may have names, so that the user (and rules, and saved layouts) can find one wherever it
// is: `tile name editor`, `focus tile editor`, `move-tab-to tile editor`. A name belongs to one
// tile at a time, and goes with its tile: it lasts through restarts, and ends when the tile is
// removed.

// MaxTileName is the longest tile name, in bytes.
const MaxTileName = 64

// CheckTileName says what is wrong with name as a tile name, or nil: it is at most MaxTileName
// bytes of UTF-8 with no space or control character.
func CheckTileName(name string) error { return checkName("tile name", name) }

// CheckScratchpadName says what is wrong with name as a scratchpad's name, or nil: the same as for
// a tile name.
func CheckScratchpadName(name string) error { return checkName("scratchpad name", name) }

func checkName(what, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("a %s cannot be empty", what)
	case len(name) > MaxTileName:
		return fmt.Errorf("%s %.20q... is %d bytes long; a %s has at most %d", what, name, len(name), what, MaxTileName)
	case !utf8.ValidString(name):
		return fmt.Errorf("%s %q is not UTF-8", what, name)
	}
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("%s %q has a space or a control character; use - or _ instead", what, name)
		}
	}
	return nil
}

// NameTile gives the focused tile name, or takes its name away with "". A name names one tile:
// it fails, with a message for the user, when another tile has it.
func (m *Model) NameTile(name string) error {
	t := m.Tile()
	if name == "" {
		t.Name = ""
		return nil
	}
	if err := CheckTileName(name); err != nil {
		return err
	}
	if loc, ok := m.TileNamed(name); ok && loc.Tile != t {
		return fmt.Errorf("tile %q is on workspace %q of screen %s already; a name names one tile (clear it there with \"tile name\")",
			name, m.Screens[loc.Screen].Workspaces[loc.Workspace].Name, m.Screens[loc.Screen].Name)
	}
	t.Name = name
	return nil
}

// TileNamed finds the tile named name, on any screen and workspace.
func (m *Model) TileNamed(name string) (Location, bool) {
	if name == "" {
		return Location{}, false
	}
	for loc := range m.allTiles() {
		if loc.Tile.Name == name {
			return loc, true
		}
	}
	return Location{}, false
}

// ShowTile focuses tile t, wherever it is: its workspace shows on its screen, which gets the
// focus. It reports false when t is in no workspace of the model.
func (m *Model) ShowTile(t *Tile) bool {
	loc, ok := m.locateTile(t)
	if !ok {
		return false
	}
	m.Screens[loc.Screen].Current = loc.Workspace
	m.focus(loc.Screen, t)
	return true
}

// MoveTabToTile moves the active tab of the focused tile into tile to, wherever it is, as its
// active tab. The focus stays where it is. It reports false when the focused tile is empty or is
// to.
func (m *Model) MoveTabToTile(to *Tile) bool {
	from := m.Tile()
	if from.Active < 0 || from == to {
		return false
	}
	if _, ok := m.locateTile(to); !ok {
		return false
	}
	to.insert(from.removeAt(from.Active))
	return true
}
