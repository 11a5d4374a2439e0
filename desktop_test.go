package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
)

// desktopFile is the session file display managers read to offer fion.
const desktopFile = "fion.desktop"

// fion.desktop is a valid desktop entry, warnings included, that runs fion.
func TestDesktopFileIsValid(t *testing.T) {
	validate := xtest.Need(t, "desktop-file-validate", "desktop-file-utils")
	out, err := exec.Command(validate, desktopFile).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("desktop-file-validate %s: %v\n%s", desktopFile, err, out)
	}
	data, err := os.ReadFile(desktopFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"Exec=fion\n", "TryExec=fion\n"} {
		if !bytes.Contains(data, []byte(line)) {
			t.Errorf("%s lacks the line %q", desktopFile, line)
		}
	}
}

// make install puts fion.desktop where display managers look, under DESTDIR and PREFIX as the rest,
// and make uninstall takes it away. It runs in a copy of what the install target needs, with
// stand-ins for the programs, so that it neither builds nor touches the source tree.
func TestMakeInstallsTheSessionFile(t *testing.T) {
	makeProgram := xtest.Need(t, "make", "make")
	src := t.TempDir()
	for _, f := range []string{"Makefile", "fion.1", "fionctl.1", desktopFile} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, prog := range []string{"fion", "fionctl"} {
		if err := os.WriteFile(filepath.Join(src, prog), []byte("#!/bin/sh\necho \"# completion $*\"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	stage := t.TempDir()
	run := func(target string) {
		t.Helper()
		// -o build: the stand-ins are the programs built.
		cmd := exec.Command(makeProgram, "-o", "build", target, "DESTDIR="+stage, "PREFIX=/usr")
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make %s: %v\n%s", target, err, out)
		}
	}
	installed := filepath.Join(stage, "usr", "share", "xsessions", desktopFile)

	run("install")
	want, _ := os.ReadFile(desktopFile)
	if got, err := os.ReadFile(installed); err != nil || !bytes.Equal(got, want) {
		t.Errorf("make install: %s is %q (%v), want a copy of %s", installed, got, err, desktopFile)
	}
	run("uninstall")
	if _, err := os.Stat(installed); !os.IsNotExist(err) {
		t.Errorf("make uninstall left %s (%v)", installed, err)
	}
}
