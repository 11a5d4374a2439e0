//go:build !linux

package main

import "syscall"

// childAttr: without Linux's parent-death signal, the window manager process learns of its
// supervisor's end when its pipe from the supervisor closes.
func childAttr() *syscall.SysProcAttr { return nil }
