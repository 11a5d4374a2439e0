package ipc

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestSocketPath(t *testing.T) {
	tmp := "/tmp/fion-" + strconv.Itoa(os.Getuid())
	tests := []struct {
		runtimeDir string // "-" means unset
		display    string
		want       string
		wantErr    string
	}{
		{"/run/user/1000", ":0", "/run/user/1000/fion/:0.sock", ""},
		{"/run/user/1000", ":1.0", "/run/user/1000/fion/:1.0.sock", ""},
		{"/run/user/1000", "localhost:10.0", "/run/user/1000/fion/localhost:10.0.sock", ""},
		{"/run/user/1000/", "/tmp/launch-x/org.xquartz:0", "/run/user/1000/fion/_tmp_launch-x_org.xquartz:0.sock", ""},
		{"-", ":0", tmp + "/:0.sock", ""},
		{"", ":0", tmp + "/:0.sock", ""},
		{"relative/dir", ":2", tmp + "/:2.sock", ""}, // the XDG spec says to ignore relative paths
		{"/run/user/1000", "", "", "DISPLAY is not set; fion names its socket after the X display: set DISPLAY (e.g. DISPLAY=:0)"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s", tt.runtimeDir, tt.display), func(t *testing.T) {
			if tt.runtimeDir == "-" {
				t.Setenv("XDG_RUNTIME_DIR", "")
				os.Unsetenv("XDG_RUNTIME_DIR")
			} else {
				t.Setenv("XDG_RUNTIME_DIR", tt.runtimeDir)
			}
			got, err := SocketPath(tt.display)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("SocketPath(%q) = %q, %v; want error %q", tt.display, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("SocketPath(%q) = %q, %v; want %q", tt.display, got, err, tt.want)
			}
		})
	}
}

func TestPrepareDirCreatesAPrivateFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fion")
	if err := PrepareDir(dir); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !info.IsDir() || info.Mode().Perm() != 0o700 {
		t.Fatalf("%s: mode %v, want a folder with mode 0700", dir, info.Mode())
	}
	if err := PrepareDir(dir); err != nil { // and accepts it the next time
		t.Fatalf("second PrepareDir: %v", err)
	}
}

func TestPrepareDirRefuses(t *testing.T) {
	base := t.TempDir()
	tests := []struct {
		name  string
		setup func(dir string) error
		want  string // with %[1]s for the folder
	}{
		{"open to others", func(dir string) error {
			if err := os.Mkdir(dir, 0o700); err != nil {
				return err
			}
			return os.Chmod(dir, 0o755)
		}, "the socket folder %[1]s is open to other users (mode 0755); run: chmod 700 %[1]s"},
		{"open to the group", func(dir string) error {
			if err := os.Mkdir(dir, 0o700); err != nil {
				return err
			}
			return os.Chmod(dir, 0o710)
		}, "the socket folder %[1]s is open to other users (mode 0710); run: chmod 700 %[1]s"},
		{"a symbolic link", func(dir string) error {
			target := dir + ".target"
			if err := os.Mkdir(target, 0o700); err != nil {
				return err
			}
			return os.Symlink(target, dir)
		}, "the socket folder %[1]s is a symbolic link; fion wants a real folder: remove the link"},
		{"a file", func(dir string) error {
			return os.WriteFile(dir, nil, 0o600)
		}, "the socket folder %[1]s is not a folder; remove it"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(base, strconv.Itoa(i))
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			err := PrepareDir(dir)
			if want := fmt.Sprintf(tt.want, dir); err == nil || err.Error() != want {
				t.Fatalf("PrepareDir: %v\nwant %s", err, want)
			}
		})
	}
}

func TestPrepareDirRefusesAFolderOfAnotherUser(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give a folder to another user")
	}
	dir := filepath.Join(t.TempDir(), "fion")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	err := PrepareDir(dir)
	want := fmt.Sprintf("the socket folder %s belongs to uid 65534, not to you (uid 0); have it removed or set XDG_RUNTIME_DIR to a folder of yours", dir)
	if err == nil || err.Error() != want {
		t.Fatalf("PrepareDir: %v\nwant %s", err, want)
	}
	// Listen must refuse it too, before it creates anything in it.
	if s, err := Listen(filepath.Join(dir, ":0.sock"), &testHandler{}, nil); err == nil || err.Error() != want {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Listen in a folder of another user: %v", err)
	}
}
