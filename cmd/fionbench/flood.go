package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// floodTimeout bounds how long a new window or a control call may take behind a flood: a WM that
// needs longer is reported as not answering.
const floodTimeout = 120 * time.Second

// floodResult is what one run measured of a WM under a flood: one client maps windows and
// destroys them at once, so the WM gets MapRequests for windows that are already gone, and a
// user's new window and script must wait their turn behind them.
type floodResult struct {
	Windows   int     `json:"windows"`
	WindowMS  float64 `json:"window_ms"`            // a new window's MapWindow to MapNotify, from when the server has taken the flood
	ControlMS float64 `json:"control_ms,omitempty"` // the control client's whole round trip, from the same moment
}

// flood has a second connection create, map and destroy n windows, waits until the server has
// processed all of it, then at once maps one more window (on the bench's client) and runs the
// control client once (cr, when the WM has one), and times both from that moment.
func flood(ctx context.Context, display string, c *client, cr *clientRun, n int, wmExited <-chan struct{}) (floodResult, error) {
	res := floodResult{Windows: n}
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
			res.ControlMS = float64(d.Nanoseconds()) / 1e6
			control <- err
		}()
	}
	d, err := c.mapAndWaitFor(ctx, win, wmExited, floodTimeout)
	if err != nil {
		return res, fmt.Errorf("a new window behind the flood: %w", err)
	}
	res.WindowMS = float64(d.Nanoseconds()) / 1e6
	if cr != nil {
		select {
		case err := <-control:
			if err != nil {
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
