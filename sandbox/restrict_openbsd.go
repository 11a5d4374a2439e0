package sandbox

import (
	"fmt"
	"slices"

	"golang.org/x/sys/unix"
)

// Restrict unveils the policy's folders and files read-only and its Remove and Write folders
// read-write-create, hides the rest of the file system, and pledges "stdio rpath wpath cpath
// unix": fion keeps its open X connection and control socket, may read its config and fonts,
// write its saved layouts and remove its socket.
func Restrict(p Policy) (*Sandbox, error) {
	s := newSandbox(p)
	for _, g := range append(s.folders, s.files...) {
		if err := unix.Unveil(g.path, "r"); err != nil && err != unix.ENOENT {
			return s, fmt.Errorf("unveil %s: %w", g.path, err)
		}
	}
	for _, dir := range append(slices.Clone(p.Remove), p.Write...) {
		if err := unix.Unveil(dir, "rwc"); err != nil && err != unix.ENOENT {
			return s, fmt.Errorf("unveil %s: %w", dir, err)
		}
	}
	if err := unix.UnveilBlock(); err != nil {
		return s, fmt.Errorf("unveil: %w", err)
	}
	if err := unix.PledgePromises("stdio rpath wpath cpath unix"); err != nil {
		return s, fmt.Errorf("pledge: %w", err)
	}
	return s, nil
}
