// Package layoutfile reads and writes saved layouts: the JSON files that `layout save NAME`
// writes and `layout load NAME` reads, in the layouts folder ($XDG_DATA_HOME/fion/layouts, else
// ~/.local/share/fion/layouts). A file holds a workspace's split tree (or, saved with --all, the
// workspaces of every screen): splits and their ratios, tile names, and for each tab the identity
// of the window meant for it. People write them by hand too, so the format is small, has
// defaults, and every mistake is reported as FILE:LINE:COLUMN with the fix (LAYOUT FILES in
// fion(1)).
//
// It turns files into layout.Plan values and back, and knows nothing of X; loading a plan into the
// model is layout.Model.Load. It imports layout and the internal helpers, nothing else of fion's.
package layoutfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fion-wm/fion/internal/userfile"
	"github.com/fion-wm/fion/layout"
)

// File is what a layout file holds: one workspace's plan, or (saved with --all) screens.
type File struct {
	Plan    *layout.Plan // a workspace's layout; nil when the file holds Screens
	Screens []Screen
}

// Screen is one screen of a file saved with --all: its monitor's name and its workspaces.
type Screen struct {
	Name       string
	Workspaces []Workspace
}

// Workspace is one workspace of a Screen, by name.
type Workspace struct {
	Name string
	Plan *layout.Plan
}

// Limits on a file, so that reading one costs bounded time and memory.
const (
	MaxFile       = 1 << 20 // bytes
	maxDepth      = 32      // splits from a workspace's root to a tile, as in fion's own saved state
	maxTiles      = 4096    // in the whole file
	maxTabs       = 4096    // in the whole file
	maxScreens    = 16
	maxWorkspaces = 64 // per screen
	maxNameBytes  = 64 // of a layout, screen or workspace name
	maxField      = 256
)

// Folder is where the layouts are: $XDG_DATA_HOME/fion/layouts when XDG_DATA_HOME is an absolute
// path, else ~/.local/share/fion/layouts; "" without a home.
func Folder() string {
	if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "fion", "layouts")
	}
	if home := os.Getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "share", "fion", "layouts")
	}
	return ""
}

// CheckName says what is wrong with name as the name of a layout, or nil: the file is NAME.json
// in the layouts folder, so a name is 1 to 64 bytes of UTF-8 with no slash, space or control
// character, and does not start with a dot.
func CheckName(name string) error {
	switch {
	case name == "":
		return errors.New("a layout needs a name, such as \"code\"")
	case len(name) > maxNameBytes:
		return fmt.Errorf("layout name %.20q... is %d bytes long; give a name of at most %d", name, len(name), maxNameBytes)
	case !utf8.ValidString(name):
		return fmt.Errorf("layout name %q is not UTF-8", name)
	case strings.HasPrefix(name, "."):
		return fmt.Errorf("layout name %q starts with a dot; give a name that starts with a letter or digit", name)
	case strings.HasSuffix(name, ".json"):
		return fmt.Errorf("layout name %q ends in .json, which fion adds itself; give it as %q", name, strings.TrimSuffix(name, ".json"))
	case strings.ContainsFunc(name, func(r rune) bool { return r == '/' || unicode.IsSpace(r) || unicode.IsControl(r) }):
		return fmt.Errorf("layout name %q has a slash, a space or a control character; a name is the file's name in the layouts folder: use - or _ instead", name)
	}
	return nil
}

// Path is the file of the layout called name in folder dir.
func Path(dir, name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	if dir == "" {
		return "", errors.New("fion has no layouts folder: set HOME or XDG_DATA_HOME")
	}
	return filepath.Join(dir, name+".json"), nil
}

// Read reads and checks the layout file at path: a regular file of at most MaxFile bytes, which
// cannot make fion wait (see package userfile). Its mistakes are Errors; a file that cannot be
// read is one *Error that says why and what to do.
func Read(path string) (*File, error) { return read(path, "give the path of a layout file") }

// Load reads and checks the layout called name in folder dir, as Read does.
func Load(dir, name string) (*File, error) {
	path, err := Path(dir, name)
	if err != nil {
		return nil, err
	}
	return read(path, "save one with \"layout save "+name+"\", or write it (LAYOUT FILES in fion(1))")
}

// read is Read, with the fix for a file that does not exist.
func read(path, missing string) (*File, error) {
	data, err := userfile.Read(path, MaxFile)
	var fe *userfile.Error
	if errors.As(err, &fe) {
		return nil, &Error{File: path, Msg: fe.Explain("the layout", map[userfile.Kind]string{
			userfile.Missing:    missing,
			userfile.Denied:     "make it readable; fion may read only the layouts folder (SECURITY in fion(1))",
			userfile.TooBig:     "a layout needs far less; check that this is the file you meant",
			userfile.Unreadable: "check the file",
		}, "give the path of a layout file")}
	}
	return Parse(path, data)
}

// Write writes data, a layout file, to path: to a new file in the same folder first, then renamed
// over path, so that a crash leaves the old file or the new one, never half of one. It makes the
// folder (mode 0700) when it is missing.
func Write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return writeError(path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return writeError(path, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return writeError(path, err)
	}
	if d, err := os.Open(dir); err == nil { // the rename lasts through a crash of the system too
		d.Sync()
		d.Close()
	}
	return nil
}

// writeError says why path could not be written, and what to do.
func writeError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	fix := "check the folder"
	if errors.Is(err, os.ErrPermission) {
		fix = "fion may write only in its layouts folder, as it was when fion started (SECURITY in fion(1)); restart fion if you made it since"
	}
	return fmt.Errorf("cannot write the layout %s (%w); %s", path, err, fix)
}
