package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

const (
	// screenSize is the one Xvfb screen every WM gets.
	screenSize = "1280x800"
	// startTimeout bounds how long a WM may take to start managing.
	startTimeout = 15 * time.Second
	// stopTimeout is how long a WM gets to exit on SIGTERM before SIGKILL.
	stopTimeout = 3 * time.Second
	// quietGap and settleTimeout: before the idle window, wait until the WM
	// has had no context switch for quietGap and no thread waiting for a
	// CPU (it has finished reacting to the last map), but no longer than
	// settleTimeout, so a WM that never goes quiet is still measured, and
	// shows it.
	quietGap      = 100 * time.Millisecond
	settleTimeout = 2 * time.Second
	// workTimeout bounds the wait for a WM to settle after the storm or the churn.
	workTimeout = 30 * time.Second
	// logTail is how much of a failed WM's output an error shows.
	logTail = 2000
)

// runResult is what one run of one WM measured.
type runResult struct {
	Samples     []float64 `json:"samples_ms"` // map times in map order
	Stats       mapStats  `json:"stats"`
	RSSKiB      uint64    `json:"rss_kib"`
	IdleCPUMS   float64   `json:"idle_cpu_ms"`
	IdleWakeups uint64    `json:"idle_wakeups"`
	// Control is the round trip of the WM's own client; nil when it has
	// none or the client is not installed.
	Control *controlResult `json:"control,omitempty"`
	// Flood is a new window and a control call behind a flood of windows mapped and destroyed;
	// nil when not measured (-flood 0).
	Flood *floodResult `json:"flood,omitempty"`

	wmPID int // so tests can check that the WM is gone
}

// runConfig is what every run shares.
type runConfig struct {
	n          int           // windows to map
	idle       time.Duration // length of the idle measurement window
	roundTrips int           // control client processes to time
	flood      int           // windows mapped and destroyed in the flood; 0 skips it
}

// binaries are the programs the runs of one WM use.
type binaries struct {
	wm string
	// client is the WM's control client (clientSpec); "" when it has none
	// or it is not installed.
	client string
}

// measure runs one WM in a fresh Xvfb, measures it and tears everything
// down, whether it succeeded or not.
func measure(ctx context.Context, w wmSpec, bins binaries, rc runConfig) (result runResult, err error) {
	s, err := startSession(ctx, w, bins)
	if err != nil {
		return result, err
	}
	defer s.close()
	result.wmPID = s.p.pid()
	// Whatever goes wrong from here on, the WM's own words are the best clue.
	defer func() { err = s.explain(err) }()
	c, p := s.c, s.p

	result.Samples, err = c.mapWindows(ctx, rc.n, p.exited)
	if err != nil {
		return result, err
	}
	result.Stats = summarize(result.Samples)

	c.conn.Sync()
	if result.RSSKiB, err = familyRSSKiB(p.pid()); err != nil {
		return result, err
	}

	result.IdleCPUMS, result.IdleWakeups, err = idle(ctx, p, rc.idle)
	if err != nil {
		return result, err
	}

	// After the idle window, so that neither the map times nor the idle figures see it.
	if s.cr != nil && rc.roundTrips > 0 {
		samples, err := roundTrips(ctx, *s.cr, rc.roundTrips, p.exited)
		if err != nil {
			return result, fmt.Errorf("control client: %w", err)
		}
		result.Control = &controlResult{
			Client:  w.client.label,
			Samples: samples,
			Median:  num(median(samples)),
			P90:     num(percentile(samples, 90)),
		}
	}
	return result, nil
}

// idle measures the CPU time (ms) and wakeups of the WM over d once it has
// settled after the last map.
func idle(ctx context.Context, p *wmProcess, d time.Duration) (cpuMS float64, wakeups uint64, err error) {
	if err := settle(ctx, p); err != nil {
		return 0, 0, err
	}
	before, err := familyUsage(p.pid())
	if err != nil {
		return 0, 0, err
	}
	// This is a measurement period, not a wait for anything.
	select {
	case <-time.After(d):
	case <-p.exited:
		return 0, 0, errors.New("the WM exited while idle")
	case <-ctx.Done():
		return 0, 0, ctx.Err()
	}
	after, err := familyUsage(p.pid())
	if err != nil {
		return 0, 0, err
	}
	return float64((after.ticks - before.ticks) * tickMS), after.switches - before.switches, nil
}

// waitReady waits until the WM is really managing: it has selected
// SubstructureRedirect on the root, its startup script (if any) has run, and
// it has mapped one warm-up window, which shows that its event loop is
// running. Without the warm-up, the rest of the WM's startup would be
// counted in the first map.
func waitReady(ctx context.Context, c *client, p *wmProcess, readyFile string) error {
	err := poll(ctx, startTimeout, 0, p.exited, func() (bool, error) {
		ok, err := c.managing()
		if err != nil || !ok {
			return false, err
		}
		if readyFile == "" {
			return true, nil
		}
		_, err = os.Stat(readyFile)
		return err == nil, nil
	})
	if err != nil {
		what := "selecting SubstructureRedirect on the root window"
		if readyFile != "" {
			what += " and finishing its startup script"
		}
		return fmt.Errorf("waiting for the WM to start (%s): %w", what, err)
	}
	win, err := c.newWindow("bench warm-up")
	if err != nil {
		return err
	}
	if _, err := c.mapAndWait(ctx, win, p.exited); err != nil {
		return fmt.Errorf("warm-up window: %w", err)
	}
	return nil
}

// settle waits until the WM has stopped reacting to the last map: its
// context switch count stays the same over quietGap and none of its threads
// is waiting for a CPU. It never fails for a
// WM that does not go quiet; the idle figures will show that.
func settle(ctx context.Context, p *wmProcess) error {
	return settleWithin(ctx, p, settleTimeout)
}

// settleWithin is settle giving up after timeout. The phases that count the CPU a burst of work
// cost give the WM longer than settleTimeout to work off its backlog (workTimeout), so that what
// it does late is counted too.
func settleWithin(ctx context.Context, p *wmProcess, timeout time.Duration) error {
	var last *usage // nil on the first check, which only takes a baseline
	err := poll(ctx, timeout, quietGap, p.exited, func() (bool, error) {
		u, err := familyUsage(p.pid())
		if err != nil {
			return false, err
		}
		quiet := last != nil && u.switches == last.switches && !u.running
		last = &u
		return quiet, nil
	})
	if errors.Is(err, errDeadline) {
		return nil
	}
	return err
}

var errDeadline = errors.New("deadline passed")

// poll checks cond until it holds, it fails, timeout passes (an error
// wrapping errDeadline), the WM exits or ctx ends. With every 0 the checks
// start fast and back off to every 50 ms; otherwise they come every every.
func poll(ctx context.Context, timeout, every time.Duration, exited <-chan struct{}, cond func() (bool, error)) error {
	deadline := time.Now().Add(timeout)
	wait := every
	if wait == 0 {
		wait = time.Millisecond
	}
	for {
		ok, err := cond()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not done after %v: %w", timeout, errDeadline)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-exited:
			t.Stop()
			return errors.New("the WM exited")
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
		if every == 0 {
			wait = min(wait*2, 50*time.Millisecond)
		}
	}
}

// wmProcess is a running WM in its own process group, so that stopping it
// also stops whatever it started (bspwmrc, bspc, ...).
type wmProcess struct {
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{} // closed once the WM has been reaped
	waitErr error         // valid after exited
}

// startWM starts program with args in env, its output going to logPath.
func startWM(program string, args, env []string, logPath string) (*wmProcess, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer log.Close() // the child has its own copy
	cmd := exec.Command(program, args...)
	cmd.Env = env
	cmd.Stdout = log
	cmd.Stderr = log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", program, err)
	}
	p := &wmProcess{cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

func (p *wmProcess) pid() int { return p.cmd.Process.Pid }

// stop ends the WM's whole process group: SIGTERM, then SIGKILL if it has
// not exited within stopTimeout. The group is killed again at the end
// because children may outlive a WM that exits on its own.
func (p *wmProcess) stop() {
	pgid := p.pid()
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.exited
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
}

// logTail is the end of what the WM printed, and how it exited if it has,
// formatted to follow an error message.
func (p *wmProcess) logTail() string {
	var b strings.Builder
	select {
	case <-p.exited:
		fmt.Fprintf(&b, "\n  the WM exited: %v", p.waitErr)
	default:
	}
	out, _ := os.ReadFile(p.logPath)
	text := strings.TrimSpace(string(out))
	if len(text) > logTail {
		text = "..." + text[len(text)-logTail:]
	}
	if text != "" {
		b.WriteString("\n  its output:\n    " + strings.ReplaceAll(text, "\n", "\n    "))
	}
	return b.String()
}
