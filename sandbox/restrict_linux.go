package sandbox

import (
	"errors"
	"fmt"

	"github.com/landlock-lsm/go-landlock/landlock"
	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"
)

// Restrict takes fion's privileges away, for good, but reading the files of the policy, removing
// files in its Remove folders and writing files in its Write folders:
//
//   - no_new_privs, on every thread;
//   - a Landlock domain, as far as the kernel supports Landlock, that allows those and no other
//     file access (no writing elsewhere, no folder made or removed, no exec), no TCP bind or
//     connect, no connection to a unix socket, and no signal, to processes outside fion;
//   - a system call filter (seccomp) that refuses to make a socket of any kind, to run a
//     program, to set up io_uring and to look into other processes (ptrace and its kin), for
//     what Landlock does not cover or the running kernel's Landlock lacks.
//
// The X connection, the listening socket and other open descriptors keep working. The error
// says what could not be done; fion is then restricted as far as it could be.
func Restrict(p Policy) (*Sandbox, error) {
	s := newSandbox(p)
	var errs []error
	read := landlock.PathAccess(ll.AccessFSReadFile, append(paths(s.folders), paths(s.files)...)...).IgnoreIfMissing()
	remove := landlock.PathAccess(ll.AccessFSRemoveFile, p.Remove...).IgnoreIfMissing()
	// A file is written new and renamed over the old one (layoutfile.Write), within its folder:
	// no Refer right, which moving a file between folders needs.
	write := landlock.PathAccess(ll.AccessFSReadFile|ll.AccessFSReadDir|ll.AccessFSWriteFile|ll.AccessFSTruncate|
		ll.AccessFSMakeReg|ll.AccessFSRemoveFile, p.Write...).IgnoreIfMissing()
	if err := landlock.V11.BestEffort().Restrict(read, remove, write); err != nil {
		errs = append(errs, fmt.Errorf("landlock: %w", err))
	}
	if abi, _ := ll.LandlockGetABIVersion(); abi < 1 {
		errs = append(errs, errors.New("this kernel has no Landlock: fion can read and write all of your files"))
	}
	if err := filterSystemCalls(); err != nil {
		errs = append(errs, err)
	}
	return s, errors.Join(errs...)
}
