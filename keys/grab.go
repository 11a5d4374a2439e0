package keys

import (
	"fmt"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Grab asks X to send win's key presses of chords to this client, whatever
// locks are on: every keycode of each chord's keysym (Keymap.Resolve) with
// every lock combination (Keymap.LockMasks). The requests are unchecked, for
// speed; a chord another client holds is silently not grabbed (use
// GrabChecked at startup to report those), and a chord no key produces is
// skipped.
//
// The keyboard is grabbed in synchronous mode: after a grabbed chord it freezes until the grabber
// calls AllowEvents. Keys typed right after a chord that opens a key chain or a mode are then held
// by the server until the grabber has taken the whole keyboard, instead of reaching a client.
func Grab(c *xgb.Conn, win xproto.Window, km *Keymap, chords []Chord) {
	for _, chord := range chords {
		for _, combo := range km.Resolve(chord) {
			for _, lock := range km.locks {
				xproto.GrabKey(c, false, win, combo.Mods|lock, combo.Code, xproto.GrabModeAsync, xproto.GrabModeSync)
			}
		}
	}
}

// GrabChecked grabs like Grab and reports, one error per chord, the chords
// that could not be grabbed: taken by another client (BadAccess), or
// produced by no key of this keyboard.
func GrabChecked(c *xgb.Conn, win xproto.Window, km *Keymap, chords []Chord) []error {
	_, errs := Update(c, win, km, chords, nil)
	return errs
}

// Grabs is a set of key grabs held on one window: a keycode with its whole
// modifier mask, locks included.
type Grabs map[Combo]bool

// Update makes the grabs on win those that chords need under km: it grabs
// what have lacks and then releases what have holds that is no longer needed,
// and returns the new set with one error per chord that could not be grabbed
// (as GrabChecked). A grab that stays is never released on the way, so a
// chord pressed while fion follows a new keyboard mapping or reloads its
// config still reaches it.
func Update(c *xgb.Conn, win xproto.Window, km *Keymap, chords []Chord, have Grabs) (Grabs, []error) {
	type pending struct {
		chord   Chord
		combos  []Combo
		cookies []xproto.GrabKeyCookie
	}
	var errs []error
	var sent []pending
	want := Grabs{}
	for _, chord := range chords {
		combos := km.Resolve(chord)
		if len(combos) == 0 {
			errs = append(errs, fmt.Errorf("chord %q: no key on this keyboard produces %s (check the key name with xev)", chord, KeysymName(chord.Keysym)))
			continue
		}
		p := pending{chord: chord}
		for _, combo := range combos {
			for _, lock := range km.locks {
				g := Combo{Code: combo.Code, Mods: combo.Mods | lock}
				if want[g] {
					continue
				}
				want[g] = true
				if !have[g] {
					p.combos = append(p.combos, g)
					p.cookies = append(p.cookies, xproto.GrabKeyChecked(c, false, win, g.Mods, g.Code, xproto.GrabModeAsync, xproto.GrabModeSync))
				}
			}
		}
		sent = append(sent, p)
	}
	for g := range have {
		if !want[g] {
			xproto.UngrabKey(c, g.Code, win, g.Mods)
		}
	}
	// One round trip settles every request sent before it, so the checks
	// below do not each wait for one.
	c.Sync()
	for _, p := range sent {
		var first error
		for i, cookie := range p.cookies {
			if err := cookie.Check(); err != nil {
				// Not held: left out, so the next Update tries again.
				delete(want, p.combos[i])
				if first == nil {
					first = err
				}
			}
		}
		switch first.(type) {
		case nil:
		case xproto.AccessError:
			errs = append(errs, fmt.Errorf("chord %q is already grabbed by another client (another window manager or hotkey program?); pick another chord or stop that program", p.chord))
		default:
			errs = append(errs, fmt.Errorf("grabbing chord %q: %v", p.chord, first))
		}
	}
	return want, errs
}

// UngrabAll releases every key grab this client holds on win, before
// grabbing again with a new Keymap or new bindings.
func UngrabAll(c *xgb.Conn, win xproto.Window) {
	xproto.UngrabKey(c, xproto.GrabAny, win, xproto.ModMaskAny)
}
