package wm

import (
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// apply makes X show what the model says: frames where tiles are, clients in their frames, the
// active tabs of shown workspaces mapped and everything else unmapped (Iconic), bars that changed
// redrawn, the input focus and the EWMH properties. It sends only what differs from what it sent
// before, so calling it after every batch of events is cheap.
func (w *WM) apply() {
	m := w.model
	focusTile := m.Tile()
	live := make(map[int]bool, len(w.frames))
	var show, hide []*frame
	var mapClients, unmapClients []*client
	for _, s := range m.Screens {
		for wi, ws := range s.Workspaces {
			shown := wi == s.Current
			for _, p := range m.Layout(s, ws) {
				f := w.frame(p.Tile)
				live[f.tile] = true
				f.place(w, p, shown && p.Tile == focusTile)
				active, hasActive := p.Tile.Client()
				for _, id := range p.Tile.Tabs {
					c := w.clients[xproto.Window(id)]
					if c == nil {
						continue
					}
					w.placeClient(c, f, p)
					want := shown && hasActive && id == active
					switch {
					case want && !c.mapped:
						mapClients = append(mapClients, c)
					case !want && c.mapped:
						unmapClients = append(unmapClients, c)
					case want:
						w.setWMState(c, 1) // adopted mapped: no state from fion yet
					default:
						w.setWMState(c, 3)
					}
				}
				if shown {
					show = append(show, f)
				} else {
					hide = append(hide, f)
				}
			}
		}
	}
	for _, c := range mapClients {
		w.moved = true
		xproto.MapWindow(w.x.X, c.win)
		c.mapped = true
		w.setWMState(c, 1)
	}
	for _, f := range show {
		f.show(w)
		w.drawBar(f)
	}
	for _, f := range hide {
		f.hide(w)
	}
	for _, c := range unmapClients {
		w.moved = true
		xproto.UnmapWindow(w.x.X, c.win)
		c.mapped = false
		c.unmaps++
		w.setWMState(c, 3)
	}
	for id, f := range w.frames {
		if !live[id] {
			f.destroy(w)
		}
	}
	w.applyFocus()
	w.publishState()
	w.publishSwitches()
	if w.moved {
		// Enter events up to here come from windows fion moved under a still pointer.
		w.enterFence = xproto.NoOperation(w.x.X).Sequence
		w.moved = false
	}
}

// placeClient puts c into frame f at the client rectangle of placement p.
func (w *WM) placeClient(c *client, f *frame, p layout.Placement) {
	b := w.cfg.Border
	rel := layout.Rect{X: p.Client.X - p.Frame.X - b, Y: p.Client.Y - p.Frame.Y - b, W: p.Client.W, H: p.Client.H}
	if c.parent != f.win {
		if c.mapped {
			c.unmaps++ // reparenting a mapped window unmaps it first
			if c.parent == 0 {
				c.rootUnmaps++ // and the root, its parent until then, hears of it too
			}
		}
		if w.focused == c.win {
			w.focused = 0 // the server moves the focus away from a window being reparented
		}
		if c.parent == 0 {
			xproto.ConfigureWindow(w.x.X, c.win, xproto.ConfigWindowBorderWidth, []uint32{0})
		}
		w.moved = true
		xproto.ReparentWindow(w.x.X, c.win, f.win, int16(rel.X), int16(rel.Y))
		c.parent = f.win
		c.rel = layout.Rect{X: rel.X, Y: rel.Y, W: -1}
	}
	if c.rel != rel {
		w.moved = true
		xproto.ConfigureWindow(w.x.X, c.win,
			xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight,
			[]uint32{uint32(int32(rel.X)), uint32(int32(rel.Y)), uint32(rel.W), uint32(rel.H)})
		c.rel = rel
	}
	if c.root != p.Client {
		c.root = p.Client
		// Moving the frame alone gives the client no ConfigureNotify: tell it where it is now.
		w.x.SendConfigureNotify(c.win, p.Client.X, p.Client.Y, p.Client.W, p.Client.H)
	}
}

func (w *WM) setWMState(c *client, state uint32) {
	if c.wmState != state {
		w.x.SetWMState(c.win, state)
		c.wmState = state
	}
}
