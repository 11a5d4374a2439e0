package x11

import (
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
)

func TestNormalizeMonitors(t *testing.T) {
	tests := []struct {
		name string
		in   []Monitor
		want []Monitor
	}{
		{"none", nil, nil},
		{"one", []Monitor{{Name: "a", W: 10, H: 10}}, []Monitor{{Name: "a", W: 10, H: 10}}},
		{
			"left to right, not primary first",
			[]Monitor{{Name: "right", X: 1920, W: 1280, H: 1024, Primary: true}, {Name: "left", W: 1920, H: 1080}},
			[]Monitor{{Name: "left", W: 1920, H: 1080}, {Name: "right", X: 1920, W: 1280, H: 1024, Primary: true}},
		},
		{
			"top to bottom within a column",
			[]Monitor{{Name: "low", Y: 800, W: 100, H: 100}, {Name: "high", W: 100, H: 800}},
			[]Monitor{{Name: "high", W: 100, H: 800}, {Name: "low", Y: 800, W: 100, H: 100}},
		},
		{
			"mirrored outputs count once, primary kept",
			[]Monitor{{Name: "HDMI-1", W: 1920, H: 1080}, {Name: "eDP-1", W: 1920, H: 1080, Primary: true}, {Name: "DP-1", W: 1920, H: 1080}},
			[]Monitor{{Name: "eDP-1", W: 1920, H: 1080, Primary: true}},
		},
		{
			"same origin, different size is not a duplicate",
			[]Monitor{{Name: "a", W: 1920, H: 1080}, {Name: "b", W: 1280, H: 1024}},
			[]Monitor{{Name: "a", W: 1920, H: 1080}, {Name: "b", W: 1280, H: 1024}},
		},
		{
			"empty ones dropped",
			[]Monitor{{Name: "off", X: 5, W: 0, H: 1080}, {Name: "flat", W: 10, H: 0}, {Name: "on", W: 10, H: 10}},
			[]Monitor{{Name: "on", W: 10, H: 10}},
		},
		{
			"negative positions sort first",
			[]Monitor{{Name: "a", W: 10, H: 10}, {Name: "b", X: -10, W: 10, H: 10}},
			[]Monitor{{Name: "b", X: -10, W: 10, H: 10}, {Name: "a", W: 10, H: 10}},
		},
		{
			"names cut between characters, kept apart, made valid",
			[]Monitor{
				{Name: strings.Repeat("é", 40000), W: 10, H: 10},
				{Name: strings.Repeat("é", 40000) + "x", X: 10, W: 10, H: 10},
				{Name: "same", X: 20, W: 10, H: 10}, {Name: "same", X: 30, W: 10, H: 10},
				{Name: "bad\xff", X: 40, W: 10, H: 10},
			},
			[]Monitor{
				{Name: strings.Repeat("é", 32), W: 10, H: 10},
				{Name: strings.Repeat("é", 31) + "#2", X: 10, W: 10, H: 10},
				{Name: "same", X: 20, W: 10, H: 10}, {Name: "same#2", X: 30, W: 10, H: 10},
				{Name: "bad\uFFFD", X: 40, W: 10, H: 10},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalizeMonitors(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("normalizeMonitors\n = %.300v\nwant %.300v", got, tt.want)
			}
		})
	}
}

// monitorsOf runs Monitors on display's default screen.
func monitorsOf(t *testing.T, c *xgb.Conn) ([]Monitor, string) {
	t.Helper()
	mons, method, err := Monitors(c, xproto.Setup(c).DefaultScreen(c).Root)
	if err != nil {
		t.Fatalf("Monitors: %v", err)
	}
	return mons, method
}

func TestMonitorsXvfb(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	c := xtest.Conn(t, srv.Display)
	root := xproto.Setup(c).DefaultScreen(c).Root

	mons, method := monitorsOf(t, c)
	want := []Monitor{{Name: "screen", W: 1280, H: 800}}
	if method != MethodRandR15 || !reflect.DeepEqual(mons, want) {
		t.Errorf("Monitors = %v by %q; want %v by %q", mons, method, want, MethodRandR15)
	}

	// The fallbacks, each asked directly: they must agree on this server.
	if _, minor, ok := randrVersion(c); !ok || minor < 3 {
		t.Fatalf("Xvfb's RandR: version 1.%d, present %v", minor, ok)
	}
	crtcs, err := randrCrtcs(c, root, 3)
	if err != nil || !reflect.DeepEqual(crtcs, want) {
		t.Errorf("RandR 1.2 CRTCs = %v, %v; want %v", crtcs, err, want)
	}
	crtcs, err = randrCrtcs(c, root, 2) // without GetScreenResourcesCurrent
	if err != nil || !reflect.DeepEqual(crtcs, want) {
		t.Errorf("RandR 1.2 CRTCs (1.2 requests only) = %v, %v; want %v", crtcs, err, want)
	}
	heads, err := xineramaHeads(c)
	if wantHeads := []Monitor{{Name: "xinerama-0", W: 1280, H: 800}}; err != nil || !reflect.DeepEqual(heads, wantHeads) {
		t.Errorf("Xinerama heads = %v, %v; want %v", heads, err, wantHeads)
	}
	whole, err := rootMonitor(c, root)
	if wantRoot := []Monitor{{Name: "root", W: 1280, H: 800}}; err != nil || !reflect.DeepEqual(whole, wantRoot) {
		t.Errorf("root monitor = %v, %v; want %v", whole, err, wantRoot)
	}

	// Calling again (as on every RandR event) must not initialise the
	// extensions again, nor change the answer.
	again, _ := monitorsOf(t, c)
	if !reflect.DeepEqual(again, want) {
		t.Errorf("second Monitors = %v; want %v", again, want)
	}
}

// TestMonitorsXephyrXinerama: two Xephyr screens joined by Xinerama. RandR
// sees only the first, so Monitors must take Xinerama's two heads.
func TestMonitorsXephyrXinerama(t *testing.T) {
	srv := xtest.Xephyr2(t)
	c := xtest.Conn(t, srv.Display)
	mons, method := monitorsOf(t, c)
	want := []Monitor{
		{Name: "xinerama-0", X: 0, Y: 0, W: 1280, H: 800},
		{Name: "xinerama-1", X: 1280, Y: 0, W: 1024, H: 768},
	}
	if method != MethodXinerama || !reflect.DeepEqual(mons, want) {
		t.Errorf("Monitors = %v by %q; want %v by %q", mons, method, want, MethodXinerama)
	}
}

// TestMonitorsSetMonitor adds a RandR 1.5 monitor with xrandr, as a user
// splitting a wide screen would, and expects Monitors to show it. The server
// announces that with a ConfigureNotify on the root only, no RandR event.
func TestMonitorsSetMonitor(t *testing.T) {
	needXrandr(t)
	srv := xtest.Xvfb(t, "1280x800")
	c := xtest.Conn(t, srv.Display)
	root := xproto.Setup(c).DefaultScreen(c).Root
	err := xproto.ChangeWindowAttributesChecked(c, root, xproto.CwEventMask, []uint32{xproto.EventMaskStructureNotify}).Check()
	if err != nil {
		t.Fatal(err)
	}
	rootChanged := func(ev xgb.Event) bool {
		e, ok := ev.(xproto.ConfigureNotifyEvent)
		return ok && e.Window == root
	}

	xrandr(t, srv, "--setmonitor", "fion-left", "640/170x800/210+0+0", "none")
	waitEvent(t, c, rootChanged)
	mons, method := monitorsOf(t, c)
	want := []Monitor{
		{Name: "fion-left", X: 0, Y: 0, W: 640, H: 800},
		{Name: "screen", X: 0, Y: 0, W: 1280, H: 800},
	}
	if method != MethodRandR15 || !reflect.DeepEqual(mons, want) {
		t.Errorf("after xrandr --setmonitor: Monitors = %v by %q; want %v by %q", mons, method, want, MethodRandR15)
	}

	xrandr(t, srv, "--delmonitor", "fion-left")
	waitEvent(t, c, rootChanged)
	mons, _ = monitorsOf(t, c)
	if want := []Monitor{{Name: "screen", W: 1280, H: 800}}; !reflect.DeepEqual(mons, want) {
		t.Errorf("after xrandr --delmonitor: Monitors = %v; want %v", mons, want)
	}
}

// TestSelectMonitorEvents changes the output configuration and waits for
// the RandR event that SelectMonitorEvents asked for; Monitors then shows
// the change. Turning the only output off leaves RandR with no monitor, and
// Monitors must fall back rather than report none.
func TestSelectMonitorEvents(t *testing.T) {
	needXrandr(t)
	srv := xtest.Xvfb(t, "1280x800")
	c := xtest.Conn(t, srv.Display)
	SelectMonitorEvents(c, xproto.Setup(c).DefaultScreen(c).Root)
	screenChanged := func(ev xgb.Event) bool {
		_, ok := ev.(randr.ScreenChangeNotifyEvent)
		return ok
	}

	xrandr(t, srv, "--output", "screen", "--primary")
	waitEvent(t, c, screenChanged)
	mons, _ := monitorsOf(t, c)
	if want := []Monitor{{Name: "screen", W: 1280, H: 800, Primary: true}}; !reflect.DeepEqual(mons, want) {
		t.Errorf("after xrandr --primary: Monitors = %v; want %v", mons, want)
	}

	// xrandr then fails to shrink the screen to nothing; the output is
	// off all the same.
	cmd := exec.Command("xrandr", "--output", "screen", "--off")
	cmd.Env = srv.Env()
	cmd.Run()
	waitEvent(t, c, screenChanged)
	mons, method := monitorsOf(t, c)
	if want := []Monitor{{Name: "root", W: 1280, H: 800}}; method != MethodRoot || !reflect.DeepEqual(mons, want) {
		t.Errorf("with the output off: Monitors = %v by %q; want %v by %q", mons, method, want, MethodRoot)
	}
}

func needXrandr(t *testing.T) {
	xtest.Need(t, "xrandr", "x11-xserver-utils")
}

func xrandr(t *testing.T, srv *xserver.Server, args ...string) {
	t.Helper()
	cmd := exec.Command("xrandr", args...)
	cmd.Env = srv.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xrandr %v: %v\n%s", args, err, out)
	}
}

// TestMonitorsXorgDummy runs Xorg with two dummy outputs side by side, then
// rearranges them with xrandr: both RandR paths must list them left to
// right (not primary first), named after their outputs, and a mirrored
// pair must count once. xrandr's requests are answered before it exits, so
// the new layout is in place when it returns.
func TestMonitorsXorgDummy(t *testing.T) {
	needXrandr(t)
	srv, err := xserver.XorgDummy(2, "1024x768")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	c := xtest.Conn(t, srv.Display)
	root := xproto.Setup(c).DefaultScreen(c).Root

	check := func(step string, want []Monitor) {
		t.Helper()
		mons, method := monitorsOf(t, c)
		if method != MethodRandR15 || !reflect.DeepEqual(mons, want) {
			t.Errorf("%s: Monitors = %v by %q; want %v by %q", step, mons, method, want, MethodRandR15)
		}
		crtcs, err := randrCrtcs(c, root, 3)
		if err != nil || !reflect.DeepEqual(crtcs, want) {
			t.Errorf("%s: RandR 1.2 CRTCs = %v, %v; want %v", step, crtcs, err, want)
		}
	}

	check("at start", []Monitor{
		{Name: "DUMMY0", X: 0, W: 1024, H: 768, Primary: true},
		{Name: "DUMMY1", X: 1024, W: 1024, H: 768},
	})

	xrandr(t, srv, "--output", "DUMMY1", "--pos", "0x0", "--output", "DUMMY0", "--pos", "1024x0")
	check("DUMMY1 moved left of the primary", []Monitor{
		{Name: "DUMMY1", X: 0, W: 1024, H: 768},
		{Name: "DUMMY0", X: 1024, W: 1024, H: 768, Primary: true},
	})

	xrandr(t, srv, "--output", "DUMMY0", "--pos", "0x0", "--output", "DUMMY1", "--same-as", "DUMMY0")
	check("mirrored", []Monitor{{Name: "DUMMY0", X: 0, W: 1024, H: 768, Primary: true}})
}
