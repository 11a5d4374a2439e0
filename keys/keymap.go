package keys

import (
	"reflect"
	"slices"

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

// Keymap is the server's keyboard mapping as of one Keyboard.Load: for each
// keycode, what it gives in each group (layout) at each shift level, the key
// type that says which modifiers choose the level, and which keycodes are
// modifiers. It is a value read once; load a new one when the mapping
// changes.
type Keymap struct {
	minCode   xproto.Keycode
	keys      [][]group           // by keycode from minCode: the key's groups, the first group first
	modifiers [8][]xproto.Keycode // keycodes of Shift, Lock, Control, Mod1..Mod5
	numLock   uint16
	locks     []uint16 // every combination of the lock masks, 0 first
	lockBits  uint16   // all lock masks together
}

// group is what one key gives in one group: a keysym for each level (0,
// NoSymbol, where it gives none), and the type that picks the level.
type group struct {
	typ  *keyType
	syms []uint32
}

// sym returns the keysym of level in g, 0 for none.
func (g group) sym(level int) uint32 {
	if level < 0 || level >= len(g.syms) {
		return 0
	}
	return g.syms[level]
}

// keyType is an XKB key type: the modifiers it looks at (mask), and which of
// their combinations choose which level. Modifiers outside the mask never
// change the level; a combination no entry names chooses level 0.
type keyType struct {
	mask    uint16
	entries []typeEntry // the active ones only
}

// typeEntry says that holding exactly mods (of the type's mask) chooses
// level (0 for the first).
type typeEntry struct {
	mods  uint16
	level int
}

// level returns the level that holding mods chooses, and the modifiers of
// the entry that chose it (none when no entry did: the modifiers of the mask
// that are held then change nothing, so they stay part of the chord).
func (t *keyType) level(mods uint16) (level int, used uint16) {
	m := mods & t.mask
	for _, e := range t.entries {
		if e.mods == m {
			return e.level, e.mods
		}
	}
	return 0, 0
}

// Combo is one physical key with modifiers: what a chord is on the current
// keyboard, and what X grabs.
type Combo struct {
	Code xproto.Keycode
	Mods uint16
}

// newKeymap builds a Keymap from the groups of each keycode from first, and
// the modifier mapping: perModifier keycodes (0 for none) for each of the 8
// modifiers.
func newKeymap(first xproto.Keycode, keys [][]group, perModifier int, modCodes []xproto.Keycode) *Keymap {
	k := &Keymap{minCode: first, keys: keys}
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
		if m != 0 && !slices.Contains(bits, m) {
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
			if slices.Contains(codes, code) {
				return 1 << mod
			}
		}
	}
	return 0
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

// groups returns the groups of code, none for a keycode outside the mapping.
func (k *Keymap) groups(code xproto.Keycode) []group {
	if code < k.minCode || int(code-k.minCode) >= len(k.keys) {
		return nil
	}
	return k.keys[code-k.minCode]
}

// Keycodes returns every keycode that has sym in any group at any level,
// each once, in keycode order.
func (k *Keymap) Keycodes(sym uint32) []xproto.Keycode {
	var out []xproto.Keycode
	for i, groups := range k.keys {
		for _, g := range groups {
			if slices.Contains(g.syms, sym) {
				out = append(out, k.minCode+xproto.Keycode(i))
				break
			}
		}
	}
	return out
}

// Resolve returns the keys and modifiers that make c on this keyboard, each
// once: every keycode that has c's keysym in some group and level. At the
// first level the chord's own modifiers are grabbed; at another, the chord's
// modifiers plus those that choose that level in the key's type ("Mod4+exclam"
// is Mod4+Shift on the "1" key of a US layout, "Mod4+bracketright" Mod4+Mod5,
// AltGr, on the "9" key of a German one). Entries that need a lock (Caps Lock
// choosing upper case) are left out: locks are never part of a chord. It is
// empty when no key produces the keysym.
func (k *Keymap) Resolve(c Chord) []Combo {
	if c.Keysym == 0 {
		return nil
	}
	var out []Combo
	add := func(combo Combo) {
		if !slices.Contains(out, combo) {
			out = append(out, combo)
		}
	}
	for i, groups := range k.keys {
		code := k.minCode + xproto.Keycode(i)
		for _, g := range groups {
			for level, sym := range g.syms {
				if sym != c.Keysym {
					continue
				}
				if level == 0 {
					add(Combo{Code: code, Mods: c.Mods})
					continue
				}
				for _, e := range g.typ.entries {
					// The chord's own modifiers must not move the key to another level:
					// Shift+bracketright is no key of a German layout, where Shift+AltGr+9 is plusminus.
					mods := c.Mods | e.mods
					if got, _ := g.typ.level(mods); e.level == level && e.mods&k.lockBits == 0 && got == level {
						add(Combo{Code: code, Mods: mods})
					}
				}
			}
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
		if slices.Contains(codes, code) {
			return true
		}
	}
	return false
}

// Same reports whether k and o are the same mapping: reading the keyboard
// again after a MappingNotify that changed nothing fion uses (the second of
// the pair setxkbmap causes) gives the same Keymap.
func (k *Keymap) Same(o *Keymap) bool {
	return o != nil && reflect.DeepEqual(k, o)
}

// ChordOf turns a key press into the chord to look up: the modifiers held,
// cleaned of locks, with the keysym of the first level of the key's first
// group. So "Mod4+Shift+1" matches the "1" key pressed with Mod4 and Shift.
// The chord also remembers every other way to read the press, for
// Map.Lookup: the first level of each other group (Mod4+s is the key that
// has s on it in any layout group of the keyboard, whichever group is
// active), then in each group the level the modifiers choose, together with
// the modifiers the key's type used to choose it (Mod4+Shift on the "1" key
// of a US layout reads as Mod4+exclam too).
func (k *Keymap) ChordOf(code xproto.Keycode, state uint16) Chord {
	mods := k.Clean(state)
	groups := k.groups(code)
	var readings []reading
	for _, g := range groups {
		if sym := g.sym(0); sym != 0 {
			readings = append(readings, reading{keysym: sym})
		}
	}
	for _, g := range groups {
		level, used := g.typ.level(mods)
		if sym := g.sym(level); sym != 0 {
			readings = append(readings, reading{keysym: sym, used: used})
		}
	}
	c := Chord{Mods: mods, readings: &readings}
	if len(groups) > 0 {
		c.Keysym = groups[0].sym(0)
	}
	return c
}
