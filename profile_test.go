package main

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
)

// fion --cpuprofile FILE writes a profile of the window manager when it exits: a gzipped pprof
// protocol buffer, as go tool pprof reads it.
func TestCPUProfileIsWrittenOnExit(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	file := filepath.Join(t.TempDir(), "fion.pprof")
	p := fion(t, srv.Display, "--cpuprofile", file)
	x.managing(0)
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	p.cmd.Process.Signal(syscall.SIGTERM)
	if st := p.exited(t); st != 0 || p.out.String() != "" {
		t.Fatalf("exit status %d, want 0 and nothing said; fion said:\n%s", st, p.out.String())
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("no profile: %v", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("the profile is not what go tool pprof reads (gzip): %v", err)
	}
	if b, err := io.ReadAll(z); err != nil || len(b) == 0 {
		t.Fatalf("the profile holds %d bytes: %v", len(b), err)
	}
}

// A profile file fion cannot write is reported, and fion manages the display all the same.
func TestCPUProfileThatCannotBeWrittenIsReported(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	file := filepath.Join(t.TempDir(), "no such folder", "fion.pprof")
	p := fion(t, srv.Display, "--cpuprofile", file)
	x.managing(0)
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	p.cmd.Process.Signal(syscall.SIGTERM)
	st := p.exited(t)
	if out := p.out.String(); st != 0 || !strings.Contains(out, "fion: --cpuprofile: open "+file) || !strings.Contains(out, "fion runs without recording a profile") {
		t.Fatalf("exit status %d; fion said:\n%s", st, out)
	}
}
