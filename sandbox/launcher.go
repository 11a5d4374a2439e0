//go:build linux || openbsd || freebsd || netbsd || darwin

package sandbox

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// launcherScript is the launcher: a shell that starts each line it reads. The double fork of
// "( ... &)" leaves the program to init, which reaps it, and setsid(1) gives it a session of its
// own, so it gets no signal meant for fion and outlives it. A shell, not a second fion: it costs
// a few hundred kilobytes instead of megabytes.
const launcherScript = `while IFS= read -r line; do ($setsid /bin/sh -c "$line" </dev/null &); done`

// Launcher starts programs for fion from outside fion's restrictions.
type Launcher struct {
	pipe *os.File
	cmd  *exec.Cmd
}

// StartLauncher starts the launcher with environment env.
func StartLauncher(env []string) (*Launcher, error) {
	setsid, err := exec.LookPath("setsid")
	if err != nil {
		setsid = "" // no setsid(1) here: programs share fion's session
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("/bin/sh", "-c", launcherScript)
	cmd.Env = append(env, "setsid="+setsid)
	cmd.Stdin = r
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("starting the launcher: %w", err)
	}
	r.Close()
	go cmd.Wait() // it ends when fion closes the pipe
	return &Launcher{pipe: w, cmd: cmd}, nil
}

// Run asks the launcher to start line with sh -c.
func (l *Launcher) Run(line string) error {
	if strings.ContainsAny(line, "\n\x00") {
		return errors.New("the command line has a newline or NUL in it; put several commands in one line with ;")
	}
	if _, err := l.pipe.Write([]byte(line + "\n")); err != nil {
		return fmt.Errorf("the launcher is gone (%v); restart fion to start programs again", err)
	}
	return nil
}

// Close ends the launcher. Programs it started go on.
func (l *Launcher) Close() { l.pipe.Close() }

// Spawn runs line with sh -c in a session of its own, so it outlives fion and gets no signal
// meant for fion, and waits for it in the background, so it never stays a zombie. env nil means
// this process's environment. fion uses it when it has no launcher.
func Spawn(line string, env []string) error {
	cmd := exec.Command("/bin/sh", "-c", line)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("exec %q: %v", line, err)
	}
	go cmd.Wait()
	return nil
}
