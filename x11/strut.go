package x11

import (
	"encoding/binary"

	"github.com/jezek/xgb/xproto"
)

// Strut is _NET_WM_STRUT_PARTIAL (12 CARDINALs) or _NET_WM_STRUT (4; Partial false, starts/ends 0).
// Values are the client's, read as int32 (so a hostile 0xffffffff is -1); Bands clamps them.
type Strut struct {
	Left, Right, Top, Bottom                     int
	LeftStartY, LeftEndY, RightStartY, RightEndY int
	TopStartX, TopEndX, BottomStartX, BottomEndX int
	Partial                                      bool
}

// StrutBand is one reserved band in root coordinates along an edge of the root window.
type StrutBand struct {
	Side       string // "top", "bottom", "left", "right"
	X, Y, W, H int
}

// parseStrut reads a strut from the replies of _NET_WM_STRUT_PARTIAL and _NET_WM_STRUT. A partial
// strut shorter than 12 values is ignored (the plain one is used), as is a plain one shorter than 4.
func parseStrut(partial, plain *xproto.GetPropertyReply) (Strut, bool) {
	if v, ok := cardinals(partial, 12); ok {
		return Strut{
			Left: v[0], Right: v[1], Top: v[2], Bottom: v[3],
			LeftStartY: v[4], LeftEndY: v[5], RightStartY: v[6], RightEndY: v[7],
			TopStartX: v[8], TopEndX: v[9], BottomStartX: v[10], BottomEndX: v[11],
			Partial: true,
		}, true
	}
	if v, ok := cardinals(plain, 4); ok {
		return Strut{Left: v[0], Right: v[1], Top: v[2], Bottom: v[3]}, true
	}
	return Strut{}, false
}

// cardinals returns the first n 32-bit values of a reply as int32s; ok is false when the reply is
// missing, of another format or too short.
func cardinals(r *xproto.GetPropertyReply, n int) ([]int, bool) {
	if r == nil || r.Format != 32 || len(r.Value) < 4*n {
		return nil, false
	}
	v := make([]int, n)
	for i := range v {
		v[i] = int(int32(binary.LittleEndian.Uint32(r.Value[4*i:])))
	}
	return v, true
}

// ReadStrut reads only the strut properties of a window (after a PropertyNotify of either).
func (c *Conn) ReadStrut(w xproto.Window) (Strut, bool) {
	partial := c.getProp(w, "_NET_WM_STRUT_PARTIAL", 12)
	plain := c.getProp(w, "_NET_WM_STRUT", 4)
	return parseStrut(reply(partial), reply(plain))
}

// reply waits for a property reply; nil when the window is gone or the request failed.
func reply(ck xproto.GetPropertyCookie) *xproto.GetPropertyReply {
	r, err := ck.Reply()
	if err != nil {
		return nil
	}
	return r
}

// Bands turns a strut into bands in root coordinates, for a root window of rootW x rootH and a dock
// window at (x, y, w, h), in the order left, right, top, bottom. A partial strut's band runs from
// start to end (inclusive, as EWMH says); a plain strut's band runs along the dock window's own
// extent (x..x+w for top/bottom, y..y+h for left/right) so that a panel on one monitor reserves
// only there. Zero-width sides give no band.
//
// Absurd values are clamped to the root: a width beyond the root is the root's size, a start or
// end outside it is moved to its edge, and an end before its start (such as -1, "to the end")
// reserves the whole edge. A partial range wholly outside the root reserves nothing; a plain strut
// whose window lies outside the root (or has no size) reserves the whole edge, which is what EWMH
// says a plain strut means.
func (s Strut) Bands(rootW, rootH, x, y, w, h int) []StrutBand {
	if rootW < 1 || rootH < 1 {
		return nil
	}
	// span is a band's extent along an edge of length n, [from, to); ok is false for no band.
	span := func(start, end, winPos, winLen, n int) (from, to int, ok bool) {
		if !s.Partial {
			start, end = winPos, winPos+winLen-1
		}
		if end < start {
			return 0, n, true
		}
		from, to = max(start, 0), min(end, n-1)+1
		if from >= to {
			return 0, n, !s.Partial
		}
		return from, to, true
	}
	sides := []struct {
		side         string
		width        int // the strut's thickness, clamped to the root
		start, end   int // the partial range along the edge
		pos, length  int // the dock window's extent along the edge
		edge, across int // the root's length along and across the edge
	}{
		{"left", s.Left, s.LeftStartY, s.LeftEndY, y, h, rootH, rootW},
		{"right", s.Right, s.RightStartY, s.RightEndY, y, h, rootH, rootW},
		{"top", s.Top, s.TopStartX, s.TopEndX, x, w, rootW, rootH},
		{"bottom", s.Bottom, s.BottomStartX, s.BottomEndX, x, w, rootW, rootH},
	}
	var bands []StrutBand
	for _, sd := range sides {
		d := min(sd.width, sd.across)
		if d <= 0 {
			continue
		}
		from, to, ok := span(sd.start, sd.end, sd.pos, sd.length, sd.edge)
		if !ok {
			continue
		}
		b := StrutBand{Side: sd.side}
		switch sd.side {
		case "left":
			b.X, b.Y, b.W, b.H = 0, from, d, to-from
		case "right":
			b.X, b.Y, b.W, b.H = rootW-d, from, d, to-from
		case "top":
			b.X, b.Y, b.W, b.H = from, 0, to-from, d
		case "bottom":
			b.X, b.Y, b.W, b.H = from, rootH-d, to-from, d
		}
		bands = append(bands, b)
	}
	return bands
}
