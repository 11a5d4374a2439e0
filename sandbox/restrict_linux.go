package sandbox

import (
	"fmt"

	"github.com/landlock-lsm/go-landlock/landlock"
	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"
)

// Restrict takes fion's privileges away but reading the readable folders and changing files in
// the writable ones (the control socket's): no_new_privs, and a Landlock domain (as much as the
// kernel supports) that denies every other file access, every exec and every TCP bind or
// connect. It cannot be undone. The X connection, the listening socket and other open
// descriptors keep working.
func Restrict(readable, writable []string) error {
	read := landlock.PathAccess(ll.AccessFSReadFile|ll.AccessFSReadDir, readable...).IgnoreIfMissing()
	write := landlock.PathAccess(ll.AccessFSReadFile|ll.AccessFSReadDir|ll.AccessFSRemoveFile|ll.AccessFSMakeSock, writable...).IgnoreIfMissing()
	if err := landlock.V7.BestEffort().Restrict(read, write); err != nil {
		return fmt.Errorf("landlock: %w", err)
	}
	return nil
}
