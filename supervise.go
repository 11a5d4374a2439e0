package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/fion-wm/fion/sandbox"
)

// fion runs as two processes. The one the user starts (exec fion in .xinitrc, whose end ends the X
// session) is the supervisor: it starts the window manager as its child, starts the programs the
// window manager asks for (exec), and stays unrestricted to do so, while the window manager
// restricts itself (restrict.go). The supervisor does nothing else:
//
//   - restart: the window manager asks; the supervisor checks the fion found on PATH now (an
//     upgrade) with --check and the same flags, and only when that passes starts it with
//     --replace. The new window manager takes the windows over as they are (wm/handover.go) and
//     the old one leaves. A new fion that cannot start, or a config it refuses, leaves the old one
//     running, and the old one says why.
//   - a crash: a window manager that dies of a signal or a Go panic after it managed the display
//     is started again, and takes the layout back from the X server (wm/persist.go); at most
//     crashLimit times in crashWindow, so that a fion that cannot run does not loop.
//   - SIGTERM, SIGINT, SIGHUP go to the window manager, which puts the windows back and leaves;
//     the supervisor then leaves with its status. A window manager that loses its supervisor
//     (killed) leaves too.
//
// The two talk through two pipes, one line at a time. The window manager writes "ready" (it
// manages the display), "exec LINE" and "restart"; the supervisor answers a restart with
// "started PID" or "refused MESSAGE", and says "lost MESSAGE" when a new fion it started ended
// before it took over. Messages are Go-quoted.

// supervisorEnv names, in the window manager's environment, the file descriptors of its pipes to
// the supervisor: "3,4" (requests, answers).
const supervisorEnv = "FION_SUPERVISOR"

// exitHandedOver is the window manager's exit status when it left the display to a new fion.
const exitHandedOver = 3

const (
	crashLimit  = 3
	crashWindow = time.Minute
	checkWait   = 15 * time.Second // for a new fion's --check
)

// wmProc is one window manager process.
type wmProc struct {
	cmd     *exec.Cmd
	bin     string
	answers *os.File // what the supervisor writes to it
	ready   bool     // it manages the display
}

// supEvent is what happens to a window manager process: a line it wrote, its end, or the result
// of checking the fion it asked to restart with.
type supEvent struct {
	p       *wmProc
	line    string
	ended   *os.ProcessState
	checked *checkResult
}

type checkResult struct {
	bin string
	err error
}

type supervisor struct {
	args     []string
	stderr   io.Writer
	env      []string
	events   chan supEvent
	current  *wmProc // the window manager
	next     *wmProc // a new fion started by restart, until it takes over
	checking bool
	quitting bool
	crashes  []time.Time
}

// supervise runs fion as the supervisor of its window manager process (self, with args) and
// returns the exit status for the user's fion.
func supervise(self string, args []string, stderr io.Writer) int {
	s := &supervisor{args: args, stderr: stderr, events: make(chan supEvent, 16)}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, supervisorEnv+"=") {
			s.env = append(s.env, kv)
		}
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	p, err := s.start(self, args)
	if err != nil {
		fmt.Fprintf(stderr, "fion: cannot start its window manager process: %v\n", err)
		return 1
	}
	s.current = p
	for {
		select {
		case <-sigs:
			s.quitting = true
			for _, p := range []*wmProc{s.current, s.next} {
				if p != nil {
					p.cmd.Process.Signal(syscall.SIGTERM)
				}
			}
		case ev := <-s.events:
			switch {
			case ev.ended != nil:
				if status, done := s.ended(ev.p, ev.ended); done {
					return status
				}
			case ev.checked != nil:
				s.checked(ev.p, ev.checked)
			default:
				s.request(ev.p, ev.line)
			}
		}
	}
}

// start starts a window manager process: bin with args, linked to the supervisor.
func (s *supervisor) start(bin string, args []string) (*wmProc, error) {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	ansR, ansW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(slices.Clip(s.env), supervisorEnv+"=3,4")
	cmd.ExtraFiles = []*os.File{reqW, ansR}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = childAttr()
	err = cmd.Start()
	reqW.Close()
	ansR.Close()
	if err != nil {
		reqR.Close()
		ansW.Close()
		return nil, err
	}
	p := &wmProc{cmd: cmd, bin: bin, answers: ansW}
	go func() {
		lines := bufio.NewScanner(reqR)
		lines.Buffer(make([]byte, 0, 4096), 1<<20)
		for lines.Scan() {
			s.events <- supEvent{p: p, line: lines.Text()}
		}
		reqR.Close()
	}()
	go func() {
		cmd.Wait()
		s.events <- supEvent{p: p, ended: cmd.ProcessState}
	}()
	return p, nil
}

// request does what window manager p asked.
func (s *supervisor) request(p *wmProc, line string) {
	verb, rest, _ := strings.Cut(line, " ")
	switch verb {
	case "ready":
		p.ready = true
	case "exec":
		if err := sandbox.Spawn(rest, s.env); err != nil {
			fmt.Fprintf(s.stderr, "fion: %v\n", err)
		}
	case "restart":
		switch {
		case p != s.current:
		case s.checking || s.next != nil:
			s.answer(p, "refused", "a restart is under way already")
		default:
			s.checking = true
			bin := successor()
			go func() {
				s.events <- supEvent{p: p, checked: &checkResult{bin: bin, err: s.check(bin)}}
			}()
		}
	}
}

// successor is the fion a restart starts: the one on PATH now, else the one running.
func successor() string {
	if bin, err := exec.LookPath("fion"); err == nil {
		return bin
	}
	self, _ := os.Executable()
	return self
}

// check runs bin --check with fion's flags: the new fion must start, know the flags and accept
// the config and fonts before it may replace the running one.
func (s *supervisor) check(bin string) error {
	ctx, cancel := context.WithTimeout(context.Background(), checkWait)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(withoutReplace(s.args), "--check")...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	said := strings.TrimSpace(string(out))
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%s --check did not finish within %v", bin, checkWait)
	case said != "":
		return fmt.Errorf("%s --check refuses: %s", bin, said)
	}
	return fmt.Errorf("%s --check failed: %v", bin, err)
}

// checked starts the new fion once it passed its check, or tells p why not.
func (s *supervisor) checked(p *wmProc, r *checkResult) {
	s.checking = false
	if p != s.current || s.quitting {
		return
	}
	if r.err != nil {
		s.answer(p, "refused", fmt.Sprintf("restart refused, fion goes on as it is: %v", r.err))
		return
	}
	next, err := s.start(r.bin, append(withoutReplace(s.args), "--replace"))
	if err != nil {
		s.answer(p, "refused", fmt.Sprintf("restart failed, fion goes on as it is: cannot start %s: %v", r.bin, err))
		return
	}
	s.next = next
	s.answer(p, "started", strconv.Itoa(next.cmd.Process.Pid))
}

// ended takes the end of window manager p; done says the supervisor is done, with status.
func (s *supervisor) ended(p *wmProc, st *os.ProcessState) (status int, done bool) {
	p.answers.Close()
	how := describeEnd(st)
	if p == s.next {
		s.next = nil
		if s.current != nil {
			s.answer(s.current, "lost", fmt.Sprintf("restart failed, fion goes on as it is: the new fion (%s) %s before it took over; its messages are above", p.bin, how))
		}
		return 0, s.current == nil
	}
	if p != s.current {
		return 0, false
	}
	s.current = nil
	crashed := st.ExitCode() == 2 || !st.Exited()
	switch {
	case s.next != nil:
		// Handed over (or gone meanwhile): the new fion is the window manager now.
		s.current, s.next = s.next, nil
		return 0, false
	case st.ExitCode() == exitHandedOver:
		return 0, true // a fion started by hand (fion --replace) took over
	case s.quitting || !crashed:
		return st.ExitCode(), true
	case !p.ready:
		return 1, true // it crashed before it managed the display: starting it again would too
	}
	now := time.Now()
	s.crashes = slices.DeleteFunc(append(s.crashes, now), func(t time.Time) bool { return now.Sub(t) > crashWindow })
	if len(s.crashes) > crashLimit {
		fmt.Fprintf(s.stderr, "fion: the window manager %s, %d times within %v: fion gives up\n", how, len(s.crashes), crashWindow)
		return 1, true
	}
	fmt.Fprintf(s.stderr, "fion: the window manager %s; fion starts it again, and it takes the layout back\n", how)
	again, err := s.start(p.bin, append(withoutReplace(s.args), "--replace"))
	if err != nil {
		fmt.Fprintf(s.stderr, "fion: cannot start its window manager process again: %v\n", err)
		return 1, true
	}
	s.current = again
	return 0, false
}

// describeEnd says how a window manager process ended, for the user.
func describeEnd(st *os.ProcessState) string {
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return "was killed by " + unix.SignalName(ws.Signal())
	}
	return fmt.Sprintf("ended with exit status %d", st.ExitCode())
}

// answer writes a line to window manager p; one that is gone does not hear it.
func (s *supervisor) answer(p *wmProc, verb, msg string) {
	if verb != "started" {
		msg = strconv.Quote(msg)
	}
	p.answers.Write([]byte(verb + " " + msg + "\n"))
}

// withoutReplace is args without --replace, which restart adds where it wants it.
func withoutReplace(args []string) []string {
	var out []string
	for _, a := range args {
		if a != "--replace" && a != "-replace" && a != "--replace=true" && a != "-replace=true" {
			out = append(out, a)
		}
	}
	return out
}
