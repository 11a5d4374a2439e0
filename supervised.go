package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// link is the window manager's side of its pipes to the supervisor (see supervise.go).
type link struct {
	req     *os.File
	mu      sync.Mutex // one line at a time
	restart sync.Mutex // one restart at a time
	answers chan string
	gone    chan struct{} // closed when the supervisor is gone
	// lost is called (on the reader's goroutine) when a new fion that a restart started ended
	// before it took over.
	lost func(msg string)
	// execs are the execs whose session the supervisor has not said yet, oldest first (held with
	// mu, which keeps them in the order of the lines).
	execs []pendingExec
}

// pendingExec is an exec waiting for the supervisor's "session" answer.
type pendingExec struct {
	line    string
	started func(session int)
}

// maxExecLine bounds the length of a command line exec starts, in bytes.
const maxExecLine = 1 << 20

// maxPendingExecs bounds the execs that wait for their session: the supervisor of an older fion
// (a restart keeps the supervisor and runs the fion on PATH) answers none.
const maxPendingExecs = 64

// restartWait bounds how long restart waits for the supervisor's answer: the new fion's check.
const restartWait = 30 * time.Second

// linkFromEnv opens the pipes the supervisor named in the environment; nil without them (fion
// runs as the supervisor itself then).
func linkFromEnv() (*link, error) {
	v, ok := os.LookupEnv(supervisorEnv)
	if !ok {
		return nil, nil
	}
	os.Unsetenv(supervisorEnv)
	a, b, ok := strings.Cut(v, ",")
	reqFD, err1 := strconv.Atoi(a)
	ansFD, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || reqFD < 3 || ansFD < 3 {
		return nil, fmt.Errorf("%s=%q is not two file descriptors", supervisorEnv, v)
	}
	l := &link{req: os.NewFile(uintptr(reqFD), "supervisor requests"), answers: make(chan string, 1), gone: make(chan struct{})}
	ans := os.NewFile(uintptr(ansFD), "supervisor answers")
	go func() {
		defer close(l.gone)
		lines := bufio.NewScanner(ans)
		lines.Buffer(nil, maxExecLine+64) // the answer to an exec holds its line
		for lines.Scan() {
			verb, rest, _ := strings.Cut(lines.Text(), " ")
			if verb == "session" {
				l.session(rest)
				continue
			}
			if verb != "started" {
				if msg, err := strconv.Unquote(rest); err == nil {
					rest = msg
				}
			}
			if verb == "lost" {
				if l.lost != nil {
					l.lost(rest)
				}
				continue
			}
			select {
			case l.answers <- verb + " " + rest:
			default: // nobody asked
			}
		}
	}()
	return l, nil
}

func (l *link) send(line string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.req.Write([]byte(line + "\n")); err != nil {
		return fmt.Errorf("fion's supervisor is gone (%v)", err)
	}
	return nil
}

// Ready tells the supervisor that this fion manages the display: should it crash from now on,
// the supervisor starts it again.
func (l *link) Ready() { l.send("ready") }

// Exec has the supervisor start line with sh -c, unrestricted, in a session of its own. started,
// when not nil, is called with the session's id once the supervisor says it (on the reader's
// goroutine); not at all when it cannot say.
func (l *link) Exec(line string, started func(session int)) error {
	if strings.ContainsAny(line, "\n\x00") {
		return errors.New("the command line has a newline or NUL in it; put several commands in one line with ;")
	}
	if len(line) > maxExecLine {
		return fmt.Errorf("the command line is %d bytes long, over fion's limit of %d; put the commands in a script", len(line), maxExecLine)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.req.Write([]byte("exec " + line + "\n")); err != nil {
		return fmt.Errorf("fion's supervisor is gone (%v); programs cannot be started until fion is started again", err)
	}
	if len(l.execs) == maxPendingExecs {
		l.execs = l.execs[1:]
	}
	l.execs = append(l.execs, pendingExec{line, started})
	return nil
}

// session takes the supervisor's answer to an exec, "ID LINE" or "- LINE" (no session of its
// own). The answers come in the order of the execs, but one the supervisor could not start (it
// could not fork) has none: the execs before the one answered are dropped.
func (l *link) session(answer string) {
	id, line, _ := strings.Cut(answer, " ")
	l.mu.Lock()
	i := slices.IndexFunc(l.execs, func(e pendingExec) bool { return e.line == line })
	if i < 0 {
		l.mu.Unlock()
		return
	}
	started := l.execs[i].started
	l.execs = l.execs[i+1:]
	l.mu.Unlock()
	if sid, err := strconv.Atoi(id); err == nil && sid > 0 && started != nil {
		started(sid)
	}
}

// Restart asks the supervisor to check the fion on PATH and start it in this one's place. It
// returns once the new fion passed its check and is starting, or with why not: this fion then
// goes on as it is.
func (l *link) Restart() error {
	l.restart.Lock()
	defer l.restart.Unlock()
	select {
	case <-l.answers: // a late answer to an earlier restart
	default:
	}
	if err := l.send("restart"); err != nil {
		return err
	}
	select {
	case a := <-l.answers:
		verb, msg, _ := strings.Cut(a, " ")
		if verb != "started" {
			return errors.New(msg)
		}
		return nil
	case <-l.gone:
		return errors.New("fion's supervisor is gone; restart fion by hand")
	case <-time.After(restartWait):
		return fmt.Errorf("fion's supervisor did not answer within %v; fion goes on as it is", restartWait)
	}
}
