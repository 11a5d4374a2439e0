package ipc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// SocketPath is where the fion of an X display listens: $XDG_RUNTIME_DIR/fion/<display>.sock,
// or /tmp/fion-<uid>/<display>.sock without XDG_RUNTIME_DIR, where <display> is the DISPLAY
// value with "/" replaced by "_" (":0" gives ":0.sock").
func SocketPath(display string) (string, error) {
	if display == "" {
		return "", errors.New("DISPLAY is not set; fion names its socket after the X display: set DISPLAY (e.g. DISPLAY=:0)")
	}
	name := strings.ReplaceAll(display, "/", "_") + ".sock"
	// The XDG base directory spec says a relative path there is invalid and must be ignored.
	if runtime := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(runtime) {
		return filepath.Join(runtime, "fion", name), nil
	}
	return filepath.Join("/tmp", "fion-"+strconv.Itoa(os.Getuid()), name), nil
}

// PrepareDir makes dir ready to hold the socket: it creates it with mode 0700 if it does not
// exist, and refuses it if it is not a real folder, belongs to another user or is open to group
// or others. In a shared /tmp anyone can create /tmp/fion-<uid> first; the folder, not the
// socket, is what keeps other users out on systems without peer credentials.
func PrepareDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create the socket folder %s: %w", dir, err)
	}
	// Lstat, not Stat: a symbolic link planted in /tmp could be pointed elsewhere later.
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("cannot check the socket folder %s: %w", dir, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("the socket folder %s is a symbolic link; fion wants a real folder: remove the link", dir)
	}
	if !info.IsDir() {
		return fmt.Errorf("the socket folder %s is not a folder; remove it", dir)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("the socket folder %s belongs to uid %d, not to you (uid %d); have it removed or set XDG_RUNTIME_DIR to a folder of yours",
			dir, st.Uid, os.Getuid())
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("the socket folder %s is open to other users (mode %04o); run: chmod 700 %s", dir, perm, dir)
	}
	return nil
}
