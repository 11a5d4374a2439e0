// Package suggest finds the likely intended word for a misspelt one, for "did you mean" hints in
// the messages fion, fionctl and the benchmark give. It imports nothing.
package suggest

import "strings"

// Closest returns the candidate closest to s, ignoring case, when it is close enough to be a
// likely typo (at most 2 edits, 1 for words of up to 3 letters: "run" is no typo of "tab"); else "".
func Closest(s string, candidates []string) string {
	best, bestDist := "", 3
	if len([]rune(s)) <= 3 {
		bestDist = 2
	}
	for _, c := range candidates {
		if d := Distance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
