package xtest

import (
	"os"
	"syscall"
	"testing"
)

// System fonts the tests draw titles with; scripts/deps.sh installs their Debian packages.
const (
	DejaVuSans        = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"           // fonts-dejavu-core: Latin, symbols, emoji as outlines
	DroidSansFallback = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf" // fonts-droid-fallback: CJK, no Latin
	NotoColorEmoji    = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"         // fonts-noto-color-emoji: colour bitmaps only
)

// Font returns path, one of the fonts above, or skips the test when it is not installed.
func Font(t testing.TB, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%v: scripts/deps.sh installs the fonts the tests use", err)
	}
	return path
}

// StuckFIFO makes a FIFO at path that a writer holds open and never writes to, until the test
// ends: reading it blocks forever.
func StuckFIFO(t testing.TB, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	writer, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { writer.Close() })
}
