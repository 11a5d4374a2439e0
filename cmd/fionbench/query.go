package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"slices"
	"time"

	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"

	"github.com/fion-wm/fion/internal/querybench"
)

// The query phase (issue 12, fion only): how soon fion's find-a-window prompt shows with many
// windows open.
const (
	queryWindows = 200         // windows fion manages when the prompt opens, the warm-up one included
	queryRounds  = 5           // prompts opened, typed into and closed in the session
	queryText    = "window 19" // typed into the prompt, a character at a time
	// queryTimeout bounds each wait for a drawing: the prompt, a list redrawn, the bar back.
	queryTimeout = 5 * time.Second
	keysymEscape = 0xff1b
)

// queryResult is the time from fion's query goto key (Mod4+g, as fion.toml.example binds it) to
// the prompt's first drawing, and from each character typed into it to the redrawn list, seen as
// a change of the tab bar's pixels (package querybench), over rounds in one session.
type queryResult struct {
	Windows int    `json:"windows"` // fion manages, the warm-up one included
	Typed   string `json:"typed"`
	// OpenSamples is each round's time to the first drawing, OpenMS their median.
	OpenSamples []float64 `json:"open_samples_ms"`
	OpenMS      num       `json:"open_median_ms"`
	OpenMaxMS   num       `json:"open_max_ms"`
	// KeySamples holds, by round, the time of each typed character.
	KeySamples [][]float64 `json:"key_samples_ms"`
	// KeyMedians is, by character, its median over the rounds; WorstKeyMS the largest of them,
	// the figure held to the target.
	KeyMedians []float64 `json:"key_medians_ms"`
	WorstKeyMS num       `json:"worst_key_ms"`
	// KeyMedianMS and KeyMaxMS are the median and the largest of every character of every round.
	KeyMedianMS num `json:"key_median_ms"`
	KeyMaxMS    num `json:"key_max_ms"`
}

// query maps windows-1 windows titled "window N", so that fion manages windows with the warm-up
// one, then rounds times opens the prompt over the last one's tab bar with Mod4+g, types
// queryText into it (each time measured by querybench.Measure), closes it with Escape and waits
// for the bar to show its tabs again, which also makes sure the prompt gave the keyboard back.
func query(ctx context.Context, s *session, windows, rounds int) (queryResult, error) {
	res := queryResult{Windows: windows, Typed: queryText}
	var last xproto.Window
	for i := 1; i < windows; i++ {
		title := fmt.Sprintf("window %d", i)
		win, err := s.c.newWindow(title)
		if err != nil {
			return res, err
		}
		if _, err := s.c.mapAndWait(ctx, win, s.p.exited); err != nil {
			return res, fmt.Errorf("window %q: %w", title, err)
		}
		last = win
	}
	if last == 0 {
		return res, fmt.Errorf("%d windows: the query phase needs at least 2, one of them the warm-up window", windows)
	}
	if err := settle(ctx, s.p); err != nil {
		return res, err
	}
	conn := s.c.conn
	bar, err := querybench.BarAbove(conn, last)
	if err != nil {
		return res, err
	}
	if bar.Empty() {
		return res, fmt.Errorf("the last window has no tab bar above it (%v): the prompt has nowhere to show", bar)
	}
	if err := xtest.Init(conn); err != nil {
		return res, fmt.Errorf("the X server has no XTEST extension to type with: %w", err)
	}
	escape, err := keycode(s.c, keysymEscape)
	if err != nil {
		return res, err
	}
	var runs []querybench.Result
	for i := 1; i <= rounds; i++ {
		tabs, err := grabBar(s.c, bar)
		if err != nil {
			return res, err
		}
		r, err := querybench.Measure(conn, bar, []uint32{querybench.SuperL}, 'g', queryText, queryTimeout)
		if err != nil {
			return res, fmt.Errorf("round %d of %d: %w", i, rounds, err)
		}
		runs = append(runs, r)
		root := s.c.screen.Root
		xtest.FakeInput(conn, xproto.KeyPress, byte(escape), 0, root, 0, 0, 0)
		xtest.FakeInput(conn, xproto.KeyRelease, byte(escape), 0, root, 0, 0, 0)
		err = poll(ctx, queryTimeout, time.Millisecond, s.p.exited, func() (bool, error) {
			now, err := grabBar(s.c, bar)
			return bytes.Equal(now, tabs), err
		})
		if err != nil {
			return res, fmt.Errorf("round %d of %d: after Escape the tab bar did not show its tabs again: %w", i, rounds, err)
		}
	}
	queryStats(&res, runs)
	return res, nil
}

// queryStats fills in res's figures, in milliseconds, from the rounds' measurements.
func queryStats(res *queryResult, runs []querybench.Result) {
	toMS := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
	res.OpenSamples, res.KeySamples, res.KeyMedians = nil, nil, nil
	var all []float64
	for _, r := range runs {
		res.OpenSamples = append(res.OpenSamples, toMS(r.Open))
		keys := make([]float64, len(r.Keys))
		for i, d := range r.Keys {
			keys[i] = toMS(d)
		}
		res.KeySamples = append(res.KeySamples, keys)
		all = append(all, keys...)
	}
	res.OpenMS, res.OpenMaxMS = num(median(res.OpenSamples)), maxOf(res.OpenSamples)
	res.KeyMedianMS, res.KeyMaxMS = num(median(all)), maxOf(all)
	chars := 0
	for _, keys := range res.KeySamples {
		chars = max(chars, len(keys))
	}
	for i := range chars {
		var xs []float64
		for _, keys := range res.KeySamples {
			if i < len(keys) {
				xs = append(xs, keys[i])
			}
		}
		res.KeyMedians = append(res.KeyMedians, median(xs))
	}
	res.WorstKeyMS = maxOf(res.KeyMedians)
}

// maxOf is the largest of xs, NaN when there is none.
func maxOf(xs []float64) num {
	if len(xs) == 0 {
		return num(math.NaN())
	}
	return num(slices.Max(xs))
}

// grabBar reads the rectangle bar of the root window.
func grabBar(c *client, bar image.Rectangle) ([]byte, error) {
	r, err := xproto.GetImage(c.conn, xproto.ImageFormatZPixmap, xproto.Drawable(c.screen.Root),
		int16(bar.Min.X), int16(bar.Min.Y), uint16(bar.Dx()), uint16(bar.Dy()), 0xffffffff).Reply()
	if err != nil {
		return nil, fmt.Errorf("reading the tab bar at %v: %w", bar, err)
	}
	return r.Data, nil
}

// keycode is a key that types sym on its first level.
func keycode(c *client, sym xproto.Keysym) (xproto.Keycode, error) {
	setup := xproto.Setup(c.conn)
	first := setup.MinKeycode
	r, err := xproto.GetKeyboardMapping(c.conn, first, byte(setup.MaxKeycode-first)+1).Reply()
	if err != nil {
		return 0, fmt.Errorf("reading the keyboard mapping: %w", err)
	}
	per := int(r.KeysymsPerKeycode)
	for i := 0; per > 0 && (i+1)*per <= len(r.Keysyms); i++ {
		if r.Keysyms[i*per] == sym {
			return first + xproto.Keycode(i), nil
		}
	}
	return 0, fmt.Errorf("no key of the X server's keyboard types the keysym %#x", sym)
}
