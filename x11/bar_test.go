package x11

import (
	"fmt"
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

func TestTabAt(t *testing.T) {
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
		if got := TabAt(tt.width, tt.n, tt.x); got != tt.want {
			t.Errorf("TabAt(%d, %d, %d) = %d; want %d", tt.width, tt.n, tt.x, got, tt.want)
		}
	}
}

// TestTabAtMatchesLayout checks that a click anywhere in the tab RenderBar
// drew maps back to that tab, for awkward widths too.
func TestTabAtMatchesLayout(t *testing.T) {
	for _, width := range []int{1, 7, 100, 101, 997, 1920} {
		for n := 1; n <= 9; n++ {
			end := 0
			for i := 0; i < n; i++ {
				x0, x1 := tabSpan(width, n, i)
				if x0 != end {
					t.Fatalf("width %d, %d tabs: tab %d starts at %d, the previous ended at %d", width, n, i, x0, end)
				}
				end = x1
				for x := x0; x < x1; x++ {
					if got := TabAt(width, n, x); got != i {
						t.Fatalf("width %d, %d tabs: TabAt(x=%d) = %d, but tab %d spans [%d,%d)", width, n, x, got, i, x0, x1)
					}
				}
			}
			if end != width {
				t.Fatalf("width %d, %d tabs: the tabs end at %d", width, n, end)
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
