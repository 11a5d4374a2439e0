package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
)

// publishSocket sets _FION_SOCKET on the root window of display, as fion does.
func publishSocket(t *testing.T, display, path string) {
	t.Helper()
	xgb.Logger.SetOutput(io.Discard) // "no .Xauthority": Xvfb runs without one
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	intern := func(name string) xproto.Atom {
		reply, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return reply.Atom
	}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	err = xproto.ChangePropertyChecked(conn, xproto.PropModeReplace, root, intern("_FION_SOCKET"),
		intern("UTF8_STRING"), 8, uint32(len(path)), []byte(path)).Check()
	if err != nil {
		t.Fatal(err)
	}
}

// TestRootWindowFallback runs fionctl where the socket is not where $DISPLAY says (fion has another
// XDG_RUNTIME_DIR): it must find the socket through the root window, and name the property when
// the socket there is dead.
func TestRootWindowFallback(t *testing.T) {
	xtest.Need(t, "Xvfb", "xvfb")
	x, err := xserver.Xvfb("320x240")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	env := []string{"DISPLAY=" + x.Display, "XDG_RUNTIME_DIR=" + shortDir(t), "HOME=" + os.Getenv("HOME")}

	// No property yet: the computed path is reported.
	r := fionctl(t, env, "", "get", "version")
	if r.code != 1 || !strings.Contains(r.stderr, "no such file (is fion running on "+x.Display+"?") {
		t.Errorf("without _FION_SOCKET: exit %d, stderr %q", r.code, r.stderr)
	}

	f := startFion(t)
	publishSocket(t, x.Display, f.path)
	fionctl(t, env, "", "get", "version").expect(t, 0, `{"version":"0.1.0","protocol":1}`+"\n", "")

	dead := filepath.Join(f.dir, "dead.sock")
	publishSocket(t, x.Display, dead)
	fionctl(t, env, "", "sync").expect(t, 1, "", "fionctl: cannot connect to "+dead+
		": no such file (the _FION_SOCKET property of "+x.Display+" names it, but fion may have died; set FION_SOCKET to the socket of a running fion)\n")
}
