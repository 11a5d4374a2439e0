package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jezek/xgb/xproto"
)

// churnWindow is how many cycles the first and the last of are compared.
const churnWindow = 100

// churnWarmup cycles run before the counted ones, uncounted: the first cycles of a fresh session
// are slower for every WM (the server and the machine are still busy with the session before and
// the start of this one), which would hide a WM slowing down as windows come and go; and a WM's
// memory after its first windows, not before, is what it should come back to.
const churnWarmup = 100

// churnResult is what the churn measured of one WM: windows that come and go one after another,
// as dialogs, notifications and short-lived terminals do.
type churnResult struct {
	Cycles int `json:"cycles"`
	// CPUMS is the WM's and its children's CPU time over all the cycles, until it has settled.
	CPUMS       float64 `json:"cpu_ms"`
	CPUPerCycle num     `json:"cpu_per_cycle_ms"`
	// Cycle times: from one cycle's CreateWindow to the next one's.
	Median       num    `json:"median_cycle_ms"`
	FirstMedian  num    `json:"first100_median_ms"` // median of the first 100 cycles
	LastMedian   num    `json:"last100_median_ms"`  // median of the last 100 cycles
	Growth       num    `json:"growth"`             // LastMedian / FirstMedian
	RSSBeforeKiB uint64 `json:"rss_before_kib"`
	RSSAfterKiB  uint64 `json:"rss_after_kib"`
}

// churnStats fills in the cycle figures of res from the cycle times in order (ms).
func churnStats(res *churnResult, cycles []float64) {
	res.Cycles = len(cycles)
	res.Median = num(median(cycles))
	res.FirstMedian = num(median(head(cycles, churnWindow)))
	res.LastMedian = num(median(tail(cycles, churnWindow)))
	res.Growth = num(ratio(float64(res.LastMedian), float64(res.FirstMedian)))
	res.CPUPerCycle = num(ratio(res.CPUMS, float64(len(cycles))))
}

// churn runs n cycles, after churnWarmup uncounted ones, of: create a window, map it, wait until
// the WM has mapped it (MapNotify on it: every WM maps a window only once it has taken it,
// reparented and placed it), destroy it.
// The WM handles each destroy while the next window is created, so each cycle's time (from its
// CreateWindow to the next one's) holds all the WM's work for one window. CPU and RSS are read
// before and after, once the WM has settled.
func churn(ctx context.Context, s *session, n int) (churnResult, error) {
	var res churnResult
	c, p := s.c, s.p
	for i := 1; i <= churnWarmup; i++ {
		if err := churnCycle(ctx, s, fmt.Sprintf("churn warm-up %d", i)); err != nil {
			return res, fmt.Errorf("churn warm-up cycle %d: %w", i, err)
		}
	}
	if _, err := xproto.GetInputFocus(c.conn).Reply(); err != nil {
		return res, err
	}
	if err := settle(ctx, p); err != nil {
		return res, err
	}
	var err error
	if res.RSSBeforeKiB, err = familyRSSKiB(p.pid()); err != nil {
		return res, err
	}
	before, err := familyUsage(p.pid())
	if err != nil {
		return res, err
	}
	cycles := make([]float64, 0, n)
	start := time.Now()
	for i := 1; i <= n; i++ {
		if err := churnCycle(ctx, s, fmt.Sprintf("churn %d", i)); err != nil {
			return res, fmt.Errorf("churn cycle %d: %w", i, err)
		}
		now := time.Now()
		cycles = append(cycles, float64(now.Sub(start).Nanoseconds())/1e6)
		start = now
	}
	// The last destroy: the server has taken it; the WM's handling of it is in the CPU time.
	if _, err := xproto.GetInputFocus(c.conn).Reply(); err != nil {
		return res, err
	}
	if err := settleWithin(ctx, p, workTimeout); err != nil {
		return res, err
	}
	after, err := familyUsage(p.pid())
	if err != nil {
		return res, err
	}
	if res.RSSAfterKiB, err = familyRSSKiB(p.pid()); err != nil {
		return res, err
	}
	res.CPUMS = cpuMS(before, after)
	churnStats(&res, cycles)
	return res, nil
}

// churnCycle creates a window called title, maps it, waits until the WM has mapped it, and
// destroys it.
func churnCycle(ctx context.Context, s *session, title string) error {
	win, err := s.c.newWindow(title)
	if err != nil {
		return err
	}
	if _, err := s.c.mapAndWait(ctx, win, s.p.exited); err != nil {
		return err
	}
	xproto.DestroyWindow(s.c.conn, win)
	return nil
}
