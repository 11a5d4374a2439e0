package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startCPUProfile has the window manager record where it spends its CPU, for --cpuprofile FILE,
// and returns what writes the profile to FILE when it leaves (exit, restart, the end of the X
// session). The file is opened now, before fion restricts itself, and kept open: the sandbox would
// not let fion open it later. It is replaced only when the profile is written, so that during a
// restart the new fion, which opens the same file, does not cut the old one's profile short: the
// file holds the profile of the window manager that left last.
func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w; give a file fion may write", err)
	}
	out := &replacingFile{f: f}
	if err := pprof.StartCPUProfile(out); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile %s: %w", path, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if out.err == nil && !out.started {
			out.err = f.Truncate(0) // nothing was written: no stale profile of an earlier fion
		}
		if err := f.Close(); out.err == nil {
			out.err = err
		}
		if out.err != nil {
			return fmt.Errorf("cannot write the CPU profile to %s: %w", path, out.err)
		}
		return nil
	}, nil
}

// replacingFile writes from the start of f, emptying it first.
type replacingFile struct {
	f       *os.File
	started bool
	err     error
}

func (r *replacingFile) Write(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if !r.started {
		r.started = true
		if r.err = r.f.Truncate(0); r.err != nil {
			return 0, r.err
		}
	}
	var n int
	n, r.err = r.f.Write(p)
	return n, r.err
}
