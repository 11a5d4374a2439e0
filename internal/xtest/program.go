package xtest

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"golang.org/x/sys/unix"
)

// A test program is the test binary run as an X program by a command line the window manager
// starts (exec): it waits until the test lets it go on (a Trigger), then maps its windows with the
// properties a real program sets, and lives until its X server goes. A test package's TestMain
// calls RunProgram first.

// programEnv, set in the environment of the test binary, makes it a test program.
const programEnv = "FION_TEST_PROGRAM"

// RunProgram runs the test program and exits when the environment asks for it; otherwise it
// returns at once.
func RunProgram() {
	if os.Getenv(programEnv) == "" {
		return
	}
	if err := program(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "test program: %v\n", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// ProgramOpts describes a test program's windows.
type ProgramOpts struct {
	Titles  []string // a top-level window each, mapped in this order; none means one, "program"
	Wait    *Trigger // the program maps its windows once it is pulled; nil: at once
	NoPID   bool     // no _NET_WM_PID
	Machine string   // WM_CLIENT_MACHINE; "" is this host's name
}

// ProgramLine is the shell command line that runs a test program with o.
func ProgramLine(t testing.TB, o ProgramOpts) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{programEnv + "=1", quote(self)}
	if len(o.Titles) > 0 {
		args = append(args, "-titles", quote(strings.Join(o.Titles, ",")))
	}
	if o.Wait != nil {
		args = append(args, "-wait", quote(o.Wait.path))
	}
	if o.NoPID {
		args = append(args, "-pid=false")
	}
	if o.Machine != "" {
		args = append(args, "-machine", quote(o.Machine))
	}
	return strings.Join(args, " ")
}

// quote quotes s for sh.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func program(args []string) error {
	fs := flag.NewFlagSet("test program", flag.ContinueOnError)
	titles := fs.String("titles", "program", "")
	wait := fs.String("wait", "", "")
	pid := fs.Bool("pid", true, "")
	machine := fs.String("machine", "", "")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *wait != "" {
		// Opening the FIFO waits for the test to open it, and reading it for the test to close it.
		b, err := os.ReadFile(*wait)
		if err != nil {
			return err
		}
		if string(b) == quitProgram {
			return nil
		}
	}
	if *machine == "" {
		h, err := os.Hostname()
		if err != nil {
			return err
		}
		*machine = h
	}
	c, err := xgb.NewConn()
	if err != nil {
		return err
	}
	screen := xproto.Setup(c).DefaultScreen(c)
	atom := func(name string) xproto.Atom {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			return 0
		}
		return r.Atom
	}
	utf8, netName, netPID := atom("UTF8_STRING"), atom("_NET_WM_NAME"), atom("_NET_WM_PID")
	for _, title := range strings.Split(*titles, ",") {
		win, err := xproto.NewWindowId(c)
		if err != nil {
			return err
		}
		xproto.CreateWindow(c, screen.RootDepth, win, screen.Root, 0, 0, 200, 100, 0, xproto.WindowClassInputOutput,
			screen.RootVisual, xproto.CwBackPixel, []uint32{colorFor(title)})
		str := func(prop, typ xproto.Atom, v string) {
			xproto.ChangeProperty(c, xproto.PropModeReplace, win, prop, typ, 8, uint32(len(v)), []byte(v))
		}
		str(xproto.AtomWmName, xproto.AtomString, title)
		str(netName, utf8, title)
		str(xproto.AtomWmClass, xproto.AtomString, "program\x00Program\x00")
		str(xproto.AtomWmClientMachine, xproto.AtomString, *machine)
		if *pid {
			v := make([]byte, 4)
			xgb.Put32(v, uint32(os.Getpid()))
			xproto.ChangeProperty(c, xproto.PropModeReplace, win, netPID, xproto.AtomCardinal, 32, 1, v)
		}
		xproto.MapWindow(c, win)
	}
	for {
		ev, err := c.WaitForEvent()
		if ev == nil && err == nil {
			return nil // the server is gone
		}
	}
}

// Trigger is a FIFO a test program waits on before it maps its windows.
type Trigger struct {
	t    testing.TB
	path string
}

// quitProgram, written to a trigger, ends the program that waits on it.
const quitProgram = "quit"

// NewTrigger makes a trigger in the test's temporary folder. When the test ends, a program that
// waits on it ends, and one that would open it later finds it gone.
func NewTrigger(t testing.TB) *Trigger {
	t.Helper()
	path := filepath.Join(t.TempDir(), "trigger")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.WriteString(quitProgram)
			f.Close()
		}
		os.Remove(path)
	})
	return &Trigger{t, path}
}

// EndProgram ends, when the test ends, the program whose window has _NET_WM_PID pid, with all of
// its session's process group: the shells it was started by, which hold the pipes of the process
// that started them (the window manager's supervisor).
func EndProgram(t testing.TB, pid int) {
	t.Helper()
	sid, err := unix.Getsid(pid)
	if err != nil {
		t.Fatalf("the session of the program %d: %v", pid, err)
	}
	t.Cleanup(func() { syscall.Kill(-sid, syscall.SIGKILL) })
}

// Pull lets the program that waits on tr go on. It waits for the program to open tr first, up to
// the deadline d.
func (tr *Trigger) Pull(d time.Duration) {
	tr.t.Helper()
	var f *os.File
	Eventually(tr.t, d, func() (bool, string) {
		var err error
		// Opening without blocking fails with ENXIO while no reader has the FIFO open.
		f, err = os.OpenFile(tr.path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if errors.Is(err, syscall.ENXIO) {
			return false, "the program has not opened " + tr.path
		}
		if err != nil {
			tr.t.Fatal(err)
		}
		return true, ""
	})
	f.Close()
}
