package sandbox

import (
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// fion makes every socket it needs (its X connection, its control socket) and starts the
// launcher before it restricts itself; then it needs none of these system calls. Landlock does
// not cover them all: its TCP rights cover plain TCP sockets only (on Linux 6.18, an MPTCP
// connect, a listen(2) on a socket never bound, which the kernel binds to a free port, and UDP
// all go through), before Linux 6.7 it covers no network at all, and io_uring can make sockets.
var deniedCalls = []uintptr{
	unix.SYS_SOCKET,         // any new socket: TCP, MPTCP, UDP, raw, netlink, unix
	unix.SYS_IO_URING_SETUP, // io_uring can make sockets and open files on its own
	unix.SYS_EXECVE,         // running a program, from a file
	unix.SYS_EXECVEAT,       // ... or from a file descriptor (a memfd fion wrote)
	unix.SYS_PTRACE,         // looking into, or driving, another process (the launcher is fion's child)
	unix.SYS_PROCESS_VM_READV,
	unix.SYS_PROCESS_VM_WRITEV,
	unix.SYS_PIDFD_GETFD, // taking a descriptor from another process
}

// auditArch is the AUDIT_ARCH value of each architecture the filter knows: those whose sockets
// are made by socket(2) alone (not also by socketcall(2), as on 386, ppc64 and s390x).
var auditArch = map[string]uint32{
	"amd64":   unix.AUDIT_ARCH_X86_64,
	"arm64":   unix.AUDIT_ARCH_AARCH64,
	"riscv64": unix.AUDIT_ARCH_RISCV64,
	"loong64": unix.AUDIT_ARCH_LOONGARCH64,
}

// x32Bit marks the system calls of the x32 ABI, which amd64 kernels also take: the filter must
// refuse them, or socket(2) would be there under another number.
const x32Bit = 0x40000000

// filter is the BPF program that refuses deniedCalls with EPERM, and every system call of another
// architecture or ABI than goarch's (a compromised fion could make them with another
// instruction), and allows the rest.
func filter(goarch string) ([]unix.SockFilter, error) {
	arch, ok := auditArch[goarch]
	if !ok {
		return nil, fmt.Errorf("no system call filter for %s: fion can still make network connections and run programs", goarch)
	}
	deny := uint32(unix.SECCOMP_RET_ERRNO | uint32(unix.EPERM))
	const (
		archOffset = 4 // of struct seccomp_data
		nrOffset   = 0
	)
	prog := []unix.SockFilter{
		{Code: unix.BPF_LD | unix.BPF_W | unix.BPF_ABS, K: archOffset},
		{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: arch, Jt: 1},
		{Code: unix.BPF_RET | unix.BPF_K, K: deny},
		{Code: unix.BPF_LD | unix.BPF_W | unix.BPF_ABS, K: nrOffset},
	}
	var checks []unix.SockFilter
	if goarch == "amd64" {
		checks = append(checks, unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JGE | unix.BPF_K, K: x32Bit})
	}
	for _, nr := range deniedCalls {
		checks = append(checks, unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: uint32(nr)})
	}
	// Each check jumps, when true, over the checks after it and the "allow" to the "deny".
	for i := range checks {
		checks[i].Jt = uint8(len(checks) - i)
	}
	prog = append(prog, checks...)
	prog = append(prog,
		unix.SockFilter{Code: unix.BPF_RET | unix.BPF_K, K: unix.SECCOMP_RET_ALLOW},
		unix.SockFilter{Code: unix.BPF_RET | unix.BPF_K, K: deny})
	return prog, nil
}

// filterSystemCalls sets no_new_privs and installs the system call filter on every thread.
func filterSystemCalls() error {
	prog, err := filter(runtime.GOARCH)
	if err != nil {
		return err
	}
	// no_new_privs first, on this thread; TSYNC then gives every thread the filter and
	// no_new_privs with it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("no_new_privs: %w", err)
	}
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	if _, _, errno := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_TSYNC,
		uintptr(unsafe.Pointer(&fprog))); errno != 0 {
		return fmt.Errorf("seccomp: %w; fion can still make network connections and run programs", errno)
	}
	return nil
}
