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
// xproto.ModMask4|xproto.ModMaskShift), like a user pressing a chord. A
// keysym found only on a key's shifted level adds Shift. When it returns the
// server has processed the whole chord.
func KeySym(t testing.TB, c *xgb.Conn, mods uint16, keysym uint32) {
	t.Helper()
	code, shifted := keycodeFor(t, c, keysym)
	if shifted {
		mods |= xproto.ModMaskShift
	}
	modCodes := modifierKeycodes(t, c, mods)
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

// KeyDown presses the key of keysym and leaves it down; release it with
// Keycode(t, c, code, false). It is how a test holds a modifier during a drag.
func KeyDown(t testing.TB, c *xgb.Conn, keysym uint32) xproto.Keycode {
	t.Helper()
	code, _ := keycodeFor(t, c, keysym)
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
// the key's shifted level.
func KeycodeFor(t testing.TB, c *xgb.Conn, keysym uint32) (code xproto.Keycode, shifted bool) {
	t.Helper()
	return keycodeFor(t, c, keysym)
}

func keycodeFor(t testing.TB, c *xgb.Conn, keysym uint32) (xproto.Keycode, bool) {
	t.Helper()
	setup := xproto.Setup(c)
	first, count := setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode)+1
	r, err := xproto.GetKeyboardMapping(c, first, count).Reply()
	if err != nil {
		t.Fatalf("GetKeyboardMapping: %v", err)
	}
	per := int(r.KeysymsPerKeycode)
	// Prefer the unshifted level anywhere over a shifted one.
	for level := 0; level < min(2, per); level++ {
		for i := 0; i*per < len(r.Keysyms); i++ {
			if uint32(r.Keysyms[i*per+level]) == keysym {
				return first + xproto.Keycode(i), level == 1
			}
		}
	}
	t.Fatalf("keysym 0x%x is on no key of this server's keymap", keysym)
	return 0, false
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
