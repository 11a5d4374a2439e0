package wm

import (
	"github.com/jezek/xgb/xproto"
)

// applyFocus gives the input focus to the active tab of the focused tile, the ICCCM way
// (4.1.7): SetInputFocus when the client takes input, WM_TAKE_FOCUS (with the timestamp of the
// event that caused it) when it asks for it, both when it wants both. With no client to focus,
// fion's own hidden window holds the focus, so keys never go to a window the user cannot see.
func (w *WM) applyFocus() {
	want := w.check
	if c := w.target(); c != nil {
		want = c.win
	}
	if want == w.focused {
		return
	}
	w.focused = want
	if want == w.check {
		w.announced = 0 // no client has the keys: the next one to get them is news
	}
	if c := w.clients[want]; c != nil && want != w.announced {
		w.announced = want // a reparent resets w.focused, not what subscribers were told
		w.publish("client.focus", c.event())
		if c.attention {
			// EWMH: the window manager clears DEMANDS_ATTENTION once the window is activated.
			c.attention = false
			w.noteUrgency(c, true)
		}
	}
	// SetInputFocus takes CurrentTime: the server carries it out in the order fion sent it, after
	// every focus change before it, which is all a window manager needs. WM_TAKE_FOCUS needs a
	// real time (ICCCM 4.1.7: a client answering it must use it), one fresh server timestamp taken
	// after the requests apply has sent: it must not be older than fion's own SetInputFocus, nor
	// than a focus change the server made on its own meanwhile (the focused window was just
	// unmapped), or the server ignores the client's. The time of the event that started it all
	// can be both. Only that case pays the round trip.
	c := w.clients[want]
	switch {
	case c == nil:
		w.setFocus(w.check)
	case c.props.Input:
		w.setFocus(c.win)
		if c.props.TakeFocus {
			w.x.SendProtocol(c.win, "WM_TAKE_FOCUS", w.freshTime())
		}
	case c.props.TakeFocus:
		w.x.SendProtocol(c.win, "WM_TAKE_FOCUS", w.freshTime())
	default:
		// The No Input model: the client never gets the keyboard.
		w.setFocus(w.check)
	}
}

// setFocus reverts to the parent (the frame) when the window goes away, so keys typed before fion
// focuses the next one are dropped rather than sent to whatever is under the pointer.
func (w *WM) setFocus(win xproto.Window) {
	xproto.SetInputFocus(w.x.X, xproto.InputFocusParent, win, xproto.TimeCurrentTime)
}

// freshTime is the server's time now (one round trip), or CurrentTime if it cannot be had.
func (w *WM) freshTime() xproto.Timestamp {
	if t, err := w.x.Timestamp(w.check); err == nil {
		return t
	}
	return xproto.TimeCurrentTime
}

// timestamp is the time of the event being handled, or a fresh server time when there is none
// (a command from a script, a window that closed). w.time is cleared after every batch.
func (w *WM) timestamp() xproto.Timestamp {
	if w.time != 0 {
		return w.time
	}
	if t, err := w.x.Timestamp(w.check); err == nil {
		w.time = t
	}
	return w.time
}

// focusedClient is the client with the keyboard, if any.
func (w *WM) focusedClient() *client { return w.target() }

// target is the client that should have the keyboard (the model decides: layout.Model.Target),
// or nil.
func (w *WM) target() *client {
	if id, ok := w.model.Target(); ok {
		return w.clients[xproto.Window(id)]
	}
	return nil
}

// noteUrgency keeps c's place in the queue of urgent clients and tells subscribers when its
// urgency changed (announce: the caller changed it, not the client's first properties).
func (w *WM) noteUrgency(c *client, announce bool) {
	was := c.urgentSeq != 0
	switch {
	case c.urgent() && !was:
		w.urgentSeq++
		c.urgentSeq = w.urgentSeq
	case !c.urgent() && was:
		c.urgentSeq = 0
	default:
		return
	}
	if announce {
		w.publish("client.urgent", c.event())
	}
}

// urgent reports whether c asks for attention: the urgency hint of WM_HINTS or
// _NET_WM_STATE_DEMANDS_ATTENTION.
func (c *client) urgent() bool { return c.props.Urgent || c.attention }

// oldestUrgent is the client that has asked for attention longest.
func (w *WM) oldestUrgent() *client {
	var best *client
	for _, c := range w.clients {
		if c.urgentSeq != 0 && (best == nil || c.urgentSeq < best.urgentSeq) {
			best = c
		}
	}
	return best
}
