package xtest

import (
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

const wait = 10 * time.Second

// Keysyms used below (X11/keysymdef.h).
const (
	xkA      = 0x61
	xkShiftA = 0x41
	xkReturn = 0xff0d
)

func TestClientMapsAndIsViewable(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "one", Width: 300, Height: 200})
	if err := c.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	if !c.Viewable() {
		t.Error("mapped client is not viewable")
	}
	x, y, w, h, err := c.RootGeometry()
	if err != nil || x != 0 || y != 0 || w != 300 || h != 200 {
		t.Errorf("RootGeometry = %d,%d %dx%d, %v; want 0,0 300x200", x, y, w, h, err)
	}
	if p := c.Parent(); p != c.Root {
		t.Errorf("Parent = %d, want the root %d (no window manager runs)", p, c.Root)
	}
	if st, ok := c.WMState(); ok {
		t.Errorf("WM_STATE = %d without a window manager", st)
	}
}

func TestClientProperties(t *testing.T) {
	s := Xvfb(t, "800x600")
	no := false
	c := NewClient(t, s.Display, ClientOpts{
		Title: "t€st", Class: "Fiontest", Instance: "fiontest",
		DeleteWindow: true, TakeFocus: true, Input: &no,
		Hints: &NormalHints{MinWidth: 500, MaxWidth: 100, WidthInc: -3},
		NoMap: true,
	})
	check := func(name string, want []byte) {
		t.Helper()
		got, ok := c.Property(name)
		if !ok || string(got) != string(want) {
			t.Errorf("%s = %q (set %v), want %q", name, got, ok, want)
		}
	}
	check("WM_NAME", []byte("t€st"))
	check("_NET_WM_NAME", []byte("t€st"))
	check("WM_CLASS", []byte("fiontest\x00Fiontest\x00"))
	check("WM_PROTOCOLS", words(uint32(c.atom("WM_DELETE_WINDOW")), uint32(c.atom("WM_TAKE_FOCUS"))))
	check("WM_HINTS", words(1, 0, 0, 0, 0, 0, 0, 0, 0))
	hints := make([]uint32, 18)
	hints[0] = HintMinSize | HintMaxSize | HintResizeInc
	hints[5], hints[7], hints[9] = 500, 100, 0xfffffffd
	check("WM_NORMAL_HINTS", words(hints...))
	if c.Viewable() {
		t.Error("NoMap client is viewable")
	}
}

func TestClientWithoutOptionsSetsNoProperties(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{NoMap: true})
	for _, name := range []string{"WM_NAME", "_NET_WM_NAME", "WM_CLASS", "WM_PROTOCOLS", "WM_HINTS", "WM_NORMAL_HINTS"} {
		if v, ok := c.Property(name); ok {
			t.Errorf("%s set to %q", name, v)
		}
	}
	if _, _, w, h, err := c.RootGeometry(); err != nil || w != 200 || h != 100 {
		t.Errorf("default size %dx%d (%v), want 200x100", w, h, err)
	}
}

func TestNormalHintsFlags(t *testing.T) {
	tests := []struct {
		h    NormalHints
		want uint32
	}{
		{NormalHints{}, 0},
		{NormalHints{MinHeight: 1}, HintMinSize},
		{NormalHints{MaxWidth: -1}, HintMaxSize},
		{NormalHints{HeightInc: 7, BaseWidth: 2}, HintResizeInc | HintBaseSize},
		{NormalHints{Flags: HintMaxSize, MinWidth: 5}, HintMaxSize},
	}
	for _, tt := range tests {
		if got := xgb.Get32(tt.h.encode()); got != tt.want {
			t.Errorf("flags of %+v = %#x, want %#x", tt.h, got, tt.want)
		}
	}
}

func TestSetTitleChangesBothProperties(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "before"})
	c.SetTitle("after")
	for _, name := range []string{"WM_NAME", "_NET_WM_NAME"} {
		if v, _ := c.Property(name); string(v) != "after" {
			t.Errorf("%s = %q, want \"after\"", name, v)
		}
	}
	netName := c.atom("_NET_WM_NAME")
	_, err := c.WaitEvent(wait, func(ev xgb.Event) bool {
		p, ok := ev.(xproto.PropertyNotifyEvent)
		return ok && p.Atom == netName
	})
	if err != nil {
		t.Errorf("no PropertyNotify for _NET_WM_NAME: %v", err)
	}
}

func TestUnmapMapDestroy(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "x"})
	if err := c.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	c.Unmap()
	if err := c.WaitUnmapNotify(wait); err != nil {
		t.Fatal(err)
	}
	if c.Viewable() {
		t.Error("viewable after Unmap")
	}
	c.Map()
	// The first MapNotify was taken above, so this waits for a new one.
	if err := c.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	c.Destroy()
	if _, err := c.WaitEvent(wait, func(ev xgb.Event) bool {
		d, ok := ev.(xproto.DestroyNotifyEvent)
		return ok && d.Window == c.Win
	}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, err := c.RootGeometry(); err == nil {
		t.Error("RootGeometry of a destroyed window: no error")
	}
}

func TestWithdrawSendsSyntheticUnmapToRoot(t *testing.T) {
	s := Xvfb(t, "800x600")
	watcher := Conn(t, s.Display)
	root := xproto.Setup(watcher).DefaultScreen(watcher).Root
	if err := xproto.ChangeWindowAttributesChecked(watcher, root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureNotify}).Check(); err != nil {
		t.Fatal(err)
	}
	log := RecordEvents(watcher)
	c := NewClient(t, s.Display, ClientOpts{Title: "w"})
	c.Withdraw()
	synthetic := func(ev xgb.Event) bool {
		u, ok := ev.(xproto.UnmapNotifyEvent)
		// xgb drops the send_event bit, but a real unmap reports the parent.
		return ok && u.Window == c.Win && u.Event == root
	}
	if _, err := log.Wait(wait, synthetic); err != nil {
		t.Fatal(err)
	}
	if _, err := log.Wait(wait, synthetic); err != nil {
		t.Fatalf("only one UnmapNotify on the root; want the real and the synthetic one: %v", err)
	}
}

// typingTo starts a server with a client that has the input focus, and opens the connection that
// types to it.
func typingTo(t *testing.T) (display string, c *Client, input *xgb.Conn) {
	t.Helper()
	s := Xvfb(t, "800x600")
	c = NewClient(t, s.Display, ClientOpts{Title: "keys"})
	if err := c.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	input = Conn(t, s.Display)
	if err := xproto.SetInputFocusChecked(input, xproto.InputFocusPointerRoot, c.Win, xproto.TimeCurrentTime).Check(); err != nil {
		t.Fatal(err)
	}
	Eventually(t, wait, func() (bool, string) { return c.HasFocus(), "client has no focus" })
	return s.Display, c, input
}

func TestKeySymReachesFocusedWindow(t *testing.T) {
	_, c, input := typingTo(t)

	tests := []struct {
		name   string
		mods   uint16
		keysym uint32
		want   uint16 // modifiers the client must see
	}{
		{"ctrl+a", xproto.ModMaskControl, xkA, xproto.ModMaskControl},
		{"super+Return", xproto.ModMask4, xkReturn, xproto.ModMask4},
		{"A adds shift", 0, xkShiftA, xproto.ModMaskShift},
		{"plain a", 0, xkA, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _ := KeycodeFor(t, input, tt.keysym)
			KeySym(t, input, tt.mods, tt.keysym)
			// The modifiers' own presses come first; skip to the key.
			ev, err := c.WaitEvent(wait, func(ev xgb.Event) bool {
				k, ok := ev.(xproto.KeyPressEvent)
				return ok && k.Detail == code
			})
			if err != nil {
				t.Fatal(err)
			}
			k := ev.(xproto.KeyPressEvent)
			if k.State != tt.want || k.Event != c.Win {
				t.Errorf("KeyPress state %#x on %d; want state %#x on %d", k.State, k.Event, tt.want, c.Win)
			}
		})
	}
}

// Keysyms of the second group, and those AltGr reaches, are typed too.
func TestKeySymFindsEveryGroupAndLevel(t *testing.T) {
	display, c, input := typingTo(t)
	for _, tt := range []struct {
		layout []string
		keysym uint32
		code   xproto.Keycode // Xvfb's evdev keycodes
		want   uint16         // the modifiers the client must see
	}{
		{[]string{"-layout", "ru,us"}, 0x73, 39, 0},                       // s, in the second group
		{[]string{"-layout", "ru,us"}, 0x53, 39, xproto.ModMaskShift},     // S
		{[]string{"de"}, 0x5d, 18, xproto.ModMask5},                       // bracketright: AltGr+9
		{[]string{"de"}, 0xa1, 10, xproto.ModMask5 | xproto.ModMaskShift}, // exclamdown: Shift+AltGr+1
		{[]string{"de"}, 0x39, 18, 0},                                     // 9
	} {
		if out, err := exec.Command("setxkbmap", append([]string{"-display", display}, tt.layout...)...).CombinedOutput(); err != nil {
			t.Fatalf("setxkbmap %v: %v\n%s", tt.layout, err, out)
		}
		KeySym(t, input, 0, tt.keysym)
		ev, err := c.WaitEvent(wait, func(ev xgb.Event) bool {
			k, ok := ev.(xproto.KeyPressEvent)
			return ok && k.Detail == tt.code
		})
		if err != nil {
			t.Fatalf("%v: keysym %#x: %v", tt.layout, tt.keysym, err)
		}
		if k := ev.(xproto.KeyPressEvent); k.State != tt.want {
			t.Errorf("%v: keysym %#x came as key %d with state %#x; want state %#x", tt.layout, tt.keysym, k.Detail, k.State, tt.want)
		}
	}
}

func TestPointerMovesAndClicks(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "pointer", Width: 300, Height: 200})
	if err := c.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	input := Conn(t, s.Display)
	MovePointer(t, input, 50, 40)
	p, err := xproto.QueryPointer(input, c.Root).Reply()
	if err != nil || p.RootX != 50 || p.RootY != 40 || p.Child != c.Win {
		t.Fatalf("pointer at %d,%d over %d (%v); want 50,40 over %d", p.RootX, p.RootY, p.Child, err, c.Win)
	}
	Button(t, input, 1, true)
	Button(t, input, 1, false)
	ev, err := c.WaitEvent(wait, func(ev xgb.Event) bool {
		_, ok := ev.(xproto.ButtonPressEvent)
		return ok
	})
	if err != nil {
		t.Fatal(err)
	}
	if b := ev.(xproto.ButtonPressEvent); b.Detail != 1 || b.EventX != 50 || b.EventY != 40 {
		t.Errorf("ButtonPress %d at %d,%d; want 1 at 50,40", b.Detail, b.EventX, b.EventY)
	}
}

// sendProtocol sends a WM_PROTOCOLS ClientMessage to win the way a window
// manager does.
func sendProtocol(t *testing.T, conn *xgb.Conn, win xproto.Window, protocol string, time uint32) {
	t.Helper()
	atom := func(name string) uint32 {
		r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return uint32(r.Atom)
	}
	ev := xproto.ClientMessageEvent{
		Format: 32, Window: win, Type: xproto.Atom(atom("WM_PROTOCOLS")),
		Data: xproto.ClientMessageDataUnionData32New([]uint32{atom(protocol), time, 0, 0, 0}),
	}
	if err := xproto.SendEventChecked(conn, false, win, 0, string(ev.Bytes())).Check(); err != nil {
		t.Fatal(err)
	}
}

func TestClientReceivesProtocolMessages(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "msg", DeleteWindow: true, TakeFocus: true})
	wm := Conn(t, s.Display)
	sendProtocol(t, wm, c.Win, "WM_TAKE_FOCUS", 99)
	sendProtocol(t, wm, c.Win, "WM_DELETE_WINDOW", 1234)

	m, err := c.WaitMessage(wait, "WM_DELETE_WINDOW")
	if err != nil {
		t.Fatal(err)
	}
	if m.Type != "WM_PROTOCOLS" || m.Protocol != "WM_DELETE_WINDOW" || m.Time != 1234 {
		t.Errorf("got %+v, want WM_DELETE_WINDOW at 1234", m)
	}
	if m, err := c.WaitMessage(wait, "WM_TAKE_FOCUS"); err != nil || m.Time != 99 {
		t.Errorf("WM_TAKE_FOCUS: %+v, %v; want time 99", m, err)
	}
	all := c.Messages()
	if len(all) != 2 || all[0].Protocol != "WM_TAKE_FOCUS" || all[1].Protocol != "WM_DELETE_WINDOW" {
		t.Errorf("Messages() = %+v, want TAKE_FOCUS then DELETE_WINDOW", all)
	}
	// Both were taken: a third wait must time out, and say so.
	if _, err := c.WaitMessage(100*time.Millisecond, "WM_DELETE_WINDOW"); err == nil || !strings.Contains(err.Error(), "no matching event") {
		t.Errorf("second WaitMessage: %v, want a timeout", err)
	}
}

func TestWMStateReadsTheProperty(t *testing.T) {
	s := Xvfb(t, "800x600")
	c := NewClient(t, s.Display, ClientOpts{Title: "state"})
	wm := Conn(t, s.Display)
	wmState := c.atom("WM_STATE")
	if err := xproto.ChangePropertyChecked(wm, xproto.PropModeReplace, c.Win, wmState, wmState, 32, 2,
		words(StateIconic, 0)).Check(); err != nil {
		t.Fatal(err)
	}
	if st, ok := c.WMState(); !ok || st != StateIconic {
		t.Errorf("WMState = %d, %v; want %d, true", st, ok, StateIconic)
	}
}

// failRecorder stands in for a test to see what Eventually reports.
type failRecorder struct {
	testing.TB
	msg string
}

func (f *failRecorder) Helper() {}
func (f *failRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
}

func TestEventually(t *testing.T) {
	calls := 0
	Eventually(t, wait, func() (bool, string) {
		calls++
		return calls == 3, ""
	})
	if calls != 3 {
		t.Errorf("cond called %d times, want 3", calls)
	}

	rec := &failRecorder{TB: t}
	start := time.Now()
	n := 0
	Eventually(rec, 50*time.Millisecond, func() (bool, string) {
		n++
		return false, fmt.Sprintf("try %d", n)
	})
	if !strings.Contains(rec.msg, fmt.Sprintf("try %d", n)) {
		t.Errorf("failure message %q lacks the last state \"try %d\"", rec.msg, n)
	}
	if took := time.Since(start); took < 50*time.Millisecond || took > 5*time.Second {
		t.Errorf("gave up after %v, want about 50ms", took)
	}
}

func TestXephyr2HasTwoHeads(t *testing.T) {
	s := Xephyr2(t)
	conn := Conn(t, s.Display)
	if err := xinerama.Init(conn); err != nil {
		t.Fatal(err)
	}
	r, err := xinerama.QueryScreens(conn).Reply()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.ScreenInfo) != 2 || r.ScreenInfo[1].XOrg != 1280 || r.ScreenInfo[1].Width != 1024 {
		t.Errorf("heads = %+v, want 1280x800 and 1024x768 at x=1280", r.ScreenInfo)
	}
	c := NewClient(t, s.Display, ClientOpts{Title: "nested"})
	if err := c.WaitMapNotify(wait); err != nil {
		t.Fatal(err)
	}
	KeySym(t, conn, xproto.ModMask4, xkReturn)
}

func TestScreenshotWritesPNG(t *testing.T) {
	s := Xvfb(t, "640x480")
	NewClient(t, s.Display, ClientOpts{Title: "shot"})
	path := filepath.Join(t.TempDir(), "sub", "shot.png")
	Screenshot(t, s.Display, path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 640 || cfg.Height != 480 {
		t.Errorf("screenshot is %dx%d (%v), want a 640x480 PNG", cfg.Width, cfg.Height, err)
	}
}

// failedTB is a test that reports having failed, to trigger
// ScreenshotOnFailure, and keeps what it logs.
type failedTB struct {
	testing.TB
	logs []string
}

func (f *failedTB) Failed() bool { return true }
func (f *failedTB) Logf(format string, args ...any) {
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}

func TestScreenshotOnFailure(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FION_TEST_ARTIFACTS", dir)
	s := Xvfb(t, "320x200")
	fake := &failedTB{TB: t}
	// Cleanups run last-registered first: the screenshot, then this check.
	t.Cleanup(func() {
		want := filepath.Join(dir, "TestScreenshotOnFailure.png")
		if _, err := os.Stat(want); err != nil {
			t.Errorf("no screenshot at %s: %v (logged %q)", want, err, fake.logs)
		}
		if len(fake.logs) != 1 || !strings.Contains(fake.logs[0], want) {
			t.Errorf("logged %q, want the path %s", fake.logs, want)
		}
	})
	ScreenshotOnFailure(fake, s.Display)
}
