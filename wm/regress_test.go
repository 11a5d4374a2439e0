package wm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// Windows fion maps under a still pointer must not take the focus from the window a pager
// just activated.
func TestActivatingAWindowIsNotUndoneByThePointer(t *testing.T) {
	e := start(t)
	e.press("Mod4+2")
	d := e.client("d")
	e.press("Mod4+s")
	c := e.client("c")
	e.waitLayout("H[T[d*] >T[c*]]")
	e.press("Mod4+1")
	e.client("a")
	e.warp(100, 400) // over where d's tile is on workspace 2
	e.wmctrl("-i", "-a", fmt.Sprintf("%#x", c.Win))
	e.waitLayout("H[T[d*] >T[c*]]")
	e.waitFocus(c)
	e.wm.Sync()
	e.waitLayout("H[T[d*] >T[c*]]")
	_ = d
}

func TestAModeIsNotEnteredWhileAnotherProgramHoldsTheKeyboard(t *testing.T) {
	e := start(t)
	e.client("a")
	other := xtest.Conn(t, e.srv.Display)
	r, err := xproto.GrabKeyboard(other, false, e.root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
	if err != nil || r.Status != xproto.GrabStatusSuccess {
		t.Fatalf("the test could not grab the keyboard: %v", err)
	}
	if err := e.wm.Run("mode resize"); err == nil {
		t.Fatal("mode resize succeeded while another program held the keyboard")
	}
	xproto.UngrabKeyboard(other, xproto.TimeCurrentTime)
	xproto.GetInputFocus(other).Reply()
	e.press("Mod4+s") // the default bindings still work: fion is not stuck in a mode
	e.waitLayout("H[T[a*] >T[]]")
}

func TestAKeyChainLetsTheKeyboardGo(t *testing.T) {
	e := start(t)
	e.client("a")
	e.press("Mod4+a")
	other := xtest.Conn(t, e.srv.Display)
	grab := func() byte {
		r, err := xproto.GrabKeyboard(other, false, e.root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return r.Status
	}
	if st := grab(); st == xproto.GrabStatusSuccess {
		t.Fatal("the keyboard was free during the chain")
	}
	xtest.Eventually(t, 2*chainWait, func() (bool, string) {
		st := grab()
		return st == xproto.GrabStatusSuccess, fmt.Sprint("grab status ", st)
	})
}

func TestAGrabAnotherProgramHeldIsTakenOnReload(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	other := xtest.Conn(t, srv.Display)
	root := xproto.Setup(other).DefaultScreen(other).Root
	code, _ := xtest.KeycodeFor(t, other, 's')
	if err := xproto.GrabKeyChecked(other, false, root, xproto.ModMask4, code, xproto.GrabModeAsync, xproto.GrabModeAsync).Check(); err != nil {
		t.Fatal(err)
	}
	e := startOn(t, srv, nil)
	e.client("a")
	xtest.Eventually(t, wait, func() (bool, string) {
		return strings.Contains(e.stderr.String(), "Mod4+s"), e.stderr.String()
	})
	xproto.UngrabKey(other, code, root, xproto.ModMask4)
	xproto.GetInputFocus(other).Reply()
	e.run("reload")
	e.press("Mod4+s")
	e.waitLayout("H[T[a*] >T[]]")
}

func TestAHiddenClientThatMapsItselfIsShown(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.client("b")
	e.waitHidden(a)
	a.Map()
	e.waitLayout(">T[a* b]")
	e.waitShown(a, e.placement(a).Client)
}

func TestDraggingFromTheTabBarNearABorder(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.press("Mod4+s")
	e.client("b")
	bar := e.wm.barHeight()
	xtest.MovePointer(t, e.x, 637, bar/2) // on a's tab bar, 3 pixels from the border
	xtest.Button(t, e.x, 1, true)
	xtest.MovePointer(t, e.x, 500, bar/2)
	xtest.Button(t, e.x, 1, false)
	xtest.Eventually(t, wait, func() (bool, string) {
		r := rect(a)
		return r.X+r.W > 495 && r.X+r.W < 505, fmt.Sprintf("a at %+v, want its right edge near 500", r)
	})
}
