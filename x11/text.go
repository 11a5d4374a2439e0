package x11

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// zeroWidthJoiner glues emoji sequences; a cut must not fall on either side.
const zeroWidthJoiner = '\u200d'

// glyphCacheSize bounds each of the two generations of the glyph cache. A
// bar shows a few dozen distinct runes; this leaves room for several scripts
// while keeping a flood of distinct runes (a 100 KB title of random CJK)
// from growing memory without end.
const glyphCacheSize = 1024

// Font draws text with a list of fonts at one pixel size: each character comes from the first
// of them that has an outline for it, and the built-in Go font is always last, so that a title
// in any script shows what can be shown. It caches, for each rune, which font draws it and the
// rasterized glyph, so that redrawing a bar whose titles did not change costs no lookup and no
// rasterization. It is not safe for concurrent use: the window manager draws from one goroutine.
type Font struct {
	faces   []*face // in the order tried
	ascent  int     // of the first face: every face's glyphs sit on its baseline
	descent int
	glyphs  glyphCache
}

// face is one font of the list at the Font's size.
type face struct {
	sfnt *sfnt.Font
	face font.Face // hinted to whole pixels, so a glyph looks the same at every pen position
	buf  sfnt.Buffer
	ppem fixed.Int26_6
}

// glyph is what the cache keeps for one rune. The mask is made on first
// draw only: measuring (Ellipsize on a long title) needs just the advance.
type glyph struct {
	face      *face // the face that draws it; nil for an invisible glyph
	index     sfnt.GlyphIndex
	advance   int  // pixels, rounded by full hinting
	invisible bool // a format character no face has: takes no room, draws nothing
	drawn     bool // mask and offset are set (mask stays nil for blank glyphs)
	mask      *image.Alpha
	offset    image.Point // the mask's top-left corner relative to the pen on the baseline
}

// glyphCache keeps recently used glyphs in two generations: a lookup that
// hits the old one moves the glyph to the current one, and when the current
// one is full it becomes the old one. That bounds memory at twice
// glyphCacheSize with LRU-like behaviour and no per-entry bookkeeping.
type glyphCache struct {
	cur, old map[rune]*glyph
}

func (c *glyphCache) get(r rune) *glyph {
	if g, ok := c.cur[r]; ok {
		return g
	}
	if g, ok := c.old[r]; ok {
		c.put(r, g)
		return g
	}
	return nil
}

func (c *glyphCache) put(r rune, g *glyph) {
	if c.cur == nil || len(c.cur) >= glyphCacheSize {
		c.old = c.cur
		c.cur = make(map[rune]*glyph, glyphCacheSize)
	}
	c.cur[r] = g
}

func (c *glyphCache) len() int { return len(c.cur) + len(c.old) }

// NewFont makes a Font of files at size pixels, tried in their order, with the built-in Go font
// after them unless it is one of them. The first file sets the line's ascent and descent.
func NewFont(size float64, files ...*FontFile) (*Font, error) {
	if math.IsNaN(size) || size <= 0 || size > 1000 {
		return nil, fmt.Errorf("font size %v: give the size in pixels, a number above 0 such as 14", size)
	}
	builtIn := false
	for _, f := range files {
		builtIn = builtIn || f.sfnt == goFont()
	}
	if !builtIn {
		files = append(files, &FontFile{sfnt: goFont()})
	}
	opts := &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull}
	f := &Font{}
	for _, file := range files {
		ff, err := opentype.NewFace(file.sfnt, opts)
		if err != nil {
			return nil, err
		}
		f.faces = append(f.faces, &face{sfnt: file.sfnt, face: ff, ppem: fixed.Int26_6(math.Round(size * 64))})
	}
	m := f.faces[0].face.Metrics()
	f.ascent, f.descent = m.Ascent.Ceil(), m.Descent.Ceil()
	return f, nil
}

// Height is the line height in pixels: ascent plus descent.
func (f *Font) Height() int { return f.ascent + f.descent }

// Ascent is how far the tallest glyphs reach above the baseline, in pixels.
func (f *Font) Ascent() int { return f.ascent }

// Measure is the advance width of s in pixels, as Draw would draw it.
func (f *Font) Measure(s string) int {
	w := 0
	var prev *glyph
	for _, r := range s {
		g := f.visible(r)
		if g == nil {
			continue
		}
		w += f.kern(prev, g) + g.advance
		prev = g
	}
	return w
}

// ellipsis ends a cut title; the built-in Go font, always one of a Font's, has it.
const ellipsis = "…"

// Ellipsize returns s cut so that Measure of the result is at most width:
// s itself when it fits, else the longest prefix that fits followed by "…",
// or "" when not even that fits.
// Invalid UTF-8 becomes U+FFFD and control characters are dropped first,
// since titles come from arbitrary clients. The cut never separates a letter
// from its combining marks nor breaks a zero-width-joiner sequence. Work is
// proportional to what fits, not to len(s), so huge titles are cheap.
func (f *Font) Ellipsize(s string, width int) string {
	if width <= 0 {
		return ""
	}
	ellFirst := f.lookup([]rune(ellipsis)[0])
	ellWidth := f.Measure(ellipsis)
	out := make([]byte, 0, min(len(s), 256))
	cut := -1       // length of out that "…" fits after, or -1 if none yet
	clean := true   // out is a verbatim copy of s so far
	joined := false // the previous rune was a zero-width joiner: no cut after it
	x := 0
	var prev *glyph
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			clean = false // an invalid byte, replaced by U+FFFD
		}
		if unicode.IsControl(r) {
			clean = false
			continue
		}
		// The empty prefix is always a place to cut, even before a stray mark.
		boundary := len(out) == 0 || !extends(r) && !joined
		if boundary && x+f.kern(prev, ellFirst)+ellWidth <= width {
			cut = len(out)
		}
		if g := f.lookup(r); !g.invisible {
			x += f.kern(prev, g) + g.advance
			prev = g
		}
		if x > width {
			return f.withEllipsis(out, cut, width)
		}
		out = utf8.AppendRune(out, r)
		joined = r == zeroWidthJoiner
	}
	if clean {
		return s
	}
	return string(out)
}

// withEllipsis ends out[:cut] with the ellipsis, dropping white space before
// it ("foo…" reads better than "foo …") unless that would not fit.
func (f *Font) withEllipsis(out []byte, cut, width int) string {
	if cut < 0 {
		return ""
	}
	plain := string(out[:cut]) + ellipsis
	trimmed := string(trimSpaceRight(out[:cut])) + ellipsis
	if len(trimmed) < len(plain) && f.Measure(trimmed) <= width {
		return trimmed
	}
	return plain
}

// trimSpaceRight drops trailing white space before an ellipsis: "foo …"
// reads worse than "foo…" and wastes room.
func trimSpaceRight(b []byte) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeLastRune(b)
		if !unicode.IsSpace(r) {
			break
		}
		b = b[:len(b)-size]
	}
	return b
}

// extends reports whether r belongs to the character before it (combining
// marks, variation selectors, the zero-width joiner), so a cut must not
// fall just before it.
func extends(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == zeroWidthJoiner
}

// Draw draws s with its baseline's left end at (x, baseline), anti-aliased
// in colour c over what dst holds. It clips to dst's bounds, so drawing into
// a SubImage keeps the text inside that rectangle.
func (f *Font) Draw(dst *image.RGBA, x, baseline int, s string, c color.RGBA) {
	clip := dst.Bounds()
	if baseline-f.ascent >= clip.Max.Y || baseline+f.descent <= clip.Min.Y {
		return
	}
	src := image.NewUniform(c)
	f.walk(x, s, clip.Max.X, func(_, _, at int, g *glyph) {
		if g != nil && g.mask != nil {
			r := g.mask.Rect.Add(image.Pt(at, baseline).Add(g.offset))
			draw.DrawMask(dst, r, src, image.Point{}, g.mask, g.mask.Rect.Min, draw.Over)
		}
	})
}

// walk steps through s as Draw sets it from pen position x, and stops at the first character that
// would start at or beyond maxX (the rest of a long title is beyond the right edge). For each
// character it calls step with the character's index in s, the pen position it starts at, and, for
// one that shows, the x its glyph is placed at (kerning applied) and its glyph, rasterized; g is
// nil for a character that does not show.
func (f *Font) walk(x int, s string, maxX int, step func(i, pen, at int, g *glyph)) {
	var prev *glyph
	for i, r := range s {
		if x >= maxX {
			return
		}
		g := f.visible(r)
		if g == nil {
			step(i, x, x, nil)
			continue
		}
		pen := x
		x += f.kern(prev, g)
		prev = g
		f.rasterize(r, g)
		step(i, pen, x, g)
		x += g.advance
	}
}

// visible returns the glyph for r, or nil for a character that must not
// show: control characters (a title's newline, tab or escape) and format
// characters no font has a glyph for (direction marks, joiners), which
// would otherwise draw as empty boxes.
func (f *Font) visible(r rune) *glyph {
	if unicode.IsControl(r) {
		return nil
	}
	g := f.lookup(r)
	if g.invisible {
		return nil
	}
	return g
}

// lookup returns r's cached glyph, finding its face on a miss.
func (f *Font) lookup(r rune) *glyph {
	if g := f.glyphs.get(r); g != nil {
		return g
	}
	g := f.find(r)
	f.glyphs.put(r, g)
	return g
}

// find makes r's glyph (face, index and advance; the mask comes on first draw) from the first
// face that has an outline for r. A face whose glyph has none, or whose glyph sfnt cannot load
// (colour bitmaps), passes r on, so that such a font does not make characters vanish. When no
// face has ink for r, the first face that has a glyph for it draws it (a space, a blank); a rune
// no face has is the first face's box for missing characters, or nothing for a format character.
func (f *Font) find(r rune) *glyph {
	var blank *glyph
	for _, fc := range f.faces {
		idx, err := fc.sfnt.GlyphIndex(&fc.buf, r)
		if err != nil || idx == 0 {
			continue
		}
		segs, err := fc.sfnt.LoadGlyph(&fc.buf, idx, fc.ppem, nil)
		switch {
		case err != nil:
		case len(segs) > 0:
			return fc.glyph(idx)
		case blank == nil:
			blank = fc.glyph(idx)
		}
	}
	switch {
	case blank != nil:
		return blank
	case unicode.Is(unicode.Cf, r):
		return &glyph{invisible: true}
	}
	return f.faces[0].glyph(0)
}

// glyph makes the glyph of index idx of fc, with its advance.
func (fc *face) glyph(idx sfnt.GlyphIndex) *glyph {
	g := &glyph{face: fc, index: idx}
	if adv, err := fc.sfnt.GlyphAdvance(&fc.buf, idx, fc.ppem, font.HintingFull); err == nil {
		g.advance = adv.Round()
	}
	return g
}

// kern is the pixel adjustment between two adjacent glyphs (0 when either
// is missing, they come from different faces, or the face has no kerning).
// The face's own Kern is not used: it scales by units-per-em instead of the
// pixel size.
func (f *Font) kern(a, b *glyph) int {
	if a == nil || b == nil || a.face != b.face {
		return 0
	}
	fc := a.face
	k, err := fc.sfnt.Kern(&fc.buf, a.index, b.index, fc.ppem, font.HintingFull)
	if err != nil {
		return 0
	}
	return k.Round()
}

// rasterize makes g's mask once. The face reuses one mask buffer for every
// glyph, so the pixels are copied out.
func (f *Font) rasterize(r rune, g *glyph) {
	if g.drawn {
		return
	}
	g.drawn = true
	dr, mask, maskp, _, _ := g.face.face.Glyph(fixed.Point26_6{}, r)
	if dr.Empty() || mask == nil {
		return
	}
	a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
	draw.Draw(a, a.Rect, mask, maskp, draw.Src)
	g.mask = a
	g.offset = dr.Min
}

// goFont is the built-in Go font, parsed once: a parsed font may be shared, as each face has
// its own buffer.
var goFont = sync.OnceValue(func() *sfnt.Font {
	sf, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic("x11: the built-in Go font does not parse: " + err.Error())
	}
	return sf
})
