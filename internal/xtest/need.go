package xtest

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of program, which Debian package pkg installs. A test that cannot run
// without it is skipped on a developer's machine that lacks it, and fails in CI ($CI set), where
// scripts/deps.sh must have installed it: a test that skips there is a hole in the suite.
func Need(t testing.TB, program, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed: add the Debian package %s to scripts/deps.sh", program, pkg)
	}
	t.Skipf("%s is not installed (apt-get install %s)", program, pkg)
	return ""
}
