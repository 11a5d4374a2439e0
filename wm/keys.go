package wm

import (
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/keys"
)

// Escape and Return leave a key mode or a key chain even when the config binds neither, so the
// keyboard can never be stuck in a mode.
var (
	escape = keys.Chord{Keysym: 0xff1b}
	enter  = keys.Chord{Keysym: 0xff0d}
)

// openKeyboard opens what reads the keyboard mapping, and reads it. Without XKB only the first
// two groups of the core mapping are read, and fion says so.
func (w *WM) openKeyboard() {
	kb, err := keys.NewKeyboard(w.x.X, w.x.Display)
	if err != nil {
		w.log.Printf("%v; reading the core keyboard mapping instead, where keys reached with AltGr or in a third layout are not found", err)
		kb = keys.CoreKeyboard(w.x.X)
	}
	w.keyboard = kb
	w.readKeyboard()
}

// readKeyboard reads the keyboard mapping, and reports whether it is not the one fion had: a
// MappingNotify may change nothing fion uses (setxkbmap sends two, for the keys and for the
// modifiers, which may come in two batches of events). It runs at start and, from settle, once
// after a batch of events with MappingNotify.
func (w *WM) readKeyboard() bool {
	km, err := w.keyboard.Load()
	if err != nil {
		w.log.Printf("cannot read the keyboard mapping: %v", err)
		return false
	}
	if km.Same(w.keymap) {
		return false
	}
	w.keymap = km
	return true
}

// loadKeys builds the key maps of the config and grabs their first chords. It runs at start and
// on reload.
func (w *WM) loadKeys() {
	bindings, err := w.cfg.Map()
	if err != nil {
		w.log.Printf("%v", err)
	}
	w.bindings = bindings
	w.modes = map[string]*keys.Map{}
	for name := range w.cfg.Modes {
		if m, ok := w.cfg.ModeMap(name); ok {
			w.modes[name] = m
		}
	}
	w.grabKeys()
}

// grabKeys grabs every first chord of the bindings on the root window, on the keyboard as last
// read, and lets go of the grabs no chord needs any more. A chord follows its keysym to wherever
// a new layout puts it.
func (w *WM) grabKeys() {
	if w.keymap == nil {
		return
	}
	var roots []keys.Chord
	if w.bindings != nil {
		roots = w.bindings.Roots()
	}
	grabs, errs := keys.Update(w.x.X, w.x.Root, w.keymap, roots, w.grabs)
	w.grabs = grabs
	for _, e := range errs {
		w.log.Printf("%v", e)
	}
}

// keyPress runs the binding of a chord: from the default bindings, from a key chain under way, or
// from the current mode.
func (w *WM) keyPress(e xproto.KeyPressEvent) {
	if e.Event != w.x.Root {
		return // not from fion's grabs
	}
	// The chord grabs freeze the keyboard (keys.Grab) until fion lets it go: at once for most
	// commands, and only once the new grabs are in place for those that change them (a chain, a
	// mode, a reload), so the next key goes to the right place. Only a press that came through a
	// grab may thaw: another could thaw a freeze still waiting its turn.
	thawed := false
	thaw := func() {
		if !thawed {
			thawed = true
			xproto.AllowEvents(w.x.X, xproto.AllowAsyncKeyboard, e.Time)
		}
	}
	defer thaw()
	if w.keymap == nil || w.keymap.IsModifier(e.Detail) || w.tabDragKey(e) {
		return
	}
	if w.prompt != nil {
		w.promptKey(e)
		return
	}
	chord := w.keymap.ChordOf(e.Detail, e.State)
	m := w.bindings
	if w.mode != "" {
		m = w.modes[w.mode]
	}
	if m == nil {
		return
	}
	bound, text, step := m.Lookup(w.chain, chord)
	w.debug.Printf("key %s in mode %q after %v: %v %q", chord, w.mode, w.chain, step, text)
	switch step {
	case keys.Prefix:
		if len(w.chain) == 0 && w.mode == "" {
			if err := w.grabKeyboard(); err != nil {
				w.log.Printf("key chain %s: %v", chord, err)
				return
			}
			w.chainTimer()
		}
		w.chain = bound
		return
	case keys.NoMatch:
		inChain := len(w.chain) > 0
		w.chain = nil
		if w.mode != "" && (chord.Equal(escape) || chord.Equal(enter)) {
			w.setMode("default")
		} else if inChain && w.mode == "" {
			w.ungrabKeyboard()
		}
		return
	}
	if len(w.chain) > 0 && w.mode == "" {
		w.ungrabKeyboard()
	}
	w.chain = nil
	cmd, err := command.Parse(text)
	if err != nil {
		w.log.Printf("binding %s: %v", keys.FormatSequence(bound), err) // the config validator makes this unlikely
		return
	}
	if cmd.Name != "mode" && cmd.Name != "reload" && cmd.Name != "query" { // query: once it holds the keyboard
		thaw()
	}
	w.publish("binding.run", Binding{Keys: keys.FormatSequence(bound), Command: text, Mode: w.mode})
	if cmd.Name == "reload" {
		thawed = true // by the reload, once its new grabs are in place
		w.reloadThen(func() { xproto.AllowEvents(w.x.X, xproto.AllowAsyncKeyboard, e.Time) })
		return
	}
	if err := w.Run1(cmd); err != nil {
		w.log.Printf("%s: %v", cmd, err)
	}
}

// setMode enters a key mode ("default" or "" leaves it). While a mode is on, fion holds the
// keyboard: every key goes to the mode's bindings.
func (w *WM) setMode(name string) error {
	if name == "default" {
		name = ""
	}
	if name != "" {
		if _, ok := w.modes[name]; !ok {
			return errorf("no mode %q in the config; add a [modes.%s] table", name, name)
		}
	}
	switch {
	case w.mode == "" && name != "" && len(w.chain) == 0:
		if err := w.grabKeyboard(); err != nil {
			return errorf("cannot enter mode %q: %v", name, err)
		}
	case w.mode != "" && name == "":
		w.ungrabKeyboard()
	}
	w.mode = name
	w.chain = nil
	return nil
}

// grabKeyboard takes the whole keyboard for a key chain or a mode. It fails when another program
// holds it (a menu, a screen locker): then the chain or mode must not start, or the user would
// be left with keys that reach nobody.
func (w *WM) grabKeyboard() error {
	r, err := xproto.GrabKeyboard(w.x.X, false, w.x.Root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
	if err != nil {
		return err
	}
	if r.Status != xproto.GrabStatusSuccess {
		return errorf("another program holds the keyboard")
	}
	return nil
}

// chainWait is how long a key chain waits for its next key: a prefix pressed by mistake must not
// hold the keyboard (and keep a screen locker from locking) for ever.
const chainWait = 3 * time.Second

// chainTimer ends the chain starting now if it is still waiting after chainWait.
func (w *WM) chainTimer() {
	w.chains++
	id := w.chains
	time.AfterFunc(chainWait, func() {
		w.post(func() {
			if id == w.chains && len(w.chain) > 0 && w.mode == "" {
				w.chain = nil
				w.ungrabKeyboard()
			}
		})
	})
}

func (w *WM) ungrabKeyboard() {
	xproto.UngrabKeyboard(w.x.X, xproto.TimeCurrentTime)
}
