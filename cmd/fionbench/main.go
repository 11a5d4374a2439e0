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
// The bench runs in phases (-only picks some), each WM alone in a fresh Xvfb
// 1280x800 with a private $HOME and minimal config files written by the
// bench, in a session of its own for every run of every phase.
//
// Phase map, -runs (3) runs of each WM, every figure the median of its runs:
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
//   - RSS: VmRSS of the WM process and its children (fion's supervisor shell) with the clients mapped.
//   - Idle: once the WM has stopped reacting to the last map, its CPU time
//     (utime+stime) and context switches (voluntary+nonvoluntary, summed
//     over all threads: each one is a wakeup) over 5 idle seconds. CPU time
//     is counted in clock ticks of 10 ms, so 0 and 10 ms are one tick apart.
//   - Control round trip: last, the WM's own command-line client asks it one
//     small thing 200 times, one whole process after another (fork, exec,
//     connect, ask, answer, exit, wait, timed around exec.Cmd.Run with its
//     output going to /dev/null), which is what a status bar or a script pays
//     per question: fion `fionctl get version` (FION_SOCKET set to the socket
//     fion makes in the run's private XDG_RUNTIME_DIR), i3 `i3-msg -t
//     get_version`, bspwm `bspc query -M`, herbstluftwm `herbstclient
//     version`; notion has none (n/a). An untimed first call waits until the
//     client gets an answer. Reported: median and p90, and fionctl's against
//     the fastest of the others.
//
// The other phases run once per WM (flood.go, storm.go, churn.go, batch.go,
// state.go, restart.go, rules.go, query.go say how each measures):
//
//   - flood: a second connection creates, maps and destroys 60,000 windows
//     (-flood) as fast as it can, so the WM gets a MapRequest for each
//     window once it is already gone; once the server has taken all of it,
//     the bench maps one more window and runs the control client once, both
//     at that moment, and times each: how long a user's new window and a
//     script wait behind a hostile client (at most 30 s, then "n/a").
//   - storm (issue 13): one window's _NET_WM_NAME and WM_NAME set 1000 times
//     a second (-storm-rate) for 5 s (-storm); the CPU of the WM and its
//     children until it has settled, and for fion the time from the last
//     change until it last drew into the window's tab bar (DAMAGE), with
//     fionctl tree holding the final title.
//   - churn (issue 13): 5000 cycles (-churn) of map one window, wait for its
//     MapNotify, destroy it: CPU in all and per cycle, the median cycle,
//     RSS before and after, the last 100 cycles against the first 100.
//     The CPU of these two phases is the time the WM's threads ran, in
//     nanoseconds, from each thread's /proc/PID/task/TID/schedstat (the
//     ticks of 10 ms when the kernel keeps none): the title storm costs the
//     fastest WMs a few ticks in all.
//   - stdin (issue 13, fion and i3): 1000 commands (-batch) through one
//     client process: fionctl - with one "workspace 1" a line, i3-msg with
//     "nop; nop; ..." in one request; microseconds per command.
//   - state (issue 10, fion): _FION_LAYOUT with n+1 clients, read from the
//     root window, and the time fion takes to write it after a batch
//     (layout.Model.AppendState of that same state, rebuilt), as a share of
//     the map median.
//   - restart (issue 10, fion and i3): with n+1 clients, from the start of
//     fionctl restart until fionctl sync answers; i3-msg restart until
//     i3-msg -t get_version answers.
//   - rules (issue 11, fion): the map median with 50 [[rules]] (-rules) that
//     match none of the bench's windows added to fion.toml.example, against
//     none, in 9 sessions of each, alternating (a second in all).
//   - query (issue 12, fion): with 200 windows open (the warm-up one and
//     "window 1" to "window 199"), Mod4+g opens the query goto prompt over
//     the last one's tab bar and "window 19" is typed into it a character at
//     a time through XTEST; each is timed from its key press until the bar's
//     pixels change (internal/querybench, polling GetImage), and Escape
//     closes the prompt, 5 rounds in one session: the median and max of the
//     first drawings, each character's median over the rounds (the slowest
//     is held to 5 ms, like the first drawing) and the median and max of all.
//
// Each phase prints its table, its ratios to fion and which of its figures
// are noisy; the targets fion is held to close the report, PASS or FAIL.
// A WM that is not installed is skipped; one that fails a run or a phase is
// reported with its output, and the rest still runs. Nothing is left
// behind: each WM runs in its own process group, which is killed with its X
// server and temporary directory when a session ends, fails or is
// interrupted.
//
// Usage (make bench runs it from the repository root; all of it takes 7 to
// 8 minutes on a 2-core machine):
//
//	go run ./cmd/fionbench [-only map,flood,storm,churn,stdin,state,restart,rules,query] [-wms fion,notion,i3,bspwm,herbstluftwm]
//		[-n 100] [-runs 3] [-flood 60000] [-storm 5s] [-storm-rate 1000] [-churn 5000] [-batch 1000] [-rules 50]
//		[-fion PATH] [-fionctl PATH] [-json]
//
// fion and fionctl are built from the repository with go build, as make
// build does, unless -fion or -fionctl names a binary; fion runs with the
// repository's fion.toml.example, its own binary first on $PATH (where its
// restart looks). A client that is not installed is noted and its WM
// measured without it.
//
// Of FION, fionbench imports only internal/xserver, command (for its
// suggestions), layout, to time the save of the state fion wrote, and
// internal/querybench, which times the prompt from outside: it
// measures fion from the outside, as a user's X clients see it, exactly
// like the others.
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
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb"
)

// benchConfig is what the command line asked for.
type benchConfig struct {
	wms      []wmSpec
	fionPath string // a fion binary to use instead of building one
	// fionctlPath is a fionctl binary to use instead of building one.
	fionctlPath string
	repo        string // the FION repository, "" when not found
	runs        int
	run         runConfig
	json        bool
	only        []string // the phases to run, in running order
	phases      phaseConfig
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
	n := fs.Int("n", 100, "windows to map in each run, and the clients of the state, restart and rules phases")
	fionPath := fs.String("fion", "", "fion binary to measure (default: build the repository with go build into a temporary directory)")
	fionctlPath := fs.String("fionctl", "", "fionctl binary to time against fion (default: build ./cmd/fionctl of the repository with go build, as make build does)")
	jsonOut := fs.Bool("json", false, "print the results as JSON instead of a table")
	floodN := fs.Int("flood", 60000, "windows one client maps and destroys at once in the flood phase, after which a new window and a control call are timed; 0 skips the flood")
	only := fs.String("only", "", "comma-separated phases to run (default: all): "+strings.Join(allPhases, ","))
	runs := fs.Int("runs", 3, "runs of each WM in the map phase (each figure is the median of the runs)")
	churnN := fs.Int("churn", 5000, "map/destroy cycles of the churn phase (about 3 of the 7 minutes of the whole bench; fewer for a quick run)")
	stormRate := fs.Int("storm-rate", 1000, "title changes a second in the title storm")
	stormTime := fs.Duration("storm", 5*time.Second, "how long the title storm lasts")
	batchN := fs.Int("batch", 1000, "commands one client process runs in the stdin phase")
	rulesN := fs.Int("rules", 50, "[[rules]] configured in the rules phase")
	if err := fs.Parse(args); err != nil {
		return benchConfig{}, err
	}
	if fs.NArg() > 0 {
		return benchConfig{}, fmt.Errorf("unexpected argument %q; fionbench takes only flags (see -h)", fs.Arg(0))
	}
	if *floodN < 0 {
		return benchConfig{}, fmt.Errorf("-flood %d: give a number of windows, or 0 to skip the flood", *floodN)
	}
	if *n < 1 {
		return benchConfig{}, fmt.Errorf("-n %d: the bench needs at least 1 window per run (20 or more to compare the first and last ten)", *n)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"runs", *runs}, {"churn", *churnN}, {"storm-rate", *stormRate}, {"batch", *batchN}, {"rules", *rulesN}} {
		if f.v < 1 {
			return benchConfig{}, fmt.Errorf("-%s %d: give a number from 1; leave a phase out with -only", f.name, f.v)
		}
	}
	if *stormTime <= 0 {
		return benchConfig{}, fmt.Errorf("-storm %v: give a duration such as 5s", *stormTime)
	}
	phases, err := parsePhases(*only)
	if err != nil {
		return benchConfig{}, err
	}
	repo := findRepo()
	selected, err := selectWMs(*wms, knownWMs(repo))
	if err != nil {
		return benchConfig{}, err
	}
	cfg := benchConfig{
		wms:  selected,
		repo: repo,
		runs: *runs,
		run:  runConfig{n: *n, idle: 5 * time.Second, roundTrips: 200, flood: *floodN},
		json: *jsonOut,
		only: phases,
		phases: phaseConfig{
			stormRate: *stormRate, stormTime: *stormTime,
			churn: *churnN,
			batch: *batchN, batchReps: 20,
			restarts:      3,
			rules:         *rulesN,
			rulesRuns:     9,
			stateSessions: 3,
		},
	}
	if cfg.fionPath, err = binaryFlag("fion", *fionPath, "go build -o fion ."); err != nil {
		return benchConfig{}, err
	}
	if cfg.fionctlPath, err = binaryFlag("fionctl", *fionctlPath, "go build -o fionctl ./cmd/fionctl"); err != nil {
		return benchConfig{}, err
	}
	return cfg, nil
}

// binaryFlag checks the value of the flag -name, a binary to use instead of
// one built with build; "" stays "".
func binaryFlag(name, value, build string) (string, error) {
	if value == "" {
		return "", nil
	}
	abs, err := filepath.Abs(value)
	if err != nil {
		return "", fmt.Errorf("-%s %s: %w", name, value, err)
	}
	if st, err := os.Stat(abs); err != nil || st.IsDir() {
		return "", fmt.Errorf("-%s %s: not a %s binary; build one with `%s` in the repository, or leave -%s out to have it built", name, value, name, build, name)
	}
	return abs, nil
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
		Phases:      cfg.only,
		Windows:     cfg.run.n,
		Flood:       cfg.run.flood,
		Runs:        cfg.runs,
		IdleSeconds: cfg.run.idle.Seconds(),
		RoundTrips:  cfg.run.roundTrips,
		Screen:      screenSize,
	}
	buildDir, err := os.MkdirTemp("", "fionbench-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(buildDir)

	var members []member
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
		bins := binaries{wm: program}
		var why string
		if w.client != nil {
			bins.client, why = findClient(ctx, *w.client, cfg, buildDir)
			if why != "" {
				fmt.Fprintf(progress, "fionbench: %s: its client is not measured: %s\n", w.name, why)
			}
		}
		members = append(members, member{spec: w, bins: bins, index: len(rep.WMs)})
		rep.WMs = append(rep.WMs, wmReport{Name: w.name, Status: statusOK, ControlNote: why})
	}
	for i := range members {
		members[i].row = &rep.WMs[members[i].index]
	}
	if slices.Contains(cfg.only, phaseMap) {
		for _, m := range members {
			wr := measureWM(ctx, m.spec, m.bins, cfg, progress)
			if ctx.Err() != nil {
				return nil, errors.New("interrupted; everything started has been stopped")
			}
			wr.ControlNote = m.row.ControlNote
			*m.row = wr
		}
	}
	runPhases(ctx, cfg, members, rep, progress)
	if ctx.Err() != nil {
		return nil, errors.New("interrupted; everything started has been stopped")
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
	out, err := build(ctx, cfg.repo, ".", filepath.Join(buildDir, "fion"))
	return out, "", err
}

// findClient is the control client to time for a WM: fionctl from -fionctl
// or built into buildDir, the others' from $PATH. why says why there is
// none; the WM is measured without it.
func findClient(ctx context.Context, c clientSpec, cfg benchConfig, buildDir string) (program, why string) {
	if c.program != "" {
		path, err := exec.LookPath(c.program)
		if err != nil {
			return "", fmt.Sprintf("%s is not installed (not found in $PATH)", c.program)
		}
		return path, ""
	}
	if cfg.fionctlPath != "" {
		return cfg.fionctlPath, ""
	}
	if cfg.repo == "" {
		return "", "cannot build fionctl: run fionbench from inside the FION repository, or pass -fionctl PATH"
	}
	out, err := build(ctx, cfg.repo, "./cmd/fionctl", filepath.Join(buildDir, "fionctl"))
	if err != nil {
		return "", err.Error()
	}
	return out, ""
}

// build runs go build on pkg in repo, the way make build does, and returns
// the binary's path.
func build(ctx context.Context, repo, pkg, out string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build does
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s in %s failed (%v):\n%s", pkg, repo, err, strings.TrimSpace(string(msg)))
	}
	return out, nil
}

// measureWM does all the runs of one WM; the first failed run ends them.
func measureWM(ctx context.Context, w wmSpec, bins binaries, cfg benchConfig, progress io.Writer) wmReport {
	wr := wmReport{Name: w.name}
	for i := 1; i <= cfg.runs; i++ {
		res, err := measure(ctx, w, bins, cfg.run)
		if ctx.Err() != nil {
			return wr // interrupted: bench says so, this WM did not fail
		}
		if err != nil {
			wr.Status = statusFailed
			wr.Reason = fmt.Sprintf("run %d of %d: %v", i, cfg.runs, err)
			fmt.Fprintf(progress, "fionbench: %s: FAILED: %s\n", w.name, wr.Reason)
			return wr
		}
		control := ""
		if res.Control != nil {
			control = fmt.Sprintf(", %s %.3f ms", res.Control.Client, res.Control.Median)
		}
		fmt.Fprintf(progress, "fionbench: %s run %d/%d: median %.3f ms, growth %.2f, RSS %.1f MB, idle %g ms CPU, %d wakeups%s\n",
			w.name, i, cfg.runs, res.Stats.Median, res.Stats.Growth, float64(res.RSSKiB)/1024, res.IdleCPUMS, res.IdleWakeups, control)
		wr.Runs = append(wr.Runs, res)
	}
	wr.Status = statusOK
	wr.Summary = summarizeRuns(wr.Runs)
	return wr
}
