package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jezek/xgb/xproto"
)

// stormResult is what the title storm measured of one WM: one window's title (_NET_WM_NAME and
// WM_NAME) set rate times a second for a while, as a terminal running top or a browser does all
// day.
type stormResult struct {
	Changes int     `json:"changes"`
	Seconds float64 `json:"seconds"` // how long the bench took to send them (the machine may lag the rate)
	CPUMS   float64 `json:"cpu_ms"`  // the WM and its children, from the first change until it has settled
	// TitleShownMS is the time from the last change until the WM last drew into the tab bar
	// of the window (DAMAGE on the bar window); fion only, NaN when not measured.
	TitleShownMS num `json:"title_shown_ms"`
	// Redraws counts the drawings into the bar during the storm (DAMAGE rectangles).
	Redraws int64  `json:"bar_redraws,omitempty"`
	Note    string `json:"note,omitempty"`
}

// pace returns when change i (from 0) of a storm at rate changes a second started at start is
// due.
func pace(start time.Time, i, rate int) time.Time {
	return start.Add(time.Duration(int64(i) * int64(time.Second) / int64(rate)))
}

// storm maps one window and sets its title rate times a second for d, then measures the WM's
// CPU time from the first change until it has settled. For fion (barWatch), it watches the
// window's tab bar with DAMAGE and times the last drawing into it from the last change, then
// checks with fionctl tree that fion knows the final title.
func storm(ctx context.Context, s *session, rate int, d time.Duration, barWatch bool) (stormResult, error) {
	res := stormResult{TitleShownMS: num(math.NaN())}
	c, p := s.c, s.p
	atoms, err := c.titleAtoms()
	if err != nil {
		return res, err
	}
	win, err := c.newWindow("storm 0")
	if err != nil {
		return res, err
	}
	if _, err := c.mapAndWait(ctx, win, p.exited); err != nil {
		return res, fmt.Errorf("the storm's window: %w", err)
	}
	if barWatch {
		if note := watchBar(c, win); note != "" {
			res.Note = note
			barWatch = false
		}
	}
	if err := settle(ctx, p); err != nil {
		return res, err
	}
	before, err := familyUsage(p.pid())
	if err != nil {
		return res, err
	}
	redrawsBefore := c.damages.Load()

	n := int(int64(rate) * int64(d) / int64(time.Second))
	start := time.Now()
	var title string
	for i := range n {
		// Pacing the storm, not waiting for anything: each change goes out when it is due, at
		// once when the bench is behind.
		if wait := time.Until(pace(start, i, rate)); wait > 0 {
			select {
			case <-time.After(wait):
			case <-p.exited:
				return res, errors.New("the WM exited during the title storm")
			case <-ctx.Done():
				return res, ctx.Err()
			}
		}
		title = fmt.Sprintf("storm %d", i+1)
		c.setTitle(win, atoms, title)
	}
	// A round trip: the server has taken every change.
	if _, err := xproto.GetInputFocus(c.conn).Reply(); err != nil {
		return res, fmt.Errorf("after the title storm: %w", err)
	}
	last := time.Now()
	res.Changes, res.Seconds = n, last.Sub(start).Seconds()
	if err := settleWithin(ctx, p, workTimeout); err != nil {
		return res, err
	}
	after, err := familyUsage(p.pid())
	if err != nil {
		return res, err
	}
	res.CPUMS = cpuMS(before, after)
	if !barWatch {
		return res, nil
	}
	res.Redraws = c.damages.Load() - redrawsBefore
	drawn := time.Unix(0, c.lastDamage.Load())
	if drawn.Before(last) {
		res.Note = "fion drew nothing into the tab bar after the last change"
	} else {
		res.TitleShownMS = num(float64(drawn.Sub(last).Nanoseconds()) / 1e6)
	}
	if err := s.showsTitle(title); err != nil {
		res.Note = strings.TrimPrefix(res.Note+"; "+err.Error(), "; ")
	}
	return res, nil
}

// watchBar watches the drawing into the tab bar of win's frame: the frame's (win's parent's)
// child that is not one of the bench's windows. It returns why not when there is no such window.
func watchBar(c *client, win xproto.Window) string {
	frame, _, err := c.tree(win)
	if err != nil {
		return err.Error()
	}
	if frame == c.screen.Root {
		return "the window was not reparented: no tab bar to watch"
	}
	_, kids, err := c.tree(frame)
	if err != nil {
		return err.Error()
	}
	// The frame holds the tile's clients (the bench's windows, the warm-up one too) and its bar.
	setup := xproto.Setup(c.conn)
	var bars []xproto.Window
	for _, k := range kids {
		if uint32(k)&^setup.ResourceIdMask != setup.ResourceIdBase {
			bars = append(bars, k)
		}
	}
	if len(bars) != 1 {
		return fmt.Sprintf("the frame of the window has %d children that are not the bench's, want 1 (its tab bar)", len(bars))
	}
	if err := c.watchDrawing(bars[0]); err != nil {
		return err.Error()
	}
	return ""
}

// showsTitle checks with the WM's control client (fionctl tree) that it knows title.
func (s *session) showsTitle(title string) error {
	cr := s.control("tree")
	if cr == nil {
		return errors.New("fionctl is not there to check the final title")
	}
	out, err := cr.output(context.Background())
	if err != nil {
		return err
	}
	if !strings.Contains(out, fmt.Sprintf("%q", title)) {
		return fmt.Errorf("fionctl tree does not hold the final title %q", title)
	}
	return nil
}
