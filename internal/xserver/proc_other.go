//go:build !linux

package xserver

import "syscall"

// processAttr has nothing to add where the kernel offers no parent-death
// signal; Close is then the only way servers stop.
func processAttr() *syscall.SysProcAttr { return nil }
