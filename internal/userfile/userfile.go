// Package userfile reads the files a user names in fion's configuration or command line (the
// config file, fonts) without trusting what is there: only a regular file, of bounded size, opened
// so that a FIFO or a device put at its path can neither make the reader wait nor feed it without
// end. It imports nothing of fion's.
package userfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Kind is what is wrong with a file.
type Kind int

const (
	Missing    Kind = iota // nothing at the path
	Denied                 // permission denied
	Directory              // a directory
	Pipe                   // a named pipe (FIFO)
	Device                 // a device
	Socket                 // a unix socket
	Irregular              // anything else that is not a regular file
	TooBig                 // a regular file of more than the bytes allowed
	Unreadable             // an error while opening or reading
)

// Error says why a file was not read.
type Error struct {
	Path string
	Kind Kind
	Size int64 // the file's size, for TooBig
	Max  int64 // the bytes allowed, for TooBig
	Err  error // the system's error, for Unreadable
}

// Problem says what is wrong, of the file, without its path: "is a named pipe (FIFO)".
func (e *Error) Problem() string {
	const mib = 1 << 20
	switch e.Kind {
	case Missing:
		return "does not exist"
	case Denied:
		return "cannot be read (permission denied)"
	case Directory:
		return "is a directory"
	case Pipe:
		return "is a named pipe (FIFO)"
	case Device:
		return "is a device"
	case Socket:
		return "is a socket"
	case Irregular:
		return "is not a regular file"
	case TooBig:
		if e.Max >= mib {
			return fmt.Sprintf("is %d MiB, more than the %d MiB fion reads", (e.Size+mib-1)/mib, e.Max/mib)
		}
		return fmt.Sprintf("is %d bytes, more than the %d fion reads", e.Size, e.Max)
	}
	return fmt.Sprintf("cannot be read (%v)", e.Err)
}

func (e *Error) Error() string { return fmt.Sprintf("%s %s", e.Path, e.Problem()) }

// Explain says what is wrong for the user, of the file called what ("the config file"), and what
// to do: the fix for its Kind, or other for a kind fixes has not.
func (e *Error) Explain(what string, fixes map[Kind]string, other string) string {
	fix, ok := fixes[e.Kind]
	if !ok {
		fix = other
	}
	return what + " " + e.Problem() + "; " + fix
}

// Read reads the regular file at path whole, if it has at most max bytes. The file is opened
// without blocking and checked once open, so a FIFO or a device put at path after any earlier
// check is refused, not read; the read stops at max bytes should the file grow meanwhile. Errors
// are *Error.
func Read(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Path: path, Kind: Missing}
	case errors.Is(err, fs.ErrPermission):
		return nil, &Error{Path: path, Kind: Denied}
	case errors.Is(err, syscall.ENXIO):
		return nil, &Error{Path: path, Kind: Socket}
	case err != nil:
		return nil, &Error{Path: path, Kind: Unreadable, Err: cause(err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Kind: Unreadable, Err: cause(err)}
	}
	switch mode := fi.Mode(); {
	case mode.IsDir():
		return nil, &Error{Path: path, Kind: Directory}
	case mode&fs.ModeNamedPipe != 0:
		return nil, &Error{Path: path, Kind: Pipe}
	case mode&fs.ModeDevice != 0:
		return nil, &Error{Path: path, Kind: Device}
	case mode&fs.ModeSocket != 0:
		return nil, &Error{Path: path, Kind: Socket}
	case !mode.IsRegular():
		return nil, &Error{Path: path, Kind: Irregular}
	case fi.Size() > max:
		return nil, &Error{Path: path, Kind: TooBig, Size: fi.Size(), Max: max}
	}
	var buf bytes.Buffer
	buf.Grow(int(fi.Size()))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, &Error{Path: path, Kind: Unreadable, Err: cause(err)}
	}
	if int64(buf.Len()) > max {
		return nil, &Error{Path: path, Kind: TooBig, Size: int64(buf.Len()), Max: max}
	}
	return buf.Bytes(), nil
}

// cause is what went wrong without the path, which the message already names.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
