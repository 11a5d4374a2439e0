package x11

import (
	"fmt"
	"image"
	"strings"
	"testing"
)

func promptItems(n int) []string {
	var items []string
	for i := range n {
		items = append(items, fmt.Sprintf("window %d %s", i, strings.Repeat("x", i%13)))
	}
	return items
}

// countColour counts the pixels of img in colour c within [x0, x1).
func countColour(img *image.RGBA, x0, x1 int, c uint32) int {
	n := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := x0; x < x1; x++ {
			if img.RGBAAt(x, y) == rgb(c) {
				n++
			}
		}
	}
	return n
}

func TestThePromptShowsThePageOfTheSelectedItem(t *testing.T) {
	st := testStyle(testFont(t))
	for _, width := range []int{80, 300, 1280} {
		for _, n := range []int{0, 1, 5, 200} {
			items := promptItems(n)
			seen := make([]bool, n)
			for sel := range n {
				p := &Prompt{Label: "goto", Text: "w", Items: items, Selected: sel}
				l := st.promptLayout(width, p)
				if sel < l.first || sel >= l.last {
					t.Fatalf("width %d, %d items: item %d selected, items %d to %d shown", width, n, sel, l.first, l.last)
				}
				x := l.input
				if l.first > 0 {
					x = l.left[1]
				}
				for i, s := range l.spans {
					if s[0] != x || s[1] <= s[0] || s[1] > width {
						t.Fatalf("width %d, %d items: item %d at %v after x=%d", width, n, l.first+i, s, x)
					}
					x = s[1]
					seen[l.first+i] = true
					if got := st.PromptItemAt(width, p, (s[0]+s[1])/2); got != l.first+i {
						t.Fatalf("width %d: a click in the middle of item %d picks %d", width, l.first+i, got)
					}
				}
			}
			for i, ok := range seen {
				if !ok {
					t.Fatalf("width %d, %d items: item %d is on no page", width, n, i)
				}
			}
		}
	}
}

func TestRenderPromptDrawsTheSelectedItemAsTheFocusedTab(t *testing.T) {
	st := testStyle(testFont(t))
	img := image.NewRGBA(image.Rect(0, 0, 1000, 20))
	p := &Prompt{Label: "goto", Text: "fi", Items: []string{"firefox", "file manager"}, Selected: 1}
	RenderPrompt(img, p, st)
	l := st.promptLayout(1000, p)
	if n := countColour(img, 0, l.input, st.ActiveTabText); n == 0 {
		t.Errorf("no text drawn where the typed text goes")
	}
	if n := countColour(img, l.spans[0][0], l.spans[0][1], st.FocusedTab); n != 0 {
		t.Errorf("the first item, not selected, has %d pixels of the selected colour", n)
	}
	if n := countColour(img, l.spans[1][0], l.spans[1][1], st.FocusedTab); n == 0 {
		t.Errorf("the selected item is not drawn in the focused tab's colour")
	}
	if n := countColour(img, l.spans[1][1], 1000, st.Tab); n != 0 {
		t.Errorf("%d pixels of an item's colour after the last item", n)
	}

	none := image.NewRGBA(img.Rect)
	RenderPrompt(none, &Prompt{Label: "goto", Text: "zzz", Empty: "no window matches"}, st)
	if n := countColour(none, l.input, 1000, st.TabText); n == 0 {
		t.Errorf("with no match, nothing says so")
	}
}

func TestAHostilePromptStaysInItsBar(t *testing.T) {
	st := testStyle(testFont(t))
	img := image.NewRGBA(image.Rect(0, 0, 400, 20))
	long := strings.Repeat("ü\xff\x00", 10000)
	RenderPrompt(img, &Prompt{Label: "attach", Text: strings.Repeat("typed ", 100), Items: []string{long, long}, Selected: 1}, st)
	if n := countColour(img, 0, 400, st.FocusedTab); n == 0 {
		t.Errorf("the selected item of two long titles is not shown")
	}
}

// BenchmarkRenderPrompt200 is one drawing of the prompt with 200 windows listed, the first page
// of them shown, as after each typed character.
func BenchmarkRenderPrompt200(b *testing.B) {
	st := testStyle(testFont(b))
	p := &Prompt{Label: "goto", Text: "wi", Items: promptItems(200)}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 20))
	for b.Loop() {
		RenderPrompt(img, p, st)
	}
}
