// Command demo is what `make run` runs, through scripts/run.sh: FION in an
// Xephyr with two Xinerama heads of different sizes (1280x800 and
// 1024x768).
//
// With a display ($DISPLAY set, and no -headless) the Xephyr opens on it
// with FION and one xterm inside, until the Xephyr window is closed or
// Ctrl-C. Without one, the Xephyr is nested in a private Xvfb; the demo
// opens clients in split tiles and tabs by pressing FION's default keys with
// xdotool, saves a screenshot and exits: in the system's temporary folder,
// unless -screenshot names another file (`make screenshot` refreshes
// docs/screenshot.png, which is tracked, so a plain `make run` leaves the
// clone clean).
//
// It owns nothing but its own processes; X servers come from
// internal/xserver. It must not import FION's window manager packages: it
// drives the built binary from the outside, as a user does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/fion-wm/fion/internal/xserver"
)

// options are the command line flags.
type options struct {
	fion       string
	config     string
	screenshot string
	headless   bool
	timeout    time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.fion, "fion", "./fion", "the fion binary to run")
	flag.StringVar(&o.config, "config", "fion.toml.example", "config file passed to fion with -c")
	flag.StringVar(&o.screenshot, "screenshot", filepath.Join(os.TempDir(), "fion-screenshot.png"), "where the headless demo saves its screenshot")
	flag.BoolVar(&o.headless, "headless", false, "run the scripted demo in a private Xvfb even when $DISPLAY is set")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Second, "how long any single wait may take")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "demo: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	if _, err := os.Stat(o.fion); err != nil {
		return fmt.Errorf("no fion binary at %s; build it first with `make build`", o.fion)
	}
	display := os.Getenv("DISPLAY")
	headless := o.headless || display == ""

	s := &session{timeout: o.timeout}
	defer s.close()
	var parent *xserver.Server
	if headless {
		var err error
		parent, err = xserver.Xvfb("2400x900")
		if err != nil {
			return err
		}
		s.servers = append(s.servers, parent)
	} else {
		// The user's display: nest in it, never stop it.
		parent = &xserver.Server{Display: display}
	}
	xephyr, err := xserver.Xephyr(parent, []string{"1280x800", "1024x768"}, true, "-title", "FION demo")
	if err != nil {
		return err
	}
	s.servers = append(s.servers, xephyr)
	s.xephyr = xephyr

	if err := s.startFion(ctx, o, headless); err != nil {
		return s.failure(err)
	}
	if headless {
		if err := s.script(ctx, o.screenshot); err != nil {
			return s.failure(err)
		}
		fmt.Println("demo: screenshot saved to", o.screenshot)
		return nil
	}
	return s.interactive(ctx)
}

// interactive starts one xterm and waits for the user to be done.
func (s *session) interactive(ctx context.Context) error {
	if _, err := s.start("xterm", []string{"xterm"}, false); err != nil {
		return err
	}
	fmt.Printf("demo: FION runs in Xephyr on %s; close its window or press Ctrl-C to stop\n", s.xephyr.Display)
	select {
	case <-ctx.Done():
		fmt.Println("demo: interrupted, cleaning up")
	case <-s.xephyr.Done():
		s.xephyrClosed()
	case <-s.fion.done:
		// Closing the Xephyr also ends fion, sometimes before the Xephyr's
		// own exit is reaped: give that a moment to show.
		select {
		case <-s.xephyr.Done():
			s.xephyrClosed()
			return nil
		case <-time.After(2 * time.Second):
		}
		if s.fion.err != nil {
			return s.failure(fmt.Errorf("fion exited: %v", s.fion.err))
		}
		fmt.Println("demo: fion exited, cleaning up")
	}
	return nil
}

// xephyrClosed is the normal end of the interactive demo: the user closed
// the Xephyr window, so its exit is no error to report.
func (s *session) xephyrClosed() {
	fmt.Println("demo: Xephyr closed, cleaning up")
	s.xephyr.Close()
	s.servers = slices.DeleteFunc(s.servers, func(srv *xserver.Server) bool { return srv == s.xephyr })
}

// failure decorates err with what the processes and servers printed.
func (s *session) failure(err error) error {
	msg := err.Error()
	if s.fion != nil && s.fion.out != nil {
		msg += "\n--- fion output ---\n" + s.fion.out.String()
	}
	for _, srv := range s.servers {
		msg += fmt.Sprintf("\n--- X server %s log ---\n%s", srv.Display, srv.Log())
	}
	return errors.New(msg)
}
