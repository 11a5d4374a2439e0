package main

import (
	"io"
	"log"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// rootPropertyTimeout bounds the fallback: a display over TCP that does not answer must not hang
// fionctl, which would then only report that the socket is missing.
const rootPropertyTimeout = 2 * time.Second

// rootWindowSocket reads the socket path fion publishes in the _FION_SOCKET property of the root
// window of display. ok is false when there is no X server, no fion, or no answer in time.
func rootWindowSocket(display string) (path string, ok bool) {
	// xgb logs to stderr ("could not get authority info") on paths that are not the user's concern
	// here; fionctl is a short-lived process and this is its only X connection.
	xgb.Logger = log.New(io.Discard, "", 0)
	type answer struct {
		path string
		ok   bool
	}
	done := make(chan answer, 1)
	go func() {
		p, ok := readRootProperty(display, "_FION_SOCKET")
		done <- answer{p, ok}
	}()
	select {
	case a := <-done:
		return a.path, a.ok
	case <-time.After(rootPropertyTimeout):
		return "", false
	}
}

// readRootProperty returns the text of a string property of the default screen's root window.
func readRootProperty(display, name string) (string, bool) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return "", false
	}
	defer conn.Close()
	// OnlyIfExists: an atom nobody interned cannot name a property, and creating it would leave a
	// trace on a server that has no fion.
	atom, err := xproto.InternAtom(conn, true, uint16(len(name)), name).Reply()
	if err != nil || atom.Atom == xproto.AtomNone {
		return "", false
	}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	const maxWords = 1024 // 4 KiB, far more than any unix socket path (108 bytes)
	prop, err := xproto.GetProperty(conn, false, root, atom.Atom, xproto.GetPropertyTypeAny, 0, maxWords).Reply()
	if err != nil || prop.Format != 8 || len(prop.Value) == 0 {
		return "", false
	}
	return string(prop.Value), true
}
