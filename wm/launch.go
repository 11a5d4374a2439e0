package wm

import (
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// The windows of a program started with exec go to the tile that had the focus when exec ran,
// wherever the focus is when they map (a slow program, a user who moved on meanwhile): fion
// remembers, for each exec, that tile and the session the program runs in. Every program exec
// starts is the leader of a session of its own (the supervisor's launch, sandbox.Spawn), and what
// it starts stays in it (a shell wrapper, sh -c, a double fork) unless it leaves on purpose: so a
// window whose process (_NET_WM_PID, on this host: WM_CLIENT_MACHINE) is in that session belongs
// to that exec. Finding a process's session needs no file (getsid), which fion's sandbox allows.
//
// Every window of the session that maps within execPlaceFor of the exec goes there: a splash
// screen and then the main window, a program's two windows. Later ones, and the windows of a
// program exec started without a session fion knows (no launcher to say, or no setsid), go where
// any new window goes. Where the exec place stands among the others is placeNew's (place.go).

// execPlaceFor is how long after an exec the windows of its program go to its tile.
const execPlaceFor = 30 * time.Second

// maxLaunches bounds the execs fion remembers at once (a script running exec in a loop).
const maxLaunches = 64

// launch is one exec whose windows fion places.
type launch struct {
	tile    int // the tile that had the focus, by ID
	at      time.Time
	session int // the session the program runs in; 0 until the launcher says
}

// launches are the execs of the last execPlaceFor. The launcher says a program's session from a
// goroutine of its own (supervised.go), hence the lock.
type launches struct {
	mu   sync.Mutex
	list []*launch
	keep time.Duration // how long a launch places windows; 0: execPlaceFor (tests shorten it)
}

// add remembers an exec from tile at now, and forgets those too old to place anything.
func (l *launches) add(tile int, now time.Time) *launch {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	if len(l.list) == maxLaunches {
		l.list = slices.Delete(l.list, 0, 1)
	}
	x := &launch{tile: tile, at: now}
	l.list = append(l.list, x)
	return x
}

// started notes the session x's program runs in. Safe from any goroutine.
func (l *launches) started(x *launch, session int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	x.session = session
}

// expire forgets the launches older than keep. l.mu is held.
func (l *launches) expire(now time.Time) {
	keep := l.keep
	if keep == 0 {
		keep = execPlaceFor
	}
	l.list = slices.DeleteFunc(l.list, func(x *launch) bool { return now.Sub(x.at) >= keep })
}

// tileOf is the tile of the latest exec, still placing at now, whose session process pid is in.
func (l *launches) tileOf(pid int, now time.Time) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	if len(l.list) == 0 {
		return 0, false // no getsid for the windows of programs fion did not start lately
	}
	sid, err := unix.Getsid(pid)
	if err != nil || sid <= 0 {
		return 0, false // gone already, or in another pid namespace
	}
	for i := len(l.list) - 1; i >= 0; i-- {
		if x := l.list[i]; x.session == sid {
			return x.tile, true
		}
	}
	return 0, false
}

// execTile is the tile that had the focus when exec started the program of a window with
// properties p, if it did lately and the tile is still there. A dialog goes with its parent
// instead (layout.Model.Float).
func (w *WM) execTile(p x11.ClientProps) (layout.Location, bool) {
	if p.PID <= 0 || p.TransientFor != 0 || !thisHost(p.Machine) {
		return layout.Location{}, false
	}
	id, ok := w.launches.tileOf(p.PID, time.Now())
	if !ok {
		return layout.Location{}, false
	}
	return w.model.FindTile(id)
}

// thisHost reports whether machine, a window's WM_CLIENT_MACHINE, is this host: its pid is one of
// this host's processes only then (a program over ssh -X names its own). A name with its domain
// and one without are the same host.
func thisHost(machine string) bool {
	host, err := os.Hostname()
	if err != nil || machine == "" || host == "" {
		return false
	}
	short := func(s string) string { s, _, _ = strings.Cut(s, "."); return s }
	return machine == host || (!strings.Contains(machine, ".") || !strings.Contains(host, ".")) && short(machine) == short(host)
}
