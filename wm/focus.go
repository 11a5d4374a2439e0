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
	if id, ok := w.model.Client(); ok && w.clients[xproto.Window(id)] != nil {
		want = xproto.Window(id)
	}
	if want == w.focused {
		return
	}
	w.focused = want
	c := w.clients[want]
	switch {
	case c == nil:
		w.setFocus(w.check)
	case c.props.Input:
		w.setFocus(c.win)
		if c.props.TakeFocus {
			w.x.SendProtocol(c.win, "WM_TAKE_FOCUS", w.timestamp())
		}
	case c.props.TakeFocus:
		w.x.SendProtocol(c.win, "WM_TAKE_FOCUS", w.timestamp())
	default:
		// The No Input model: the client never gets the keyboard.
		w.setFocus(w.check)
	}
}

// setFocus uses CurrentTime: a command from a key binding has a timestamp, but one from a script
// may not, and a stale timestamp makes the server ignore the request silently.
func (w *WM) setFocus(win xproto.Window) {
	xproto.SetInputFocus(w.x.X, xproto.InputFocusPointerRoot, win, xproto.TimeCurrentTime)
}

// timestamp is the time of the event being handled, or a fresh server time when there is none.
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
func (w *WM) focusedClient() *client {
	if id, ok := w.model.Client(); ok {
		return w.clients[xproto.Window(id)]
	}
	return nil
}
