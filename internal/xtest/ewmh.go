package xtest

import (
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// _NET_WM_STATE client message actions (EWMH "_NET_WM_STATE").
const (
	NetWMStateRemove uint32 = 0
	NetWMStateAdd    uint32 = 1
	NetWMStateToggle uint32 = 2
)

// Source indications of EWMH client messages: an old client, an
// application, a pager or taskbar acting for the user.
const (
	SourceNone        uint32 = 0
	SourceApplication uint32 = 1
	SourcePager       uint32 = 2
)

// setEWMHProperties writes the issue-4 properties o asks for: transient-for,
// window types, initial states and struts.
func (c *Client) setEWMHProperties(o ClientOpts) {
	if o.TransientFor != 0 {
		c.setProp("WM_TRANSIENT_FOR", "WINDOW", 32, words(uint32(o.TransientFor)))
	}
	if o.Types != nil {
		c.setProp("_NET_WM_WINDOW_TYPE", "ATOM", 32, c.atomWords(o.Types))
	}
	if o.States != nil {
		c.setProp("_NET_WM_STATE", "ATOM", 32, c.atomWords(o.States))
	}
	if o.Strut != nil {
		c.setProp("_NET_WM_STRUT_PARTIAL", "CARDINAL", 32, words(o.Strut[:]...))
	}
	if o.PlainStrut != nil {
		c.setProp("_NET_WM_STRUT", "CARDINAL", 32, words(o.PlainStrut[:]...))
	}
	if o.Desktop != nil {
		c.setProp("_NET_WM_DESKTOP", "CARDINAL", 32, words(*o.Desktop))
	}
}

// atomWords encodes atom names as an ATOM[] value.
func (c *Client) atomWords(names []string) []byte {
	atoms := make([]uint32, len(names))
	for i, n := range names {
		atoms[i] = uint32(c.atom(n))
	}
	return words(atoms...)
}

// SetUrgent sets or clears the urgency flag of WM_HINTS, keeping the input
// field the client was made with, and waits until the server has it.
func (c *Client) SetUrgent(urgent bool) {
	c.t.Helper()
	c.setWMHints(urgent)
	if err := roundTrip(c.Conn); err != nil {
		c.t.Fatalf("set urgency %v of %d: %v", urgent, c.Win, err)
	}
}

// SetStrut replaces _NET_WM_STRUT_PARTIAL (left, right, top, bottom, then
// the start and end of each, as EWMH orders them), as a panel that moves
// does, and waits until the server has it.
func (c *Client) SetStrut(strut [12]uint32) {
	c.t.Helper()
	c.setProp("_NET_WM_STRUT_PARTIAL", "CARDINAL", 32, words(strut[:]...))
	if err := roundTrip(c.Conn); err != nil {
		c.t.Fatalf("set strut of %d: %v", c.Win, err)
	}
}

// SendNetWMState asks the window manager to change the window's state, as
// EWMH says a client does once its window is mapped: action is
// NetWMStateRemove, NetWMStateAdd or NetWMStateToggle; first and second are
// state names such as "_NET_WM_STATE_FULLSCREEN" (second may be "").
func (c *Client) SendNetWMState(action uint32, first, second string) {
	c.t.Helper()
	var second32 uint32
	if second != "" {
		second32 = uint32(c.atom(second))
	}
	c.sendToRoot("_NET_WM_STATE", action, uint32(c.atom(first)), second32, SourceApplication, 0)
}

// SendActiveWindow asks the window manager to activate the window with the
// given source indication (SourceApplication or SourcePager), at CurrentTime
// and with no window said to be active now.
func (c *Client) SendActiveWindow(source uint32) {
	c.t.Helper()
	c.sendToRoot("_NET_ACTIVE_WINDOW", source, 0, 0, 0, 0)
}

// SendMoveResize asks the window manager to move and resize the window
// (_NET_MOVERESIZE_WINDOW) with static gravity, all of x, y, width and
// height given, from an application.
func (c *Client) SendMoveResize(x, y, w, h int) {
	c.t.Helper()
	const staticGravity = xproto.GravityStatic
	const allFour = 0xf << 8 // x, y, width, height present
	flags := uint32(staticGravity) | allFour | SourceApplication<<12
	c.sendToRoot("_NET_MOVERESIZE_WINDOW", flags, uint32(int32(x)), uint32(int32(y)), uint32(w), uint32(h))
}

// RequestFrameExtents asks the window manager for the frame it would put
// around the window (_NET_REQUEST_FRAME_EXTENTS), as a client does before
// mapping; the answer is the _NET_FRAME_EXTENTS property (see Cardinals).
func (c *Client) RequestFrameExtents() {
	c.t.Helper()
	c.sendToRoot("_NET_REQUEST_FRAME_EXTENTS", 0, 0, 0, 0, 0)
}

// sendToRoot sends an EWMH client message about the client's window to the
// root, where the window manager listens with SubstructureRedirect.
func (c *Client) sendToRoot(typ string, data ...uint32) {
	c.t.Helper()
	ev := xproto.ClientMessageEvent{
		Format: 32, Window: c.Win, Type: c.atom(typ),
		Data: xproto.ClientMessageDataUnionData32New(data),
	}
	mask := uint32(xproto.EventMaskSubstructureRedirect | xproto.EventMaskSubstructureNotify)
	if err := xproto.SendEventChecked(c.Conn, false, c.Root, mask, string(ev.Bytes())).Check(); err != nil {
		c.t.Fatalf("send %s for %d: %v", typ, c.Win, err)
	}
}

// Configure asks to move and resize the window, as a client's own
// ConfigureWindow request; under a window manager it becomes a
// ConfigureRequest the manager answers.
func (c *Client) Configure(x, y, w, h int) {
	c.t.Helper()
	mask := uint16(xproto.ConfigWindowX | xproto.ConfigWindowY | xproto.ConfigWindowWidth | xproto.ConfigWindowHeight)
	vals := []uint32{uint32(int32(x)), uint32(int32(y)), uint32(w), uint32(h)}
	if err := xproto.ConfigureWindowChecked(c.Conn, c.Win, mask, vals).Check(); err != nil {
		c.t.Fatalf("configure %d to %dx%d at %d,%d: %v", c.Win, w, h, x, y, err)
	}
}

// NetWMState reads the window's _NET_WM_STATE as atom names, in order; nil
// when it is not set.
func (c *Client) NetWMState() []string {
	c.t.Helper()
	return c.Atoms("_NET_WM_STATE")
}

// SetNormalHints rewrites WM_NORMAL_HINTS, as a program does when it changes what sizes it
// allows, and waits until the server has it.
func (c *Client) SetNormalHints(h NormalHints) {
	c.t.Helper()
	c.setProp("WM_NORMAL_HINTS", "WM_SIZE_HINTS", 32, h.encode())
	if err := roundTrip(c.Conn); err != nil {
		c.t.Fatalf("set WM_NORMAL_HINTS of %d: %v", c.Win, err)
	}
}

// SetTransientFor sets WM_TRANSIENT_FOR, as a program does before mapping a
// dialog, and waits until the server has it.
func (c *Client) SetTransientFor(parent xproto.Window) {
	c.t.Helper()
	c.setProp("WM_TRANSIENT_FOR", "WINDOW", 32, words(uint32(parent)))
	if err := roundTrip(c.Conn); err != nil {
		c.t.Fatalf("set WM_TRANSIENT_FOR of %d: %v", c.Win, err)
	}
}

// Atoms reads an ATOM[] property of the window as atom names, in order; nil
// when it is not set.
func (c *Client) Atoms(name string) []string {
	c.t.Helper()
	r, err := xproto.GetProperty(c.Conn, false, c.Win, c.atom(name), xproto.AtomAtom, 0, 64).Reply()
	if err != nil || r.Format != 32 || r.Type != xproto.AtomAtom {
		return nil
	}
	var names []string
	for _, a := range values32(r.Value) {
		names = append(names, c.atomName(xproto.Atom(a)))
	}
	return names
}

// Cardinals reads a CARDINAL[] property of the window, such as
// _NET_FRAME_EXTENTS or _NET_WM_DESKTOP; nil when it is not set.
func (c *Client) Cardinals(name string) []uint32 {
	c.t.Helper()
	r, err := xproto.GetProperty(c.Conn, false, c.Win, c.atom(name), xproto.AtomCardinal, 0, 1<<12).Reply()
	if err != nil || r.Format != 32 || r.Type != xproto.AtomCardinal {
		return nil
	}
	return values32(r.Value)
}

// values32 decodes a format-32 property value.
func values32(b []byte) []uint32 {
	v := make([]uint32, len(b)/4)
	for i := range v {
		v[i] = xgb.Get32(b[4*i:])
	}
	return v
}
