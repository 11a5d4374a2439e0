package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// floodTimeout bounds how long a new window or a control call may take behind a flood: a WM that
// needs longer is reported as not answering within it (its figure is missing, with a note), and
// the bench goes on.
const floodTimeout = 30 * time.Second

// floodResult is what one run measured of a WM under a flood: one client maps windows and
// destroys them at once, so the WM gets MapRequests for windows that are already gone, and a
// user's new window and script must wait their turn behind them.
type floodResult struct {
	Windows   int `json:"windows"`
	WindowMS  num `json:"window_ms"`  // a new window's MapWindow to MapNotify, from when the server has taken the flood
	ControlMS num `json:"control_ms"` // the control client's whole round trip, from the same moment
	// Note says what did not answer within floodTimeout; its figure is missing (NaN).
	Note string `json:"note,omitempty"`
}

// flood has a second connection create, map and destroy n windows, waits until the server has
// processed all of it, then at once maps one more window (on the bench's client) and runs the
// control client once (cr, when the WM has one), and times both from that moment.
func flood(ctx context.Context, display string, c *client, cr *clientRun, n int, wmExited <-chan struct{}) (floodResult, error) {
	res := floodResult{Windows: n, WindowMS: num(math.NaN()), ControlMS: num(math.NaN())}
	fc, err := xgb.NewConnDisplay(display)
	if err != nil {
		return res, fmt.Errorf("connecting the flooding client: %w", err)
	}
	defer fc.Close()
	root := xproto.Setup(fc).DefaultScreen(fc).Root
	for range n {
		win, err := xproto.NewWindowId(fc)
		if err != nil {
			return res, fmt.Errorf("flooding: %w", err)
		}
		xproto.CreateWindow(fc, 0, win, root, 0, 0, 10, 10, 0, xproto.WindowClassInputOutput, 0, 0, nil)
		xproto.MapWindow(fc, win)
		xproto.DestroyWindow(fc, win)
	}
	win, err := c.newWindow("bench after the flood")
	if err != nil {
		return res, err
	}
	if _, err := xproto.GetInputFocus(fc).Reply(); err != nil {
		return res, fmt.Errorf("flooding: %w", err)
	}
	control := make(chan error, 1)
	if cr != nil {
		go func() {
			null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
			if err != nil {
				control <- err
				return
			}
			defer null.Close()
			cctx, cancel := context.WithTimeout(ctx, floodTimeout)
			defer cancel()
			d, err := cr.timeWith(cctx, null)
			if err == nil {
				res.ControlMS = num(float64(d.Nanoseconds()) / 1e6)
			} else if errors.Is(cctx.Err(), context.DeadlineExceeded) {
				err = errLate
			}
			control <- err
		}()
	}
	d, err := c.mapAndWaitFor(ctx, win, wmExited, floodTimeout)
	switch {
	case errors.Is(err, errLate):
		res.Note = fmt.Sprintf("the new window was not mapped within %v", floodTimeout)
	case err != nil:
		return res, fmt.Errorf("a new window behind the flood: %w", err)
	default:
		res.WindowMS = num(float64(d.Nanoseconds()) / 1e6)
	}
	if cr != nil {
		select {
		case err := <-control:
			switch {
			case errors.Is(err, errLate):
				res.Note = strings.TrimPrefix(fmt.Sprintf("%s; %s got no answer within %v", res.Note, cr, floodTimeout), "; ")
			case err != nil:
				return res, fmt.Errorf("%s behind the flood: %w", cr, err)
			}
		case <-ctx.Done():
			return res, ctx.Err()
		}
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return res, ctx.Err()
	}
	return res, nil
}
