package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
)

// started reads the lines the commands of a test appended to file.
func started(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// count is how many of lines are line.
func count(lines []string, line string) int {
	n := 0
	for _, l := range lines {
		if l == line {
			n++
		}
	}
	return n
}

// The autostart commands run once per X session: when fion first starts on an X server, through
// its supervisor (so unrestricted); not again after a restart, a crash of the window manager
// (kill -9: the supervisor starts it again), a crash of both processes and a fion started again,
// nor fion --replace; and again when fion starts on a new X server, a new session.
func TestAutostartRunsOncePerXSession(t *testing.T) {
	dir := t.TempDir()
	file, privs := filepath.Join(dir, "started"), filepath.Join(dir, "privs")
	cfg := filepath.Join(dir, "fion.toml")
	// The second command says whether it runs restricted, as fion's window manager does, or not,
	// as what fion's supervisor starts.
	toml := fmt.Sprintf("autostart = [%q, %q]\n", "echo autostart >> "+file, "grep NoNewPrivs /proc/$$/status > "+privs)
	if err := os.WriteFile(cfg, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display, "-c", cfg)
	x.managing(0)
	xtest.Eventually(t, wait, func() (bool, string) {
		lines, privs := started(t, file), started(t, privs)
		return count(lines, "autostart") == 1 && count(privs, "NoNewPrivs:\t0") == 1, fmt.Sprintf("%q, %q", lines, privs)
	})

	// After each way a new fion comes, a command the new one runs shows that it has begun: the
	// supervisor starts it after any autostart command the new fion handed over, and it does the
	// same work, so by the time it has written its line an autostart command would have written
	// its own. (Were it to come later all the same, the next check would see it.)
	ran := func(how string, times int) {
		t.Helper()
		if err := x.socket().Run("exec echo " + how + " >> " + file); err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		var lines []string
		xtest.Eventually(t, wait, func() (bool, string) {
			lines = started(t, file)
			return count(lines, how) == 1, fmt.Sprintf("%q", lines)
		})
		if n := count(lines, "autostart"); n != times {
			t.Errorf("after %s, the autostart command ran %d times, want %d: %q\nfion said:\n%s", how, n, times, lines, p.out.String())
		}
	}
	newWM := func(old int) {
		t.Helper()
		xtest.Eventually(t, wait, func() (bool, string) {
			now := wmChildren(p.cmd.Process.Pid)
			return len(now) == 1 && now[0] != old, fmt.Sprintf("fion's children: %v (the window manager was %d)", now, old)
		})
	}

	wmPid := p.wm(t)
	if err := x.socket().Run("restart"); err != nil {
		t.Fatalf("restart: %v", err)
	}
	newWM(wmPid)
	ran("restart", 1)

	wmPid = p.wm(t)
	syscall.Kill(wmPid, syscall.SIGKILL)
	newWM(wmPid)
	ran("kill-9-the-window-manager", 1)

	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL) // its process group: fion and its window manager
	p.exited(t)
	p = fion(t, srv.Display, "-c", cfg)
	ran("kill-9-both-and-start-again", 1)

	old := p
	p = fion(t, srv.Display, "-c", cfg, "--replace")
	if st := old.exited(t); st != 0 {
		t.Errorf("the replaced fion ended with %d; it said:\n%s", st, old.out.String())
	}
	ran("replace", 1)

	// A new X server is a new session.
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	p.exited(t)
	srv = xtest.Xvfb(t, "1024x768")
	x = newConn(t, srv.Display)
	p = fion(t, srv.Display, "-c", cfg)
	xtest.Eventually(t, wait, func() (bool, string) {
		lines := started(t, file)
		return count(lines, "autostart") == 2, fmt.Sprintf("%q", lines)
	})
	ran("new-session", 2)
}
