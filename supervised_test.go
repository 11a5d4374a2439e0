package main

import (
	"os"
	"strings"
	"testing"
)

// The supervisor's answers to exec name the session of each program, in the order of the execs;
// one it could not start has none, one without setsid has "-", and a stray one is ignored.
func TestSessionAnswersFindTheirExecs(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	go func() { // the supervisor reads the lines
		buf := make([]byte, 4096)
		for {
			if _, err := r.Read(buf); err != nil {
				return
			}
		}
	}()
	l := &link{req: w}
	got := map[string]int{}
	exec := func(line string) {
		t.Helper()
		if err := l.Exec(line, func(session int) { got[line] = session }); err != nil {
			t.Fatal(err)
		}
	}
	for _, line := range []string{"xterm", "firefox", "xterm", "sh -c 'a b'", "st"} {
		exec(line)
	}
	// The first xterm could not be started: the answers go on with firefox.
	for _, answer := range []string{"12 firefox", "13 xterm", "14 nothing-of-fion's", "- sh -c 'a b'", "15 st"} {
		l.session(answer)
	}
	want := map[string]int{"firefox": 12, "xterm": 13, "st": 15}
	if len(got) != len(want) {
		t.Errorf("sessions %v, want %v", got, want)
	}
	for line, id := range want {
		if got[line] != id {
			t.Errorf("%s: session %d, want %d (all: %v)", line, got[line], id, got)
		}
	}
	if len(l.execs) != 0 {
		t.Errorf("%d execs still wait for their session, want none", len(l.execs))
	}
	if err := l.Exec(strings.Repeat("a", maxExecLine+1), nil); err == nil || !strings.Contains(err.Error(), "put the commands in a script") {
		t.Errorf("a command line over the limit: %v", err)
	}
}
