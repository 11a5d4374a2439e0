//go:build !linux && !openbsd

package sandbox

import "errors"

// Restrict has nothing to restrict with on this system.
func Restrict(p Policy) (*Sandbox, error) {
	return nil, errors.New("no sandbox on this system: fion runs with all of the user's rights")
}
