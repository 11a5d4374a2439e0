package wm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// Any client can name monitors with 40,000 characters (xrandr --setmonitor). fion repeats screen
// names in every desktop name: it cuts them, and writes no request too long for the X server, so
// it goes on managing windows and answering.
func TestHugeMonitorNamesDoNotStopFion(t *testing.T) {
	e := startOn(t, xtest.Xvfb(t, "2304x800"), nil)
	long := strings.Repeat("m", 40000)
	e.xrandr("--setmonitor", long+"1", "1280/338x800/211+0+0", "screen")
	e.xrandr("--setmonitor", long+"2", "1024/270x768/203+1280+0", "none")
	cut := strings.Repeat("m", 64)
	e.waitScreens(fmt.Sprintf("%s 1280x800+0+0; %s#2 1024x768+1280+0; ", cut, cut[:62]))
	e.client("a")
	e.waitLayout(">T[a*]")
	var names []string
	e.wm.Model(func(m *layout.Model) {
		for _, s := range m.Screens {
			names = append(names, s.Name)
		}
	})
	if desktops := e.rootUTF8("_NET_DESKTOP_NAMES"); len(desktops) != 8 || desktops[4] != names[1]+":1" {
		t.Errorf("_NET_DESKTOP_NAMES has %d names, the fifth %.80q; want 8, the fifth %.80q", len(desktops), desktops[min(4, len(desktops)-1)], names[1]+":1")
	}
}

// rootUTF8 reads a list of UTF-8 strings from a root window property.
func (e *env) rootUTF8(name string) []string {
	e.t.Helper()
	a, err := xproto.InternAtom(e.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	r, err := xproto.GetProperty(e.x, false, e.root, a.Atom, xproto.GetPropertyTypeAny, 0, 1<<20).Reply()
	if err != nil || len(r.Value) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(r.Value), "\x00"), "\x00")
}
