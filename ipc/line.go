package ipc

import (
	"bufio"
	"errors"
)

// errLineTooLong is readLine's answer to a line of more than MaxLine bytes.
var errLineTooLong = errors.New("line longer than 1 MiB")

// readLine reads one line and returns it without its '\n', reusing buf's storage. It stops
// reading at MaxLine+1 bytes without a newline, so a client cannot make it hold more. At the end
// of the stream it returns what was read of an unfinished line with the error.
func readLine(r *bufio.Reader, buf []byte) ([]byte, error) {
	line := buf[:0]
	for {
		chunk, err := r.ReadSlice('\n')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		if len(line)+len(chunk) > MaxLine {
			return nil, errLineTooLong
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
