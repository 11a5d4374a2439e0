//go:build linux || openbsd || freebsd || netbsd || darwin

package sandbox

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// Spawn runs line with sh -c in a session of its own, so it outlives fion and gets no signal
// meant for fion, and waits for it in the background, so it never stays a zombie. env nil means
// this process's environment. It returns the shell's pid, which is also the session's id. The
// window manager starts programs with it when it runs without a supervisor.
func Spawn(line string, env []string) (int, error) {
	cmd := exec.Command("/bin/sh", "-c", line)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("exec %q: %v", line, err)
	}
	pid := cmd.Process.Pid
	go cmd.Wait()
	return pid, nil
}
