package keys

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"

	"github.com/fion-wm/fion/internal/xserver"
)

// eventWait bounds every wait for an X event. Generous: tests run under
// -race on a shared machine.
const eventWait = 10 * time.Second

// xconn is a test's connection to its own Xvfb, with a goroutine that hands
// every event and asynchronous error to the test through channels.
type xconn struct {
	*xgb.Conn
	display  string
	root     xproto.Window
	events   chan xgb.Event
	errs     chan xgb.Error
	keyboard *Keyboard // opened by the first loadKeymap
}

// startX starts a private Xvfb for the test and connects to it. Both are
// closed when the test ends.
func startX(t *testing.T) *xconn {
	t.Helper()
	if testing.Short() {
		t.Skip("starts an X server")
	}
	srv, err := xserver.Xvfb("640x480")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return dial(t, srv.Display)
}

// dial opens one more connection to display: a second client.
func dial(t *testing.T, display string) *xconn {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	if err := xtest.Init(c); err != nil {
		t.Fatalf("XTEST: %v", err)
	}
	x := &xconn{
		Conn:    c,
		display: display,
		root:    xproto.Setup(c).DefaultScreen(c).Root,
		events:  make(chan xgb.Event, 1024),
		errs:    make(chan xgb.Error, 64),
	}
	go func() {
		for {
			ev, err := c.WaitForEvent()
			if ev == nil && err == nil {
				return // connection closed
			}
			if err != nil {
				x.errs <- err
			}
			if ev != nil {
				x.events <- ev
			}
		}
	}()
	return x
}

// waitFor returns the first event that match accepts, skipping others. It
// fails the test on an X error or when no such event comes in time.
func (x *xconn) waitFor(t *testing.T, what string, match func(xgb.Event) bool) xgb.Event {
	t.Helper()
	deadline := time.NewTimer(eventWait)
	defer deadline.Stop()
	for {
		select {
		case ev := <-x.events:
			if match(ev) {
				return ev
			}
		case err := <-x.errs:
			t.Fatalf("X error while waiting for %s: %v", what, err)
		case <-deadline.C:
			t.Fatalf("no %s within %v", what, eventWait)
		}
	}
}

// waitKeyPress waits for the next KeyPress.
func (x *xconn) waitKeyPress(t *testing.T) xproto.KeyPressEvent {
	t.Helper()
	ev := x.waitFor(t, "KeyPress", func(ev xgb.Event) bool {
		_, ok := ev.(xproto.KeyPressEvent)
		return ok
	})
	return ev.(xproto.KeyPressEvent)
}

// waitMappingNotify waits for MappingNotify about the given request
// (xproto.MappingKeyboard or MappingModifier). X sends it to every client.
func (x *xconn) waitMappingNotify(t *testing.T, request byte) {
	t.Helper()
	x.waitFor(t, "MappingNotify", func(ev xgb.Event) bool {
		m, ok := ev.(xproto.MappingNotifyEvent)
		return ok && m.Request == request
	})
}

// fakeKey presses (or releases) a key through XTEST, as a user would. The
// checked request makes the server process it before fakeKey returns.
func (x *xconn) fakeKey(t *testing.T, code xproto.Keycode, press bool) {
	t.Helper()
	typ := byte(xproto.KeyRelease)
	if press {
		typ = xproto.KeyPress
	}
	if err := xtest.FakeInputChecked(x.Conn, typ, byte(code), 0, x.root, 0, 0, 0).Check(); err != nil {
		t.Fatalf("XTEST key %d: %v", code, err)
	}
}

// tap presses codes in order and releases them in reverse: a chord.
func (x *xconn) tap(t *testing.T, codes ...xproto.Keycode) {
	t.Helper()
	for _, c := range codes {
		x.fakeKey(t, c, true)
	}
	for i := len(codes) - 1; i >= 0; i-- {
		x.fakeKey(t, codes[i], false)
	}
}

// loadKeymap reads the keymap through XKB, as fion does, or fails the test.
func (x *xconn) loadKeymap(t *testing.T) *Keymap {
	t.Helper()
	if x.keyboard == nil {
		kb, err := NewKeyboard(x.Conn, x.display)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(kb.Close)
		x.keyboard = kb
	}
	km, err := x.keyboard.Load()
	if err != nil {
		t.Fatal(err)
	}
	return km
}

// setxkbmap loads a keyboard layout into the test's server, as a user would.
func (x *xconn) setxkbmap(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("setxkbmap", append([]string{"-display", x.display}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("setxkbmap %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// level is the keysym name at a level of a group of code, "" for none.
func level(km *Keymap, code xproto.Keycode, g, l int) string {
	groups := km.groups(code)
	if g >= len(groups) || groups[g].sym(l) == 0 {
		return ""
	}
	return KeysymName(groups[g].sym(l))
}

// keycode is the first keycode producing the keysym named name.
func keycode(t *testing.T, km *Keymap, name string) xproto.Keycode {
	t.Helper()
	codes := km.Keycodes(sym(t, name))
	if len(codes) == 0 {
		t.Fatalf("no key produces %s", name)
	}
	return codes[0]
}

// moveNumLock puts the Num_Lock key on modifier index mod (5 = Mod3) and
// off every other modifier, as xmodmap would, and waits until X says so.
func (x *xconn) moveNumLock(t *testing.T, km *Keymap, mod int) {
	t.Helper()
	numLock := keycode(t, km, "Num_Lock")
	reply, err := xproto.GetModifierMapping(x.Conn).Reply()
	if err != nil {
		t.Fatal(err)
	}
	per := int(reply.KeycodesPerModifier)
	codes := append([]xproto.Keycode(nil), reply.Keycodes...)
	for i, c := range codes {
		if c == numLock {
			codes[i] = 0
		}
	}
	placed := false
	for i := mod * per; i < (mod+1)*per; i++ {
		if codes[i] == 0 {
			codes[i] = numLock
			placed = true
			break
		}
	}
	if !placed {
		t.Fatalf("modifier %d is full", mod)
	}
	set, err := xproto.SetModifierMapping(x.Conn, byte(per), codes).Reply()
	if err != nil || set.Status != xproto.MappingStatusSuccess {
		t.Fatalf("SetModifierMapping: status %v, %v", set, err)
	}
	x.waitMappingNotify(t, xproto.MappingModifier)
}

func TestLoadKeymapFromXvfb(t *testing.T) {
	x := startX(t)
	km := x.loadKeymap(t)

	// Xvfb's default layout is a US pc105 keyboard.
	if got := level(km, keycode(t, km, "Return"), 0, 0); got != "Return" {
		t.Errorf("the first level of Return's keycode is %s", got)
	}
	one := keycode(t, km, "1")
	if got := level(km, one, 0, 1); got != "exclam" {
		t.Errorf("the second level of the 1 key is %s; want exclam", got)
	}
	if got := km.ChordOf(one, xproto.ModMaskShift|xproto.ModMask4); len(*got.readings) != 2 || (*got.readings)[1] != (reading{keysym: '!', used: xproto.ModMaskShift}) {
		t.Errorf("Mod4+Shift on the 1 key reads as %v; want 1, then exclam with Shift", *got.readings)
	}
	if !km.IsModifier(keycode(t, km, "Shift_L")) || !km.IsModifier(keycode(t, km, "Super_L")) {
		t.Error("Shift_L or Super_L is not a modifier")
	}
	if km.IsModifier(keycode(t, km, "h")) {
		t.Error("h is a modifier")
	}
	if got := km.NumLockMask(); got != xproto.ModMask2 {
		t.Errorf("NumLockMask() = %#x; want Mod2 (%#x)", got, xproto.ModMask2)
	}

	// Move Num_Lock to Mod3: a fresh keymap must follow it there.
	x.moveNumLock(t, km, 5)
	km = x.loadKeymap(t)
	if got := km.NumLockMask(); got != xproto.ModMask3 {
		t.Fatalf("after moving Num_Lock to Mod3, NumLockMask() = %#x; want %#x", got, xproto.ModMask3)
	}
	want := []uint16{0, xproto.ModMaskLock, xproto.ModMask3, xproto.ModMaskLock | xproto.ModMask3}
	if got := km.LockMasks(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Errorf("LockMasks() = %#x; want %#x", got, want)
	}
	if got := km.Clean(xproto.ModMask4 | xproto.ModMask2 | xproto.ModMask3 | xproto.ModMaskLock); got != xproto.ModMask4|xproto.ModMask2 {
		t.Errorf("Clean kept %#x; want Mod4|Mod2 (Mod2 is no lock now)", got)
	}
}

// A grab must fire with CapsLock and NumLock on, wherever NumLock is.
func TestGrabWithLocksOn(t *testing.T) {
	for _, tt := range []struct {
		name   string
		numMod int // modifier index to move Num_Lock to; 0 leaves it
		mask   uint16
	}{
		{"NumLock on Mod2", 0, xproto.ModMask2},
		{"NumLock on Mod3", 5, xproto.ModMask3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := startX(t)
			km := x.loadKeymap(t)
			if tt.numMod != 0 {
				x.moveNumLock(t, km, tt.numMod)
				km = x.loadKeymap(t)
			}
			m := NewMap()
			if err := m.Add(mustSeq(t, "Mod4+h"), "focus left"); err != nil {
				t.Fatal(err)
			}
			if errs := GrabChecked(x.Conn, x.root, km, m.Roots()); len(errs) != 0 {
				t.Fatal(errs)
			}
			x.tap(t, keycode(t, km, "Caps_Lock"))
			x.tap(t, keycode(t, km, "Num_Lock"))
			h := keycode(t, km, "h")
			x.tap(t, keycode(t, km, "Super_L"), h)

			ev := x.waitKeyPress(t)
			locks := xproto.ModMaskLock | tt.mask
			if ev.State&locks != locks {
				t.Fatalf("the press came with state %#x; the test needs CapsLock and NumLock (%#x) on", ev.State, locks)
			}
			if ev.Detail != h {
				t.Fatalf("KeyPress of keycode %d; want h (%d)", ev.Detail, h)
			}
			c := km.ChordOf(ev.Detail, ev.State)
			if _, cmd, step := m.Lookup(nil, c); step != Done || cmd != "focus left" {
				t.Errorf("ChordOf = %v; Lookup = %q, %v; want focus left, Done", c, cmd, step)
			}
		})
	}
}

// "Mod4+exclam" is grabbed as Mod4+Shift on the 1 key, and not as Mod4 on it.
func TestGrabShiftOnlyKeysym(t *testing.T) {
	x := startX(t)
	km := x.loadKeymap(t)
	m := NewMap()
	if err := m.Add(mustSeq(t, "Mod4+exclam"), "bang"); err != nil {
		t.Fatal(err)
	}
	Grab(x.Conn, x.root, km, m.Roots())
	super, shift, one := keycode(t, km, "Super_L"), keycode(t, km, "Shift_L"), keycode(t, km, "1")
	x.tap(t, super, one)        // Mod4+1: not bound, must not be grabbed
	x.tap(t, super, shift, one) // Mod4+Shift+1: the exclam chord
	ev := x.waitKeyPress(t)
	if ev.Detail != one || ev.State&xproto.ModMaskShift == 0 {
		t.Fatalf("first grabbed press: keycode %d state %#x; want the 1 key (%d) with Shift", ev.Detail, ev.State, one)
	}
	c := km.ChordOf(ev.Detail, ev.State)
	if c.String() != "Mod4+Shift+1" {
		t.Errorf("ChordOf = %v; want Mod4+Shift+1", c)
	}
	if _, cmd, step := m.Lookup(nil, c); step != Done || cmd != "bang" {
		t.Errorf("Lookup(%v) = %q, %v; want bang, Done", c, cmd, step)
	}
}

// After the keyboard mapping moves h to another keycode, a fresh keymap and
// grab follow it, and the old keycode is no longer grabbed.
func TestRegrabFollowsRemappedKeysym(t *testing.T) {
	x := startX(t)
	km := x.loadKeymap(t)
	chords := []Chord{{Mods: xproto.ModMask4, Keysym: 'h'}}
	Grab(x.Conn, x.root, km, chords)

	oldCode := keycode(t, km, "h")
	var newCode xproto.Keycode
	for code := xproto.Keycode(255); code > oldCode; code-- {
		if level(km, code, 0, 0) == "" && level(km, code, 0, 1) == "" {
			newCode = code
			break
		}
	}
	if newCode == 0 {
		t.Fatal("no unused keycode to move h to")
	}
	// As xmodmap -e "keycode 43 = j J" -e "keycode N = h H" would.
	remap := func(code xproto.Keycode, lower, upper string) {
		err := xproto.ChangeKeyboardMappingChecked(x.Conn, 1, code, 2,
			[]xproto.Keysym{xproto.Keysym(sym(t, lower)), xproto.Keysym(sym(t, upper))}).Check()
		if err != nil {
			t.Fatalf("ChangeKeyboardMapping: %v", err)
		}
		x.waitMappingNotify(t, xproto.MappingKeyboard)
	}
	remap(oldCode, "j", "J")
	remap(newCode, "h", "H")

	km = x.loadKeymap(t)
	if got := km.Keycodes('h'); len(got) != 1 || got[0] != newCode {
		t.Fatalf("after the remap, h is on keycodes %v; want [%d]", got, newCode)
	}
	UngrabAll(x.Conn, x.root)
	Grab(x.Conn, x.root, km, chords)

	super := keycode(t, km, "Super_L")
	x.tap(t, super, oldCode) // now Mod4+j: must not arrive
	x.tap(t, super, newCode)
	ev := x.waitKeyPress(t)
	if ev.Detail != newCode {
		t.Fatalf("first grabbed press is keycode %d; want h's new keycode %d (old %d)", ev.Detail, newCode, oldCode)
	}
	if c := km.ChordOf(ev.Detail, ev.State); !c.Equal(chords[0]) {
		t.Errorf("ChordOf = %v; want Mod4+h", c)
	}
}

func TestGrabCheckedReportsProblems(t *testing.T) {
	x := startX(t)
	km := x.loadKeymap(t)
	// Another client (say, another window manager) holds Mod4+h.
	other := dial(t, x.display)
	Grab(other.Conn, other.root, km, []Chord{{Mods: xproto.ModMask4, Keysym: 'h'}})
	other.Sync()

	// Mod4+Shift+1 and Mod4+exclam are one key combination here; grabbing
	// it twice from one client is no error.
	chords := append(mustSeq(t, "Mod4+h Mod4+j XF86Macro30"), mustSeq(t, "Mod4+Shift+1 Mod4+exclam")...)
	errs := GrabChecked(x.Conn, x.root, km, chords)
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	want := []string{
		`chord "XF86Macro30": no key on this keyboard produces XF86Macro30 (check the key name with xev)`,
		`chord "Mod4+h" is already grabbed by another client (another window manager or hotkey program?); pick another chord or stop that program`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("GrabChecked errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}

	// Mod4+j was grabbed despite the others failing.
	x.tap(t, keycode(t, km, "Super_L"), keycode(t, km, "j"))
	if ev := x.waitKeyPress(t); ev.Detail != keycode(t, km, "j") {
		t.Errorf("KeyPress of keycode %d; want j", ev.Detail)
	}
}

// pressBound presses codes as a chord, waits for the grabbed press and lets
// the keyboard go again (Grab freezes it), and checks that the press runs
// the binding of want in m.
func (x *xconn) pressBound(t *testing.T, km *Keymap, m *Map, want string, codes ...xproto.Keycode) {
	t.Helper()
	x.tap(t, codes...)
	ev := x.waitKeyPress(t)
	xproto.AllowEvents(x.Conn, xproto.AllowAsyncKeyboard, ev.Time)
	c := km.ChordOf(ev.Detail, ev.State)
	if _, cmd, step := m.Lookup(nil, c); step != Done || cmd != want {
		t.Errorf("key %d with state %#x (%v): Lookup = %q, %v; want %q, Done", ev.Detail, ev.State, c, cmd, step, want)
	}
}

// bind makes a Map that binds each chord to its own text.
func bind(t *testing.T, chords ...string) *Map {
	t.Helper()
	m := NewMap()
	for _, c := range chords {
		if err := m.Add(mustSeq(t, c), c); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// resolved is Resolve of a chord, as text.
func resolved(t *testing.T, km *Keymap, chord string) string {
	t.Helper()
	c, err := ParseChord(chord)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(km.Resolve(c))
}

// Under a German layout, keysyms AltGr reaches are grabbed with Mod5, where
// AltGr is, and the press reads back as the binding.
func TestXKBFindsAltGrKeysyms(t *testing.T) {
	x := startX(t)
	x.setxkbmap(t, "de")
	km := x.loadKeymap(t)
	nine, super, altGr := keycode(t, km, "9"), keycode(t, km, "Super_L"), keycode(t, km, "ISO_Level3_Shift")
	if got, want := resolved(t, km, "Mod4+bracketright"), fmt.Sprint([]Combo{{nine, xproto.ModMask4 | xproto.ModMask5}}); got != want {
		t.Fatalf("Resolve(Mod4+bracketright) = %s; want %s (AltGr+9 with Mod4)", got, want)
	}
	if got := level(km, nine, 0, 3); got != "plusminus" {
		t.Errorf("the fourth level of the 9 key is %q; want plusminus", got)
	}
	m := bind(t, "Mod4+bracketright", "Mod4+9")
	if errs := GrabChecked(x.Conn, x.root, km, m.Roots()); len(errs) != 0 {
		t.Fatal(errs)
	}
	x.pressBound(t, km, m, "Mod4+bracketright", super, altGr, nine)
	x.pressBound(t, km, m, "Mod4+9", super, nine)

	// The core mapping cannot tell where AltGr's keysyms are: the reason for XKB.
	core, err := CoreKeyboard(x.Conn).Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := resolved(t, core, "Mod4+bracketright"); got != "[]" {
		t.Errorf("the core mapping finds bracketright at %s", got)
	}
}

// Under a Russian and US layout, Mod4+s is the key that has s in the second
// group, and it works in both groups.
func TestXKBFindsKeysymsOfTheSecondGroup(t *testing.T) {
	x := startX(t)
	x.setxkbmap(t, "-layout", "ru,us", "-option", "grp:alt_shift_toggle")
	km := x.loadKeymap(t)
	s, super := keycode(t, km, "s"), keycode(t, km, "Super_L")
	if got := level(km, s, 0, 0); got != "Cyrillic_yeru" {
		t.Fatalf("the key of s has %q in the first group; want Cyrillic_yeru", got)
	}
	want := fmt.Sprint([]Combo{{s, xproto.ModMask4}})
	if got := resolved(t, km, "Mod4+s"); got != want {
		t.Fatalf("Resolve(Mod4+s) = %s; want %s", got, want)
	}
	m := bind(t, "Mod4+s")
	if errs := GrabChecked(x.Conn, x.root, km, m.Roots()); len(errs) != 0 {
		t.Fatal(errs)
	}
	for _, g := range []int{1, 2} {
		if got := x.group(t); got != g {
			t.Fatalf("group %d is active; want %d", got, g)
		}
		x.pressBound(t, km, m, "Mod4+s", super, s)
		x.tap(t, keycode(t, km, "Alt_L"), keycode(t, km, "Shift_L")) // grp:alt_shift_toggle
	}

	// The core mapping has the second group in its columns 2 and 3.
	core, err := CoreKeyboard(x.Conn).Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := resolved(t, core, "Mod4+s"); got != want {
		t.Errorf("from the core mapping, Resolve(Mod4+s) = %s; want %s", got, want)
	}
}

// group is the active layout group, 1 to 4: XKB puts it in bits 13 and 14 of
// the core state.
func (x *xconn) group(t *testing.T) int {
	t.Helper()
	r, err := xproto.QueryPointer(x.Conn, x.root).Reply()
	if err != nil {
		t.Fatal(err)
	}
	return int(r.Mask>>13&3) + 1
}
