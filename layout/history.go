package layout

import "slices"

// Going back: the window that had the keys before the one that has them now (the focus history,
// noted by Settle), and the workspace each screen showed before the one it shows now.

// LastClient is the most recent client in the focus history that does not have the keys now: the
// one `focus last` goes to. ok is false when the history holds no other client.
func (m *Model) LastClient() (c ClientID, ok bool) {
	now, has := m.Target()
	for _, h := range m.History {
		if (!has || h != now) && m.Managed(h) {
			return h, true
		}
	}
	return 0, false
}

// FocusLast shows the client that had the keys before the one that has them now, wherever it is,
// and gives it the keys; done again (after Settle), it goes back. It reports false when there is
// no such client.
func (m *Model) FocusLast() bool {
	c, ok := m.LastClient()
	return ok && m.ActivateClient(c)
}

// WorkspaceLast shows again, on the focused screen, the workspace it showed before the one it
// shows now; done again (after Settle), it goes back. It reports false when that workspace is not
// one of the screen's any more, or the screen has shown no other.
func (m *Model) WorkspaceLast() bool {
	s := m.Screen()
	i := slices.Index(s.Workspaces, s.Last)
	if i < 0 || i == s.Current {
		return false
	}
	s.Current = i
	return true
}

// noteWorkspaces notes, for each screen whose shown workspace changed since the last time, the
// one it showed before.
func (m *Model) noteWorkspaces() {
	for _, s := range m.Screens {
		now := s.Workspace()
		if s.shown != now {
			if s.shown != nil && slices.Contains(s.Workspaces, s.shown) {
				s.Last = s.shown
			}
			s.shown = now
		}
		if s.Last != nil && !slices.Contains(s.Workspaces, s.Last) {
			s.Last = nil // it went to another screen
		}
	}
}
