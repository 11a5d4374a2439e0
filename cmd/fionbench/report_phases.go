package main

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
)

// Targets of the phases after the map phase (issues 10, 11 and 13).
const (
	maxStormVsBspwm  = 2.0  // title storm CPU, times bspwm's
	maxTitleShownMS  = 16.0 // one frame
	maxChurnRSSKiB   = 1024 // RSS after the churn, above before
	maxChurnGrowth   = 1.2  // last 100 cycles' median over the first 100's: "no growth", with room for noise
	maxBatchUS       = 10.0 // µs a command through fionctl -
	maxStateShare    = 0.05 // one state save, as a share of the map median
	maxRestartMS     = 150.0
	maxRulesSlowdown = 1.10 // map median with the rules over without
	maxQueryMS       = 5.0  // the query prompt: its first drawing, and each typed character's
)

// comparePhases adds the verdicts of the phases after the map phase.
func (r *report) comparePhases() {
	r.judgeStorm()
	r.judgeChurn()
	r.judgeBatch()
	r.judgeState()
	r.judgeRestart()
	r.judgeRules()
	r.judgeQuery()
}

// judge adds a verdict, or an unjudged line saying why when why is not "".
func (r *report) judge(target, why, measured string, pass bool) {
	if why != "" {
		r.Unjudged = append(r.Unjudged, target+": "+why)
		return
	}
	r.Verdicts = append(r.Verdicts, verdict{Target: target, Measured: measured, Pass: pass})
}

// missing says why a phase's figures of the WM called name are missing, "" when they are there.
func (r *report) missing(phase, name string, has func(*wmReport) bool) string {
	w := r.row(name)
	switch {
	case w == nil:
		return name + " did not run"
	case w.PhaseFailures[phase] != "":
		return name + " failed"
	case !has(w):
		return name + " was not measured"
	}
	return ""
}

func (r *report) judgeStorm() {
	if !r.ran(phaseStorm) {
		return
	}
	has := func(w *wmReport) bool { return w.Storm != nil }
	fion, notion, bspwm := r.row("fion"), r.row("notion"), r.row("bspwm")
	why := r.missing(phaseStorm, "fion", has)
	target := "title storm: CPU at most notion's"
	if w := firstOf(why, r.missing(phaseStorm, "notion", has)); w != "" {
		r.judge(target, w, "", false)
	} else {
		r.judge(target, "", fmt.Sprintf("fion %.1f ms, notion %.1f ms", fion.Storm.CPUMS, notion.Storm.CPUMS), fion.Storm.CPUMS <= notion.Storm.CPUMS)
	}
	target = fmt.Sprintf("title storm: CPU at most %gx bspwm's", maxStormVsBspwm)
	if w := firstOf(why, r.missing(phaseStorm, "bspwm", has)); w != "" {
		r.judge(target, w, "", false)
	} else {
		r.judge(target, "", fmt.Sprintf("fion %.1f ms, bspwm %.1f ms", fion.Storm.CPUMS, bspwm.Storm.CPUMS), fion.Storm.CPUMS <= maxStormVsBspwm*bspwm.Storm.CPUMS)
	}
	target = fmt.Sprintf("title storm: final title drawn within %g ms of the last change", maxTitleShownMS)
	switch {
	case why != "":
		r.judge(target, why, "", false)
	case math.IsNaN(float64(fion.Storm.TitleShownMS)):
		r.judge(target, "", "not measured: "+fion.Storm.Note, false)
	default:
		m := ms(fion.Storm.TitleShownMS) + " ms"
		if fion.Storm.Note != "" {
			m += "; " + fion.Storm.Note
		}
		r.judge(target, "", m, float64(fion.Storm.TitleShownMS) <= maxTitleShownMS && fion.Storm.Note == "")
	}
}

func (r *report) judgeChurn() {
	if !r.ran(phaseChurn) {
		return
	}
	has := func(w *wmReport) bool { return w.Churn != nil }
	fion, notion := r.row("fion"), r.row("notion")
	why := r.missing(phaseChurn, "fion", has)
	vsNotion := firstOf(why, r.missing(phaseChurn, "notion", has))
	target := "churn: CPU a cycle at most notion's"
	if vsNotion != "" {
		r.judge(target, vsNotion, "", false)
	} else {
		r.judge(target, "", fmt.Sprintf("fion %s ms, notion %s ms", ms(fion.Churn.CPUPerCycle), ms(notion.Churn.CPUPerCycle)),
			fion.Churn.CPUPerCycle <= notion.Churn.CPUPerCycle)
	}
	target = "churn: median cycle at most notion's"
	if vsNotion != "" {
		r.judge(target, vsNotion, "", false)
	} else {
		r.judge(target, "", fmt.Sprintf("fion %s ms, notion %s ms", ms(fion.Churn.Median), ms(notion.Churn.Median)),
			fion.Churn.Median <= notion.Churn.Median)
	}
	target = "churn: RSS after within 1 MB of before"
	if why != "" {
		r.judge(target, why, "", false)
	} else {
		c := fion.Churn
		r.judge(target, "", fmt.Sprintf("%.1f MB before, %.1f MB after", float64(c.RSSBeforeKiB)/1024, float64(c.RSSAfterKiB)/1024),
			c.RSSAfterKiB <= c.RSSBeforeKiB+maxChurnRSSKiB)
	}
	target = fmt.Sprintf("churn: no growth, last %d cycles' median over the first %d's <= %g", churnWindow, churnWindow, maxChurnGrowth)
	if why != "" {
		r.judge(target, why, "", false)
	} else {
		c := fion.Churn
		r.judge(target, "", fmt.Sprintf("%s (%s ms, then %s ms)", times(c.Growth), ms(c.FirstMedian), ms(c.LastMedian)),
			float64(c.Growth) <= maxChurnGrowth)
	}
}

func (r *report) judgeBatch() {
	if !r.ran(phaseStdin) {
		return
	}
	target := fmt.Sprintf("fionctl - at most %g µs a command", maxBatchUS)
	if why := r.missing(phaseStdin, "fion", func(w *wmReport) bool { return w.Batch != nil }); why != "" {
		r.judge(target, why, "", false)
		return
	}
	b := r.row("fion").Batch
	m := fmt.Sprintf("%s µs (%d commands)", us(b.PerCommandUS), b.Commands)
	if i3 := r.row("i3"); i3 != nil && i3.Batch != nil {
		m += fmt.Sprintf("; i3-msg, one request: %s µs", us(i3.Batch.PerCommandUS))
	}
	r.judge(target, "", m, float64(b.PerCommandUS) <= maxBatchUS)
}

func (r *report) judgeState() {
	if !r.ran(phaseState) {
		return
	}
	target := fmt.Sprintf("keeping the state: one save below %g%% of the map median", maxStateShare*100)
	if why := r.missing(phaseState, "fion", func(w *wmReport) bool { return w.State != nil }); why != "" {
		r.judge(target, why, "", false)
		return
	}
	st := r.row("fion").State
	r.judge(target, "", fmt.Sprintf("%s (%s µs a save, map median %s ms)", percent(st.Share), us(st.SaveUS), ms(st.MapMedianMS)),
		float64(st.Share) < maxStateShare)
}

func (r *report) judgeRestart() {
	if !r.ran(phaseRestart) {
		return
	}
	target := fmt.Sprintf("restart until the new fion answers sync below %g ms", maxRestartMS)
	if why := r.missing(phaseRestart, "fion", func(w *wmReport) bool { return w.Restart != nil }); why != "" {
		r.judge(target, why, "", false)
		return
	}
	f := r.row("fion").Restart
	m := fmt.Sprintf("%s ms with %d clients", ms(f.Median), f.Clients)
	if i3 := r.row("i3"); i3 != nil && i3.Restart != nil {
		m += fmt.Sprintf("; i3 %s ms", ms(i3.Restart.Median))
	}
	r.judge(target, "", m, float64(f.Median) < maxRestartMS)
}

func (r *report) judgeRules() {
	if !r.ran(phaseRules) {
		return
	}
	target := fmt.Sprintf("map median with the rules within %.0f%% of none", (maxRulesSlowdown-1)*100)
	if r.Rules == nil {
		why := "fion did not run"
		if w := r.row("fion"); w != nil && w.PhaseFailures[phaseRules] != "" {
			why = "fion failed"
		}
		r.judge(target, why, "", false)
		return
	}
	q := r.Rules
	r.judge(target, "", fmt.Sprintf("%d rules %s ms, none %s ms: %s", q.Rules, ms(q.WithMS), ms(q.PlainMS), times(q.Ratio)),
		float64(q.Ratio) <= maxRulesSlowdown)
}

func (r *report) judgeQuery() {
	if !r.ran(phaseQuery) {
		return
	}
	open := fmt.Sprintf("query prompt drawn within %g ms of its key", maxQueryMS)
	keys := fmt.Sprintf("query prompt: list redrawn within %g ms of each typed character", maxQueryMS)
	if why := r.missing(phaseQuery, "fion", func(w *wmReport) bool { return w.Query != nil }); why != "" {
		r.judge(open, why, "", false)
		r.judge(keys, why, "", false)
		return
	}
	q := r.row("fion").Query
	r.judge(open, "", fmt.Sprintf("%s ms with %d windows (median of %d; max %s ms)", ms(q.OpenMS), q.Windows, len(q.OpenSamples), ms(q.OpenMaxMS)),
		float64(q.OpenMS) < maxQueryMS)
	r.judge(keys, "", fmt.Sprintf("slowest character %s ms (its median of %d); all characters: median %s ms, max %s ms",
		ms(q.WorstKeyMS), len(q.KeySamples), ms(q.KeyMedianMS), ms(q.KeyMaxMS)),
		float64(q.WorstKeyMS) < maxQueryMS)
}

// firstOf is the first of whys that is not "".
func firstOf(whys ...string) string {
	for _, w := range whys {
		if w != "" {
			return w
		}
	}
	return ""
}

// writePhases writes a section for each phase after the map and flood phases that has figures.
func (r *report) writePhases(b *strings.Builder) {
	r.writeStorm(b)
	r.writeChurn(b)
	r.writeBatch(b)
	r.writeState(b)
	r.writeRestart(b)
	r.writeRules(b)
	r.writeQuery(b)
}

// section writes a table with the heading head, one row per WM for which has holds, made by
// cells, then the ratios to fion of the figure ratioOf when given.
func (r *report) section(b *strings.Builder, head, columns string, has func(*wmReport) bool, cells func(*wmReport) string, ratioOf func(*wmReport) float64) {
	if !r.anyRow(has) {
		return
	}
	fmt.Fprintf(b, "\n%s\n", head)
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\t%s\t\n", r.nameWidth(), "WM", columns)
	for i := range r.WMs {
		if w := &r.WMs[i]; has(w) {
			fmt.Fprintf(tw, "%-*s\t%s\t\n", r.nameWidth(), w.Name, cells(w))
		}
	}
	tw.Flush()
	fion := r.row("fion")
	if ratioOf == nil || fion == nil || !has(fion) {
		return
	}
	var parts []string
	for i := range r.WMs {
		if w := &r.WMs[i]; w.Name != "fion" && has(w) {
			parts = append(parts, fmt.Sprintf("%s/fion %s", w.Name, times(num(ratio(ratioOf(w), ratioOf(fion))))))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, "  ratios (above 1: fion costs less): %s\n", strings.Join(parts, ", "))
	}
}

func (r *report) writeStorm(b *strings.Builder) {
	has := func(w *wmReport) bool { return w.Storm != nil }
	head := "Title storm: one window's _NET_WM_NAME and WM_NAME set together, at the rate below, one session per WM; CPU of the WM and its children\n" +
		"from the first change until it has settled; title shown: from the last change until fion last drew into the window's tab bar (DAMAGE).\n" +
		"CPU from the threads' schedstat, in ns. Noisy: CPU by some percent; title shown by milliseconds when the machine is busy."
	r.section(b, head, "changes\tseconds\tCPU ms\ttitle shown ms\tbar redraws", has, func(w *wmReport) string {
		s := w.Storm
		redraws := "n/a"
		if w.Name == "fion" {
			redraws = fmt.Sprint(s.Redraws)
		}
		return fmt.Sprintf("%d\t%.2f\t%.1f\t%s\t%s", s.Changes, s.Seconds, s.CPUMS, ms(s.TitleShownMS), redraws)
	}, func(w *wmReport) float64 { return w.Storm.CPUMS })
	if f := r.row("fion"); f != nil && f.Storm != nil && f.Storm.Note != "" {
		fmt.Fprintf(b, "  fion: %s\n", f.Storm.Note)
	}
}

func (r *report) writeChurn(b *strings.Builder) {
	has := func(w *wmReport) bool { return w.Churn != nil }
	head := fmt.Sprintf("Churn: cycles of create a window, map it, wait for its MapNotify (the WM has taken it), destroy it, after %d uncounted ones;\n", churnWarmup) +
		"a cycle is from one CreateWindow to the next. CPU (schedstat) of the WM and its children over all cycles until it has settled; RSS before and\n" +
		"after; growth: median of the last 100 cycles over the first 100's. Noisy: cycle times by tens of percent, CPU by a few percent,\n" +
		"a Go program's RSS by its collector."
	r.section(b, head, "cycles\tCPU ms\tCPU/cycle ms\tmedian ms\tfirst100 ms\tlast100 ms\tgrowth\tRSS before MB\tRSS after MB", has, func(w *wmReport) string {
		c := w.Churn
		return fmt.Sprintf("%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f", c.Cycles, c.CPUMS, ms(c.CPUPerCycle), ms(c.Median),
			ms(c.FirstMedian), ms(c.LastMedian), times(c.Growth), float64(c.RSSBeforeKiB)/1024, float64(c.RSSAfterKiB)/1024)
	}, func(w *wmReport) float64 { return float64(w.Churn.CPUPerCycle) })
}

func (r *report) writeBatch(b *strings.Builder) {
	has := func(w *wmReport) bool { return w.Batch != nil }
	head := "Stdin batch: one client process runs many commands, timed whole (fork to wait, its start included), median of 20.\n" +
		"Noisy: by tens of percent."
	r.section(b, head, "client\tcommands\tµs/command", has, func(w *wmReport) string {
		return fmt.Sprintf("%s\t%d\t%s", w.Batch.Client, w.Batch.Commands, us(w.Batch.PerCommandUS))
	}, func(w *wmReport) float64 { return float64(w.Batch.PerCommandUS) })
}

func (r *report) writeState(b *strings.Builder) {
	has := func(w *wmReport) bool { return w.State != nil }
	head := "Keeping the state (fion only): _FION_LAYOUT read from the root window with the bench's clients; one save is fion's\n" +
		"layout.Model.AppendState of that state, timed here (median of rounds), which fion runs after every batch of events; share: one\n" +
		"save over the map median of the same sessions (median of 3), counting one batch per map. Noisy: the save time and the median by tens of percent."
	r.section(b, head, "clients\tbytes\tµs/save\tmap median ms\tshare", has, func(w *wmReport) string {
		s := w.State
		return fmt.Sprintf("%d\t%d\t%s\t%s\t%s", s.Clients, s.Bytes, us(s.SaveUS), ms(s.MapMedianMS), percent(s.Share))
	}, nil)
	if f := r.row("fion"); f != nil && f.State != nil && f.State.Note != "" {
		fmt.Fprintf(b, "  fion: %s\n", f.State.Note)
	}
}

func (r *report) writeRestart(b *strings.Builder) {
	has := func(w *wmReport) bool { return w.Restart != nil }
	head := "Restart: with the bench's clients managed, from the start of the restart command until the restarted WM answers\n" +
		"(median of 3 in one session). Noisy: by tens of percent; fionctl restart retries its connection every 20 ms."
	r.section(b, head, "clients\tmedian ms\tall ms\thow", has, func(w *wmReport) string {
		var all []string
		for _, s := range w.Restart.Samples {
			all = append(all, fmt.Sprintf("%.1f", s))
		}
		return fmt.Sprintf("%d\t%s\t%s\t%s", w.Restart.Clients, ms(w.Restart.Median), strings.Join(all, " "), w.Restart.Client)
	}, func(w *wmReport) float64 { return float64(w.Restart.Median) })
}

func (r *report) writeRules(b *strings.Builder) {
	q := r.Rules
	if q == nil {
		return
	}
	fmt.Fprintf(b, "\nRules (fion only): map median of %d windows with fion.toml.example and with %d [[rules]] added that match none of them,\n", r.Windows, q.Rules)
	fmt.Fprintf(b, "%d sessions each, alternating; the median of their medians. Noisy: by up to tens of percent, hence the alternation.\n", len(q.Plain))
	fmt.Fprintf(b, "  without: %s ms %s\n  with:    %s ms %s\n  with/without: %s\n", ms(q.PlainMS), fmtAll(q.Plain), ms(q.WithMS), fmtAll(q.With), times(q.Ratio))
}

func (r *report) writeQuery(b *strings.Builder) {
	f := r.row("fion")
	if f == nil || f.Query == nil {
		return
	}
	q := f.Query
	fmt.Fprintf(b, "\nQuery prompt (fion only): with %d windows open, Mod4+g (query goto) and then %q typed a character at a time through XTEST,\n", q.Windows, q.Typed)
	fmt.Fprintf(b, "each timed from the key press until the tab bar's pixels change (read again and again with GetImage, so up to one read late);\n")
	fmt.Fprintf(b, "Escape closes the prompt between the %d rounds of one session. Noisy: by milliseconds when the machine is loaded.\n", len(q.OpenSamples))
	fmt.Fprintf(b, "  prompt drawn: median %s ms, max %s ms %s\n", ms(q.OpenMS), ms(q.OpenMaxMS), fmtAll(q.OpenSamples))
	fmt.Fprintf(b, "  each character, median of the rounds: %s\n", fmtAll(q.KeyMedians))
	fmt.Fprintf(b, "  every character of every round: median %s ms, max %s ms\n", ms(q.KeyMedianMS), ms(q.KeyMaxMS))
}

// fmtAll lists figures in milliseconds: "(1.02 0.98 1.10)".
func fmtAll(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.3f", x)
	}
	return "(" + strings.Join(parts, " ") + ")"
}

// us formats a time in microseconds, or "n/a" when it is missing.
func us(x num) string {
	if math.IsNaN(float64(x)) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", x)
}

// percent formats a share as "1.23%", or "n/a" when it is missing.
func percent(x num) string {
	if math.IsNaN(float64(x)) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", x*100)
}
