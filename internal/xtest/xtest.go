// Package xtest holds helpers for the _test files of other packages: it
// starts private X servers, opens connections, creates test clients that
// behave like real programs, and injects keyboard and pointer input through
// the XTEST extension.
//
// Every helper takes a testing.TB, fails the test itself and registers its
// own cleanup. Everything that waits has a deadline. It must only be
// imported from _test.go files, and must not import any package of the
// window manager: it looks at X from the outside, like a user's programs.
package xtest

import (
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xserver"
)

// Xvfb starts an Xvfb of the given size ("1280x800") that is closed when the
// test ends. If the test fails, a screenshot is saved first (see
// ScreenshotOnFailure).
func Xvfb(t testing.TB, size string) *xserver.Server {
	t.Helper()
	s := xvfb(t, size)
	ScreenshotOnFailure(t, s.Display)
	return s
}

func xvfb(t testing.TB, size string) *xserver.Server {
	t.Helper()
	s, err := xserver.Xvfb(size)
	if err != nil {
		t.Fatal(err)
	}
	closeAtCleanup(t, s)
	return s
}

// Xephyr2 starts an Xvfb 2400x900 and, nested in it, an Xephyr with two
// Xinerama heads side by side: 1280x800 at 0,0 and 1024x768 at 1280,0.
// It returns the Xephyr; both servers are closed when the test ends, after
// a screenshot of the Xephyr if the test failed.
func Xephyr2(t testing.TB) *xserver.Server {
	t.Helper()
	parent := xvfb(t, "2400x900")
	s, err := xserver.Xephyr(parent, []string{"1280x800", "1024x768"}, true)
	if err != nil {
		t.Fatal(err)
	}
	closeAtCleanup(t, s)
	ScreenshotOnFailure(t, s.Display)
	return s
}

// closeAtCleanup closes s when the test ends. A server that died during the
// test fails it, with the server's log.
func closeAtCleanup(t testing.TB, s *xserver.Server) {
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
}

// Conn opens a connection to display that is closed when the test ends.
func Conn(t testing.TB, display string) *xgb.Conn {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to X display %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	return c
}

// Eventually calls cond until it reports ok, and fails the test with cond's
// last state if that does not happen within d. It polls with a backoff from
// 1ms to 50ms: this waits on a condition with a deadline, for effects (such
// as another process's reaction to an event) that send us no event.
func Eventually(t testing.TB, d time.Duration, cond func() (ok bool, state string)) {
	t.Helper()
	deadline := time.Now().Add(d)
	pause := time.Millisecond
	for {
		ok, state := cond()
		if ok {
			return
		}
		if !time.Now().Before(deadline) {
			t.Fatalf("condition not met after %v; last state: %s", d, state)
			return
		}
		wait := min(pause, time.Until(deadline))
		<-time.After(wait)
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// roundTrip makes a request that needs a reply, so when it returns the server
// has processed every request sent before it on c.
func roundTrip(c *xgb.Conn) error {
	_, err := xproto.GetInputFocus(c).Reply()
	return err
}
