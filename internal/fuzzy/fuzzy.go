// Package fuzzy scores how well a typed pattern matches a text, the way a user who types a few
// letters of a window's name expects: the letters must appear in the text in order (a
// subsequence), ignoring case, and a match scores higher when its letters are close together,
// start words, or start the text. It imports nothing of FION.
package fuzzy

import (
	"unicode"
	"unicode/utf8"
)

// MaxText is how many runes of a text are looked at: a pattern is typed to find a window, and a
// title of 10,000 characters must cost no more than a name of a few words.
const MaxText = 512

// maxStarts bounds the places a match may start from that are tried: the first letter of the
// pattern at each of them, the first maxStarts only.
const maxStarts = 32

// Scores of one matched letter.
const (
	letter      = 16 // every matched letter
	consecutive = 12 // right after the letter matched before it
	wordStart   = 10 // at the start of a word (see boundary)
	textStart   = 16 // the first letter of the pattern at the very start of the text
	textEnd     = 4  // the last letter of the pattern at the very end: "19" is "window 19", not "window 195"
	maxGap      = 6  // a gap between two matched letters costs one per rune, up to this
)

// Pattern is a typed text, ready to be matched against many texts.
type Pattern struct {
	runes []rune // folded to lower case
}

// Compile prepares pattern, whose case is ignored.
func Compile(pattern string) Pattern {
	var p Pattern
	for _, r := range pattern {
		p.runes = append(p.runes, unicode.ToLower(r))
	}
	return p
}

// Empty reports whether the pattern has no letter: it matches every text with score 0.
func (p Pattern) Empty() bool { return len(p.runes) == 0 }

// Match reports whether p's letters appear in text in order, ignoring case, and how well: the
// higher the score, the better the match. Invalid UTF-8 in text counts as U+FFFD.
func (p Pattern) Match(text string) (score int, ok bool) {
	if len(p.runes) == 0 {
		return 0, true
	}
	var buf [MaxText]rune
	t := fold(buf[:0], text)
	if len(t) < len(p.runes) {
		return 0, false
	}
	best, found, starts := 0, false, 0
	for i, r := range t {
		if r != p.runes[0] {
			continue
		}
		s, ok := p.from(t, i)
		if !ok {
			break // no match from here: none from any later place either
		}
		if !found || s > best {
			best, found = s, true
		}
		if starts++; starts == maxStarts {
			break
		}
	}
	return best, found
}

// from matches p greedily in t from index i, where p's first letter is, and scores that match.
func (p Pattern) from(t []rune, i int) (score int, ok bool) {
	prev := -1
	j := 0
	for k := i; k < len(t) && j < len(p.runes); k++ {
		if t[k] != p.runes[j] {
			continue
		}
		score += letter
		switch {
		case prev >= 0 && k == prev+1:
			score += consecutive
		case prev >= 0:
			score -= min(k-prev-1, maxGap)
		}
		if k == 0 {
			score += textStart
		} else if boundary(t, k) {
			score += wordStart
		}
		prev = k
		j++
	}
	if prev == len(t)-1 {
		score += textEnd
	}
	return score, j == len(p.runes)
}

// boundary reports whether a word starts at t[k] (k > 0): after a rune that is neither a letter
// nor a digit, or a letter after a digit. Case was folded away, so "fooBar" is one word.
func boundary(t []rune, k int) bool {
	before := t[k-1]
	if !unicode.IsLetter(before) && !unicode.IsDigit(before) {
		return true
	}
	return unicode.IsDigit(before) && unicode.IsLetter(t[k])
}

// fold appends the first MaxText runes of s to buf, in lower case.
func fold(buf []rune, s string) []rune {
	for len(s) > 0 && len(buf) < MaxText {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		buf = append(buf, r)
	}
	return buf
}
