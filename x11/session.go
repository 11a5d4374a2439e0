package x11

import "github.com/jezek/xgb/xproto"

// sessionMark is what fion puts in _FION_SESSION: a CARDINAL, 1. Only whether the property is
// there counts, whatever a program may have written in it.
const sessionMark = 1

// StartSession tells whether this is the first fion to manage the display since the X server
// started (or last reset, when its last client left): that is, whether the root window lacks the
// property _FION_SESSION. When it lacks it, StartSession sets it and returns only once the
// server has it, so that whatever the caller does next for a new session is not done again by a
// fion that comes after this one, even if this one is killed the next moment. Only a window
// manager may call it: fions that start at once on one display are put in line by the window
// manager selection, and no two ask at the same time.
func (c *Conn) StartSession() (first bool, err error) {
	if started, err := c.SessionStarted(); err != nil || started {
		return false, err
	}
	err = xproto.ChangePropertyChecked(c.X, xproto.PropModeReplace, c.Root, c.Atom("_FION_SESSION"), xproto.AtomCardinal, 32, 1,
		[]byte{sessionMark, 0, 0, 0}).Check()
	if err != nil {
		return false, err
	}
	return true, nil
}

// SessionStarted tells, without marking anything, whether a fion has started this X session
// already (StartSession): whether the root window has the property _FION_SESSION.
func (c *Conn) SessionStarted() (bool, error) {
	// Asking for no data at all: the type alone says whether it is there, and nothing a
	// program wrote in it is read.
	r, err := xproto.GetProperty(c.X, false, c.Root, c.Atom("_FION_SESSION"), xproto.GetPropertyTypeAny, 0, 0).Reply()
	if err != nil {
		return false, err
	}
	return r.Type != xproto.AtomNone, nil
}
