package wm

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/x11"
)

// screenImage reads rectangle r of the screen as RGBA (Xvfb's depth 24: BGRX bytes).
func (e *env) screenImage(r image.Rectangle) *image.RGBA {
	e.t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	reply, err := xproto.GetImage(e.x, xproto.ImageFormatZPixmap, xproto.Drawable(e.root),
		int16(r.Min.X), int16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), 0xffffffff).Reply()
	if err != nil || len(reply.Data) < 4*r.Dx()*r.Dy() {
		e.t.Fatalf("reading %v of the screen: %v", r, err)
	}
	for i := 0; i < r.Dx()*r.Dy(); i++ {
		p := reply.Data[4*i:]
		img.SetRGBA(i%r.Dx(), i/r.Dx(), color.RGBA{p[2], p[1], p[0], 0xff})
	}
	return img
}

// barOf is the screen rectangle of the tab bar of the tile that holds c.
func (e *env) barOf(c *xtest.Client) image.Rectangle {
	b := e.placement(c).Bar
	return image.Rect(b.X, b.Y, b.X+b.W, b.Y+b.H)
}

// waitBar waits until the tab bar of c's tile shows exactly what fion's bar style draws for tabs
// in a focused tile: the titles the user should read, in their colours.
func (e *env) waitBar(c *xtest.Client, tabs []x11.Tab) {
	e.t.Helper()
	r := e.barOf(c)
	want := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	e.wm.Do(func() { x11.RenderBar(want, tabs, true, &e.wm.look.bar) })
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.screenImage(r)
		if n := differing(want, got); n > 0 {
			return false, fmt.Sprintf("%d of the %d pixels of the bar at %v differ from the tabs %+v drawn", n, r.Dx()*r.Dy(), r, tabs)
		}
		return true, ""
	})
}

func differing(a, b *image.RGBA) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
			n++
		}
	}
	return n
}

// waitTitle waits until fion has title as c's title.
func (e *env) waitTitle(c *xtest.Client, title string) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		var got string
		e.wm.Do(func() {
			if cl := e.wm.clients[c.Win]; cl != nil {
				got = cl.title()
			}
		})
		return got == title, fmt.Sprintf("title %q, want %q", got, title)
	})
}

// propType is the type of property name of win, as an atom name.
func (e *env) propType(win xproto.Window, name string) string {
	e.t.Helper()
	a, err := xproto.InternAtom(e.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	r, err := xproto.GetProperty(e.x, false, win, a.Atom, xproto.GetPropertyTypeAny, 0, 0).Reply()
	if err != nil || r.Type == 0 {
		return ""
	}
	n, err := xproto.GetAtomName(e.x, r.Type).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	return n.Name
}

// xterm -T sets WM_NAME in its locale's encoding: in C.UTF-8 COMPOUND_TEXT, where ESC - F (Greek)
// and ESC - L (Cyrillic) switch only the right half and "caf" stays ASCII; in C the UTF-8 bytes,
// typed STRING. Either way the tab shows the title as typed.
func TestXtermTitlesInTheirLocalesEncodings(t *testing.T) {
	e := start(t)
	const title = "Ελληνικά Кириллица café"
	for _, tt := range []struct{ locale, encoding string }{{"C.UTF-8", "COMPOUND_TEXT"}, {"C", "STRING"}} {
		x := e.program("xterm", "XTerm", "env", "LC_ALL="+tt.locale, "xterm", "-T", title)
		if got := e.propType(x.Win, "WM_NAME"); got != tt.encoding {
			t.Errorf("xterm in the %s locale wrote WM_NAME as %s, want %s: this test no longer covers it", tt.locale, got, tt.encoding)
		}
		e.waitTitle(x, title)
		e.waitBar(x, []x11.Tab{{Title: title, Active: true}})
		e.run("close")
		xtest.Eventually(t, wait, func() (bool, string) { return len(e.rootProp("_NET_CLIENT_LIST")) == 0, "xterm did not close" })
	}
}

var update = flag.Bool("update", false, "write the pictures of testdata/ from what fion draws now")

// waitBarPicture waits until the tab bar of c's tile shows the picture testdata/name (with -update,
// it writes what the bar shows there).
func (e *env) waitBarPicture(c *xtest.Client, name string) {
	e.t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		e.wm.Sync()
		writePNG(e.t, path, e.screenImage(e.barOf(c)))
		return
	}
	want := readPNG(e.t, path)
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.screenImage(e.barOf(c))
		if got.Rect.Size() != want.Rect.Size() {
			return false, fmt.Sprintf("the bar is %v, %s is %v", got.Rect.Size(), path, want.Rect.Size())
		}
		if n := differing(want, got); n > 0 {
			return false, fmt.Sprintf("%d pixels of the bar differ from %s", n, path)
		}
		return true, ""
	})
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func readPNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (go test ./wm -update writes it)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba
}

// A 320-pixel tile with one or two tabs looks as it did before tabs could be hidden: the pictures
// were taken then.
func TestBarsOfOneAndTwoTabsAreUnchanged(t *testing.T) {
	e := startOn(t, xtest.Xvfb(t, "322x240"), nil)
	a := e.client("xterm — ~/src/fion")
	e.waitBarPicture(a, "bar-1-tab.png")
	e.client("Mozilla Firefox — Private Browsing")
	e.waitBarPicture(a, "bar-2-tabs.png")
	e.run("split right") // the new tile takes the focus and half the width
	e.waitBarPicture(a, "bar-2-tabs-unfocused.png")
}

// barPart is a stretch of a tab bar between separators, as the screen shows it.
type barPart struct {
	x0, x1 int    // screen columns [x0, x1), separator excluded
	bg     uint32 // the colour of its top row
	text   bool   // it holds pixels of a text colour
}

// barParts reads the bar of c's tile from the screen and cuts it at the separator columns.
func (e *env) barParts(c *xtest.Client) []barPart {
	e.t.Helper()
	r := e.barOf(c)
	img := e.screenImage(r)
	col := e.wm.cfg.Colors
	at := func(x, y int) uint32 {
		p := img.RGBAAt(x, y)
		return uint32(p.R)<<16 | uint32(p.G)<<8 | uint32(p.B)
	}
	var parts []barPart
	start := 0
	for x := 0; x <= r.Dx(); x++ {
		if x < r.Dx() && at(x, 0) != uint32(col.Border) {
			continue
		}
		if x > start {
			p := barPart{x0: r.Min.X + start, x1: r.Min.X + x, bg: at(start, 0)}
			for y := 0; y < r.Dy(); y++ {
				for xx := start; xx < x; xx++ {
					switch at(xx, y) {
					case uint32(col.TabText), uint32(col.FocusedTabText):
						p.text = true
					}
				}
			}
			parts = append(parts, p)
		}
		start = x + 1
	}
	return parts
}

// click presses and releases button 1 at x, y.
func (e *env) click(x, y int) {
	e.t.Helper()
	xtest.MovePointer(e.t, e.x, x, y)
	xtest.Button(e.t, e.x, 1, true)
	xtest.Button(e.t, e.x, 1, false)
}

// Thirteen windows in a 320-pixel tile, where equal tabs would show one character each: a page of
// tabs is drawn, each with the start of its title, and a marker at the end says how many more
// there are. A click on a tab shows that tab; a click on a marker turns the page.
func TestManyTabsInANarrowTile(t *testing.T) {
	e := startOn(t, xtest.Xvfb(t, "322x240"), nil)
	names := strings.Fields("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike")
	var first *xtest.Client
	for _, n := range names {
		c := e.client(n)
		if first == nil {
			first = c
		}
	}
	e.run("tab 1")
	layoutWith := func(active int) string {
		s := slices.Clone(names)
		s[active] += "*"
		return ">T[" + strings.Join(s, " ") + "]"
	}
	tabs := func(active int) []x11.Tab {
		var ts []x11.Tab
		for i, n := range names {
			ts = append(ts, x11.Tab{Title: n, Active: i == active})
		}
		return ts
	}
	e.waitLayout(layoutWith(0))
	e.waitBar(first, tabs(0))
	col := e.wm.cfg.Colors
	parts := e.barParts(first)
	page := len(parts) - 1 // tabs, then the marker
	if page < 2 || page > 8 {
		t.Fatalf("the bar shows %d parts: %+v; want a page of several tabs and a marker", len(parts), parts)
	}
	for i, p := range parts {
		want := uint32(col.Tab)
		switch {
		case i == 0:
			want = uint32(col.FocusedTab)
		case i == page:
			want = uint32(col.Bar) // the marker
		}
		if p.bg != want || !p.text {
			t.Errorf("part %d of the bar %+v: background #%06x, want #%06x; some text: %v, want true", i, p, p.bg, want, p.text)
		}
	}
	barY := e.barOf(first).Min.Y + 2
	e.click((parts[1].x0+parts[1].x1)/2, barY)
	e.waitLayout(layoutWith(1))
	e.click((parts[page].x0+parts[page].x1)/2, barY) // the marker: the next page
	e.waitLayout(layoutWith(page))
	e.waitBar(first, tabs(page))
	parts = e.barParts(first)
	if parts[0].bg != uint32(col.Bar) || !parts[0].text || parts[1].bg != uint32(col.FocusedTab) {
		t.Errorf("after turning the page the bar shows %+v; want a marker, then the focused tab", parts)
	}
	e.click((parts[0].x0+parts[0].x1)/2, barY) // the left marker: back to the first page
	e.waitLayout(layoutWith(page - 1))
	e.waitBar(first, tabs(page-1))
}
