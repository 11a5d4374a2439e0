package main

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/layout"
)

// stateResult is what keeping its state in the X server costs fion (issue 10): the size of
// _FION_LAYOUT with the bench's clients, the time to write that form (layout.Model.AppendState,
// which fion runs after every batch of events), and that time as a share of a map.
type stateResult struct {
	Clients int `json:"clients"` // the bench's windows fion manages, the warm-up one included
	Bytes   int `json:"bytes"`   // of _FION_LAYOUT, read from the root window
	// SaveUS is the median time of one AppendState of that state, in microseconds.
	SaveUS num `json:"save_us"`
	// MapMedianMS is the median map time of the same run, state saves included.
	MapMedianMS num `json:"map_median_ms"`
	// Share is SaveUS over the map median: what the saves cost a map, counting one batch
	// per map.
	Share num    `json:"share"`
	Note  string `json:"note,omitempty"`
}

// Timing AppendState: saveRounds rounds of saveLoops calls each; the median round counts.
const (
	saveRounds = 9
	saveLoops  = 2000
)

// keepState maps n windows on fion, reads _FION_LAYOUT and times writing that state.
func keepState(ctx context.Context, s *session, n int) (stateResult, error) {
	res := stateResult{Clients: n + 1}
	samples, err := s.c.mapWindows(ctx, n, s.p.exited)
	if err != nil {
		return res, err
	}
	res.MapMedianMS = num(median(samples))
	if err := settle(ctx, s.p); err != nil {
		return res, err
	}
	data, err := s.c.rootProperty("_FION_LAYOUT")
	if err != nil {
		return res, err
	}
	if data == nil {
		return res, fmt.Errorf("fion has set no _FION_LAYOUT on the root window with %d clients", res.Clients)
	}
	res.Bytes = len(data)
	var note string
	res.SaveUS, note, err = timeSave(data)
	if err != nil {
		return res, err
	}
	res.Note = note
	res.Share = num(ratio(float64(res.SaveUS)/1000, float64(res.MapMedianMS)))
	return res, nil
}

// timeSave rebuilds the model data holds, as a fion after a restart does, and times writing its
// state. note says when the rebuilt model does not write data back exactly.
func timeSave(data []byte) (us num, note string, err error) {
	st, err := layout.DecodeState(data)
	if err != nil {
		return 0, "", fmt.Errorf("_FION_LAYOUT: %w", err)
	}
	w, h, _ := xserver.ParseSize(screenSize)
	var specs []layout.ScreenSpec
	for _, sc := range st.Screens {
		specs = append(specs, layout.ScreenSpec{Name: sc.Name, Rect: layout.Rect{W: w, H: h}})
	}
	var names []string // fion's workspaces, as its config names them
	if len(st.Screens) > 0 {
		for _, ws := range st.Screens[0].Workspaces {
			names = append(names, ws.Name)
		}
	}
	m := layout.New(specs, names, layout.Style{BarHeight: 20, Border: 1, MinSize: 32})
	if problems := m.Restore(st, specs, func(layout.ClientID) bool { return true }); len(problems) > 0 {
		note = fmt.Sprintf("rebuilding fion's state: %s", problems[0])
	}
	buf := m.AppendState(nil)
	if note == "" && !bytes.Equal(buf, data) {
		note = fmt.Sprintf("the rebuilt model writes %d bytes where fion wrote %d", len(buf), len(data))
	}
	rounds := make([]float64, saveRounds)
	for r := range rounds {
		start := time.Now()
		for range saveLoops {
			buf = m.AppendState(buf[:0])
		}
		rounds[r] = float64(time.Since(start).Nanoseconds()) / 1e3 / saveLoops
	}
	return num(median(rounds)), note, nil
}
