// Command fionbench measures fion side by side with other tiling window
// managers (notion, i3, bspwm, herbstluftwm) in the same run on the same
// machine, and says whether fion meets its targets.
//
// Why: FION promises to be at least as quick as notion, to stay quick as
// windows pile up, to sleep when nothing happens, and to stay small. Those
// are claims about figures that only mean something next to other WMs
// measured the same way at the same moment, on a machine whose load
// changes, so the bench always measures the others too.
//
// What, for each WM, each run in a fresh Xvfb 1280x800 with a private $HOME
// and minimal config files written by the bench:
//
//   - Map time: one X connection maps n windows (400x300, WM_NAME "bench N",
//     WM_CLASS) one after another; each is timed from its MapWindow request
//     to the MapNotify on that window, i.e. the WM's whole handling of the
//     MapRequest (reparenting, layout, mapping). Reported: median, p90, the
//     median of the first ten and of the last ten, and last10/first10,
//     which shows whether the WM slows down as clients pile up. Before the
//     timed windows, the bench waits until the WM has selected
//     SubstructureRedirect on the root (and its startup script, if any, is
//     done), then maps one untimed warm-up window so that the rest of the
//     WM's startup is not counted in the first map. RSS is therefore with
//     n+1 clients.
//   - RSS: VmRSS of the WM process and its children (fion's launcher shell) with the clients mapped.
//   - Idle: once the WM has stopped reacting to the last map, its CPU time
//     (utime+stime) and context switches (voluntary+nonvoluntary, summed
//     over all threads: each one is a wakeup) over 5 idle seconds. CPU time
//     is counted in clock ticks of 10 ms, so 0 and 10 ms are one tick apart.
//
// Each WM is run three times and every figure is the median of its three
// runs. A WM that is not installed is skipped; one that fails is reported
// with its output, and the others still run. Nothing is left behind: each
// WM runs in its own process group, which is killed with its X server and
// temporary directory when a run ends, fails or is interrupted.
//
// Usage (make bench runs it from the repository root):
//
//	go run ./cmd/fionbench [-wms fion,notion,i3,bspwm,herbstluftwm] [-n 100] [-fion PATH] [-json]
//
// fion is built from the repository with go build unless -fion names a
// binary, and runs with the repository's fion.toml.example.
//
// fionbench imports no FION package but internal/xserver: it measures fion
// from the outside, as a user's X clients see it, exactly like the others.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb"
)

// benchConfig is what the command line asked for.
type benchConfig struct {
	wms      []wmSpec
	fionPath string // a fion binary to use instead of building one
	repo     string // the FION repository, "" when not found
	runs     int
	run      runConfig
	json     bool
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "fionbench:", err)
		os.Exit(2)
	}
	// xgb logs to stderr about a missing ~/.Xauthority, which Xvfb does not
	// need, and about the connection closing when a run tears down.
	xgb.Logger = log.New(io.Discard, "", 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go stopOnSignal(cancel)
	rep, err := bench(ctx, cfg, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fionbench:", err)
		os.Exit(1)
	}
	if cfg.json {
		err = rep.writeJSON(os.Stdout)
	} else {
		err = rep.writeText(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fionbench:", err)
		os.Exit(1)
	}
}

// stopOnSignal cancels the bench on Ctrl-C or SIGTERM, so every run tears
// down what it started instead of leaving servers and WMs behind.
func stopOnSignal(cancel context.CancelFunc) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	sig := <-sigs
	fmt.Fprintf(os.Stderr, "fionbench: %v: stopping everything started\n", sig)
	cancel()
}

// parseFlags reads the command line, checking everything a user can get
// wrong before anything is started.
func parseFlags(args []string) (benchConfig, error) {
	fs := flag.NewFlagSet("fionbench", flag.ContinueOnError)
	wms := fs.String("wms", "", "comma-separated window managers to measure (default: fion plus every other known one that is installed)")
	n := fs.Int("n", 100, "windows to map in each run")
	fionPath := fs.String("fion", "", "fion binary to measure (default: build the repository with go build into a temporary directory)")
	jsonOut := fs.Bool("json", false, "print the results as JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		return benchConfig{}, err
	}
	if fs.NArg() > 0 {
		return benchConfig{}, fmt.Errorf("unexpected argument %q; fionbench takes only flags (see -h)", fs.Arg(0))
	}
	if *n < 1 {
		return benchConfig{}, fmt.Errorf("-n %d: the bench needs at least 1 window per run (20 or more to compare the first and last ten)", *n)
	}
	repo := findRepo()
	selected, err := selectWMs(*wms, knownWMs(repo))
	if err != nil {
		return benchConfig{}, err
	}
	cfg := benchConfig{
		wms:  selected,
		repo: repo,
		runs: 3,
		run:  runConfig{n: *n, idle: 5 * time.Second},
		json: *jsonOut,
	}
	if *fionPath != "" {
		abs, err := filepath.Abs(*fionPath)
		if err != nil {
			return benchConfig{}, fmt.Errorf("-fion %s: %w", *fionPath, err)
		}
		if st, err := os.Stat(abs); err != nil || st.IsDir() {
			return benchConfig{}, fmt.Errorf("-fion %s: not a fion binary; build one with `go build -o fion .` in the repository, or leave -fion out to have it built", *fionPath)
		}
		cfg.fionPath = abs
	}
	return cfg, nil
}

// findRepo is the FION repository holding the working directory, found by
// walking up to its go.mod; "" when there is none.
func findRepo() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(mod), "module github.com/fion-wm/fion\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// bench measures every selected WM in turn, printing progress to progress.
// It fails only when interrupted; a WM that cannot be measured is recorded
// in the report.
func bench(ctx context.Context, cfg benchConfig, progress io.Writer) (*report, error) {
	rep := &report{
		Windows:     cfg.run.n,
		Runs:        cfg.runs,
		IdleSeconds: cfg.run.idle.Seconds(),
		Screen:      screenSize,
	}
	buildDir, err := os.MkdirTemp("", "fionbench-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(buildDir)

	for _, w := range cfg.wms {
		program, skip, err := findProgram(ctx, w, cfg, buildDir)
		switch {
		case skip != "":
			fmt.Fprintf(progress, "fionbench: %s: skipped, %s\n", w.name, skip)
			rep.WMs = append(rep.WMs, wmReport{Name: w.name, Status: statusSkipped, Reason: skip})
			continue
		case err != nil:
			fmt.Fprintf(progress, "fionbench: %s: FAILED: %v\n", w.name, err)
			rep.WMs = append(rep.WMs, wmReport{Name: w.name, Status: statusFailed, Reason: err.Error()})
			continue
		}
		wr := measureWM(ctx, w, program, cfg, progress)
		if ctx.Err() != nil {
			return nil, errors.New("interrupted; everything started has been stopped")
		}
		rep.WMs = append(rep.WMs, wr)
	}
	rep.compare()
	return rep, nil
}

// findProgram is the binary to run for w: fion's from -fion or built into
// buildDir, the others' from $PATH. skip says why a WM is not installed.
func findProgram(ctx context.Context, w wmSpec, cfg benchConfig, buildDir string) (program, skip string, err error) {
	if w.program != "" {
		path, err := exec.LookPath(w.program)
		if err != nil {
			return "", fmt.Sprintf("%s is not installed (not found in $PATH)", w.program), nil
		}
		return path, "", nil
	}
	if cfg.fionPath != "" {
		return cfg.fionPath, "", nil
	}
	if cfg.repo == "" {
		return "", "", errors.New("cannot build fion: run fionbench from inside the FION repository, or pass -fion PATH")
	}
	out := filepath.Join(buildDir, "fion")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	cmd.Dir = cfg.repo
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("go build . in %s failed (%v):\n%s", cfg.repo, err, strings.TrimSpace(string(msg)))
	}
	return out, "", nil
}

// measureWM does all the runs of one WM; the first failed run ends them.
func measureWM(ctx context.Context, w wmSpec, program string, cfg benchConfig, progress io.Writer) wmReport {
	wr := wmReport{Name: w.name}
	for i := 1; i <= cfg.runs; i++ {
		res, err := measure(ctx, w, program, cfg.run)
		if ctx.Err() != nil {
			return wr // interrupted: bench says so, this WM did not fail
		}
		if err != nil {
			wr.Status = statusFailed
			wr.Reason = fmt.Sprintf("run %d of %d: %v", i, cfg.runs, err)
			fmt.Fprintf(progress, "fionbench: %s: FAILED: %s\n", w.name, wr.Reason)
			return wr
		}
		fmt.Fprintf(progress, "fionbench: %s run %d/%d: median %.3f ms, growth %.2f, RSS %.1f MB, idle %g ms CPU, %d wakeups\n",
			w.name, i, cfg.runs, res.Stats.Median, res.Stats.Growth, float64(res.RSSKiB)/1024, res.IdleCPUMS, res.IdleWakeups)
		wr.Runs = append(wr.Runs, res)
	}
	wr.Status = statusOK
	wr.Summary = summarizeRuns(wr.Runs)
	return wr
}
