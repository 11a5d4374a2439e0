package xtest

import (
	"encoding/binary"
	"hash/fnv"
	"sync"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Client is one test program: its own X connection and one top-level
// window, like a real application. Its methods fail the test on X errors,
// so call them from the test's goroutine.
type Client struct {
	Conn *xgb.Conn
	Win  xproto.Window
	Root xproto.Window

	t      testing.TB
	atoms  *atomCache
	events *EventLog
	input  *bool // the WM_HINTS input field the client set, kept when urgency changes
}

// ClientOpts describes the window a test client creates and the ICCCM/EWMH
// properties it sets before mapping. Zero values mean "not set": no title,
// no WM_CLASS, no WM_PROTOCOLS, no WM_HINTS, no WM_NORMAL_HINTS.
type ClientOpts struct {
	Title, Class, Instance string // WM_NAME and _NET_WM_NAME; WM_CLASS
	Width, Height          int    // 0 means 200x100
	DeleteWindow           bool   // WM_DELETE_WINDOW in WM_PROTOCOLS
	TakeFocus              bool   // WM_TAKE_FOCUS in WM_PROTOCOLS
	Input                  *bool  // WM_HINTS input field; nil means no WM_HINTS
	Hints                  *NormalHints
	NoMap                  bool

	TransientFor     xproto.Window // WM_TRANSIENT_FOR; 0 means not set
	Types            []string      // _NET_WM_WINDOW_TYPE atom names, e.g. "_NET_WM_WINDOW_TYPE_DIALOG"
	States           []string      // initial _NET_WM_STATE atom names, e.g. "_NET_WM_STATE_FULLSCREEN"
	Urgent           bool          // WM_HINTS urgency flag (with the input field when Input is set too)
	Strut            *[12]uint32   // _NET_WM_STRUT_PARTIAL
	PlainStrut       *[4]uint32    // _NET_WM_STRUT
	X, Y             int           // initial position
	OverrideRedirect bool          // a popup the window manager must leave alone
	Motif            []uint32      // _MOTIF_WM_HINTS: flags, functions, decorations, input mode, status
	Desktop          *uint32       // _NET_WM_DESKTOP: the desktop it asks to be on
	Role             string        // WM_WINDOW_ROLE
}

// NormalHints are WM_NORMAL_HINTS fields written as given, so tests can
// send nonsense (max below min, negative increments) on purpose.
type NormalHints struct {
	// Flags says which fields are set. When 0 it is derived: a pair counts
	// as set when either of its values is non-zero.
	Flags                 uint32
	MinWidth, MinHeight   int32
	MaxWidth, MaxHeight   int32
	WidthInc, HeightInc   int32
	BaseWidth, BaseHeight int32
	WinGravity            int32 // PWinGravity, e.g. 10 for StaticGravity; 0 leaves it unset
}

// WM_SIZE_HINTS flags (ICCCM 4.1.2.3).
const (
	HintMinSize    uint32 = 1 << 4
	HintMaxSize    uint32 = 1 << 5
	HintResizeInc  uint32 = 1 << 6
	HintBaseSize   uint32 = 1 << 8
	HintWinGravity uint32 = 1 << 9
)

// WM_STATE values (ICCCM 4.1.3.1).
const (
	StateWithdrawn uint32 = 0
	StateNormal    uint32 = 1
	StateIconic    uint32 = 3
)

// clientEvents are the events a test client listens to: its own structure
// changes and properties, focus, and the keys and buttons it is sent.
const clientEvents = xproto.EventMaskStructureNotify | xproto.EventMaskPropertyChange |
	xproto.EventMaskFocusChange | xproto.EventMaskKeyPress | xproto.EventMaskButtonPress

// NewClient connects to display, creates a top-level window with the
// properties of o, and maps it unless o.NoMap. It does not wait for the map:
// under a window manager that is the manager's job; use WaitMapNotify.
func NewClient(t testing.TB, display string, o ClientOpts) *Client {
	t.Helper()
	conn := Conn(t, display)
	screen := xproto.Setup(conn).DefaultScreen(conn)
	c := &Client{Conn: conn, Root: screen.Root, t: t, atoms: newAtomCache(conn), events: RecordEvents(conn), input: o.Input}

	w, h := o.Width, o.Height
	if w == 0 {
		w = 200
	}
	if h == 0 {
		h = 100
	}
	win, err := xproto.NewWindowId(conn)
	if err != nil {
		t.Fatalf("new window id: %v", err)
	}
	c.Win = win
	override := uint32(0)
	if o.OverrideRedirect {
		override = 1
	}
	err = xproto.CreateWindowChecked(conn, screen.RootDepth, win, screen.Root,
		int16(o.X), int16(o.Y), uint16(w), uint16(h), 0, xproto.WindowClassInputOutput, screen.RootVisual,
		xproto.CwBackPixel|xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{colorFor(o.Title), override, clientEvents}).Check()
	if err != nil {
		t.Fatalf("create test client window %dx%d at %d,%d: %v", w, h, o.X, o.Y, err)
	}
	c.setProperties(o)
	if !o.NoMap {
		c.Map()
	}
	if err := roundTrip(conn); err != nil {
		t.Fatalf("test client %q: %v", o.Title, err)
	}
	return c
}

// Existing looks at a window some other program made, through the test's
// connection conn: the reading methods (Parent, Viewable, RootGeometry,
// properties) work on it; it records no events.
func Existing(t testing.TB, conn *xgb.Conn, win xproto.Window) *Client {
	screen := xproto.Setup(conn).DefaultScreen(conn)
	return &Client{Conn: conn, Win: win, Root: screen.Root, t: t, atoms: newAtomCache(conn), events: &EventLog{}}
}

// setProperties writes the ICCCM/EWMH properties o asks for.
func (c *Client) setProperties(o ClientOpts) {
	if o.Title != "" {
		c.setTitle(o.Title)
	}
	if o.Class != "" || o.Instance != "" {
		c.setProp("WM_CLASS", "STRING", 8, []byte(o.Instance+"\x00"+o.Class+"\x00"))
	}
	if o.Role != "" {
		c.setProp("WM_WINDOW_ROLE", "STRING", 8, []byte(o.Role))
	}
	var protocols []uint32
	if o.DeleteWindow {
		protocols = append(protocols, uint32(c.atom("WM_DELETE_WINDOW")))
	}
	if o.TakeFocus {
		protocols = append(protocols, uint32(c.atom("WM_TAKE_FOCUS")))
	}
	if protocols != nil {
		c.setProp("WM_PROTOCOLS", "ATOM", 32, words(protocols...))
	}
	if o.Input != nil || o.Urgent {
		c.setWMHints(o.Urgent)
	}
	if o.Hints != nil {
		c.setProp("WM_NORMAL_HINTS", "WM_SIZE_HINTS", 32, o.Hints.encode())
	}
	if o.Motif != nil {
		c.setProp("_MOTIF_WM_HINTS", "_MOTIF_WM_HINTS", 32, words(o.Motif...))
	}
	c.setEWMHProperties(o)
}

// WM_HINTS flags (ICCCM 4.1.2.4).
const (
	inputHint   uint32 = 1
	urgencyHint uint32 = 1 << 8
)

// setWMHints writes WM_HINTS from the client's input field and urgency, as
// Xlib's XSetWMHints rewrites the whole property.
func (c *Client) setWMHints(urgent bool) {
	var flags, input uint32
	if c.input != nil {
		flags |= inputHint
		if *c.input {
			input = 1
		}
	}
	if urgent {
		flags |= urgencyHint
	}
	// flags, input, initial_state, icon_pixmap, icon_window, icon_x,
	// icon_y, icon_mask, window_group
	c.setProp("WM_HINTS", "WM_HINTS", 32, words(flags, input, 0, 0, 0, 0, 0, 0, 0))
}

// encode lays the hints out as the 18 CARD32 of WM_SIZE_HINTS.
func (h NormalHints) encode() []byte {
	flags := h.Flags
	if flags == 0 {
		flags = h.derivedFlags()
	}
	v := make([]uint32, 18)
	v[0] = flags
	// v[1:5] are the obsolete x, y, width, height.
	v[5], v[6] = uint32(h.MinWidth), uint32(h.MinHeight)
	v[7], v[8] = uint32(h.MaxWidth), uint32(h.MaxHeight)
	v[9], v[10] = uint32(h.WidthInc), uint32(h.HeightInc)
	// v[11:15] are the aspect ratios.
	v[15], v[16] = uint32(h.BaseWidth), uint32(h.BaseHeight)
	v[17] = uint32(h.WinGravity)
	return words(v...)
}

func (h NormalHints) derivedFlags() uint32 {
	var f uint32
	if h.MinWidth != 0 || h.MinHeight != 0 {
		f |= HintMinSize
	}
	if h.MaxWidth != 0 || h.MaxHeight != 0 {
		f |= HintMaxSize
	}
	if h.WidthInc != 0 || h.HeightInc != 0 {
		f |= HintResizeInc
	}
	if h.BaseWidth != 0 || h.BaseHeight != 0 {
		f |= HintBaseSize
	}
	if h.WinGravity != 0 {
		f |= HintWinGravity
	}
	return f
}

// Map maps the window and waits until the server has processed it.
func (c *Client) Map() {
	c.t.Helper()
	if err := xproto.MapWindowChecked(c.Conn, c.Win).Check(); err != nil {
		c.t.Fatalf("map window %d: %v", c.Win, err)
	}
}

// Unmap unmaps the window, as a program hiding itself does.
func (c *Client) Unmap() {
	c.t.Helper()
	if err := xproto.UnmapWindowChecked(c.Conn, c.Win).Check(); err != nil {
		c.t.Fatalf("unmap window %d: %v", c.Win, err)
	}
}

// Withdraw unmaps the window and sends the synthetic UnmapNotify to the
// root that ICCCM 4.1.4 asks for, as Xlib's XWithdrawWindow does.
func (c *Client) Withdraw() {
	c.t.Helper()
	c.Unmap()
	ev := xproto.UnmapNotifyEvent{Event: c.Root, Window: c.Win}
	mask := uint32(xproto.EventMaskSubstructureRedirect | xproto.EventMaskSubstructureNotify)
	if err := xproto.SendEventChecked(c.Conn, false, c.Root, mask, string(ev.Bytes())).Check(); err != nil {
		c.t.Fatalf("send synthetic UnmapNotify for %d: %v", c.Win, err)
	}
}

// Destroy destroys the window; the connection stays open.
func (c *Client) Destroy() {
	c.t.Helper()
	if err := xproto.DestroyWindowChecked(c.Conn, c.Win).Check(); err != nil {
		c.t.Fatalf("destroy window %d: %v", c.Win, err)
	}
}

// SetTitle changes WM_NAME and _NET_WM_NAME, as programs do when their
// content changes.
func (c *Client) SetTitle(s string) {
	c.t.Helper()
	c.setTitle(s)
	if err := roundTrip(c.Conn); err != nil {
		c.t.Fatalf("set title %q: %v", s, err)
	}
}

func (c *Client) setTitle(s string) {
	c.setProp("WM_NAME", "STRING", 8, []byte(s))
	c.setProp("_NET_WM_NAME", "UTF8_STRING", 8, []byte(s))
}

// SetClass sets WM_CLASS, as a program that names its window only once it is shown.
func (c *Client) SetClass(instance, class string) {
	c.t.Helper()
	c.setProp("WM_CLASS", "STRING", 8, []byte(instance+"\x00"+class+"\x00"))
	if err := roundTrip(c.Conn); err != nil {
		c.t.Fatalf("set class %q: %v", class, err)
	}
}

// RootGeometry is the window's position relative to the root and its size.
func (c *Client) RootGeometry() (x, y, w, h int, err error) {
	pos, err := xproto.TranslateCoordinates(c.Conn, c.Win, c.Root, 0, 0).Reply()
	if err != nil {
		return 0, 0, 0, 0, err
	}
	geom, err := xproto.GetGeometry(c.Conn, xproto.Drawable(c.Win)).Reply()
	if err != nil {
		return 0, 0, 0, 0, err
	}
	return int(pos.DstX), int(pos.DstY), int(geom.Width), int(geom.Height), nil
}

// Viewable reports whether the window and all its ancestors are mapped.
func (c *Client) Viewable() bool {
	attrs, err := xproto.GetWindowAttributes(c.Conn, c.Win).Reply()
	return err == nil && attrs.MapState == xproto.MapStateViewable
}

// HasFocus reports whether the window has the input focus.
func (c *Client) HasFocus() bool {
	r, err := xproto.GetInputFocus(c.Conn).Reply()
	return err == nil && r.Focus == c.Win
}

// WMState reads the WM_STATE property a window manager sets on the window;
// ok is false when there is none.
func (c *Client) WMState() (state uint32, ok bool) {
	wmState := c.atom("WM_STATE")
	r, err := xproto.GetProperty(c.Conn, false, c.Win, wmState, wmState, 0, 2).Reply()
	if err != nil || r.Format != 32 || len(r.Value) < 4 {
		return 0, false
	}
	return xgb.Get32(r.Value), true
}

// Parent is the window's parent: the root, or a window manager's frame.
func (c *Client) Parent() xproto.Window {
	c.t.Helper()
	r, err := xproto.QueryTree(c.Conn, c.Win).Reply()
	if err != nil {
		c.t.Fatalf("query tree of %d: %v", c.Win, err)
	}
	return r.Parent
}

// Property reads a property of the window as raw bytes; ok is false when
// it is not set.
func (c *Client) Property(name string) (value []byte, ok bool) {
	r, err := xproto.GetProperty(c.Conn, false, c.Win, c.atom(name), xproto.GetPropertyTypeAny, 0, 1<<16).Reply()
	if err != nil || r.Format == 0 {
		return nil, false
	}
	return r.Value, true
}

func (c *Client) setProp(name, typ string, format byte, data []byte) {
	n := uint32(len(data)) / uint32(format/8)
	xproto.ChangeProperty(c.Conn, xproto.PropModeReplace, c.Win, c.atom(name), c.atom(typ), format, n, data)
}

func (c *Client) atom(name string) xproto.Atom {
	c.t.Helper()
	a, err := c.atoms.get(name)
	if err != nil {
		c.t.Fatalf("intern atom %s: %v", name, err)
	}
	return a
}

// colorFor picks a light background from the title, so windows are told
// apart in screenshots.
func colorFor(title string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(title))
	v := h.Sum32()
	r, g, b := 0x80|(v&0x7f), 0x80|(v>>8&0x7f), 0x80|(v>>16&0x7f)
	return r<<16 | g<<8 | b
}

// words encodes CARD32 values in the byte order xgb speaks (LSB first).
func words(v ...uint32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], x)
	}
	return b
}

// atomCache interns atoms once per connection.
type atomCache struct {
	conn *xgb.Conn
	mu   sync.Mutex
	m    map[string]xproto.Atom
}

func newAtomCache(conn *xgb.Conn) *atomCache {
	return &atomCache{conn: conn, m: map[string]xproto.Atom{}}
}

func (a *atomCache) get(name string) (xproto.Atom, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if atom, ok := a.m[name]; ok {
		return atom, nil
	}
	r, err := xproto.InternAtom(a.conn, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, err
	}
	a.m[name] = r.Atom
	return r.Atom, nil
}
