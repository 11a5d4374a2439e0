package x11

import "encoding/binary"

// SizeHints are WM_NORMAL_HINTS made safe: every field >= 0; 0 means "not set".
type SizeHints struct {
	MinW, MinH   int // PMinSize (else PBaseSize, as ICCCM says)
	MaxW, MaxH   int // PMaxSize; 0 = no maximum
	IncW, IncH   int // PResizeInc; 0 or 1 = any size
	BaseW, BaseH int // PBaseSize (else PMinSize)
	// StaticGravity: PWinGravity is StaticGravity, so the position the client asks for is its own
	// window's, not its frame's outer corner (ICCCM 4.1.2.3).
	StaticGravity bool
}

// WM_SIZE_HINTS flags (ICCCM 4.1.2.3) and the index of each field, in CARD32s.
const (
	hintMinSize   = 1 << 4
	hintMaxSize   = 1 << 5
	hintResizeInc = 1 << 6
	hintBaseSize  = 1 << 8
	hintGravity   = 1 << 9
	staticGravity = 10

	hintsLongs = 18 // flags, 4 obsolete, min, max, inc, 4 aspect, base, gravity
	idxMin     = 5
	idxMax     = 7
	idxInc     = 9
	idxBase    = 15
	idxGravity = 17
)

// The largest size X can give a window is 32767 (an INT16 position plus a CARD16 size would allow
// more, but no server draws there); hints beyond it are clamped rather than trusted.
const (
	maxSize   = 32767
	noMaximum = 65535 // max hints at or above this mean "no maximum" (GTK writes G_MAXINT)
	maxInc    = maxSize / 2
)

// parseSizeHints sanitises the raw WM_NORMAL_HINTS value (CARD32s, LSB first, as xgb hands them
// over). A short value (a hostile or pre-ICCCM client) sets only the fields it holds.
func parseSizeHints(v []byte) SizeHints {
	longs := len(v) / 4
	if longs < 1 {
		return SizeHints{}
	}
	flags := binary.LittleEndian.Uint32(v)
	// pair reads the two values at index i when the flag is set and the value has them.
	pair := func(flag uint32, i int) (a, b int, ok bool) {
		if flags&flag == 0 || longs < i+2 {
			return 0, 0, false
		}
		return int(int32(binary.LittleEndian.Uint32(v[4*i:]))),
			int(int32(binary.LittleEndian.Uint32(v[4*(i+1):]))), true
	}
	var h SizeHints
	if a, b, ok := pair(hintMinSize, idxMin); ok {
		h.MinW, h.MinH = clampSize(a), clampSize(b)
	}
	if a, b, ok := pair(hintMaxSize, idxMax); ok {
		h.MaxW, h.MaxH = clampMax(a), clampMax(b)
	}
	if a, b, ok := pair(hintResizeInc, idxInc); ok {
		h.IncW, h.IncH = clampInc(a), clampInc(b)
	}
	if a, b, ok := pair(hintBaseSize, idxBase); ok {
		h.BaseW, h.BaseH = clampSize(a), clampSize(b)
	}
	if flags&hintGravity != 0 && longs > idxGravity {
		h.StaticGravity = binary.LittleEndian.Uint32(v[4*idxGravity:]) == staticGravity
	}
	return h.completed()
}

// completed fills what ICCCM says to infer (min from base and base from min) and makes the
// maximum no smaller than the minimum.
func (h SizeHints) completed() SizeHints {
	h.MinW, h.BaseW = either(h.MinW, h.BaseW), either(h.BaseW, h.MinW)
	h.MinH, h.BaseH = either(h.MinH, h.BaseH), either(h.BaseH, h.MinH)
	if h.MaxW != 0 && h.MaxW < h.MinW {
		h.MaxW = h.MinW
	}
	if h.MaxH != 0 && h.MaxH < h.MinH {
		h.MaxH = h.MinH
	}
	return h
}

// either is v, or fallback when v is not set.
func either(v, fallback int) int {
	if v != 0 {
		return v
	}
	return fallback
}

// clampSize makes a min or base value safe: negative is not set, huge is the largest size.
func clampSize(v int) int { return min(max(v, 0), maxSize) }

// clampMax makes a max value safe: negative or 65535 and more (the "unbounded" values toolkits
// write) is no maximum.
func clampMax(v int) int {
	if v < 0 || v >= noMaximum {
		return 0
	}
	return min(v, maxSize)
}

// clampInc makes an increment safe: negative or more than half the largest size is not set.
func clampInc(v int) int {
	if v < 0 || v > maxInc {
		return 0
	}
	return v
}

// Fixed reports a window that cannot be resized: min == max, both set, in both directions.
func (h SizeHints) Fixed() bool {
	return h.MinW > 0 && h.MinW == h.MaxW && h.MinH > 0 && h.MinH == h.MaxH
}

// Fit returns the largest size no bigger than w x h that the hints allow: at most max, base plus a
// whole number of increments, at least min when min fits in w x h (else as large as fits). Never
// below 1x1, never above w x h (unless w or h is below 1).
func (h SizeHints) Fit(w, ht int) (int, int) {
	return fitSide(w, h.MinW, h.MaxW, h.IncW, h.BaseW), fitSide(ht, h.MinH, h.MaxH, h.IncH, h.BaseH)
}

// fitSide fits one direction of a window into avail pixels.
func fitSide(avail, minV, maxV, inc, base int) int {
	if avail < 1 {
		return 1 // X has no empty windows
	}
	if minV > avail {
		// The hints cannot be met here; the window gets all there is rather than less.
		return avail
	}
	limit := avail
	if maxV > 0 {
		limit = min(limit, maxV)
	}
	size := limit
	if inc > 1 && base <= limit {
		size = base + (limit-base)/inc*inc
	}
	// size is the largest whole increment within the limit, so a whole increment at or above min
	// would be no larger than size: when size is below min, no increment fits, and min it is.
	size = max(size, minV)
	return max(size, 1)
}
