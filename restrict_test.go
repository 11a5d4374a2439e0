package main

// fion's sandbox checked from outside: the test binary, started as a probe, restricts itself
// exactly as fion does (restrict, with the config, -c and environment fion would have), then does
// what the test tells it, as a compromised fion would try, and says what happened.

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/sys/unix"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/ipc"
	"github.com/fion-wm/fion/layoutfile"
)

// probeEnv makes the test binary the probe.
const probeEnv = "FION_SANDBOX_PROBE"

// nobody answers the probe's control socket: only the socket file matters.
type nobody struct{}

func (nobody) Handle(ipc.Request) ipc.Reply { return ipc.Reply{OK: true} }

// probeSandbox is the probe: fion's command line in args, its environment in the process's. It
// prints "ready" once restricted, then for each line "VERB ARGS" of its standard input one line:
// "ok", "denied" (EACCES or EPERM), or "error: ..." (or, for why, the explanation).
func probeSandbox(args []string) int {
	fs := flag.NewFlagSet("fion", flag.ContinueOnError)
	file := fs.String("c", "", "")
	if err := fs.Parse(args); err != nil {
		fmt.Println("error:", err)
		return 2
	}
	cfg, err := loadConfig(*file)
	if err != nil {
		cfg = config.Default()
	}
	path, err := ipc.SocketPath(os.Getenv("DISPLAY"))
	if err != nil {
		fmt.Println("error:", err)
		return 2
	}
	socket, err := ipc.Listen(path, nobody{}, nil)
	if err != nil {
		fmt.Println("error:", err)
		return 2
	}
	// What a compromised fion could have at hand: a program's bytes, a child to look into. The
	// child reads until the probe ends: restricted, the probe may not signal it.
	trueBytes, _ := os.ReadFile("/bin/true")
	child := exec.Command("cat")
	if _, err := child.StdinPipe(); err != nil {
		fmt.Println("error:", err)
		return 2
	}
	if err := child.Start(); err != nil {
		fmt.Println("error:", err)
		return 2
	}
	box := restrict(cfg, *file, filepath.Dir(path), os.Stderr)
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		verb, arg, _ := strings.Cut(in.Text(), " ")
		if verb == "why" {
			fmt.Printf("%q\n", box.Unreadable(arg))
			continue
		}
		fmt.Println(outcome(attempt(verb, arg, socket, trueBytes, child.Process.Pid)))
	}
	return 0
}

// attempt does what verb says with arg.
func attempt(verb, arg string, socket *ipc.Server, program []byte, child int) error {
	switch verb {
	case "read":
		_, err := os.ReadFile(arg)
		return err
	case "list":
		_, err := os.ReadDir(arg)
		return err
	case "create":
		return os.WriteFile(arg, []byte("x"), 0o600)
	case "save-layout": // as layout save does: a new file renamed over the old one
		return layoutfile.Write(arg, []byte("{}"))
	case "append":
		f, err := os.OpenFile(arg, os.O_WRONLY|os.O_APPEND, 0)
		if err == nil {
			f.Close()
		}
		return err
	case "truncate":
		return os.Truncate(arg, 0)
	case "mkdir":
		return os.Mkdir(arg, 0o700)
	case "remove":
		return os.Remove(arg)
	case "rename":
		return os.Rename(arg, arg+".moved")
	case "symlink":
		return os.Symlink("/etc/passwd", arg)
	case "exec":
		return exec.Command(arg).Run()
	case "exec-memfd": // a program written to memory, then run from its descriptor
		fd, err := unix.MemfdCreate("x", 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		if _, err := unix.Write(fd, program); err != nil {
			return err
		}
		return execveat(fd)
	case "tcp-connect", "mptcp-connect", "udp-send", "tcp-bind", "tcp-listen":
		return network(verb, arg)
	case "unix-connect":
		c, err := net.Dial("unix", arg)
		if err == nil {
			c.Close()
		}
		return err
	case "signal": // signal 0 only checks the right to signal
		pid, _ := strconv.Atoi(arg)
		return unix.Kill(pid, 0)
	case "io_uring": // it can make sockets and open files on its own
		var params [120]byte // struct io_uring_params
		fd, _, errno := unix.Syscall(unix.SYS_IO_URING_SETUP, 1, uintptr(unsafe.Pointer(&params)), 0)
		if errno != 0 {
			return errno
		}
		return unix.Close(int(fd))
	case "ptrace-child":
		if err := unix.PtraceAttach(child); err != nil {
			return err
		}
		return unix.PtraceDetach(child)
	case "close-socket": // fion leaving: its socket goes
		socket.Close()
		if _, err := os.Lstat(socket.Path()); err == nil {
			return errors.New("the socket is still there")
		}
		return nil
	}
	return fmt.Errorf("unknown verb %q", verb)
}

// execveat runs the program in the file fd, with no arguments: on success the probe is gone.
func execveat(fd int) error {
	empty, _ := unix.BytePtrFromString("")
	name, _ := unix.BytePtrFromString("true")
	argv, envv := []*byte{name, nil}, []*byte{nil}
	_, _, errno := unix.Syscall6(unix.SYS_EXECVEAT, uintptr(fd), uintptr(unsafe.Pointer(empty)),
		uintptr(unsafe.Pointer(&argv[0])), uintptr(unsafe.Pointer(&envv[0])), unix.AT_EMPTY_PATH, 0)
	return errno
}

// network makes an IPv4 socket of the kind verb says and uses it with the address arg
// (127.0.0.1:PORT) as a compromised fion would: each goes by the system calls themselves, so
// that nothing in between (Go's net package) changes what is tried.
func network(verb, arg string) error {
	host, portText, _ := strings.Cut(arg, ":")
	port, _ := strconv.Atoi(portText)
	addr := &unix.SockaddrInet4{Port: port}
	copy(addr.Addr[:], net.ParseIP(host).To4())
	kind, proto := unix.SOCK_STREAM, 0
	switch verb {
	case "mptcp-connect":
		proto = unix.IPPROTO_MPTCP
	case "udp-send":
		kind = unix.SOCK_DGRAM
	}
	fd, err := unix.Socket(unix.AF_INET, kind|unix.SOCK_CLOEXEC, proto)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	switch verb {
	case "tcp-bind":
		return unix.Bind(fd, &unix.SockaddrInet4{Port: 0})
	case "tcp-listen": // without bind: the kernel picks a port
		return unix.Listen(fd, 1)
	case "udp-send":
		return unix.Sendto(fd, []byte("x"), 0, addr)
	}
	return unix.Connect(fd, addr)
}

func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, os.ErrPermission):
		return "denied"
	}
	return "error: " + err.Error()
}

// probe is a running probe.
type probe struct {
	t      *testing.T
	in     io.WriteCloser
	out    *bufio.Reader
	stderr strings.Builder
}

// startProbe starts a probe with fion's args and environment: HOME, the runtime folder and
// nothing else of the user's (no XDG_CONFIG_HOME, no XDG_DATA_HOME) but what args holds
// (NAME=VALUE words come first).
func startProbe(t *testing.T, home, runtime string, args ...string) *probe {
	t.Helper()
	env := []string{probeEnv + "=1", "HOME=" + home, "XDG_RUNTIME_DIR=" + runtime, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "DISPLAY=:probe"}
	for len(args) > 0 && strings.Contains(args[0], "=") {
		env, args = append(env, args[0]), args[1:]
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), env...)
	p := &probe{t: t}
	cmd.Stderr = &p.stderr
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
	p.in, p.out = in, bufio.NewReader(out)
	if got := p.line(); got != "ready" {
		t.Fatalf("the probe said %q; stderr:\n%s", got, p.stderr.String())
	}
	return p
}

func (p *probe) line() string {
	p.t.Helper()
	done := make(chan string, 1)
	go func() {
		line, _ := p.out.ReadString('\n')
		done <- strings.TrimSuffix(line, "\n")
	}()
	select {
	case line := <-done:
		return line
	case <-time.After(wait):
		p.t.Fatalf("the probe did not answer; stderr:\n%s", p.stderr.String())
		return ""
	}
}

// try has the probe do verb with arg and returns what happened.
func (p *probe) try(verb, arg string) string {
	p.t.Helper()
	fmt.Fprintf(p.in, "%s %s\n", verb, arg)
	return p.line()
}

// expect checks what each attempt gives.
func (p *probe) expect(attempts [][3]string) {
	p.t.Helper()
	for _, a := range attempts {
		if got := p.try(a[0], a[1]); got != a[2] {
			p.t.Errorf("%s %s: %s, want %s", a[0], a[1], got, a[2])
		}
	}
}

// why is the probe's explanation of why it cannot read path.
func (p *probe) why(path string) string {
	p.t.Helper()
	s, err := strconv.Unquote(p.try("why", path))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// write writes a file from outside the sandbox, making its folder.
func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// outsiders are what a compromised fion finds outside its sandbox: a TCP port and a unix socket
// (as ssh-agent's) that accept connections.
func outsiders(t *testing.T) (tcp, unixSocket string) {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	agent := filepath.Join(shortDir(t), "agent.sock")
	ul, err := net.Listen("unix", agent)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ul.Close() })
	return ln.Addr().String(), agent
}

// Everything SECURITY in fion.1 says fion cannot do once restricted, tried from inside: with the
// default config place, which did not exist when fion started (fion makes it, so that a
// fion.toml put there later is read on reload, as is a font put in the user's font folder).
func TestSandboxFromInsideWithTheConfigFolder(t *testing.T) {
	abi, _ := ll.LandlockGetABIVersion()
	if abi < 1 {
		t.Skip("this kernel has no Landlock")
	}
	home, runtime := t.TempDir(), shortDir(t)
	write(t, filepath.Join(home, ".ssh", "id_rsa"), "secret")
	oldFont := filepath.Join(home, ".fonts", "old.ttf")
	write(t, oldFont, "font")
	tcp, agent := outsiders(t)
	p := startProbe(t, home, runtime, "XDG_CONFIG_HOME="+home+"/xdg-config", "XDG_DATA_HOME="+home+"/xdg-data")
	if got := p.stderr.String(); got != "" {
		t.Fatalf("fion said: %s", got)
	}
	for _, dir := range []string{"xdg-config/fion", ".config/fion", "xdg-data/fonts", "xdg-data/fion/layouts"} {
		if fi, err := os.Stat(filepath.Join(home, dir)); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
			t.Fatalf("~/%s: %v, %v; want a folder made by fion with mode 0700", dir, fi, err)
		}
	}
	config := filepath.Join(home, ".config", "fion", "fion.toml")
	xdgConfig := filepath.Join(home, "xdg-config", "fion", "fion.toml")
	font := filepath.Join(home, "xdg-data", "fonts", "new.ttf")
	other := filepath.Join(home, ".config", "other", "token")
	write(t, config, "font_size = 14\n")
	write(t, xdgConfig, "font_size = 14\n")
	write(t, font, "font")
	write(t, other, "token")
	signal := "denied"
	if abi < 6 {
		signal = "ok" // Landlock scopes signals since its version 6 (Linux 6.12)
	}
	p.expect([][3]string{
		{"read", config, "ok"},
		{"read", xdgConfig, "ok"},
		{"read", font, "ok"},
		{"read", oldFont, "ok"},
		{"read", "/usr/share/fonts/X11/misc/fonts.alias", "ok"},
		{"read", other, "denied"},
		{"read", filepath.Join(home, ".ssh", "id_rsa"), "denied"},
		{"read", "/etc/hostname", "denied"},
		{"list", filepath.Dir(config), "denied"},
		{"create", filepath.Join(filepath.Dir(config), "new.toml"), "denied"},
		{"create", filepath.Join(home, "new"), "denied"},
		{"create", "/tmp/fion-was-here", "denied"},
		{"append", config, "denied"},
		{"truncate", config, "denied"},
		{"mkdir", filepath.Join(home, "dir"), "denied"},
		{"remove", config, "denied"},
		{"rename", config, "denied"},
		{"symlink", filepath.Join(filepath.Dir(config), "link"), "denied"},
		{"exec", "/bin/true", "denied"},
		{"exec-memfd", "", "denied"},
		{"tcp-connect", tcp, "denied"},
		{"tcp-bind", tcp, "denied"},
		{"tcp-listen", tcp, "denied"},
		{"mptcp-connect", tcp, "denied"},
		{"udp-send", tcp, "denied"},
		{"unix-connect", agent, "denied"},
		{"signal", strconv.Itoa(os.Getpid()), signal},
		{"ptrace-child", "", "denied"},
		{"io_uring", "", "denied"},
		{"create", filepath.Join(runtime, "fion", "other"), "denied"},
		{"close-socket", "", "ok"},
	})
	// In the layouts folder, fion may save a layout again and again, read and list them, and
	// nothing more: no folder, no link, nothing beside it.
	layouts := filepath.Join(home, "xdg-data", "fion", "layouts")
	layout := filepath.Join(layouts, "code.json")
	p.expect([][3]string{
		{"save-layout", layout, "ok"},
		{"save-layout", layout, "ok"},
		{"read", layout, "ok"},
		{"list", layouts, "ok"},
		{"append", layout, "ok"},
		{"truncate", layout, "ok"},
		{"rename", layout, "ok"},
		{"remove", layout + ".moved", "ok"},
		{"create", layout, "ok"},
		{"mkdir", filepath.Join(layouts, "dir"), "denied"},
		{"symlink", filepath.Join(layouts, "link.json"), "denied"},
		{"save-layout", filepath.Join(home, "xdg-data", "fion", "code.json"), "denied"},
		{"create", filepath.Join(home, "xdg-data", "fonts", "new.ttf"), "denied"},
		{"save-layout", filepath.Join(home, ".config", "fion", "fion.toml"), "denied"},
	})
	// A config saved by writing a new file and renaming it over the old one is in the folder.
	write(t, config+".tmp", "font_size = 15\n")
	if err := os.Rename(config+".tmp", config); err != nil {
		t.Fatal(err)
	}
	p.expect([][3]string{{"read", config, "ok"}})
	folders := []string{home + "/xdg-config/fion", home + "/.config/fion"}
	for _, dir := range []string{"/usr/share/fonts", "/usr/local/share/fonts"} {
		if _, err := os.Stat(dir); err == nil {
			folders = append(folders, dir)
		}
	}
	folders = append(folders, home+"/xdg-data/fonts", home+"/.fonts", layouts)
	if got, want := p.why(other), "fion may read only the files in "+strings.Join(folders, ", ")+" and the files it started with; "+
		other+" is elsewhere: move it into one of those folders, or restart fion to read it where it is"; got != want {
		t.Errorf("why %s:\n got %s\nwant %s", other, got, want)
	}
	// A config folder removed and made again is another folder.
	if err := os.RemoveAll(filepath.Dir(config)); err != nil {
		t.Fatal(err)
	}
	write(t, config, "font_size = 16\n")
	p.expect([][3]string{{"read", config, "denied"}})
	if got, want := p.why(config), "fion may read the files in "+home+"/.config/fion, but the folder was removed and made again since fion started, "+
		"and the new one is not the one it may read; restart fion to read "+config; got != want {
		t.Errorf("why %s:\n got %s\nwant %s", config, got, want)
	}
}

// With -c, fion may read that file and its font, not their folders: not the other files of
// $HOME, nor /etc for font = "/etc/shadow". A config replaced by a new file cannot be read, and
// fion says why.
func TestSandboxFromInsideWithAConfigFile(t *testing.T) {
	abi, _ := ll.LandlockGetABIVersion()
	if abi < 1 {
		t.Skip("this kernel has no Landlock")
	}
	home, runtime := t.TempDir(), shortDir(t)
	write(t, filepath.Join(home, ".ssh", "id_rsa"), "secret")
	write(t, filepath.Join(home, "notes.txt"), "notes")
	config := filepath.Join(home, "fion.toml")
	write(t, config, `font = "/etc/shadow"`+"\n")
	p := startProbe(t, home, runtime, "-c", config)
	if _, err := os.Stat(filepath.Join(home, ".config")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("~/.config: %v; with -c fion has no use for it and must not make it", err)
	}
	p.expect([][3]string{
		{"read", config, "ok"},
		{"read", "/etc/shadow", "ok"},
		{"read", "/etc/hostname", "denied"},
		{"read", "/etc/passwd", "denied"},
		{"read", filepath.Join(home, "notes.txt"), "denied"},
		{"read", filepath.Join(home, ".ssh", "id_rsa"), "denied"},
		{"create", filepath.Join(home, "new"), "denied"},
		{"append", config, "denied"},
	})
	write(t, config+".tmp", "font_size = 15\n")
	if err := os.Rename(config+".tmp", config); err != nil {
		t.Fatal(err)
	}
	p.expect([][3]string{{"read", config, "denied"}})
	if got, want := p.why(config), config+" has been replaced by a new file since fion started (as editors do that save to a new file and rename it over the old one), "+
		"and fion may read only the file it started with; restart fion to read it, or have your editor save in place (in vim: set backupcopy=yes)"; got != want {
		t.Errorf("why %s:\n got %s\nwant %s", config, got, want)
	}
}

// restricted waits until fion has restricted itself: its last step is the system call filter.
func (p *proc) restricted(t *testing.T) {
	t.Helper()
	xtest.Eventually(t, wait, func() (bool, string) {
		status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.wm(t)))
		return err == nil && strings.Contains(string(status), "Seccomp:\t2"), fmt.Sprintf("%v\n%s", err, status)
	})
}

// fion.1 tells the user to make ~/.config/fion, put fion.toml there and reload: that works when
// neither ~/.config nor the user's font folder existed when fion started. A config named with -c
// and replaced since (as many editors save) is not read, and reload says why and what to do.
func TestReloadReadsWhatThePolicyAllows(t *testing.T) {
	if abi, _ := ll.LandlockGetABIVersion(); abi < 1 {
		t.Skip("this kernel has no Landlock")
	}
	srv := xtest.Xvfb(t, "1024x768")
	x := newConn(t, srv.Display)
	home, runtime := t.TempDir(), shortDir(t)
	env := []string{"HOME=" + home, "XDG_RUNTIME_DIR=" + runtime, "XDG_CONFIG_HOME=", "XDG_DATA_HOME="}
	p := fionEnv(t, srv.Display, env)
	x.managing(0)
	p.restricted(t)
	ctl := func(args ...string) ctlResult {
		t.Helper()
		return fionctlUp(t, srv.Display, runtime, args...)
	}
	font := filepath.Join(home, ".local", "share", "fonts", "go.ttf")
	write(t, font, string(goregular.TTF))
	config := filepath.Join(home, ".config", "fion", "fion.toml")
	write(t, config, "workspaces = [\"web\", \"code\"]\nfont = \"~/.local/share/fonts/go.ttf\"\n")
	if r := ctl("reload"); r.code != 0 {
		t.Fatalf("fionctl reload: exit %d: %s", r.code, r.stderr)
	}
	if r := ctl("get", "config"); !strings.Contains(r.stdout, `"path":"`+config+`"`) {
		t.Fatalf("after reload, get config: %s %s", r.stdout, r.stderr)
	}
	if out := p.out.String(); strings.Contains(out, "embedded font") || strings.Contains(out, "restrict") {
		t.Fatalf("fion said:\n%s", out)
	}

	srv2 := xtest.Xvfb(t, "1024x768")
	x2 := newConn(t, srv2.Display)
	named := filepath.Join(home, "fion.toml")
	write(t, named, "font_size = 14\n")
	p2 := fionEnv(t, srv2.Display, env, "-c", named)
	x2.managing(0)
	p2.restricted(t)
	write(t, named+".tmp", "font_size = 15\n")
	if err := os.Rename(named+".tmp", named); err != nil {
		t.Fatal(err)
	}
	r := fionctlUp(t, srv2.Display, runtime, "reload")
	want := "fionctl: reload failed, keeping the running config:\n" + named + ": the config file cannot be read (permission denied); make it readable, or restart fion if it is new since fion started (see SECURITY in fion(1))\n" +
		named + " has been replaced by a new file since fion started (as editors do that save to a new file and rename it over the old one), " +
		"and fion may read only the file it started with; restart fion to read it, or have your editor save in place (in vim: set backupcopy=yes)\n"
	if r.code != 1 || r.stderr != want {
		t.Fatalf("fionctl reload of a replaced -c file: exit %d\n%s\nwant exit 1\n%s", r.code, r.stderr, want)
	}
}

// fion -c ~/.config/fion/fion.toml may read its config folder as fion without -c does: the file
// can be saved any way.
func TestSandboxWithAConfigFileInTheConfigFolder(t *testing.T) {
	if abi, _ := ll.LandlockGetABIVersion(); abi < 1 {
		t.Skip("this kernel has no Landlock")
	}
	home, runtime := t.TempDir(), shortDir(t)
	config := filepath.Join(home, ".config", "fion", "fion.toml")
	write(t, config, "font_size = 14\n")
	p := startProbe(t, home, runtime, "-c", config)
	write(t, config+".tmp", "font_size = 15\n")
	if err := os.Rename(config+".tmp", config); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(home, ".config", "other"), "other")
	p.expect([][3]string{
		{"read", config, "ok"},
		{"read", filepath.Join(home, ".config", "other"), "denied"},
	})
}
