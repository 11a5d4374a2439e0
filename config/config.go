// Package config owns FION's configuration file: the TOML schema, the embedded default
// (default.toml, a copy of fion.toml.example), validation that reports every mistake as
// FILE:LINE:COLUMN with the fix, and the XDG lookup of the file.
//
// It imports command (to validate the commands bound to keys) and keys (to parse chords and build
// key maps), and nothing that talks to X: the font is only checked to exist here, reading it is
// the X side's job.
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

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/keys"
)

// Colors are the colours of the screen background, tile borders and tab bars.
type Colors struct {
	Background, Border, FocusedBorder, Bar, Tab, TabText, ActiveTab, ActiveTabText,
	FocusedTab, FocusedTabText, UrgentTab, UrgentTabText Color
}

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
	SizeHints         string // "center", "top-left" or "ignore": how a tiled client's size hints are honoured
	FloatModifier     uint16 // X modifier mask held to move (button 1) or resize (button 3) a floating window
	Font              string // "" for the embedded Go font; else an existing file, "~/" and relative paths resolved
	FontSize          float64
	BarHeight         int
	Border            int
	Colors            Colors
	Keys              []Binding            // [keys], in file order
	Modes             map[string][]Binding // [modes.NAME], each in file order
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

// Load reads the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the message
		}
		return nil, &Error{File: path, Msg: "cannot read the config file: " + err.Error()}
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
