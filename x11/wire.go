package x11

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/jezek/xgb"
)

// wire is the socket to the X server as xgb sees it. xgb writes every request with a write of its
// own and reads every event and reply with reads of their own; a window that maps and goes costs
// fion about fifty requests. wire reads through a buffer, and while the loop handles a batch
// (Hold) it keeps requests that have no reply in a buffer, sent all at once when the batch is done
// (Flush). A request that has a reply, or that is not known to have none, sends what waits and
// itself at once: whoever sent it is about to wait for its answer (xgb's Check and its own round
// trips send GetInputFocus, which has one).
type wire struct {
	net.Conn
	in *bufio.Reader

	mu    sync.Mutex
	hold  bool
	early bool // hold the requests with replies too: the caller sends them before it waits
	out   []byte
	err   error // the write that failed, for the next Write
}

func newWire(c net.Conn) *wire { return &wire{Conn: c, in: bufio.NewReaderSize(c, 16<<10)} }

func (w *wire) Read(p []byte) (int, error) { return w.in.Read(p) }

// voidRequests are the core requests fion sends that have no reply, by major opcode.
var voidRequests = [256]bool{
	1: true, 2: true, 4: true, 6: true, 7: true, 8: true, 10: true, 12: true, // windows
	18: true, 19: true, 25: true, // properties, SendEvent
	27: true, 28: true, 29: true, 32: true, 33: true, 34: true, 35: true, 42: true, // grabs, focus
	53: true, 54: true, 55: true, 56: true, 60: true, 61: true, 62: true, 70: true, 72: true, // drawing
	113: true, // KillClient
}

// getInputFocus is never held: xgb's own round trips send it and wait (Check, Sync, and a round
// trip when a thousand requests wait for their answers, which a burst of new windows' property
// requests reaches).
const getInputFocus = 43

func (w *wire) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return 0, w.err
	}
	if w.hold && len(p) > 0 && (voidRequests[p[0]] || w.early && p[0] != getInputFocus) && len(w.out)+len(p) <= 64<<10 {
		w.out = append(w.out, p...)
		return len(p), nil
	}
	if len(w.out) > 0 {
		w.out = append(w.out, p...)
		return len(p), w.flush()
	}
	return w.Conn.Write(p)
}

// Hold keeps the requests without replies until Flush.
func (w *wire) Hold() {
	w.mu.Lock()
	w.hold = true
	w.mu.Unlock()
}

// Flush sends what waits and writes every request at once again.
func (w *wire) Flush() {
	w.mu.Lock()
	w.hold = false
	w.flush()
	w.mu.Unlock()
}

// Early holds the requests f sends, those with replies too.
func (w *wire) Early(f func()) {
	w.mu.Lock()
	w.early = true
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.early = false
		w.mu.Unlock()
	}()
	f()
}

// Send sends what waits, and keeps holding.
func (w *wire) Send() {
	w.mu.Lock()
	w.flush()
	w.mu.Unlock()
}

func (w *wire) flush() error {
	if len(w.out) == 0 {
		return nil
	}
	_, err := w.Conn.Write(w.out)
	w.out = w.out[:0]
	if cap(w.out) > 256<<10 {
		w.out = nil
	}
	if err != nil {
		w.err = err
		w.Conn.Close() // xgb's reader sees the connection is gone
	}
	return err
}

func (w *wire) Close() error {
	w.Flush()
	return w.Conn.Close()
}

// dial connects to display ("" means $DISPLAY) as xgb.NewConnDisplay does, over a wire: the
// forms ":N.S", "unix:N", "/path/to/socket:N" and "host:N" (TCP port 6000+N), and the
// MIT-MAGIC-COOKIE-1 of $XAUTHORITY (or ~/.Xauthority) for that display, when there is one.
func dial(display string) (*xgb.Conn, *wire, error) {
	if display == "" {
		display = os.Getenv("DISPLAY")
	}
	colon := strings.LastIndex(display, ":")
	if colon < 0 {
		return nil, nil, fmt.Errorf("bad display name %q: it has no \":NUMBER\"", display)
	}
	host, num := display[:colon], display[colon+1:]
	screen := 0
	if dot := strings.LastIndex(num, "."); dot >= 0 {
		s, err := strconv.Atoi(num[dot+1:])
		if err != nil || s < 0 {
			return nil, nil, fmt.Errorf("bad display name %q: bad screen number", display)
		}
		num, screen = num[:dot], s
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return nil, nil, fmt.Errorf("bad display name %q: bad display number", display)
	}
	var nc net.Conn
	switch {
	case strings.HasPrefix(host, "/"):
		nc, err = net.Dial("unix", display[:colon]+":"+num)
		host = ""
	case host == "" || host == "unix":
		nc, err = net.Dial("unix", "/tmp/.X11-unix/X"+num)
		host = ""
	default:
		proto := "tcp"
		if slash := strings.LastIndex(host, "/"); slash >= 0 {
			proto, host = host[:slash], host[slash+1:]
		}
		nc, err = net.Dial(proto, net.JoinHostPort(host, strconv.Itoa(6000+n)))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot connect to %s: %w", display, err)
	}
	wr := newWire(nc)
	var xc *xgb.Conn
	if cookie := authCookie(host, num); cookie != nil {
		xc, err = xgb.NewConnNetWithCookieHex(wr, hex.EncodeToString(cookie))
	} else {
		xc, err = xgb.NewConnNet(wr)
	}
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	xc.DisplayNumber, xc.DefaultScreen = n, screen
	return xc, wr, nil
}

// authCookie is the MIT-MAGIC-COOKIE-1 the Xauthority file holds for display num of host (""
// for this machine), or nil.
func authCookie(host, num string) []byte {
	if host == "" || host == "localhost" {
		host, _ = os.Hostname()
	}
	name := os.Getenv("XAUTHORITY")
	if name == "" {
		home := os.Getenv("HOME")
		if home == "" {
			return nil
		}
		name = home + "/.Xauthority"
	}
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	r := bufio.NewReader(f)
	const familyLocal, familyWild = 256, 65535
	for {
		var family uint16
		if binary.Read(r, binary.BigEndian, &family) != nil {
			return nil
		}
		var fields [4][]byte // address, display number, auth name, auth data
		for i := range fields {
			b, err := authField(r)
			if err != nil {
				return nil
			}
			fields[i] = b
		}
		addrOK := family == familyWild || family == familyLocal && string(fields[0]) == host
		dispOK := len(fields[1]) == 0 || string(fields[1]) == num
		if addrOK && dispOK && string(fields[2]) == "MIT-MAGIC-COOKIE-1" && len(fields[3]) == 16 {
			return fields[3]
		}
	}
}

func authField(r io.Reader) ([]byte, error) {
	var n uint16
	if err := binary.Read(r, binary.BigEndian, &n); err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, errors.Join(err, io.ErrUnexpectedEOF)
	}
	return b, nil
}
