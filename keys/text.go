package keys

import (
	"unicode"

	"github.com/jezek/xgb/xproto"
)

// Typed returns the keysym a key press types into a text field: the level that the modifiers
// held choose (Shift, Caps Lock, NumLock on the keypad, AltGr) in the key's group, where Chord
// reads the key's first level for bindings. The group is the one the event state names, which a
// core client is told only on some servers; else the first. It is 0 for a key without one.
func (k *Keymap) Typed(code xproto.Keycode, state uint16) uint32 {
	groups := k.groups(code)
	if len(groups) == 0 {
		return 0
	}
	g := groups[0]
	if i := int(state>>13) & 3; i < len(groups) {
		g = groups[i]
	}
	level, _ := g.typ.level(state & modifierBits)
	if sym := g.sym(level); sym != 0 {
		return sym
	}
	return g.sym(0)
}

// keypadText is what the keypad's keys type when NumLock makes them type.
var keypadText = map[uint32]rune{
	0xff80: ' ', 0xffaa: '*', 0xffab: '+', 0xffac: ',', 0xffad: '-', 0xffae: '.', 0xffaf: '/', 0xffbd: '=',
	0xffb0: '0', 0xffb1: '1', 0xffb2: '2', 0xffb3: '3', 0xffb4: '4',
	0xffb5: '5', 0xffb6: '6', 0xffb7: '7', 0xffb8: '8', 0xffb9: '9',
}

// KeysymRune returns the character keysym sym types, or false for a key that types none (Return,
// an arrow, a function key, a dead key).
func KeysymRune(sym uint32) (rune, bool) {
	switch {
	case sym >= 0x20 && sym <= 0x7e, sym >= 0xa0 && sym <= 0xff:
		return rune(sym), true // Latin-1 keysyms are their code points
	case sym >= unicodeKeysymBase+0x100 && sym <= unicodeKeysymBase+unicode.MaxRune:
		r := rune(sym - unicodeKeysymBase)
		return r, unicode.IsPrint(r)
	}
	if r, ok := keypadText[sym]; ok {
		return r, true
	}
	for _, e := range keysymsByRune {
		if e[1] == sym {
			return rune(e[0]), unicode.IsPrint(rune(e[0]))
		}
	}
	return 0, false
}
