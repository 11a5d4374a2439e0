package x11

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fion-wm/fion/internal/xtest"
)

// testFont is the built-in Go font at 14 pixels, as FION uses by default.
func testFont(t testing.TB) *Font {
	t.Helper()
	f, err := NewFont(14)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestNewFont(t *testing.T) {
	for _, size := range []float64{4, 14, 200} {
		f, err := NewFont(size)
		if err != nil {
			t.Fatalf("NewFont(%v): %v", size, err)
		}
		if h := f.Height(); h < int(size) || h > int(2*size) {
			t.Errorf("Height() = %d for a %vpx font; want between %v and %v", h, size, size, 2*size)
		}
	}
	for _, size := range []float64{0, -3, math.NaN(), 1001} {
		if _, err := NewFont(size); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("font size %v", size)) {
			t.Errorf("NewFont(%v): error %v; want one naming the size", size, err)
		}
	}
}

func TestMeasure(t *testing.T) {
	f := testFont(t)
	if w := f.Measure(""); w != 0 {
		t.Errorf(`Measure("") = %d; want 0`, w)
	}
	if a, b, ab := f.Measure("a"), f.Measure("b"), f.Measure("ab"); a <= 0 || ab != a+b {
		t.Errorf(`Measure: "a" %d, "b" %d, "ab" %d; want positive widths that add up (the Go font has no kerning)`, a, b, ab)
	}
	if w, m := f.Measure("WWW"), f.Measure("iii"); w <= m {
		t.Errorf(`Measure("WWW") = %d is not wider than Measure("iii") = %d`, w, m)
	}
	if plain, noisy := f.Measure("ab"), f.Measure("a\x00\t\n\x1bb"); noisy != plain {
		t.Errorf("control characters take room: %d with, %d without", noisy, plain)
	}
	// Monotone: a longer prefix is never narrower.
	for _, s := range []string{"Hello, wörld — 中文标题 e\u0301 \xff!", strings.Repeat("xy\u0301 ", 30)} {
		prev := 0
		for i := range s {
			w := f.Measure(s[:i])
			if w < prev {
				t.Fatalf("Measure(%q) = %d < Measure of the shorter prefix = %d", s[:i], w, prev)
			}
			prev = w
		}
	}
}

// sanitize is the reference for what Ellipsize keeps of a title.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestEllipsize(t *testing.T) {
	f := testFont(t)
	ell := f.Measure("…")
	tests := []struct {
		name  string
		s     string
		width int
		want  string
	}{
		{"fits", "Hello", f.Measure("Hello"), "Hello"},
		{"wide room", "Hello", 1000, "Hello"},
		{"cut exactly", "Hello, world", f.Measure("Hello…"), "Hello…"},
		{"one pixel short", "Hello, world", f.Measure("Hello…") - 1, "Hell…"},
		{"space before the cut is dropped", "ab cd", f.Measure("ab …"), "ab…"},
		{"only the ellipsis fits", "Hello", ell, "…"},
		{"nothing fits", "Hello", ell - 1, ""},
		{"zero width", "Hello", 0, ""},
		{"negative width", "Hello", -5, ""},
		{"empty title", "", 100, ""},
		{"invalid UTF-8 replaced", "ab\xffcd", 1000, "ab\uFFFDcd"},
		{"controls dropped", "a\tb\nc\x1b[0m\x7f\u0085", 1000, "abc[0m"},
		{"CJK cut at a rune", "中文标题很长很长", f.Measure("中文…"), "中文…"},
		{"combining marks stay with their letter", "e\u0301e\u0301e\u0301e\u0301", f.Measure("e\u0301…"), "e\u0301…"},
		{"a real U+FFFD is kept", "a\uFFFDb", 1000, "a\uFFFDb"},
		{"a stray mark first still allows the ellipsis", "\u0301" + strings.Repeat("W", 50), ell, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Ellipsize(tt.s, tt.width)
			if got != tt.want {
				t.Errorf("Ellipsize(%q, %d) = %q; want %q", tt.s, tt.width, got, tt.want)
			}
		})
	}
}

// TestEllipsizeProperties checks, for every width, that the result fits,
// is valid UTF-8, is a prefix of the cleaned title (plus "…"), never leaves
// a combining mark or joined emoji behind, and grows with the width.
func TestEllipsizeProperties(t *testing.T) {
	f := testFont(t)
	titles := []string{
		"Mozilla Firefox — Private Browsing",
		"中文标题 日本語のタイトル 한국어 제목",
		"e\u0301a\u0300o\u0302\u0323 combining ñ\u0303",
		"bad \xff\xfe bytes \xc3",
		"tab\there\nnewline\x1b[31mred",
		"family 👩\u200d👩\u200d👧 emoji",
	}
	for _, s := range titles {
		// Converting through []rune replaces each invalid byte, as Ellipsize does.
		clean := sanitize(string([]rune(s)))
		full := f.Measure(clean)
		prevLen := -1
		for w := 0; w <= full+5; w++ {
			got := f.Ellipsize(s, w)
			if !utf8.ValidString(got) {
				t.Fatalf("Ellipsize(%q, %d) = %q is not valid UTF-8", s, w, got)
			}
			if m := f.Measure(got); m > w {
				t.Fatalf("Ellipsize(%q, %d) = %q measures %d > %d", s, w, got, m, w)
			}
			body, cut := strings.CutSuffix(got, "…")
			if !strings.HasPrefix(clean, body) {
				t.Fatalf("Ellipsize(%q, %d) = %q is not a prefix of %q", s, w, got, clean)
			}
			if !cut && got != clean && got != "" {
				t.Fatalf("Ellipsize(%q, %d) = %q: cut without an ellipsis", s, w, got)
			}
			if cut {
				next, _ := utf8.DecodeRuneInString(clean[len(body):])
				if extends(next) {
					t.Fatalf("Ellipsize(%q, %d) = %q separates %U from the letter before it", s, w, got, next)
				}
				if strings.HasSuffix(body, "\u200d") {
					t.Fatalf("Ellipsize(%q, %d) = %q breaks a zero-width-joiner sequence", s, w, got)
				}
			}
			if len(body) < prevLen {
				t.Fatalf("Ellipsize(%q, %d) = %q is shorter than at width %d", s, w, got, w-1)
			}
			prevLen = len(body)
			if w >= full && got != clean {
				t.Fatalf("Ellipsize(%q, %d) = %q; the whole title (%d px) fits", s, w, got, full)
			}
		}
	}
}

// TestEllipsizeHugeTitles feeds 100 KB titles: the work must depend on the
// room, not on the title, and the glyph cache must not fill up with runes
// that were never shown.
func TestEllipsizeHugeTitles(t *testing.T) {
	var cjk strings.Builder
	for r := rune(0x4e00); cjk.Len() < 100_000; r++ {
		cjk.WriteRune(r)
	}
	titles := map[string]string{
		"ASCII":           strings.Repeat("All work and no play. ", 100_000/22),
		"distinct CJK":    cjk.String(),
		"combining marks": "a" + strings.Repeat("\u0301", 50_000),
		"invalid bytes":   strings.Repeat("\xff", 100_000),
		"controls":        strings.Repeat("\x01", 100_000) + "tail",
	}
	for name, s := range titles {
		t.Run(name, func(t *testing.T) {
			f := testFont(t)
			start := time.Now()
			got := f.Ellipsize(s, 300)
			// Generous: a blowup (quadratic work, rasterizing every glyph)
			// takes seconds; the linear scan takes about a millisecond.
			if d := time.Since(start); d > time.Second {
				t.Errorf("Ellipsize of a %d-byte title took %v", len(s), d)
			}
			if m := f.Measure(got); m > 300 {
				t.Errorf("result measures %d > 300", m)
			}
			if n := f.glyphs.len(); n > 200 {
				t.Errorf("the glyph cache holds %d runes after ellipsizing to 300px; the scan went past what fits", n)
			}
		})
	}
}

func TestGlyphCacheBounded(t *testing.T) {
	f := testFont(t)
	img := image.NewRGBA(image.Rect(0, 0, 400, 30))
	for r := rune(0x100); r < 0x100+5*glyphCacheSize; r++ {
		f.Draw(img, 0, 20, string(r), color.RGBA{A: 255})
	}
	if n := f.glyphs.len(); n > 2*glyphCacheSize {
		t.Errorf("glyph cache holds %d glyphs; the bound is %d", n, 2*glyphCacheSize)
	}
}

func TestDrawIsCached(t *testing.T) {
	f := testFont(t)
	img := image.NewRGBA(image.Rect(0, 0, 400, 30))
	title := "xterm — ~/src/fion"
	f.Draw(img, 0, 20, title, color.RGBA{A: 255})
	// Redrawing an unchanged title must not rasterize (or allocate per glyph).
	allocs := testing.AllocsPerRun(20, func() {
		f.Draw(img, 0, 20, title, color.RGBA{A: 255})
	})
	if allocs > 2 {
		t.Errorf("redrawing a cached title makes %v allocations; want at most 2", allocs)
	}
}

func TestDraw(t *testing.T) {
	f := testFont(t)
	white := color.RGBA{255, 255, 255, 255}
	red := color.RGBA{255, 0, 0, 255}

	img := image.NewRGBA(image.Rect(0, 0, 200, 40))
	fillRGBA(img, img.Bounds(), white)
	// Draw into the middle part only: nothing may land outside it.
	inner := image.Rect(50, 10, 120, 30)
	f.Draw(img.SubImage(inner).(*image.RGBA), 50, 10+f.Ascent(), "WWWWWWWWWWWWWWWW", red)

	var inside, partial int
	for y := 0; y < 40; y++ {
		for x := 0; x < 200; x++ {
			c := img.RGBAAt(x, y)
			if c == white {
				continue
			}
			if !image.Pt(x, y).In(inner) {
				t.Fatalf("pixel (%d,%d) = %v outside the clip rectangle %v", x, y, c, inner)
			}
			if c.G != c.B || c.R != 255 {
				t.Fatalf("pixel (%d,%d) = %v is not a blend of red over white", x, y, c)
			}
			inside++
			if c != red {
				partial++
			}
		}
	}
	if inside == 0 {
		t.Fatal("no text pixels drawn")
	}
	if partial == 0 {
		t.Error("no partly covered pixels: the text is not anti-aliased")
	}
}

func fillRGBA(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// Each character comes from the first font that has an outline for it: Droid Sans Fallback has
// CJK but no Latin, DejaVu Sans has Latin and outline emoji, the built-in Go font comes last. The
// first font sets the line.
func TestFontFallback(t *testing.T) {
	droid, dejaVu := systemFont(t, xtest.DroidSansFallback), systemFont(t, xtest.DejaVuSans)
	f, err := NewFont(14, droid, dejaVu)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.faces) != 3 || f.faces[2].sfnt != goFont() {
		t.Fatalf("%d faces; want the two files, then the built-in Go font", len(f.faces))
	}
	alone, _ := NewFont(14, droid)
	if f.Ascent() != alone.Ascent() || f.Height() != alone.Height() {
		t.Errorf("ascent %d height %d; want the first font's, %d and %d", f.Ascent(), f.Height(), alone.Ascent(), alone.Height())
	}
	for _, tt := range []struct {
		r    rune
		face int
	}{
		{'中', 0}, {'あ', 0}, {'A', 1}, {'é', 1}, {'😀', 1}, {'✓', 1},
		{'한', 0}, // Hangul, in none of them: the first font's box
	} {
		g := f.lookup(tt.r)
		if g.face != f.faces[tt.face] || (g.index == 0) != (tt.r == '한') {
			t.Errorf("%q comes from face %d, glyph %d; want face %d", tt.r, slices.Index(f.faces, g.face), g.index, tt.face)
		}
	}
	// What is drawn is each font's own glyph, on the shared baseline.
	for _, tt := range []struct {
		s    string
		from *Font
	}{{"中文", alone}, {"A😀", mustFont(t, 14, dejaVu)}} {
		got, want, boxes := textImage(f, tt.s), textImage(tt.from, tt.s), textImage(testFont(t), tt.s)
		if !slices.Equal(got.Pix, want.Pix) {
			t.Errorf("%q is not drawn as its font draws it", tt.s)
		}
		if slices.Equal(got.Pix, boxes.Pix) {
			t.Errorf("%q is drawn as the Go font's boxes", tt.s)
		}
	}
}

// A font whose glyphs cannot be drawn (colour bitmaps) passes each character on to the next font:
// emoji come from DejaVu Sans rather than vanishing.
func TestFontSkipsGlyphsWithoutOutlines(t *testing.T) {
	data, err := os.ReadFile(xtest.Font(t, xtest.NotoColorEmoji))
	if err != nil {
		t.Fatal(err)
	}
	sf, err := parseFont(data)
	if err != nil {
		t.Fatal(err)
	}
	dejaVu := systemFont(t, xtest.DejaVuSans)
	f := mustFont(t, 14, &FontFile{sfnt: sf}, dejaVu)
	if g := f.lookup('😀'); g.face != f.faces[1] {
		t.Errorf("😀 comes from face %d; want DejaVu Sans, the second", slices.Index(f.faces, g.face))
	}
	if got, want := textImage(f, "😀"), textImage(mustFont(t, 14, dejaVu), "😀"); !slices.Equal(got.Pix, want.Pix) {
		t.Error("😀 is not drawn as DejaVu Sans draws it")
	}
}

// Redrawing a title whose characters come from several fonts rasterizes and allocates nothing.
func TestFallbackDrawIsCached(t *testing.T) {
	f := mustFont(t, 14, systemFont(t, xtest.DroidSansFallback), systemFont(t, xtest.DejaVuSans))
	img := image.NewRGBA(image.Rect(0, 0, 400, 30))
	title := "日本語 — café ✓ 😀"
	f.Draw(img, 0, 20, title, color.RGBA{A: 255})
	allocs := testing.AllocsPerRun(20, func() {
		f.Draw(img, 0, 20, title, color.RGBA{A: 255})
		f.Measure(title)
	})
	if allocs > 2 {
		t.Errorf("redrawing a cached title makes %v allocations; want at most 2", allocs)
	}
}

func mustFont(t *testing.T, size float64, files ...*FontFile) *Font {
	t.Helper()
	f, err := NewFont(size, files...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// textImage draws s in black on white with its baseline at y = 24.
func textImage(f *Font, s string) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 120, 32))
	fillRGBA(img, img.Rect, color.RGBA{255, 255, 255, 255})
	f.Draw(img, 2, 24, s, color.RGBA{A: 255})
	return img
}
