package ipc

import (
	"bufio"
	"errors"
	"fmt"
)

// LineTooLongError is ReadLine's answer to a line longer than its limit, in bytes.
type LineTooLongError struct{ Limit int }

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line longer than %d MiB", e.Limit>>20)
}

// ReadLine reads one line and returns it without its '\n', reusing buf's storage. It stops
// reading at limit+1 bytes without a newline, so the other side cannot make it hold more. At the
// end of the stream it returns what was read of an unfinished line with the error. fionctl reads
// its standard input with it too.
func ReadLine(r *bufio.Reader, buf []byte, limit int) ([]byte, error) {
	line := buf[:0]
	for {
		chunk, err := r.ReadSlice('\n')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		if len(line)+len(chunk) > limit {
			return nil, &LineTooLongError{limit}
		}
		line = append(line, chunk...)
		switch {
		case err == nil:
			return line, nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return line, err
		}
	}
}
