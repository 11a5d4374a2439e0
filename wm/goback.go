package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/layout"
)

// managedWindow is the client a "focus window ID" or "attach window ID" names, or an error for
// the user.
func (w *WM) managedWindow(cmd command.Command) (*client, error) {
	id, _ := cmd.Window(len(cmd.Args) - 1)
	c := w.clients[xproto.Window(id)]
	if c == nil || !w.model.Managed(c.id()) {
		return nil, errorf("%s: fion manages no window %#x; `fionctl windows` lists those it does", cmd.Name, id)
	}
	return c, nil
}

// scratchpad runs "scratchpad toggle NAME" and "scratchpad move NAME".
func (w *WM) scratchpad(verb, name string) error {
	m := w.model
	if verb == "toggle" {
		_, err := m.ToggleScratchpad(name)
		return err
	}
	if err := layout.CheckScratchpadName(name); err != nil {
		return errorf("scratchpad move: %v", err)
	}
	c := w.focusedClient()
	if c == nil {
		return errorf("scratchpad move: no window has the focus")
	}
	if w.floating(c) == nil {
		w.setFloat(c, true) // a scratchpad's window floats
		if w.floating(c) == nil {
			return errorf("scratchpad move: window %#x cannot float", uint32(c.win))
		}
	}
	if err := m.SetScratchpad(c.id(), name); err != nil {
		return errorf("scratchpad move: %v", err)
	}
	return nil
}

// WindowLine is one window as `fionctl windows` shows it.
type WindowLine struct {
	Window    uint32 `json:"window"`
	Screen    string `json:"screen"`
	Workspace string `json:"workspace"`
	Class     string `json:"class"`
	Instance  string `json:"instance"`
	Title     string `json:"title"`
	Floating  bool   `json:"floating"`
	Focused   bool   `json:"focused"`
	// Scratchpad names the scratchpad that holds it; it may be put away (Hidden).
	Scratchpad string `json:"scratchpad,omitempty"`
	Hidden     bool   `json:"hidden,omitempty"`
}

// windows lists every managed window: the tabs of each screen, workspace and tile in order, then
// the floating windows.
func (w *WM) windows() []WindowLine {
	m := w.model
	out := []WindowLine{}
	target, _ := m.Target()
	line := func(id layout.ClientID, si, wi int) WindowLine {
		l := WindowLine{Window: uint32(id), Screen: m.Screens[si].Name, Workspace: m.Screens[si].Workspaces[wi].Name, Focused: id == target}
		if c := w.clients[xproto.Window(id)]; c != nil {
			l.Class, l.Instance, l.Title = c.props.Class, c.props.Instance, c.title()
		}
		return l
	}
	for si, s := range m.Screens {
		for wi, ws := range s.Workspaces {
			for _, t := range ws.Tiles() {
				for _, id := range t.Tabs {
					out = append(out, line(id, si, wi))
				}
			}
		}
	}
	for _, f := range m.Floats {
		si, wi := m.FloatHome(f)
		l := line(f.Client, si, wi)
		l.Floating, l.Scratchpad, l.Hidden = true, f.Scratchpad, f.Hidden
		out = append(out, l)
	}
	return out
}
