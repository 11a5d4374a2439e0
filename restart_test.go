package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// buildFion builds fion, with version, as dir/fion: the upgrade a restart finds on PATH.
func buildFion(t *testing.T, dir, version string) {
	t.Helper()
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "fion"), "-ldflags=-X=main.version="+version, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build fion: %v\n%s", err, out)
	}
}

// subscriber runs `fionctl subscribe` and hands over the events it prints.
type subscriber struct {
	events chan string
	cmd    *exec.Cmd
	stderr strings.Builder
}

func subscribe(t *testing.T, display, runtime string) *subscriber {
	t.Helper()
	s := &subscriber{events: make(chan string, 100)}
	s.cmd = exec.Command(fionctlBinary(t), "subscribe")
	s.cmd.Env = append(os.Environ(), "DISPLAY="+display, "XDG_RUNTIME_DIR="+runtime)
	s.cmd.Stderr = &s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill(); s.cmd.Wait() })
	go func() {
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			var ev struct{ Event string }
			json.Unmarshal(lines.Bytes(), &ev)
			s.events <- ev.Event
		}
		close(s.events)
	}()
	return s
}

// next waits for the event name, skipping others; it fails the test when the subscription ends
// or the event does not come.
func (s *subscriber) next(t *testing.T, name string) {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("fionctl subscribe ended before a %s event: %s", name, s.stderr.String())
			}
			if ev == name {
				return
			}
		case <-deadline:
			t.Fatalf("no %s event within %v", name, wait)
		}
	}
}

// restartRig is a fion to restart: on Xvfb, with a runtime folder for its socket and a folder on
// the front of its PATH for the fion a restart finds.
type restartRig struct {
	t            *testing.T
	display, run string
	bin          string // on PATH first
	p            *proc
	x            *xconn
	clients      []*xtest.Client
	before       []clientLook
	wmPid        int
	cfg          string
}

func newRestartRig(t *testing.T) *restartRig {
	srv := xtest.Xvfb(t, "1024x768")
	r := &restartRig{t: t, display: srv.Display, run: shortDir(t), bin: t.TempDir()}
	r.cfg = filepath.Join(t.TempDir(), "fion.toml")
	os.WriteFile(r.cfg, []byte("border = 3\n"), 0o644)
	r.x = newConn(t, srv.Display)
	r.p = fionEnv(t, srv.Display, []string{"XDG_RUNTIME_DIR=" + r.run, "PATH=" + r.bin + ":" + os.Getenv("PATH")}, "-c", r.cfg)
	r.x.managing(0)
	for _, n := range []string{"a", "b"} {
		c := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: n})
		r.x.waitFramed(c)
		r.clients = append(r.clients, c)
	}
	r.ctl("split", "right")
	c := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "c"})
	r.x.waitFramed(c)
	r.clients = append(r.clients, c)
	r.ctl("sync")
	r.wmPid = r.p.wm(t)
	for _, c := range r.clients {
		r.before = append(r.before, lookOf(c))
	}
	return r
}

func (r *restartRig) ctl(args ...string) ctlResult {
	r.t.Helper()
	var res ctlResult
	xtest.Eventually(r.t, wait, func() (bool, string) { // the socket opens just after the WM check
		res = fionctl(r.t, r.display, r.run, args...)
		return !strings.Contains(res.stderr, "cannot connect"), res.stderr
	})
	return res
}

// still fails the test unless no client window was unmapped, reparented, moved or resized.
func (r *restartRig) still(what string) {
	r.t.Helper()
	for i, c := range r.clients {
		if m := moved(c, r.before[i]); m != "" {
			r.t.Errorf("%s: client %d %s", what, i, m)
		}
	}
}

// restart restarts fion with the fion built on PATH: the new version runs, as the window manager
// of the same fion process, with the same config; every window stays where it is; a subscriber
// hears of the restart and goes on with the new fion; the socket keeps its path.
func TestRestartUpgradesFionInPlace(t *testing.T) {
	r := newRestartRig(t)
	buildFion(t, r.bin, "9.9.9-upgrade")
	sub := subscribe(t, r.display, r.run)
	r.ctl("sync")
	socket := r.x.rootString("_FION_SOCKET")

	if res := r.ctl("restart"); res.code != 0 || res.stderr != "" {
		t.Fatalf("fionctl restart: exit %d\n%s%s\nfion said:\n%s", res.code, res.stdout, res.stderr, r.p.out.String())
	}
	// fionctl restart returns once the new fion answers.
	if res := fionctl(t, r.display, r.run, "get", "version"); !strings.Contains(res.stdout, "9.9.9-upgrade") {
		t.Fatalf("after restart, fionctl get version: %s%s", res.stdout, res.stderr)
	}
	if got := r.x.rootString("_FION_SOCKET"); got != socket {
		t.Errorf("the socket moved from %s to %s", socket, got)
	}
	if kids := wmChildren(r.p.cmd.Process.Pid); len(kids) != 1 || kids[0] == r.wmPid {
		t.Errorf("the window manager processes of fion are %v, was %d", kids, r.wmPid)
	}
	select {
	case <-r.p.done:
		t.Fatalf("fion itself ended: %s", r.p.out.String())
	default:
	}
	r.still("restart")
	if res := fionctl(t, r.display, r.run, "get", "config"); !strings.Contains(res.stdout, `"path":"`+r.cfg+`"`) {
		t.Errorf("the new fion does not use the config file: %s%s", res.stdout, res.stderr)
	}
	sub.next(t, "restart")
	r.ctl("split", "down")
	sub.next(t, "tile.split") // from the new fion
}

// A restart that cannot happen leaves the running fion as it is, and fionctl restart says why:
// a config the new fion refuses, a new fion that does not start, one that ends before it takes
// over.
func TestARestartThatCannotHappenLeavesFionRunning(t *testing.T) {
	r := newRestartRig(t)
	broken := filepath.Join(r.bin, "fion")
	cases := []struct {
		name  string
		setup func()
		want  string
	}{
		{"a config with mistakes", func() {
			os.WriteFile(r.cfg, []byte("border = 3\nbroder = 4\n"), 0o644)
		}, "restart refused, fion goes on as it is: " + os.Args[0] + " --check refuses: " + r.cfg + ":2:1: unknown option \"broder\""},
		{"a fion that cannot start", func() {
			os.WriteFile(r.cfg, []byte("border = 3\n"), 0o644)
			os.WriteFile(broken, []byte("#!/bin/sh\necho 'fion: error while loading shared libraries' >&2\nexit 127\n"), 0o755)
		}, "restart refused, fion goes on as it is: " + broken + " --check refuses: fion: error while loading shared libraries"},
		{"a fion that ends before it takes over", func() {
			os.WriteFile(broken, []byte("#!/bin/sh\nfor a; do [ \"$a\" = --check ] && exit 0; done\nexit 7\n"), 0o755)
		}, "restart failed, fion goes on as it is: the new fion (" + broken + ") ended with exit status 7 before it took over"},
	}
	for _, c := range cases {
		c.setup()
		res := r.ctl("restart")
		if res.code != 1 || !strings.Contains(res.stderr, c.want) {
			t.Errorf("%s: fionctl restart: exit %d\n%s\nwant exit 1 and\n%s", c.name, res.code, res.stderr, c.want)
		}
		if kids := wmChildren(r.p.cmd.Process.Pid); len(kids) != 1 || kids[0] != r.wmPid {
			t.Errorf("%s: the window manager processes of fion are %v, was %d", c.name, kids, r.wmPid)
		}
		if res := r.ctl("sync"); res.code != 0 {
			t.Errorf("%s: fion does not answer after it: %s", c.name, res.stderr)
		}
		r.still(c.name)
	}
}

// rootString reads a string property of the root window.
func (x *xconn) rootString(name string) string {
	x.t.Helper()
	a, err := xproto.InternAtom(x.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		x.t.Fatal(err)
	}
	r, err := xproto.GetProperty(x.c, false, x.root, a.Atom, xproto.GetPropertyTypeAny, 0, 1024).Reply()
	if err != nil {
		return ""
	}
	return string(r.Value)
}

// A window manager that keeps crashing is started again three times within a minute, not more:
// then fion ends, with a message, and the windows are back on the root.
func TestFionGivesUpOnAWindowManagerThatKeepsCrashing(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display)
	x.managing(0)
	c := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(c)
	for i := 1; i <= 4; i++ {
		pid := p.wm(t)
		x.socket() // it answers: it told its supervisor that it manages the display
		xtest.Eventually(t, wait, func() (bool, string) {
			return c.Parent() != c.Root && c.Viewable(), "a is not framed"
		})
		syscall.Kill(pid, syscall.SIGKILL)
		if i < 4 {
			xtest.Eventually(t, wait, func() (bool, string) {
				now := wmChildren(p.cmd.Process.Pid)
				return len(now) == 1 && now[0] != pid, fmt.Sprintf("fion's children: %v (the window manager was %d)", now, pid)
			})
		}
	}
	if st := p.exited(t); st != 1 {
		t.Errorf("fion ended with %d, want 1", st)
	}
	if out := p.out.String(); !strings.Contains(out, "fion: the window manager was killed by SIGKILL, 4 times within a minute: fion gives up\n") {
		t.Errorf("fion said:\n%s", out)
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		return c.Parent() == c.Root && c.Viewable(), fmt.Sprintf("a in %#x, viewable %v", c.Parent(), c.Viewable())
	})
}
