package ipc

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAnotherUserIsRefused connects to the socket as uid 65534 and checks that SO_PEERCRED, not
// the file system, turns it away: the test opens the path for that user as far as a connect
// needs (search on the folders, write on the socket), so the connect succeeds and only the
// server's peer check can refuse. The same client run as fion's own uid is answered, so the
// check is what makes the difference.
func TestAnotherUserIsRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run a client as another user")
	}
	const nobody = 65534
	top := shortDir(t)
	h := &testHandler{}
	log := newTestLog()
	s, err := Listen(filepath.Join(top, "fion", ":9.sock"), h, log.logf)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// After Listen: PrepareDir would rightly refuse these modes. 0711 lets nobody reach the
	// socket without listing the folders.
	for _, p := range []struct {
		path string
		mode os.FileMode
	}{{top, 0o711}, {filepath.Dir(s.Path()), 0o711}, {s.Path(), 0o666}} {
		if err := os.Chmod(p.path, p.mode); err != nil {
			t.Fatal(err)
		}
	}
	// The test binary lives in go's 0700 build folder: nobody gets a copy it can run.
	client := filepath.Join(top, "client")
	copyExecutable(t, client)

	run := func(cred *syscall.Credential) string {
		t.Helper()
		cmd := exec.Command(client)
		cmd.Dir = top
		cmd.Env = append(os.Environ(), connectEnv+"="+s.Path())
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("client as %v: %v\n%s", cred, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if got, want := run(&syscall.Credential{Uid: nobody, Gid: nobody}), "uid 65534: permission denied: this fion belongs to uid 0"; got != want {
		t.Fatalf("client as uid %d: %q, want %q", nobody, got, want)
	}
	if line := log.wait(t, "refused a connection from uid 65534"); !strings.HasPrefix(line, "ipc: refused a connection from uid 65534 (pid ") ||
		!strings.HasSuffix(line, "): this fion belongs to uid 0") {
		t.Fatalf("log %q", line)
	}
	if calls, _ := h.state(); calls != 0 {
		t.Fatalf("the handler saw %d requests from another user", calls)
	}
	if got, want := run(nil), `uid 0: {"version":"test","protocol":1}`; got != want {
		t.Fatalf("client as uid 0: %q, want %q", got, want)
	}
}

// copyExecutable copies the running test binary to path, executable by everyone.
func copyExecutable(t *testing.T, path string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
