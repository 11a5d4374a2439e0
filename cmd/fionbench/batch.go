package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// batchSpec is how a WM's client runs many commands in one process, as a script does.
type batchSpec struct {
	label string // as the report names it
	// args and input are the client's arguments and standard input for n commands, given the
	// run's private directory.
	args func(dir string, n int) (args []string, input string)
}

// batchResult is what the batch measured: one client process running n commands, timed whole
// (fork to wait), reps times.
type batchResult struct {
	Client   string    `json:"client"`
	Commands int       `json:"commands"`
	Samples  []float64 `json:"samples_ms"`
	// PerCommandUS is the median whole process divided by the commands, in microseconds; the
	// process's own start (about a millisecond) is in it, as it is for the script.
	PerCommandUS num `json:"per_command_us"`
}

// fionBatch feeds fionctl - n lines of a command that changes nothing with the one window there
// is: "workspace 1" shows the workspace already shown.
var fionBatch = batchSpec{
	label: `fionctl - (one "workspace 1" per line)`,
	args: func(_ string, n int) ([]string, string) {
		return []string{"-"}, strings.Repeat("workspace 1\n", n)
	},
}

// i3Batch gives i3-msg n nop commands separated by ";", which i3-msg sends as one request.
var i3Batch = batchSpec{
	label: `i3-msg "nop; nop; ..." (one request)`,
	args: func(dir string, n int) ([]string, string) {
		return []string{"-s", i3Socket(dir), strings.TrimSuffix(strings.Repeat("nop; ", n), "; ")}, ""
	},
}

// batch times the WM's client running n commands in one process, reps times; the first run,
// untimed, must succeed.
func batch(ctx context.Context, s *session, b batchSpec, n, reps int) (batchResult, error) {
	res := batchResult{Client: b.label, Commands: n}
	args, input := b.args(s.dir, n)
	cr := s.control(args...)
	if cr == nil {
		return res, fmt.Errorf("no control client to run %s", b.label)
	}
	in := filepath.Join(s.dir, "batch.in")
	if err := os.WriteFile(in, []byte(input), 0o600); err != nil {
		return res, err
	}
	if _, err := cr.runInput(ctx, in, true); err != nil {
		return res, err
	}
	for range reps {
		d, err := cr.runInput(ctx, in, false)
		if err != nil {
			return res, err
		}
		res.Samples = append(res.Samples, float64(d.Nanoseconds())/1e6)
	}
	res.PerCommandUS = num(median(res.Samples) * 1000 / float64(n))
	return res, nil
}

// runInput runs the client once with standard input from the file in, and returns how long it
// took from fork to wait. Its output goes to /dev/null, or with show to the error, when it
// fails. It is killed after clientTimeout.
func (cr clientRun) runInput(ctx context.Context, in string, show bool) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, clientTimeout)
	defer cancel()
	stdin, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer stdin.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer null.Close()
	cmd := exec.CommandContext(ctx, cr.program, cr.args...)
	cmd.Env = cr.env
	cmd.Stdin = stdin
	var said strings.Builder
	var out io.Writer = null
	if show {
		out = &said
	}
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err = cmd.Run()
	d := time.Since(start)
	if err != nil {
		text := strings.TrimSpace(said.String())
		if len(text) > logTail {
			text = text[:logTail] + "..."
		}
		return d, fmt.Errorf("%s: %v; it said: %s", cr.short(), err, text)
	}
	return d, nil
}

// short is the command as a shell would show it, with long arguments cut.
func (cr clientRun) short() string {
	words := []string{cr.program}
	for _, a := range cr.args {
		if len(a) > 40 {
			a = a[:40] + "..."
		}
		words = append(words, a)
	}
	return strings.Join(words, " ")
}
