package x11

import (
	"errors"
	"fmt"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/fion-wm/fion/internal/userfile"
)

// MaxFontFile is the size of the largest font file FION reads, in bytes. Noto Sans CJK, a
// collection of every weight, is about 20 MB; a file much larger than that is no font a tab bar
// needs, and reading it would take that much memory for as long as FION runs.
const MaxFontFile = 64 << 20

// FontFile is a font read and parsed from a file, or the Go font built into FION, before it is
// given a size.
type FontFile struct {
	name string // the file, or "the built-in Go font"
	sfnt *sfnt.Font
}

// Name is the file the font was read from, or "the built-in Go font".
func (f *FontFile) Name() string { return f.name }

// builtInFont names the Go font built into FION.
const builtInFont = "the built-in Go font"

// FontFileError says why a font file cannot be used.
type FontFileError struct {
	Path    string
	Problem string // what is wrong and how to fix it, said of the file: "does not exist; give ..."
}

func (e *FontFileError) Error() string { return fmt.Sprintf("font file %q %s", e.Path, e.Problem) }

// giveFont ends a problem with its fix.
const giveFont = "give the path of a TTF, OTF or TTC file"

// ReadFontFile reads and parses the font at path, or the built-in Go font when path is "". It
// reads regular files of at most MaxFontFile bytes and nothing else, and it cannot block on what
// is not a regular file (see readFontData). Errors are *FontFileError.
func ReadFontFile(path string) (*FontFile, error) {
	if path == "" {
		return &FontFile{name: builtInFont, sfnt: goFont()}, nil
	}
	data, problem := readFontData(path)
	if problem != "" {
		return nil, &FontFileError{path, problem}
	}
	sf, err := parseFont(data)
	if err != nil {
		return nil, &FontFileError{path, fmt.Sprintf("is not a TrueType or OpenType font (%v); %s", err, giveFont)}
	}
	var buf sfnt.Buffer
	if _, err := sf.LoadGlyph(&buf, 0, fixed.I(16), nil); errors.Is(err, sfnt.ErrColoredGlyph) {
		return nil, &FontFileError{path, "has colour bitmap glyphs only (as Noto Color Emoji has), which fion cannot draw; " +
			"leave it out, and for emoji give a font with outlines, such as Symbola or DejaVu Sans"}
	}
	m, err := sf.Metrics(&buf, fixed.I(16), font.HintingNone)
	if err != nil || m.Ascent+m.Descent <= 0 {
		return nil, &FontFileError{path, "has no height (its metrics are broken); give another font"}
	}
	return &FontFile{name: path, sfnt: sf}, nil
}

// readFontData reads the font file at path whole (see package userfile: a regular file of at most
// MaxFontFile bytes, never waited on), or says what is wrong with it and how to fix it.
func readFontData(path string) (data []byte, problem string) {
	data, err := userfile.Read(path, MaxFontFile)
	var fe *userfile.Error
	if !errors.As(err, &fe) {
		return data, ""
	}
	switch fe.Kind {
	case userfile.Missing:
		return nil, fe.Problem() + `; ` + giveFont + `, or "" for the embedded Go font`
	case userfile.Denied:
		return nil, fe.Problem() + "; make it readable, or restart fion if its folder is new since fion started " +
			"(see SECURITY in fion(1))"
	case userfile.Directory:
		return nil, fe.Problem() + "; " + giveFont + " in it"
	case userfile.Pipe, userfile.Device, userfile.Socket:
		return nil, fe.Problem() + ", not a font file; " + giveFont
	case userfile.TooBig:
		return nil, fe.Problem() + "; give a smaller font file, such as one weight of a family instead of a collection of them all"
	}
	return nil, fe.Problem() + "; " + giveFont
}

// parseFont accepts a single font or a collection (.ttc, as many system CJK fonts are shipped),
// taking the collection's first font.
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
