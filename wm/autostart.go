package wm

// The autostart option's commands run once per X session: when the first fion of the session
// starts, not when a later one does (restart, an upgrade, fion --replace, a crashed window manager
// started again by the supervisor). What tells them apart is kept by the X server, which outlives
// every fion of the session: the root window property _FION_SESSION (x11.Conn.StartSession).
//
// fion marks the session and runs the commands together, once it is ready for what they do: it
// manages the display, its socket is open (an autostart fionctl finds it) and its loop is about to
// take their windows. The mark goes first, and the X server has it before any command is handed to
// the supervisor: a fion killed in between has started some commands or none, and the next one
// starts none. A fion that dies before it marks the session has started none, and the next one
// starts them all. So no command runs twice in a session, and one may, at worst, not run at all.

// autostart runs the autostart commands when this fion is the first of its X session.
func (w *WM) autostart() {
	first, err := w.x.StartSession()
	switch {
	case err != nil:
		w.log.Printf("cannot tell whether this X session is new (%v): the autostart commands do not run", err)
		return
	case !first:
		w.debug.Printf("_FION_SESSION is set: a fion ran in this X session before, the autostart commands do not run again")
		return
	}
	for _, line := range w.cfg.Autostart {
		w.debug.Printf("autostart: %s", line)
		if err := w.exec(line, nil); err != nil {
			w.log.Printf("autostart %q: %v", line, err)
		}
	}
}
