package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fion-wm/fion/internal/xserver"
)

// session is one WM running alone in a fresh Xvfb, with its private directory (also its $HOME)
// and the bench's X connection, managing: it has taken the warm-up window. Every phase of the
// bench runs in a session of its own, so no phase sees what another left behind.
type session struct {
	w   wmSpec
	dir string
	srv *xserver.Server
	env []string // the WM's whole environment
	p   *wmProcess
	c   *client
	// cr is the WM's control client, nil when it has none or it is not installed.
	cr *clientRun
}

// startSession starts w (program bins.wm) in a fresh Xvfb and waits until it manages. The WM's
// own output is appended to any error, as the best clue. A WM built from the repository (fion)
// finds its own binary first on $PATH, which is where its restart looks for the new one.
func startSession(ctx context.Context, w wmSpec, bins binaries) (s *session, err error) {
	s = &session{w: w}
	defer func() {
		if err != nil {
			err = s.explain(err)
			s.close()
			s = nil
		}
	}()
	if s.dir, err = os.MkdirTemp("", "fionbench-"+w.name+"-"); err != nil {
		return s, err
	}
	if err := os.Mkdir(filepath.Join(s.dir, "run"), 0o700); err != nil {
		return s, err
	}
	l, err := w.prepare(s.dir)
	if err != nil {
		return s, err
	}
	if s.srv, err = xserver.Xvfb(screenSize); err != nil {
		return s, fmt.Errorf("starting Xvfb: %w", err)
	}
	extra := l.env
	if w.program == "" {
		extra = append(extra, "PATH="+filepath.Dir(bins.wm)+string(os.PathListSeparator)+os.Getenv("PATH"))
	}
	s.env = privateEnv(s.srv.Env(), s.dir, extra)
	if s.p, err = startWM(bins.wm, l.args, s.env, filepath.Join(s.dir, "wm.log")); err != nil {
		return s, err
	}
	if s.c, err = dial(s.srv.Display); err != nil {
		return s, err
	}
	if err := waitReady(ctx, s.c, s.p, l.readyFile); err != nil {
		return s, err
	}
	if w.client != nil && bins.client != "" {
		args, more := w.client.query(s.dir, s.srv.Display)
		s.cr = &clientRun{program: bins.client, args: args, env: setEnv(s.env, more)}
	}
	return s, nil
}

// control is the WM's control client run with args instead of its timed question; nil when the
// WM has none.
func (s *session) control(args ...string) *clientRun {
	if s.cr == nil {
		return nil
	}
	return &clientRun{program: s.cr.program, args: args, env: s.cr.env}
}

// explain appends what the WM printed, and how it exited if it has, to err.
func (s *session) explain(err error) error {
	if err == nil || s.p == nil {
		return err
	}
	return fmt.Errorf("%w%s", err, s.p.logTail())
}

// close stops everything the session started and removes its directory.
func (s *session) close() {
	if s.c != nil {
		s.c.close()
	}
	if s.p != nil {
		s.p.stop()
	}
	if s.srv != nil {
		s.srv.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
