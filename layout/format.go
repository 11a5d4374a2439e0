package layout

import (
	"fmt"
	"strings"
)

// String describes the whole model, one line per screen, for tests and
// debugging:
//
//	>screen A: >1 H[>T[0x1* 0x2] T[]] | 2 >T[]
//	screen B: >1 >T[]
//
// A leading '>' marks the focused screen, the workspace each screen shows
// and each workspace's focused tile; a workspace lodged on a screen that is
// not its home is named HOME:NAME. See Workspace.Format for the trees.
func (m *Model) String() string { return m.format(nil) }

// format is String with clients spelled by name (nil: hex ids).
func (m *Model) format(name func(ClientID) string) string {
	var b strings.Builder
	for i, s := range m.Screens {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == m.Current {
			b.WriteByte('>')
		}
		fmt.Fprintf(&b, "screen %s:", s.Name)
		for j, w := range s.Workspaces {
			if j > 0 {
				b.WriteString(" |")
			}
			b.WriteByte(' ')
			if j == s.Current {
				b.WriteByte('>')
			}
			if s.Lodged(w) {
				fmt.Fprintf(&b, "%s:", w.Home)
			}
			fmt.Fprintf(&b, "%s %s", w.Name, w.Format(name))
		}
	}
	return b.String()
}

// Format writes w's split tree compactly, e.g. `H[>T[a* b] V[c T[]]]`: H and
// V are Horizontal and Vertical splits (A first), T a tile listing its tabs,
// '*' follows the active tab and '>' precedes the workspace's focused tile.
// name spells a client; nil spells it as a hex window id ("0x1a00003").
func (w *Workspace) Format(name func(ClientID) string) string {
	if name == nil {
		name = func(c ClientID) string { return fmt.Sprintf("%#x", uint32(c)) }
	}
	var b strings.Builder
	w.writeNode(&b, w.Root, name, 0)
	return b.String()
}

// writeNode formats n; depth stops a corrupt, cyclic tree from looping
// forever while Check reports it.
func (w *Workspace) writeNode(b *strings.Builder, n *Node, name func(ClientID) string, depth int) {
	switch {
	case n == nil:
		b.WriteString("nil")
	case depth > 1000:
		b.WriteString("...")
	case n.Tile != nil:
		if n.Tile == w.Focus {
			b.WriteByte('>')
		}
		b.WriteString("T[")
		for i, c := range n.Tile.Tabs {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(name(c))
			if i == n.Tile.Active {
				b.WriteByte('*')
			}
		}
		b.WriteByte(']')
	default:
		if n.Orient == Vertical {
			b.WriteString("V[")
		} else {
			b.WriteString("H[")
		}
		w.writeNode(b, n.A, name, depth+1)
		b.WriteByte(' ')
		w.writeNode(b, n.B, name, depth+1)
		b.WriteByte(']')
	}
}
