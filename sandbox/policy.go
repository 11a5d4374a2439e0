package sandbox

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Policy is what fion may still do on files once it has restricted itself.
type Policy struct {
	// Folders are folders in which fion may read every file, now or later: its config folders
	// and the font folders.
	Folders []string
	// Files are single files fion may read: the config file and font it was started with.
	Files []string
	// Remove are folders in which fion may remove files: its socket's, to remove the socket when
	// it leaves.
	Remove []string
	// Write are folders in which fion may read, create, write, replace and remove files (not
	// folders): its saved layouts'.
	Write []string
}

// A rule holds the file or folder that was at its path when fion restricted itself, not the path:
// a file replaced since (as an editor saves by writing a new file and renaming it over the old
// one), or a folder removed and made again, is another one, which fion may not read.
type grant struct {
	path string      // as the policy named it
	real string      // with symbolic links resolved
	info os.FileInfo // what was there
}

// Sandbox is what fion restricted itself to; it tells why a file cannot be read (Unreadable).
// A nil Sandbox restricts nothing.
type Sandbox struct {
	folders, files []grant
}

// newSandbox records what the policy's paths are now. A path that does not exist, one named
// twice, or a file that is not a regular one (a fifo or a device, which would block or never
// end when read), is left out.
func newSandbox(p Policy) *Sandbox {
	s := &Sandbox{}
	seen := map[string]bool{}
	for _, dir := range append(slices.Clone(p.Folders), p.Write...) {
		if g, ok := grantOf(dir); ok && g.info.IsDir() && !seen[g.real] {
			s.folders = append(s.folders, g)
			seen[g.real] = true
		}
	}
	for _, file := range p.Files {
		if g, ok := grantOf(file); ok && g.info.Mode().IsRegular() && !seen[g.real] {
			s.files = append(s.files, g)
			seen[g.real] = true
		}
	}
	return s
}

func grantOf(path string) (grant, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return grant{}, false
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return grant{}, false
	}
	info, err := os.Stat(real)
	if err != nil {
		return grant{}, false
	}
	return grant{path: abs, real: real, info: info}, true
}

func paths(gs []grant) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.path)
	}
	return out
}

// Unreadable says why fion, restricted, cannot read the file at path and what to do about it,
// or "" when it can read it or its restrictions are not the reason.
func (s *Sandbox) Unreadable(path string) string {
	if s == nil || path == "" {
		return ""
	}
	f, err := os.Open(path)
	if err == nil {
		f.Close()
		return ""
	}
	if !errors.Is(err, fs.ErrPermission) {
		return ""
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = abs
	}
	info, statErr := os.Stat(real)
	for _, g := range s.files {
		if g.real != real {
			continue
		}
		if statErr == nil && os.SameFile(info, g.info) {
			return "" // the file's own permissions are the reason
		}
		return fmt.Sprintf("%s has been replaced by a new file since fion started (as editors do that save to a new file and rename it over the old one), "+
			"and fion may read only the file it started with; restart fion to read it, or have your editor save in place (in vim: set backupcopy=yes)", path)
	}
	for _, g := range s.folders {
		rel, err := filepath.Rel(g.real, real)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if now, err := os.Stat(g.real); err == nil && os.SameFile(now, g.info) {
			return ""
		}
		return fmt.Sprintf("fion may read the files in %s, but the folder was removed and made again since fion started, and the new one is not the one it may read; restart fion to read %s",
			g.path, path)
	}
	started := ""
	if len(s.files) > 0 {
		started = " (" + strings.Join(paths(s.files), ", ") + ")"
	}
	return fmt.Sprintf("fion may read only the files in %s and the files it started with%s; %s is elsewhere: "+
		"move it into one of those folders, or restart fion to read it where it is",
		strings.Join(paths(s.folders), ", "), started, path)
}
