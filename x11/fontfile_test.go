package x11

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/fion-wm/fion/internal/xtest"
)

// systemFont reads one of the fonts of xtest, or skips the test when it is not installed.
func systemFont(t *testing.T, path string) *FontFile {
	t.Helper()
	f, err := ReadFontFile(xtest.Font(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// readWithin runs ReadFontFile(path) and fails the test if it does not return within 5 seconds: a
// font that blocks fion (a FIFO nobody writes) must be refused at once.
func readWithin(t *testing.T, path string) (*FontFile, error) {
	t.Helper()
	type result struct {
		f   *FontFile
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := ReadFontFile(path)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		return r.f, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("ReadFontFile(%q) did not return within 5s", path)
		return nil, nil
	}
}

// Only a regular file that holds a font and is not too big is read; everything else is refused at
// once with the reason and the fix, without being read.
func TestReadFontFileRefuses(t *testing.T) {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	fifo := path("fifo.ttf")
	xtest.StuckFIFO(t, fifo)
	for name, size := range map[string]int64{"big.ttf": MaxFontFile + 1, "huge.ttc": 1 << 30} {
		f, err := os.Create(path(name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil { // sparse: no disk space used
			t.Fatal(err)
		}
		f.Close()
	}
	if err := os.WriteFile(path("notes.ttf"), []byte("these are not the glyphs you are looking for"), 0o644); err != nil {
		t.Fatal(err)
	}
	sock, err := net.Listen("unix", path("sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()

	tests := []struct {
		path    string
		problem string
	}{
		{fifo, "is a named pipe (FIFO), not a font file; give the path of a TTF, OTF or TTC file"},
		{"/dev/zero", "is a device, not a font file; give the path of a TTF, OTF or TTC file"},
		{path("big.ttf"), "is 65 MiB, more than the 64 MiB fion reads; give a smaller font file, such as one weight of a family instead of a collection of them all"},
		{path("huge.ttc"), "is 1024 MiB, more than the 64 MiB fion reads; give a smaller font file, such as one weight of a family instead of a collection of them all"},
		{dir, "is a directory; give the path of a TTF, OTF or TTC file in it"},
		{path("missing.ttf"), `does not exist; give the path of a TTF, OTF or TTC file, or "" for the embedded Go font`},
		{path("notes.ttf"), "is not a TrueType or OpenType font (sfnt: invalid font); give the path of a TTF, OTF or TTC file"},
		{path("sock"), "is a socket, not a font file; give the path of a TTF, OTF or TTC file"},
	}
	for _, tt := range tests {
		start := time.Now()
		f, err := readWithin(t, tt.path)
		var fe *FontFileError
		if !errors.As(err, &fe) || fe.Path != tt.path || fe.Problem != tt.problem {
			t.Errorf("ReadFontFile(%q) = %v, %v;\nwant the problem %q", tt.path, f, err, tt.problem)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("ReadFontFile(%q) took %v: it read what it refuses", tt.path, d)
		}
	}
}

func TestReadFontFileColourBitmaps(t *testing.T) {
	_, err := ReadFontFile(xtest.Font(t, xtest.NotoColorEmoji))
	var fe *FontFileError
	if !errors.As(err, &fe) || !strings.HasPrefix(fe.Problem, "has colour bitmap glyphs only") || !strings.Contains(fe.Problem, "give a font with outlines") {
		t.Errorf("ReadFontFile of a colour emoji font: %v; want it refused as colour bitmaps, with the fix", err)
	}
}

func TestReadFontFile(t *testing.T) {
	dir := t.TempDir()
	goTTF := filepath.Join(dir, "go.ttf")
	if err := os.WriteFile(goTTF, goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, name := range map[string]string{"": "the built-in Go font", goTTF: goTTF} {
		f, err := ReadFontFile(path)
		if err != nil || f.Name() != name {
			t.Errorf("ReadFontFile(%q) = %v, %v; want %s", path, f, err, name)
		}
	}
	// The built-in font is read once, and a list that names it does not get it twice.
	a, _ := ReadFontFile("")
	b, _ := ReadFontFile("")
	if a.sfnt != b.sfnt {
		t.Error("the built-in font was parsed twice")
	}
	font, err := NewFont(14, a)
	if err != nil || len(font.faces) != 1 {
		t.Errorf("NewFont with the built-in font: %d faces, %v; want 1", len(font.faces), err)
	}
}
