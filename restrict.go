package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/layoutfile"
	"github.com/fion-wm/fion/sandbox"
)

// restrict takes from fion, once it runs, every privilege but reading its config and fonts,
// writing its saved layouts and removing its socket (SECURITY in fion.1, package sandbox), and
// says on stderr what it could not do. socketDir is the socket's folder; "" without a socket. The sandbox it returns explains
// reload's errors.
func restrict(cfg *config.Config, flagPath, socketDir string, stderr io.Writer) *sandbox.Sandbox {
	p, notes := policy(cfg, flagPath, socketDir)
	for _, note := range notes {
		fmt.Fprintf(stderr, "fion: %s\n", note)
	}
	box, err := sandbox.Restrict(p)
	if err != nil {
		fmt.Fprintf(stderr, "fion: could not restrict itself fully: %v\n", err)
	}
	return box
}

// policy is what fion may read, write and remove once restricted:
//
//   - its config folders, whole (fion.1 tells the user to put fion.toml there and reload), or with
//     -c, that file alone (its folder too when it is one of them): the folder of a file named on
//     the command line may be $HOME;
//   - the config file and the font it started with, alone (symbolic links followed);
//   - the system font folders and the user's, whole: they hold fonts;
//   - in its socket's folder, removing the socket when it leaves;
//   - in its layouts folder, reading, writing and replacing files (layout save, layout load).
//
// Rules hold what exists when fion restricts itself, so fion makes its config folders, the
// user's font folder and its layouts folder when they are missing (mode 0700): a fion.toml or a
// font put there later is read on reload, and a layout saved. What it could not make is returned
// as notes for the user.
func policy(cfg *config.Config, flagPath, socketDir string) (sandbox.Policy, []string) {
	var p sandbox.Policy
	var notes []string
	made := func(dir, what string) bool {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				notes = append(notes, fmt.Sprintf("cannot create %s (%v); fion will %s only after a restart", dir, err, what))
				return false
			}
		}
		return true
	}
	ensure := func(dir string) {
		if made(dir, "read what is put there") {
			p.Folders = append(p.Folders, dir)
		}
	}
	if flagPath == "" {
		for _, dir := range config.Folders() {
			ensure(dir)
		}
	} else {
		p.Files = append(p.Files, flagPath)
		if dir := filepath.Dir(absolute(flagPath)); slices.Contains(config.Folders(), dir) {
			p.Folders = append(p.Folders, dir) // fion -c ~/.config/fion/fion.toml
		}
	}
	files := []string{cfg.Path}
	for _, f := range cfg.Fonts {
		files = append(files, f.Path)
	}
	for _, file := range files {
		if file != "" {
			p.Files = append(p.Files, file)
		}
	}
	p.Folders = append(p.Folders, "/usr/share/fonts", "/usr/local/share/fonts")
	if dir := userFontFolder(); dir != "" {
		ensure(dir)
	}
	if home := os.Getenv("HOME"); home != "" {
		p.Folders = append(p.Folders, filepath.Join(home, ".fonts")) // the old place, when it exists
	}
	if socketDir != "" {
		p.Remove = append(p.Remove, socketDir)
	}
	if dir := layoutfile.Folder(); dir != "" && made(dir, "save and load layouts there") {
		p.Write = append(p.Write, dir)
	}
	return p, notes
}

// absolute is path made absolute, or path when that fails.
func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// userFontFolder is where fontconfig looks for the user's fonts: $XDG_DATA_HOME/fonts, else
// ~/.local/share/fonts; "" without a home.
func userFontFolder() string {
	if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "fonts")
	}
	if home := os.Getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "share", "fonts")
	}
	return ""
}
