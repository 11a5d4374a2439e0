package wm

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fion-wm/fion/internal/xtest"
)

// The commands the key tests do not reach, run as fionctl would run them.
func TestEveryOtherCommand(t *testing.T) {
	e := start(t)
	e.client("a")
	e.run("split right")
	e.client("b")
	e.run("split down")
	e.client("c")
	e.waitLayout("H[T[a*] V[T[b*] >T[c*]]]")
	steps := []struct{ cmd, want string }{
		{"focus prev", "H[T[a*] V[>T[b*] T[c*]]]"},
		{"focus prev", "H[>T[a*] V[T[b*] T[c*]]]"},
		{"focus prev", "H[T[a*] V[T[b*] >T[c*]]]"},
		{"focus next", "H[>T[a*] V[T[b*] T[c*]]]"},
		{"focus right", "H[T[a*] V[>T[b*] T[c*]]]"},
		{"focus down", "H[T[a*] V[T[b*] >T[c*]]]"},
		{"focus up", "H[T[a*] V[>T[b*] T[c*]]]"},
		{"focus left", "H[>T[a*] V[T[b*] T[c*]]]"},
		{"move-tab-to right", "H[T[] V[>T[b a*] T[c*]]]"},
		{"move-tab left", "H[T[] V[>T[a* b] T[c*]]]"},
		{"move-tab right", "H[T[] V[>T[b a*] T[c*]]]"},
		{"tab prev", "H[T[] V[>T[b* a] T[c*]]]"},
		{"tab 2", "H[T[] V[>T[b a*] T[c*]]]"},
		{"workspace prev", ">T[]"},
		{"workspace next", "H[T[] V[>T[b a*] T[c*]]]"},
		{"workspace 3", ">T[]"},
		{"workspace 1", "H[T[] V[>T[b a*] T[c*]]]"},
		{"screen 1", "H[T[] V[>T[b a*] T[c*]]]"},
		{"screen prev", "H[T[] V[>T[b a*] T[c*]]]"},
		{"screen next", "H[T[] V[>T[b a*] T[c*]]]"},
	}
	for _, s := range steps {
		e.run(s.cmd)
		if got := e.layout(); got != s.want {
			t.Fatalf("after %q: %s, want %s", s.cmd, got, s.want)
		}
	}
	// resize up and down move the border between b and c.
	b := e.clients["b"]
	h := rect(b).H
	e.run("resize down 30")
	e.waitShownHeight(b, h+30)
	e.run("resize up")
	e.waitShownHeight(b, h+30-e.wm.cfg.ResizeStep)
	for _, bad := range []string{"tab 7", "screen 3", "move-tab-to-workspace 9", "mode nosuch"} {
		if err := e.wm.Run(bad); err == nil {
			t.Errorf("%q succeeded", bad)
		}
	}
}

func (e *env) waitShownHeight(c *xtest.Client, h int) {
	e.t.Helper()
	xtest.Eventually(e.t, wait, func() (bool, string) {
		return rect(c).H == h, fmt.Sprintf("height %d, want %d", rect(c).H, h)
	})
}

// ICCCM 4.1.7: a Globally Active client (input false, WM_TAKE_FOCUS) gets WM_TAKE_FOCUS with a
// real timestamp and not SetInputFocus; a Locally Active one gets both.
func TestFocusModels(t *testing.T) {
	e := start(t)
	no := false
	yes := true
	global := e.client("global", xtest.ClientOpts{Title: "global", Input: &no, TakeFocus: true})
	m, err := global.WaitMessage(wait, "WM_TAKE_FOCUS")
	if err != nil {
		t.Fatal(err)
	}
	if m.Time == 0 {
		t.Fatal("WM_TAKE_FOCUS with CurrentTime")
	}
	if e.focus() == global.Win {
		t.Fatal("fion set the focus on a Globally Active client itself")
	}
	local := e.client("local", xtest.ClientOpts{Title: "local", Input: &yes, TakeFocus: true})
	if _, err := local.WaitMessage(wait, "WM_TAKE_FOCUS"); err != nil {
		t.Fatal(err)
	}
	e.waitFocus(local)
	passive := e.client("passive", xtest.ClientOpts{Title: "passive", Input: &yes})
	e.waitFocus(passive)
	none := e.client("none", xtest.ClientOpts{Title: "none", Input: &no})
	e.waitLayout(">T[global local passive none*]")
	xtest.Eventually(t, wait, func() (bool, string) {
		return e.focus() == e.wm.check, fmt.Sprintf("focus %#x, want fion's own window", e.focus())
	})
	_ = none
}

func TestExecDetachesAndReaps(t *testing.T) {
	e := start(t)
	out := filepath.Join(t.TempDir(), "session")
	e.run(fmt.Sprintf(`exec echo $$ $(cut -d' ' -f6 /proc/$$/stat) > %s.tmp && mv %s.tmp %s`, out, out, out))
	var fields []string
	xtest.Eventually(t, wait, func() (bool, string) {
		b, err := os.ReadFile(out)
		fields = strings.Fields(string(b))
		return err == nil && len(fields) == 2, fmt.Sprint(err, fields)
	})
	if fields[0] != fields[1] {
		t.Fatalf("the shell (pid %s) is in session %s, want its own", fields[0], fields[1])
	}
	for i := 0; i < 5; i++ {
		e.run("exec true")
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		z := zombies()
		return len(z) == 0, fmt.Sprint("zombie children: ", z)
	})
}

// zombies lists the children of this process that are zombies.
func zombies() []int {
	var out []int
	entries, _ := os.ReadDir("/proc")
	me := strconv.Itoa(os.Getpid())
	for _, d := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 && f[0] == "Z" && f[1] == me {
			n, _ := strconv.Atoi(d.Name())
			out = append(out, n)
		}
	}
	return out
}

// A tab bar is drawn when what it shows changed, and only then.
func TestTabBarsRedrawOnlyOnChange(t *testing.T) {
	e := start(t)
	a := e.client("a")
	e.client("b")
	e.waitLayout(">T[a b*]")
	draws := func() int {
		var n int
		e.wm.Do(func() { n = e.wm.barDraws })
		return n
	}
	before := draws()
	a.SetTitle("a") // the same title
	a.SetTitle("a")
	e.run("tab 2") // already the active tab: nothing changes
	e.wm.Sync()
	if n := draws(); n != before {
		t.Fatalf("%d redraws for nothing", n-before)
	}
	a.SetTitle("a, renamed") // a hidden tab's title is in the bar too
	e.wm.Sync()
	if n := draws(); n != before+1 {
		t.Fatalf("%d redraws after a title change, want 1", n-before)
	}
	e.run("tab 1")
	if n := draws(); n != before+2 {
		t.Fatalf("%d redraws after a tab switch, want 2 in all", n-before)
	}
}
