package fuzzy

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestMatchNeedsTheLettersInOrder(t *testing.T) {
	for _, tt := range []struct {
		pattern, text string
		ok            bool
	}{
		{"", "anything", true},
		{"ffx", "Firefox", true},
		{"FIRE", "firefox", true},
		{"xof", "firefox", false},
		{"fox", "fo", false},
		{"émac", "Émacs", true},
		{"e\uFFFD", "e\xff\xfe", true}, // invalid UTF-8 is U+FFFD, and does not stop the match
		{"z", "", false},
	} {
		_, ok := Compile(tt.pattern).Match(tt.text)
		if ok != tt.ok {
			t.Errorf("%q in %q: match %v, want %v", tt.pattern, tt.text, ok, tt.ok)
		}
	}
}

// rank orders texts by their score for pattern, best first, as the prompt lists windows.
func rank(pattern string, texts []string) []string {
	p := Compile(pattern)
	type scored struct {
		text  string
		score int
	}
	var out []scored
	for _, s := range texts {
		if n, ok := p.Match(s); ok {
			out = append(out, scored{s, n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	var names []string
	for _, s := range out {
		names = append(names, s.text)
	}
	return names
}

func TestCloserAndEarlierMatchesComeFirst(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		texts   []string
		want    []string
	}{
		// Letters together beat letters scattered.
		{"term", []string{"the emacs room", "xterm"}, []string{"xterm", "the emacs room"}},
		// The start of the text, then the start of a word, beat the middle of one.
		{"fox", []string{"a firefox", "fox trot", "the fox"}, []string{"fox trot", "the fox", "a firefox"}},
		// A match that ends the text beats one that goes on.
		{"window 1", []string{"window 12", "window 1", "window 10"}, []string{"window 1", "window 12", "window 10"}},
		// The best place is found even when an earlier one matches too.
		{"mail", []string{"m a i l ... mail", "m a i l"}, []string{"m a i l ... mail", "m a i l"}},
	} {
		if got := rank(tt.pattern, tt.texts); !slices.Equal(got, tt.want) {
			t.Errorf("%q ranks %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

func TestALongTitleIsLookedAtOnlyAtItsStart(t *testing.T) {
	long := strings.Repeat("a", 10000) + "z"
	if _, ok := Compile("az").Match(long); ok {
		t.Errorf("a z 10,000 runes in was found: more than MaxText runes are looked at")
	}
	if _, ok := Compile("aaa").Match(long); !ok {
		t.Errorf("aaa not found at the start of a long title")
	}
}

// titles are 200 window titles such as a user has open.
func titles() []string {
	words := []string{"Mozilla Firefox", "xterm", "emacs@host", "Inbox - Thunderbird", "~/src/fion - vim",
		"Slack | general", "LibreOffice Calc", "htop", "mpv: video.mkv", "GNU Image Manipulation Program"}
	var out []string
	for i := range 200 {
		out = append(out, fmt.Sprintf("%s %d — %s", words[i%len(words)], i, strings.Repeat("página ", i%7)))
	}
	return out
}

// BenchmarkMatch200 is one typed character of the prompt: a pattern matched against 200 titles.
func BenchmarkMatch200(b *testing.B) {
	texts := titles()
	for b.Loop() {
		p := Compile("fi")
		for _, s := range texts {
			p.Match(s)
		}
	}
}
