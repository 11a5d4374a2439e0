package keys

import (
	"encoding/binary"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"
)

// encodeMap writes the GetMap reply an X server sends for km's key types and
// keysyms, laid out as the protocol says: the 40-byte header, each key type
// with its entries (each followed here by an inactive entry, which must be
// skipped) and a preserve list, then each keycode's KeySymMap.
func encodeMap(km *Keymap) []byte {
	le := binary.LittleEndian
	var types []*keyType
	typeIndex := func(t *keyType) byte {
		i := slices.Index(types, t)
		if i < 0 {
			types = append(types, t)
			i = len(types) - 1
		}
		return byte(i)
	}
	var symMaps []byte
	for _, groups := range km.keys {
		width := 0
		for _, g := range groups {
			width = max(width, len(g.syms))
		}
		h := make([]byte, keySymMapSize)
		for i, g := range groups {
			h[i] = typeIndex(g.typ)
		}
		h[4], h[5] = byte(len(groups)), byte(width)
		le.PutUint16(h[6:], uint16(len(groups)*width))
		for _, g := range groups {
			for level := 0; level < width; level++ {
				h = le.AppendUint32(h, g.sym(level))
			}
		}
		symMaps = append(symMaps, h...)
	}
	var typeBytes []byte
	for _, t := range types {
		levels := 1
		for _, e := range t.entries {
			levels = max(levels, e.level+1)
		}
		n := len(t.entries) + 1
		typeBytes = append(typeBytes, byte(t.mask), byte(t.mask), 0, 0, byte(levels), byte(n), 1, 0)
		for _, e := range t.entries {
			// active, mask, level, real modifiers, virtual modifiers, pad
			typeBytes = append(typeBytes, 1, byte(e.mods), byte(e.level), byte(e.mods), 0, 0, 0, 0)
		}
		typeBytes = append(typeBytes, 0, 0, 1, 0, 0x40, 0, 0, 0) // a virtual modifier bound to nothing
		typeBytes = append(typeBytes, make([]byte, n*preserveSize)...)
	}
	reply := make([]byte, mapReplyHeader)
	reply[0] = 1 // a reply
	reply[10], reply[11] = byte(km.minCode), byte(int(km.minCode)+len(km.keys)-1)
	le.PutUint16(reply[12:], xkbKeyTypes|xkbKeySyms)
	reply[14], reply[15], reply[16] = 0, byte(len(types)), byte(len(types))
	reply[17], reply[20] = byte(km.minCode), byte(len(km.keys))
	reply = append(append(reply, typeBytes...), symMaps...)
	le.PutUint32(reply[4:], uint32(len(reply)-32)/4)
	return reply
}

// The decoder reads back what the encoder wrote, for every test layout.
func TestDecodeMap(t *testing.T) {
	for name, keys := range map[string]map[xproto.Keycode]string{"us": usKeys, "de": deKeys, "ru,us": ruUSKeys, "fr": frKeys} {
		km := testLayout(t, keys)
		first, got, err := decodeMap(encodeMap(km))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if first != km.minCode || !reflect.DeepEqual(got, km.keys) {
			t.Errorf("%s: decodeMap gives keycodes from %d:\n%v\nwant from %d:\n%v", name, first, got, km.minCode, km.keys)
		}
	}
}

// A reply that says one thing and holds another is an error, never a panic
// or a read past its end.
func TestDecodeMapBrokenReplies(t *testing.T) {
	good := encodeMap(testLayout(t, deKeys))
	for n := 0; n < len(good); n++ {
		if _, _, err := decodeMap(good[:n]); err == nil {
			t.Fatalf("a reply cut to %d of its %d bytes decodes without error", n, len(good))
		}
	}
	for _, tt := range []struct {
		name   string
		change func(b []byte)
		err    string // part of the message; "" for any
	}{
		{"no keysyms", func(b []byte) { b[12] = xkbKeyTypes }, "lacks the key types or keysyms"},
		{"keycodes backwards", func(b []byte) { b[10], b[11] = 200, 100 }, "keycodes from 200 to 100"},
		{"types numbered from 5", func(b []byte) { b[14] = 5 }, "has key type 0, and the reply has types 5 to"},
		// The last keycode has no keysyms: its KeySymMap ends the reply with their number.
		{"more keysyms than there are", func(b []byte) { binary.LittleEndian.PutUint16(b[len(b)-2:], 0xffff) }, "shorter than it says (keycode 255)"},
		{"more keys than there are", func(b []byte) { b[20] = 255 }, "shorter than it says"},
		{"more types than there are", func(b []byte) { b[15] = 255 }, ""},
		{"more entries than there are", func(b []byte) { b[mapReplyHeader+5] = 255 }, ""},
	} {
		b := slices.Clone(good)
		tt.change(b)
		if _, _, err := decodeMap(b); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: decodeMap error %v; want one saying %q", tt.name, err, tt.err)
		}
	}
}

func FuzzDecodeMap(f *testing.F) {
	f.Add(encodeMap(testLayout(f, ruUSKeys)))
	f.Add(make([]byte, mapReplyHeader))
	f.Fuzz(func(t *testing.T, reply []byte) {
		first, keys, err := decodeMap(reply)
		if err != nil {
			return
		}
		for i, groups := range keys {
			if len(groups) > maxGroups {
				t.Fatalf("keycode %d has %d groups", int(first)+i, len(groups))
			}
			for _, g := range groups {
				g.typ.level(0xff)
			}
		}
	})
}
