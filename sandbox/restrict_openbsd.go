package sandbox

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Restrict unveils the given folders read-only, hides the rest of the file system, and pledges
// "stdio rpath": fion keeps its open X connection and may read its config and fonts, nothing more.
func Restrict(readable []string) error {
	for _, dir := range readable {
		if err := unix.Unveil(dir, "r"); err != nil && err != unix.ENOENT {
			return fmt.Errorf("unveil %s: %w", dir, err)
		}
	}
	if err := unix.UnveilBlock(); err != nil {
		return fmt.Errorf("unveil: %w", err)
	}
	if err := unix.PledgePromises("stdio rpath"); err != nil {
		return fmt.Errorf("pledge: %w", err)
	}
	return nil
}
