package xtest

import (
	"slices"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

func TestClientEWMHOptions(t *testing.T) {
	s := Xvfb(t, "800x600")
	owner := NewClient(t, s.Display, ClientOpts{Title: "owner", NoMap: true})
	strut := [12]uint32{0, 0, 24, 0, 0, 0, 0, 0, 0, 799, 0, 0}
	plain := [4]uint32{1, 2, 3, 4}
	c := NewClient(t, s.Display, ClientOpts{
		Title: "dialog", TransientFor: owner.Win,
		Types:  []string{"_NET_WM_WINDOW_TYPE_DIALOG", "_NET_WM_WINDOW_TYPE_NORMAL"},
		States: []string{"_NET_WM_STATE_MODAL"},
		Strut:  &strut, PlainStrut: &plain,
		X: 30, Y: 40, Width: 120, Height: 90,
		NoMap: true,
	})
	check := func(name string, want []byte) {
		t.Helper()
		got, ok := c.Property(name)
		if !ok || string(got) != string(want) {
			t.Errorf("%s = %v (set %v), want %v", name, got, ok, want)
		}
	}
	check("WM_TRANSIENT_FOR", words(uint32(owner.Win)))
	check("_NET_WM_WINDOW_TYPE", words(uint32(c.atom("_NET_WM_WINDOW_TYPE_DIALOG")), uint32(c.atom("_NET_WM_WINDOW_TYPE_NORMAL"))))
	check("_NET_WM_STRUT_PARTIAL", words(strut[:]...))
	check("_NET_WM_STRUT", words(plain[:]...))
	if got := c.NetWMState(); !slices.Equal(got, []string{"_NET_WM_STATE_MODAL"}) {
		t.Errorf("NetWMState = %q, want MODAL", got)
	}
	if got := c.Cardinals("_NET_WM_STRUT"); !slices.Equal(got, plain[:]) {
		t.Errorf("Cardinals(_NET_WM_STRUT) = %v, want %v", got, plain)
	}
	if x, y, w, h, err := c.RootGeometry(); err != nil || x != 30 || y != 40 || w != 120 || h != 90 {
		t.Errorf("RootGeometry = %d,%d %dx%d (%v), want 30,40 120x90", x, y, w, h, err)
	}
	for _, name := range []string{"WM_HINTS", "WM_NORMAL_HINTS"} {
		if v, ok := owner.Property(name); ok {
			t.Errorf("owner without options has %s = %v", name, v)
		}
	}
	for _, name := range []string{"WM_TRANSIENT_FOR", "_NET_WM_WINDOW_TYPE", "_NET_WM_STATE", "_NET_WM_STRUT_PARTIAL", "_NET_WM_STRUT"} {
		if v, ok := owner.Property(name); ok {
			t.Errorf("owner without options has %s = %v", name, v)
		}
	}
	if owner.NetWMState() != nil || owner.Cardinals("_NET_FRAME_EXTENTS") != nil {
		t.Error("NetWMState or Cardinals of unset properties is not nil")
	}
}

func TestClientOverrideRedirect(t *testing.T) {
	s := Xvfb(t, "800x600")
	for _, override := range []bool{false, true} {
		c := NewClient(t, s.Display, ClientOpts{OverrideRedirect: override, NoMap: true})
		attrs, err := xproto.GetWindowAttributes(c.Conn, c.Win).Reply()
		if err != nil {
			t.Fatal(err)
		}
		if attrs.OverrideRedirect != override {
			t.Errorf("OverrideRedirect %v: the window has %v", override, attrs.OverrideRedirect)
		}
	}
}

// WM_HINTS carries urgency and the input field together, and SetUrgent keeps the input field.
func TestClientUrgency(t *testing.T) {
	s := Xvfb(t, "800x600")
	no := false
	hints := func(flags, input uint32) []byte { return words(flags, input, 0, 0, 0, 0, 0, 0, 0) }
	tests := []struct {
		name         string
		o            ClientOpts
		want         []byte // WM_HINTS as made
		urgent, calm []byte // after SetUrgent(true), SetUrgent(false)
	}{
		{"urgent only", ClientOpts{Urgent: true}, hints(urgencyHint, 0), hints(urgencyHint, 0), hints(0, 0)},
		{"urgent with input false", ClientOpts{Urgent: true, Input: &no}, hints(inputHint|urgencyHint, 0),
			hints(inputHint|urgencyHint, 0), hints(inputHint, 0)},
		{"input false only", ClientOpts{Input: &no}, hints(inputHint, 0), hints(inputHint|urgencyHint, 0), hints(inputHint, 0)},
		{"no hints", ClientOpts{}, nil, hints(urgencyHint, 0), hints(0, 0)},
	}
	for _, tt := range tests {
		tt.o.NoMap = true
		c := NewClient(t, s.Display, tt.o)
		got, _ := c.Property("WM_HINTS")
		if string(got) != string(tt.want) {
			t.Errorf("%s: WM_HINTS = %v, want %v", tt.name, got, tt.want)
		}
		c.SetUrgent(true)
		if got, _ := c.Property("WM_HINTS"); string(got) != string(tt.urgent) {
			t.Errorf("%s: after SetUrgent(true) WM_HINTS = %v, want %v", tt.name, got, tt.urgent)
		}
		c.SetUrgent(false)
		if got, _ := c.Property("WM_HINTS"); string(got) != string(tt.calm) {
			t.Errorf("%s: after SetUrgent(false) WM_HINTS = %v, want %v", tt.name, got, tt.calm)
		}
	}
}

func TestClientSetStrut(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Types: []string{"_NET_WM_WINDOW_TYPE_DOCK"}, NoMap: true})
	strut := [12]uint32{0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 799}
	c.SetStrut(strut)
	if got := c.Cardinals("_NET_WM_STRUT_PARTIAL"); !slices.Equal(got, strut[:]) {
		t.Errorf("_NET_WM_STRUT_PARTIAL = %v, want %v", got, strut)
	}
	prop := c.atom("_NET_WM_STRUT_PARTIAL")
	if _, err := c.WaitEvent(wait, func(ev xgb.Event) bool {
		p, ok := ev.(xproto.PropertyNotifyEvent)
		return ok && p.Window == c.Win && p.Atom == prop
	}); err != nil {
		t.Errorf("no PropertyNotify for the strut: %v", err)
	}
}

// fakeManager is a second connection that selects SubstructureRedirect on
// the root, as a window manager does, so the messages and requests clients
// send the manager arrive here.
func fakeManager(t *testing.T, display string) (*xgb.Conn, *EventLog) {
	t.Helper()
	conn := Conn(t, display)
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	mask := uint32(xproto.EventMaskSubstructureRedirect | xproto.EventMaskSubstructureNotify)
	if err := xproto.ChangeWindowAttributesChecked(conn, root, xproto.CwEventMask, []uint32{mask}).Check(); err != nil {
		t.Fatalf("select SubstructureRedirect: %v", err)
	}
	return conn, RecordEvents(conn)
}

func TestClientMessagesToTheManager(t *testing.T) {
	s := Xvfb(t, "800x600")
	_, manager := fakeManager(t, s.Display)
	c := NewClient(t, s.Display, ClientOpts{Title: "asking", NoMap: true})
	atom := func(name string) uint32 { return uint32(c.atom(name)) }
	tests := []struct {
		name string
		send func()
		typ  string
		want [5]uint32
	}{
		{
			"fullscreen", func() { c.SendNetWMState(NetWMStateAdd, "_NET_WM_STATE_FULLSCREEN", "") },
			"_NET_WM_STATE", [5]uint32{1, atom("_NET_WM_STATE_FULLSCREEN"), 0, 1, 0},
		},
		{
			"maximize both", func() {
				c.SendNetWMState(NetWMStateToggle, "_NET_WM_STATE_MAXIMIZED_VERT", "_NET_WM_STATE_MAXIMIZED_HORZ")
			},
			"_NET_WM_STATE", [5]uint32{2, atom("_NET_WM_STATE_MAXIMIZED_VERT"), atom("_NET_WM_STATE_MAXIMIZED_HORZ"), 1, 0},
		},
		{"activate from a pager", func() { c.SendActiveWindow(SourcePager) }, "_NET_ACTIVE_WINDOW", [5]uint32{2, 0, 0, 0, 0}},
		{"activate from the application", func() { c.SendActiveWindow(SourceApplication) }, "_NET_ACTIVE_WINDOW", [5]uint32{1, 0, 0, 0, 0}},
		{
			"move and resize", func() { c.SendMoveResize(-5, 20, 300, 200) },
			"_NET_MOVERESIZE_WINDOW", [5]uint32{10 | 0xf<<8 | 1<<12, 0xfffffffb, 20, 300, 200},
		},
		{"frame extents", c.RequestFrameExtents, "_NET_REQUEST_FRAME_EXTENTS", [5]uint32{}},
	}
	for _, tt := range tests {
		tt.send()
		typ := c.atom(tt.typ)
		ev, err := manager.Wait(wait, func(ev xgb.Event) bool {
			m, ok := ev.(xproto.ClientMessageEvent)
			return ok && m.Type == typ
		})
		if err != nil {
			t.Errorf("%s: the manager got no %s: %v", tt.name, tt.typ, err)
			continue
		}
		m := ev.(xproto.ClientMessageEvent)
		var got [5]uint32
		copy(got[:], m.Data.Data32)
		if m.Window != c.Win || m.Format != 32 || got != tt.want {
			t.Errorf("%s: %s about %d format %d data %v, want about %d format 32 data %v",
				tt.name, tt.typ, m.Window, m.Format, got, c.Win, tt.want)
		}
	}
}

// Configure is the client's own request: it moves the window when no manager
// runs, and becomes a ConfigureRequest when one does.
func TestClientConfigure(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "alone"})
	c.Configure(10, 20, 300, 150)
	if x, y, w, h, err := c.RootGeometry(); err != nil || x != 10 || y != 20 || w != 300 || h != 150 {
		t.Errorf("without a manager RootGeometry = %d,%d %dx%d (%v), want 10,20 300x150", x, y, w, h, err)
	}

	_, manager := fakeManager(t, s.Display)
	c.Configure(-3, 40, 50, 60)
	ev, err := manager.Wait(wait, func(ev xgb.Event) bool {
		r, ok := ev.(xproto.ConfigureRequestEvent)
		return ok && r.Window == c.Win
	})
	if err != nil {
		t.Fatalf("the manager got no ConfigureRequest: %v", err)
	}
	r := ev.(xproto.ConfigureRequestEvent)
	want := uint16(xproto.ConfigWindowX | xproto.ConfigWindowY | xproto.ConfigWindowWidth | xproto.ConfigWindowHeight)
	if r.X != -3 || r.Y != 40 || r.Width != 50 || r.Height != 60 || r.ValueMask != want {
		t.Errorf("ConfigureRequest %d,%d %dx%d mask %#x, want -3,40 50x60 mask %#x", r.X, r.Y, r.Width, r.Height, r.ValueMask, want)
	}
	if _, _, w, _, _ := c.RootGeometry(); w != 300 {
		t.Errorf("a redirected Configure resized the window to width %d", w)
	}
}

// NetWMState and Cardinals read what a window manager writes on the window.
func TestClientReadsManagerProperties(t *testing.T) {
	s := Xvfb(t, "800x600")
	conn, _ := fakeManager(t, s.Display)
	c := NewClient(t, s.Display, ClientOpts{NoMap: true})
	atoms := newAtomCache(conn)
	atom := func(name string) xproto.Atom {
		a, err := atoms.get(name)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	states := words(uint32(atom("_NET_WM_STATE_FULLSCREEN")), uint32(atom("_NET_WM_STATE_DEMANDS_ATTENTION")))
	xproto.ChangeProperty(conn, xproto.PropModeReplace, c.Win, atom("_NET_WM_STATE"), xproto.AtomAtom, 32, 2, states)
	xproto.ChangeProperty(conn, xproto.PropModeReplace, c.Win, atom("_NET_FRAME_EXTENTS"), xproto.AtomCardinal, 32, 4, words(0, 0, 18, 0))
	// A CARDINAL read of a property of another type is nil, not garbage.
	xproto.ChangeProperty(conn, xproto.PropModeReplace, c.Win, atom("_NET_WM_DESKTOP"), xproto.AtomString, 8, 2, []byte("no"))
	if err := roundTrip(conn); err != nil {
		t.Fatal(err)
	}
	if got, want := c.NetWMState(), []string{"_NET_WM_STATE_FULLSCREEN", "_NET_WM_STATE_DEMANDS_ATTENTION"}; !slices.Equal(got, want) {
		t.Errorf("NetWMState = %q, want %q", got, want)
	}
	if got := c.Cardinals("_NET_FRAME_EXTENTS"); !slices.Equal(got, []uint32{0, 0, 18, 0}) {
		t.Errorf("Cardinals(_NET_FRAME_EXTENTS) = %v, want [0 0 18 0]", got)
	}
	if got := c.Cardinals("_NET_WM_DESKTOP"); got != nil {
		t.Errorf("Cardinals of a STRING property = %v, want nil", got)
	}
}
