package x11

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"os"
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

// Font is an OpenType face at one pixel size, with a cache of rasterized
// glyphs so that redrawing a bar whose titles did not change costs no
// rasterization. It is not safe for concurrent use: the window manager draws
// from one goroutine.
type Font struct {
	name     string // the file, or "the built-in Go font", for messages
	ellipsis string // "…", or "..." when the font lacks it
	sfnt     *sfnt.Font
	face     font.Face // hinted to whole pixels, so a glyph looks the same at every pen position
	buf      sfnt.Buffer
	ppem     fixed.Int26_6
	ascent   int
	descent  int
	glyphs   glyphCache
}

// glyph is what the cache keeps for one rune. The mask is made on first
// draw only: measuring (Ellipsize on a long title) needs just the advance.
type glyph struct {
	index     sfnt.GlyphIndex
	advance   int  // pixels, rounded by full hinting
	invisible bool // a format character the font lacks: takes no room, draws nothing
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

// LoadFont loads a TrueType or OpenType font (or the first font of a
// collection) at size pixels. The empty path means the Go font built into
// FION, so a bar can always be drawn.
func LoadFont(path string, size float64) (*Font, error) {
	if math.IsNaN(size) || size <= 0 || size > 1000 {
		return nil, fmt.Errorf("font size %v: give the size in pixels, a number above 0 such as 14", size)
	}
	name, data := "the built-in Go font", goregular.TTF
	if path != "" {
		name = fmt.Sprintf("font file %q", path)
		var err error
		data, err = os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	sf, err := parseFont(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a TrueType/OpenType font (%v)", name, err)
	}
	face, err := opentype.NewFace(sf, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m := face.Metrics()
	f := &Font{
		name:    name,
		sfnt:    sf,
		face:    face,
		ppem:    fixed.Int26_6(math.Round(size * 64)),
		ascent:  m.Ascent.Ceil(),
		descent: m.Descent.Ceil(),
	}
	if f.ascent+f.descent <= 0 {
		return nil, fmt.Errorf("%s: the font has no height (broken metrics)", name)
	}
	f.ellipsis = "…"
	if f.lookup('…').index == 0 {
		f.ellipsis = "..."
	}
	return f, nil
}

// parseFont accepts a single font or a collection (.ttc, as many system CJK
// fonts are shipped), taking the collection's first font.
func parseFont(data []byte) (*sfnt.Font, error) {
	sf, err := opentype.Parse(data)
	if err == nil {
		return sf, nil
	}
	coll, cerr := opentype.ParseCollection(data)
	if cerr != nil || coll.NumFonts() == 0 {
		return nil, err
	}
	return coll.Font(0)
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

// Ellipsize returns s cut so that Measure of the result is at most width:
// s itself when it fits, else the longest prefix that fits followed by "…"
// ("..." with a font that lacks "…"), or "" when not even that fits.
// Invalid UTF-8 becomes U+FFFD and control characters are dropped first,
// since titles come from arbitrary clients. The cut never separates a letter
// from its combining marks nor breaks a zero-width-joiner sequence. Work is
// proportional to what fits, not to len(s), so huge titles are cheap.
func (f *Font) Ellipsize(s string, width int) string {
	if width <= 0 {
		return ""
	}
	ellFirst := f.lookup([]rune(f.ellipsis)[0])
	ellWidth := f.Measure(f.ellipsis)
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
	plain := string(out[:cut]) + f.ellipsis
	trimmed := string(trimSpaceRight(out[:cut])) + f.ellipsis
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
	var prev *glyph
	for _, r := range s {
		if x >= clip.Max.X {
			return // the rest is beyond the right edge; long titles stop here
		}
		g := f.visible(r)
		if g == nil {
			continue
		}
		x += f.kern(prev, g)
		prev = g
		f.rasterize(r, g)
		if g.mask != nil {
			at := g.mask.Rect.Add(image.Pt(x, baseline).Add(g.offset))
			draw.DrawMask(dst, at, src, image.Point{}, g.mask, g.mask.Rect.Min, draw.Over)
		}
		x += g.advance
	}
}

// visible returns the glyph for r, or nil for a character that must not
// show: control characters (a title's newline, tab or escape) and format
// characters the font has no glyph for (direction marks, joiners), which
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

// lookup returns r's cached glyph, making it (index and advance only) on a miss.
func (f *Font) lookup(r rune) *glyph {
	if g := f.glyphs.get(r); g != nil {
		return g
	}
	g := &glyph{}
	idx, err := f.sfnt.GlyphIndex(&f.buf, r)
	if err == nil {
		g.index = idx
	}
	if g.index == 0 && unicode.Is(unicode.Cf, r) {
		g.invisible = true
	} else if adv, err := f.sfnt.GlyphAdvance(&f.buf, g.index, f.ppem, font.HintingFull); err == nil {
		g.advance = adv.Round()
	}
	f.glyphs.put(r, g)
	return g
}

// kern is the pixel adjustment between two adjacent glyphs (0 when either
// is missing or the font has no kerning). The face's own Kern is not used:
// it scales by units-per-em instead of the pixel size.
func (f *Font) kern(a, b *glyph) int {
	if a == nil || b == nil {
		return 0
	}
	k, err := f.sfnt.Kern(&f.buf, a.index, b.index, f.ppem, font.HintingFull)
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
	dr, mask, maskp, _, _ := f.face.Glyph(fixed.Point26_6{}, r)
	if dr.Empty() || mask == nil {
		return
	}
	a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
	draw.Draw(a, a.Rect, mask, maskp, draw.Src)
	g.mask = a
	g.offset = dr.Min
}
