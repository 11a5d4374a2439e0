package x11

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// Titles come from _NET_WM_NAME first, else WM_NAME in any of its encodings.
func TestTitles(t *testing.T) {
	srv := xtest.Xvfb(t, "640x480")
	c, err := Connect(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	win, _ := xproto.NewWindowId(c.X)
	xproto.CreateWindow(c.X, 0, win, c.Root, 0, 0, 10, 10, 0, xproto.WindowClassInputOutput, 0, 0, nil)
	set := func(prop, typ string, v string) {
		xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom(prop), c.Atom(typ), 8, uint32(len(v)), []byte(v))
	}
	for _, tt := range []struct {
		typ, value, want string
	}{
		{"STRING", "na\xefve", "naïve"},
		// xterm -T 'Ελληνικά café' in the C locale: UTF-8 bytes, typed STRING.
		{"STRING", "\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac caf\xc3\xa9", "Ελληνικά café"},
		{"STRING", "caf\xe9 \xc3", "café Ã"},
		{"COMPOUND_TEXT", "\x1b%G\xe2\x9c\x93 done\x1b%@", "✓ done"},
		{"UTF8_STRING", "résumé", "résumé"},
	} {
		set("WM_NAME", tt.typ, tt.value)
		if got, ok := c.RequestTitle(win).Read(); got != tt.want || !ok {
			t.Errorf("WM_NAME as %s %q: title %q, %v; want %q, true", tt.typ, tt.value, got, ok, tt.want)
		}
	}
	set("_NET_WM_NAME", "UTF8_STRING", "from _NET_WM_NAME")
	if got, _ := c.RequestTitle(win).Read(); got != "from _NET_WM_NAME" {
		t.Errorf("title %q, want _NET_WM_NAME's", got)
	}
	if got := c.RequestProps(win).Read().Title; got != "from _NET_WM_NAME" {
		t.Errorf("props title %q", got)
	}
	// Read again, the properties of a window that is gone leave what fion knew as it was.
	props := ClientProps{Title: "known", Class: "Known", Urgent: true}
	if err := xproto.DestroyWindowChecked(c.X, win).Check(); err != nil {
		t.Fatal(err)
	}
	if title, ok := c.RequestTitle(win).Read(); ok || title != "" {
		t.Errorf("the title of a destroyed window: %q, %v; want \"\", false", title, ok)
	}
	if c.RequestFollowed(win).ReadInto(&props) || props.Title != "known" || props.Class != "Known" || !props.Urgent {
		t.Errorf("ReadInto of a destroyed window said it is there or changed %+v", props)
	}
	// A window without a title is there.
	bare := newWindow(t, c)
	if title, ok := c.RequestTitle(bare).Read(); !ok || title != "" {
		t.Errorf("the title of a window without one: %q, %v; want \"\", true", title, ok)
	}
}

// newWindow makes an unmapped top-level window on c for properties to be set on.
func newWindow(t *testing.T, c *Conn) xproto.Window {
	t.Helper()
	win, err := xproto.NewWindowId(c.X)
	if err != nil {
		t.Fatal(err)
	}
	xproto.CreateWindow(c.X, 0, win, c.Root, 0, 0, 10, 10, 0, xproto.WindowClassInputOutput, 0, 0, nil)
	return win
}

// strangerAtom interns name without telling c, as another client would.
func strangerAtom(t *testing.T, c *Conn, name string) uint32 {
	t.Helper()
	r, err := xproto.InternAtom(c.X, false, uint16(len(name)), name).Reply()
	if err != nil {
		t.Fatal(err)
	}
	return uint32(r.Atom)
}

func connectXvfb(t *testing.T) *Conn {
	t.Helper()
	srv := xtest.Xvfb(t, "640x480")
	c, err := Connect(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// Every property of issue 4 reads back as set, in the one RequestProps/Read.
func TestClientPropsIssue4(t *testing.T) {
	c := connectXvfb(t)
	owner, win := newWindow(t, c), newWindow(t, c)
	hints := make([]uint32, 18)
	hints[0] = hintMinSize | hintResizeInc | hintBaseSize
	hints[5], hints[6], hints[9], hints[10], hints[15], hints[16] = 10, 17, 6, 13, 4, 4 // xterm's
	c.set32(win, "WM_NORMAL_HINTS", c.Atom("WM_SIZE_HINTS"), hints)
	c.SetWindows(win, "WM_TRANSIENT_FOR", []xproto.Window{owner})
	kde := strangerAtom(t, c, "_KDE_NET_WM_WINDOW_TYPE_OVERRIDE")
	c.set32(win, "_NET_WM_WINDOW_TYPE", xproto.AtomAtom,
		[]uint32{kde, uint32(c.Atom("_NET_WM_WINDOW_TYPE_DIALOG")), uint32(c.Atom("_NET_WM_WINDOW_TYPE_NORMAL"))})
	c.SetAtoms(win, "_NET_WM_STATE", []string{"_NET_WM_STATE_MODAL", "_NET_WM_STATE_FULLSCREEN"})
	c.SetCardinals(win, "_NET_WM_STRUT_PARTIAL", 0, 0, 24, 0, 0, 0, 0, 0, 0, 639, 0, 0)
	c.SetCardinals(win, "_NET_WM_STRUT", 0, 0, 99, 0)

	got := c.RequestProps(win).Read()
	wantHints := SizeHints{MinW: 10, MinH: 17, IncW: 6, IncH: 13, BaseW: 4, BaseH: 4}
	if got.Hints != wantHints {
		t.Errorf("Hints = %+v, want %+v", got.Hints, wantHints)
	}
	if got.TransientFor != owner {
		t.Errorf("TransientFor = %d, want %d", got.TransientFor, owner)
	}
	if want := []string{"_NET_WM_WINDOW_TYPE_DIALOG", "_NET_WM_WINDOW_TYPE_NORMAL"}; !slices.Equal(got.Types, want) {
		t.Errorf("Types = %q, want %q (unknown atoms left out, order kept)", got.Types, want)
	}
	if want := []string{"_NET_WM_STATE_MODAL", "_NET_WM_STATE_FULLSCREEN"}; !slices.Equal(got.States, want) {
		t.Errorf("States = %q, want %q", got.States, want)
	}
	wantStrut := Strut{Top: 24, TopEndX: 639, Partial: true}
	if !got.HasStrut || got.Strut != wantStrut {
		t.Errorf("Strut = %+v (has %v), want the partial one %+v", got.Strut, got.HasStrut, wantStrut)
	}
	if !got.Input || got.Urgent {
		t.Errorf("Input %v Urgent %v without WM_HINTS, want true false", got.Input, got.Urgent)
	}

	// The strut alone, and the plain strut when the partial one goes.
	if s, ok := c.ReadStrut(win); !ok || s != wantStrut {
		t.Errorf("ReadStrut = %+v, %v; want %+v", s, ok, wantStrut)
	}
	c.Delete(win, "_NET_WM_STRUT_PARTIAL")
	if s, ok := c.ReadStrut(win); !ok || s != (Strut{Top: 99}) {
		t.Errorf("ReadStrut without the partial strut = %+v, %v; want the plain top 99", s, ok)
	}
	c.Delete(win, "_NET_WM_STRUT")
	if s, ok := c.ReadStrut(win); ok {
		t.Errorf("ReadStrut without struts = %+v, true", s)
	}

	// States read now, as the window manager does after a change.
	c.SetAtoms(win, "_NET_WM_STATE", []string{"_NET_WM_STATE_ABOVE"})
	if s := c.NetWMStates(win); !slices.Equal(s, []string{"_NET_WM_STATE_ABOVE"}) {
		t.Errorf("NetWMStates = %q, want ABOVE", s)
	}
	c.Delete(win, "_NET_WM_STATE")
	if s := c.NetWMStates(win); s != nil {
		t.Errorf("NetWMStates without the property = %q", s)
	}
}

// A window without any of the properties reads as "not set" everywhere.
func TestClientPropsAbsent(t *testing.T) {
	c := connectXvfb(t)
	win := newWindow(t, c)
	got := c.RequestProps(win).Read()
	want := ClientProps{Input: true, Desktop: -1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("props of a bare window = %+v, want %+v", got, want)
	}
	// A window gone before the replies: zero values, no panic.
	xproto.DestroyWindow(c.X, win)
	if got := c.RequestProps(win).Read(); got.HasStrut || got.Types != nil || got.TransientFor != 0 {
		t.Errorf("props of a destroyed window = %+v", got)
	}
	if s, ok := c.ReadStrut(win); ok {
		t.Errorf("ReadStrut of a destroyed window = %+v, true", s)
	}
}

// Hostile values are read without a crash and give sane props.
func TestClientPropsHostile(t *testing.T) {
	c := connectXvfb(t)
	tests := []struct {
		name  string
		set   func(win xproto.Window)
		check func(p ClientProps) string // "" when fine
	}{
		{
			"WM_TRANSIENT_FOR of format 8",
			func(win xproto.Window) {
				xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom("WM_TRANSIENT_FOR"), xproto.AtomWindow, 8, 4, []byte{1, 2, 3, 4})
			},
			func(p ClientProps) string { return ifNot(p.TransientFor == 0, "TransientFor %d", p.TransientFor) },
		},
		{
			"WM_TRANSIENT_FOR of format 16",
			func(win xproto.Window) {
				xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom("WM_TRANSIENT_FOR"), xproto.AtomWindow, 16, 2, []byte{1, 2, 3, 4})
			},
			func(p ClientProps) string { return ifNot(p.TransientFor == 0, "TransientFor %d", p.TransientFor) },
		},
		{
			"WM_TRANSIENT_FOR empty",
			func(win xproto.Window) { c.SetWindows(win, "WM_TRANSIENT_FOR", nil) },
			func(p ClientProps) string { return ifNot(p.TransientFor == 0, "TransientFor %d", p.TransientFor) },
		},
		{
			"WM_TRANSIENT_FOR itself",
			func(win xproto.Window) { c.SetWindows(win, "WM_TRANSIENT_FOR", []xproto.Window{win}) },
			func(p ClientProps) string { return ifNot(p.TransientFor == 0, "TransientFor %d", p.TransientFor) },
		},
		{
			"1-long WM_NORMAL_HINTS",
			func(win xproto.Window) {
				c.set32(win, "WM_NORMAL_HINTS", c.Atom("WM_SIZE_HINTS"), []uint32{0xffffffff})
			},
			func(p ClientProps) string { return ifNot(p.Hints == SizeHints{}, "Hints %+v", p.Hints) },
		},
		{
			"WM_NORMAL_HINTS of format 8",
			func(win xproto.Window) {
				xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom("WM_NORMAL_HINTS"), c.Atom("WM_SIZE_HINTS"), 8, 72, make([]byte, 72))
			},
			func(p ClientProps) string { return ifNot(p.Hints == SizeHints{}, "Hints %+v", p.Hints) },
		},
		{
			"WM_NORMAL_HINTS all 0xffffffff",
			func(win xproto.Window) {
				v := make([]uint32, 18)
				for i := range v {
					v[i] = 0xffffffff
				}
				c.set32(win, "WM_NORMAL_HINTS", c.Atom("WM_SIZE_HINTS"), v)
			},
			func(p ClientProps) string { return ifNot(p.Hints == SizeHints{}, "Hints %+v", p.Hints) },
		},
		{
			"100 window types",
			func(win xproto.Window) {
				names := make([]string, 100)
				for i := range names {
					names[i] = "_NET_WM_WINDOW_TYPE_DIALOG"
				}
				names[0] = "_NET_WM_WINDOW_TYPE_DOCK"
				c.SetAtoms(win, "_NET_WM_WINDOW_TYPE", names)
			},
			func(p ClientProps) string {
				return ifNot(len(p.Types) == maxAtomList && p.Types[0] == "_NET_WM_WINDOW_TYPE_DOCK", "%d types, first %q", len(p.Types), p.Types)
			},
		},
		{
			"types that are not atoms",
			func(win xproto.Window) { c.SetCardinals(win, "_NET_WM_WINDOW_TYPE", 0, 0xffffffff, 123456789) },
			func(p ClientProps) string { return ifNot(p.Types == nil, "Types %q", p.Types) },
		},
		{
			"_NET_WM_STATE of format 8",
			func(win xproto.Window) {
				xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom("_NET_WM_STATE"), xproto.AtomAtom, 8, 3, []byte("abc"))
			},
			func(p ClientProps) string { return ifNot(p.States == nil, "States %q", p.States) },
		},
		{
			"5-long partial strut",
			func(win xproto.Window) { c.SetCardinals(win, "_NET_WM_STRUT_PARTIAL", 1, 2, 3, 4, 5) },
			func(p ClientProps) string { return ifNot(!p.HasStrut, "Strut %+v", p.Strut) },
		},
		{
			"strut of 0xffffffff",
			func(win xproto.Window) {
				c.SetCardinals(win, "_NET_WM_STRUT", 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)
			},
			func(p ClientProps) string {
				return ifNot(p.HasStrut && p.Strut.Bands(640, 480, 0, 0, 10, 10) == nil, "Strut %+v gives bands", p.Strut)
			},
		},
	}
	for _, tt := range tests {
		win := newWindow(t, c)
		tt.set(win)
		if msg := tt.check(c.RequestProps(win).Read()); msg != "" {
			t.Errorf("%s: %s", tt.name, msg)
		}
	}
}

// ifNot formats a complaint when ok is false.
func ifNot(ok bool, format string, args ...any) string {
	if ok {
		return ""
	}
	return fmt.Sprintf(format, args...)
}

func TestUndecoratedReadsMotifDecorations(t *testing.T) {
	longs := func(v ...uint32) []byte {
		b := make([]byte, 4*len(v))
		for i, x := range v {
			binary.LittleEndian.PutUint32(b[4*i:], x)
		}
		return b
	}
	for _, tt := range []struct {
		name   string
		reply  *xproto.GetPropertyReply
		border bool
	}{
		{"absent", nil, true},
		{"no decorations", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0, 0, 0, 0)}, false},
		{"title only", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0, 8, 0, 0)}, false},
		{"border", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0, 2, 0, 0)}, true},
		{"all", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0, 1, 0, 0)}, true},
		{"all but the border", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0, 3, 0, 0)}, false},
		{"decorations not flagged", &xproto.GetPropertyReply{Format: 32, Value: longs(1, 0, 0, 0, 0)}, true},
		{"three longs are enough", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0, 0)}, false},
		{"too short", &xproto.GetPropertyReply{Format: 32, Value: longs(2, 0)}, true},
		{"wrong format", &xproto.GetPropertyReply{Format: 8, Value: longs(2, 0, 0, 0, 0)}, true},
		{"odd length", &xproto.GetPropertyReply{Format: 32, Value: []byte{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}, true},
	} {
		if got := !undecorated(tt.reply); got != tt.border {
			t.Errorf("%s: border %v, want %v", tt.name, got, tt.border)
		}
	}
}

// Properties longer than one request can carry (xgb writes a request's length in 16 bits and fion
// does not use BIG-REQUESTS) are written in several requests, and read back whole.
func TestPropertiesLargerThanARequest(t *testing.T) {
	c := connectXvfb(t)
	limit := int(c.Setup.MaximumRequestLength) * 4
	for _, n := range []int{0, 1, limit/4 - 6, limit/4 - 5, 66000, 3 * limit / 4} {
		wins := make([]xproto.Window, n)
		for i := range wins {
			wins[i] = xproto.Window(i + 1)
		}
		c.SetWindows(c.Root, "_NET_CLIENT_LIST", wins)
		text := strings.Repeat("é", n/2+1)
		c.SetUTF8(c.Root, "_NET_DESKTOP_NAMES", text, "b")
		r, err := xproto.GetProperty(c.X, false, c.Root, c.Atom("_NET_CLIENT_LIST"), xproto.AtomWindow, 0, uint32(n+1)).Reply()
		if err != nil {
			t.Fatalf("%d windows: the connection broke: %v", n, err)
		}
		if len(r.Value) != 4*n || n > 0 && binary.LittleEndian.Uint32(r.Value[4*n-4:]) != uint32(n) {
			t.Errorf("%d windows: read back %d bytes", n, len(r.Value))
		}
		r, err = xproto.GetProperty(c.X, false, c.Root, c.Atom("_NET_DESKTOP_NAMES"), c.Atom("UTF8_STRING"), 0, uint32(len(text)+8)).Reply()
		if err != nil || string(r.Value) != text+"\x00b\x00" {
			t.Errorf("%d bytes of names: read back %d bytes (%v)", len(text), len(r.Value), err)
		}
	}
}

// A title is cut at 4096 bytes of UTF-8, between characters, whatever the property held: a cut
// inside a character or Latin-1 that grows when decoded must not make it longer.
func TestTitlesAreCutAt4096BytesBetweenCharacters(t *testing.T) {
	c := connectXvfb(t)
	win := newWindow(t, c)
	for _, tt := range []struct {
		name, typ, value string
	}{
		{"_NET_WM_NAME", "UTF8_STRING", "a" + strings.Repeat("é", 3000)},
		{"_NET_WM_NAME", "UTF8_STRING", strings.Repeat("€", 2000)},
		{"WM_NAME", "STRING", strings.Repeat("\xe9", 5000)},
	} {
		c.Delete(win, "_NET_WM_NAME")
		xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom(tt.name), c.Atom(tt.typ), 8, uint32(len(tt.value)), []byte(tt.value))
		got, _ := c.RequestTitle(win).Read()
		if len(got) > 4096 || len(got) < 4090 || !utf8.ValidString(got) || strings.ContainsRune(got, utf8.RuneError) {
			t.Errorf("%s as %s of %d bytes: title of %d bytes (valid %v, with U+FFFD %v)", tt.name, tt.typ, len(tt.value),
				len(got), utf8.ValidString(got), strings.ContainsRune(got, utf8.RuneError))
		}
	}
}

// _NET_WM_PID and WM_CLIENT_MACHINE are read together; a pid that is no pid reads as none.
func TestClientPropsPID(t *testing.T) {
	c := connectXvfb(t)
	win := newWindow(t, c)
	c.SetCardinals(win, "_NET_WM_PID", 4242)
	xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, xproto.AtomWmClientMachine, xproto.AtomString, 8, 4, []byte("box1"))
	if got := c.RequestProps(win).Read(); got.PID != 4242 || got.Machine != "box1" {
		t.Errorf("PID %d on %q, want 4242 on box1", got.PID, got.Machine)
	}
	for _, set := range []func(){
		func() { c.SetCardinals(win, "_NET_WM_PID", 0xffffffff) },
		func() { c.SetCardinals(win, "_NET_WM_PID", 0) },
		func() { c.SetWindows(win, "_NET_WM_PID", []xproto.Window{4242}) }, // not a CARDINAL
		func() { c.SetUTF8(win, "_NET_WM_PID", "4242") },
		func() { c.SetCardinals(win, "_NET_WM_PID") },
	} {
		set()
		if got := c.RequestProps(win).Read(); got.PID != 0 {
			t.Errorf("PID %d from a property that is no pid", got.PID)
		}
	}
}

// RequestFollowed reads every property Followed names (fion polls a window with it instead of
// hearing of those changes), each into its field.
func TestRequestFollowedReadsEachFollowed(t *testing.T) {
	srv := xtest.Xvfb(t, "640x480")
	c, err := Connect(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	other := newWindow(t, c)
	cases := map[string]struct {
		set   func(win xproto.Window)
		check func(p ClientProps) bool
	}{
		"WM_HINTS": {
			func(win xproto.Window) { c.SetCardinals(win, "WM_HINTS", 1|1<<8, 0, 0, 0, 0, 0, 0, 0, 0) },
			func(p ClientProps) bool { return p.Urgent && !p.Input },
		},
		"WM_PROTOCOLS": {
			func(win xproto.Window) { c.SetAtoms(win, "WM_PROTOCOLS", []string{"WM_DELETE_WINDOW"}) },
			func(p ClientProps) bool { return p.DeleteWindow },
		},
		"WM_CLASS": {
			func(win xproto.Window) {
				v := "inst\x00Cls\x00"
				xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom("WM_CLASS"), xproto.AtomString, 8, uint32(len(v)), []byte(v))
			},
			func(p ClientProps) bool { return p.Instance == "inst" && p.Class == "Cls" },
		},
		"WM_NORMAL_HINTS": {
			func(win xproto.Window) { c.SetCardinals(win, "WM_NORMAL_HINTS", 1<<4, 0, 0, 0, 0, 300, 200) },
			func(p ClientProps) bool { return p.Hints != SizeHints{} },
		},
		"WM_TRANSIENT_FOR": {
			func(win xproto.Window) { c.SetWindows(win, "WM_TRANSIENT_FOR", []xproto.Window{other}) },
			func(p ClientProps) bool { return p.TransientFor == other },
		},
		"_MOTIF_WM_HINTS": {
			func(win xproto.Window) { c.SetCardinals(win, "_MOTIF_WM_HINTS", 1<<1, 0, 0, 0, 0) },
			func(p ClientProps) bool { return p.Undecorated },
		},
		"WM_WINDOW_ROLE": {
			func(win xproto.Window) {
				xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom("WM_WINDOW_ROLE"), xproto.AtomString, 8, 6, []byte("pop-up"))
			},
			func(p ClientProps) bool { return p.Role == "pop-up" },
		},
	}
	for _, name := range Followed {
		tt, ok := cases[name]
		if !ok {
			t.Errorf("Followed names %s, which this test does not set: add it here", name)
			continue
		}
		win := newWindow(t, c)
		before := ClientProps{Input: true}
		c.RequestFollowed(win).ReadInto(&before)
		if tt.check(before) {
			t.Fatalf("%s: a window without it reads as having it: %+v", name, before)
		}
		tt.set(win)
		after := before
		if !c.RequestFollowed(win).ReadInto(&after) || !tt.check(after) {
			t.Errorf("%s set: RequestFollowed read %+v", name, after)
		}
	}
}
