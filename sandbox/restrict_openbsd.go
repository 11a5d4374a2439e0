package sandbox

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Restrict unveils the readable folders read-only and the writable ones read-write-create, hides
// the rest of the file system, and pledges "stdio rpath cpath unix": fion keeps its open X
// connection and control socket, may read its config and fonts, and remove its socket.
func Restrict(readable, writable []string) error {
	for _, dir := range readable {
		if err := unix.Unveil(dir, "r"); err != nil && err != unix.ENOENT {
			return fmt.Errorf("unveil %s: %w", dir, err)
		}
	}
	for _, dir := range writable {
		if err := unix.Unveil(dir, "rwc"); err != nil && err != unix.ENOENT {
			return fmt.Errorf("unveil %s: %w", dir, err)
		}
	}
	if err := unix.UnveilBlock(); err != nil {
		return fmt.Errorf("unveil: %w", err)
	}
	if err := unix.PledgePromises("stdio rpath cpath unix"); err != nil {
		return fmt.Errorf("pledge: %w", err)
	}
	return nil
}
