package x11

import (
	"encoding/binary"
	"reflect"
	"testing"

	"github.com/jezek/xgb/xproto"
)

func TestStrutBands(t *testing.T) {
	const rootW, rootH = 2304, 800 // two monitors: 1280x800 at 0,0 and 1024x768 at 1280,0
	tests := []struct {
		name       string
		s          Strut
		x, y, w, h int // the dock window
		want       []StrutBand
	}{
		{"no strut", Strut{}, 0, 0, 100, 20, nil},
		{
			"partial top on the first monitor", Strut{Top: 20, TopStartX: 0, TopEndX: 1279, Partial: true},
			0, 0, 1280, 20, []StrutBand{{"top", 0, 0, 1280, 20}},
		},
		{
			"partial bottom on the second monitor",
			Strut{Bottom: 32 + 32, BottomStartX: 1280, BottomEndX: 2303, Partial: true}, // 768-high monitor: 32 + the 32 below it
			1280, 736, 1024, 32, []StrutBand{{"bottom", 1280, 736, 1024, 64}},
		},
		{
			"partial left", Strut{Left: 50, LeftStartY: 100, LeftEndY: 399, Partial: true},
			0, 100, 50, 300, []StrutBand{{"left", 0, 100, 50, 300}},
		},
		{
			"partial right", Strut{Right: 40, RightStartY: 0, RightEndY: 767, Partial: true},
			2264, 0, 40, 768, []StrutBand{{"right", 2264, 0, 40, 768}},
		},
		{
			"partial on every side, in order left right top bottom",
			Strut{Left: 1, Right: 2, Top: 3, Bottom: 4, LeftStartY: 10, LeftEndY: 19, RightStartY: 20, RightEndY: 29,
				TopStartX: 30, TopEndX: 39, BottomStartX: 40, BottomEndX: 49, Partial: true},
			0, 0, 1, 1,
			[]StrutBand{{"left", 0, 10, 1, 10}, {"right", 2302, 20, 2, 10}, {"top", 30, 0, 10, 3}, {"bottom", 40, 796, 10, 4}},
		},
		{
			"plain top runs along the window", Strut{Top: 24},
			1280, 0, 1024, 24, []StrutBand{{"top", 1280, 0, 1024, 24}},
		},
		{
			"plain left runs along the window", Strut{Left: 30},
			0, 200, 30, 400, []StrutBand{{"left", 0, 200, 30, 400}},
		},
		{
			"plain bottom, window partly beyond the root", Strut{Bottom: 20},
			2000, 780, 600, 20, []StrutBand{{"bottom", 2000, 780, 304, 20}},
		},
		{
			"plain right, window outside the root: the whole edge", Strut{Right: 20},
			5000, 5000, 20, 100, []StrutBand{{"right", 2284, 0, 20, 800}},
		},
		{
			"plain top, window of no width: the whole edge", Strut{Top: 20},
			10, 0, 0, 20, []StrutBand{{"top", 0, 0, 2304, 20}},
		},
		{
			"partial ignores the window", Strut{Top: 20, TopStartX: 100, TopEndX: 199, Partial: true},
			1500, 0, 300, 20, []StrutBand{{"top", 100, 0, 100, 20}},
		},
		{
			"end before start: the whole edge", Strut{Top: 20, TopStartX: 500, TopEndX: 100, Partial: true},
			0, 0, 1, 1, []StrutBand{{"top", 0, 0, 2304, 20}},
		},
		{
			"end -1: the whole edge", Strut{Left: 20, LeftStartY: 0, LeftEndY: -1, Partial: true},
			0, 0, 1, 1, []StrutBand{{"left", 0, 0, 20, 800}},
		},
		{
			"start and end beyond the root are clamped", Strut{Bottom: 10, BottomStartX: -50, BottomEndX: 99999, Partial: true},
			0, 0, 1, 1, []StrutBand{{"bottom", 0, 790, 2304, 10}},
		},
		{
			"a range wholly beyond the root: no band", Strut{Top: 10, TopStartX: 3000, TopEndX: 3500, Partial: true},
			0, 0, 1, 1, nil,
		},
		{
			"thickness beyond the root is the root", Strut{Top: 5000, Left: 99999, TopStartX: 0, TopEndX: 9, LeftStartY: 0, LeftEndY: 9, Partial: true},
			0, 0, 1, 1, []StrutBand{{"left", 0, 0, 2304, 10}, {"top", 0, 0, 10, 800}},
		},
		{
			"negative thickness (huge as int32) is none", Strut{Top: -1, Bottom: -100, Left: 0, Right: 5, RightStartY: 0, RightEndY: 9, Partial: true},
			0, 0, 1, 1, []StrutBand{{"right", 2299, 0, 5, 10}},
		},
		{
			"zero sides give no band, even with ranges", Strut{TopStartX: 0, TopEndX: 100, LeftStartY: 0, LeftEndY: 100, Partial: true},
			0, 0, 1, 1, nil,
		},
		{
			"single pixel range", Strut{Top: 5, TopStartX: 7, TopEndX: 7, Partial: true},
			0, 0, 1, 1, []StrutBand{{"top", 7, 0, 1, 5}},
		},
	}
	for _, tt := range tests {
		got := tt.s.Bands(rootW, rootH, tt.x, tt.y, tt.w, tt.h)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Bands = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := (Strut{Top: 10}).Bands(0, 0, 0, 0, 10, 10); got != nil {
		t.Errorf("Bands of an empty root = %v", got)
	}
}

func TestParseStrut(t *testing.T) {
	reply := func(format byte, vals ...int32) *xproto.GetPropertyReply {
		b := make([]byte, 4*len(vals))
		for i, v := range vals {
			binary.LittleEndian.PutUint32(b[4*i:], uint32(v))
		}
		return &xproto.GetPropertyReply{Format: format, Value: b}
	}
	partial := reply(32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	plain := reply(32, 40, 30, 20, 10)
	tests := []struct {
		name           string
		partial, plain *xproto.GetPropertyReply
		want           Strut
		ok             bool
	}{
		{"neither", nil, nil, Strut{}, false},
		{"partial wins", partial, plain, Strut{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, true}, true},
		{"plain", nil, plain, Strut{Left: 40, Right: 30, Top: 20, Bottom: 10}, true},
		{"short partial falls back to plain", reply(32, 1, 2, 3, 4), plain, Strut{Left: 40, Right: 30, Top: 20, Bottom: 10}, true},
		{"short plain", nil, reply(32, 1, 2), Strut{}, false},
		{"wrong format", reply(8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), reply(16, 1, 2, 3, 4), Strut{}, false},
		{"absent properties (format 0)", reply(0), reply(0), Strut{}, false},
		{"negative values stay negative for Bands", nil, reply(32, -1, 0, 0, 0), Strut{Left: -1}, true},
	}
	for _, tt := range tests {
		got, ok := parseStrut(tt.partial, tt.plain)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: parseStrut = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
