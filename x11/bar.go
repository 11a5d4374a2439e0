package x11

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Tab is what a tile's bar shows for one client.
type Tab struct {
	Title  string
	Active bool // the client the tile shows
	Urgent bool // the client asked for attention
}

// BarStyle is how bars look. Colours are 0xRRGGBB.
type BarStyle struct {
	Font *Font // nil draws no titles

	Bar                        uint32 // behind the tabs, and all of an empty tile's bar
	Tab, TabText               uint32 // a tab that is neither active nor urgent
	ActiveTab, ActiveTabText   uint32 // the active tab of a tile without the focus
	FocusedTab, FocusedTabText uint32 // the active tab of the focused tile
	UrgentTab, UrgentTabText   uint32 // an urgent tab that is not active
	Separator                  uint32 // the 1px line between two tabs

	Padding   int  // pixels kept free between a tab's edges and its title
	AlignLeft bool // titles start at the padding; the default centres them
}

// RenderBar draws a tile's bar into img, which has the bar's size: the tabs share the width
// equally, a 1px separator between neighbours, each title cut with "…" to fit its tab. When the
// tabs would be too narrow to show a few characters each, only a run of them that holds the active
// tab is drawn, and markers at the ends say how many are hidden on that side (see layout). An
// empty tile's bar is plain Bar colour.
func RenderBar(img *image.RGBA, tabs []Tab, focusedTile bool, st *BarStyle) {
	b := img.Bounds()
	fill(img, b, st.Bar)
	l := st.layout(b.Dx(), len(tabs), activeTab(tabs))
	for _, p := range st.parts(l, tabs, focusedTile, nil) {
		st.drawPart(img, p)
	}
}

func activeTab(tabs []Tab) int {
	for i, t := range tabs {
		if t.Active {
			return i
		}
	}
	return 0
}

// barPart is one part of a bar as drawn: a tab or a marker, across [x0, x1) of the bar's width,
// with its text and colours.
type barPart struct {
	x0, x1 int
	text   string
	bg, fg uint32
	pad    int
}

// parts lists the parts of a bar laid out as l, appended to out: the tabs shown, then the markers.
func (st *BarStyle) parts(l barLayout, tabs []Tab, focusedTile bool, out []barPart) []barPart {
	for i := l.first; i < l.last; i++ {
		x0, x1 := l.span(i)
		bg, fg := st.colours(tabs[i], focusedTile)
		out = append(out, barPart{x0, x1, tabs[i].Title, bg, fg, st.Padding})
	}
	if l.first > 0 {
		bg, fg := st.markerColours(tabs[:l.first])
		out = append(out, barPart{0, l.tabsX0, "«" + strconv.Itoa(l.first), bg, fg, st.Padding / 2})
	}
	if l.last < len(tabs) {
		bg, fg := st.markerColours(tabs[l.last:])
		out = append(out, barPart{l.tabsX1, l.width, strconv.Itoa(len(tabs)-l.last) + "»", bg, fg, st.Padding / 2})
	}
	return out
}

// Bar is the picture of one tile's bar, kept from one draw to the next with what it shows, so
// that a change redraws only the parts it changed, and a new title only where either title is
// drawn: a title storm in one tab costs the characters that change.
// Its zero value is an empty picture.
type Bar struct {
	Img   *image.RGBA // the whole bar, as last drawn
	valid bool        // Img shows layout and drawn
	l     barLayout
	drawn []barPart
	next  []barPart
	old   []byte // the pixels of a part before it is drawn again, to find what changed
	// The colours, as drawn, of the bar behind the tabs and of the separators (see PutBar).
	bg, separator uint32
	bands         []band
	across        []barPart // drawn, from left to right
}

// band is a run of columns of a bar drawn in one colour, but for its text.
type band struct {
	x0, x1 int
	colour uint32
}

// Forget makes the next Draw draw the whole bar (the style changed, or the picture was lost).
func (b *Bar) Forget() { b.valid = false }

// Draw brings b's picture, of size w by h, to what RenderBar draws for tabs, and returns the
// rectangle of it that changed: empty when nothing did, the whole bar when its size, the style
// (see Forget) or the way the tabs share it changed, else the pixels that changed in the parts
// that changed: for a title that counts up, the digits that differ.
func (b *Bar) Draw(w, h int, tabs []Tab, focusedTile bool, st *BarStyle) image.Rectangle {
	if b.Img == nil || b.Img.Rect.Dx() != w || b.Img.Rect.Dy() != h {
		if b.Img != nil && cap(b.Img.Pix) >= 4*w*h {
			b.Img = &image.RGBA{Pix: b.Img.Pix[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
		} else {
			b.Img = image.NewRGBA(image.Rect(0, 0, w, h))
		}
		b.valid = false
	}
	l := st.layout(w, len(tabs), activeTab(tabs))
	b.next = st.parts(l, tabs, focusedTile, b.next[:0])
	var dirty image.Rectangle
	if !b.valid || l != b.l || len(b.next) != len(b.drawn) {
		covered := 0 // the parts lie apart: where they cover the bar, the bar's colour is not seen
		for _, p := range b.next {
			covered += max(min(p.x1, w)-max(p.x0, 0), 0)
		}
		if covered < w {
			fill(b.Img, b.Img.Rect, st.Bar)
		}
		for _, p := range b.next {
			st.drawPart(b.Img, p)
		}
		dirty = b.Img.Rect
	} else {
		for i, p := range b.next {
			switch was := b.drawn[i]; {
			case p == was:
			case retitled(was, p):
				dirty = dirty.Union(b.retitle(was, p, st))
			default:
				dirty = dirty.Union(b.redraw(p, st))
			}
		}
	}
	b.valid, b.l = true, l
	b.drawn, b.next = b.next, b.drawn
	b.bg, b.separator = st.Bar, st.Separator
	return dirty
}

// colourBands splits the bar's width into the runs of columns that share a colour: the parts'
// backgrounds, the separators between them, and the bar's own colour where no part is.
func (b *Bar) colourBands() []band {
	b.across = append(b.across[:0], b.drawn...)
	slices.SortFunc(b.across, func(p, q barPart) int { return p.x0 - q.x0 }) // the markers are last in drawn
	bands := b.bands[:0]
	add := func(x0, x1 int, c uint32) {
		if x1 > x0 {
			bands = append(bands, band{x0, x1, c})
		}
	}
	w := b.Img.Rect.Dx()
	x := 0
	for _, p := range b.across {
		x0, x1 := max(p.x0, x), min(p.x1, w)
		if x0 >= x1 {
			continue
		}
		add(x, x0, b.bg)
		if p.x0 > 0 && x0 == p.x0 {
			add(x0, x0+1, b.separator)
			x0++
		}
		add(x0, x1, p.bg)
		x = x1
	}
	add(x, w, b.bg)
	b.bands = bands
	return bands
}

// redraw draws part p of the bar again and returns the smallest rectangle that holds the pixels
// that changed.
func (b *Bar) redraw(p barPart, st *BarStyle) image.Rectangle {
	span := image.Rect(p.x0, 0, p.x1, b.Img.Rect.Dy()).Intersect(b.Img.Rect)
	if span.Empty() {
		return image.Rectangle{}
	}
	b.keep(span)
	st.drawPart(b.Img, p)
	return changedSince(b.Img, span, b.old)
}

// retitled reports whether part p differs from was, as drawn, in its text alone.
func retitled(was, p barPart) bool {
	was.text = p.text
	return was == p
}

// retitle draws part p of the bar again where it differs from was, as drawn, in its text alone,
// and returns the smallest rectangle that holds the pixels that changed. Only the columns that
// the ink of either text reaches are filled and drawn again, with the new text placed as in the
// whole part, so the pixels are those drawPart draws: a title storm in a tab as wide as the screen
// costs the width of its title. When both texts start at one place, the characters they begin
// with alike are drawn alike, and only the ink of the rest counts: a title that counts up costs
// its last digits.
func (b *Bar) retitle(was, p barPart, st *BarStyle) image.Rectangle {
	r := titleRect(b.Img.Rect, p)
	if st.Font == nil || r.Empty() {
		return image.Rectangle{}
	}
	wasText, wasX, _ := st.placeTitle(r, was.text, was.pad)
	text, x, baseline := st.placeTitle(r, p.text, p.pad)
	alike := 0
	if x == wasX {
		alike = commonPrefix(wasText, text)
	}
	span := st.Font.ink(wasX, wasText, alike, r).Union(st.Font.ink(x, text, alike, r))
	if span.Empty() {
		return image.Rectangle{}
	}
	b.keep(span)
	fill(b.Img, span, p.bg)
	st.Font.Draw(b.Img.SubImage(span).(*image.RGBA), x, baseline, text, rgb(p.fg))
	return changedSince(b.Img, span, b.old)
}

// commonPrefix is the length in bytes of the characters a and b begin with alike.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) {
		ra, size := utf8.DecodeRuneInString(a[n:])
		if rb, sizeB := utf8.DecodeRuneInString(b[n:]); ra != rb || size != sizeB {
			break
		}
		n += size
	}
	return n
}

// keep copies the pixels of r, one row after the other, into b.old, before they are drawn again.
func (b *Bar) keep(r image.Rectangle) {
	n := 4 * r.Dx()
	b.old = b.old[:0]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := b.Img.PixOffset(r.Min.X, y)
		b.old = append(b.old, b.Img.Pix[off:off+n]...)
	}
}

// changedSince is the smallest rectangle that holds the pixels of r in img that differ from was,
// r's rows as they were one after the other. Rows are compared whole (memcmp), and only the
// columns outside the rectangle found so far are searched for the first and last difference,
// eight bytes at a time.
func changedSince(img *image.RGBA, r image.Rectangle, was []byte) image.Rectangle {
	n := 4 * r.Dx()
	first, last := n, 0 // the differing bytes of a row lie in [first, last)
	top, bottom := -1, -1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		now, old := img.Pix[off:off+n], was[(y-r.Min.Y)*n:][:n]
		if string(now) == string(old) {
			continue
		}
		if top < 0 {
			top = y
		}
		bottom = y + 1
		if string(now[:first]) != string(old[:first]) {
			first = firstDiff(now[:first], old[:first])
		}
		if string(now[last:]) != string(old[last:]) {
			last += lastDiff(now[last:], old[last:])
		}
	}
	if top < 0 {
		return image.Rectangle{}
	}
	return image.Rect(r.Min.X+first/4, top, r.Min.X+(last+3)/4, bottom)
}

// firstDiff is the index of the first byte in which a and b, of one length, differ; they do.
func firstDiff(a, b []byte) int {
	i := 0
	for ; i+8 <= len(a); i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for a[i] == b[i] {
		i++
	}
	return i
}

// lastDiff is one past the index of the last byte in which a and b, of one length, differ; they
// do.
func lastDiff(a, b []byte) int {
	i := len(a)
	for ; i >= 8; i -= 8 {
		if x := binary.LittleEndian.Uint64(a[i-8:]) ^ binary.LittleEndian.Uint64(b[i-8:]); x != 0 {
			return i - bits.LeadingZeros64(x)/8
		}
	}
	for a[i-1] == b[i-1] {
		i--
	}
	return i
}

// drawPart draws one part of the bar, a tab or a marker, across [p.x0, p.x1) of img's width: a
// separator first unless it starts the bar, then its background and text.
func (st *BarStyle) drawPart(img *image.RGBA, p barPart) {
	r := titleRect(img.Bounds(), p)
	if r.Empty() {
		return
	}
	if p.x0 > 0 {
		fill(img, image.Rect(r.Min.X-1, r.Min.Y, r.Min.X, r.Max.Y), st.Separator)
	}
	fill(img, r, p.bg)
	st.drawTitle(img.SubImage(r).(*image.RGBA), p.text, p.fg, p.pad)
}

// titleRect is where part p of a bar drawn in bounds has its background and text: right of its
// separator, within bounds.
func titleRect(bounds image.Rectangle, p barPart) image.Rectangle {
	r := image.Rect(bounds.Min.X+p.x0, bounds.Min.Y, bounds.Min.X+p.x1, bounds.Max.Y)
	if p.x0 > 0 && !r.Empty() {
		r.Min.X++
	}
	return r.Intersect(bounds)
}

// markerColours are those of a marker: the bar's with the tab text colour, or the urgent tab's
// when a tab it hides asks for attention.
func (st *BarStyle) markerColours(hidden []Tab) (bg, fg uint32) {
	for _, t := range hidden {
		if t.Urgent {
			return st.UrgentTab, st.UrgentTabText
		}
	}
	return st.Bar, st.TabText
}

// colours picks a tab's background and text colours. Active wins over
// urgent: the user is already looking at that client.
func (st *BarStyle) colours(t Tab, focusedTile bool) (bg, fg uint32) {
	switch {
	case t.Active && focusedTile:
		return st.FocusedTab, st.FocusedTabText
	case t.Active:
		return st.ActiveTab, st.ActiveTabText
	case t.Urgent:
		return st.UrgentTab, st.UrgentTabText
	default:
		return st.Tab, st.TabText
	}
}

// drawTitle draws title inside tab (an image clipped to the tab), pad pixels from its sides,
// centred vertically and, unless AlignLeft, horizontally.
func (st *BarStyle) drawTitle(tab *image.RGBA, title string, fg uint32, pad int) {
	if text, x, baseline := st.placeTitle(tab.Bounds(), title, pad); text != "" {
		st.Font.Draw(tab, x, baseline, text, rgb(fg))
	}
}

// placeTitle is how drawTitle draws title in the rectangle r: the text, cut to fit, and where its
// baseline starts. The text is "" when nothing is drawn.
func (st *BarStyle) placeTitle(r image.Rectangle, title string, pad int) (text string, x, baseline int) {
	if st.Font == nil {
		return "", 0, 0
	}
	pad = max(pad, 0)
	room := r.Dx() - 2*pad
	if room <= 0 {
		return "", 0, 0
	}
	text = st.Font.Ellipsize(title, room)
	if text == "" {
		return "", 0, 0
	}
	x = r.Min.X + pad
	if !st.AlignLeft {
		x += (room - st.Font.Measure(text)) / 2
	}
	return text, x, r.Min.Y + (r.Dy()-st.Font.Height())/2 + st.Font.Ascent()
}

// ink is the columns, within r, that Draw of s from x into an image clipped to r may change with
// the characters of s from byte from on, with r's rows; empty when none. Those are the columns of
// their glyphs' masks, which reach past their advances (italics, combining marks), and also every
// pen position, up to their last glyph with a mask, at which Draw decides whether to go on: drawn
// clipped to these columns, s changes the pixels that those characters change drawn clipped to
// r. It walks s as Draw does (walk).
func (f *Font) ink(x int, s string, from int, r image.Rectangle) image.Rectangle {
	x0, x1 := math.MaxInt, math.MinInt
	reached := x // the furthest pen position so far at which Draw goes on
	f.walk(x, s, r.Max.X, func(i, pen, at int, g *glyph) {
		reached = max(reached, pen)
		if i >= from && g != nil && g.mask != nil {
			at += g.offset.X
			x0, x1 = min(x0, at), max(x1, at+g.mask.Rect.Dx(), reached+1)
		}
	})
	if x0 >= x1 {
		return image.Rectangle{}
	}
	return image.Rect(x0, r.Min.Y, x1, r.Max.Y).Intersect(r)
}

// tabSpan is where tab i of n lies across width: [x0, x1). Tab i starts at the first x for which
// x*n/width == i, so barLayout.at inverts it exactly.
func tabSpan(width, n, i int) (x0, x1 int) {
	return (i*width + n - 1) / n, ((i+1)*width + n - 1) / n
}

// barLayout is where the parts of a bar lie across its width: the tabs first to last-1 share
// [tabsX0, tabsX1) equally, and the tabs hidden before and after them have a marker each in
// [0, tabsX0) and [tabsX1, width).
type barLayout struct {
	width, n       int
	first, last    int
	tabsX0, tabsX1 int
}

// layout places n tabs, of which active is the one shown, across width. Every tab gets the same
// share when that leaves room for three characters and "…" (minTab). Otherwise the tabs are cut
// into pages of as many as fit at that width between two markers, and the page that holds the
// active tab is drawn: the pages stay put while the user goes through the tabs of one, and the
// last page is filled up from the one before so that no page is short. A bar too narrow for one
// tab and the markers has pages of one tab, narrower than minTab, and drops the markers when the
// tab would be narrower than a marker.
func (st *BarStyle) layout(width, n, active int) barLayout {
	l := barLayout{width: width, n: n, last: n, tabsX1: width}
	if st.Font == nil || n <= 1 {
		return l
	}
	minTab := 2*max(st.Padding, 0) + st.Font.Measure("000…")
	if n*minTab <= width {
		return l
	}
	marker := st.Font.Measure(strconv.Itoa(n)+"»") + 2*max(st.Padding/2, 0) + 1 // 1: its separator
	perPage := max((width-2*marker)/minTab, 1)
	l.first = min(active/perPage*perPage, n-perPage)
	l.last = l.first + perPage
	if width < 3*marker { // no room for markers beside the tab
		return l
	}
	if l.first > 0 {
		l.tabsX0 = marker
	}
	if l.last < n {
		l.tabsX1 = width - marker
	}
	return l
}

// span is where tab i (first <= i < last) lies: [x0, x1).
func (l barLayout) span(i int) (x0, x1 int) {
	x0, x1 = tabSpan(l.tabsX1-l.tabsX0, l.last-l.first, i-l.first)
	return l.tabsX0 + x0, l.tabsX0 + x1
}

// at is the tab a click at x picks: the tab drawn there (a separator belongs to the part on its
// right), or for a marker the nearest tab it hides, so that clicking a marker turns the page.
// It is -1 outside the bar or when there are no tabs.
func (l barLayout) at(x int) int {
	switch {
	case l.n <= 0 || x < 0 || x >= l.width:
		return -1
	case x < l.tabsX0:
		return l.first - 1
	case x >= l.tabsX1:
		return l.last
	}
	return l.first + (x-l.tabsX0)*(l.last-l.first)/(l.tabsX1-l.tabsX0)
}

// TabAt returns which of a tile's n tabs, of which active is shown, a click at x across a bar of
// width picks, as RenderBar draws them; -1 when none.
func (st *BarStyle) TabAt(width, n, active, x int) int {
	return st.layout(width, n, active).at(x)
}

func rgb(c uint32) color.RGBA {
	return color.RGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: 0xff}
}

func fill(img *image.RGBA, r image.Rectangle, c uint32) {
	draw.Draw(img, r, image.NewUniform(rgb(c)), image.Point{}, draw.Src)
}

// putImageHeader is the size of a PutImage request before its pixel data.
const putImageHeader = 24

// Painter uploads images and tab bars to windows and pixmaps on the root
// window's depth, in the server's pixel layout. It reuses its buffers, so it is
// not safe for concurrent use.
type Painter struct {
	c        *xgb.Conn
	gc       xproto.Gcontext
	depth    byte
	pixel    pixelFormat
	maxBytes int // pixel data one request may carry
	buf      []byte
	err      error
	fg       uint32 // the GC's foreground, once fgSet
	fgSet    bool
	root     xproto.Window
	gcs      map[uint32]xproto.Gcontext // by the pixel value they fill with (gcFor)
	fills    []bgFill                   // PutBar's, kept for their buffers
	texts    []image.Rectangle
	rects    []xproto.Rectangle
	plainRow []byte
}

// pixelFormat is how a true-colour pixel is laid out in a ZPixmap image.
type pixelFormat struct {
	bytes       int  // per pixel: 2, 3 or 4
	pad         int  // scanline padding, in bytes
	msbFirst    bool // image byte order
	red         channel
	green       channel
	blue        channel
	bgrx, xrgb  bool // the common 32-bit layouts, converted without shifting
	unusedValue uint32
}

// channel places one 8-bit colour component into a pixel value.
type channel struct {
	shift int // position of the mask's lowest bit
	width int // bits in the mask
}

func newChannel(mask uint32) channel {
	return channel{shift: bits.TrailingZeros32(mask), width: bits.OnesCount32(mask)}
}

func (ch channel) place(v uint8) uint32 {
	if ch.width >= 8 {
		return uint32(v) << (ch.shift + ch.width - 8)
	}
	return uint32(v>>(8-ch.width)) << ch.shift
}

// NewPainter prepares uploads to windows of screen's root depth and visual.
// If that is not a true-colour format it can draw (bits per pixel other than
// 16, 24 or 32), Put does nothing and Err says why.
func NewPainter(c *xgb.Conn, screen *xproto.ScreenInfo) *Painter {
	setup := xproto.Setup(c)
	p := &Painter{c: c, depth: screen.RootDepth, root: screen.Root}
	p.maxBytes = int(setup.MaximumRequestLength)*4 - putImageHeader
	p.pixel, p.err = screenPixelFormat(setup, screen)
	if p.err != nil {
		return p
	}
	gc, err := xproto.NewGcontextId(c)
	if err != nil {
		p.err = fmt.Errorf("creating the bar's graphics context: %w", err)
		return p
	}
	p.gc = gc
	// No GraphicsExpose events: nothing here copies areas, and FION does
	// not want to hear about them.
	xproto.CreateGC(c, gc, xproto.Drawable(screen.Root), xproto.GcGraphicsExposures, []uint32{0})
	return p
}

// screenPixelFormat reads the root depth's pixmap format and the root
// visual's colour masks from the connection setup.
func screenPixelFormat(setup *xproto.SetupInfo, screen *xproto.ScreenInfo) (pixelFormat, error) {
	var pf pixelFormat
	found := false
	for _, f := range setup.PixmapFormats {
		if f.Depth == screen.RootDepth {
			pf.bytes, pf.pad = int(f.BitsPerPixel)/8, int(f.ScanlinePad)/8
			found = f.BitsPerPixel%8 == 0
		}
	}
	if !found || pf.bytes < 2 || pf.bytes > 4 || pf.pad == 0 {
		return pf, fmt.Errorf("cannot draw bars: the root window's depth %d has no 16, 24 or 32 bits-per-pixel format", screen.RootDepth)
	}
	var vis *xproto.VisualInfo
	for _, d := range screen.AllowedDepths {
		for i := range d.Visuals {
			if d.Visuals[i].VisualId == screen.RootVisual {
				vis = &d.Visuals[i]
			}
		}
	}
	if vis == nil || vis.Class != xproto.VisualClassTrueColor && vis.Class != xproto.VisualClassDirectColor {
		return pf, errors.New("cannot draw bars: the root visual is not true colour")
	}
	pf.msbFirst = setup.ImageByteOrder == xproto.ImageOrderMSBFirst
	pf.red, pf.green, pf.blue = newChannel(vis.RedMask), newChannel(vis.GreenMask), newChannel(vis.BlueMask)
	rgb32 := pf.bytes == 4 && vis.RedMask == 0xff0000 && vis.GreenMask == 0xff00 && vis.BlueMask == 0xff
	pf.bgrx = rgb32 && !pf.msbFirst
	pf.xrgb = rgb32 && pf.msbFirst
	// Bits outside the colour masks are set: on a depth-32 visual they
	// are alpha, and an opaque bar is what is wanted there.
	pf.unusedValue = ^(vis.RedMask | vis.GreenMask | vis.BlueMask)
	return pf, nil
}

// Err reports why this Painter cannot draw, or nil.
func (p *Painter) Err() error { return p.err }

// Style is st as PutBar wants pictures drawn: on the usual true-colour layout (32 bits a pixel,
// least significant byte first, blue in the low byte) with red and blue swapped, so that the bytes
// of an image.RGBA drawn with it are the server's pixels already and go out as they are: a tab
// bar redrawn for every new window costs no conversion. On other layouts it is st.
func (p *Painter) Style(st BarStyle) BarStyle {
	if !p.pixel.bgrx {
		return st
	}
	for _, c := range []*uint32{&st.Bar, &st.Tab, &st.TabText, &st.ActiveTab, &st.ActiveTabText, &st.FocusedTab,
		&st.FocusedTabText, &st.UrgentTab, &st.UrgentTabText, &st.Separator} {
		*c = *c&0xff00 | *c>>16&0xff | *c&0xff<<16
	}
	return st
}

// PutBar uploads rectangle r of b's picture, drawn with the colours of Style, to the same place
// in d. The server fills the plain background of each part of the bar by itself, and only the
// pixels of the titles go as an image: a bar drawn anew for every window that opens costs a few
// kilobytes, not its size in pixels.
func (p *Painter) PutBar(d xproto.Drawable, b *Bar, r image.Rectangle) {
	r = r.Intersect(b.Img.Rect)
	if p.err != nil || r.Empty() {
		return
	}
	raw := p.pixel.bgrx
	if r.Dx()*r.Dy() <= putWhole {
		p.put(d, b.Img.SubImage(r).(*image.RGBA), r.Min.X, r.Min.Y, raw)
		return
	}
	fills, texts := p.fills[:0], p.texts[:0]
	for _, bd := range b.colourBands() {
		part := image.Rect(max(bd.x0, r.Min.X), r.Min.Y, min(bd.x1, r.Max.X), r.Max.Y)
		if part.Empty() {
			continue
		}
		c := rgb(bd.colour)
		plain := [4]byte{c.R, c.G, c.B, c.A}
		text := otherPixels(b.Img, part, plain, &p.plainRow)
		if text != part {
			fills = append(fills, bgFill{p.pixelOf(plain, raw), part})
		}
		if !text.Empty() {
			texts = append(texts, text)
		}
	}
	// One request for each colour, then the titles over them.
	slices.SortFunc(fills, func(a, b bgFill) int { return cmp.Compare(a.pixel, b.pixel) })
	for i := 0; i < len(fills); {
		j := i
		rects := p.rects[:0]
		for ; j < len(fills) && fills[j].pixel == fills[i].pixel; j++ {
			f := fills[j].r
			rects = append(rects, xproto.Rectangle{X: int16(f.Min.X), Y: int16(f.Min.Y), Width: uint16(f.Dx()), Height: uint16(f.Dy())})
		}
		xproto.PolyFillRectangle(p.c, d, p.gcFor(fills[i].pixel), rects)
		p.rects = rects
		i = j
	}
	for _, t := range texts {
		p.put(d, b.Img.SubImage(t).(*image.RGBA), t.Min.X, t.Min.Y, raw)
	}
	p.fills, p.texts = fills, texts
}

// putWhole is the most pixels PutBar sends as they are: for fewer (the digits of a title that
// counts up), one request costs less than filling and drawing them apart.
const putWhole = 4096

// bgFill is a rectangle to fill with a pixel value.
type bgFill struct {
	pixel uint32
	r     image.Rectangle
}

// gcFor is a graphics context that fills with pixel value v: one for each colour of the bars, so
// that a bar drawn anew costs no request to change colours; past maxGCs colours, the one GC is
// changed.
func (p *Painter) gcFor(v uint32) xproto.Gcontext {
	if gc, ok := p.gcs[v]; ok {
		return gc
	}
	if len(p.gcs) < maxGCs {
		if gc, err := xproto.NewGcontextId(p.c); err == nil {
			xproto.CreateGC(p.c, gc, xproto.Drawable(p.root), xproto.GcForeground|xproto.GcGraphicsExposures, []uint32{v, 0})
			if p.gcs == nil {
				p.gcs = map[uint32]xproto.Gcontext{}
			}
			p.gcs[v] = gc
			return gc
		}
	}
	if !p.fgSet || p.fg != v {
		p.fg, p.fgSet = v, true
		xproto.ChangeGC(p.c, p.gc, xproto.GcForeground, []uint32{v})
	}
	return p.gc
}

// maxGCs is how many colours get a graphics context of their own: the bars use ten.
const maxGCs = 16

// otherPixels is the smallest rectangle that holds the pixels of r in img other than plain.
// plainRow is a buffer for a row of plain pixels. Most of a bar is plain: rows and margins are
// compared whole (memcmp), and pixels one by one only where a title's edges are.
func otherPixels(img *image.RGBA, r image.Rectangle, plain [4]byte, plainRow *[]byte) image.Rectangle {
	n := 4 * r.Dx()
	row0 := (*plainRow)[:0]
	for len(row0) < n {
		row0 = append(row0, plain[:]...)
	}
	*plainRow = row0
	want := binary.LittleEndian.Uint32(plain[:])
	first, last, top, bottom := -1, -1, -1, -1 // in bytes across r, and rows
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		row := img.Pix[off : off+n]
		changed := false
		if first < 0 {
			if string(row) == string(row0) {
				continue
			}
			for first = 0; binary.LittleEndian.Uint32(row[first:]) == want; first += 4 {
			}
			for last = n - 4; binary.LittleEndian.Uint32(row[last:]) == want; last -= 4 {
			}
			changed = true
		} else {
			if string(row[:first]) != string(row0[:first]) {
				i := 0
				for binary.LittleEndian.Uint32(row[i:]) == want {
					i += 4
				}
				first, changed = i, true
			}
			if string(row[last+4:]) != string(row0[last+4:]) {
				i := n - 4
				for binary.LittleEndian.Uint32(row[i:]) == want {
					i -= 4
				}
				last, changed = i, true
			}
			changed = changed || string(row[first:last+4]) != string(row0[first:last+4])
		}
		if changed {
			if top < 0 {
				top = y
			}
			bottom = y + 1
		}
	}
	if first < 0 {
		return image.Rectangle{}
	}
	return image.Rect(r.Min.X+first/4, top, r.Min.X+last/4+1, bottom)
}

// pixelOf is the server's pixel value for one pixel of a picture: its bytes as they are when raw
// (see Style), else converted as encode does.
func (p *Painter) pixelOf(px [4]byte, raw bool) uint32 {
	if raw {
		return binary.LittleEndian.Uint32(px[:])
	}
	pf := &p.pixel
	return pf.red.place(px[0]) | pf.green.place(px[1]) | pf.blue.place(px[2]) | pf.unusedValue
}

// Put uploads img to win with img's top-left corner at (x, y), converted to the server's pixel
// layout. Large images go in several requests, each within the server's maximum request length.
// The requests are unchecked: an error (the window is gone) arrives as an event, which the window
// manager ignores for its own windows.
func (p *Painter) Put(win xproto.Drawable, img *image.RGBA, x, y int) {
	p.put(win, img, x, y, false)
}

// put is Put, for an image already in the server's layout when raw (see Style).
func (p *Painter) put(win xproto.Drawable, img *image.RGBA, x, y int, raw bool) {
	b := img.Bounds()
	if p.err != nil || b.Empty() {
		return
	}
	// A row wider than one request holds is sent in vertical strips.
	stripW := b.Dx()
	for stripW > 1 && p.rowBytes(stripW) > p.maxBytes {
		stripW = (stripW + 1) / 2
	}
	for sx := b.Min.X; sx < b.Max.X; sx += stripW {
		w := min(stripW, b.Max.X-sx)
		rows := max(p.maxBytes/p.rowBytes(w), 1)
		for sy := b.Min.Y; sy < b.Max.Y; sy += rows {
			h := min(rows, b.Max.Y-sy)
			data := p.encode(img, image.Rect(sx, sy, sx+w, sy+h), raw)
			xproto.PutImage(p.c, xproto.ImageFormatZPixmap, win, p.gc, uint16(w), uint16(h),
				int16(x+sx-b.Min.X), int16(y+sy-b.Min.Y), 0, p.depth, data)
		}
	}
}

// rowBytes is the size of one scanline of w pixels, padded as the server wants.
func (p *Painter) rowBytes(w int) int {
	n := w * p.pixel.bytes
	return (n + p.pixel.pad - 1) / p.pixel.pad * p.pixel.pad
}

// encode converts r of img to the server's pixel layout in p's buffer,
// which stays valid until the next call (xgb copies it into the request).
// With raw, img's bytes are in that layout already (see Style): rows that
// lie one after the other in img go as they are, others are gathered.
func (p *Painter) encode(img *image.RGBA, r image.Rectangle, raw bool) []byte {
	stride := p.rowBytes(r.Dx())
	n := stride * r.Dy()
	if raw && stride == img.Stride && r.Dx()*4 == stride {
		off := img.PixOffset(r.Min.X, r.Min.Y)
		return img.Pix[off : off+n]
	}
	if cap(p.buf) < n {
		p.buf = make([]byte, n)
	}
	out := p.buf[:n]
	pf := &p.pixel
	w := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		src := img.Pix[off : off+4*w]
		dst := out[(y-r.Min.Y)*stride:]
		switch {
		case raw:
			copy(dst, src)
		case pf.bgrx:
			// A word at a time: the bar is redrawn often (a title storm).
			dst = dst[:len(src)]
			for i := 0; i+4 <= len(src); i += 4 {
				v := binary.LittleEndian.Uint32(src[i:]) // 0xAABBGGRR
				binary.LittleEndian.PutUint32(dst[i:], 0xff000000|v&0xff<<16|v&0xff00|v>>16&0xff)
			}
		case pf.xrgb:
			dst = dst[:len(src)]
			for i := 0; i+4 <= len(src); i += 4 {
				v := binary.LittleEndian.Uint32(src[i:])
				binary.BigEndian.PutUint32(dst[i:], 0xff000000|v&0xff<<16|v&0xff00|v>>16&0xff)
			}
		default:
			for i := 0; i < w; i++ {
				s := src[i*4 : i*4+4]
				v := pf.red.place(s[0]) | pf.green.place(s[1]) | pf.blue.place(s[2]) | pf.unusedValue
				putPixel(dst[i*pf.bytes:(i+1)*pf.bytes], v, pf.msbFirst)
			}
		}
	}
	return out
}

// putPixel stores v in len(d) bytes in the given byte order.
func putPixel(d []byte, v uint32, msbFirst bool) {
	for i := range d {
		shift := 8 * i
		if msbFirst {
			shift = 8 * (len(d) - 1 - i)
		}
		d[i] = byte(v >> shift)
	}
}
