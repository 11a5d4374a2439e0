package x11

import (
	"fmt"

	"github.com/jezek/xgb/xproto"
)

// atomNames are interned once at startup, in one pipelined batch.
var atomNames = []string{
	"WM_S0", "WM_S1", "WM_S2", "WM_S3", "MANAGER", "_FION_TIMESTAMP", "_FION_SYNC",
	"WM_PROTOCOLS", "WM_DELETE_WINDOW", "WM_TAKE_FOCUS", "WM_STATE", "WM_CHANGE_STATE",
	"WM_NAME", "WM_CLASS", "WM_HINTS", "WM_NORMAL_HINTS", "WM_TRANSIENT_FOR", "UTF8_STRING", "COMPOUND_TEXT",
	"_NET_SUPPORTED", "_NET_SUPPORTING_WM_CHECK", "_NET_WM_NAME", "_NET_CLIENT_LIST",
	"_NET_ACTIVE_WINDOW", "_NET_NUMBER_OF_DESKTOPS", "_NET_CURRENT_DESKTOP", "_NET_DESKTOP_NAMES",
	"_NET_WM_DESKTOP", "_NET_CLOSE_WINDOW", "_NET_WM_PID",
}

func (c *Conn) internAtoms() error {
	cookies := make([]xproto.InternAtomCookie, len(atomNames))
	for i, n := range atomNames {
		cookies[i] = xproto.InternAtom(c.X, false, uint16(len(n)), n)
	}
	c.atoms = make(map[string]xproto.Atom, len(atomNames))
	c.names = make(map[xproto.Atom]string, len(atomNames))
	for i, ck := range cookies {
		r, err := ck.Reply()
		if err != nil {
			return fmt.Errorf("interning %s: %w", atomNames[i], err)
		}
		c.atoms[atomNames[i]] = r.Atom
		c.names[r.Atom] = atomNames[i]
	}
	return nil
}

// Atom returns an interned atom by name. Names outside FION's list are interned on first use
// (a round trip), which only happens off the hot paths.
func (c *Conn) Atom(name string) xproto.Atom {
	if a, ok := c.atoms[name]; ok {
		return a
	}
	r, err := xproto.InternAtom(c.X, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0
	}
	c.atoms[name] = r.Atom
	c.names[r.Atom] = name
	return r.Atom
}

// AtomName is the name of an atom FION knows, for messages.
func (c *Conn) AtomName(a xproto.Atom) string {
	if n, ok := c.names[a]; ok {
		return n
	}
	return fmt.Sprintf("atom %d", a)
}
