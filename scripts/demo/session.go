package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xserver"
)

// session holds everything the demo started, to stop it in reverse order.
type session struct {
	timeout time.Duration
	servers []*xserver.Server
	xephyr  *xserver.Server
	fion    *proc
	procs   []*proc
}

// proc is a program the demo started.
type proc struct {
	name string
	cmd  *exec.Cmd
	out  *syncBuffer // nil when the output goes to the terminal
	done chan struct{}
	err  error // how it exited, valid after done
}

// start runs argv in the Xephyr. With capture its output is kept for error
// messages; without, it goes to the terminal.
func (s *session) start(name string, argv []string, capture bool) (*proc, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = s.xephyr.Env()
	// Children of the program (the xterm fion starts) may hold its output
	// pipe until the Xephyr goes; do not wait for them once it has exited.
	cmd.WaitDelay = time.Second
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	if capture {
		p.out = &syncBuffer{}
		cmd.Stdout, cmd.Stderr = p.out, p.out
	} else {
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	s.procs = append(s.procs, p)
	return p, nil
}

// startFion runs fion and waits until it manages the Xephyr's root.
func (s *session) startFion(ctx context.Context, o options, capture bool) error {
	argv := []string{o.fion}
	if _, err := os.Stat(o.config); err == nil {
		argv = append(argv, "-c", o.config)
	} else {
		fmt.Fprintf(os.Stderr, "demo: no %s, fion runs with its default config\n", o.config)
	}
	p, err := s.start("fion", argv, capture)
	if err != nil {
		return err
	}
	s.fion = p
	return s.waitManaged(ctx)
}

// waitManaged polls, with a deadline, until some client has selected
// SubstructureRedirect on the root: that is a window manager at work. The
// check only reads the root's attributes, so it cannot disturb fion.
func (s *session) waitManaged(ctx context.Context) error {
	conn, err := xgb.NewConnDisplay(s.xephyr.Display)
	if err != nil {
		return fmt.Errorf("connect to Xephyr %s: %w", s.xephyr.Display, err)
	}
	defer conn.Close()
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	managed := func() (bool, error) {
		attrs, err := xproto.GetWindowAttributes(conn, root).Reply()
		if err != nil {
			return false, err
		}
		return attrs.AllEventMasks&xproto.EventMaskSubstructureRedirect != 0, nil
	}
	return s.poll(ctx, "fion to manage the screen", managed)
}

// poll calls cond with a short backoff until it is true, it fails, fion
// exits, the user interrupts, or the timeout passes.
func (s *session) poll(ctx context.Context, what string, cond func() (bool, error)) error {
	deadline := time.Now().Add(s.timeout)
	pause := 5 * time.Millisecond
	for {
		ok, err := cond()
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", what, err)
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("gave up waiting for %s after %v", what, s.timeout)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("interrupted while waiting for %s", what)
		case <-s.fion.done:
			return fmt.Errorf("fion exited (%v) while waiting for %s", s.fion.err, what)
		case <-time.After(pause):
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// close stops the programs, then the servers, newest first.
func (s *session) close() {
	for i := len(s.procs) - 1; i >= 0; i-- {
		s.procs[i].stop()
	}
	for i := len(s.servers) - 1; i >= 0; i-- {
		if err := s.servers[i].Close(); err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
		}
	}
}

// stop asks the program to end and kills it if it does not within 5s.
func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// syncBuffer is a bytes.Buffer safe for the writer goroutine of exec and a
// reader at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
