//go:build !linux && !openbsd

package sandbox

import "errors"

// Restrict has nothing to restrict with on this system.
func Restrict(readable, writable []string) error {
	return errors.New("no sandbox on this system: fion runs with all of the user's rights")
}
