package x11

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jezek/xgb/xproto"
)

// ClientProps are the ICCCM and EWMH properties FION reads from a client window.
type ClientProps struct {
	Title           string // _NET_WM_NAME, else WM_NAME; valid UTF-8
	Class, Instance string // WM_CLASS
	Input           bool   // WM_HINTS input field (true when absent, as most clients expect)
	Urgent          bool   // WM_HINTS urgency
	DeleteWindow    bool   // WM_PROTOCOLS has WM_DELETE_WINDOW
	TakeFocus       bool   // WM_PROTOCOLS has WM_TAKE_FOCUS

	Hints        SizeHints     // WM_NORMAL_HINTS, sanitised
	TransientFor xproto.Window // WM_TRANSIENT_FOR; 0 when absent, malformed or the window itself
	Types        []string      // _NET_WM_WINDOW_TYPE atom names, in the client's order
	States       []string      // _NET_WM_STATE atom names the client set before mapping
	Strut        Strut         // _NET_WM_STRUT_PARTIAL, else _NET_WM_STRUT (Partial false)
	HasStrut     bool
	Undecorated  bool   // _MOTIF_WM_HINTS asks for no border (decorations without MWM_DECOR_BORDER)
	Desktop      int    // _NET_WM_DESKTOP, the desktop it asks for (or was on); -1 when absent
	Role         string // WM_WINDOW_ROLE: which of a program's windows it is ("browser", "pop-up")
	// PID is _NET_WM_PID, the process that made the window, on the host Machine (WM_CLIENT_MACHINE,
	// which EWMH says must come with it); 0 when absent. Only a pid of this host means anything.
	PID     int
	Machine string
}

// Atom lists (window types, states) are read up to this many atoms; EWMH defines 14 types and 13
// states, so more is a hostile client. Atoms FION never interned are left out of the names: FION
// acts on none of them, and naming each would cost a round trip.
const maxAtomList = 32

// Titles are read up to this many bytes; a longer one is cut (a hostile client can set megabytes).
const maxTitle = 4096

// PropsCookie holds the pending replies for one client's properties: send every request first,
// read later, so the properties of a new window cost one round trip in all.
type PropsCookie struct {
	followed                           FollowedCookie
	types, states, strutPartial, strut xproto.GetPropertyCookie
	desktop, pid, machine              xproto.GetPropertyCookie
}

// FollowedCookie holds the pending replies for the properties of a client that fion follows
// after it took the window: its title, and those a client changes to change how fion treats it
// (WM_HINTS, WM_PROTOCOLS, WM_CLASS, WM_NORMAL_HINTS, WM_TRANSIENT_FOR, _MOTIF_WM_HINTS,
// WM_WINDOW_ROLE). The others are read once, when fion takes the window.
type FollowedCookie struct {
	c                                      *Conn
	w                                      xproto.Window
	netName, name, class, hints, protocols xproto.GetPropertyCookie
	normalHints, transientFor, motif, role xproto.GetPropertyCookie
}

func (c *Conn) getProp(w xproto.Window, atom string, longs uint32) xproto.GetPropertyCookie {
	return xproto.GetProperty(c.X, false, w, c.Atom(atom), xproto.GetPropertyTypeAny, 0, longs)
}

// RequestProps sends the requests for every property in ClientProps.
func (c *Conn) RequestProps(w xproto.Window) PropsCookie {
	return PropsCookie{
		followed:     c.RequestFollowed(w),
		types:        c.getProp(w, "_NET_WM_WINDOW_TYPE", maxAtomList),
		states:       c.getProp(w, "_NET_WM_STATE", maxAtomList),
		strutPartial: c.getProp(w, "_NET_WM_STRUT_PARTIAL", 12),
		strut:        c.getProp(w, "_NET_WM_STRUT", 4),
		desktop:      c.getProp(w, "_NET_WM_DESKTOP", 1),
		pid:          c.getProp(w, "_NET_WM_PID", 1),
		machine:      c.getProp(w, "WM_CLIENT_MACHINE", 64),
	}
}

// Followed are the properties, other than the title, that RequestFollowed reads: those fion reads
// again when a client changes them.
var Followed = []string{"WM_HINTS", "WM_PROTOCOLS", "WM_CLASS", "WM_NORMAL_HINTS", "WM_TRANSIENT_FOR", "_MOTIF_WM_HINTS", "WM_WINDOW_ROLE"}

// RequestFollowed sends the requests for the title and the Followed properties.
func (c *Conn) RequestFollowed(w xproto.Window) FollowedCookie {
	return FollowedCookie{
		c:            c,
		w:            w,
		netName:      c.getProp(w, "_NET_WM_NAME", maxTitle/4),
		name:         c.getProp(w, "WM_NAME", maxTitle/4),
		class:        c.getProp(w, "WM_CLASS", 256),
		hints:        c.getProp(w, "WM_HINTS", 9),
		protocols:    c.getProp(w, "WM_PROTOCOLS", 64),
		normalHints:  c.getProp(w, "WM_NORMAL_HINTS", hintsLongs),
		transientFor: c.getProp(w, "WM_TRANSIENT_FOR", 1),
		motif:        c.getProp(w, "_MOTIF_WM_HINTS", 5),
		role:         c.getProp(w, "WM_WINDOW_ROLE", 64),
	}
}

// Read waits for the replies. A vanished window gives zero values.
func (p PropsCookie) Read() ClientProps {
	props := ClientProps{Input: true}
	p.followed.ReadInto(&props) // a vanished window gives zero values
	c := p.followed.c
	props.Types = c.atomNames(p.types)
	props.States = c.atomNames(p.states)
	props.Strut, props.HasStrut = parseStrut(reply(p.strutPartial), reply(p.strut))
	props.Desktop = -1
	if r := reply(p.desktop); r != nil && r.Type == xproto.AtomCardinal {
		if v, _ := cardinals(r, 1); len(v) == 1 && v[0] < 1<<16 { // 0xFFFFFFFF is "all desktops": none in particular
			props.Desktop = int(v[0])
		}
	}
	if r := reply(p.pid); r != nil && r.Type == xproto.AtomCardinal {
		if v, _ := cardinals(r, 1); len(v) == 1 && v[0] > 0 {
			props.PID = v[0]
		}
	}
	if r := reply(p.machine); r != nil && r.Format == 8 {
		props.Machine = validUTF8(string(r.Value))
	}
	return props
}

// ReadInto waits for the replies and sets the fields of props they give; the other fields are
// left as they are. It reports false, and leaves props as they were, when the window is gone.
func (p FollowedCookie) ReadInto(props *ClientProps) bool {
	was := *props
	var alive bool
	props.Title, alive = p.c.readTitle(p.netName, p.name)
	props.Class, props.Instance = "", ""
	if r, err := p.class.Reply(); err == nil && r != nil && r.Format == 8 {
		parts := strings.SplitN(string(r.Value), "\x00", 3)
		props.Instance = validUTF8(parts[0])
		if len(parts) > 1 {
			props.Class = validUTF8(parts[1])
		}
	}
	props.Input, props.Urgent = true, false
	if r, err := p.hints.Reply(); err == nil && r != nil && r.Format == 32 && len(r.Value) >= 8 {
		flags := binary.LittleEndian.Uint32(r.Value)
		if flags&1 != 0 { // InputHint
			props.Input = binary.LittleEndian.Uint32(r.Value[4:]) != 0
		}
		props.Urgent = flags&(1<<8) != 0 // XUrgencyHint
	}
	props.DeleteWindow, props.TakeFocus = false, false
	for _, a := range p.c.atomsOf(p.protocols) {
		switch a {
		case p.c.Atom("WM_DELETE_WINDOW"):
			props.DeleteWindow = true
		case p.c.Atom("WM_TAKE_FOCUS"):
			props.TakeFocus = true
		}
	}
	props.Hints = SizeHints{}
	if r := reply(p.normalHints); r != nil && r.Format == 32 {
		props.Hints = parseSizeHints(r.Value)
	}
	props.TransientFor = 0
	if r := reply(p.transientFor); r != nil && r.Format == 32 && len(r.Value) >= 4 {
		if t := xproto.Window(binary.LittleEndian.Uint32(r.Value)); t != p.w {
			props.TransientFor = t
		}
	}
	props.Undecorated = undecorated(reply(p.motif))
	props.Role = ""
	if r := reply(p.role); r != nil && r.Format == 8 {
		props.Role = validUTF8(strings.TrimRight(string(r.Value), "\x00"))
	}
	if !alive {
		*props = was
	}
	return alive
}

// undecorated reads _MOTIF_WM_HINTS (flags, functions, decorations, input mode, status): whether
// its decorations field, when flags say it is set, leaves out the border. Its MWM_DECOR_ALL bit
// turns the rest of the field into a list of what to leave out.
func undecorated(r *xproto.GetPropertyReply) bool {
	const hintsDecorations, decorAll, decorBorder = 1 << 1, 1 << 0, 1 << 1
	if r == nil || r.Format != 32 || len(r.Value) < 12 {
		return false
	}
	flags, decor := binary.LittleEndian.Uint32(r.Value), binary.LittleEndian.Uint32(r.Value[8:])
	if flags&hintsDecorations == 0 {
		return false
	}
	if decor&decorAll != 0 {
		return decor&decorBorder != 0
	}
	return decor&decorBorder == 0
}

// NetWMStates reads a window's _NET_WM_STATE now (atom names; see ClientProps.States).
func (c *Conn) NetWMStates(w xproto.Window) []string {
	return c.atomNames(c.getProp(w, "_NET_WM_STATE", maxAtomList))
}

// atomNames waits for an ATOM[] reply and names the atoms FION knows, in order; nil when none.
func (c *Conn) atomNames(ck xproto.GetPropertyCookie) []string {
	var out []string
	for _, a := range c.atomsOf(ck) {
		if n, ok := c.names[a]; ok {
			out = append(out, n)
		}
	}
	return out
}

// TitleCookie is a pending title read (after a PropertyNotify of WM_NAME or _NET_WM_NAME).
type TitleCookie struct {
	c             *Conn
	netName, name xproto.GetPropertyCookie
}

// RequestTitle sends the two requests for a client's title.
func (c *Conn) RequestTitle(w xproto.Window) TitleCookie {
	return TitleCookie{c, c.getProp(w, "_NET_WM_NAME", maxTitle/4), c.getProp(w, "WM_NAME", maxTitle/4)}
}

// Read returns the title, and false when the window is gone (then the title is "").
func (t TitleCookie) Read() (string, bool) { return t.c.readTitle(t.netName, t.name) }

// readTitle reads a title, and whether the window is still there: a window destroyed before the
// server took the requests gives BadWindow, where a window without a title gives "".
func (c *Conn) readTitle(netName, name xproto.GetPropertyCookie) (string, bool) {
	// Only maxTitle bytes of the property are read, which may end inside a character, and Latin-1
	// or Compound Text may take more bytes once decoded: the title is cut to maxTitle bytes again,
	// between characters.
	title, ok := c.decodeTitle(netName, name)
	return cutUTF8(title, maxTitle), ok
}

func (c *Conn) decodeTitle(netName, name xproto.GetPropertyCookie) (string, bool) {
	r, err := netName.Reply()
	if err == nil && r != nil && r.Format == 8 && len(r.Value) > 0 {
		name.Reply() // drain the other reply
		return validUTF8(string(r.Value)), true
	}
	if gone(err) {
		name.Reply()
		return "", false
	}
	r, err = name.Reply()
	if err != nil || r == nil || r.Format != 8 {
		return "", !gone(err)
	}
	switch r.Type {
	case xproto.AtomString:
		return stringText(r.Value), true
	case c.Atom("COMPOUND_TEXT"):
		return compoundText(r.Value), true
	}
	return validUTF8(string(r.Value)), true
}

// gone reports whether err says that the window asked about no longer exists.
func gone(err error) bool {
	_, ok := err.(xproto.WindowError)
	return ok
}

func (c *Conn) atomsOf(ck xproto.GetPropertyCookie) []xproto.Atom {
	r, err := ck.Reply()
	if err != nil || r == nil || r.Format != 32 {
		return nil
	}
	out := make([]xproto.Atom, 0, len(r.Value)/4)
	for i := 0; i+4 <= len(r.Value); i += 4 {
		out = append(out, xproto.Atom(binary.LittleEndian.Uint32(r.Value[i:])))
	}
	return out
}

// Cardinal reads a single CARDINAL property; 0 when absent.
func (c *Conn) Cardinal(w xproto.Window, atom string) uint32 {
	r, err := c.getProp(w, atom, 1).Reply()
	if err != nil || r == nil || r.Type != xproto.AtomCardinal {
		return 0
	}
	v, _ := cardinals(r, 1)
	if len(v) == 0 {
		return 0
	}
	return uint32(v[0])
}

// Window reads a single WINDOW property (such as WM_TRANSIENT_FOR); 0 when absent.
func (c *Conn) Window(w xproto.Window, atom string) xproto.Window {
	r, err := c.getProp(w, atom, 1).Reply()
	if err != nil || r == nil || r.Format != 32 || len(r.Value) < 4 {
		return 0
	}
	return xproto.Window(binary.LittleEndian.Uint32(r.Value))
}

func validUTF8(s string) string {
	s = strings.TrimRight(s, "\x00")
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// stringText decodes a STRING title. ICCCM says STRING is Latin-1, but many programs (xterm in
// the C locale among them) put UTF-8 there. Latin-1 text that is also valid UTF-8 with a character
// beyond ASCII would need pairs like "Ã©", which no title has, so such bytes are read as UTF-8.
func stringText(b []byte) string {
	if n := bytes.IndexByte(b, 0); n >= 0 {
		b = b[:n]
	}
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// SetCardinals sets a CARDINAL[] property.
func (c *Conn) SetCardinals(w xproto.Window, atom string, vals ...uint32) {
	c.set32(w, atom, xproto.AtomCardinal, vals)
}

// SetWindows sets a WINDOW[] property.
func (c *Conn) SetWindows(w xproto.Window, atom string, wins []xproto.Window) {
	vals := make([]uint32, len(wins))
	for i, x := range wins {
		vals[i] = uint32(x)
	}
	c.set32(w, atom, xproto.AtomWindow, vals)
}

// SetAtoms sets an ATOM[] property from atom names.
func (c *Conn) SetAtoms(w xproto.Window, atom string, names []string) {
	vals := make([]uint32, len(names))
	for i, n := range names {
		vals[i] = uint32(c.Atom(n))
	}
	c.set32(w, atom, xproto.AtomAtom, vals)
}

// MaxLayout is the size of the largest saved layout fion reads back (_FION_LAYOUT), in bytes: a
// thousand windows take some 100 KB.
const MaxLayout = 4 << 20

// ReadLayout reads the saved layout from the root window property _FION_LAYOUT: its bytes, or
// nothing when there is none. A property larger than MaxLayout, or of another type, is an error.
func (c *Conn) ReadLayout() ([]byte, error) {
	r, err := xproto.GetProperty(c.X, false, c.Root, c.Atom("_FION_LAYOUT"), xproto.GetPropertyTypeAny, 0, MaxLayout/4).Reply()
	switch {
	case err != nil:
		return nil, err
	case r.Type == 0:
		return nil, nil
	case r.Type != c.Atom("UTF8_STRING") || r.Format != 8:
		return nil, fmt.Errorf("_FION_LAYOUT is not UTF-8 text (type %d, format %d)", r.Type, r.Format)
	case r.BytesAfter > 0:
		return nil, fmt.Errorf("_FION_LAYOUT holds more than the %d MiB fion reads", MaxLayout>>20)
	}
	return r.Value, nil
}

// WriteLayout replaces the saved layout in _FION_LAYOUT.
func (c *Conn) WriteLayout(data []byte) {
	c.changeProperty(c.Root, c.Atom("_FION_LAYOUT"), c.Atom("UTF8_STRING"), 8, data)
}

// SetUTF8 sets a UTF8_STRING property; several strings are NUL-separated (a list).
func (c *Conn) SetUTF8(w xproto.Window, atom string, strs ...string) {
	var data []byte
	for _, s := range strs {
		data = append(append(data, s...), 0)
	}
	if len(strs) == 1 {
		data = data[:len(data)-1]
	}
	c.changeProperty(w, c.Atom(atom), c.Atom("UTF8_STRING"), 8, data)
}

func (c *Conn) set32(w xproto.Window, atom string, typ xproto.Atom, vals []uint32) {
	data := make([]byte, 4*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint32(data[4*i:], v)
	}
	c.changeProperty(w, c.Atom(atom), typ, 32, data)
}

// changePropertyHeader is the size of a ChangeProperty request before its data.
const changePropertyHeader = 24

// changeProperty replaces a property with data (format 8, 16 or 32) in as many requests as the
// server's maximum request length needs: the first replaces, the others append. xgb writes a
// request's length in 16 bits and fion does not use BIG-REQUESTS, so one oversized request (a
// client list of 66,000 windows, a 300 KB workspace name) would corrupt the request stream.
func (c *Conn) changeProperty(w xproto.Window, atom, typ xproto.Atom, format byte, data []byte) {
	unit := int(format / 8)
	chunk := (int(c.Setup.MaximumRequestLength)*4 - changePropertyHeader) / 4 * 4 // whole units of every format
	mode := byte(xproto.PropModeReplace)
	for first := true; first || len(data) > 0; first = false {
		n := min(len(data), chunk)
		xproto.ChangeProperty(c.X, mode, w, atom, typ, format, uint32(n/unit), data[:n])
		data, mode = data[n:], xproto.PropModeAppend
	}
}

// SetWMState sets the ICCCM WM_STATE of a client (1 Normal, 3 Iconic).
func (c *Conn) SetWMState(w xproto.Window, state uint32) {
	c.set32(w, "WM_STATE", c.Atom("WM_STATE"), []uint32{state, 0})
}

// Delete removes a property.
func (c *Conn) Delete(w xproto.Window, atom string) { xproto.DeleteProperty(c.X, w, c.Atom(atom)) }

// SendProtocol sends an ICCCM WM_PROTOCOLS client message (WM_DELETE_WINDOW, WM_TAKE_FOCUS).
func (c *Conn) SendProtocol(w xproto.Window, protocol string, t xproto.Timestamp) {
	ev := xproto.ClientMessageEvent{
		Format: 32, Window: w, Type: c.Atom("WM_PROTOCOLS"),
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(c.Atom(protocol)), uint32(t), 0, 0, 0}),
	}
	xproto.SendEvent(c.X, false, w, xproto.EventMaskNoEvent, string(ev.Bytes()))
}

// SendConfigureNotify tells a client its real geometry in root coordinates (ICCCM 4.1.5), as the
// answer to a ConfigureRequest that FION does not grant.
func (c *Conn) SendConfigureNotify(w xproto.Window, x, y, width, height int) {
	ev := xproto.ConfigureNotifyEvent{
		Event: w, Window: w, X: int16(x), Y: int16(y), Width: uint16(width), Height: uint16(height),
	}
	xproto.SendEvent(c.X, false, w, xproto.EventMaskStructureNotify, string(ev.Bytes()))
}
