package wm

import (
	"bytes"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/layout"
)

// fion keeps its whole layout in the X server: after every batch that changed the model, its
// serialized form (layout.State) goes to the root window property _FION_LAYOUT, which lives as long
// as the X server does. Whatever fion comes next (after a crash, restart, --replace or an upgrade)
// rebuilds the layout from it. Any client can write root properties, so what is read back is
// untrusted input: layout.Model.Restore takes what it can use and says what it leaves out.

// saveLayout writes the model's serialized form to _FION_LAYOUT when it differs from what was last
// written. It is one ChangeProperty request (or a few, past the server's request size), never a
// round trip. It runs after every batch, so it writes into a buffer it keeps (about 7 µs with 100
// windows, nothing allocated; layout.Model.AppendState) and compares.
func (w *WM) saveLayout() {
	w.layoutBuf = w.model.AppendState(w.layoutBuf[:0])
	if bytes.Equal(w.layoutBuf, w.savedLayout) {
		return
	}
	w.savedLayout, w.layoutBuf = w.layoutBuf, w.savedLayout
	w.x.WriteLayout(w.savedLayout)
}

// restore rebuilds the model from _FION_LAYOUT, if a fion before this one left it, for the windows
// about to be adopted: each goes back to its tile and tab place, or floats where it floated.
func (w *WM) restore(adopt []xproto.Window) {
	data, err := w.x.ReadLayout()
	switch {
	case err != nil:
		w.log.Printf("the saved layout is ignored: %v", err)
		return
	case data == nil:
		return
	}
	st, err := layout.DecodeState(data)
	if err != nil {
		w.log.Printf("the saved layout is ignored: %v", err)
		return
	}
	exists := map[layout.ClientID]bool{}
	for _, win := range adopt {
		exists[layout.ClientID(win)] = true
	}
	problems := w.model.Restore(st, w.screens(), func(c layout.ClientID) bool { return exists[c] })
	for _, p := range problems {
		w.debug.Printf("saved layout: %s", p)
	}
	if len(problems) > 0 {
		w.log.Printf("the saved layout is restored, but for %d things it held that were wrong or gone (see -v)", len(problems))
	}
	w.savedLayout = data
}
