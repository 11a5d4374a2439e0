package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"i3", "i3", 0},
		{"i4", "i3", 1},
		{"", "fion", 4},
		{"bspwn", "bspwm", 1},
		{"noiton", "notion", 2},
		{"fïon", "fion", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	words := []string{"split", "tab", "run", "query", "Return"}
	for in, want := range map[string]string{"splt": "split", "SPLIT": "split", "rn": "run", "tabb": "tab", "tba": "", "quyer": "query", "retrun": "Return", "zzzzzz": "", "xyz": ""} {
		if got := Closest(in, words); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}
