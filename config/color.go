package config

import (
	"fmt"
	"strconv"
)

// Color is an RGB colour as 0xRRGGBB.
type Color uint32

// ParseColor reads "#rrggbb" or "#rgb" (hexadecimal, either case); "#abc" is "#aabbcc".
func ParseColor(s string) (Color, bool) {
	if len(s) != 7 && len(s) != 4 || s[0] != '#' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return 0, false
	}
	if len(s) == 4 { // each digit doubled: 0xabc -> 0xaabbcc
		r, g, b := n>>8&0xf, n>>4&0xf, n&0xf
		n = r*0x110000 + g*0x1100 + b*0x11
	}
	return Color(n), true
}

// String gives the colour as "#rrggbb".
func (c Color) String() string { return fmt.Sprintf("#%06x", uint32(c)) }

// RGB returns the red, green and blue parts.
func (c Color) RGB() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }
