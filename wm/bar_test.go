package wm

import (
	"fmt"
	"image"
	"image/color"
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
