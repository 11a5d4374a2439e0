package wm

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
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

// setxkbmap loads a keyboard layout, as the user would, and waits until fion has followed it.
func (e *env) setxkbmap(args ...string) {
	e.t.Helper()
	out, err := exec.Command("setxkbmap", append([]string{"-display", e.srv.Display}, args...)...).CombinedOutput()
	if err != nil {
		e.t.Fatalf("setxkbmap %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	e.wm.Sync()
}

// group is the active layout group, 1 to 4: XKB puts it in bits 13 and 14 of the core state.
func (e *env) group() int {
	e.t.Helper()
	r, err := xproto.QueryPointer(e.x, e.root).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	return int(r.Mask>>13&3) + 1
}

// startWith runs fion with the config text on a fresh server.
func startWith(t *testing.T, text string) *env {
	t.Helper()
	cfg, err := config.Parse("fion.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return startOn(t, xtest.Xvfb(t, "1280x800"), cfg)
}

// noKeyMessages counts fion's messages about chords no key produces.
func (e *env) noKeyMessages() int {
	return strings.Count(e.stderr.String(), "no key on this keyboard produces")
}

// wantNoMissingKeys fails the test if fion said that no key produces a chord.
func (e *env) wantNoMissingKeys() {
	e.t.Helper()
	if e.noKeyMessages() != 0 {
		e.t.Errorf("fion says a key is missing:\n%s", e.stderr.String())
	}
}

func TestBindingsWorkInBothGroupsOfTwoLayouts(t *testing.T) {
	e := start(t)
	e.client("a")
	// Russian first: the key of s gives Cyrillic_yeru in the first group, s in the second.
	e.setxkbmap("-layout", "ru,us", "-option", "grp:alt_shift_toggle")
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
	e.press("Mod1+Shift_L") // Alt, then Shift: the next group
	if g := e.group(); g != 2 {
		t.Fatalf("group %d is active after Alt+Shift; want 2", g)
	}
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] H[T[] >T[]]]")
	e.wantNoMissingKeys()
}

func TestBindingsOfKeysymsThatAltGrReaches(t *testing.T) {
	e := startWith(t, "[keys]\n\"Mod4+bracketright\" = \"split right\"\n\"Mod4+9\" = \"split down\"\n")
	e.client("a")
	e.setxkbmap("de") // bracketright is AltGr+9
	e.press("Mod4+bracketright")
	e.waitLayout("H[T[a*] >T[]]")
	e.press("Mod4+9")
	e.waitLayout("H[T[a*] V[T[] >T[]]]")
	e.wantNoMissingKeys()
}

func TestAMissingKeyIsReportedOncePerLayout(t *testing.T) {
	e := startWith(t, "[keys]\n\"Mod4+adiaeresis\" = \"split right\"\n")
	e.client("a")
	want := `chord "Mod4+adiaeresis": no key on this keyboard produces adiaeresis (check the key name with xev)`
	if n := e.noKeyMessages(); n != 1 || !strings.Contains(e.stderr.String(), want) {
		t.Fatalf("at start on a US keyboard fion said:\n%s\nwant once: %s", e.stderr.String(), want)
	}
	e.setxkbmap("de")
	e.press("Mod4+adiaeresis")
	e.waitLayout("H[T[a*] >T[]]")
	e.setxkbmap("us")
	if n := e.noKeyMessages(); n != 2 {
		t.Errorf("after German and back to US, fion said %d times that no key produces adiaeresis; want 2:\n%s", n, e.stderr.String())
	}
}
