//go:build linux || openbsd || freebsd || netbsd || darwin

package sandbox

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
)

// launcherEnv marks the process that is the launcher (see ServeLauncher).
const launcherEnv = "FION_LAUNCHER"

// maxLine bounds one command line sent to the launcher.
const maxLine = 64 << 10

// Launcher is fion's side of the launcher: Run sends it a command line to start.
type Launcher struct {
	conn *os.File
	cmd  *exec.Cmd
}

// StartLauncher starts the launcher, a copy of the running program (which must call
// ServeLauncher first thing in main) that inherits env.
func StartLauncher(env []string) (*Launcher, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_SEQPACKET, 0)
	if err != nil {
		return nil, fmt.Errorf("launcher socket pair: %w", err)
	}
	ours, theirs := os.NewFile(uintptr(fds[0]), "launcher"), os.NewFile(uintptr(fds[1]), "fion")
	syscall.CloseOnExec(fds[0])
	cmd := exec.Command(self)
	cmd.Env = append(env, launcherEnv+"=1")
	cmd.ExtraFiles = []*os.File{theirs}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		ours.Close()
		theirs.Close()
		return nil, fmt.Errorf("starting the launcher: %w", err)
	}
	theirs.Close()
	go cmd.Wait() // reaped when it ends, which it does when fion closes its end
	return &Launcher{conn: ours, cmd: cmd}, nil
}

// Run asks the launcher to start line with sh -c.
func (l *Launcher) Run(line string) error {
	if len(line) > maxLine {
		return fmt.Errorf("the command line is longer than %d bytes", maxLine)
	}
	if _, err := l.conn.Write([]byte(line)); err != nil {
		return fmt.Errorf("the launcher is gone (%v); restart fion to start programs again", err)
	}
	return nil
}

// Close ends the launcher. Programs it started go on.
func (l *Launcher) Close() { l.conn.Close() }

// ServeLauncher returns at once in fion; in the launcher process it serves fion until fion
// closes its end, then exits the process.
func ServeLauncher() {
	if os.Getenv(launcherEnv) != "1" {
		return
	}
	os.Unsetenv(launcherEnv) // not for the programs it starts
	conn := os.NewFile(3, "fion")
	buf := make([]byte, maxLine)
	for {
		n, err := conn.Read(buf)
		if err != nil || n == 0 {
			if err != nil && !errors.Is(err, io.EOF) {
				fmt.Fprintf(os.Stderr, "fion launcher: %v\n", err)
			}
			os.Exit(0)
		}
		if err := Spawn(string(buf[:n]), nil); err != nil {
			fmt.Fprintf(os.Stderr, "fion: %v\n", err)
		}
	}
}

// Spawn runs line with sh -c in a session of its own, so it outlives fion and gets no signal
// meant for fion, and waits for it in the background, so it never stays a zombie. env nil means
// this process's environment.
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
