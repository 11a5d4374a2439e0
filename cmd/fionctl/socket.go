package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/fion-wm/fion/ipc"
)

// socket is the path fionctl connects to and where it came from, so that a failure can name the fix.
type socket struct {
	path    string
	from    string // "FION_SOCKET", "DISPLAY" or "root window"
	display string
}

// findSocket applies the rule of fionctl(1): $FION_SOCKET, else the path ipc computes from
// $DISPLAY, else (only when nothing is there) the path fion published on the root window.
func (a *app) findSocket() (socket, error) {
	if p := a.getenv("FION_SOCKET"); p != "" {
		return socket{path: p, from: "FION_SOCKET"}, nil
	}
	display := a.getenv("DISPLAY")
	if display == "" {
		return socket{}, errors.New("DISPLAY is not set: set DISPLAY to fion's display (e.g. DISPLAY=:0) or FION_SOCKET to its socket")
	}
	p, err := ipc.SocketPath(display)
	if err != nil {
		return socket{}, fmt.Errorf("no socket path for DISPLAY=%s: %v (set FION_SOCKET to fion's socket)", display, err)
	}
	computed := socket{path: p, from: "DISPLAY", display: display}
	if _, err := os.Lstat(p); err == nil || !errors.Is(err, os.ErrNotExist) {
		return computed, nil
	}
	// fion may run with another XDG_RUNTIME_DIR than this shell (a session started by a display
	// manager, sudo): the root window knows where its socket is.
	if published, ok := rootWindowSocket(display); ok && published != p {
		return socket{path: published, from: "root window", display: display}, nil
	}
	return computed, nil
}

// dial connects to fion.
func (a *app) dial() (*ipc.Client, error) {
	s, err := a.findSocket()
	if err != nil {
		return nil, err
	}
	c, err := ipc.Dial(s.path)
	if err != nil {
		return nil, s.dialError(err)
	}
	return c, nil
}

// dialError says why the socket could not be reached and what to do about it.
func (s socket) dialError(err error) error {
	var why string
	switch {
	case errors.Is(err, syscall.ENOENT):
		why = "no such file"
	case errors.Is(err, syscall.ECONNREFUSED) && !isSocket(s.path):
		why = "not a socket"
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "nobody is listening (fion has quit)"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		why = "permission denied (it belongs to another user)"
	default:
		return fmt.Errorf("cannot connect to fion: %v (%s)", err, s.fix())
	}
	return fmt.Errorf("cannot connect to %s: %s (%s)", s.path, why, s.fix())
}

// fix tells the user what to check, depending on where the path came from.
func (s socket) fix() string {
	switch s.from {
	case "FION_SOCKET":
		return "is fion running? FION_SOCKET names this path; unset it to use the socket of $DISPLAY"
	case "root window":
		return fmt.Sprintf("the _FION_SOCKET property of %s names it, but fion may have died; set FION_SOCKET to the socket of a running fion", s.display)
	}
	return fmt.Sprintf("is fion running on %s? set FION_SOCKET to its socket", s.display)
}

// isSocket tells whether path is a unix socket; connecting to any other file is refused as if
// nobody were listening.
func isSocket(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().Type() == os.ModeSocket
}
