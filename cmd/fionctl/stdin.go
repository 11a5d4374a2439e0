package main

// `fionctl -` runs the commands of standard input, one a line. A script may feed it thousands, and
// a round trip for each line cost about 70 µs a line. So the lines already read when a request goes
// out travel in it together: one run request, which fion runs in order, stopping at the first
// command it refuses, and whose reply says which that was.
//
// One request is out at a time. More would not wait for their answers, but a line sent after a
// refused one would run, which it must not: the refused line may be the one the later lines
// needed. And with one request out, neither side can fill the socket while the other writes. The
// lines that arrive meanwhile wait in the pipe or in the reader's buffer for the next request, so
// a script that writes a line now and then still has each run as soon as it comes.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/fion-wm/fion/ipc"
)

// batchLines bounds the lines of one request: fion runs them on its loop one after the other, and
// X events wait meanwhile.
const batchLines = 256

// batchBytes bounds a request's commands, each byte counted as the 6 of the JSON escape it may
// take, so that a request stays within the protocol's line limit. A line longer than that goes
// alone, and the client refuses it if it is too long even so.
const batchBytes = ipc.MaxRequest - 4096

// stdinBuffer is how much of standard input is read at a time: lines already in the buffer join
// the request that goes out, the rest wait for the next.
const stdinBuffer = 64 << 10

// runStdin runs the lines of standard input in order over one connection, several lines a request
// as they come (see above). Blank lines and lines starting with # are skipped, so that a file of
// commands can be commented. It stops at the first command fion refuses; those after it are not
// run.
func (a *app) runStdin() error {
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	in := &stdinReader{r: bufio.NewReaderSize(a.stdin, stdinBuffer)}
	var b batch
	for in.take(&b) {
		if err := c.Run(b.commands...); err != nil {
			return b.failed(refusal(c, err))
		}
	}
	return in.err
}

// batch is the lines of one request and their numbers in standard input.
type batch struct {
	commands []string
	lines    []int
}

// failed names the line a request failed at: the one fion refused, or all of them when fion
// refused the request as a whole. When the connection failed instead, fion may have run some of
// them, and none after them: the message says so, since the script may want to run the rest again.
func (b *batch) failed(err error) error {
	first, last := b.lines[0], b.lines[len(b.lines)-1]
	var refused *ipc.ReplyError
	switch {
	case errors.As(err, &refused) && refused.Index != nil && *refused.Index >= 0 && *refused.Index < len(b.lines):
		return fmt.Errorf("standard input line %d: %v", b.lines[*refused.Index], err)
	case refused != nil && first == last:
		return fmt.Errorf("standard input line %d: %v", first, err)
	case refused != nil:
		return fmt.Errorf("standard input lines %d to %d: %v", first, last, err)
	case first == last:
		return fmt.Errorf("standard input line %d: %v; fion may have run it, and no line after it (is fion still running?)", first, err)
	}
	return fmt.Errorf("standard input lines %d to %d: %v; fion may have run some of them, and no line after them (is fion still running?)", first, last, err)
}

// endsFion tells whether a line is a command after which the connection may end (restart, exit):
// a request ends with one, so that the lines after it wait for its answer, as they always did.
func endsFion(line string) bool {
	name := line
	if i := strings.IndexFunc(line, unicode.IsSpace); i >= 0 {
		name = line[:i]
	}
	return name == "restart" || name == "exit"
}

// stdinReader gives the command lines of standard input with their numbers.
type stdinReader struct {
	r     *bufio.Reader
	n     int        // lines read so far, blank ones and comments included
	buf   []byte     // storage for the line being read
	held  *stdinLine // a line read that did not fit in the last request
	ended bool       // no more lines: err says why
	err   error      // nil at the end of input, else what went wrong
}

// stdinLine is one command and the number of its line.
type stdinLine struct {
	text string
	n    int
}

// take fills b with the next command line, waiting for it, and then with the lines that are there
// without waiting, within the bounds of a request. False when no line is left (see err).
func (s *stdinReader) take(b *batch) bool {
	b.commands, b.lines = b.commands[:0], b.lines[:0]
	size := 0
	for len(b.commands) < batchLines {
		l, ok := s.line(len(b.commands) == 0)
		if !ok {
			break
		}
		if cost := 6*len(l.text) + 3; len(b.commands) == 0 || size+cost <= batchBytes {
			size += cost
		} else {
			s.held = &l
			break
		}
		b.commands, b.lines = append(b.commands, l.text), append(b.lines, l.n)
		if endsFion(l.text) {
			break
		}
	}
	return len(b.commands) > 0
}

// line returns the next command line, skipping blank lines and comments. When wait is false it
// returns one only if it does not have to wait for input.
func (s *stdinReader) line(wait bool) (stdinLine, bool) {
	if l := s.held; l != nil {
		s.held = nil
		return *l, true
	}
	for !s.ended && (wait || s.ready()) {
		raw, err := ipc.ReadLine(s.r, s.buf, ipc.MaxRequest)
		var tooLong *ipc.LineTooLongError
		switch {
		case errors.As(err, &tooLong):
			s.ended, s.err = true, fmt.Errorf("standard input line %d is longer than 1 MiB; a command fits on a much shorter line", s.n+1)
			return stdinLine{}, false
		case errors.Is(err, io.EOF):
			s.ended = true
			if len(raw) == 0 {
				return stdinLine{}, false
			}
		case err != nil:
			s.ended, s.err = true, fmt.Errorf("reading standard input: %v", err)
			return stdinLine{}, false
		}
		s.n++
		if cap(raw) <= stdinBuffer { // a 1 MiB line's storage goes with it
			s.buf = raw
		}
		text := strings.TrimSpace(string(raw))
		if text != "" && !strings.HasPrefix(text, "#") {
			return stdinLine{text, s.n}, true
		}
	}
	return stdinLine{}, false
}

// ready tells whether a whole line is in the buffer, so that reading it does not wait for input.
func (s *stdinReader) ready() bool {
	buffered, _ := s.r.Peek(s.r.Buffered())
	return bytes.IndexByte(buffered, '\n') >= 0
}
