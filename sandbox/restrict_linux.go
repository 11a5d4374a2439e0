package sandbox

import (
	"fmt"

	"github.com/landlock-lsm/go-landlock/landlock"
	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"
)

// Restrict takes fion's privileges away but reading the given folders: no_new_privs, and a
// Landlock domain (as much as the kernel supports) that denies every other file access, every
// exec and every TCP bind or connect. It cannot be undone. The X connection and other open
// descriptors keep working.
func Restrict(readable []string) error {
	read := landlock.PathAccess(ll.AccessFSReadFile|ll.AccessFSReadDir, readable...).IgnoreIfMissing()
	if err := landlock.V7.BestEffort().Restrict(read); err != nil {
		return fmt.Errorf("landlock: %w", err)
	}
	return nil
}
