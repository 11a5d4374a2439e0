package xtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Screenshot saves the root window of display as a PNG at path, using xwd
// and ImageMagick's convert. It reports a failure without stopping the test,
// so it can be used while a test is already failing.
func Screenshot(t testing.TB, display, path string) {
	t.Helper()
	if err := screenshot(display, path); err != nil {
		t.Errorf("screenshot of %s: %v", display, err)
	}
}

// ScreenshotOnFailure registers a cleanup that, if the test failed, saves a
// screenshot of display in $FION_TEST_ARTIFACTS (default: the system temp
// directory) and logs where. Register it after starting the server, so it
// runs before the server is closed.
func ScreenshotOnFailure(t testing.TB, display string) {
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		dir := os.Getenv("FION_TEST_ARTIFACTS")
		if dir == "" {
			dir = os.TempDir()
		}
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".png"
		path := filepath.Join(dir, name)
		if err := screenshot(display, path); err != nil {
			t.Logf("no screenshot of the failure: %v", err)
			return
		}
		t.Logf("screenshot of the failure: %s", path)
	})
}

func screenshot(display, path string) error {
	var xwdOut, stderr bytes.Buffer
	xwd := exec.Command("xwd", "-root", "-silent", "-display", display)
	xwd.Stdout, xwd.Stderr = &xwdOut, &stderr
	if err := xwd.Run(); err != nil {
		return fmt.Errorf("xwd: %v: %s", err, stderr.String())
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	stderr.Reset()
	convert := exec.Command("convert", "xwd:-", "png:"+path)
	convert.Stdin, convert.Stderr = &xwdOut, &stderr
	if err := convert.Run(); err != nil {
		return fmt.Errorf("convert: %v: %s", err, stderr.String())
	}
	return nil
}
