package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// step is one action of the scripted demo: press a chord, or open an
// xterm titled launch that shows the output of show. Either way it may
// then wait for a window titled wait to be visible.
type step struct {
	keys   string // an xdotool chord such as "super+s"
	launch string
	show   string
	wait   string
}

// demoSteps build two tiles side by side on the first head, split the right
// one, put two tabs in its lower half, then cross to the second head and
// open a terminal there with FION's own Super+Return binding.
var demoSteps = []step{
	{launch: "main.go", show: "head -n 60 main.go"},
	{keys: "super+s"}, // split right: the new tile gets focus
	{launch: "bindings", show: `grep '^"Mod4' fion.toml.example`},
	{keys: "super+v"}, // split down
	{launch: "files", show: "ls -l"},
	{launch: "go", show: "go version; go env GOOS GOARCH GOVERSION"},
	{keys: "super+n"},                     // next tab
	{keys: "super+l"},                     // no tile to the right: the second head
	{keys: "super+Return", wait: "xterm"}, // "exec xterm"
	{keys: "super+v"},
	{launch: "fion -h", show: "./fion -h"},
}

// xtermResources make every xterm of the demo, including the one FION
// starts, look alike, and keep shells from retitling them: windows are
// found by title.
const xtermResources = `XTerm*background: #1d2021
XTerm*foreground: #d5c4a1
XTerm*cursorColor: #d5c4a1
XTerm*scrollBar: false
XTerm*allowTitleOps: false
`

// script performs demoSteps and saves a screenshot of the Xephyr to path.
func (s *session) script(ctx context.Context, path string) error {
	if err := s.run(ctx, []string{"xrdb", "-merge", "-"}, xtermResources); err != nil {
		fmt.Fprintln(os.Stderr, "demo: xterm colours not set:", err)
	}
	for _, st := range demoSteps {
		if err := s.do(ctx, st); err != nil {
			return err
		}
	}
	return s.screenshot(ctx, path)
}

func (s *session) do(ctx context.Context, st step) error {
	if st.keys != "" {
		if err := s.run(ctx, []string{"xdotool", "key", st.keys}, ""); err != nil {
			return err
		}
	}
	wait := st.wait
	if st.launch != "" {
		// The shell keeps the window open after printing.
		shell := st.show + "; exec sleep infinity"
		if _, err := s.start("xterm "+st.launch, []string{"xterm", "-T", st.launch, "-e", "sh", "-c", shell}, true); err != nil {
			return err
		}
		wait = st.launch
	}
	if wait == "" {
		return nil
	}
	// xdotool polls for the window itself; its run is bounded by our timeout.
	name := "^" + regexp.QuoteMeta(wait) + "$"
	if err := s.run(ctx, []string{"xdotool", "search", "--sync", "--onlyvisible", "--name", name}, ""); err != nil {
		return fmt.Errorf("window %q never became visible: %w%s", wait, err, s.outputOf("xterm "+wait))
	}
	return nil
}

// outputOf returns what the program called name printed, if anything.
func (s *session) outputOf(name string) string {
	for _, p := range s.procs {
		if p.name == name && p.out != nil && p.out.String() != "" {
			return "\n--- " + name + " output ---\n" + p.out.String()
		}
	}
	return ""
}

// run runs a short program against the Xephyr, bounded by the timeout.
func (s *session) run(ctx context.Context, argv []string, stdin string) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = s.xephyr.Env()
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("%s: no result after %v", strings.Join(argv, " "), s.timeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
	return nil
}

// screenshot saves the Xephyr's root as a PNG once what is drawn has
// settled: xterms draw their text a moment after they are mapped, and no
// event tells us when, so it waits for two identical captures in a row.
func (s *session) screenshot(ctx context.Context, path string) error {
	var last []byte
	settled := func() (bool, error) {
		img, err := s.capture(ctx)
		if err != nil {
			return false, err
		}
		same := bytes.Equal(img, last)
		last = img
		return same, nil
	}
	if err := s.poll(ctx, "the screen to settle", settled); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	convert := exec.CommandContext(ctx, "convert", "xwd:-", "png:"+path)
	convert.Stdin = bytes.NewReader(last)
	if out, err := convert.CombinedOutput(); err != nil {
		return fmt.Errorf("convert xwd to %s: %v\n%s", path, err, out)
	}
	return nil
}

// capture returns an xwd dump of the Xephyr's root window.
func (s *session) capture(ctx context.Context) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	var stderr bytes.Buffer
	xwd := exec.CommandContext(ctx, "xwd", "-root", "-silent", "-display", s.xephyr.Display)
	xwd.Stderr = &stderr
	img, err := xwd.Output()
	if err != nil {
		return nil, fmt.Errorf("xwd: %v: %s", err, stderr.String())
	}
	return img, nil
}
