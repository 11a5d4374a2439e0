package x11

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// While fion holds a batch, its requests without replies reach no one; Flush sends them, and any
// request with a reply sends them first, so nothing waits for a request still in fion's buffer.
func TestHeldRequests(t *testing.T) {
	srv := xtest.Xvfb(t, "640x480")
	c, err := Connect(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	watcher, err := xgb.NewConnDisplay(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(watcher.Close)
	win := newWindow(t, c)
	c.Sync()
	xproto.ChangeWindowAttributes(watcher, win, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
	events := xtest.RecordEvents(watcher)
	watcher.Sync()

	prop := func(conn *xgb.Conn, name string) string {
		r, err := xproto.GetProperty(conn, false, win, c.Atom(name), xproto.GetPropertyTypeAny, 0, 64).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return string(r.Value)
	}
	set := func(name, v string) {
		xproto.ChangeProperty(c.X, xproto.PropModeReplace, win, c.Atom(name), xproto.AtomString, 8, uint32(len(v)), []byte(v))
	}
	changed := func(name string) {
		t.Helper()
		if _, err := events.Wait(5*time.Second, func(ev xgb.Event) bool {
			p, ok := ev.(xproto.PropertyNotifyEvent)
			return ok && p.Atom == c.Atom(name)
		}); err != nil {
			t.Fatalf("%s never changed: %v", name, err)
		}
	}

	c.Hold()
	set("WM_NAME", "held")
	if got := prop(watcher, "WM_NAME"); got != "" {
		t.Fatalf("another client sees WM_NAME %q while fion holds it", got)
	}
	c.Flush()
	changed("WM_NAME")
	if got := prop(watcher, "WM_NAME"); got != "held" {
		t.Fatalf("after Flush another client sees WM_NAME %q, want %q", got, "held")
	}

	// A reply, a checked request and a timestamp taken while holding: each sends what waits.
	c.Hold()
	set("WM_NAME", "asked")
	if got := prop(c.X, "WM_NAME"); got != "asked" {
		t.Errorf("fion reads back WM_NAME %q while holding, want %q", got, "asked")
	}
	set("WM_ICON_NAME", "checked")
	if err := xproto.ChangeWindowAttributesChecked(c.X, win, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange}).Check(); err != nil {
		t.Fatal(err)
	}
	changed("WM_ICON_NAME")
	set("WM_CLASS", "stamped")
	if _, err := c.Timestamp(win); err != nil {
		t.Fatalf("no timestamp while holding: %v", err)
	}
	changed("WM_CLASS")

	// Inside Ask, requests with replies wait too, until Send; an atom named for the first time
	// there is still interned at once.
	exists := func(name string) bool {
		r, err := xproto.InternAtom(watcher, true, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return r.Atom != 0
	}
	var asked xproto.InternAtomCookie
	c.Ask(func() {
		asked = xproto.InternAtom(c.X, false, uint16(len("_FION_TEST_ASKED")), "_FION_TEST_ASKED")
	})
	if exists("_FION_TEST_ASKED") {
		t.Error("a request asked for inside Ask reached the server before Send")
	}
	c.Send()
	if r, err := asked.Reply(); err != nil || r.Atom == 0 || !exists("_FION_TEST_ASKED") {
		t.Errorf("after Send: atom %v, %v; the server has it: %v", r, err, exists("_FION_TEST_ASKED"))
	}
	named := make(chan xproto.Atom, 1)
	go c.Ask(func() { named <- c.Atom("_FION_TEST_NAMED") })
	select {
	case a := <-named:
		if a == 0 {
			t.Error("an atom named inside Ask was not interned")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("an atom named inside Ask never came: its request waited for a Send")
	}

	// More requests than xgb keeps answers pending for: it makes a round trip of its own, which
	// sends them.
	done := make(chan int, 1)
	go func() {
		var cookies []xproto.GetPropertyCookie
		c.Ask(func() {
			for range 1500 {
				cookies = append(cookies, xproto.GetProperty(c.X, false, win, c.Atom("WM_NAME"), xproto.GetPropertyTypeAny, 0, 16))
			}
		})
		c.Send()
		read := 0
		for _, ck := range cookies {
			if r, err := ck.Reply(); err == nil && string(r.Value) == "asked" {
				read++
			}
		}
		done <- read
	}()
	select {
	case n := <-done:
		if n != 1500 {
			t.Errorf("%d of 1500 replies read", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("1500 requests asked for at once: fion hangs")
	}
	c.Flush()
}

// The cookie of a display comes from the Xauthority file: an entry for this machine and that
// display, or one for any display, not another display's.
func TestAuthCookie(t *testing.T) {
	host, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	var file bytes.Buffer
	entry := func(family uint16, addr, display, name string, data []byte) {
		binary.Write(&file, binary.BigEndian, family)
		for _, f := range [][]byte{[]byte(addr), []byte(display), []byte(name), data} {
			binary.Write(&file, binary.BigEndian, uint16(len(f)))
			file.Write(f)
		}
	}
	cookie := func(b byte) []byte { return bytes.Repeat([]byte{b}, 16) }
	entry(256, host, "3", "MIT-MAGIC-COOKIE-1", cookie(3))
	entry(256, "elsewhere", "4", "MIT-MAGIC-COOKIE-1", cookie(9))
	entry(256, host, "4", "XDM-AUTHORIZATION-1", cookie(8))
	entry(256, host, "4", "MIT-MAGIC-COOKIE-1", cookie(4))
	entry(65535, "", "", "MIT-MAGIC-COOKIE-1", cookie(7))
	name := filepath.Join(t.TempDir(), "Xauthority")
	if err := os.WriteFile(name, file.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XAUTHORITY", name)
	for _, tt := range []struct {
		host, display string
		want          []byte
	}{
		{"", "3", cookie(3)},
		{"localhost", "4", cookie(4)},
		{"", "5", cookie(7)},
	} {
		if got := authCookie(tt.host, tt.display); !bytes.Equal(got, tt.want) {
			t.Errorf("cookie of %s:%s: %x, want %x", tt.host, tt.display, got, tt.want)
		}
	}
	t.Setenv("XAUTHORITY", filepath.Join(t.TempDir(), "none"))
	if got := authCookie("", "3"); got != nil {
		t.Errorf("cookie %x with no Xauthority file", got)
	}
}
