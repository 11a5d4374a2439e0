package x11

import (
	"fmt"

	"github.com/jezek/xgb/xproto"
)

// atomNames are interned once at startup, in one pipelined batch.
var atomNames = []string{
	"WM_S0", "WM_S1", "WM_S2", "WM_S3", "MANAGER", "_FION_TIMESTAMP", "_FION_SYNC", "_FION_FLOATING", "_FION_LAYOUT",
	"_FION_FRAME", "_FION_ADOPTS", "_FION_SESSION",
	"WM_PROTOCOLS", "WM_DELETE_WINDOW", "WM_TAKE_FOCUS", "WM_STATE", "WM_CHANGE_STATE",
	"WM_NAME", "WM_CLASS", "WM_HINTS", "WM_CLIENT_MACHINE", "WM_NORMAL_HINTS", "WM_TRANSIENT_FOR", "WM_WINDOW_ROLE", "UTF8_STRING", "COMPOUND_TEXT",
	"_MOTIF_WM_HINTS", // interned even though no one set it yet: feh bypasses a window manager that lacks it
	"_NET_SUPPORTED", "_NET_SUPPORTING_WM_CHECK", "_NET_WM_NAME", "_NET_CLIENT_LIST",
	"_NET_ACTIVE_WINDOW", "_NET_NUMBER_OF_DESKTOPS", "_NET_CURRENT_DESKTOP", "_NET_DESKTOP_NAMES", "_NET_DESKTOP_VIEWPORT",
	"_NET_WM_DESKTOP", "_NET_CLOSE_WINDOW", "_NET_WM_PID",
	"_NET_CLIENT_LIST_STACKING", "_NET_WORKAREA", "_NET_MOVERESIZE_WINDOW",
	"_NET_FRAME_EXTENTS", "_NET_REQUEST_FRAME_EXTENTS", "_NET_WM_STRUT", "_NET_WM_STRUT_PARTIAL",
	"_NET_WM_WINDOW_TYPE", "_NET_WM_WINDOW_TYPE_DESKTOP", "_NET_WM_WINDOW_TYPE_DOCK",
	"_NET_WM_WINDOW_TYPE_TOOLBAR", "_NET_WM_WINDOW_TYPE_MENU", "_NET_WM_WINDOW_TYPE_UTILITY",
	"_NET_WM_WINDOW_TYPE_SPLASH", "_NET_WM_WINDOW_TYPE_DIALOG", "_NET_WM_WINDOW_TYPE_DROPDOWN_MENU",
	"_NET_WM_WINDOW_TYPE_POPUP_MENU", "_NET_WM_WINDOW_TYPE_TOOLTIP", "_NET_WM_WINDOW_TYPE_NOTIFICATION",
	"_NET_WM_WINDOW_TYPE_COMBO", "_NET_WM_WINDOW_TYPE_DND", "_NET_WM_WINDOW_TYPE_NORMAL",
	"_NET_WM_STATE", "_NET_WM_STATE_MODAL", "_NET_WM_STATE_STICKY", "_NET_WM_STATE_MAXIMIZED_VERT",
	"_NET_WM_STATE_MAXIMIZED_HORZ", "_NET_WM_STATE_SHADED", "_NET_WM_STATE_SKIP_TASKBAR",
	"_NET_WM_STATE_SKIP_PAGER", "_NET_WM_STATE_HIDDEN", "_NET_WM_STATE_FULLSCREEN",
	"_NET_WM_STATE_ABOVE", "_NET_WM_STATE_BELOW", "_NET_WM_STATE_DEMANDS_ATTENTION",
	"_NET_WM_STATE_FOCUSED", "_NET_WM_ALLOWED_ACTIONS", "_NET_WM_ACTION_MOVE", "_NET_WM_ACTION_RESIZE",
	"_NET_WM_ACTION_FULLSCREEN", "_NET_WM_ACTION_CHANGE_DESKTOP", "_NET_WM_ACTION_CLOSE",
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
	ck := xproto.InternAtom(c.X, false, uint16(len(name)), name)
	c.Send() // it may be held: an atom named first inside Ask
	r, err := ck.Reply()
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
