package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// clientTimeout bounds one control round trip. A client that takes longer
// is not slow, it is stuck, and the run is abandoned.
const clientTimeout = 5 * time.Second

// controlResult is what one run measured of a WM's own control client.
type controlResult struct {
	Client  string    `json:"client"`     // as the report names it: "bspc query -M"
	Samples []float64 `json:"samples_ms"` // round trips in run order
	Median  num       `json:"median_ms"`
	P90     num       `json:"p90_ms"`
}

// clientRun is one way of running a control client: the program, its
// arguments and its whole environment.
type clientRun struct {
	program string
	args    []string
	env     []string
}

// roundTrips asks the WM the same question with its client n times, one
// process after another, and returns each round trip in milliseconds: fork,
// exec, the client's connection and request, the WM's answer, the client's
// exit and the wait for it, which is what a script or a status bar pays for
// each question. It first waits until the client gets an answer at all
// (fion creates its socket while it starts up), untimed; that run also
// brings the client's binary into the page cache, as it is for a user who
// runs it often.
func roundTrips(ctx context.Context, cr clientRun, n int, wmExited <-chan struct{}) ([]float64, error) {
	var last error
	err := poll(ctx, startTimeout, 0, wmExited, func() (bool, error) {
		last = cr.check()
		return last == nil, nil
	})
	if err != nil {
		return nil, fmt.Errorf("waiting for %s to get an answer: %w; its last try: %v", cr, err, last)
	}

	// The client's output goes to /dev/null, opened once: an io.Writer
	// would make os/exec add a pipe and a copying goroutine to every
	// round trip.
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	defer null.Close()
	samples := make([]float64, 0, n)
	for i := 1; i <= n; i++ {
		select {
		case <-wmExited:
			return samples, errors.New("the WM exited while its client was being timed")
		case <-ctx.Done():
			return samples, ctx.Err()
		default:
		}
		d, err := cr.time(ctx, null)
		if err != nil {
			if ctx.Err() != nil {
				return samples, ctx.Err()
			}
			// Run it again to show what it says; the timed runs keep
			// their output out of the way.
			return samples, fmt.Errorf("round trip %d of %d: %s: %v%s", i, n, cr, err, indent(cr.check()))
		}
		samples = append(samples, float64(d.Nanoseconds())/1e6)
	}
	return samples, nil
}

// time runs the client once with stdio as its standard input and output,
// and returns how long it took from fork to wait. It is killed after
// clientTimeout.
func (cr clientRun) time(ctx context.Context, stdio *os.File) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, clientTimeout)
	defer cancel()
	return cr.timeWith(ctx, stdio)
}

// timeWith is time with the caller's deadline in ctx.
func (cr clientRun) timeWith(ctx context.Context, stdio *os.File) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, cr.program, cr.args...)
	cmd.Env = cr.env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdio, stdio, stdio
	start := time.Now()
	err := cmd.Run()
	return time.Since(start), err
}

// check runs the client once and returns nil if it succeeded, or what went
// wrong with its output.
func (cr clientRun) check() error {
	ctx, cancel := context.WithTimeout(context.Background(), clientTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cr.program, cr.args...)
	cmd.Env = cr.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		text := strings.TrimSpace(string(out))
		if len(text) > logTail {
			text = text[:logTail] + "..."
		}
		if text != "" {
			return fmt.Errorf("%v; it said: %s", err, text)
		}
		return err
	}
	return nil
}

// String is the command as a shell would show it.
func (cr clientRun) String() string {
	return strings.Join(append([]string{cr.program}, cr.args...), " ")
}

// indent formats the error of a check to follow another message.
func indent(err error) string {
	if err == nil {
		return " (it succeeded when run again)"
	}
	return "\n  run again: " + err.Error()
}

// output runs the client once and returns what it printed, or what went wrong with what it said.
func (cr clientRun) output(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, clientTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cr.program, cr.args...)
	cmd.Env = cr.env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%s: %v; it said: %s", cr, err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
