// Package xserver starts and stops private X servers: Xvfb, Xephyr nested
// in another server, and Xorg with the dummy video driver.
//
// It owns the server processes, their temporary files and their logs. It
// must not import any X protocol package: it deals in processes and display
// names only, so tests, the benchmark and scripts can all use it.
//
// A server is ready when it writes its display number to the -displayfd
// pipe. That is the X server's own readiness signal, so nothing here sleeps
// or polls a socket.
package xserver

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// readyTimeout bounds how long a server may take to answer -displayfd. It is
// generous because tests run under -race on a shared, busy machine.
const readyTimeout = 60 * time.Second

// stopTimeout bounds how long Close waits after SIGTERM before SIGKILL.
const stopTimeout = 10 * time.Second

// Server is a running X server owned by this process. A Server made as
// &Server{Display: ":0"} names a server started elsewhere (such as the
// user's display, to nest an Xephyr in): Close and Log do nothing for it and
// Done never fires.
type Server struct {
	// Display is the display name clients connect to, e.g. ":7".
	Display string

	name    string // program name, for messages
	cmd     *exec.Cmd
	log     *logBuffer
	logFile string // a log file the server writes besides stderr (Xorg)
	tempDir string // removed by Close

	exited  chan struct{} // closed when the process has been reaped
	waitErr error         // the process's exit status, valid after exited

	closeOnce sync.Once
	closeErr  error
}

// Xvfb starts a virtual framebuffer server with one screen of the given
// size ("1280x800") at depth 24. Extra args are appended to the command line.
func Xvfb(size string, args ...string) (*Server, error) {
	if err := checkSize(size); err != nil {
		return nil, fmt.Errorf("xserver.Xvfb: %w", err)
	}
	argv := []string{
		"-screen", "0", size + "x24",
		"-nolisten", "tcp",
		"-noreset",
		"+extension", "RANDR",
		"+extension", "XTEST",
	}
	return start(launch{
		program: "Xvfb",
		args:    append(argv, args...),
	})
}

// Xephyr starts a nested server shown inside parent, with one screen per
// entry of screens ("1280x800"; Xephyr also accepts "1280x800+0+0").
// With xinerama the screens become Xinerama heads of a single X screen,
// laid out side by side.
func Xephyr(parent *Server, screens []string, xinerama bool, args ...string) (*Server, error) {
	if parent == nil {
		return nil, errors.New("xserver.Xephyr: parent server is nil; start an Xvfb first and pass it")
	}
	if len(screens) == 0 {
		return nil, errors.New(`xserver.Xephyr: no screens given; pass at least one size such as "1280x800"`)
	}
	argv := []string{"-nolisten", "tcp", "-noreset"}
	if xinerama {
		argv = append(argv, "+xinerama")
	}
	for _, s := range screens {
		if err := checkSize(s); err != nil {
			return nil, fmt.Errorf("xserver.Xephyr: %w", err)
		}
		argv = append(argv, "-screen", s)
	}
	return start(launch{
		program: "Xephyr",
		args:    append(argv, args...),
		env:     withDisplay(os.Environ(), parent.Display),
	})
}

// XorgDummy starts Xorg with the dummy video driver and the given number of
// outputs, DUMMY0 to DUMMY<outputs-1>, each showing a size ("1280x800")
// mode and placed left to right. Outputs can be changed afterwards with
// xrandr, e.g. "xrandr --output DUMMY1 --mode 1024x768 --right-of DUMMY0".
// Xorg must be allowed to start as the current user (here: root).
func XorgDummy(outputs int, size string) (*Server, error) {
	if outputs < 1 || outputs > maxDummyOutputs {
		return nil, fmt.Errorf("xserver.XorgDummy: %d outputs asked; the dummy driver has 1 to %d", outputs, maxDummyOutputs)
	}
	if err := checkSize(size); err != nil {
		return nil, fmt.Errorf("xserver.XorgDummy: %w", err)
	}
	dir, err := os.MkdirTemp("", "fion-xorg-")
	if err != nil {
		return nil, fmt.Errorf("xserver.XorgDummy: %w", err)
	}
	conf := filepath.Join(dir, "xorg.conf")
	if err := os.WriteFile(conf, []byte(dummyConfig(outputs, size)), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("xserver.XorgDummy: %w", err)
	}
	// An empty config dir keeps the system's xorg.conf.d snippets out.
	confDir := filepath.Join(dir, "xorg.conf.d")
	if err := os.Mkdir(confDir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("xserver.XorgDummy: %w", err)
	}
	logFile := filepath.Join(dir, "Xorg.log")
	return start(launch{
		program: "Xorg",
		args: []string{
			"-config", conf,
			"-configdir", confDir,
			"-logfile", logFile,
			"-nolisten", "tcp",
			"-noreset",
			"-novtswitch",
			"-sharevts",
		},
		logFile: logFile,
		tempDir: dir,
	})
}

// launch describes one server process to start.
type launch struct {
	program string
	args    []string // without -displayfd, which start adds
	env     []string // nil means the current environment
	logFile string
	tempDir string
}

// start runs the server and returns once it has written its display number
// to the -displayfd pipe. On failure every resource is released and the
// error carries the server's log.
func start(l launch) (*Server, error) {
	r, w, err := os.Pipe()
	if err != nil {
		removeDir(l.tempDir)
		return nil, fmt.Errorf("xserver: %s: %w", l.program, err)
	}
	defer r.Close()

	// The write end becomes fd 3 in the child: ExtraFiles start at 3.
	cmd := exec.Command(l.program, append([]string{"-displayfd", "3"}, l.args...)...)
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = l.env
	s := &Server{
		name:    l.program,
		cmd:     cmd,
		log:     &logBuffer{},
		logFile: l.logFile,
		tempDir: l.tempDir,
		exited:  make(chan struct{}),
	}
	cmd.Stdout = s.log
	cmd.Stderr = s.log
	// A helper the server forked (xkbcomp) could hold the log pipe open;
	// never let that keep Close waiting once the server itself is gone.
	cmd.WaitDelay = time.Second
	cmd.SysProcAttr = processAttr()

	if err := cmd.Start(); err != nil {
		w.Close()
		removeDir(l.tempDir)
		return nil, fmt.Errorf("xserver: cannot run %s (is it installed? scripts/deps.sh installs it): %w", l.program, err)
	}
	// Only the child may hold the write end now, so its death gives us EOF.
	w.Close()
	go s.reap()

	display, err := readDisplay(r, readyTimeout)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("xserver: %s did not become ready: %w\n%s", l.program, err, s.describeExit())
	}
	s.Display = display
	return s, nil
}

// reap waits for the process and records how it ended.
func (s *Server) reap() {
	s.waitErr = s.cmd.Wait()
	close(s.exited)
}

// readDisplay reads the display number the server writes to -displayfd.
func readDisplay(r *os.File, timeout time.Duration) (string, error) {
	if err := r.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return "", fmt.Errorf("no display number after %v", timeout)
		}
		return "", fmt.Errorf("no display number (the server closed -displayfd: %v)", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || n < 0 {
		return "", fmt.Errorf("bad display number %q on -displayfd", line)
	}
	return ":" + strconv.Itoa(n), nil
}

// describeExit tells how the process ended (if it did) followed by its log.
func (s *Server) describeExit() string {
	status := "still running"
	select {
	case <-s.exited:
		status = fmt.Sprintf("exit status: %v", s.waitErr)
	default:
	}
	return fmt.Sprintf("%s %s\n--- %s log ---\n%s", s.name, status, s.name, s.Log())
}

// Close stops the server (SIGTERM, then SIGKILL if it lingers), waits for it
// and removes its temporary files. It is safe to call more than once; later
// calls return the first result. It reports an error when the server had
// already died before Close, since that means it crashed.
func (s *Server) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.stop() })
	return s.closeErr
}

func (s *Server) stop() error {
	if s.cmd == nil {
		return nil // not ours to stop
	}
	var crashed error
	select {
	case <-s.exited:
		crashed = fmt.Errorf("xserver: %s %s had exited before Close: %v\n--- log ---\n%s", s.name, s.Display, s.waitErr, s.Log())
	default:
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(stopTimeout):
			s.cmd.Process.Kill()
			<-s.exited
		}
	}
	// Read the log file before its directory goes away, so Log keeps working.
	s.log.freezeFile(s.logFile)
	if err := removeDir(s.tempDir); err != nil {
		return errors.Join(crashed, fmt.Errorf("xserver: removing %s: %w", s.tempDir, err))
	}
	return crashed
}

// Done is closed when the server process has exited, for whatever reason.
func (s *Server) Done() <-chan struct{} { return s.exited }

// Env returns the current environment with DISPLAY set to this server, for
// running clients in it.
func (s *Server) Env() []string { return withDisplay(os.Environ(), s.Display) }

// Log returns what the server printed, plus its log file when it has one.
func (s *Server) Log() string {
	if s.log == nil {
		return ""
	}
	return s.log.text(s.logFile)
}

// withDisplay returns env with every DISPLAY entry replaced by display.
func withDisplay(env []string, display string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DISPLAY=") {
			out = append(out, kv)
		}
	}
	return append(out, "DISPLAY="+display)
}

// checkSize rejects anything that is not WIDTHxHEIGHT, optionally followed by
// Xephyr's +X+Y window position.
func checkSize(size string) error {
	if _, _, err := ParseSize(size); err != nil {
		return err
	}
	return nil
}

// ParseSize reads "1280x800" (a trailing "+X+Y" is allowed and ignored) into
// width and height.
func ParseSize(size string) (w, h int, err error) {
	dims, _, _ := strings.Cut(size, "+")
	ws, hs, ok := strings.Cut(dims, "x")
	if ok {
		w, err = strconv.Atoi(ws)
	}
	if ok && err == nil {
		h, err = strconv.Atoi(hs)
	}
	if !ok || err != nil || w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("bad screen size %q; write WIDTHxHEIGHT such as \"1280x800\"", size)
	}
	return w, h, nil
}

func removeDir(dir string) error {
	if dir == "" {
		return nil
	}
	return os.RemoveAll(dir)
}

// logBuffer collects the server's stdout and stderr. The process writes to
// it from exec's copying goroutine while tests read it, hence the lock.
type logBuffer struct {
	mu       sync.Mutex
	buf      strings.Builder
	fileText string // the log file's content, kept once the file is removed
	frozen   bool
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// freezeFile keeps a copy of the log file so Log works after Close.
func (b *logBuffer) freezeFile(path string) {
	if path == "" {
		return
	}
	data, _ := os.ReadFile(path)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fileText = string(data)
	b.frozen = true
}

func (b *logBuffer) text(path string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.buf.String()
	if path == "" {
		return out
	}
	fileText := b.fileText
	if !b.frozen {
		data, _ := os.ReadFile(path)
		fileText = string(data)
	}
	return out + "\n--- " + path + " ---\n" + fileText
}
