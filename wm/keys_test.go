package wm

import (
	"os/exec"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// toggle presses and releases a lock key (Num_Lock, Caps_Lock).
func (e *env) toggle(keysym uint32) {
	e.t.Helper()
	xtest.KeySym(e.t, e.x, 0, keysym)
}

func TestBindingsWorkWithNumLockAndCapsLockOn(t *testing.T) {
	e := start(t)
	e.client("a")
	e.toggle(0xff7f) // Num_Lock
	e.toggle(0xffe5) // Caps_Lock
	st, err := xproto.QueryPointer(e.x, e.root).Reply()
	if err != nil || st.Mask&xproto.ModMaskLock == 0 {
		t.Fatalf("Caps Lock is not on (state %#x, %v)", st.Mask, err)
	}
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
	e.press("Mod4+a")
	e.press("x")
	e.waitLayout(">T[a*]")
	e.press("Mod4+r")
	e.press("Escape")
	e.press("Mod4+v")
	e.waitLayout("V[T[a*] >T[]]")
}

func TestBindingsFollowANewKeyboardLayout(t *testing.T) {
	e := start(t)
	e.client("a")
	// On a French keyboard a and q trade places: the chain's Mod4+a is on another key now.
	out, err := exec.Command("setxkbmap", "-display", e.srv.Display, "fr").CombinedOutput()
	if err != nil {
		t.Fatalf("setxkbmap fr: %v\n%s", err, out)
	}
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
	e.press("Mod4+a") // xtest finds a's key in the new map; fion must have grabbed that one
	e.press("x")
	e.waitLayout(">T[a*]")
}

func TestAKeyChainIsCancelledByAnUnboundKey(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+a")
	e.press("z") // not in the chain: cancelled, keyboard free again
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
	e.press("Mod4+h")
	e.waitFocus(a)
	// Typed keys reach the client again.
	q, _ := xtest.KeycodeFor(t, e.x, 'q')
	e.press("q")
	if _, err := a.WaitEvent(wait, func(ev xgb.Event) bool {
		k, ok := ev.(xproto.KeyPressEvent)
		return ok && k.Detail == q
	}); err != nil {
		t.Fatalf("the client got no q after the chain ended: %v", err)
	}
}
