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
// this process's environment. fion's supervisor starts programs with it (and the window manager
// itself, when it runs without a supervisor).
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
