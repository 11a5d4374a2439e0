package x11

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/opentype"

	"github.com/fion-wm/fion/internal/xtest"
)

// Without a font there is no text to make room for: the tabs always share the width equally.
func TestTabAtEqualTabs(t *testing.T) {
	st := &BarStyle{Padding: 6}
	tests := []struct {
		width, n, x int
		want        int
	}{
		{300, 3, 0, 0},
		{300, 3, 99, 0},
		{300, 3, 100, 1},
		{300, 3, 199, 1},
		{300, 3, 200, 2},
		{300, 3, 299, 2},
		{300, 3, 300, -1},
		{300, 3, -1, -1},
		{300, 0, 10, -1},
		{0, 3, 0, -1},
		{10, 1, 9, 0},
		{100, 7, 14, 0},
		{100, 7, 15, 1},
		{2, 5, 1, 2}, // more tabs than pixels: some tabs get no column
	}
	for _, tt := range tests {
		if got := st.TabAt(tt.width, tt.n, 0, tt.x); got != tt.want {
			t.Errorf("TabAt(%d, %d, 0, %d) = %d; want %d", tt.width, tt.n, tt.x, got, tt.want)
		}
	}
}

// TestTabAtMatchesLayout checks, for many widths, tab counts and active tabs, that the parts of
// the bar cover it without gaps, that a click anywhere picks the tab drawn there (or, on a
// marker, the nearest tab it hides), and the promises of layout: the active tab is drawn, every
// drawn tab has room for three characters and "…", all tabs are drawn when they fit, and the
// pages stay put while the active tab moves within one.
func TestTabAtMatchesLayout(t *testing.T) {
	st := testStyle(testFont(t))
	minTab := 2*st.Padding + st.Font.Measure("000…")
	for _, width := range []int{1, 7, 60, 100, 101, 320, 997, 1920} {
		for n := 1; n <= 40; n++ {
			pages := map[[2]int]bool{}
			for active := 0; active < n; active++ {
				l := st.layout(width, n, active)
				where := fmt.Sprintf("width %d, %d tabs, tab %d active: tabs [%d,%d) in [%d,%d)", width, n, active, l.first, l.last, l.tabsX0, l.tabsX1)
				if active < l.first || active >= l.last {
					t.Fatalf("%s: the active tab is not drawn", where)
				}
				all := l.first == 0 && l.last == n
				if fit := n == 1 || n*minTab <= width; fit != all {
					t.Fatalf("%s: %d tabs of at least %d px fit: %v, but all are drawn: %v", where, n, minTab, fit, all)
				}
				// Too narrow for a tab and two markers, the bar shows the active tab alone.
				alone := l.last-l.first == 1 && l.tabsX0 == 0 && l.tabsX1 == width && width < 2*minTab
				if !alone && ((l.first > 0) != (l.tabsX0 > 0) || (l.last < n) != (l.tabsX1 < width)) {
					t.Fatalf("%s: a marker without hidden tabs, or hidden tabs without a marker", where)
				}
				check := func(x0, x1, want int, what string) {
					for x := x0; x < x1; x++ {
						if got := l.at(x); got != want {
							t.Fatalf("%s: a click at x=%d in %s [%d,%d) picks tab %d, want %d", where, x, what, x0, x1, got, want)
						}
					}
				}
				check(0, l.tabsX0, l.first-1, "the left marker")
				check(l.tabsX1, width, l.last, "the right marker")
				end := l.tabsX0
				for i := l.first; i < l.last; i++ {
					x0, x1 := l.span(i)
					if x0 != end {
						t.Fatalf("%s: tab %d starts at %d, the part before it ended at %d", where, i, x0, end)
					}
					if !all && l.last-l.first > 1 && x1-x0 < minTab {
						t.Fatalf("%s: tab %d is %d px wide, less than %d", where, i, x1-x0, minTab)
					}
					check(x0, x1, i, fmt.Sprintf("tab %d", i))
					end = x1
				}
				if end != l.tabsX1 {
					t.Fatalf("%s: the tabs end at %d", where, end)
				}
				if l.at(-1) != -1 || l.at(width) != -1 {
					t.Fatalf("%s: a click outside the bar picks a tab", where)
				}
				pages[[2]int{l.first, l.last}] = true
			}
			// Pages: every tab is on one, and only the last one overlaps the one before.
			if len(pages) > 1 {
				per := -1
				for p := range pages {
					if per >= 0 && p[1]-p[0] != per {
						t.Fatalf("width %d, %d tabs: pages of different sizes: %v", width, n, pages)
					}
					per = p[1] - p[0]
					if p[0]%per != 0 && p[1] != n {
						t.Fatalf("width %d, %d tabs: page %v does not start at a multiple of %d: %v", width, n, p, per, pages)
					}
				}
				if want := (n + per - 1) / per; len(pages) != want {
					t.Fatalf("width %d, %d tabs: %d pages of %d, want %d: %v", width, n, len(pages), per, want, pages)
				}
			}
		}
	}
}

func testStyle(f *Font) *BarStyle {
	return &BarStyle{
		Font: f,
		Bar:  0x101010,
		Tab:  0x202020, TabText: 0xa0a0a0,
		ActiveTab: 0x303060, ActiveTabText: 0xe0e0e0,
		FocusedTab: 0x2060c0, FocusedTabText: 0xffffff,
		UrgentTab: 0xc02020, UrgentTabText: 0xffff00,
		Separator: 0x000000,
		Padding:   6,
	}
}

func TestRenderBarColours(t *testing.T) {
	st := testStyle(testFont(t))
	tests := []struct {
		name    string
		tabs    []Tab
		focused bool
		want    []uint32 // background of each tab
	}{
		{"focused tile", []Tab{{Title: "a"}, {Title: "b", Active: true}, {Title: "c"}}, true,
			[]uint32{st.Tab, st.FocusedTab, st.Tab}},
		{"unfocused tile", []Tab{{Title: "a"}, {Title: "b", Active: true}, {Title: "c"}}, false,
			[]uint32{st.Tab, st.ActiveTab, st.Tab}},
		{"urgent", []Tab{{Title: "a", Active: true}, {Title: "b", Urgent: true}}, true,
			[]uint32{st.FocusedTab, st.UrgentTab}},
		{"active wins over urgent", []Tab{{Title: "a", Active: true, Urgent: true}, {Title: "b"}}, false,
			[]uint32{st.ActiveTab, st.Tab}},
		{"one tab", []Tab{{Title: "only", Active: true}}, true, []uint32{st.FocusedTab}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 601, 20))
			RenderBar(img, tt.tabs, tt.focused, st)
			for i, want := range tt.want {
				x0, x1 := tabSpan(601, len(tt.tabs), i)
				if i > 0 {
					checkColumn(t, img, x0, st.Separator, "separator before tab %d", i)
					x0++
				}
				// The padding on either side holds no text: pure background.
				for x := x0; x < x0+st.Padding; x++ {
					checkColumn(t, img, x, want, "left padding of tab %d", i)
				}
				for x := x1 - st.Padding; x < x1; x++ {
					checkColumn(t, img, x, want, "right padding of tab %d", i)
				}
			}
		})
	}
}

func checkColumn(t *testing.T, img *image.RGBA, x int, want uint32, what string, args ...any) {
	t.Helper()
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		if got := img.RGBAAt(x, y); got != rgb(want) {
			t.Fatalf("%s: pixel (%d,%d) = %v; want %06x", fmt.Sprintf(what, args...), x, y, got, want)
		}
	}
}

// TestRenderBarText checks where titles land: each tab's text stays inside
// that tab (long titles are cut, not spilled), in its text colour, and is
// centred unless AlignLeft.
func TestRenderBarText(t *testing.T) {
	for _, left := range []bool{false, true} {
		t.Run(fmt.Sprintf("AlignLeft=%v", left), func(t *testing.T) {
			st := testStyle(testFont(t))
			st.AlignLeft = left
			// Distinct text colours per tab, so every text pixel says
			// which tab drew it.
			st.TabText, st.FocusedTabText, st.UrgentTabText = 0xff0000, 0x00ff00, 0x0000ff
			st.Tab, st.FocusedTab, st.UrgentTab = 0x202020, 0x303030, 0x404040
			tabs := []Tab{
				{Title: "a title far too long to fit into one third of this bar, so it is cut"},
				{Title: "short", Active: true},
				{Title: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", Urgent: true},
			}
			const width = 450
			img := image.NewRGBA(image.Rect(0, 0, width, 22))
			RenderBar(img, tabs, true, st)
			textColour := []uint32{st.TabText, st.FocusedTabText, st.UrgentTabText}
			bg := []uint32{st.Tab, st.FocusedTab, st.UrgentTab}
			for i := range tabs {
				x0, x1 := tabSpan(width, len(tabs), i)
				minX, maxX := width, -1
				for y := 0; y < 22; y++ {
					for x := 0; x < width; x++ {
						c := img.RGBAAt(x, y)
						if c == rgb(bg[i]) || !textOf(c, textColour[i]) {
							continue
						}
						if x < x0 || x >= x1 {
							t.Fatalf("tab %d's text colour at (%d,%d), outside the tab [%d,%d)", i, x, y, x0, x1)
						}
						minX, maxX = min(minX, x), max(maxX, x)
					}
				}
				if maxX < 0 {
					t.Fatalf("tab %d shows no text", i)
				}
				if minX < x0+1+st.Padding-1 || maxX >= x1-st.Padding+1 {
					t.Errorf("tab %d's text spans [%d,%d], outside its padded room [%d,%d)", i, minX, maxX, x0+1+st.Padding, x1-st.Padding)
				}
				leftGap, rightGap := minX-x0, x1-1-maxX
				if i == 1 && !left && abs(leftGap-rightGap) > 3 {
					t.Errorf("the short title is not centred: %d px free on the left, %d on the right", leftGap, rightGap)
				}
				if i == 1 && left && leftGap > st.Padding+3 {
					t.Errorf("the short title is not left-aligned: %d px free on the left", leftGap)
				}
			}
		})
	}
}

// textOf reports whether c has the hue of text colour want drawn over a dark
// background: the channels want lacks stay dark.
func textOf(c color.RGBA, want uint32) bool {
	w := rgb(want)
	dominant := func(ch, wch uint8) bool { return wch == 0 || ch > 0x70 }
	quiet := func(ch, wch uint8) bool { return wch != 0 || ch < 0x70 }
	return dominant(c.R, w.R) && dominant(c.G, w.G) && dominant(c.B, w.B) &&
		quiet(c.R, w.R) && quiet(c.G, w.G) && quiet(c.B, w.B) &&
		(c.R > 0x70 || c.G > 0x70 || c.B > 0x70)
}

func abs(n int) int { return max(n, -n) }

// TestRenderBarManyTabs puts 13 tabs in a 320-pixel bar, where equal tabs would have room for one
// character each: a page of tabs is drawn, each with at least three characters of its title, and
// the markers say how many tabs are hidden on each side, in the urgent colours when one of them
// asks for attention.
func TestRenderBarManyTabs(t *testing.T) {
	st := testStyle(testFont(t))
	const width, height = 320, 22
	for _, tt := range []struct {
		active      int
		urgent      int // -1: none
		left, right string
	}{
		{0, -1, "", "8»"},
		{4, 12, "", "8»"},
		{5, -1, "«5", "3»"},
		{7, 2, "«5", "3»"},
		{12, -1, "«8", ""},
	} {
		t.Run(fmt.Sprintf("tab %d", tt.active+1), func(t *testing.T) {
			tabs := make([]Tab, 13)
			for i := range tabs {
				tabs[i] = Tab{Title: fmt.Sprintf("terminal %d", i+1), Active: i == tt.active, Urgent: i == tt.urgent}
			}
			img := image.NewRGBA(image.Rect(0, 0, width, height))
			RenderBar(img, tabs, true, st)
			l := st.layout(width, len(tabs), tt.active)
			if l.last-l.first < 2 || l.last-l.first == len(tabs) {
				t.Fatalf("tabs [%d,%d) drawn; want a page of several", l.first, l.last)
			}
			for i := l.first; i < l.last; i++ {
				x0, x1 := l.span(i)
				room := x1 - x0 - 1 - 2*st.Padding // the separator, the padding
				shown := []rune(strings.TrimSuffix(st.Font.Ellipsize(tabs[i].Title, room), "…"))
				if len(shown) < 3 {
					t.Errorf("tab %d [%d,%d) shows %q of %q; want at least three characters", i, x0, x1, string(shown), tabs[i].Title)
				}
				bg, fg := st.colours(tabs[i], true)
				if x0 > 0 {
					checkColumn(t, img, x0, st.Separator, "separator before tab %d", i)
				}
				checkColumn(t, img, x0+1, bg, "left edge of tab %d", i)
				if !hasColour(img, image.Rect(x0, 0, x1, height), fg) {
					t.Errorf("tab %d [%d,%d) shows no text", i, x0, x1)
				}
			}
			checkMarker(t, img, st, 0, l.tabsX0, tt.left, tt.urgent >= 0 && tt.urgent < l.first)
			checkMarker(t, img, st, l.tabsX1, width, tt.right, tt.urgent >= l.last)
		})
	}
}

// checkMarker checks that [x0, x1) of a bar is a marker showing text ("" for no marker): the same
// pixels as that text drawn alone in the marker's colours.
func checkMarker(t *testing.T, img *image.RGBA, st *BarStyle, x0, x1 int, text string, urgent bool) {
	t.Helper()
	if text == "" {
		if x1 > x0 {
			t.Errorf("a marker at [%d,%d); want none", x0, x1)
		}
		return
	}
	if x1 <= x0 {
		t.Fatalf("no marker; want %q", text)
	}
	bg, fg := st.Bar, st.TabText
	if urgent {
		bg, fg = st.UrgentTab, st.UrgentTabText
	}
	want := image.NewRGBA(img.Rect)
	st.drawPart(want, barPart{x0, x1, text, bg, fg, st.Padding / 2})
	for y := 0; y < img.Rect.Dy(); y++ {
		for x := x0; x < x1; x++ {
			if img.RGBAAt(x, y) != want.RGBAAt(x, y) {
				t.Fatalf("the marker at [%d,%d) differs at (%d,%d) from %q drawn in %06x on %06x", x0, x1, x, y, text, fg, bg)
			}
		}
	}
	if !hasColour(img, image.Rect(x0, 0, x1, img.Rect.Dy()), fg) {
		t.Errorf("the marker %q at [%d,%d) shows no text", text, x0, x1)
	}
}

// hasColour reports whether r of img has a pixel of colour c exactly.
func hasColour(img *image.RGBA, r image.Rectangle, c uint32) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.RGBAAt(x, y) == rgb(c) {
				return true
			}
		}
	}
	return false
}

func TestRenderBarEmptyAndTiny(t *testing.T) {
	st := testStyle(testFont(t))
	img := image.NewRGBA(image.Rect(0, 0, 300, 20))
	for i := range img.Pix {
		img.Pix[i] = 0x55 // leftovers of a previous drawing
	}
	RenderBar(img, nil, true, st)
	for x := 0; x < 300; x++ {
		checkColumn(t, img, x, st.Bar, "empty bar")
	}

	// More tabs than pixels, no font, a bar offset in its image: no panic,
	// and nothing drawn outside the bar.
	big := image.NewRGBA(image.Rect(0, 0, 40, 20))
	bar := big.SubImage(image.Rect(10, 5, 13, 15)).(*image.RGBA)
	RenderBar(bar, make([]Tab, 9), false, &BarStyle{Bar: 0xffffff, Tab: 0xffffff, Separator: 0xffffff})
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			in := image.Pt(x, y).In(bar.Rect)
			if c := big.RGBAAt(x, y); (c == rgb(0xffffff)) != in {
				t.Fatalf("pixel (%d,%d) = %v; inside the bar %v: %v", x, y, c, bar.Rect, in)
			}
		}
	}
}

func BenchmarkRenderBar(b *testing.B) {
	st := testStyle(testFont(b))
	tabs := []Tab{{Title: "xterm"}, {Title: "Mozilla Firefox — FION", Active: true}, {Title: "emacs: main.go"}}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 20))
	for b.Loop() {
		RenderBar(img, tabs, true, st)
	}
}

// TestPainterPut uploads a rendered bar into a window and a large image into
// a pixmap, and reads both back from the server.
func TestPainterPut(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	// Each subtest has its own connection: a request the server misread
	// leaves a connection out of step, and that must not hang the others.
	connect := func(t *testing.T) (*xgb.Conn, *xproto.ScreenInfo, *Painter) {
		c := xtest.Conn(t, srv.Display)
		screen := xproto.Setup(c).DefaultScreen(c)
		p := NewPainter(c, screen)
		if err := p.Err(); err != nil {
			t.Fatal(err)
		}
		return c, screen, p
	}

	t.Run("window", func(t *testing.T) {
		c, screen, p := connect(t)
		img := image.NewRGBA(image.Rect(0, 0, 500, 24))
		RenderBar(img, []Tab{{Title: "one"}, {Title: "two", Active: true}, {Title: "three", Urgent: true}}, true, testStyle(testFont(t)))
		win := mappedWindow(t, c, screen, 520, 40)
		p.Put(xproto.Drawable(win), img, 7, 9)
		got := getImage(t, c, xproto.Drawable(win), 7, 9, 500, 24)
		comparePixels(t, img, got)
	})

	t.Run("bars drawn with the painter's style", func(t *testing.T) {
		c, screen, p := connect(t)
		st := testStyle(testFont(t))
		many := make([]Tab, 25)
		for i := range many {
			many[i].Title = fmt.Sprintf("tab %d", i)
		}
		many[12].Active, many[2].Urgent = true, true
		for _, tt := range []struct {
			name  string
			width int
			tabs  []Tab
		}{
			{"three tabs", 500, []Tab{{Title: "one"}, {Title: "two", Active: true}, {Title: "three", Urgent: true}}},
			{"markers on both sides", 300, many},
			{"no tab", 200, nil},
			{"one narrow tab", 9, []Tab{{Title: "a title too long for it", Active: true}}},
		} {
			want := image.NewRGBA(image.Rect(0, 0, tt.width, 24))
			RenderBar(want, tt.tabs, true, st)
			drawn := p.Style(*st)
			var b Bar
			b.Draw(tt.width, 24, tt.tabs, true, &drawn)
			win := mappedWindow(t, c, screen, tt.width, 24)
			p.PutBar(xproto.Drawable(win), &b, b.Img.Rect)
			comparePixels(t, want, getImage(t, c, xproto.Drawable(win), 0, 0, tt.width, 24))
			if len(tt.tabs) == 0 {
				continue
			}
			// One tab alone, whose rows are apart in the picture.
			tabs := slices.Clone(tt.tabs)
			tabs[0].Title += ", renamed"
			changed := b.Draw(tt.width, 24, tabs, true, &drawn)
			RenderBar(want, tabs, true, st)
			p.PutBar(xproto.Drawable(win), &b, changed)
			comparePixels(t, want, getImage(t, c, xproto.Drawable(win), 0, 0, tt.width, 24))
		}
	})

	t.Run("split into several requests", func(t *testing.T) {
		c, screen, p := connect(t)
		maxBytes := int(xproto.Setup(c).MaximumRequestLength) * 4
		for _, tt := range []struct {
			size     image.Point
			maxBytes int // what one request may carry; 0 keeps the server's
		}{
			{image.Pt(600, maxBytes/(600*4)*3), 0}, // three requests' worth of rows
			// No server takes a pixmap whose row exceeds a request (65535
			// words), so a smaller limit stands in to split rows too.
			{image.Pt(601, 30), 1000},
		} {
			size := tt.size
			p := *p
			if tt.maxBytes > 0 {
				p.maxBytes = tt.maxBytes - putImageHeader
			}
			pix, err := xproto.NewPixmapId(c)
			if err != nil {
				t.Fatal(err)
			}
			err = xproto.CreatePixmapChecked(c, screen.RootDepth, pix, xproto.Drawable(screen.Root), uint16(size.X), uint16(size.Y)).Check()
			if err != nil {
				t.Fatalf("creating a %v pixmap: %v", size, err)
			}
			img := image.NewRGBA(image.Rectangle{Max: size})
			for y := 0; y < size.Y; y++ {
				for x := 0; x < size.X; x++ {
					img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), uint8(x >> 8), 255})
				}
			}
			p.Put(xproto.Drawable(pix), img, 0, 0)
			got := getImage(t, c, xproto.Drawable(pix), 0, 0, size.X, size.Y)
			comparePixels(t, img, got)
			xproto.FreePixmap(c, pix)
		}
	})

	t.Run("sub-image", func(t *testing.T) {
		c, screen, p := connect(t)
		whole := image.NewRGBA(image.Rect(0, 0, 64, 64))
		for i := range whole.Pix {
			whole.Pix[i] = byte(i * 7)
		}
		part := whole.SubImage(image.Rect(10, 20, 50, 30)).(*image.RGBA)
		win := mappedWindow(t, c, screen, 64, 64)
		p.Put(xproto.Drawable(win), part, 0, 0)
		got := getImage(t, c, xproto.Drawable(win), 0, 0, 40, 10)
		comparePixels(t, part, got)
	})
}

// mappedWindow creates a window, maps it and waits for its Expose event, so
// that what is drawn into it stays there.
func mappedWindow(t *testing.T, c *xgb.Conn, screen *xproto.ScreenInfo, w, h int) xproto.Window {
	t.Helper()
	win, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	err = xproto.CreateWindowChecked(c, screen.RootDepth, win, screen.Root, 0, 0, uint16(w), uint16(h), 0,
		xproto.WindowClassInputOutput, screen.RootVisual,
		xproto.CwBackPixel|xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{0, 1, xproto.EventMaskExposure}).Check()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { xproto.DestroyWindow(c, win) })
	xproto.MapWindow(c, win)
	waitEvent(t, c, func(ev xgb.Event) bool {
		e, ok := ev.(xproto.ExposeEvent)
		return ok && e.Window == win
	})
	return win
}

// waitEvent reads events until match accepts one, failing after a deadline.
func waitEvent(t *testing.T, c *xgb.Conn, match func(xgb.Event) bool) xgb.Event {
	t.Helper()
	found := make(chan xgb.Event, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			ev, err := c.WaitForEvent()
			if ev == nil && err == nil {
				return // connection closed
			}
			if ev != nil && match(ev) {
				found <- ev
				return
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	select {
	case ev := <-found:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("the expected X event did not arrive within 10s")
		return nil
	}
}

// getImage reads a rectangle of a drawable back as RGBA. It assumes the
// 32-bit, least-significant-byte-first layout Xvfb uses at depth 24.
func getImage(t *testing.T, c *xgb.Conn, d xproto.Drawable, x, y, w, h int) *image.RGBA {
	t.Helper()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	// A reply is limited too; read in bands.
	rows := max(1, 200_000/(w*4))
	for y0 := 0; y0 < h; y0 += rows {
		n := min(rows, h-y0)
		reply, err := within(t, xproto.GetImage(c, xproto.ImageFormatZPixmap, d, int16(x), int16(y+y0), uint16(w), uint16(n), 0xffffffff).Reply)
		if err != nil {
			t.Fatalf("GetImage: %v", err)
		}
		if len(reply.Data) < w*n*4 {
			t.Fatalf("GetImage returned %d bytes for %dx%d pixels", len(reply.Data), w, n)
		}
		for i := 0; i < w*n; i++ {
			b, g, r := reply.Data[4*i], reply.Data[4*i+1], reply.Data[4*i+2]
			out.SetRGBA(i%w, y0+i/w, color.RGBA{r, g, b, 255})
		}
	}
	return out
}

func comparePixels(t *testing.T, want, got *image.RGBA) {
	t.Helper()
	wb := want.Bounds()
	bad := 0
	for y := 0; y < wb.Dy(); y++ {
		for x := 0; x < wb.Dx(); x++ {
			w, g := want.RGBAAt(wb.Min.X+x, wb.Min.Y+y), got.RGBAAt(x, y)
			w.A = 255
			if w != g {
				if bad < 5 {
					t.Errorf("pixel (%d,%d): server has %v; want %v", x, y, g, w)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d pixels differ", bad, wb.Dx()*wb.Dy())
	}
}

// within waits for an X reply for at most 10 seconds: a request the server
// could not parse leaves the connection out of step, and the test should
// fail rather than hang.
func within[T any](t *testing.T, reply func() (T, error)) (T, error) {
	t.Helper()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := reply()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("no reply from the X server within 10s")
		panic("unreachable")
	}
}

// TestBarDrawsWhatChanged takes a Bar through a run of changes and checks after each that its
// picture is what RenderBar draws from scratch, and that it reports as changed exactly the pixels
// that changed, all inside the tab that changed: a title storm in one tab redraws that tab alone,
// and uploads only what differs.
func TestBarDrawsWhatChanged(t *testing.T) {
	st := testStyle(testFont(t))
	tabs := []Tab{{Title: "xterm"}, {Title: "firefox", Active: true}, {Title: "emacs"}}
	var b Bar
	w, h, focused := 600, 20, true
	spanOf := func(i int) image.Rectangle {
		x0, x1 := st.layout(w, len(tabs), activeTab(tabs)).span(i)
		return image.Rect(x0, 0, x1, h)
	}
	whole := func() image.Rectangle { return image.Rect(0, 0, w, h) }
	steps := []struct {
		what   string
		do     func()
		within func() image.Rectangle // where the change must be; nil: in a marker
		full   bool                   // the whole bar is drawn again
	}{
		{"first draw", func() {}, whole, true},
		{"nothing changed", func() {}, func() image.Rectangle { return image.Rectangle{} }, false},
		{"a hidden tab retitled", func() { tabs[2].Title = "emacs: bar.go" }, func() image.Rectangle { return spanOf(2) }, false},
		{"the active tab retitled", func() { tabs[1].Title = "firefox — FION" }, func() image.Rectangle { return spanOf(1) }, false},
		{"a digit of a title", func() { tabs[1].Title = "firefox — FIO1" }, func() image.Rectangle { return spanOf(1) }, false},
		{"a tab urgent", func() { tabs[0].Urgent = true }, func() image.Rectangle { return spanOf(0) }, false},
		{"the tile lost the focus", func() { focused = false }, func() image.Rectangle { return spanOf(1) }, false},
		{"another tab active", func() { tabs[1].Active, tabs[2].Active = false, true }, func() image.Rectangle { return spanOf(1).Union(spanOf(2)) }, false},
		{"a tab more", func() { tabs = append(tabs, Tab{Title: "new"}) }, whole, true},
		{"narrower", func() { w = 300 }, whole, true},
		{"so many tabs that markers show", func() {
			for i := range 20 {
				tabs = append(tabs, Tab{Title: fmt.Sprintf("tab %d", i)})
			}
		}, whole, true},
		{"a hidden tab behind a marker urgent", func() { tabs[len(tabs)-1].Urgent = true }, nil, false},
		{"forgotten", func() { b.Forget() }, whole, true},
	}
	var before *image.RGBA
	for _, s := range steps {
		s.do()
		dirty := b.Draw(w, h, tabs, focused, st)
		want := image.NewRGBA(image.Rect(0, 0, w, h))
		RenderBar(want, tabs, focused, st)
		if n := differingPixels(want, b.Img); n > 0 {
			t.Fatalf("%s: %d pixels differ from the bar drawn from scratch", s.what, n)
		}
		switch {
		case s.full:
			if dirty != whole() {
				t.Errorf("%s: changed %v, want all of the bar, %v", s.what, dirty, whole())
			}
		default:
			if changed := changedRect(before, b.Img); dirty != changed {
				t.Errorf("%s: reported %v as changed; the pixels that changed are in %v", s.what, dirty, changed)
			}
			if s.within == nil {
				if dirty.Empty() || dirty.Min.X > 0 && dirty.Max.X < w {
					t.Errorf("%s: changed %v, want a marker's part of the bar", s.what, dirty)
				}
			} else if !dirty.In(s.within()) {
				t.Errorf("%s: changed %v, outside %v", s.what, dirty, s.within())
			}
		}
		before = image.NewRGBA(b.Img.Rect)
		copy(before.Pix, b.Img.Pix)
	}
}

// changedRect is the smallest rectangle holding the pixels that differ between a and b.
func changedRect(a, b *image.RGBA) image.Rectangle {
	var r image.Rectangle
	for y := b.Rect.Min.Y; y < b.Rect.Max.Y; y++ {
		for x := b.Rect.Min.X; x < b.Rect.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func differingPixels(a, b *image.RGBA) int {
	if a.Rect != b.Rect {
		return a.Rect.Dx() * a.Rect.Dy()
	}
	n := 0
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			n++
		}
	}
	return n
}

func BenchmarkEncode(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1280, 20))
	p := &Painter{pixel: pixelFormat{bytes: 4, pad: 4, bgrx: true}}
	for b.Loop() {
		p.encode(img, img.Rect, false)
	}
}

// TestOtherPixels checks the rectangle PutBar draws as an image, against every pixel, for specks
// of text anywhere on a plain background.
func TestOtherPixels(t *testing.T) {
	plain := [4]byte{0x20, 0x60, 0xc0, 0xff}
	bg := image.NewRGBA(image.Rect(0, 0, 40, 12))
	for i := 0; i < len(bg.Pix); i += 4 {
		copy(bg.Pix[i:], plain[:])
	}
	var buf []byte
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		img := image.NewRGBA(bg.Rect)
		copy(img.Pix, bg.Pix)
		for range rng.IntN(4) {
			img.Pix[img.PixOffset(rng.IntN(40), rng.IntN(12))+rng.IntN(3)] ^= 0x55
		}
		r := image.Rect(rng.IntN(20), rng.IntN(6), 20+rng.IntN(21), 6+rng.IntN(7))
		want := changedRect(bg.SubImage(r).(*image.RGBA), img.SubImage(r).(*image.RGBA))
		if got := otherPixels(img, r, plain, &buf); got != want {
			t.Fatalf("in %v: %v, want %v", r, got, want)
		}
	}
}

// BenchmarkBarRetitle is a title storm: the one tab of a 1280x20 bar retitled, as a client counting
// up does many times a second.
func BenchmarkBarRetitle(b *testing.B) {
	st := testStyle(testFont(b))
	tabs := []Tab{{Title: "storm 1234", Active: true}}
	var bar Bar
	bar.Draw(1280, 20, tabs, true, st)
	titles := [2]string{"storm 1235", "storm 1234"}
	i := 0
	for b.Loop() {
		tabs[0].Title = titles[i]
		i ^= 1
		if bar.Draw(1280, 20, tabs, true, st).Empty() {
			b.Fatal("a retitle changed nothing")
		}
	}
}

// italicFont is the Go font's italic at size pixels, with the Droid fallback for CJK when it is
// installed: glyphs whose ink reaches past their advances, on either side.
func italicFont(t testing.TB, size float64) *Font {
	t.Helper()
	sf, err := opentype.Parse(goitalic.TTF)
	if err != nil {
		t.Fatal(err)
	}
	files := []*FontFile{{name: "Go Italic", sfnt: sf}}
	if droid, err := ReadFontFile(xtest.DroidSansFallback); err == nil {
		files = append(files, droid)
	}
	f, err := NewFont(size, files...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// retitleTitles are pieces of the titles TestBarRetitle tries: nothing, blanks, digits that count,
// glyphs whose ink reaches past their advances (f, j, ƒ in italics, a combining mark alone or on
// a letter), scripts from a fallback font, characters that draw nothing, and titles too long
// for any tab.
var retitleTitles = []string{
	"", " ", "storm 1234", "storm 1235", "f", "fff", "jjj", "ƒ", "W", "e\u0301", "\u0301", "x\u0308\u0301",
	"日本語", "Ελληνικά", "\t", "\u200e", "a\u200db", "1", "99",
	"Mozilla Firefox — a page whose title will not fit in any tab of any bar at all, however wide",
	strings.Repeat("f", 200),
}

func randomTitle(rng *rand.Rand) string {
	var sb strings.Builder
	for range rng.IntN(4) {
		sb.WriteString(retitleTitles[rng.IntN(len(retitleTitles))])
	}
	return sb.String()
}

// TestBarRetitle retitles tabs of many bars (a tab or several, wide and narrow, titles centred
// and aligned left, with markers, fonts whose ink reaches past their glyphs' advances) and checks
// each time that the picture is what RenderBar draws from scratch and that Draw reports exactly
// the pixels that changed.
func TestBarRetitle(t *testing.T) {
	fonts := []struct {
		name string
		f    func(t *testing.T) *Font
	}{
		{"Go 14", func(t *testing.T) *Font { return testFont(t) }},
		{"Go Italic 14", func(t *testing.T) *Font { return italicFont(t, 14) }},
		{"Go Italic 23", func(t *testing.T) *Font { return italicFont(t, 23) }},
		// Its combining marks take no room and draw left of the pen: the last one's pen lies
		// right of all the ink.
		{"DejaVu Sans 14", func(t *testing.T) *Font { return mustFont(t, 14, systemFont(t, xtest.DejaVuSans)) }},
	}
	rng := rand.New(rand.NewPCG(13, 1))
	for _, font := range fonts {
		t.Run(font.name, func(t *testing.T) {
			f := font.f(t)
			for trial := range 1500 {
				st := testStyle(f)
				st.AlignLeft = rng.IntN(2) == 0
				st.Padding = rng.IntN(4)*4 - 4 // a negative padding is none
				w := []int{1, 7, 30, 61, 200, 640, 1280}[rng.IntN(7)]
				h := []int{12, 20, 30}[rng.IntN(3)]
				tabs := make([]Tab, 1+rng.IntN(6)*rng.IntN(6))
				for i := range tabs {
					tabs[i].Title = randomTitle(rng)
					tabs[i].Urgent = rng.IntN(5) == 0
				}
				tabs[rng.IntN(len(tabs))].Active = true
				focused := rng.IntN(2) == 0
				var b Bar
				b.Draw(w, h, tabs, focused, st)
				for step := range 4 {
					before := image.NewRGBA(b.Img.Rect)
					copy(before.Pix, b.Img.Pix)
					was := slices.Clone(tabs)
					for range 1 + rng.IntN(2) {
						i := rng.IntN(len(tabs))
						tabs[i].Title = retitle(rng, tabs[i].Title)
					}
					dirty := b.Draw(w, h, tabs, focused, st)
					want := image.NewRGBA(image.Rect(0, 0, w, h))
					RenderBar(want, tabs, focused, st)
					if n := differingPixels(want, b.Img); n > 0 {
						t.Fatalf("trial %d step %d, %dx%d, AlignLeft %v, padding %d: from %q to %q: %d pixels differ from the bar drawn from scratch",
							trial, step, w, h, st.AlignLeft, st.Padding, titles(was), titles(tabs), n)
					}
					if changed := changedRect(before, b.Img); dirty != changed {
						t.Fatalf("trial %d step %d, %dx%d, AlignLeft %v, padding %d: from %q to %q: reported %v as changed; the pixels that changed are in %v",
							trial, step, w, h, st.AlignLeft, st.Padding, titles(was), titles(tabs), dirty, changed)
					}
				}
			}
		})
	}
}

// retitle is a new title for a tab titled was: another, or was with its end cut, changed or
// lengthened, as a title that counts up or a page that loads changes.
func retitle(rng *rand.Rand, was string) string {
	cut := []rune(was)
	cut = cut[:len(cut)-rng.IntN(min(len(cut), 3)+1)]
	switch rng.IntN(3) {
	case 0:
		return randomTitle(rng)
	case 1:
		return string(cut)
	}
	return string(cut) + randomTitle(rng)
}

func titles(tabs []Tab) []string {
	var s []string
	for _, t := range tabs {
		s = append(s, t.Title)
	}
	return s
}

// A retitle draws only the columns of the old and the new title, and of those only where the
// characters after those they begin with alike reach: a pixel of the tab away from the title, or
// on its first letter, is not drawn again (the test marks them and finds them still there). A
// title storm in a tab as wide as the screen costs the digits that count.
func TestBarRetitleDrawsTheTitleAlone(t *testing.T) {
	mark := color.RGBA{1, 2, 3, 255}
	for _, alignLeft := range []bool{false, true} {
		st := testStyle(italicFont(t, 14))
		st.AlignLeft = alignLeft
		tabs := []Tab{{Title: "storm 1234", Active: true}}
		var b Bar
		b.Draw(1280, 20, tabs, true, st)
		r := titleRect(b.Img.Rect, barPart{x0: 0, x1: 1280})
		text, x, _ := st.placeTitle(r, tabs[0].Title, st.Padding)
		ink := st.Font.ink(x, text, 0, r)
		if ink.Empty() || ink.Dx() > 200 {
			t.Fatalf("the ink of %q is %v", text, ink)
		}
		marks := map[image.Point]string{
			{ink.Max.X + 20, 3}: "20 pixels right of the title",
			{ink.Min.X, 10}:     "on its first letter",
		}
		if !alignLeft {
			marks[image.Pt(ink.Min.X-20, 3)] = "20 pixels left of the title"
		}
		for m := range marks {
			b.Img.Set(m.X, m.Y, mark)
		}
		tabs[0].Title = "storm 1235"
		if b.Draw(1280, 20, tabs, true, st).Empty() {
			t.Fatal("retitled, nothing changed")
		}
		for m, where := range marks {
			if c := b.Img.RGBAAt(m.X, m.Y); c != mark {
				t.Errorf("AlignLeft %v: retitling %q, drawn in %v, drew %v again, %s", alignLeft, text, ink, m, where)
			}
		}
	}
}

// The italic font draws ink past its glyphs' advances, on both sides, or TestBarRetitle would not
// check that the span redrawn holds the ink.
func TestItalicInkPastAdvances(t *testing.T) {
	f := italicFont(t, 14)
	r := image.Rect(-100, 0, 100, 20)
	if ink := f.ink(0, "f", 0, r); ink.Max.X <= f.Measure("f") {
		t.Errorf("the ink of an italic f is %v, within its advance %d", ink, f.Measure("f"))
	}
	if ink := f.ink(0, "j", 0, r); ink.Min.X >= 0 {
		t.Errorf("the ink of an italic j is %v, right of its pen", ink)
	}
}

// TestChangedSince checks the rectangle a redraw reports, against every pixel, for changes of a
// byte here and there, rows apart and alike, in rectangles of every width.
func TestChangedSince(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	img := image.NewRGBA(image.Rect(0, 0, 40, 12))
	for range 2000 {
		for i := range img.Pix {
			img.Pix[i] = byte(rng.IntN(2))
		}
		r := image.Rect(rng.IntN(20), rng.IntN(6), 20+rng.IntN(21), 6+rng.IntN(7))
		before := image.NewRGBA(img.Rect)
		copy(before.Pix, img.Pix)
		var was []byte
		for y := r.Min.Y; y < r.Max.Y; y++ {
			was = append(was, img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]...)
		}
		for range rng.IntN(5) {
			img.Pix[img.PixOffset(r.Min.X+rng.IntN(r.Dx()), r.Min.Y+rng.IntN(r.Dy()))+rng.IntN(4)] ^= byte(1 + rng.IntN(255))
		}
		want := changedRect(before.SubImage(r).(*image.RGBA), img.SubImage(r).(*image.RGBA))
		if got := changedSince(img, r, was); got != want {
			t.Fatalf("in %v: %v, want %v", r, got, want)
		}
	}
}
