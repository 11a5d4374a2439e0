package xserver

import "syscall"

// processAttr makes the kernel kill the server when the process that
// started it dies, so a test killed by its timeout leaves no server behind.
func processAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
