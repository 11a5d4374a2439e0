package keys

import (
	"fmt"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Keyboard reads the X server's keyboard mapping into a Keymap.
//
// The exact mapping, with every group (layout) and level of every key and
// the key types that say which modifiers reach a level, is XKB's. It is read
// through a connection of the Keyboard's own: a connection that turns XKB on
// stops getting the core MappingNotify that a new layout (setxkbmap) sends,
// and the caller's connection also keeps the core rules for its key grabs and
// event states, which let a grab fire in any group.
type Keyboard struct {
	c     *xgb.Conn // the caller's: the modifier map, and the core mapping without XKB
	xkb   *xgb.Conn // nil when the core mapping is read
	major byte      // XKB's major opcode on xkb
}

// NewKeyboard opens the connection to display that reads XKB's mapping for
// c's server. When it fails, use CoreKeyboard.
func NewKeyboard(c *xgb.Conn, display string) (*Keyboard, error) {
	xc, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("cannot open a connection for XKB: %w", err)
	}
	major, err := useXKB(xc)
	if err != nil {
		xc.Close()
		return nil, err
	}
	// It selects no events; whatever comes anyway is drained, so that xgb's
	// queue never fills and stops the replies.
	go func() {
		for {
			if ev, err := xc.WaitForEvent(); ev == nil && err == nil {
				return
			}
		}
	}()
	return &Keyboard{c: c, xkb: xc, major: major}, nil
}

// CoreKeyboard reads the core keyboard mapping through c, for a server
// without XKB. The core mapping has no key types and cannot tell a third
// group from a third level, so only the first two groups are read, with
// Shift choosing the second level.
func CoreKeyboard(c *xgb.Conn) *Keyboard {
	return &Keyboard{c: c}
}

// Close closes the Keyboard's own connection.
func (kb *Keyboard) Close() {
	if kb.xkb != nil {
		kb.xkb.Close()
	}
}

// Load reads the keyboard and modifier mappings (requests sent together).
// Call it again when MappingNotify says the keyboard or modifier mapping
// changed.
func (kb *Keyboard) Load() (*Keymap, error) {
	modifiers := xproto.GetModifierMapping(kb.c)
	first, keys, kerr := kb.keys()
	mr, merr := modifiers.Reply()
	if kerr != nil {
		return nil, fmt.Errorf("reading the keyboard mapping: %w", kerr)
	}
	if merr != nil {
		return nil, fmt.Errorf("reading the modifier mapping: %w", merr)
	}
	return newKeymap(first, keys, int(mr.KeycodesPerModifier), mr.Keycodes), nil
}

// keys reads the groups of every keycode, from XKB or else the core mapping.
func (kb *Keyboard) keys() (xproto.Keycode, [][]group, error) {
	if kb.xkb != nil {
		reply, err := requestMap(kb.xkb, kb.major)
		if err != nil {
			return 0, nil, err
		}
		return decodeMap(reply)
	}
	setup := xproto.Setup(kb.c)
	first, last := setup.MinKeycode, setup.MaxKeycode
	r, err := xproto.GetKeyboardMapping(kb.c, first, byte(int(last)-int(first)+1)).Reply()
	if err != nil {
		return 0, nil, err
	}
	return first, coreGroups(int(r.KeysymsPerKeycode), r.Keysyms), nil
}

// coreGroups reads a core keyboard mapping, perCode keysyms per keycode, the
// way XKB writes one: columns 0 and 1 are the first group's first two
// levels, columns 2 and 3 the second group's. A group with nothing at its
// second level has one level; otherwise Shift chooses the second.
func coreGroups(perCode int, syms []xproto.Keysym) [][]group {
	if perCode <= 0 {
		return nil
	}
	oneLevel := &keyType{}
	twoLevel := &keyType{mask: xproto.ModMaskShift, entries: []typeEntry{{mods: xproto.ModMaskShift, level: 1}}}
	col := func(row []xproto.Keysym, i int) uint32 {
		if i < len(row) {
			return uint32(row[i])
		}
		return 0
	}
	keys := make([][]group, len(syms)/perCode)
	for i := range keys {
		row := syms[i*perCode : (i+1)*perCode]
		for g := 0; g < 2; g++ {
			plain, shifted := col(row, 2*g), col(row, 2*g+1)
			switch {
			case g > 0 && plain == 0 && shifted == 0:
			case shifted == 0:
				keys[i] = append(keys[i], group{typ: oneLevel, syms: []uint32{plain}})
			default:
				keys[i] = append(keys[i], group{typ: twoLevel, syms: []uint32{plain, shifted}})
			}
		}
	}
	return keys
}
