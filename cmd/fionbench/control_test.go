package main

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRoundTrips times a client that answers: one sample per run, each the
// whole process.
func TestRoundTrips(t *testing.T) {
	cr := clientRun{program: "/bin/sh", args: []string{"-c", "echo answer"}}
	samples, err := roundTrips(context.Background(), cr, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != 5 {
		t.Fatalf("%d samples, want 5", len(samples))
	}
	for i, s := range samples {
		if s <= 0 || s > clientTimeout.Seconds()*1000 {
			t.Errorf("sample %d = %g ms, want a positive time under the client timeout", i, s)
		}
	}
}

// TestRoundTripsWaitsForAnswer: the timing starts only once the client gets
// an answer, as a fionctl run before fion has made its socket does not.
func TestRoundTripsWaitsForAnswer(t *testing.T) {
	tries := filepath.Join(t.TempDir(), "tries")
	// Fails twice ("no socket yet"), then answers.
	script := `echo x >> "$1"; [ "$(wc -l < "$1")" -gt 2 ] || { echo no socket yet >&2; exit 1; }`
	cr := clientRun{program: "/bin/sh", args: []string{"-c", script, "sh", tries}}
	samples, err := roundTrips(context.Background(), cr, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != 3 {
		t.Errorf("%d samples, want 3", len(samples))
	}
}

// TestRoundTripsFailures: a client that fails while being timed, or never
// gets an answer, is reported with what it said.
func TestRoundTripsFailures(t *testing.T) {
	dir := t.TempDir()
	once := filepath.Join(dir, "once")
	tests := []struct {
		name   string
		script string
		want   []string
	}{
		{
			name:   "fails after the first answer",
			script: `[ -e "$1" ] && { echo lost the WM >&2; exit 3; }; : > "$1"`,
			want:   []string{"round trip 1 of 4", "exit status 3", "run again", "lost the WM"},
		},
		{
			name:   "never answers",
			script: `echo cannot connect >&2; exit 1`,
			want:   []string{"waiting for /bin/sh", "to get an answer", "context deadline exceeded", "cannot connect"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			cr := clientRun{program: "/bin/sh", args: []string{"-c", tt.script, "sh", once}}
			_, err := roundTrips(ctx, cr, 4, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestRoundTripsWMExits: the WM going away ends the timing at once.
func TestRoundTripsWMExits(t *testing.T) {
	exited := make(chan struct{})
	close(exited)
	cr := clientRun{program: "/bin/sh", args: []string{"-c", "exit 1"}}
	_, err := roundTrips(context.Background(), cr, 3, exited)
	if err == nil || !strings.Contains(err.Error(), "the WM exited") {
		t.Errorf("err = %v, want one saying the WM exited", err)
	}
	if errors.Is(err, errDeadline) {
		t.Errorf("err = %v: waited for the deadline although the WM had exited", err)
	}
}

// ok is a measured WM with the given map median and control round trip
// (NaN: none).
func ok(name string, median, control float64) wmReport {
	s := &summary{mapStats: mapStats{Median: num(median), Growth: 1}, RSSMB: 10,
		ControlMS: num(control), ControlP90MS: num(control * 1.5)}
	if !math.IsNaN(control) {
		s.Client = name + "ctl"
	}
	return wmReport{Name: name, Status: statusOK, Summary: s}
}

// TestJudgeControl: fionctl is held to the fastest client of the others
// that were timed; WMs without one, failed or skipped, do not count.
func TestJudgeControl(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name     string
		wms      []wmReport
		pass     bool
		measured string
		unjudged string
	}{
		{
			name:     "slower than the fastest",
			wms:      []wmReport{ok("fion", 1, 3), ok("notion", 2, nan), ok("i3", 2, 2.5), ok("bspwm", 2, 1.5)},
			measured: "fionctl 3.000 ms, fastest other: bspwmctl (bspwm) 1.500 ms",
		},
		{
			name:     "equal to the fastest passes",
			wms:      []wmReport{ok("fion", 1, 1.5), ok("bspwm", 2, 1.5), ok("i3", 2, 2)},
			pass:     true,
			measured: "fionctl 1.500 ms, fastest other: bspwmctl (bspwm) 1.500 ms",
		},
		{
			name: "a failed WM does not count",
			wms: []wmReport{ok("fion", 1, 2), ok("i3", 2, 2.5),
				{Name: "bspwm", Status: statusFailed, Reason: "broke"}},
			pass:     true,
			measured: "fionctl 2.000 ms, fastest other: i3ctl (i3) 2.500 ms",
		},
		{
			name:     "nobody else timed",
			wms:      []wmReport{ok("fion", 1, 2), ok("notion", 2, nan)},
			unjudged: "no other WM's client was timed",
		},
		{
			name:     "fionctl not timed",
			wms:      []wmReport{ok("fion", 1, nan), ok("i3", 2, 2)},
			unjudged: "fionctl was not timed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &report{WMs: tt.wms}
			r.judgeControl()
			if tt.unjudged != "" {
				if len(r.Verdicts) != 0 || len(r.Unjudged) != 1 || !strings.Contains(r.Unjudged[0], tt.unjudged) {
					t.Errorf("verdicts %+v, unjudged %q; want only unjudged %q", r.Verdicts, r.Unjudged, tt.unjudged)
				}
				return
			}
			if len(r.Verdicts) != 1 {
				t.Fatalf("verdicts %+v, unjudged %q; want one verdict", r.Verdicts, r.Unjudged)
			}
			v := r.Verdicts[0]
			if v.Pass != tt.pass || v.Measured != tt.measured {
				t.Errorf("verdict %+v, want pass %v, measured %q", v, tt.pass, tt.measured)
			}
		})
	}
}

// TestReportControl: the table shows the round trips, n/a for a WM without
// a client; the ratios and the target line follow.
func TestReportControl(t *testing.T) {
	r := &report{Windows: 100, Runs: 3, IdleSeconds: 5, Screen: screenSize, RoundTrips: 200,
		WMs: []wmReport{ok("fion", 1, 2), ok("notion", 2, math.NaN()), ok("bspwm", 2, 1)}}
	r.compare()
	var b strings.Builder
	if err := r.writeText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"200 times one after another per run",
		"Clients: fion: fionctl, bspwm: bspwmctl.",
		"ctl ms  ctl p90 ms",
		"  2.000       3.000\n", // fion's row ends with its round trip and p90
		"    n/a         n/a\n", // notion has no client
		"notion/fion: median 2.00x, RSS 1.00x, control round trip n/a",
		"bspwm/fion: median 2.00x, RSS 1.00x, control round trip 0.50x",
		"FAIL  fionctl round trip at or below the fastest other client: fionctl 2.000 ms, fastest other: bspwmctl (bspwm) 1.000 ms",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report does not contain %q:\n%s", want, text)
		}
	}
}
