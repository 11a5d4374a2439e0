package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
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
}

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
		for lines.Scan() {
			verb, rest, _ := strings.Cut(lines.Text(), " ")
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

// Exec has the supervisor start line with sh -c, unrestricted, in a session of its own.
func (l *link) Exec(line string) error {
	if strings.ContainsAny(line, "\n\x00") {
		return errors.New("the command line has a newline or NUL in it; put several commands in one line with ;")
	}
	if err := l.send("exec " + line); err != nil {
		return fmt.Errorf("%v; programs cannot be started until fion is started again", err)
	}
	return nil
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
