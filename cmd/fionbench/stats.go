package main

import (
	"math"
	"sort"
	"strconv"
)

// mapStats summarizes the map latencies of one run, in milliseconds.
type mapStats struct {
	Median  num `json:"median_ms"`
	P90     num `json:"p90_ms"`
	First10 num `json:"first10_ms"` // median of the first ten maps
	Last10  num `json:"last10_ms"`  // median of the last ten maps
	Growth  num `json:"growth"`     // Last10 / First10: does mapping slow down as clients pile up?
}

// num is a figure that may be missing (NaN). JSON has no NaN, so a missing
// figure is written as null.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(n), 'f', -1, 64), nil
}

// summarize computes the figures of one run from its samples in map order.
func summarize(samples []float64) mapStats {
	s := mapStats{
		Median:  num(median(samples)),
		P90:     num(percentile(samples, 90)),
		First10: num(median(head(samples, 10))),
		Last10:  num(median(tail(samples, 10))),
	}
	s.Growth = num(ratio(float64(s.Last10), float64(s.First10)))
	return s
}

// median is the middle value, or the mean of the two middle values for an
// even count. It does not reorder xs. NaN for no values.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := sorted(xs)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// percentile uses the nearest-rank method: the smallest value with at least
// p% of the values at or below it. It is always one of the samples, so a p90
// of 100 maps is the 90th fastest map, not an interpolation. NaN for no values.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := sorted(xs)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

// head is the first k values (all of them when there are fewer).
func head(xs []float64, k int) []float64 { return xs[:min(k, len(xs))] }

// tail is the last k values (all of them when there are fewer).
func tail(xs []float64, k int) []float64 { return xs[len(xs)-min(k, len(xs)):] }

// ratio is a/b, NaN when b is zero or either is NaN, so a missing figure
// never turns into a misleading infinity or zero.
func ratio(a, b float64) float64 {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return math.NaN()
	}
	return a / b
}

func sorted(xs []float64) []float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s
}
