// Package querybench measures, from outside as a user's X client sees it, how quickly a window
// manager's find-a-window prompt (fion's query goto) shows on the screen: from the key that opens
// it to its first drawing, and from each typed character to the redrawn list. It is for
// cmd/fionbench, which measures fion as the user's clients see it, and imports nothing of FION.
//
// A drawing is seen by reading the prompt's rectangle of the screen with GetImage until it differs
// from what it showed before the key, so each time includes up to one GetImage round trip more
// than the window manager took (a fraction of a millisecond for a bar on Xvfb).
package querybench

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
)

// Result is one measurement.
type Result struct {
	Open time.Duration   // from the opening chord to the prompt's first drawing
	Keys []time.Duration // from each typed character to the redrawn list
}

// Keysyms of the modifier keys a chord may hold.
const (
	SuperL = 0xffeb
	ShiftL = 0xffe1
)

// Measure presses the chord of the modifier keys mods (keysyms such as SuperL) and key (a
// keysym: 'g' for Mod4+g) through XTEST on c, waits for region of the root window (the tab bar the
// prompt draws in: see BarAbove) to change, then types text (lower-case letters, digits and
// spaces) one character at a time, waiting for the region to change after each. Each wait gives
// up after timeout.
func Measure(c *xgb.Conn, region image.Rectangle, mods []uint32, key uint32, text string, timeout time.Duration) (Result, error) {
	var res Result
	if err := xtest.Init(c); err != nil {
		return res, fmt.Errorf("XTEST: %w", err)
	}
	m, err := readKeyboard(c)
	if err != nil {
		return res, err
	}
	var modCodes []xproto.Keycode
	for _, sym := range mods {
		code, ok := m[sym]
		if !ok {
			return res, fmt.Errorf("no key types the modifier keysym %#x", sym)
		}
		modCodes = append(modCodes, code)
	}
	codes := []xproto.Keycode{}
	for _, r := range text {
		code, ok := m[uint32(r)]
		if !ok || r < 0x20 || r > 0x7e {
			return res, fmt.Errorf("no key types %q on the first level: type lower-case letters, digits and spaces", r)
		}
		codes = append(codes, code)
	}
	keyCode, ok := m[key]
	if !ok {
		return res, fmt.Errorf("no key types the keysym %#x", key)
	}
	if res.Open, err = timeKey(c, region, modCodes, keyCode, timeout); err != nil {
		return res, fmt.Errorf("the prompt did not show: %w", err)
	}
	for i, code := range codes {
		d, err := timeKey(c, region, nil, code, timeout)
		if err != nil {
			return res, fmt.Errorf("typed character %d (%q): the list was not drawn again: %w", i+1, []rune(text)[i], err)
		}
		res.Keys = append(res.Keys, d)
	}
	return res, nil
}

// timeKey presses and releases key with the keys mods held, and returns how long region took to
// change from the moment the press was sent.
func timeKey(c *xgb.Conn, region image.Rectangle, mods []xproto.Keycode, key xproto.Keycode, timeout time.Duration) (time.Duration, error) {
	before, err := grab(c, region)
	if err != nil {
		return 0, err
	}
	root := xproto.Setup(c).DefaultScreen(c).Root
	for _, m := range mods {
		xtest.FakeInput(c, xproto.KeyPress, byte(m), 0, root, 0, 0, 0)
	}
	start := time.Now()
	xtest.FakeInput(c, xproto.KeyPress, byte(key), 0, root, 0, 0, 0)
	xtest.FakeInput(c, xproto.KeyRelease, byte(key), 0, root, 0, 0, 0)
	for i := len(mods) - 1; i >= 0; i-- {
		xtest.FakeInput(c, xproto.KeyRelease, byte(mods[i]), 0, root, 0, 0, 0)
	}
	for {
		now, err := grab(c, region)
		if err != nil {
			return 0, err
		}
		if !bytes.Equal(now, before) {
			return time.Since(start), nil
		}
		if time.Since(start) > timeout {
			return 0, fmt.Errorf("%v of the screen did not change within %v", region, timeout)
		}
	}
}

// grab reads region of the root window.
func grab(c *xgb.Conn, r image.Rectangle) ([]byte, error) {
	root := xproto.Setup(c).DefaultScreen(c).Root
	reply, err := xproto.GetImage(c, xproto.ImageFormatZPixmap, xproto.Drawable(root),
		int16(r.Min.X), int16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), 0xffffffff).Reply()
	if err != nil {
		return nil, fmt.Errorf("reading %v of the screen: %w", r, err)
	}
	return reply.Data, nil
}

// readKeyboard maps each keysym on the first level of a key to that key.
func readKeyboard(c *xgb.Conn) (map[uint32]xproto.Keycode, error) {
	setup := xproto.Setup(c)
	first, count := setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode)+1
	r, err := xproto.GetKeyboardMapping(c, first, count).Reply()
	if err != nil {
		return nil, fmt.Errorf("reading the keyboard mapping: %w", err)
	}
	per := int(r.KeysymsPerKeycode)
	m := map[uint32]xproto.Keycode{}
	for i := 0; per > 0 && (i+1)*per <= len(r.Keysyms); i++ {
		sym := uint32(r.Keysyms[i*per])
		if _, seen := m[sym]; sym != 0 && !seen {
			m[sym] = first + xproto.Keycode(i)
		}
	}
	return m, nil
}

// BarAbove is the rectangle of the root window between the top of win's parent (a tiling window
// manager's frame) and the top of win: the tab bar over a tiled window.
func BarAbove(c *xgb.Conn, win xproto.Window) (image.Rectangle, error) {
	tree, err := xproto.QueryTree(c, win).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("finding the frame of %#x: %w", win, err)
	}
	if tree.Parent == tree.Root {
		return image.Rectangle{}, errors.New("the window has no frame: no window manager reparented it")
	}
	frame, err1 := xproto.GetGeometry(c, xproto.Drawable(tree.Parent)).Reply()
	inner, err2 := xproto.GetGeometry(c, xproto.Drawable(win)).Reply()
	at, err3 := xproto.TranslateCoordinates(c, tree.Parent, tree.Root, 0, 0).Reply()
	if err := errors.Join(err1, err2, err3); err != nil {
		return image.Rectangle{}, fmt.Errorf("reading where %#x and its frame are: %w", win, err)
	}
	x, y := int(at.DstX), int(at.DstY)
	return image.Rect(x, y, x+int(frame.Width), y+int(inner.Y)), nil
}
