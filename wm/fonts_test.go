package wm

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/x11"
)

// writeConfig writes text as fion.toml in dir and reads it as fion does.
func writeConfig(t *testing.T, dir, text string) *config.Config {
	t.Helper()
	path := filepath.Join(dir, "fion.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// fontOf makes a font of files at size, as fion makes it from a list that works.
func fontOf(t *testing.T, size float64, paths ...string) *x11.Font {
	t.Helper()
	var files []*x11.FontFile
	for _, p := range paths {
		f, err := x11.ReadFontFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	font, err := x11.NewFont(size, files...)
	if err != nil {
		t.Fatal(err)
	}
	return font
}

// waitBarWith waits until the tab bar of c's tile shows tabs drawn with font.
func (e *env) waitBarWith(c *xtest.Client, font *x11.Font, tabs []x11.Tab) *image.RGBA {
	e.t.Helper()
	var st x11.BarStyle
	e.wm.Do(func() { st = e.wm.look.bar })
	st.Font = font
	r := e.barOf(c)
	want := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	x11.RenderBar(want, tabs, true, &st)
	xtest.Eventually(e.t, wait, func() (bool, string) {
		got := e.screenImage(e.barOf(c))
		if got.Rect != want.Rect {
			return false, fmt.Sprintf("the bar is %v, want %v", got.Rect, want.Rect)
		}
		if n := differing(want, got); n > 0 {
			return false, fmt.Sprintf("%d pixels of the bar differ from the tabs %+v drawn with the font list", n, tabs)
		}
		return true, ""
	})
	return want
}

// A title in several scripts is drawn with a list of fonts, each character from the first font
// that has an outline for it: CJK from Droid Sans Fallback, Latin and emoji from DejaVu Sans. A
// colour emoji font cannot be drawn: it is reported at its place and left out. The bar is as tall
// as the first font wants.
func TestAFontListDrawsEveryScript(t *testing.T) {
	droid, emoji, dejaVu := xtest.Font(t, xtest.DroidSansFallback), xtest.Font(t, xtest.NotoColorEmoji), xtest.Font(t, xtest.DejaVuSans)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf("font = [\n  %q,\n  %q,\n  %q,\n]\n", droid, emoji, dejaVu))
	e := startOn(t, xtest.Xvfb(t, "640x480"), cfg)
	wantErr := filepath.Join(dir, "fion.toml") + `:3:3: font: "` + emoji + `" has colour bitmap glyphs only`
	if !strings.Contains(e.stderr.String(), wantErr) {
		t.Errorf("fion's stderr lacks %q:\n%s", wantErr, e.stderr.String())
	}
	font := fontOf(t, cfg.FontSize, droid, dejaVu)
	if got, want := e.wm.barHeight(), font.Height()+6; got != want {
		t.Errorf("the bar is %d pixels high; want %d, from the first font", got, want)
	}
	const title = "中文 日本語 😀 café"
	a := e.client(title)
	drawn := e.waitBarWith(a, font, []x11.Tab{{Title: title, Active: true}})
	// That is not what the built-in font alone would draw: boxes for the CJK and the emoji.
	goOnly := image.NewRGBA(drawn.Rect)
	var st x11.BarStyle
	e.wm.Do(func() { st = e.wm.look.bar })
	st.Font = fontOf(t, cfg.FontSize, "")
	x11.RenderBar(goOnly, []x11.Tab{{Title: title, Active: true}}, true, &st)
	if slices.Equal(goOnly.Pix, drawn.Pix) {
		t.Error("the title looks as the built-in font draws it")
	}
}

// Font files that would freeze fion (a FIFO nobody writes, at start, when fion already holds the
// display), fill its memory (/dev/zero, a 1 GB file) or are no font (a folder, a text) are refused,
// each reported at its place in the config file with the fix; fion runs on with the fonts that
// work. A reload reads its fonts the same way, off the loop.
func TestBadFontFilesAreRefusedAndFionRunsOn(t *testing.T) {
	dejaVu, droid := xtest.Font(t, xtest.DejaVuSans), xtest.Font(t, xtest.DroidSansFallback)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "font.fifo")
	xtest.StuckFIFO(t, fifo)
	big := filepath.Join(dir, "big.ttf")
	if f, err := os.Create(big); err != nil {
		t.Fatal(err)
	} else {
		f.Truncate(1 << 30) // sparse
		f.Close()
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("no glyphs here"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := writeConfig(t, dir, "font = [\n  \"font.fifo\",\n  \"/dev/zero\",\n  \"big.ttf\",\n  \".\",\n  \"notes.txt\",\n  \""+dejaVu+"\",\n]\n")
	e := startOn(t, xtest.Xvfb(t, "640x480"), cfg)
	file := filepath.Join(dir, "fion.toml")
	for _, want := range []string{
		file + `:2:3: font: "font.fifo" (` + fifo + `) is a named pipe (FIFO), not a font file; give the path of a TTF, OTF or TTC file`,
		file + `:3:3: font: "/dev/zero" is a device, not a font file; give the path of a TTF, OTF or TTC file`,
		file + `:4:3: font: "big.ttf" (` + big + `) is 1024 MiB, more than the 64 MiB fion reads; give a smaller font file`,
		file + `:5:3: font: "." (` + dir + `) is a directory; give the path of a TTF, OTF or TTC file in it`,
		file + `:6:3: font: "notes.txt" (` + filepath.Join(dir, "notes.txt") + `) is not a TrueType or OpenType font (sfnt: invalid font); give the path of a TTF, OTF or TTC file`,
		"until the font list is fixed, titles are drawn with its other fonts and the built-in Go font",
	} {
		if !strings.Contains(e.stderr.String(), want) {
			t.Errorf("fion's stderr lacks\n%s\nit has:\n%s", want, e.stderr.String())
		}
	}
	a := e.client("ok 中文")
	e.waitBarWith(a, fontOf(t, cfg.FontSize, dejaVu), []x11.Tab{{Title: "ok 中文", Active: true}})

	// A reload with another list: the FIFO again, and Droid Sans Fallback for the CJK.
	e.wm.Do(func() { e.wm.opts.ConfigFlag = file })
	writeConfig(t, dir, "border = 2\nfont = [\"font.fifo\", \""+dejaVu+"\", \""+droid+"\"]\n")
	before := len(e.stderr.String())
	e.run("reload")
	e.waitBarWith(a, fontOf(t, cfg.FontSize, dejaVu, droid), []x11.Tab{{Title: "ok 中文", Active: true}})
	if got := e.stderr.String()[before:]; !strings.Contains(got, file+`:2:9: font: "font.fifo" (`+fifo+`) is a named pipe (FIFO)`) {
		t.Errorf("after the reload fion's stderr has\n%s", got)
	}
}
