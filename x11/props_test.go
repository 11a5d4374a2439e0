package x11

import (
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

func TestCompoundText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\xdcber caf\xe9", "Über café"}, // Latin-1 right half, the default
		{"\x1b%G\xc3\x9cn\xc3\xafc\xc3\xb8d\xc3\xa9\x1b%@!", "Ünïcødé!"}, // a UTF-8 segment
		{"a\x1b$(B\x30\x21\x1b(Bb", "ab"},                                // JIS X 0208: left out
		{"\x1b-Aok\xe9", "oké"},
		{"\x1b%G\xff\x1b%@", "\uFFFD"},
		{"\x1b", ""},
		{"cut\x00here", "cut"},
	} {
		if got := compoundText([]byte(tt.in)); got != tt.want {
			t.Errorf("compoundText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Titles come from _NET_WM_NAME first, else WM_NAME in any of its encodings.
func TestTitles(t *testing.T) {
	srv := xtest.Xvfb(t, "640x480")
	c, err := Connect(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	win, _ := xproto.NewWindowId(c.X)
	xproto.CreateWindow(c.X, 0, win, c.Root, 0, 0, 10, 10, 0, xproto.WindowClassInputOutput, 0, 0, nil)
	set := func(prop, typ string, v string) {
		xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom(prop), c.Atom(typ), 8, uint32(len(v)), []byte(v))
	}
	for _, tt := range []struct {
		typ, value, want string
	}{
		{"STRING", "na\xefve", "naïve"},
		{"COMPOUND_TEXT", "\x1b%G\xe2\x9c\x93 done\x1b%@", "✓ done"},
		{"UTF8_STRING", "résumé", "résumé"},
	} {
		set("WM_NAME", tt.typ, tt.value)
		if got := c.RequestTitle(win).Read(); got != tt.want {
			t.Errorf("WM_NAME as %s %q: title %q, want %q", tt.typ, tt.value, got, tt.want)
		}
	}
	set("_NET_WM_NAME", "UTF8_STRING", "from _NET_WM_NAME")
	if got := c.RequestTitle(win).Read(); got != "from _NET_WM_NAME" {
		t.Errorf("title %q, want _NET_WM_NAME's", got)
	}
	if got := c.RequestProps(win).Read().Title; got != "from _NET_WM_NAME" {
		t.Errorf("props title %q", got)
	}
}
