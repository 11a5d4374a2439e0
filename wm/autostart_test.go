package wm

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/internal/xtest"
)

// launcher stands for fion's supervisor: it keeps the command lines fion asks it to start.
type launcher struct {
	mu    sync.Mutex
	lines []string
	err   error // what starting a line returns
}

func (l *launcher) exec(line string, _ func(session int)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
	return l.err
}

func (l *launcher) started() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.lines)
}

// autostartConfig is the default config with the autostart commands lines.
func autostartConfig(lines ...string) *config.Config {
	cfg := config.Default()
	cfg.Autostart = lines
	return cfg
}

// The first fion of an X session runs the autostart commands, in order, through the launcher,
// and marks the session; the next fion of the session (here one that replaces it) runs none, until
// the user deletes the mark.
func TestAutostartRunsInTheFirstFionOfASessionOnly(t *testing.T) {
	srv := xtest.Xvfb(t, "1280x800")
	cfg := autostartConfig("polybar main", "nm-applet")
	first := &launcher{}
	e := startOpts(t, srv, Options{Config: cfg, Exec: first.exec})
	e.wm.Sync() // the loop has begun: the commands were handed over before
	if got := first.started(); !slices.Equal(got, cfg.Autostart) {
		t.Errorf("the first fion of the session started %q, want %q", got, cfg.Autostart)
	}
	if mark := e.rootProp("_FION_SESSION"); !slices.Equal(mark, []uint32{1}) {
		t.Errorf("_FION_SESSION = %v, want [1]", mark)
	}

	second := &launcher{}
	e = e.replacedByWith(Options{Config: cfg, Exec: second.exec})
	if got := second.started(); len(got) != 0 {
		t.Errorf("the second fion of the session started %q", got)
	}

	// As xprop -root -remove _FION_SESSION does.
	if err := xproto.DeletePropertyChecked(e.x, e.root, e.atom("_FION_SESSION")).Check(); err != nil {
		t.Fatal(err)
	}
	third := &launcher{}
	e.replacedByWith(Options{Config: cfg, Exec: third.exec})
	if got := third.started(); !slices.Equal(got, cfg.Autostart) {
		t.Errorf("after _FION_SESSION was deleted, the next fion started %q, want %q", got, cfg.Autostart)
	}
}

// atom interns name on the test's connection.
func (e *env) atom(name string) xproto.Atom {
	e.t.Helper()
	r, err := xproto.InternAtom(e.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		e.t.Fatal(err)
	}
	return r.Atom
}

// Any program may write _FION_SESSION: whatever it holds, fion reads none of it, runs no
// autostart command and leaves it as it is.
func TestAHostileSessionMarkIsOnlyAMark(t *testing.T) {
	for _, tt := range []struct {
		name   string
		typ    xproto.Atom
		format byte
		value  []byte
	}{
		{"text", xproto.AtomString, 8, []byte("no")},
		{"a zero", xproto.AtomCardinal, 32, []byte{0, 0, 0, 0}},
		{"a 16-bit odd length", xproto.AtomInteger, 16, []byte{1, 2, 3, 4, 5, 6}},
		{"empty", xproto.AtomCardinal, 32, nil},
		{"256 KB", xproto.AtomString, 8, []byte(strings.Repeat("x", 256<<10-32))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := xtest.Xvfb(t, "640x480")
			conn := xtest.Conn(t, srv.Display)
			root := xproto.Setup(conn).DefaultScreen(conn).Root
			a, err := xproto.InternAtom(conn, false, 13, "_FION_SESSION").Reply()
			if err != nil {
				t.Fatal(err)
			}
			unit := int(tt.format / 8)
			if err := xproto.ChangePropertyChecked(conn, xproto.PropModeReplace, root, a.Atom, tt.typ, tt.format,
				uint32(len(tt.value)/unit), tt.value).Check(); err != nil {
				t.Fatal(err)
			}
			l := &launcher{}
			e := startOpts(t, srv, Options{Config: autostartConfig("polybar main"), Exec: l.exec})
			e.client("a") // fion runs
			if got := l.started(); len(got) != 0 {
				t.Errorf("fion started %q", got)
			}
			r, err := xproto.GetProperty(conn, false, root, a.Atom, xproto.GetPropertyTypeAny, 0, 1<<16).Reply()
			if err != nil || r.Type != tt.typ || r.Format != tt.format || string(r.Value) != string(tt.value) {
				t.Errorf("_FION_SESSION was changed: %+v, %v", r, err)
			}
		})
	}
}

// An autostart command that cannot be started is said, with the command, and the others start.
func TestAnAutostartCommandThatCannotStartIsSaid(t *testing.T) {
	l := &launcher{err: errors.New("fion's supervisor is gone")}
	e := startOpts(t, xtest.Xvfb(t, "640x480"), Options{Config: autostartConfig("polybar main", "nm-applet"), Exec: l.exec})
	e.client("a")
	if got := l.started(); !slices.Equal(got, []string{"polybar main", "nm-applet"}) {
		t.Errorf("fion started %q", got)
	}
	for _, want := range []string{`fion: autostart "polybar main": fion's supervisor is gone`, `fion: autostart "nm-applet": fion's supervisor is gone`} {
		if !strings.Contains(e.stderr.String(), want) {
			t.Errorf("fion said:\n%s\nwant %q", e.stderr.String(), want)
		}
	}
}
