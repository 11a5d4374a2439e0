package x11

import (
	"image"
	"strconv"
	"unicode/utf8"
)

// Prompt is what fion's prompt shows in a tile's bar: the question and what the user typed, then
// the items that match it, one of them selected.
type Prompt struct {
	Label    string   // what the prompt is for: "goto"
	Text     string   // what the user typed
	Items    []string // the matches, best first
	Selected int      // the index in Items of the one Enter takes
	Empty    string   // what shows when no item matches
}

// promptItemMax is the widest an item gets, as a share of the width left of the bar after the
// typed text: at least this many show side by side.
const promptItemMax = 3

// promptLayout is where the parts of a prompt lie across the bar: the typed text in [0, input),
// the items first to last-1 at spans, markers for the items hidden before and after them.
type promptLayout struct {
	input       int
	first, last int
	spans       [][2]int // of the items first to last-1
	left, right [2]int   // the markers, empty when nothing is hidden on that side
}

// promptLayout places p across width: the typed text takes a quarter (at least 160 pixels, at
// most half), and the items share the rest, each as wide as its text, cut to a third of that
// room. Items that do not fit go on further pages, and the page with the selected item shows.
func (st *BarStyle) promptLayout(width int, p *Prompt) promptLayout {
	l := promptLayout{input: min(max(width/4, 160), width/2)}
	if st.Font == nil || len(p.Items) == 0 {
		return l
	}
	pad := max(st.Padding, 0)
	room := width - l.input
	maxItem := max(room/promptItemMax, 1)
	widths := make([]int, len(p.Items))
	total := 0
	for i, s := range p.Items {
		widths[i] = min(st.Font.Measure(st.Font.Ellipsize(s, maxItem-2*pad-1))+2*pad+1, maxItem) // 1: the separator
		total += widths[i]
	}
	x0, x1 := l.input, width
	if marker := st.Font.Measure(strconv.Itoa(len(p.Items))+"»") + 2*max(st.Padding/2, 0) + 1; total > room && room >= 3*marker {
		x0, x1 = x0+marker, x1-marker // else no room for markers beside an item
	}
	// Greedy pages, the first without the left marker; the one holding the selected item is drawn.
	sel := min(max(p.Selected, 0), len(p.Items)-1)
	start, left := 0, l.input
	for start < len(p.Items) {
		end, used := start, 0
		for end < len(p.Items) && (end == start || used+widths[end] <= x1-left) {
			used += widths[end]
			end++
		}
		if sel < end {
			l.first, l.last = start, end
			break
		}
		start, left = end, x0
	}
	x := left
	for i := l.first; i < l.last; i++ {
		w := min(widths[i], x1-x)
		l.spans = append(l.spans, [2]int{x, x + w})
		x += w
	}
	if l.first > 0 {
		l.left = [2]int{l.input, x0}
	}
	if l.last < len(p.Items) {
		l.right = [2]int{x1, width}
	}
	return l
}

// RenderPrompt draws p into img, which has the bar's size: the label and the typed text on the
// bar's colour, in the shown tab's text colour, with a cursor after it; then the items as tabs,
// the selected one in the focused tab's colours, and markers saying how many items the other
// pages hold.
func RenderPrompt(img *image.RGBA, p *Prompt, st *BarStyle) {
	b := img.Bounds()
	fill(img, b, st.Bar)
	left := *st
	left.AlignLeft = true
	l := st.promptLayout(b.Dx(), p)
	left.drawInput(img, l.input, p)
	for i := l.first; i < l.last; i++ {
		bg, fg := st.Tab, st.TabText
		if i == p.Selected {
			bg, fg = st.FocusedTab, st.FocusedTabText
		}
		s := l.spans[i-l.first]
		left.drawPart(img, barPart{s[0], s[1], p.Items[i], bg, fg, st.Padding})
	}
	if l.left[1] > l.left[0] {
		left.drawPart(img, barPart{l.left[0], l.left[1], "«" + strconv.Itoa(l.first), st.Bar, st.TabText, st.Padding / 2})
	}
	if l.right[1] > l.right[0] {
		left.drawPart(img, barPart{l.right[0], l.right[1], strconv.Itoa(len(p.Items)-l.last) + "»", st.Bar, st.TabText, st.Padding / 2})
	}
	if len(p.Items) == 0 && p.Empty != "" {
		left.drawPart(img, barPart{l.input, b.Dx(), p.Empty, st.Bar, st.TabText, st.Padding})
	}
}

// drawInput draws the label and the typed text in [0, width) of img, left aligned, with a cursor
// after the text; a text too long to fit shows its end, after "…".
func (st *BarStyle) drawInput(img *image.RGBA, width int, p *Prompt) {
	if st.Font == nil {
		return
	}
	b := img.Bounds()
	pad := max(st.Padding, 0)
	label := p.Label + ": "
	room := width - 2*pad - 2 // 2: the cursor
	text := p.Text
	if st.Font.Measure(label+text) > room {
		for text != "" && st.Font.Measure(label+"…"+text) > room {
			_, n := utf8.DecodeRuneInString(text)
			text = text[n:]
		}
		text = "…" + text
	}
	shown := st.Font.Ellipsize(label+text, room)
	r := image.Rect(b.Min.X, b.Min.Y, b.Min.X+width, b.Max.Y)
	st.drawTitle(img.SubImage(r).(*image.RGBA), shown, st.ActiveTabText, pad)
	x := b.Min.X + pad + st.Font.Measure(shown) + 1
	top := b.Min.Y + (b.Dy()-st.Font.Height())/2
	fill(img, image.Rect(x, top, x+1, top+st.Font.Height()).Intersect(r), st.ActiveTabText)
}

// PromptItemAt returns the item of p a click at x across a bar of width picks, as RenderPrompt
// draws them; -1 for none.
func (st *BarStyle) PromptItemAt(width int, p *Prompt, x int) int {
	l := st.promptLayout(width, p)
	for i, s := range l.spans {
		if x >= s[0] && x < s[1] {
			return l.first + i
		}
	}
	return -1
}
