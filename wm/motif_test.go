package wm

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
)

// feh --fullscreen on a fresh X server: it looks for the _MOTIF_WM_HINTS atom without creating it,
// and bypasses a window manager that lacks it (override-redirect). Under fion it is managed and
// covers its monitor.
func TestFehFullscreenIsManaged(t *testing.T) {
	e := start(t)
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(1, 1, color.RGBA{R: 0xff, A: 0xff})
	file := filepath.Join(t.TempDir(), "picture.png")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	feh := e.program("feh", "feh", "feh", "--fullscreen", file)
	if a, err := xproto.GetWindowAttributes(e.x, feh.Win).Reply(); err != nil || a.OverrideRedirect {
		t.Fatalf("feh's window is override-redirect (%v): it bypassed fion", err)
	}
	e.waitShown(feh, layout.Rect{W: 1280, H: 800})
}

// A floating window whose Motif hints ask for no decorations floats without fion's border; one
// that asks for all of them, or says nothing, has it.
func TestMotifHintsDecideAFloatingWindowsBorder(t *testing.T) {
	e := start(t)
	const flagDecorations, decorAll, decorBorder, decorTitle = 1 << 1, 1 << 0, 1 << 1, 1 << 3
	b := e.wm.cfg.Border
	for _, tt := range []struct {
		name   string
		motif  []uint32
		border int
	}{
		{"none", []uint32{flagDecorations, 0, 0, 0, 0}, 0},
		{"title-only", []uint32{flagDecorations, 0, decorTitle, 0, 0}, 0},
		{"all-but-border", []uint32{flagDecorations, 0, decorAll | decorBorder, 0, 0}, 0},
		{"all", []uint32{flagDecorations, 0, decorAll, 0, 0}, b},
		{"border", []uint32{flagDecorations, 0, decorBorder, 0, 0}, b},
		{"functions-only", []uint32{1, 0, 0, 0, 0}, b},
		{"short", []uint32{flagDecorations, 0}, b},
		{"unset", nil, b},
	} {
		c := e.client(tt.name, xtest.ClientOpts{Title: tt.name, Types: []string{"_NET_WM_WINDOW_TYPE_DIALOG"},
			Width: 300, Height: 200, Motif: tt.motif})
		xtest.Eventually(t, wait, func() (bool, string) {
			g, err := xproto.GetGeometry(e.x, xproto.Drawable(c.Parent())).Reply()
			ext := e.windowProp(c.Win, "_NET_FRAME_EXTENTS")
			want := []uint32{uint32(tt.border), uint32(tt.border), uint32(tt.border), uint32(tt.border)}
			return err == nil && int(g.BorderWidth) == tt.border && slices.Equal(ext, want),
				fmt.Sprintf("%s: frame border %v (%v), _NET_FRAME_EXTENTS %v, want %d", tt.name, g, err, ext, tt.border)
		})
	}
}
