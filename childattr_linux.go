package main

import "syscall"

// childAttr makes the window manager process get SIGTERM when its supervisor dies (killed), so
// that it puts the windows back and leaves rather than run on without one. (It also leaves when
// its pipe from the supervisor closes, which is how it learns of it elsewhere.)
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
