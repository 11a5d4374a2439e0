package keys

import (
	"fmt"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Keysyms of the lock keys whose modifiers Keymap finds and ignores.
const (
	keysymNumLock    = 0xff7f
	keysymScrollLock = 0xff14
)

// modifierBits are the state bits that are modifiers (Shift..Mod5). Event
// states also carry pointer buttons (bits 8-12) and, under XKB, the layout
// group (bits 13-14); neither is part of a chord.
const modifierBits = 0xff

// Keymap is the server's keyboard mapping as of one LoadKeymap: which
// keysyms each keycode has, and which keycodes are modifiers. It is a value
// read once; load a new one on MappingNotify.
type Keymap struct {
	minCode   xproto.Keycode
	perCode   int                 // keysyms per keycode (columns)
	syms      []xproto.Keysym     // perCode columns for each keycode from minCode
	modifiers [8][]xproto.Keycode // keycodes of Shift, Lock, Control, Mod1..Mod5
	numLock   uint16
	locks     []uint16 // every combination of the lock masks, 0 first
	lockBits  uint16   // all lock masks together
}

// Combo is one physical key with modifiers: what a chord is on the current
// keyboard, and what X grabs.
type Combo struct {
	Code xproto.Keycode
	Mods uint16
}

// LoadKeymap reads the keyboard and modifier mappings (two requests, sent
// together). Call it again when MappingNotify says the keyboard or modifier
// mapping changed.
func LoadKeymap(c *xgb.Conn) (*Keymap, error) {
	setup := xproto.Setup(c)
	first, last := setup.MinKeycode, setup.MaxKeycode
	keyboard := xproto.GetKeyboardMapping(c, first, byte(int(last)-int(first)+1))
	modifiers := xproto.GetModifierMapping(c)
	kr, kerr := keyboard.Reply()
	mr, merr := modifiers.Reply()
	if kerr != nil {
		return nil, fmt.Errorf("reading the keyboard mapping: %w", kerr)
	}
	if merr != nil {
		return nil, fmt.Errorf("reading the modifier mapping: %w", merr)
	}
	return newKeymap(first, int(kr.KeysymsPerKeycode), kr.Keysyms, int(mr.KeycodesPerModifier), mr.Keycodes), nil
}

// newKeymap builds a Keymap from the two replies' contents: perCode keysyms
// for each keycode from first, and perModifier keycodes (0 for none) for each
// of the 8 modifiers.
func newKeymap(first xproto.Keycode, perCode int, syms []xproto.Keysym, perModifier int, modCodes []xproto.Keycode) *Keymap {
	k := &Keymap{minCode: first, perCode: perCode, syms: syms}
	for mod := 0; mod < 8; mod++ {
		for i := 0; i < perModifier && mod*perModifier+i < len(modCodes); i++ {
			if code := modCodes[mod*perModifier+i]; code != 0 {
				k.modifiers[mod] = append(k.modifiers[mod], code)
			}
		}
	}
	k.numLock = k.lockModifier(keysymNumLock)
	bits := []uint16{xproto.ModMaskLock}
	for _, m := range []uint16{k.numLock, k.lockModifier(keysymScrollLock)} {
		if m != 0 && !containsMask(bits, m) {
			bits = append(bits, m)
		}
	}
	k.locks = combinations(bits)
	for _, b := range bits {
		k.lockBits |= b
	}
	return k
}

// lockModifier is the mask of the modifier (Mod1..Mod5) that a key
// producing sym is on, or 0 when no such key is a modifier. A lock on Shift
// or Control would make those unusable in chords, so they are not looked at.
func (k *Keymap) lockModifier(sym uint32) uint16 {
	codes := k.Keycodes(sym)
	for mod := 3; mod < 8; mod++ {
		for _, code := range k.modifiers[mod] {
			for _, c := range codes {
				if c == code {
					return 1 << mod
				}
			}
		}
	}
	return 0
}

func containsMask(masks []uint16, m uint16) bool {
	for _, x := range masks {
		if x == m {
			return true
		}
	}
	return false
}

// combinations returns every OR of a subset of bits, starting with 0.
func combinations(bits []uint16) []uint16 {
	out := []uint16{0}
	for _, b := range bits {
		for _, m := range out {
			out = append(out, m|b)
		}
	}
	return out
}

// Keysym returns the keysym in column col of code, 0 (NoSymbol) when there is
// none.
func (k *Keymap) Keysym(code xproto.Keycode, col int) uint32 {
	if code < k.minCode || col < 0 || col >= k.perCode {
		return 0
	}
	i := int(code-k.minCode)*k.perCode + col
	if i >= len(k.syms) {
		return 0
	}
	return uint32(k.syms[i])
}

// levels returns what code gives without and with Shift in the first
// group. A key with only column 1 filled gives that keysym either way.
func (k *Keymap) levels(code xproto.Keycode) (plain, shifted uint32) {
	plain, shifted = k.Keysym(code, 0), k.Keysym(code, 1)
	if plain == 0 {
		plain = shifted
	}
	return plain, shifted
}

// codes returns every keycode in the mapping.
func (k *Keymap) codes() []xproto.Keycode {
	if k.perCode == 0 {
		return nil
	}
	n := len(k.syms) / k.perCode
	out := make([]xproto.Keycode, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, k.minCode+xproto.Keycode(i))
	}
	return out
}

// Keycodes returns every keycode that has sym in column 0 or 1 (the first
// group), each once, in keycode order.
func (k *Keymap) Keycodes(sym uint32) []xproto.Keycode {
	var out []xproto.Keycode
	for _, code := range k.codes() {
		if k.Keysym(code, 0) == sym || k.Keysym(code, 1) == sym {
			out = append(out, code)
		}
	}
	return out
}

// Resolve returns the keys and modifiers that make c on this keyboard: every
// keycode with c's keysym, with Shift added where the keysym is in column 1
// ("Mod4+exclam" is Mod4+Shift on the "1" key of a US layout). It is empty
// when no key produces the keysym.
func (k *Keymap) Resolve(c Chord) []Combo {
	var out []Combo
	for _, code := range k.codes() {
		plain, shifted := k.levels(code)
		switch c.Keysym {
		case 0:
		case plain:
			out = append(out, Combo{Code: code, Mods: c.Mods})
		case shifted:
			out = append(out, Combo{Code: code, Mods: c.Mods | xproto.ModMaskShift})
		}
	}
	return out
}

// LockMasks returns the modifier masks to grab every chord with so that it
// works whatever locks are on: every combination of CapsLock's Lock mask,
// the mask NumLock is on and the mask ScrollLock is on, starting with 0.
func (k *Keymap) LockMasks() []uint16 {
	return append([]uint16(nil), k.locks...)
}

// NumLockMask returns the modifier mask NumLock is on, 0 if it is on none.
func (k *Keymap) NumLockMask() uint16 { return k.numLock }

// Clean returns the modifiers of an event state that belong in a chord:
// without the lock masks, pointer buttons and XKB group bits.
func (k *Keymap) Clean(state uint16) uint16 {
	return state & modifierBits &^ k.lockBits
}

// IsModifier reports whether code is a modifier key (Shift_L, Super_L, ...),
// so a bare modifier press can be ignored while a key chain waits.
func (k *Keymap) IsModifier(code xproto.Keycode) bool {
	for _, codes := range k.modifiers {
		for _, c := range codes {
			if c == code {
				return true
			}
		}
	}
	return false
}

// ChordOf turns a key press into the chord to look up: the keysym in column 0
// of its keycode and the modifiers held, cleaned of locks. So "Mod4+Shift+1"
// matches the "1" key pressed with Mod4 and Shift. When Shift is held, the
// chord also remembers column 1 (exclam) so a binding written "Mod4+exclam"
// matches too; letters need no such help since their upper case is parsed
// as lower case plus Shift.
func (k *Keymap) ChordOf(code xproto.Keycode, state uint16) Chord {
	plain, shifted := k.levels(code)
	c := Chord{Mods: k.Clean(state), Keysym: plain}
	if c.Mods&xproto.ModMaskShift == 0 || shifted == 0 || shifted == plain {
		return c
	}
	if lower, ok := lowerKeysym(shifted); ok && lower == plain {
		return c
	}
	c.shifted = shifted
	return c
}
