package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"
)

// restartTimeout bounds how long a restarted WM may take to answer again.
const restartTimeout = 10 * time.Second

// restartSpec is how to restart a WM in place with its own client, and ask it whether it answers.
type restartSpec struct {
	label string // as the report names it
	// restart and answer are the client's arguments, given the run's private directory.
	restart, answer func(dir string) []string
	// noReply: the restart command gets no answer (i3 execs itself before replying), so its
	// client's exit status says nothing.
	noReply bool
	// newProcess: the restarted WM is a new process (fion's supervisor starts one), which the
	// bench checks; i3 execs itself in its own process.
	newProcess bool
}

// fionRestart: fionctl restart returns once the new fion answers; fionctl sync then answers at
// once.
var fionRestart = restartSpec{
	label:      "fionctl restart, then fionctl sync",
	restart:    func(string) []string { return []string{"restart"} },
	answer:     func(string) []string { return []string{"sync"} },
	newProcess: true,
}

// i3Restart: i3-msg restart gets no reply; i3-msg -t get_version is polled until it answers.
var i3Restart = restartSpec{
	label:   "i3-msg restart, then i3-msg -t get_version until it answers",
	restart: func(dir string) []string { return []string{"-s", i3Socket(dir), "restart"} },
	answer:  func(dir string) []string { return []string{"-s", i3Socket(dir), "-t", "get_version"} },
	noReply: true,
}

// restartResult is the time from the start of the restart command until the restarted WM
// answered, with the bench's clients managed.
type restartResult struct {
	Client  string    `json:"client"`
	Clients int       `json:"clients"` // the bench's windows, the warm-up one included
	Samples []float64 `json:"samples_ms"`
	Median  num       `json:"median_ms"`
}

// restart maps n windows, then restarts the WM reps times, timing each from the start of the
// restart command until the answer command, run again and again from the moment the restart
// command returns, succeeds.
func restart(ctx context.Context, s *session, rs restartSpec, n, reps int) (restartResult, error) {
	res := restartResult{Client: rs.label, Clients: n + 1}
	if s.cr == nil {
		return res, fmt.Errorf("no control client to run %s", rs.label)
	}
	if _, err := s.c.mapWindows(ctx, n, s.p.exited); err != nil {
		return res, err
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return res, err
	}
	defer null.Close()
	restartCmd, answer := s.control(rs.restart(s.dir)...), s.control(rs.answer(s.dir)...)
	for i := 1; i <= reps; i++ {
		if err := settle(ctx, s.p); err != nil {
			return res, err
		}
		before := family(s.p.pid())
		start := time.Now()
		rctx, cancel := context.WithTimeout(ctx, restartTimeout)
		_, err := restartCmd.timeWith(rctx, null)
		cancel()
		if err != nil && (!rs.noReply || errors.Is(rctx.Err(), context.DeadlineExceeded)) {
			return res, fmt.Errorf("restart %d of %d: %s: %v%s", i, reps, restartCmd, err, indent(restartCmd.check()))
		}
		var last error
		err = poll(ctx, restartTimeout, time.Millisecond, s.p.exited, func() (bool, error) {
			_, last = answer.time(ctx, null)
			return last == nil, nil
		})
		if err != nil {
			return res, fmt.Errorf("restart %d of %d: waiting for %s to answer: %w; its last try: %v", i, reps, answer, err, last)
		}
		res.Samples = append(res.Samples, float64(time.Since(start).Nanoseconds())/1e6)
		if rs.newProcess && !slices.ContainsFunc(family(s.p.pid()), func(pid int) bool { return !slices.Contains(before, pid) }) {
			return res, fmt.Errorf("restart %d of %d: %s succeeded, but no new WM process runs", i, reps, restartCmd)
		}
	}
	res.Median = num(median(res.Samples))
	return res, nil
}
