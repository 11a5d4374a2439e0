// Package config owns FION's configuration file: the TOML schema, the embedded default
// (default.toml, a copy of fion.toml.example), validation that reports every mistake as
// FILE:LINE:COLUMN with the fix, and the XDG lookup of the file.
//
// It imports command (to validate the commands bound to keys), keys (to parse chords and build
// key maps), layout (for what a tile name may be) and layoutfile (for what a layout's name may
// be), and nothing that talks to X. Font files are not opened here: reading them is the X
// side's job, and Config.FontError places what it finds wrong with one in the config file.
//
// An option the file leaves out keeps its default. [keys] replaces the default bindings as a
// whole when present; so do the [modes.NAME] tables, together.
package config

//go:generate cp ../fion.toml.example default.toml

import (
	_ "embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/internal/userfile"
	"github.com/fion-wm/fion/keys"
)

// Colors are the colours of the screen background, tile borders and tab bars.
type Colors struct {
	Background, Border, FocusedBorder, Bar, Tab, TabText, ActiveTab, ActiveTabText,
	FocusedTab, FocusedTabText, UrgentTab, UrgentTabText Color
}

// Font is one font of the font option.
type Font struct {
	Path      string // the file, "~/" and relative paths resolved; "" for the embedded Go font
	Written   string // the path as the config file wrote it
	Line, Col int    // where it was written
}

// MaxFonts bounds the font list.
const MaxFonts = 8

// Binding is one "CHORD" = "COMMAND" line.
type Binding struct {
	Keys    []keys.Chord
	Text    string // the key text as written ("Mod4+a k")
	Command command.Command
	Line    int // where it was written (0 for none)
}

// Config is one validated configuration.
type Config struct {
	Path              string // the file read; "" for the embedded default
	Workspaces        []string
	SplitRatio        float64
	ResizeStep        int
	FocusFollowsMouse bool
	FocusOnActivate   bool   // a program's _NET_ACTIVE_WINDOW focuses its window, rather than marking it urgent
	WarpPointer       bool   // the pointer follows the keyboard to another screen
	RememberPlaces    bool   // a window closed in a tile comes back to it when its program starts again
	SizeHints         string // "center", "top-left" or "ignore": how a tiled client's size hints are honoured
	FloatModifier     uint16 // X modifier mask held to move (button 1) or resize (button 3) a floating window
	Fonts             []Font // tried in order for each character, the embedded Go font after them
	FontSize          float64
	BarHeight         int
	Border            int
	Colors            Colors
	Autostart         []string             // command lines run once per X session, in order
	Keys              []Binding            // [keys], in file order
	Modes             map[string][]Binding // [modes.NAME], each in file order
	Rules             []Rule               // [[rules]], in file order
	Layouts           []WorkspaceLayout    // [[layouts]], in file order
}

//go:embed default.toml
var defaultText string

// DefaultText returns the embedded default config, which is fion.toml.example.
func DefaultText() []byte { return []byte(defaultText) }

// Default returns the embedded default config.
func Default() *Config {
	c, err := parse("", DefaultText(), &Config{})
	if err != nil { // TestDefault keeps this from happening
		panic("config: the embedded default.toml is invalid:\n" + err.Error())
	}
	return c
}

// Parse reads a config from data; file names it in errors and resolves a relative font path.
// On mistakes the error is Errors holding every one found, or a single *Error when the text is
// not TOML at all.
func Parse(file string, data []byte) (*Config, error) {
	return parse(file, data, Default())
}

// MaxFile is the size of the largest config file fion reads, in bytes: a thousand bindings take
// some 40 KB.
const MaxFile = 1 << 20

// Load reads the config file at path: a regular file of at most MaxFile bytes, which cannot make
// fion wait (see package userfile).
func Load(path string) (*Config, error) {
	data, err := userfile.Read(path, MaxFile)
	var fe *userfile.Error
	if errors.As(err, &fe) {
		return nil, &Error{File: path, Msg: fe.Explain("the config file", map[userfile.Kind]string{
			userfile.Denied:     "make it readable, or restart fion if it is new since fion started (see SECURITY in fion(1))",
			userfile.TooBig:     "a config file needs far less; check that this is the file you meant",
			userfile.Unreadable: "check the file",
		}, "give the path of a TOML file")}
	}
	return Parse(path, data)
}

// Locate finds the config file: flag (from -c) when set, else $XDG_CONFIG_HOME/fion/fion.toml,
// else ~/.config/fion/fion.toml. ok is false when there is none and the default is to be used.
// A -c path is returned as given even if it does not exist, so that Load reports it.
func Locate(flag string) (path string, ok bool) {
	if flag != "" {
		return flag, true
	}
	for _, dir := range Folders() {
		p := filepath.Join(dir, "fion.toml")
		// A file that exists but cannot be read is still the user's: Load reports why.
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			return p, true
		}
	}
	return "", false
}

// FontError is the mistake of font i of the list, whose file cannot be used for the reason given
// in problem ("does not exist; give the path ..."), at its place in the config file.
func (c *Config) FontError(i int, problem string) *Error {
	f := c.Fonts[i]
	shown := strconv.Quote(f.Written)
	if f.Path != f.Written {
		shown += " (" + f.Path + ")"
	}
	return &Error{File: fileName(c.Path), Line: f.Line, Col: f.Col, Msg: "font: " + shown + " " + problem}
}

// fileName is how errors name the config file at path.
func fileName(path string) string {
	if path == "" {
		return "(default)"
	}
	return path
}

// Folders are the folders Locate looks in for fion.toml, in order: $XDG_CONFIG_HOME/fion, then
// ~/.config/fion.
func Folders() []string {
	var dirs []string
	if x := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(x) { // the spec says to ignore a relative one
		dirs = append(dirs, filepath.Join(x, "fion"))
	}
	if home := os.Getenv("HOME"); home != "" {
		dirs = append(dirs, filepath.Join(home, ".config", "fion"))
	}
	return dirs
}

// Map returns the [keys] bindings as a key map.
func (c *Config) Map() (*keys.Map, error) {
	m := keys.NewMap()
	for _, b := range c.Keys {
		if err := m.Add(b.Keys, b.Command.String()); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// ModeMap returns the bindings of mode name as a key map, and false when there is no such mode.
// A binding Parse would have rejected (a duplicate or conflicting chord) is left out.
func (c *Config) ModeMap(name string) (*keys.Map, bool) {
	bs, ok := c.Modes[name]
	if !ok {
		return nil, false
	}
	m := keys.NewMap()
	for _, b := range bs {
		_ = m.Add(b.Keys, b.Command.String())
	}
	return m, true
}
