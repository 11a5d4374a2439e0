package main

import (
	"encoding/json"
	"math"
	"testing"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want float64
	}{
		{"one", []float64{3}, 3},
		{"odd, unsorted", []float64{5, 1, 3}, 3},
		{"even: mean of the two middle", []float64{4, 1, 3, 2}, 2.5},
		{"duplicates", []float64{2, 2, 2, 9}, 2},
		{"outlier does not move it", []float64{1, 1, 1, 1000}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := median(tt.in); got != tt.want {
				t.Errorf("median(%v) = %g, want %g", tt.in, got, tt.want)
			}
		})
	}
	if got := median(nil); !math.IsNaN(got) {
		t.Errorf("median(nil) = %g, want NaN", got)
	}
}

func TestMedianKeepsOrder(t *testing.T) {
	in := []float64{3, 1, 2}
	median(in)
	percentile(in, 90)
	if in[0] != 3 || in[1] != 1 || in[2] != 2 {
		t.Errorf("samples reordered to %v; first10/last10 depend on map order", in)
	}
}

func TestPercentile(t *testing.T) {
	oneToHundred := make([]float64, 100)
	for i := range oneToHundred {
		oneToHundred[i] = float64(100 - i) // reversed: must sort
	}
	tests := []struct {
		name string
		in   []float64
		p    float64
		want float64
	}{
		{"p90 of 1..100 is the 90th value", oneToHundred, 90, 90},
		{"p50 of 1..100", oneToHundred, 50, 50},
		{"p100 is the maximum", oneToHundred, 100, 100},
		{"p0 is the minimum", oneToHundred, 0, 1},
		{"p90 of ten: the ninth", []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90, 9},
		{"p90 of three: nearest rank rounds up", []float64{1, 2, 3}, 90, 3},
		{"p90 of one", []float64{7}, 90, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.in, tt.p); got != tt.want {
				t.Errorf("percentile(p%g) = %g, want %g", tt.p, got, tt.want)
			}
		})
	}
	if got := percentile(nil, 90); !math.IsNaN(got) {
		t.Errorf("percentile(nil) = %g, want NaN", got)
	}
}

func TestSummarize(t *testing.T) {
	// 100 maps: the first ten take 1 ms, the last ten 3 ms, the rest 2 ms.
	samples := make([]float64, 100)
	for i := range samples {
		switch {
		case i < 10:
			samples[i] = 1
		case i >= 90:
			samples[i] = 3
		default:
			samples[i] = 2
		}
	}
	samples[50] = 40 // one slow map moves neither the median nor the tenths
	got := summarize(samples)
	// Sorted: ten 1s, 79 2s, ten 3s, then 40; the 90th value is the first 3.
	want := mapStats{Median: 2, P90: 3, First10: 1, Last10: 3, Growth: 3}
	if got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}

	// Fewer than ten samples: first and last ten are all of them.
	short := summarize([]float64{1, 2, 3})
	if short.First10 != 2 || short.Last10 != 2 || short.Growth != 1 {
		t.Errorf("summarize of 3 samples = %+v, want first10 = last10 = 2, growth 1", short)
	}
}

func TestSummarizeRuns(t *testing.T) {
	runs := []runResult{
		{Stats: mapStats{Median: 1, Growth: 1.2}, RSSKiB: 10240, IdleCPUMS: 0, IdleWakeups: 1},
		{Stats: mapStats{Median: 9, Growth: 3}, RSSKiB: 11264, IdleCPUMS: 10, IdleWakeups: 50},
		{Stats: mapStats{Median: 2, Growth: 1.1}, RSSKiB: 12288, IdleCPUMS: 0, IdleWakeups: 2},
	}
	s := summarizeRuns(runs)
	if s.Median != 2 || s.Growth != 1.2 || s.RSSMB != 11 || s.IdleCPUMS != 0 || s.IdleWakeups != 2 {
		t.Errorf("summarizeRuns = %+v, want the median of each figure: median 2, growth 1.2, RSS 11, CPU 0, wakeups 2", *s)
	}
}

func TestNumJSON(t *testing.T) {
	b, err := json.Marshal([]num{1.5, num(math.NaN()), 0})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "[1.5,null,0]" {
		t.Errorf("got %s, want [1.5,null,0]", b)
	}
}
