package wm

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fion-wm/fion/internal/xtest"
)

// polybarConfig is a bar with an xworkspaces module that keeps to its monitor and writes the
// active desktop in brackets, the others bare.
const polybarConfig = `[bar/test]
monitor = ${env:MONITOR}
width = 100%
height = 20
modules-left = ws

[module/ws]
type = internal/xworkspaces
pin-workspaces = true
label-active = [%name%]
label-occupied = %name%
label-empty = %name%
`

// polybar runs polybar on monitor with --stdout, which prints what the bar shows instead of
// drawing it, one line per change, and returns those lines with the formatting tags removed.
func (e *env) polybar(monitor string) <-chan string {
	e.t.Helper()
	dir := e.t.TempDir()
	config := filepath.Join(dir, "config.ini")
	if err := os.WriteFile(config, []byte(polybarConfig), 0o600); err != nil {
		e.t.Fatal(err)
	}
	cmd := exec.Command(xtest.Need(e.t, "polybar", "polybar"), "--stdout", "-c", config, "test")
	cmd.Env = append(e.srv.Env(), "MONITOR="+monitor, "HOME="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	tags := regexp.MustCompile(`%\{[^}]*\}`)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- strings.Join(strings.Fields(tags.ReplaceAllString(sc.Text(), " ")), " ")
		}
	}()
	return lines
}

// waitPolybar waits until polybar's last line is want.
func (e *env) waitPolybar(lines <-chan string, want string) {
	e.t.Helper()
	deadline := time.After(3 * wait)
	last := ""
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				e.t.Fatalf("polybar stopped; it last showed %q, want %q", last, want)
			}
			if last = l; l == want {
				return
			}
		case <-deadline:
			e.t.Fatalf("polybar shows %q, want %q", last, want)
		}
	}
}

// polybar, one bar per monitor with pin-workspaces: each bar shows its own screen's workspaces,
// named SCREEN:WORKSPACE, and marks the current desktop when it is on its screen.
func TestPolybarShowsEachScreensWorkspacesOnItsBar(t *testing.T) {
	srv := xtest.Xvfb(t, "2304x800")
	for _, args := range [][]string{
		{"--setmonitor", "left", "1280/338x800/211+0+0", "screen"},
		{"--setmonitor", "right", "1024/270x768/203+1280+0", "none"},
	} {
		cmd := exec.Command("xrandr", args...)
		cmd.Env = srv.Env()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("xrandr %v: %v\n%s", args, err, out)
		}
	}
	e := startOn(t, srv, nil)
	e.waitScreens("left 1280x800+0+0; right 1024x768+1280+0; ")
	xtest.MovePointer(t, e.x, 100, 100)
	e.waitScreen(0)
	left, right := e.polybar("left"), e.polybar("right")
	e.waitPolybar(left, "[left:1] left:2 left:3 left:4")
	e.waitPolybar(right, "right:1 right:2 right:3 right:4")
	e.press("Mod4+period") // the keys to the right screen
	e.press("Mod4+3")
	e.waitPolybar(right, "right:1 right:2 [right:3] right:4")
	e.waitPolybar(left, "left:1 left:2 left:3 left:4")
	if got := fmt.Sprint(e.rootProp("_NET_DESKTOP_VIEWPORT")); got != "[0 0 0 0 0 0 0 0 1280 0 1280 0 1280 0 1280 0]" {
		t.Errorf("_NET_DESKTOP_VIEWPORT = %s, want each desktop's screen corner", got)
	}
}
