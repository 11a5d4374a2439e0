package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestAnotherUser runs fionctl as uid 65534 against a fion of this uid whose socket anyone may
// open: fion itself must refuse it, by the peer's credentials, and fionctl must say so.
func TestAnotherUser(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run fionctl as another user")
	}
	f := startFion(t)
	// Open the way to the socket for the other user: the folder may be crossed, the socket
	// opened. Only the peer check is left to refuse.
	if err := os.Chmod(f.dir, 0o711); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(f.path, 0o666); err != nil {
		t.Fatal(err)
	}
	// The test binary's own folder is private to root; the other user runs a copy.
	exe := filepath.Join(f.dir, "fionctl.test")
	copyFile(t, os.Args[0], exe)

	for range 20 { // the refusal races the request on the wire; it must win every time
		cmd := exec.Command(exe, "sync")
		cmd.Env = []string{beFionctl + "=1", "GORACE=atexit_sleep_ms=0", "FION_SOCKET=" + f.path}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		r := finished(t, cmd, cmd.Run(), &stdout, &stderr)
		r.expect(t, 1, "", "fionctl: permission denied: this fion belongs to uid 0\n")
		if t.Failed() {
			break
		}
	}
	if got := f.handler.seen(); len(got) != 0 {
		t.Errorf("fion handled %q from another user", got)
	}
}

// copyFile copies an executable.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
