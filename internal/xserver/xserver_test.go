package xserver

import (
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

// connect opens an X connection to s, closed when the test ends.
func connect(t *testing.T, s *Server) *xgb.Conn {
	t.Helper()
	c, err := xgb.NewConnDisplay(s.Display)
	if err != nil {
		t.Fatalf("connect to %s: %v\n%s", s.Display, err, s.Log())
	}
	t.Cleanup(c.Close)
	return c
}

// heads returns the Xinerama heads of the server c is connected to.
func heads(t *testing.T, c *xgb.Conn) []xinerama.ScreenInfo {
	t.Helper()
	if err := xinerama.Init(c); err != nil {
		t.Fatalf("Xinerama: %v", err)
	}
	r, err := xinerama.QueryScreens(c).Reply()
	if err != nil {
		t.Fatalf("QueryScreens: %v", err)
	}
	return r.ScreenInfo
}

func rootSize(c *xgb.Conn) (int, int) {
	s := xproto.Setup(c).DefaultScreen(c)
	return int(s.WidthInPixels), int(s.HeightInPixels)
}

func hasExtension(t *testing.T, c *xgb.Conn, name string) bool {
	t.Helper()
	r, err := xproto.QueryExtension(c, uint16(len(name)), name).Reply()
	if err != nil {
		t.Fatalf("QueryExtension %s: %v", name, err)
	}
	return r.Present
}

func TestXvfbStartsAndStops(t *testing.T) {
	s, err := Xvfb("1280x800")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if !strings.HasPrefix(s.Display, ":") {
		t.Fatalf("Display = %q, want \":N\"", s.Display)
	}
	c := connect(t, s)
	if w, h := rootSize(c); w != 1280 || h != 800 {
		t.Errorf("root is %dx%d, want 1280x800", w, h)
	}
	for _, ext := range []string{"RANDR", "XTEST"} {
		if !hasExtension(t, c, ext) {
			t.Errorf("extension %s missing", ext)
		}
	}
	socket := "/tmp/.X11-unix/X" + strings.TrimPrefix(s.Display, ":")
	if _, err := os.Stat(socket); err != nil {
		t.Errorf("server socket: %v", err)
	}

	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case <-s.Done():
	default:
		t.Error("Done not closed after Close")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	// SIGTERM lets the server remove its socket; a SIGKILL would not.
	if _, err := os.Stat(socket); !os.IsNotExist(err) {
		t.Errorf("socket %s still there after Close (err %v)", socket, err)
	}
}

func TestTwoXvfbGetDifferentDisplays(t *testing.T) {
	a, err := Xvfb("640x480")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err := Xvfb("800x600")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if a.Display == b.Display {
		t.Fatalf("both servers on %s", a.Display)
	}
	if w, h := rootSize(connect(t, a)); w != 640 || h != 480 {
		t.Errorf("first root %dx%d, want 640x480", w, h)
	}
	if w, h := rootSize(connect(t, b)); w != 800 || h != 600 {
		t.Errorf("second root %dx%d, want 800x600", w, h)
	}
}

func TestStartFailureShowsLog(t *testing.T) {
	s, err := Xvfb("640x480", "-no-such-option")
	if err == nil {
		s.Close()
		t.Fatal("Xvfb accepted an unknown option")
	}
	if !strings.Contains(err.Error(), "no-such-option") {
		t.Errorf("error does not include the server log:\n%v", err)
	}
}

func TestServerCrashReportedByClose(t *testing.T) {
	s, err := Xvfb("640x480")
	if err != nil {
		t.Fatal(err)
	}
	// SIGTERM rather than SIGKILL so the server still removes its socket.
	s.cmd.Process.Signal(syscall.SIGTERM)
	<-s.Done()
	if err := s.Close(); err == nil || !strings.Contains(err.Error(), "exited before Close") {
		t.Errorf("Close after a crash = %v, want an error saying it exited", err)
	}
}

func TestXephyrXineramaHeads(t *testing.T) {
	parent, err := Xvfb("2400x900")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { parent.Close() })
	s, err := Xephyr(parent, []string{"1280x800", "1024x768"}, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.Display == parent.Display {
		t.Fatalf("Xephyr reused the parent's display %s", s.Display)
	}
	got := heads(t, connect(t, s))
	want := []xinerama.ScreenInfo{
		{XOrg: 0, YOrg: 0, Width: 1280, Height: 800},
		{XOrg: 1280, YOrg: 0, Width: 1024, Height: 768},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("heads = %+v, want %+v", got, want)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestXephyrArgumentErrors(t *testing.T) {
	if _, err := Xephyr(nil, []string{"800x600"}, false); err == nil {
		t.Error("Xephyr without parent: no error")
	}
	parent := &Server{Display: ":999"}
	if _, err := Xephyr(parent, nil, false); err == nil {
		t.Error("Xephyr without screens: no error")
	}
	if _, err := Xephyr(parent, []string{"big"}, false); err == nil || !strings.Contains(err.Error(), `"big"`) {
		t.Errorf("Xephyr with a bad size: %v, want an error naming it", err)
	}
}

func TestXorgDummyOutputs(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("Xorg needs root to start here; run the tests as root (CI does)")
	}
	s, err := XorgDummy(2, "1280x800")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := connect(t, s)
	want := []xinerama.ScreenInfo{
		{XOrg: 0, YOrg: 0, Width: 1280, Height: 800},
		{XOrg: 1280, YOrg: 0, Width: 1280, Height: 800},
	}
	if got := heads(t, c); !reflect.DeepEqual(got, want) {
		t.Fatalf("heads = %+v, want %+v", got, want)
	}

	xrandr := exec.Command("xrandr", "--output", "DUMMY1", "--mode", "1024x768", "--right-of", "DUMMY0")
	xrandr.Env = s.Env()
	if out, err := xrandr.CombinedOutput(); err != nil {
		t.Fatalf("xrandr: %v\n%s", err, out)
	}
	// xrandr has waited for the server's replies, so the change is done.
	want[1] = xinerama.ScreenInfo{XOrg: 1280, YOrg: 0, Width: 1024, Height: 768}
	if got := heads(t, c); !reflect.DeepEqual(got, want) {
		t.Errorf("after xrandr heads = %+v, want %+v", got, want)
	}
	if !strings.Contains(s.Log(), "dummy") {
		t.Errorf("Log lacks the Xorg log file:\n%s", s.Log())
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := os.Stat(s.tempDir); !os.IsNotExist(err) {
		t.Errorf("temp dir %s left after Close (err %v)", s.tempDir, err)
	}
	if !strings.Contains(s.Log(), "dummy") {
		t.Error("Log lost the Xorg log file after Close")
	}
}

func TestXorgDummyArgumentErrors(t *testing.T) {
	for _, n := range []int{0, maxDummyOutputs + 1} {
		if _, err := XorgDummy(n, "800x600"); err == nil {
			t.Errorf("XorgDummy(%d, ...): no error", n)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		w, h int
		ok   bool
	}{
		{"1280x800", 1280, 800, true},
		{"1024x768+1280+0", 1024, 768, true},
		{"1x1", 1, 1, true},
		{"", 0, 0, false},
		{"1280", 0, 0, false},
		{"1280x", 0, 0, false},
		{"x800", 0, 0, false},
		{"0x800", 0, 0, false},
		{"-5x800", 0, 0, false},
		{"1280X800", 0, 0, false},
		{"axb", 0, 0, false},
	}
	for _, tt := range tests {
		w, h, err := ParseSize(tt.in)
		if (err == nil) != tt.ok || w != tt.w || h != tt.h {
			t.Errorf("ParseSize(%q) = %d, %d, %v; want %d, %d, ok=%v", tt.in, w, h, err, tt.w, tt.h, tt.ok)
		}
	}
}

func TestWithDisplay(t *testing.T) {
	tests := []struct {
		env  []string
		want []string
	}{
		{nil, []string{"DISPLAY=:3"}},
		{[]string{"A=1", "DISPLAY=:0", "B=2"}, []string{"A=1", "B=2", "DISPLAY=:3"}},
		{[]string{"DISPLAY=:0", "DISPLAY=:1"}, []string{"DISPLAY=:3"}},
		{[]string{"XDISPLAY=x"}, []string{"XDISPLAY=x", "DISPLAY=:3"}},
	}
	for _, tt := range tests {
		if got := withDisplay(tt.env, ":3"); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("withDisplay(%q) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestModeline(t *testing.T) {
	tests := []struct {
		w, h int
		want string
	}{
		{1280, 800, `Modeline "1280x800" 71.71 1280 1328 1360 1440 800 803 809 830 +hsync -vsync`},
		{1024, 768, `Modeline "1024x768" 56.69 1024 1072 1104 1184 768 771 777 798 +hsync -vsync`},
	}
	for _, tt := range tests {
		if got := modeline(tt.w, tt.h); got != tt.want {
			t.Errorf("modeline(%d, %d) = %s, want %s", tt.w, tt.h, got, tt.want)
		}
	}
}

func TestDummyConfigPlacesOutputs(t *testing.T) {
	conf := dummyConfig(3, "1024x768")
	for i := 0; i < 3; i++ {
		if !strings.Contains(conf, fmt.Sprintf(`Option "Monitor-DUMMY%d" "monitor%d"`, i, i)) {
			t.Errorf("output DUMMY%d has no monitor:\n%s", i, conf)
		}
	}
	for _, want := range []string{`Option "RightOf" "monitor0"`, `Option "RightOf" "monitor1"`, `Modes "1024x768" "1920x1080"`} {
		if !strings.Contains(conf, want) {
			t.Errorf("config lacks %s:\n%s", want, conf)
		}
	}
	if strings.Contains(conf, "DUMMY3") {
		t.Errorf("config mentions a fourth output:\n%s", conf)
	}
}

func TestForeignServerIsLeftAlone(t *testing.T) {
	s := &Server{Display: ":0"}
	if err := s.Close(); err != nil || s.Log() != "" {
		t.Errorf("Close = %v, Log = %q; want nothing done", err, s.Log())
	}
	if env := s.Env(); env[len(env)-1] != "DISPLAY=:0" {
		t.Errorf("Env ends with %q", env[len(env)-1])
	}
}
