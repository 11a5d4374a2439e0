package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
)

// The test binary doubles as fion: with FION_RUN_MAIN=1 it runs main's run with its arguments,
// so these tests start fion as a separate process, as .xinitrc would.
func TestMain(m *testing.M) {
	xtest.RunProgram() // the X program some tests exec
	if os.Getenv("FION_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	if path := os.Getenv("FION_TEST_HOLD"); path != "" {
		os.Exit(holdConnections(path))
	}
	if os.Getenv(probeEnv) == "1" {
		os.Exit(probeSandbox(os.Args[1:]))
	}
	code := m.Run()
	if fionctlDir != "" {
		os.RemoveAll(fionctlDir)
	}
	os.Exit(code)
}

// fionctlDir holds the fionctl that fionctlBinary built, for all the tests of a run.
var (
	fionctlOnce sync.Once
	fionctlDir  string
	fionctlErr  error
)

// fionctlBinary builds fionctl once per test run and returns its path.
func fionctlBinary(t *testing.T) string {
	t.Helper()
	fionctlOnce.Do(func() {
		if fionctlDir, fionctlErr = os.MkdirTemp("", "fionctl-"); fionctlErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(fionctlDir, "fionctl"), "./cmd/fionctl").CombinedOutput()
		if err != nil {
			fionctlErr = fmt.Errorf("go build fionctl: %v\n%s", err, out)
		}
	})
	if fionctlErr != nil {
		t.Fatal(fionctlErr)
	}
	return filepath.Join(fionctlDir, "fionctl")
}

// ctlResult is how one fionctl run ended.
type ctlResult struct {
	stdout, stderr string
	code           int
}

// fionctl runs fionctl with args against the fion of display, whose runtime folder is runtime.
func fionctl(t *testing.T, display, runtime string, args ...string) ctlResult {
	t.Helper()
	cmd := exec.Command(fionctlBinary(t), args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "XDG_RUNTIME_DIR="+runtime)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Run()
	return ctlResult{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}

// fionctlUp is fionctl, tried again while fion's socket is not open yet: it opens just after
// fion manages the display.
func fionctlUp(t *testing.T, display, runtime string, args ...string) ctlResult {
	t.Helper()
	var r ctlResult
	xtest.Eventually(t, wait, func() (bool, string) {
		r = fionctl(t, display, runtime, args...)
		return !strings.Contains(r.stderr, "cannot connect"), r.stderr
	})
	return r
}

const wait = 10 * time.Second

type proc struct {
	cmd    *exec.Cmd
	out    xtest.Buffer
	done   chan struct{}
	status int
}

// fion starts fion on display with args.
func fion(t *testing.T, display string, args ...string) *proc {
	t.Helper()
	return fionEnv(t, display, nil, args...)
}

// fionEnv starts fion on display with args, and env added to its environment.
func fionEnv(t *testing.T, display string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(os.Args[0], args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "FION_RUN_MAIN=1", "DISPLAY="+display, "XDG_CONFIG_HOME="+t.TempDir(), "HOME="+t.TempDir())
	p.cmd.Env = append(p.cmd.Env, env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a group of its own: fion and its window manager
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.cmd.Wait()
		p.status = p.cmd.ProcessState.ExitCode()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// wm waits for the window manager process, the child the fion the test started supervises, and
// returns its pid.
func (p *proc) wm(t *testing.T) int {
	t.Helper()
	var pid int
	xtest.Eventually(t, wait, func() (bool, string) {
		kids := wmChildren(p.cmd.Process.Pid)
		if len(kids) != 1 {
			return false, fmt.Sprintf("fion (%d) has the window managers %v", p.cmd.Process.Pid, kids)
		}
		pid = kids[0]
		return true, ""
	})
	return pid
}

// wmChildren are the children of the supervisor pid that run fion (this test binary, or a fion
// built for a test), not the commands its script runs for a moment (mktemp, date).
func wmChildren(pid int) []int {
	var out []int
	for _, kid := range children(pid) {
		exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", kid))
		if err == nil && (exe == os.Args[0] || filepath.Base(exe) == "fion") {
			out = append(out, kid)
		}
	}
	return out
}

// children are the processes whose parent is pid, from any of its threads.
func children(pid int) []int {
	var out []int
	lists, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, l := range lists {
		b, _ := os.ReadFile(l)
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// exited waits for the process to end and returns its exit status.
func (p *proc) exited(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
		return p.status
	case <-time.After(wait):
		t.Fatalf("fion did not exit; it printed:\n%s", p.out.String())
		return -1
	}
}

// xconn is the test's own connection: it looks at the screen as a user would.
type xconn struct {
	t    *testing.T
	c    *xgb.Conn
	root xproto.Window
}

func newConn(t *testing.T, display string) *xconn {
	c := xtest.Conn(t, display)
	return &xconn{t: t, c: c, root: xproto.Setup(c).DefaultScreen(c).Root}
}

// rootWindow reads a WINDOW property of the root; 0 when unset.
func (x *xconn) rootWindow(name string) uint32 {
	a, err := xproto.InternAtom(x.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0
	}
	r, err := xproto.GetProperty(x.c, false, x.root, a.Atom, xproto.AtomWindow, 0, 1).Reply()
	if err != nil || r.Format != 32 || len(r.Value) < 4 {
		return 0
	}
	return xgb.Get32(r.Value)
}

// managing waits until a window manager other than previous has published
// _NET_SUPPORTING_WM_CHECK, and returns its window.
func (x *xconn) managing(previous uint32) uint32 {
	x.t.Helper()
	var got uint32
	xtest.Eventually(x.t, wait, func() (bool, string) {
		got = x.rootWindow("_NET_SUPPORTING_WM_CHECK")
		return got != 0 && got != previous, fmt.Sprintf("_NET_SUPPORTING_WM_CHECK = %#x", got)
	})
	return got
}

// waitFramed waits until c is in a frame of fion's and shown.
func (x *xconn) waitFramed(c *xtest.Client) {
	x.t.Helper()
	xtest.Eventually(x.t, wait, func() (bool, string) {
		return c.Parent() != c.Root && c.Viewable(), fmt.Sprintf("%#x: parent %#x viewable %v", c.Win, c.Parent(), c.Viewable())
	})
}

func TestAnotherWindowManagerIsRefusedUnlessReplaced(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	first := fion(t, srv.Display)
	check := x.managing(0)
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)

	second := fion(t, srv.Display)
	if st := second.exited(t); st != 1 {
		t.Fatalf("second fion exited %d, want 1", st)
	}
	want := fmt.Sprintf("fion: another window manager is running on %s (use --replace)\n", srv.Display)
	if second.out.String() != want {
		t.Fatalf("second fion said %q, want %q", second.out.String(), want)
	}

	third := fion(t, srv.Display, "--replace")
	if st := first.exited(t); st != 0 {
		t.Fatalf("the replaced fion exited %d, want 0; it printed:\n%s", st, first.out.String())
	}
	x.managing(check)
	x.waitFramed(a) // the new fion adopted the window
	_ = third
}

// A window manager that does not own WM_S0 (not ICCCM 2.8) is still seen, and --replace says
// plainly that it cannot make it leave.
func TestAWindowManagerWithoutTheSelectionIsSeenToo(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	if err := xproto.ChangeWindowAttributesChecked(x.c, x.root, xproto.CwEventMask, []uint32{xproto.EventMaskSubstructureRedirect}).Check(); err != nil {
		t.Fatal(err)
	}
	p := fion(t, srv.Display)
	if st := p.exited(t); st != 1 || !strings.Contains(p.out.String(), "another window manager is running") {
		t.Fatalf("exit %d: %s", st, p.out.String())
	}
	p = fion(t, srv.Display, "--replace")
	if st := p.exited(t); st != 1 || !strings.Contains(p.out.String(), "did not leave") || !strings.Contains(p.out.String(), "stop it first") {
		t.Fatalf("exit %d: %s", st, p.out.String())
	}
}

func TestSignalsAndExitPutClientsBackAndACrashLosesNone(t *testing.T) {
	for _, how := range []string{"SIGTERM", "SIGINT", "SIGKILL"} {
		t.Run(how, func(t *testing.T) {
			srv := xtest.Xvfb(t, "1024x768")
			x := newConn(t, srv.Display)
			p := fion(t, srv.Display)
			x.managing(0)
			a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
			x.waitFramed(a)
			b := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "b"})
			x.waitFramed(b) // a is a hidden tab now
			sig := map[string]syscall.Signal{"SIGTERM": syscall.SIGTERM, "SIGINT": syscall.SIGINT, "SIGKILL": syscall.SIGKILL}[how]
			p.cmd.Process.Signal(sig)
			st := p.exited(t)
			if how != "SIGKILL" && (st != 0 || p.out.String() != "") {
				t.Fatalf("exit status %d, want 0 and nothing said (fion is quiet without -v); fion said:\n%s", st, p.out.String())
			}
			for _, c := range []*xtest.Client{a, b} {
				xtest.Eventually(t, wait, func() (bool, string) {
					return c.Parent() == c.Root && c.Viewable(), fmt.Sprintf("%#x parent %#x viewable %v", c.Win, c.Parent(), c.Viewable())
				})
			}
		})
	}
}

func TestLosingTheXServerEndsFionWithAMessage(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display)
	x.managing(0)
	srv.Close()
	if st := p.exited(t); st != 1 {
		t.Fatalf("exit status %d, want 1", st)
	}
	out := p.out.String()
	if !strings.Contains(out, "fion: lost the connection to the X server on "+srv.Display) || strings.Contains(out, "goroutine") {
		t.Fatalf("fion said:\n%s", out)
	}
}

func TestABadConfigFallsBackToTheDefaultAndCheckReportsIt(t *testing.T) {
	dir := t.TempDir()
	bad, good := filepath.Join("testdata", "bad.toml"), filepath.Join("testdata", "good.toml")

	p := fion(t, ":0", "--check", "-c", bad)
	if st := p.exited(t); st != 1 {
		t.Fatalf("--check of a bad config exited %d, want 1", st)
	}
	out := p.out.String()
	for _, want := range []string{bad + ":1:", bad + ":3:", "Retrun", "Return"} {
		if !strings.Contains(out, want) {
			t.Errorf("--check output lacks %q:\n%s", want, out)
		}
	}
	p = fion(t, ":0", "--check", "-c", good)
	if st := p.exited(t); st != 0 {
		t.Fatalf("--check of a good config exited %d:\n%s", st, p.out.String())
	}
	p = fion(t, ":0", "--check", "-c", filepath.Join(dir, "missing.toml"))
	if st := p.exited(t); st != 1 || !strings.Contains(p.out.String(), "missing.toml") {
		t.Fatalf("--check of a missing file: %d %s", st, p.out.String())
	}

	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p = fion(t, srv.Display, "-c", bad)
	x.managing(0) // fion runs all the same, with the default config
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	if out := p.out.String(); !strings.Contains(out, "using the default config") || !strings.Contains(out, bad+":1:") {
		t.Fatalf("fion did not say what is wrong and what it does:\n%s", out)
	}
}

// --check reads the font files as fion does and reports each it cannot use at its place; fion
// itself starts all the same, with the fonts that work, even when one of them is a FIFO whose
// reading would block it forever.
func TestFontFilesThatCannotBeUsedAreReported(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.fifo")
	xtest.StuckFIFO(t, fifo)
	path := filepath.Join(dir, "fion.toml")
	if err := os.WriteFile(path, []byte("font = [\"f.fifo\", \"missing.ttf\", \"\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wants := []string{
		path + `:1:9: font: "f.fifo" (` + fifo + `) is a named pipe (FIFO), not a font file; give the path of a TTF, OTF or TTC file`,
		path + `:1:19: font: "missing.ttf" (` + filepath.Join(dir, "missing.ttf") + `) does not exist; give the path of a TTF, OTF or TTC file, or "" for the embedded Go font`,
	}
	p := fion(t, ":0", "--check", "-c", path)
	if st := p.exited(t); st != 1 || p.out.String() != strings.Join(wants, "\n")+"\n" {
		t.Fatalf("--check exited %d and said:\n%s\nwant 1 and:\n%s", st, p.out.String(), strings.Join(wants, "\n"))
	}

	srv := xtest.Xvfb(t, "640x480")
	x := newConn(t, srv.Display)
	p = fion(t, srv.Display, "-c", path)
	x.managing(0)
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	for _, want := range wants {
		if !strings.Contains(p.out.String(), want) {
			t.Errorf("fion did not say\n%s\nit said:\n%s", want, p.out.String())
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	p := fion(t, ":0", "--version")
	if st := p.exited(t); st != 0 || p.out.String() != "fion "+version+"\n" {
		t.Fatalf("--version: %d %q", st, p.out.String())
	}
	p = fion(t, ":0", "-h")
	if st := p.exited(t); st != 0 || !strings.Contains(p.out.String(), "usage: fion") {
		t.Fatalf("-h: %d %q", st, p.out.String())
	}
	p = fion(t, ":0", "--frobnicate")
	if st := p.exited(t); st != 2 || !strings.Contains(p.out.String(), "frobnicate") {
		t.Fatalf("unknown flag: %d %q", st, p.out.String())
	}
}

// fion restricts itself once it runs, and what it starts with exec is not restricted.
func TestFionRestrictsItselfButNotWhatItStarts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "started")
	cfg := filepath.Join(dir, "fion.toml")
	os.WriteFile(cfg, []byte(`[keys]
"Mod4+t" = "exec grep NoNewPrivs /proc/$$/status > `+out+`.tmp && mv `+out+`.tmp `+out+`"
`), 0o644)
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display, "-c", cfg)
	x.managing(0)
	xtest.Eventually(t, wait, func() (bool, string) {
		status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.wm(t)))
		return err == nil && strings.Contains(string(status), "NoNewPrivs:\t1"), fmt.Sprintf("%v\n%s", err, status)
	})
	if strings.Contains(p.out.String(), "restrict") {
		t.Fatalf("fion said: %s", p.out.String())
	}
	xtest.KeySym(t, x.c, xproto.ModMask4, 't')
	var got []byte
	xtest.Eventually(t, wait, func() (bool, string) {
		var err error
		got, err = os.ReadFile(out)
		return err == nil, fmt.Sprint(err)
	})
	if !strings.Contains(string(got), "NoNewPrivs:\t0") {
		t.Fatalf("the program fion started is restricted: %s", got)
	}
}

func TestVerboseLogsDebugMessages(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	p := fion(t, srv.Display, "-v")
	x.managing(0)
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	p.cmd.Process.Signal(syscall.SIGTERM)
	if st := p.exited(t); st != 0 || !strings.Contains(p.out.String(), `fion: debug: `) || !strings.Contains(p.out.String(), `manage`) {
		t.Fatalf("exit %d; fion -v said:\n%s", st, p.out.String())
	}
}

// fionctl against a real fion: every request type through the real socket, from the real client.
func TestFionctlDrivesFion(t *testing.T) {
	bin := fionctlBinary(t)
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	fion(t, srv.Display)
	x.managing(0)
	// Both find the socket the same way, from DISPLAY (and XDG_RUNTIME_DIR, inherited).
	ctl := func(stdin string, args ...string) (stdout, stderr string, code int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+srv.Display)
		cmd.Stdin = strings.NewReader(stdin)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		cmd.Run()
		return out.String(), errb.String(), cmd.ProcessState.ExitCode()
	}
	var out, errs string
	var code int
	xtest.Eventually(t, wait, func() (bool, string) { // the socket opens just after the WM check
		out, errs, code = ctl("", "get", "version")
		return code == 0, errs
	})
	if !strings.Contains(out, `"version":"`+version+`"`) {
		t.Fatalf("get version: %s", out)
	}
	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	if out, errs, code = ctl("", "split", "right"); code != 0 {
		t.Fatalf("fionctl split right: %d %s", code, errs)
	}
	// fion checks the command and says what is wrong (exit 1); fionctl itself refuses a first
	// word that is neither a command nor one of its own (exit 2).
	if _, errs, code = ctl("", "split", "rihgt"); code != 1 || !strings.Contains(errs, `split: "rihgt" is not right or down at 1:7; did you mean "right"?`) {
		t.Fatalf("fionctl split rihgt: %d %q", code, errs)
	}
	if _, errs, code = ctl("", "splt", "down"); code != 2 || !strings.Contains(errs, `did you mean "split"?`) {
		t.Fatalf("fionctl splt down: %d %q", code, errs)
	}
	if _, errs, code = ctl("focus left\nsplit down\n", "-"); code != 0 {
		t.Fatalf("fionctl -: %d %s", code, errs)
	}
	if _, errs, code = ctl("", "sync"); code != 0 {
		t.Fatalf("fionctl sync: %d %s", code, errs)
	}
	out, _, _ = ctl("", "tree")
	var tree struct {
		Screens []struct {
			Workspaces []struct {
				Layout struct {
					Split    string
					Children []struct{ Split string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil || tree.Screens[0].Workspaces[0].Layout.Split != "horizontal" ||
		tree.Screens[0].Workspaces[0].Layout.Children[0].Split != "vertical" {
		t.Fatalf("tree after split right, focus left, split down: %v\n%s", err, out)
	}
	out, _, _ = ctl("", "get", "focused")
	if !strings.Contains(out, "null") {
		t.Fatalf("get focused in an empty tile: %s", out)
	}
	// subscribe --count 1 prints the next event.
	done := make(chan string)
	go func() {
		out, _, _ := ctl("", "subscribe", "workspace", "--count", "1")
		done <- out
	}()
	xtest.Eventually(t, wait, func() (bool, string) {
		ctl("", "workspace", "next")
		select {
		case out := <-done:
			if !strings.Contains(out, `"event":"workspace.switch"`) {
				t.Fatalf("subscribe printed %q", out)
			}
			return true, ""
		default:
			return false, "no event yet" // the subscription may start after the first switch
		}
	})
}

// shortDir is a fresh folder with a short path, for a socket: t.TempDir's names grow with the
// test's name, and a socket path must fit in 108 bytes.
func shortDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "fion-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// socatExample is a shell command of a man page that talks to fion with socat, and the lines it
// prints there ("" when the page shows none).
type socatExample struct {
	where   string
	command string
	output  string
}

// socatExamples finds the socat examples of a man page's literal displays: a "$ " line and its
// continuations (after "|" or "\"), then the output, whose wrapped lines (indented) are one line.
func socatExamples(t *testing.T, page string) []socatExample {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	var lines []manLine
	for i, text := range strings.Split(string(data), "\n") {
		lines = append(lines, manLine{i + 1, text})
	}
	var out []socatExample
	for _, b := range literalBlocks(lines) {
		if !strings.Contains(b.text, "socat") {
			continue
		}
		text := strings.TrimPrefix(b.text, "$ ")
		var cmd []string
		rest := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		for len(rest) > 0 {
			cmd = append(cmd, rest[0])
			last := strings.TrimSpace(rest[0])
			rest = rest[1:]
			if !strings.HasSuffix(last, "|") && !strings.HasSuffix(last, `\`) {
				break
			}
		}
		output := strings.ReplaceAll(strings.Join(rest, "\n"), "\n    ", " ")
		out = append(out, socatExample{where: fmt.Sprintf("%s:%d", page, b.line.n), command: strings.Join(cmd, "\n"), output: output})
	}
	return out
}

// The socat examples of fion.1 and fionctl.1 work as written against a running fion, with the
// display's number in the socket's name.
func TestSocatExamplesWork(t *testing.T) {
	xtest.Need(t, "socat", "socat")
	var examples []socatExample
	for _, page := range []string{"fion.1", "fionctl.1"} {
		examples = append(examples, socatExamples(t, page)...)
	}
	if len(examples) < 3 {
		t.Fatalf("found %d socat examples in fion.1 and fionctl.1, want at least 3", len(examples))
	}
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	runtime := shortDir(t)
	fionEnv(t, srv.Display, []string{"XDG_RUNTIME_DIR=" + runtime})
	x.managing(0)
	socket := filepath.Join(runtime, "fion", srv.Display+".sock")
	xtest.Eventually(t, wait, func() (bool, string) { // the socket opens just after the WM check
		_, err := os.Stat(socket)
		return err == nil, fmt.Sprint(err)
	})
	for _, ex := range examples {
		if !strings.Contains(ex.command, ":0.sock") {
			t.Errorf("%s: the example does not name the socket of display :0:\n%s", ex.where, ex.command)
			continue
		}
		cmd := exec.Command("sh", "-c", strings.ReplaceAll(ex.command, ":0.sock", srv.Display+".sock"))
		cmd.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+runtime)
		got, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s\nprinted:\n%s", ex.where, err, ex.command, got)
			continue
		}
		if ex.output != "" && strings.TrimSuffix(string(got), "\n") != strings.ReplaceAll(ex.output, `"version":"0.1.0"`, `"version":"`+version+`"`) {
			t.Errorf("%s: the example prints\n%s\nbut fion answered\n%s", ex.where, ex.output, got)
		}
		if ex.output == "" && (!strings.Contains(string(got), `"ok":true`) || strings.Contains(string(got), `"ok":false`)) {
			t.Errorf("%s: fion did not answer every request with ok:\n%s", ex.where, got)
		}
	}
}

// hostileWindows makes n windows on one connection, as one hostile client would, each with the
// title and class given, and maps them.
func hostileWindows(t *testing.T, display string, n int, title, class string) {
	t.Helper()
	c := xtest.Conn(t, display)
	screen := xproto.Setup(c).DefaultScreen(c)
	atom := func(name string) xproto.Atom {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return r.Atom
	}
	netName, utf8String := atom("_NET_WM_NAME"), atom("UTF8_STRING")
	for range n {
		win, err := xproto.NewWindowId(c)
		if err != nil {
			t.Fatal(err)
		}
		xproto.CreateWindow(c, screen.RootDepth, win, screen.Root, 0, 0, 100, 100, 0, xproto.WindowClassInputOutput, screen.RootVisual, 0, nil)
		xproto.ChangeProperty(c, xproto.PropModeReplace, win, netName, utf8String, 8, uint32(len(title)), []byte(title))
		xproto.ChangeProperty(c, xproto.PropModeReplace, win, xproto.AtomWmClass, xproto.AtomString, 8, uint32(len(class)), []byte(class))
		xproto.MapWindow(c, win)
	}
	if _, err := xproto.GetInputFocus(c).Reply(); err != nil { // a round trip: all of it has arrived
		t.Fatal(err)
	}
}

// rootWindows reads a list of windows of the root (such as _NET_CLIENT_LIST).
func (x *xconn) rootWindows(name string) []uint32 {
	a, err := xproto.InternAtom(x.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		return nil
	}
	r, err := xproto.GetProperty(x.c, false, x.root, a.Atom, xproto.AtomWindow, 0, 1<<16).Reply()
	if err != nil || r.Format != 32 {
		return nil
	}
	var out []uint32
	for i := 0; i+4 <= len(r.Value); i += 4 {
		out = append(out, xgb.Get32(r.Value[i:]))
	}
	return out
}

// Clients cannot make fion's answers unreadable: 100 windows titled with 4096 control characters
// each (6 bytes each in plain JSON; 45 such windows pushed the tree over the line limit) leave
// `fionctl tree` working, and no control character reaches a subscriber or the tree.
func TestHostileTitlesLeaveTheSocketReadable(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	runtime := shortDir(t)
	fionEnv(t, srv.Display, []string{"XDG_RUNTIME_DIR=" + runtime})
	x.managing(0)
	const n = 100
	hostileWindows(t, srv.Display, n, strings.Repeat("\x01", 4096), "in\x1bstance\x00Cl\nass\x00")
	xtest.Eventually(t, wait, func() (bool, string) {
		got := len(x.rootWindows("_NET_CLIENT_LIST"))
		return got == n, fmt.Sprintf("fion manages %d windows of %d", got, n)
	})
	tree := fionctl(t, srv.Display, runtime, "tree")
	if tree.code != 0 {
		t.Fatalf("fionctl tree: exit %d: %s", tree.code, tree.stderr)
	}
	noControls(t, "fionctl tree", tree.stdout)
	if got, want := strings.Count(tree.stdout, `"title":"`+strings.Repeat("\uFFFD", 4096)+`","class":"Cl�ass","instance":"in�stance"`), n; got != want {
		t.Fatalf("fionctl tree shows %d tabs with the hostile title as U+FFFD, want %d: %.600s", got, want, tree.stdout)
	}

	a := xtest.NewClient(t, srv.Display, xtest.ClientOpts{Title: "a"})
	x.waitFramed(a)
	done := make(chan ctlResult)
	go func() { done <- fionctl(t, srv.Display, runtime, "subscribe", "client.title", "--count", "1") }()
	var event ctlResult
	xtest.Eventually(t, wait, func() (bool, string) { // the subscription may start after a change
		a.SetTitle(fmt.Sprintf("a\x1b[31mb\nc\x00d\x9b%d", time.Now().UnixNano()))
		select {
		case event = <-done:
			return true, ""
		default:
			return false, "no event yet"
		}
	})
	noControls(t, "the client.title event", event.stdout)
	var got struct{ Data struct{ Title string } }
	if err := json.Unmarshal([]byte(event.stdout), &got); err != nil || !strings.HasPrefix(got.Data.Title, "a�[31mb�c�d�") {
		t.Fatalf("the client.title event %q: %v; want the title without its control characters", event.stdout, err)
	}
}

// noControls fails the test if text has a control character or a \u escape, bar the newline
// that ends it.
func noControls(t *testing.T, what, text string) {
	t.Helper()
	text = strings.TrimSuffix(text, "\n")
	for i, r := range text {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			t.Fatalf("%s has the control %U at byte %d: %.300q", what, r, i, text)
		}
	}
	if strings.Contains(text, `\u`) {
		t.Fatalf("%s has a \\u escape: %.300q", what, text)
	}
}

// holdConnections is a process that opens as many connections to the socket at path as fion
// serves (up to 100), says "held N; refused: ERROR" and holds them until its standard input ends.
func holdConnections(path string) int {
	var held []*ipc.Client
	refusal := "none"
	for len(held) < 100 {
		c, err := ipc.Dial(path)
		if err != nil {
			refusal = err.Error()
			break
		}
		if err := c.Sync(); err != nil {
			refusal = err.Error()
			c.Close()
			break
		}
		held = append(held, c)
	}
	fmt.Printf("held %d; refused: %s\n", len(held), refusal)
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// holdConnections starts a process that holds as many connections to fion's socket as fion lets
// it, and returns what it says.
func startHolder(t *testing.T, socket string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "FION_TEST_HOLD="+socket)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the holder said %q: %v", line, err)
	}
	return strings.TrimSuffix(line, "\n")
}

// Connections are capped with a clear error, 32 from one process and 256 in all, and while
// processes hold them all fionctl and reload still work: a newcomer takes the place of the oldest
// connection of the process with the most.
func TestFionctlAndReloadWorkWhileConnectionsAreHeld(t *testing.T) {
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	runtime := shortDir(t)
	p := fionEnv(t, srv.Display, []string{"XDG_RUNTIME_DIR=" + runtime})
	x.managing(0)
	socket := filepath.Join(runtime, "fion", srv.Display+".sock")
	xtest.Eventually(t, wait, func() (bool, string) {
		_, err := os.Stat(socket)
		return err == nil, fmt.Sprint(err)
	})
	works := func(when string) {
		t.Helper()
		if r := fionctl(t, srv.Display, runtime, "get", "version"); r.code != 0 {
			t.Fatalf("%s: fionctl get version: exit %d: %s", when, r.code, r.stderr)
		}
		if r := fionctl(t, srv.Display, runtime, "reload"); r.code != 0 {
			t.Fatalf("%s: fionctl reload: exit %d: %s", when, r.code, r.stderr)
		}
	}
	got := startHolder(t, socket)
	if !regexp.MustCompile(`^held 32; refused: too many connections: this process \(pid \d+\) has 32 connections to fion, the most one process may have; close some$`).MatchString(got) {
		t.Fatalf("the first holder: %s", got)
	}
	works("with one process holding all it may")
	for i := 2; i <= 8; i++ {
		if got := startHolder(t, socket); !strings.HasPrefix(got, "held 32; refused: ") {
			t.Fatalf("holder %d: %s", i, got)
		}
	}
	// 256 of 256 taken: the ninth gets room by closing the others' oldest, down to as many as
	// they have.
	got = startHolder(t, socket)
	if !regexp.MustCompile(`^held (2[89]); refused: too many connections: fion has 256, the most it takes, and this process \(pid \d+\) would have as many as any other; close some$`).MatchString(got) {
		t.Fatalf("the ninth holder: %s", got)
	}
	works("with every connection held")
	if n := strings.Count(p.out.String(), "fion: ipc: "); n > 6 {
		t.Fatalf("fion logged %d lines about the connections; it logs one a second of each kind:\n%s", n, p.out.String())
	}
}
