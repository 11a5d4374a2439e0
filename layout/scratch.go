package layout

import "fmt"

// Scratchpads: a named scratchpad holds one floating window, which one key puts away (shown
// nowhere) and brings back, centred on the focused screen, over whatever workspace it shows. A
// scratchpad's window that closes frees the name (it goes with its Floating).

// scratchpad is the floating window scratchpad name holds, or nil.
func (m *Model) scratchpad(name string) *Floating {
	for _, f := range m.Floats {
		if f.Scratchpad == name {
			return f
		}
	}
	return nil
}

// SetScratchpad makes floating client c the window of scratchpad name, and puts it away. The
// window the scratchpad held before stays, as an ordinary floating window, where it was, or, if it
// was put away, shown on the focused workspace: nothing is hidden without a name to find it by.
func (m *Model) SetScratchpad(c ClientID, name string) error {
	if err := CheckScratchpadName(name); err != nil {
		return err
	}
	f := m.Floating(c)
	if f == nil {
		return fmt.Errorf("window %#x does not float; only a floating window goes to a scratchpad", uint32(c))
	}
	if old := m.scratchpad(name); old != nil && old != f {
		old.Scratchpad = ""
		if old.Hidden {
			m.showScratchpad(old)
		}
	}
	f.Scratchpad, f.Hidden, f.Detached = name, true, true
	if m.FloatKeys == c {
		m.FloatKeys = 0
	}
	return nil
}

// ToggleScratchpad puts scratchpad name's window away when it is shown on the focused screen, and
// otherwise shows it there, centred, over the workspace shown, with the keys. It reports whether
// the window is shown now.
func (m *Model) ToggleScratchpad(name string) (bool, error) {
	f := m.scratchpad(name)
	if f == nil {
		return false, fmt.Errorf("scratchpad %q holds no window; send the focused window there with \"scratchpad move %s\"", name, name)
	}
	if s, shown := m.FloatShown(f); shown && s == m.Screen() {
		f.Hidden = true
		if m.FloatKeys == f.Client {
			m.FloatKeys = 0
		}
		return false, nil
	}
	m.showScratchpad(f)
	m.FocusFloat(f.Client)
	return true, nil
}

// showScratchpad shows f, put away or not, centred on the focused screen over the workspace it
// shows.
func (m *Model) showScratchpad(f *Floating) {
	s := m.Screen()
	f.Hidden, f.Detached, f.home, f.screen = false, true, s.Workspace(), s.Name
	f.Rect.X = s.Work.X + (s.Work.W-f.Rect.W)/2
	f.Rect.Y = s.Work.Y + (s.Work.H-f.Rect.H)/2
	f.Rect = clampInto(f.Rect, s.Work, f.Border)
}
