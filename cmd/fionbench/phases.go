package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/fion-wm/fion/command"
)

// The phases of the bench, in the order they run. Each runs every WM it measures in sessions of
// its own (a fresh Xvfb each), WM after WM.
const (
	phaseMap     = "map"     // map times, RSS, idle, control round trip: -runs runs of every WM
	phaseFlood   = "flood"   // a new window and a control call behind a flood of windows
	phaseStorm   = "storm"   // one window's title set rate times a second (issue 13)
	phaseChurn   = "churn"   // windows mapped and destroyed one after another (issue 13)
	phaseStdin   = "stdin"   // many commands through one client process (issue 13)
	phaseState   = "state"   // what keeping the state in the X server costs (issue 10, fion only)
	phaseRestart = "restart" // restart until the new WM answers, with clients (issue 10)
	phaseRules   = "rules"   // the map median with many rules against none (issue 11, fion only)
	phaseQuery   = "query"   // the query prompt's drawings with 200 windows (issue 12, fion only)
)

// allPhases lists every phase in the order they run.
var allPhases = []string{phaseMap, phaseFlood, phaseStorm, phaseChurn, phaseStdin, phaseState, phaseRestart, phaseRules, phaseQuery}

// parsePhases turns the -only flag into the phases to run, in their running order; an empty flag
// means all of them.
func parsePhases(flag string) ([]string, error) {
	if strings.TrimSpace(flag) == "" {
		return slices.Clone(allPhases), nil
	}
	want := map[string]bool{}
	for _, name := range strings.Split(flag, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.Contains(allPhases, name) {
			msg := fmt.Sprintf("-only: unknown phase %q", name)
			if guess := command.Suggest(name, allPhases); guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			}
			return nil, fmt.Errorf("%s (phases: %s)", msg, strings.Join(allPhases, ","))
		}
		want[name] = true
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("-only names no phase; give a comma-separated list such as storm,churn (phases: %s)", strings.Join(allPhases, ","))
	}
	var out []string
	for _, p := range allPhases {
		if want[p] {
			out = append(out, p)
		}
	}
	return out, nil
}

// phaseConfig is how big each phase is.
type phaseConfig struct {
	stormRate     int           // title changes a second
	stormTime     time.Duration // how long the storm lasts
	churn         int           // cycles
	batch         int           // commands in one batch
	batchReps     int           // timed batches
	restarts      int           // timed restarts in the session
	rules         int           // rules configured in the rules phase
	rulesRuns     int           // runs with and without them
	stateSessions int           // sessions of the state phase
}

// member is a WM the bench found, with its binaries, and its row of the report.
type member struct {
	spec  wmSpec
	bins  binaries
	index int       // of its row in the report
	row   *wmReport // its row
}

// runPhases runs every phase after the map phase on the WMs it applies to, putting each WM's
// figures, or why it failed, into its row, and the rules comparison into rep.
func runPhases(ctx context.Context, cfg benchConfig, members []member, rep *report, progress io.Writer) {
	pc := cfg.phases
	for _, phase := range cfg.only {
		for _, m := range members {
			if ctx.Err() != nil {
				return
			}
			name := m.spec.name
			var err error
			var line string
			switch {
			case phase == phaseFlood && cfg.run.flood > 0:
				var f floodResult
				f, err = inSession(ctx, m, func(s *session) (floodResult, error) {
					return flood(ctx, s.srv.Display, s.c, s.cr, cfg.run.flood, s.p.exited)
				})
				if err == nil {
					m.row.Flood = &f
				}
				line = fmt.Sprintf("new window %s ms, control %s ms %s", ms(f.WindowMS), ms(f.ControlMS), f.Note)
			case phase == phaseStorm:
				var r stormResult
				r, err = inSession(ctx, m, func(s *session) (stormResult, error) {
					return storm(ctx, s, pc.stormRate, pc.stormTime, name == "fion")
				})
				if err == nil {
					m.row.Storm = &r
				}
				line = fmt.Sprintf("%d changes in %.2f s, CPU %.1f ms", r.Changes, r.Seconds, r.CPUMS)
				if name == "fion" {
					line += fmt.Sprintf(", title shown after %s ms %s", ms(r.TitleShownMS), r.Note)
				}
			case phase == phaseChurn:
				var r churnResult
				r, err = inSession(ctx, m, func(s *session) (churnResult, error) { return churn(ctx, s, pc.churn) })
				if err == nil {
					m.row.Churn = &r
				}
				line = fmt.Sprintf("%d cycles, CPU %.0f ms (%s ms a cycle), median cycle %s ms, growth %s, RSS %.1f -> %.1f MB",
					r.Cycles, r.CPUMS, ms(r.CPUPerCycle), ms(r.Median), times(r.Growth), float64(r.RSSBeforeKiB)/1024, float64(r.RSSAfterKiB)/1024)
			case phase == phaseStdin && m.spec.batch != nil && m.bins.client != "":
				var r batchResult
				r, err = inSession(ctx, m, func(s *session) (batchResult, error) {
					return batch(ctx, s, *m.spec.batch, pc.batch, pc.batchReps)
				})
				if err == nil {
					m.row.Batch = &r
				}
				line = fmt.Sprintf("%s: %s µs a command", r.Client, us(r.PerCommandUS))
			case phase == phaseState && name == "fion":
				var r stateResult
				r, err = keepStateRuns(ctx, m, cfg.run.n, pc.stateSessions)
				if err == nil {
					m.row.State = &r
				}
				line = fmt.Sprintf("_FION_LAYOUT %d bytes, %s µs a save, map median %s ms, share %s %s", r.Bytes, us(r.SaveUS), ms(r.MapMedianMS), percent(r.Share), r.Note)
			case phase == phaseRestart && m.spec.restart != nil && m.bins.client != "":
				var r restartResult
				r, err = inSession(ctx, m, func(s *session) (restartResult, error) {
					return restart(ctx, s, *m.spec.restart, cfg.run.n, pc.restarts)
				})
				if err == nil {
					m.row.Restart = &r
				}
				line = fmt.Sprintf("restart until answered: median %s ms of %v", ms(r.Median), r.Samples)
			case phase == phaseRules && name == "fion":
				var r rulesResult
				r, err = compareRules(ctx, m.spec, m.bins, cfg.repo, pc.rules, cfg.run.n, pc.rulesRuns)
				if err == nil {
					rep.Rules = &r
				}
				line = fmt.Sprintf("map median %s ms without rules, %s ms with %d (runs: %v, %v)", ms(r.PlainMS), ms(r.WithMS), r.Rules, r.Plain, r.With)
			case phase == phaseQuery && name == "fion":
				var r queryResult
				r, err = inSession(ctx, m, func(s *session) (queryResult, error) { return query(ctx, s, queryWindows, queryRounds) })
				if err == nil {
					m.row.Query = &r
				}
				line = fmt.Sprintf("with %d windows: prompt drawn %s ms after its key (median of %d, max %s), each typed character %s ms (median; max %s)",
					r.Windows, ms(r.OpenMS), len(r.OpenSamples), ms(r.OpenMaxMS), ms(r.KeyMedianMS), ms(r.KeyMaxMS))
			default:
				continue
			}
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				if m.row.PhaseFailures == nil {
					m.row.PhaseFailures = map[string]string{}
				}
				m.row.PhaseFailures[phase] = err.Error()
				fmt.Fprintf(progress, "fionbench: %s %s: FAILED: %v\n", name, phase, err)
				continue
			}
			fmt.Fprintf(progress, "fionbench: %s %s: %s\n", name, phase, strings.TrimSpace(line))
		}
	}
}

// inSession runs f in a fresh session of m's WM, which it then stops.
func inSession[T any](ctx context.Context, m member, f func(*session) (T, error)) (T, error) {
	s, err := startSession(ctx, m.spec, m.bins)
	if err != nil {
		var zero T
		return zero, err
	}
	defer s.close()
	r, err := f(s)
	return r, s.explain(err)
}

// keepStateRuns runs the state phase in sessions sessions and keeps, of each figure, the median
// of the sessions.
func keepStateRuns(ctx context.Context, m member, n, sessions int) (stateResult, error) {
	var runs []stateResult
	for range sessions {
		r, err := inSession(ctx, m, func(s *session) (stateResult, error) { return keepState(ctx, s, n) })
		if err != nil {
			return r, err
		}
		runs = append(runs, r)
	}
	pick := func(f func(stateResult) float64) num {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = f(r)
		}
		return num(median(xs))
	}
	res := runs[len(runs)-1]
	res.SaveUS = pick(func(r stateResult) float64 { return float64(r.SaveUS) })
	res.MapMedianMS = pick(func(r stateResult) float64 { return float64(r.MapMedianMS) })
	res.Share = num(ratio(float64(res.SaveUS)/1000, float64(res.MapMedianMS)))
	return res, nil
}
