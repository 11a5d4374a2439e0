package keys

import (
	"errors"
	"fmt"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// xgb has no package for the X Keyboard Extension, so the two requests fion
// needs are written here from the protocol ("The X Keyboard Extension:
// Protocol Specification", and xcb-proto's xkb.xml).
const (
	xkbName         = "XKEYBOARD"
	xkbUseExtension = 0      // minor opcode
	xkbGetMap       = 8      // minor opcode
	xkbUseCoreKbd   = 0x0100 // device spec: the core keyboard
	xkbKeyTypes     = 1 << 0 // GetMap parts
	xkbKeySyms      = 1 << 1
)

// useXKB asks for XKB 1.0 on c and returns the extension's major opcode. A
// connection that has done this gets no core MappingNotify when a new
// keyboard map is loaded (setxkbmap), so it must not be the connection that
// needs those events.
func useXKB(c *xgb.Conn) (byte, error) {
	ext, err := xproto.QueryExtension(c, uint16(len(xkbName)), xkbName).Reply()
	if err != nil {
		return 0, err
	}
	if !ext.Present {
		return 0, errors.New("the X server has no XKEYBOARD extension")
	}
	req := make([]byte, 8)
	req[0], req[1] = ext.MajorOpcode, xkbUseExtension
	xgb.Put16(req[2:], uint16(len(req)/4))
	xgb.Put16(req[4:], 1) // wanted major version
	xgb.Put16(req[6:], 0) // wanted minor version
	reply, err := roundTrip(c, req)
	if err != nil {
		return 0, err
	}
	if len(reply) < 12 {
		return 0, fmt.Errorf("XKB UseExtension: a reply of %d bytes", len(reply))
	}
	if reply[1] == 0 {
		return 0, fmt.Errorf("the X server's XKB %d.%d does not support version 1.0", xgb.Get16(reply[8:]), xgb.Get16(reply[10:]))
	}
	return ext.MajorOpcode, nil
}

// requestMap sends GetMap for the key types and the keysyms of every key, and
// returns the raw reply.
func requestMap(c *xgb.Conn, major byte) ([]byte, error) {
	req := make([]byte, 28)
	req[0], req[1] = major, xkbGetMap
	xgb.Put16(req[2:], uint16(len(req)/4))
	xgb.Put16(req[4:], xkbUseCoreKbd)
	xgb.Put16(req[6:], xkbKeyTypes|xkbKeySyms) // full: all types, all keys
	return roundTrip(c, req)
}

// roundTrip sends a request that has a reply and waits for the reply.
func roundTrip(c *xgb.Conn, req []byte) ([]byte, error) {
	cookie := c.NewCookie(true, true)
	c.NewRequest(req, cookie)
	return cookie.Reply()
}

// The fixed part of a GetMap reply, before the parts it lists.
const (
	mapReplyHeader = 40
	keyTypeSize    = 8 // then its entries, then its preserve list
	typeEntrySize  = 8
	preserveSize   = 4
	keySymMapSize  = 8 // then its keysyms
	maxGroups      = 4
)

// errShortMap is returned for a GetMap reply that ends before the lengths it
// gives say it should.
var errShortMap = errors.New("XKB GetMap: the reply is shorter than it says")

// decodeMap reads a GetMap reply with the KeyTypes and KeySyms parts into the
// groups of each keycode from the returned first one. A server could send
// anything: every length is checked against the reply, and a reply that does
// not add up is an error, never a panic.
func decodeMap(reply []byte) (first xproto.Keycode, keys [][]group, err error) {
	if len(reply) < mapReplyHeader {
		return 0, nil, errShortMap
	}
	minCode, maxCode := reply[10], reply[11]
	present := xgb.Get16(reply[12:])
	firstType, nTypes := int(reply[14]), int(reply[15])
	firstKey, nKeys := int(reply[17]), int(reply[20])
	if present&(xkbKeyTypes|xkbKeySyms) != xkbKeyTypes|xkbKeySyms {
		return 0, nil, fmt.Errorf("XKB GetMap: the reply lacks the key types or keysyms (parts %#x)", present)
	}
	if maxCode < minCode {
		return 0, nil, fmt.Errorf("XKB GetMap: keycodes from %d to %d", minCode, maxCode)
	}
	d := mapDecoder{b: reply, off: mapReplyHeader}
	types := make([]*keyType, nTypes)
	for i := range types {
		if types[i], err = d.keyType(); err != nil {
			return 0, nil, err
		}
	}
	keys = make([][]group, int(maxCode)-int(minCode)+1)
	for i := 0; i < nKeys; i++ {
		groups, err := d.keySyms(types, firstType)
		if err != nil {
			return 0, nil, fmt.Errorf("%w (keycode %d)", err, firstKey+i)
		}
		if code := firstKey + i; code >= int(minCode) && code <= int(maxCode) {
			keys[code-int(minCode)] = groups
		}
	}
	return xproto.Keycode(minCode), keys, nil
}

// mapDecoder reads a GetMap reply from off on.
type mapDecoder struct {
	b   []byte
	off int
}

// take returns the next n bytes, or nil when fewer are left.
func (d *mapDecoder) take(n int) []byte {
	if n > len(d.b)-d.off {
		return nil
	}
	p := d.b[d.off : d.off+n]
	d.off += n
	return p
}

// keyType reads one KeyType: mask, real and virtual modifiers, levels, the
// number of entries and whether a preserve list follows them.
func (d *mapDecoder) keyType() (*keyType, error) {
	h := d.take(keyTypeSize)
	if h == nil {
		return nil, errShortMap
	}
	nEntries, preserve := int(h[5]), h[6] != 0
	t := &keyType{mask: uint16(h[0])}
	for i := 0; i < nEntries; i++ {
		// active, mask (real modifiers with the virtual ones resolved), level,
		// real modifiers, virtual modifiers (2), pad (2).
		e := d.take(typeEntrySize)
		if e == nil {
			return nil, errShortMap
		}
		if e[0] != 0 { // inactive: it names a virtual modifier bound to no real one
			t.entries = append(t.entries, typeEntry{mods: uint16(e[1]), level: int(e[2])})
		}
	}
	if preserve && d.take(nEntries*preserveSize) == nil {
		return nil, errShortMap
	}
	return t, nil
}

// keySyms reads one KeySymMap: the type of each group, the number of groups,
// the levels of each (width) and the keysyms, group by group.
func (d *mapDecoder) keySyms(types []*keyType, firstType int) ([]group, error) {
	h := d.take(keySymMapSize)
	if h == nil {
		return nil, errShortMap
	}
	nGroups, width, nSyms := min(int(h[4]&0x0f), maxGroups), int(h[5]), int(xgb.Get16(h[6:]))
	syms := d.take(nSyms * 4)
	if syms == nil {
		return nil, errShortMap
	}
	if nGroups == 0 {
		return nil, nil
	}
	groups := make([]group, nGroups)
	for g := range groups {
		t := int(h[g]) - firstType
		if t < 0 || t >= len(types) {
			return nil, fmt.Errorf("XKB GetMap: group %d has key type %d, and the reply has types %d to %d", g+1, h[g], firstType, firstType+len(types)-1)
		}
		groups[g] = group{typ: types[t], syms: make([]uint32, width)}
		for level := range width {
			if i := g*width + level; i < nSyms {
				groups[g].syms[level] = xgb.Get32(syms[4*i:])
			}
		}
	}
	return groups, nil
}
