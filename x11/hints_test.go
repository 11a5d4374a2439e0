package x11

import (
	"encoding/binary"
	"testing"
)

// rawHints lays out a WM_NORMAL_HINTS value of n CARD32s: flags, then the given fields by index.
func rawHints(n int, flags uint32, fields map[int]int32) []byte {
	v := make([]byte, 4*n)
	if n > 0 {
		binary.LittleEndian.PutUint32(v, flags)
	}
	for i, f := range fields {
		if i < n {
			binary.LittleEndian.PutUint32(v[4*i:], uint32(f))
		}
	}
	return v
}

func TestParseSizeHints(t *testing.T) {
	const all = hintMinSize | hintMaxSize | hintResizeInc | hintBaseSize
	tests := []struct {
		name   string
		longs  int
		flags  uint32
		fields map[int]int32
		want   SizeHints
	}{
		{"empty value", 0, 0, nil, SizeHints{}},
		{"flags only (1 long)", 1, all, nil, SizeHints{}},
		{"no flags: values ignored", hintsLongs, 0, map[int]int32{5: 10, 6: 10, 7: 20, 8: 20}, SizeHints{}},
		{
			"xterm 6x13", hintsLongs, hintMinSize | hintResizeInc | hintBaseSize,
			map[int]int32{5: 10, 6: 17, 9: 6, 10: 13, 15: 4, 16: 4},
			SizeHints{MinW: 10, MinH: 17, IncW: 6, IncH: 13, BaseW: 4, BaseH: 4},
		},
		{
			"xterm -sb 7x14", hintsLongs, hintMinSize | hintResizeInc | hintBaseSize,
			map[int]int32{5: 26, 6: 18, 9: 7, 10: 14, 15: 19, 16: 4},
			SizeHints{MinW: 26, MinH: 18, IncW: 7, IncH: 14, BaseW: 19, BaseH: 4},
		},
		{
			"fixed dialog", hintsLongs, hintMinSize | hintMaxSize,
			map[int]int32{5: 300, 6: 200, 7: 300, 8: 200},
			SizeHints{MinW: 300, MinH: 200, MaxW: 300, MaxH: 200, BaseW: 300, BaseH: 200},
		},
		{"min from base", hintsLongs, hintBaseSize, map[int]int32{15: 40, 16: 30}, SizeHints{MinW: 40, MinH: 30, BaseW: 40, BaseH: 30}},
		{"base from min", hintsLongs, hintMinSize, map[int]int32{5: 40, 6: 30}, SizeHints{MinW: 40, MinH: 30, BaseW: 40, BaseH: 30}},
		{
			"base above min is kept", hintsLongs, hintMinSize | hintBaseSize,
			map[int]int32{5: 10, 6: 10, 15: 50, 16: 60},
			SizeHints{MinW: 10, MinH: 10, BaseW: 50, BaseH: 60},
		},
		{"all zero", hintsLongs, all, nil, SizeHints{}},
		{
			"65535 max is no maximum", hintsLongs, hintMaxSize,
			map[int]int32{7: 65535, 8: 0x7fffffff}, SizeHints{},
		},
		{"max between 32767 and 65535 is 32767", hintsLongs, hintMaxSize, map[int]int32{7: 40000, 8: 65534}, SizeHints{MaxW: 32767, MaxH: 32767}},
		{
			"huge min and base are 32767", hintsLongs, hintMinSize | hintBaseSize,
			map[int]int32{5: 65535, 6: 1 << 30, 15: 40000, 16: 32767},
			SizeHints{MinW: 32767, MinH: 32767, BaseW: 32767, BaseH: 32767},
		},
		{
			"negative values are not set", hintsLongs, all,
			map[int]int32{5: -1, 6: 20, 7: -5, 8: -1 << 31, 9: -3, 10: 4, 15: -100, 16: -1},
			SizeHints{MinH: 20, IncH: 4, BaseH: 20},
		},
		{
			"max below min is min", hintsLongs, hintMinSize | hintMaxSize,
			map[int]int32{5: 500, 6: 50, 7: 100, 8: 60},
			SizeHints{MinW: 500, MinH: 50, MaxW: 500, MaxH: 60, BaseW: 500, BaseH: 50},
		},
		{
			"max below a min taken from base", hintsLongs, hintMaxSize | hintBaseSize,
			map[int]int32{7: 10, 8: 10, 15: 40, 16: 5},
			SizeHints{MinW: 40, MinH: 5, MaxW: 40, MaxH: 10, BaseW: 40, BaseH: 5},
		},
		{"huge increments are not set", hintsLongs, hintResizeInc, map[int]int32{9: 16384, 10: 16383}, SizeHints{IncH: 16383}},
		{
			"short value: only the fields it holds", 9, all,
			map[int]int32{5: 10, 6: 10, 7: 100, 8: 100, 15: 3, 16: 3},
			SizeHints{MinW: 10, MinH: 10, MaxW: 100, MaxH: 100, BaseW: 10, BaseH: 10},
		},
		{
			"pre-ICCCM 15 longs: no base", 15, all,
			map[int]int32{5: 10, 6: 10, 9: 2, 10: 2},
			SizeHints{MinW: 10, MinH: 10, IncW: 2, IncH: 2, BaseW: 10, BaseH: 10},
		},
		{"a value cut mid-pair", 6, hintMinSize, map[int]int32{5: 10}, SizeHints{}},
	}
	for _, tt := range tests {
		if got := parseSizeHints(rawHints(tt.longs, tt.flags, tt.fields)); got != tt.want {
			t.Errorf("%s: parsed %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// A value with a trailing partial CARD32 (impossible from a server, but cheap to survive).
	if got := parseSizeHints([]byte{0x10, 0, 0}); got != (SizeHints{}) {
		t.Errorf("3-byte value parsed to %+v", got)
	}
}

func TestSizeHintsFixed(t *testing.T) {
	tests := []struct {
		h    SizeHints
		want bool
	}{
		{SizeHints{}, false},
		{SizeHints{MinW: 300, MinH: 200, MaxW: 300, MaxH: 200}, true},
		{SizeHints{MinW: 300, MinH: 200, MaxW: 300, MaxH: 0}, false},   // height free
		{SizeHints{MinW: 300, MinH: 200, MaxW: 300, MaxH: 201}, false}, // height resizable
		{SizeHints{MinW: 0, MinH: 0, MaxW: 0, MaxH: 0, BaseW: 5}, false},
		{SizeHints{MinW: 10, MinH: 10, MaxW: 20, MaxH: 10}, false},
	}
	for _, tt := range tests {
		if got := tt.h.Fixed(); got != tt.want {
			t.Errorf("%+v.Fixed() = %v, want %v", tt.h, got, tt.want)
		}
	}
}

func TestSizeHintsFit(t *testing.T) {
	xterm := SizeHints{MinW: 10, MinH: 17, IncW: 6, IncH: 13, BaseW: 4, BaseH: 4}
	xtermSB := SizeHints{MinW: 26, MinH: 18, IncW: 7, IncH: 14, BaseW: 19, BaseH: 4}
	tests := []struct {
		name         string
		h            SizeHints
		w, ht        int
		wantW, wantH int
	}{
		{"no hints: all of it", SizeHints{}, 800, 600, 800, 600},
		{"xterm 6x13 in 800x600", xterm, 800, 600, 796, 589},
		{"xterm 6x13 exact fit", xterm, 4 + 6*80, 4 + 13*24, 4 + 6*80, 4 + 13*24},
		{"xterm 7x14 in 1280x780", xtermSB, 1280, 780, 19 + 180*7, 4 + 55*14},
		{"xterm: smaller than min gives all there is", xterm, 8, 12, 8, 12},
		{"xterm: exactly min", xterm, 10, 17, 10, 17},
		{"max caps", SizeHints{MaxW: 300, MaxH: 200}, 800, 600, 300, 200},
		{"max bigger than the area", SizeHints{MaxW: 3000, MaxH: 2000}, 800, 600, 800, 600},
		{"fixed window", SizeHints{MinW: 300, MinH: 200, MaxW: 300, MaxH: 200}, 800, 600, 300, 200},
		{"fixed window bigger than the area", SizeHints{MinW: 900, MinH: 700, MaxW: 900, MaxH: 700}, 800, 600, 800, 600},
		{"min fits: no less than min", SizeHints{MinW: 500, MinH: 400}, 800, 600, 800, 600},
		{
			// base 0, inc 100: 700 fits under 750; min 720 is above it, so round up to 800, which is
			// more than the area: min itself.
			"min above the increments, rounding does not fit", SizeHints{MinW: 720, IncW: 100}, 750, 600, 720, 600,
		},
		{
			// base 5, inc 10, max 42: 35 is the last step under max; min 36 rounds up to 45, above
			// max, so min.
			"min rounded up exceeds max", SizeHints{MinW: 36, MaxW: 42, IncW: 10, BaseW: 5}, 800, 600, 36, 600,
		},
		{
			// base 0, inc 10, max 25 caps at 20; min 21 rounds up to 30 > max: 21.
			"rounding up to a whole increment", SizeHints{MinW: 21, MaxW: 25, IncW: 10}, 800, 600, 21, 600,
		},
		{
			// base 2, inc 10, max 40: steps 2,12,22,32; min 33 (> 32) rounds up to 42 > 40: 33.
			"min between steps, round up too big", SizeHints{MinW: 33, MaxW: 40, IncW: 10, BaseW: 2}, 800, 600, 33, 600,
		},
		{
			// base 2, inc 10, max 45: steps ..32,42; 42 >= min 33 already.
			"steps already above min", SizeHints{MinW: 33, MaxW: 45, IncW: 10, BaseW: 2}, 800, 600, 42, 600,
		},
		{"inc larger than the area", SizeHints{IncW: 1000, IncH: 1000}, 800, 600, 1, 1},
		{"inc larger than the area, with base", SizeHints{IncW: 1000, IncH: 1000, BaseW: 30, BaseH: 20}, 800, 600, 30, 20},
		{"inc larger than the area, with min", SizeHints{IncW: 1000, MinW: 50, BaseW: 50}, 800, 600, 50, 600},
		{"inc 1 is any size", SizeHints{IncW: 1, IncH: 1, BaseW: 3, BaseH: 3}, 801, 603, 801, 603},
		{"base larger than the area", SizeHints{IncW: 10, BaseW: 900, MinW: 10}, 800, 600, 800, 600},
		{"base above max: max", SizeHints{IncW: 10, BaseW: 500, MinW: 10, MaxW: 300}, 800, 600, 300, 600},
		{"zero area is 1x1", xterm, 0, 0, 1, 1},
		{"negative area is 1x1", SizeHints{}, -5, -1, 1, 1},
		{"1x1 area", xterm, 1, 1, 1, 1},
		{"65535 hints, sanitised", parseSizeHints(rawHints(hintsLongs, hintMinSize|hintMaxSize, map[int]int32{5: 65535, 6: 65535, 7: 65535, 8: 65535})), 800, 600, 800, 600},
	}
	for _, tt := range tests {
		w, h := tt.h.Fit(tt.w, tt.ht)
		if w != tt.wantW || h != tt.wantH {
			t.Errorf("%s: %+v.Fit(%d, %d) = %dx%d, want %dx%d", tt.name, tt.h, tt.w, tt.ht, w, h, tt.wantW, tt.wantH)
		}
	}
}

// Fit's promises hold for every combination of small hints: within the area, at most max, base
// plus whole increments or min or the whole limit, and at least min when min fits.
func TestSizeHintsFitPromises(t *testing.T) {
	for _, avail := range []int{1, 7, 50, 99} {
		for minV := 0; minV <= 60; minV += 6 {
			for maxV := 0; maxV <= 70; maxV += 7 {
				for inc := 0; inc <= 12; inc += 3 {
					for base := 0; base <= 40; base += 8 {
						h := SizeHints{MinW: minV, MaxW: maxV, IncW: inc, BaseW: base}.completed()
						got, _ := h.Fit(avail, 1)
						if got < 1 || got > avail {
							t.Fatalf("%+v.Fit(%d) = %d, outside 1..%d", h, avail, got, avail)
						}
						if h.MinW <= avail && got < h.MinW {
							t.Fatalf("%+v.Fit(%d) = %d, below min", h, avail, got)
						}
						if h.MaxW > 0 && h.MinW <= avail && got > h.MaxW {
							t.Fatalf("%+v.Fit(%d) = %d, above max", h, avail, got)
						}
						onStep := h.IncW <= 1 || got >= h.BaseW && (got-h.BaseW)%h.IncW == 0
						limit := avail
						if h.MaxW > 0 {
							limit = min(limit, h.MaxW)
						}
						if !onStep && got != h.MinW && got != limit && got != 1 {
							t.Fatalf("%+v.Fit(%d) = %d: not a whole increment, min or the limit", h, avail, got)
						}
					}
				}
			}
		}
	}
}
