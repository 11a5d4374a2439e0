package xtest

import (
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	xtestext "github.com/jezek/xgb/xtest"
)

// Core event types XTEST FakeInput takes.
const (
	fakeKeyPress      = xproto.KeyPress
	fakeKeyRelease    = xproto.KeyRelease
	fakeButtonPress   = xproto.ButtonPress
	fakeButtonRelease = xproto.ButtonRelease
	fakeMotion        = xproto.MotionNotify
)

// KeySym types keysym while holding the modifiers in mods (a mask such as
// xproto.ModMask4|xproto.ModMaskShift), like a user pressing a chord. The key
// is found in any group and level (see KeycodeFor): a keysym on a second
// level adds Shift, one on a third or fourth level adds AltGr (the key of
// ISO_Level3_Shift), and one found only in the second group is typed on its
// key in whatever group is active. When it returns the server has processed
// the whole chord.
func KeySym(t testing.TB, c *xgb.Conn, mods uint16, keysym uint32) {
	t.Helper()
	code, col := keyOf(t, c, keysym)
	if col%2 == 1 {
		mods |= xproto.ModMaskShift
	}
	modCodes := modifierKeycodes(t, c, mods)
	if col >= 4 {
		altGr, _ := keyOf(t, c, keysymISOLevel3Shift)
		modCodes = append(modCodes, altGr)
	}
	for _, m := range modCodes {
		fake(t, c, fakeKeyPress, byte(m), 0, 0)
	}
	fake(t, c, fakeKeyPress, byte(code), 0, 0)
	fake(t, c, fakeKeyRelease, byte(code), 0, 0)
	for i := len(modCodes) - 1; i >= 0; i-- {
		fake(t, c, fakeKeyRelease, byte(modCodes[i]), 0, 0)
	}
	mustRoundTrip(t, c)
}

// keysymISOLevel3Shift is the keysym of AltGr in XKB layouts.
const keysymISOLevel3Shift = 0xfe03

// KeyDown presses the key of keysym and leaves it down; release it with
// Keycode(t, c, code, false). It is how a test holds a modifier during a drag.
func KeyDown(t testing.TB, c *xgb.Conn, keysym uint32) xproto.Keycode {
	t.Helper()
	code, _ := keyOf(t, c, keysym)
	Keycode(t, c, code, true)
	return code
}

// Keycode presses or releases one key by keycode.
func Keycode(t testing.TB, c *xgb.Conn, code xproto.Keycode, press bool) {
	t.Helper()
	kind := byte(fakeKeyRelease)
	if press {
		kind = fakeKeyPress
	}
	fake(t, c, kind, byte(code), 0, 0)
	mustRoundTrip(t, c)
}

// MovePointer moves the pointer to x, y on the root window.
func MovePointer(t testing.TB, c *xgb.Conn, x, y int) {
	t.Helper()
	// Detail 0 makes the motion absolute.
	fake(t, c, fakeMotion, 0, int16(x), int16(y))
	mustRoundTrip(t, c)
}

// Button presses or releases a pointer button (1 is the left one) where the
// pointer is.
func Button(t testing.TB, c *xgb.Conn, button byte, press bool) {
	t.Helper()
	kind := byte(fakeButtonRelease)
	if press {
		kind = fakeButtonPress
	}
	fake(t, c, kind, button, 0, 0)
	mustRoundTrip(t, c)
}

// KeycodeFor returns the keycode that produces keysym, and whether it is on
// the key's second level, which Shift chooses.
func KeycodeFor(t testing.TB, c *xgb.Conn, keysym uint32) (code xproto.Keycode, shifted bool) {
	t.Helper()
	code, col := keyOf(t, c, keysym)
	return code, col%2 == 1
}

// keyOf finds keysym in the server's core keyboard mapping, which XKB writes
// as: the first group's first two levels (columns 0 and 1), the second
// group's (2 and 3), then the first group's third and fourth levels (4 and
// 5). It reads it independently of package keys, so that tests press the key
// a user would, not the one fion thinks of. A keysym is looked for in column
// 0 of every key first, then column 1, and so on; it returns the keycode and
// the column.
func keyOf(t testing.TB, c *xgb.Conn, keysym uint32) (xproto.Keycode, int) {
	t.Helper()
	setup := xproto.Setup(c)
	first, count := setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode)+1
	r, err := xproto.GetKeyboardMapping(c, first, count).Reply()
	if err != nil {
		t.Fatalf("GetKeyboardMapping: %v", err)
	}
	per := int(r.KeysymsPerKeycode)
	for col := 0; col < min(6, per); col++ {
		for i := 0; (i+1)*per <= len(r.Keysyms); i++ {
			if uint32(r.Keysyms[i*per+col]) == keysym {
				return first + xproto.Keycode(i), col
			}
		}
	}
	t.Fatalf("keysym 0x%x is on no key of this server's keymap", keysym)
	return 0, 0
}

// modifierKeycodes returns one keycode for each modifier bit set in mods.
func modifierKeycodes(t testing.TB, c *xgb.Conn, mods uint16) []xproto.Keycode {
	t.Helper()
	if mods == 0 {
		return nil
	}
	r, err := xproto.GetModifierMapping(c).Reply()
	if err != nil {
		t.Fatalf("GetModifierMapping: %v", err)
	}
	per := int(r.KeycodesPerModifier)
	var codes []xproto.Keycode
	for bit := 0; bit < 8; bit++ {
		if mods&(1<<bit) == 0 {
			continue
		}
		code := firstNonZero(r.Keycodes[bit*per : (bit+1)*per])
		if code == 0 {
			t.Fatalf("modifier bit %d (mask 0x%x) has no key in this server's modifier map", bit, 1<<bit)
		}
		codes = append(codes, code)
	}
	return codes
}

func firstNonZero(codes []xproto.Keycode) xproto.Keycode {
	for _, k := range codes {
		if k != 0 {
			return k
		}
	}
	return 0
}

// fake sends one XTEST event at the current time on the default root.
func fake(t testing.TB, c *xgb.Conn, kind, detail byte, x, y int16) {
	t.Helper()
	if err := xtestext.Init(c); err != nil {
		t.Fatalf("XTEST extension: %v", err)
	}
	root := xproto.Setup(c).DefaultScreen(c).Root
	const coreDevice = 0
	if err := xtestext.FakeInputChecked(c, kind, detail, 0, root, x, y, coreDevice).Check(); err != nil {
		t.Fatalf("XTEST FakeInput type %d detail %d: %v", kind, detail, err)
	}
}

// mustRoundTrip waits until the server has processed every request sent on c.
func mustRoundTrip(t testing.TB, c *xgb.Conn) {
	t.Helper()
	if err := roundTrip(c); err != nil {
		t.Fatalf("round trip: %v", err)
	}
}
