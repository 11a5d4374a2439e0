package wm

import (
	"time"

	"fmt"
	"os"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/sandbox"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// Run parses and runs one command, as a key binding or fionctl would. Safe from any goroutine.
func (w *WM) Run(text string) error {
	if _, err := command.Parse(text); err != nil {
		return err
	}
	_, err := w.runBatch([]string{text})
	return err
}

// Run1 runs a parsed command on the loop goroutine. The error is for the user: it says what
// was wrong and what to do.
func (w *WM) Run1(cmd command.Command) error {
	if tileCommands[cmd.Name] && cmd.Arg(0) != "urgent" && cmd.Arg(0) != "float" && cmd.Arg(0) != "last" && cmd.Arg(0) != "window" {
		// These act on the focused tile, which gets the focus back, unless they fail.
		was := w.model.FloatKeys
		w.model.FocusTiles()
		err := w.run1(cmd)
		if err != nil {
			w.model.FloatKeys = was
		}
		return err
	}
	return w.run1(cmd)
}

func (w *WM) run1(cmd command.Command) error {
	m := w.model
	dir, _ := layout.ParseDir(cmd.Arg(0))
	switch cmd.Name {
	case "split":
		o := layout.Horizontal
		if cmd.Arg(0) == "down" {
			o = layout.Vertical
		}
		from := m.Tile().ID
		if !m.Split(o, w.cfg.SplitRatio) {
			return errorf("the tile is too small to split %s", cmd.Arg(0))
		}
		w.publish("tile.split", TileEvent{Tile: m.Tile().ID, From: from, Direction: cmd.Arg(0)})
	case "remove-tile":
		id := m.Tile().ID
		if err := m.RemoveTile(); err != nil {
			return err
		}
		w.publish("tile.remove", TileEvent{Tile: id, To: m.Tile().ID})
	case "resize":
		step := w.cfg.ResizeStep
		if n, ok := cmd.Number(1); ok {
			step = n
		}
		if m.Resize(dir, step) {
			w.publish("tile.resize", TileEvent{Tile: m.Tile().ID, Direction: dir.String(), Pixels: step})
		}
	case "focus":
		switch cmd.Arg(0) {
		case "next":
			m.FocusNext()
		case "prev":
			m.FocusPrev()
		case "urgent":
			c := w.oldestUrgent()
			if c == nil {
				return errorf("focus urgent: no window asks for attention")
			}
			m.ActivateClient(c.id())
		case "float":
			c, ok := m.NextFloat()
			if !ok {
				return errorf("focus float: this workspace has no floating window")
			}
			m.ActivateClient(c)
		case "tile":
			t, err := w.tileNamed(cmd.Arg(1))
			if err != nil {
				return err
			}
			m.ShowTile(t)
		case "last":
			if !m.FocusLast() {
				return errorf("focus last: no other window has had the keys yet")
			}
		case "window":
			c, err := w.managedWindow(cmd)
			if err != nil {
				return err
			}
			m.ActivateClient(c.id())
		default:
			m.Focus(dir)
		}
	case "screen":
		return w.cycle(cmd, m.ScreenNext, m.ScreenPrev, m.FocusScreen, len(m.Screens), "screen")
	case "workspace":
		if cmd.Arg(0) == "last" {
			if !m.WorkspaceLast() {
				return errorf("workspace last: this screen has shown no other workspace yet")
			}
			return nil
		}
		return w.cycle(cmd, m.WorkspaceNext, m.WorkspacePrev, m.SwitchWorkspace, len(m.Screen().Workspaces), "workspace")
	case "tab":
		return w.cycle(cmd, m.TabNext, m.TabPrev, m.TabSelect, len(m.Tile().Tabs), "tab")
	case "move-tab":
		if c, ok := m.Client(); ok && m.MoveTab(dir) {
			w.tabMoved(c)
		}
	case "move-tab-to":
		if cmd.Arg(0) == "tile" {
			t, err := w.tileNamed(cmd.Arg(1))
			if err != nil {
				return err
			}
			if c, ok := m.Client(); ok && m.MoveTabToTile(t) {
				w.tabMoved(c)
			}
			return nil
		}
		if c, ok := m.Client(); ok && m.MoveTabTo(dir) {
			w.tabMoved(c)
		}
	case "attach":
		c, err := w.managedWindow(cmd)
		if err != nil {
			return err
		}
		if cur, ok := m.Client(); ok && cur == c.id() {
			return errorf("attach: window %#x is the focused tile's active tab already", uint32(c.win))
		}
		w.attachClient(c.id(), m.Tile())
	case "swap":
		if !m.Swap(dir) {
			return errorf("swap %s: there is no tile there", dir)
		}
	case "rotate":
		return m.Rotate()
	case "equalize":
		if !m.Equalize(cmd.Arg(0) == "all") {
			return errorf("equalize: the focused tile is the only one of its workspace")
		}
	case "zoom":
		m.ZoomTile(switchArg(cmd.Arg(0), m.Zoomed()))
	case "scratchpad":
		return w.scratchpad(cmd.Arg(0), cmd.Arg(1))
	case "tile":
		if err := m.NameTile(cmd.Arg(1)); err != nil {
			return err
		}
		w.publish("tile.name", TileEvent{Tile: m.Tile().ID, Name: cmd.Arg(1)})
	case "move-tab-to-workspace":
		n, _ := cmd.Number(0)
		c, _ := m.Client()
		switch {
		case n > len(m.Screen().Workspaces):
			return w.outOfRange("workspace", n, len(m.Screen().Workspaces))
		case !m.MoveTabToWorkspace(n - 1):
			return errorf("nothing to move: the focused tile is empty or already on workspace %d", n)
		}
		w.tabMoved(c)
	case "move-workspace-to-screen":
		i := m.Current
		switch cmd.Arg(0) {
		case "next":
			i = (i + 1) % len(m.Screens)
		case "prev":
			i = (i - 1 + len(m.Screens)) % len(m.Screens)
		default:
			n, _ := cmd.Number(0)
			i = n - 1
		}
		if err := m.MoveWorkspaceToScreen(i); err != nil {
			return errorf("move-workspace-to-screen: %v", err)
		}
	case "float", "fullscreen":
		c := w.focusedClient()
		if c == nil {
			return errorf("%s: no window has the focus", cmd.Name)
		}
		if cmd.Name == "float" {
			w.setFloat(c, switchArg(cmd.Arg(0), w.floating(c) != nil))
		} else {
			m.SetFullscreen(c.id(), switchArg(cmd.Arg(0), w.fullscreen(c)))
		}
	case "close", "kill":
		if c := w.focusedClient(); c != nil {
			w.close(c, cmd.Name == "kill")
		}
	case "exec":
		if w.mode != "" {
			w.setMode("default") // the program may want the keyboard (a menu, a locker)
		}
		return w.execHere(cmd.Arg(0))
	case "mode":
		return w.setMode(cmd.Arg(0))
	case "query":
		return w.openPrompt(cmd.Arg(0) == "attach")
	case "layout":
		return w.layout(cmd)
	case "reload":
		return w.reload()
	case "restart":
		// The supervisor's check of the new fion takes a while: off the loop. (The socket waits
		// for it itself: see runBatch.)
		go func() {
			if err := w.restart(); err != nil {
				w.RestartFailed(err.Error())
			}
		}()
	case "exit":
		w.quit = true
	default:
		return errorf("command %q is not implemented", cmd.Name)
	}
	return nil
}

// tileNamed is the tile named name, or an error for the user.
func (w *WM) tileNamed(name string) (*layout.Tile, error) {
	loc, ok := w.model.TileNamed(name)
	if !ok {
		return nil, errorf("no tile is named %q; name one with \"tile name %s\"", name, name)
	}
	return loc.Tile, nil
}

// tileCommands act on the focused tile: a floating window loses the focus to it.
var tileCommands = map[string]bool{
	"split": true, "remove-tile": true, "resize": true, "focus": true, "screen": true, "tab": true,
	"move-tab": true, "move-tab-to": true, "move-tab-to-workspace": true, "tile": true,
	"attach": true, "swap": true, "rotate": true, "equalize": true, "zoom": true,
}

// switchArg reads toggle|on|off against the present state.
func switchArg(arg string, now bool) bool {
	switch arg {
	case "on":
		return true
	case "off":
		return false
	}
	return !now
}

// cycle runs the next|prev|N forms of screen, workspace and tab.
func (w *WM) cycle(cmd command.Command, next, prev func(), nth func(int) bool, count int, what string) error {
	switch cmd.Arg(0) {
	case "next":
		next()
	case "prev":
		prev()
	default:
		n, _ := cmd.Number(0)
		if !nth(n - 1) {
			return w.outOfRange(what, n, count)
		}
	}
	return nil
}

func (w *WM) outOfRange(what string, n, count int) error {
	if what == "workspace" {
		return errorf("there is no workspace %d: this screen has %d (the config's \"workspaces\" sets them)", n, count)
	}
	return errorf("there is no %s %d: there are %d", what, n, count)
}

// close asks a client to close with WM_DELETE_WINDOW when it supports that, and otherwise (or
// when kill is set) disconnects it from the server.
func (w *WM) close(c *client, kill bool) {
	if !kill && c.props.DeleteWindow {
		w.x.SendProtocol(c.win, "WM_DELETE_WINDOW", w.timestamp())
		return
	}
	xproto.KillClient(w.x.X, uint32(c.win))
}

// exec starts line with sh -c, in a session of its own: through the launcher when fion has one
// (see package sandbox), so the program gets none of fion's restrictions, else directly. started,
// when not nil, learns the session's id once it is known (from any goroutine).
func (w *WM) exec(line string, started func(session int)) error {
	if w.opts.Exec != nil {
		return w.opts.Exec(line, started)
	}
	var env []string
	if w.opts.Display != "" {
		env = append(os.Environ(), "DISPLAY="+w.opts.Display)
	}
	pid, err := sandbox.Spawn(line, env)
	if err == nil && started != nil {
		started(pid) // the session's leader: its id is the session's
	}
	return err
}

// execHere is the exec command: it starts line, and the windows of the program come to the tile
// that has the focus now (launch.go).
func (w *WM) execHere(line string) error {
	tile := w.model.Tile().ID
	x := w.launches.add(tile, time.Now())
	return w.exec(line, func(session int) {
		w.launches.started(x, session)
		w.debug.Printf("exec %q: session %d, its windows go to tile %d", line, session, tile)
	})
}

// loadConfig reads and checks the config that reload uses: the file named with -c, or the one the
// lookup finds now, or the default. It reads a file, which may take a while: it runs off the loop.
func (w *WM) loadConfig() (*config.Config, error) {
	path, found := config.Locate(w.opts.ConfigFlag)
	if !found {
		return config.Default(), nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, errorf("reload failed, keeping the running config:\n%v%s", err, w.unreadable(path))
	}
	return cfg, nil
}

// reload reads the config again, off the loop, and then uses it; on any error the running config
// stays and the error is written to standard error. (The socket reads it itself and waits for the
// result: see runBatch.)
func (w *WM) reload() error {
	w.reloadThen(nil)
	return nil
}

// reloadHold is how long a reload from a key holds the keyboard at most while its file is read.
const reloadHold = time.Second

// reloadThen is reload, calling then on the loop once the new config is in use (or has failed),
// or after reloadHold if reading takes longer: a key binding's reload holds the keyboard until
// its new grabs are in place, so that keys typed right after it reach the new bindings, but not
// for as long as a stuck file system would.
func (w *WM) reloadThen(then func()) {
	done := false
	finish := func() {
		if !done && then != nil {
			done = true
			then()
		}
	}
	if then != nil {
		time.AfterFunc(reloadHold, func() { w.post(finish) })
	}
	go func() {
		cfg, err := w.loadConfig()
		w.post(func() {
			if err != nil {
				w.log.Printf("%v", err)
			} else {
				w.useConfig(cfg)
			}
			finish()
		})
	}()
}

// useConfig makes cfg the running config.
func (w *WM) useConfig(cfg *config.Config) {
	w.setLook(cfg, w.look.bar.Font) // until the new fonts are read
	defer func() {
		for _, f := range w.model.Floats {
			if c := w.clients[xproto.Window(f.Client)]; c != nil {
				f.Border = w.floatBorder(c) // the border width may have changed
			}
		}
	}()
	w.readFontsLater(cfg)
	w.cfg = cfg
	w.ruleHits = make([]int, len(cfg.Rules)) // counted again for the rules as now written
	w.warnRules()
	w.model.Style = w.style()
	w.model.SetWorkspaceNames(cfg.Workspaces)
	held := w.mode != "" || len(w.chain) > 0
	w.chain, w.mode = nil, ""
	w.loadKeys()
	if held {
		// Only now: letting the keyboard go before the new grabs are in place would hand the
		// next chord to a client.
		w.ungrabKeyboard()
	}
	w.redrawAll()
	w.log.Printf("reloaded %s", describe(cfg))
	w.publish("config.reload", map[string]string{"path": cfg.Path})
}

// unreadable is why fion's sandbox keeps it from reading path, on a line of its own, or "".
func (w *WM) unreadable(path string) string {
	if w.opts.Unreadable == nil {
		return ""
	}
	if why := w.opts.Unreadable(path); why != "" {
		return "\n" + why
	}
	return ""
}

func describe(cfg *config.Config) string {
	if cfg.Path == "" {
		return "the default config"
	}
	return cfg.Path
}

// TileEvent is the data of the tile.* events.
type TileEvent struct {
	Tile      int     `json:"tile"`                // the new tile (split), the one removed, the one resized, the one named
	Name      string  `json:"name,omitempty"`      // name: its name; none when it was taken away
	From      int     `json:"from,omitempty"`      // split: the tile that was split
	To        int     `json:"to,omitempty"`        // remove: the tile that took its tabs
	Direction string  `json:"direction,omitempty"` // split: right|down; resize: the border's direction
	Pixels    int     `json:"pixels,omitempty"`    // resize by key
	Ratio     float64 `json:"ratio,omitempty"`     // resize by dragging: the split's new ratio
}

// TabEvent is the data of the tab.move event: where a client's tab is now.
type TabEvent struct {
	Window    uint32 `json:"window"`
	Tile      int    `json:"tile"`
	Index     int    `json:"index"` // its place in the tab bar, from 0
	Screen    string `json:"screen"`
	Workspace string `json:"workspace"`
}

func (w *WM) tabMoved(c layout.ClientID) {
	if loc, ok := w.model.Find(c); ok {
		s := w.model.Screens[loc.Screen]
		w.publish("tab.move", TabEvent{Window: uint32(c), Tile: loc.Tile.ID, Index: loc.Index, Screen: s.Name, Workspace: s.Workspaces[loc.Workspace].Name})
	}
}
