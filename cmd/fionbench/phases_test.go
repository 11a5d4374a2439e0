package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/layout"
)

func TestParsePhases(t *testing.T) {
	tests := []struct {
		flag    string
		want    []string
		wantErr string
	}{
		{"", allPhases, ""},
		{"churn,storm", []string{"storm", "churn"}, ""}, // running order, not the flag's
		{" rules , map,,rules", []string{"map", "rules"}, ""},
		{"strom", nil, `unknown phase "strom"; did you mean "storm"?`},
		{"everything", nil, "(phases: map,flood,storm,churn,stdin,state,restart,rules)"},
		{" , ", nil, "names no phase"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			got, err := parsePhases(tt.flag)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("parsePhases(%q) = %v, %v; want %v", tt.flag, got, err, tt.want)
			}
		})
	}
}

func TestParseFlagsPhases(t *testing.T) {
	for _, tt := range []struct{ args, wantErr string }{
		{"-churn 0", "-churn 0: give a number from 1"},
		{"-storm 0s", "-storm 0s: give a duration"},
		{"-only map,bogus", `unknown phase "bogus"`},
	} {
		if _, err := parseFlags(strings.Fields(tt.args)); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("parseFlags(%s): err = %v, want one containing %q", tt.args, err, tt.wantErr)
		}
	}
	cfg, err := parseFlags([]string{"-only", "churn", "-churn", "50", "-wms", "fion"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.only, []string{"churn"}) || cfg.phases.churn != 50 || cfg.phases.stormRate != 1000 || cfg.phases.stormTime != 5*time.Second {
		t.Errorf("config %+v, %+v: want only churn, 50 cycles, the default storm", cfg.only, cfg.phases)
	}
}

// TestPace: the storm's changes are due evenly, rate a second, from its start.
func TestPace(t *testing.T) {
	start := time.Unix(100, 0)
	for _, tt := range []struct {
		i, rate int
		want    time.Duration
	}{{0, 1000, 0}, {1, 1000, time.Millisecond}, {4999, 1000, 4999 * time.Millisecond}, {3, 3, time.Second}, {1, 3, time.Second / 3}} {
		if got := pace(start, tt.i, tt.rate).Sub(start); got != tt.want {
			t.Errorf("pace(change %d at %d/s) = start+%v, want start+%v", tt.i, tt.rate, got, tt.want)
		}
	}
}

// TestChurnStats: the first and last 100 cycles are compared, and CPU is shared over all of them.
func TestChurnStats(t *testing.T) {
	cycles := make([]float64, 300)
	for i := range cycles {
		cycles[i] = 2
		if i >= 200 {
			cycles[i] = 3 // the last 100 are slower
		}
	}
	cycles[0] = 50 // one slow first cycle moves no median
	res := churnResult{CPUMS: 600}
	churnStats(&res, cycles)
	if res.Cycles != 300 || res.Median != 2 || res.FirstMedian != 2 || res.LastMedian != 3 || res.Growth != 1.5 || res.CPUPerCycle != 2 {
		t.Errorf("churnStats = %+v; want 300 cycles, median 2, first100 2, last100 3, growth 1.5, 2 ms CPU a cycle", res)
	}
	short := churnResult{}
	churnStats(&short, []float64{1, 2, 3})
	if short.FirstMedian != 2 || short.LastMedian != 2 || short.Growth != 1 {
		t.Errorf("churnStats of 3 cycles = %+v; want first and last = all of them", short)
	}
}

// TestRulesText: the rules are a valid fion config with the example, and none of them matches a
// window of the bench, so the rules phase measures matching and not placing.
func TestRulesText(t *testing.T) {
	repo := findRepo()
	example, err := os.ReadFile(filepath.Join(repo, "fion.toml.example"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("fion.toml", append(example, rulesText(50)...))
	if err != nil {
		t.Fatalf("the example with the bench's rules does not parse: %v", err)
	}
	if len(cfg.Rules) != 50 {
		t.Fatalf("%d rules, want 50", len(cfg.Rules))
	}
	matches := func(re *regexp.Regexp, s string) bool { return re == nil || re.MatchString(s) }
	for _, title := range []string{"bench 1", "bench 100", "bench warm-up", "bench after the flood", "storm 5000", "churn 12"} {
		for _, r := range cfg.Rules {
			if matches(r.Class, "FionBench") && matches(r.Instance, "fionbench") && matches(r.Title, title) && matches(r.Role, "") {
				t.Errorf("the rule at line %d matches the bench's window %q", r.Line, title)
			}
		}
	}
}

// TestTimeSave: the state phase rebuilds a model from the bytes fion wrote and writes them back
// exactly, so it times what fion does.
func TestTimeSave(t *testing.T) {
	m := layout.New([]layout.ScreenSpec{{Name: "screen", Rect: layout.Rect{W: 1280, H: 800}}}, []string{"1", "2", "3"},
		layout.Style{BarHeight: 20, Border: 1, MinSize: 32})
	for id := layout.ClientID(1); id <= 30; id++ {
		m.AddTo(m.Tile(), id)
		if id%10 == 0 {
			m.Split(layout.Horizontal, 0.3)
		}
	}
	us, note, err := timeSave(m.AppendState(nil))
	if err != nil || note != "" {
		t.Fatalf("timeSave: %v, note %q", err, note)
	}
	if !(us > 0) || us > 10000 {
		t.Errorf("a save of 30 clients took %v µs, want a positive time under 10 ms", us)
	}
	if _, _, err := timeSave([]byte(`{"version": 99}`)); err == nil || !strings.Contains(err.Error(), "_FION_LAYOUT") {
		t.Errorf("timeSave of another version: err = %v, want one naming _FION_LAYOUT", err)
	}
}

func TestNotLater(t *testing.T) {
	nan := num(math.NaN())
	for _, tt := range []struct {
		a, b num
		want bool
	}{{1, 2, true}, {2, 2, true}, {3, 2, false}, {1, nan, true}, {nan, 2, false}, {nan, nan, true}} {
		if got := notLater(tt.a, tt.b); got != tt.want {
			t.Errorf("notLater(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// phaseRows is a report of the phases after the map phase with figures for fion, notion, bspwm
// and i3.
func phaseRows() *report {
	nan := num(math.NaN())
	return &report{
		Phases: []string{phaseStorm, phaseChurn, phaseStdin, phaseState, phaseRestart, phaseRules},
		Screen: screenSize, Windows: 100,
		WMs: []wmReport{
			{Name: "fion", Status: statusOK,
				Storm:   &stormResult{Changes: 5000, Seconds: 5, CPUMS: 400, TitleShownMS: 2.5, Redraws: 4000},
				Churn:   &churnResult{Cycles: 300, CPUMS: 600, CPUPerCycle: 2, Median: 3, FirstMedian: 3, LastMedian: 3.3, Growth: 1.1, RSSBeforeKiB: 9000, RSSAfterKiB: 10500},
				Batch:   &batchResult{Client: "fionctl -", Commands: 1000, PerCommandUS: 12},
				State:   &stateResult{Clients: 101, Bytes: 6000, SaveUS: 3, MapMedianMS: 1, Share: 0.003},
				Restart: &restartResult{Client: "fionctl restart", Clients: 101, Samples: []float64{60, 70, 80}, Median: 70}},
			{Name: "notion", Status: statusOK,
				Storm: &stormResult{Changes: 5000, Seconds: 5, CPUMS: 420, TitleShownMS: nan},
				Churn: &churnResult{Cycles: 300, CPUMS: 300, CPUPerCycle: 1, Median: 3.5, Growth: 1}},
			{Name: "bspwm", Status: statusOK, Storm: &stormResult{Changes: 5000, Seconds: 5, CPUMS: 80, TitleShownMS: nan}},
			{Name: "i3", Status: statusOK,
				Batch:   &batchResult{Client: "i3-msg", Commands: 1000, PerCommandUS: 3},
				Restart: &restartResult{Client: "i3-msg restart", Clients: 101, Samples: []float64{1700}, Median: 1700}},
		},
		Rules: &rulesResult{Rules: 50, Plain: []float64{1, 1.1, 0.9}, With: []float64{1.05, 1.1, 1}, PlainMS: 1, WithMS: 1.05, Ratio: 1.05},
	}
}

// TestJudgePhases: each target of the phases is judged against the right peer, and the report
// says which held.
func TestJudgePhases(t *testing.T) {
	r := phaseRows()
	r.compare()
	want := map[string]bool{
		"title storm: CPU at most notion's":                                     true,
		"title storm: CPU at most 2x bspwm's":                                   false,
		"title storm: final title drawn within 16 ms of the last change":        true,
		"churn: CPU a cycle at most notion's":                                   false,
		"churn: median cycle at most notion's":                                  true,
		"churn: RSS after within 1 MB of before":                                false,
		"churn: no growth, last 100 cycles' median over the first 100's <= 1.2": true,
		"fionctl - at most 10 µs a command":                                     false,
		"keeping the state: one save below 5% of the map median":                true,
		"restart until the new fion answers sync below 150 ms":                  true,
		"map median with the rules within 10% of none":                          true,
	}
	got := map[string]bool{}
	for _, v := range r.Verdicts {
		got[v.Target] = v.Pass
	}
	for target, pass := range want {
		if p, ok := got[target]; !ok || p != pass {
			t.Errorf("target %q: judged %v (present %v), want pass %v", target, p, ok, pass)
		}
	}
	if len(r.Verdicts) != len(want) || len(r.Unjudged) != 0 {
		t.Errorf("verdicts %+v, unjudged %q; want exactly the %d targets above", r.Verdicts, r.Unjudged, len(want))
	}

	var b strings.Builder
	if err := r.writeText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, s := range []string{
		"ratios (above 1: fion costs less): notion/fion 1.05x, bspwm/fion 0.20x", // storm CPU
		"ratios (above 1: fion costs less): notion/fion 0.50x",                   // churn CPU a cycle
		"i3/fion 0.25x",  // batch
		"i3/fion 24.29x", // restart
		"60.0 70.0 80.0", // every restart
		"with/without: 1.05x",
		"FAIL  churn: RSS after within 1 MB of before: 8.8 MB before, 10.3 MB after",
		"PASS  restart until the new fion answers sync below 150 ms: 70.000 ms with 101 clients; i3 1700.000 ms",
		"Noisy:",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("report does not contain %q:\n%s", s, text)
		}
	}
}

// TestJudgePhasesMissing: a peer that did not run or failed leaves its target unjudged, saying why.
func TestJudgePhasesMissing(t *testing.T) {
	r := phaseRows()
	r.WMs = r.WMs[:1] // fion alone
	r.WMs[0].PhaseFailures = map[string]string{phaseRestart: "the WM exited"}
	r.WMs[0].Restart = nil
	r.compare()
	for _, want := range []string{
		"title storm: CPU at most notion's: notion did not run",
		"churn: median cycle at most notion's: notion did not run",
		"restart until the new fion answers sync below 150 ms: fion failed",
	} {
		if !slices.Contains(r.Unjudged, want) {
			t.Errorf("unjudged %q, want it to hold %q", r.Unjudged, want)
		}
	}
}

// TestJudgeMapVsNotion: issue 13 holds fion's map median below half of notion's and its RSS at
// or below notion's.
func TestJudgeMapVsNotion(t *testing.T) {
	notion := ok("notion", 2.5, math.NaN())
	notion.Summary.RSSMB = 9
	r := &report{WMs: []wmReport{ok("fion", 1, 2), notion}}
	r.compareMap()
	got := map[string]string{}
	for _, v := range r.Verdicts {
		got[v.Target] = fmt.Sprintf("%v %s", v.Pass, v.Measured)
	}
	for target, want := range map[string]string{
		"median map time below half of notion's":           "true fion 1.000 ms, half of notion's 1.250 ms",
		"RSS with the clients mapped at or below notion's": "false fion 10.0 MB, notion 9.0 MB",
	} {
		if got[target] != want {
			t.Errorf("%q: %q, want %q", target, got[target], want)
		}
	}
}
