package wm

import (
	"fmt"
	"os"
	"testing"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/x11"
)

// TestMain connects once before any test does: the first connection of the process sets up xgb's
// process-wide extension tables (see x11.initExtension), and doing that while the tests' own
// connections read them would be a data race.
//
// The test binary is also the X program that exec starts in some tests (xtest.RunProgram).
func TestMain(m *testing.M) {
	xtest.RunProgram()
	srv, err := xserver.Xvfb("640x480")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c, err := x11.Connect(srv.Display)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c.Close()
	srv.Close()
	os.Exit(m.Run())
}
