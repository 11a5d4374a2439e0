package wm

import (
	"fmt"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/layoutfile"
)

// Saved layouts: `layout save NAME [--all]` writes the focused workspace (or every screen) to a
// file in the layouts folder (package layoutfile), `layout load NAME` gives the focused workspace
// (or every screen) the layout of one: the windows that match its tabs go there at once, and its
// tiles wait for the others (layout.Model.Load). The [[layouts]] tables of the config load layouts
// into workspaces when fion starts in a new X session. A command's file is read and written off
// the loop; what goes into it is taken on the loop, and what comes out of it is loaded there.

// layoutPath is the file of the layout called name, or an error for the user.
func (w *WM) layoutPath(name string) (string, error) {
	path, err := layoutfile.Path(w.opts.LayoutDir, name)
	if err != nil {
		return "", errorf("layout: %v", err)
	}
	return path, nil
}

// layoutToSave is the file that `layout save` writes, as the model is now, and where.
func (w *WM) layoutToSave(cmd command.Command) (path string, data []byte, err error) {
	if path, err = w.layoutPath(cmd.Arg(1)); err != nil {
		return "", nil, err
	}
	m := w.model
	f := &layoutfile.File{}
	if cmd.Arg(2) != "--all" {
		f.Plan = m.PlanOf(m.Workspace(), w.identityOf)
		return path, layoutfile.Marshal(f), nil
	}
	// Every workspace under its own screen, also one lodged on another while its monitor is away.
	at := map[string]int{}
	for _, s := range m.Screens {
		for _, ws := range s.Workspaces {
			i, ok := at[ws.Home]
			if !ok {
				i = len(f.Screens)
				at[ws.Home] = i
				f.Screens = append(f.Screens, layoutfile.Screen{Name: ws.Home})
			}
			f.Screens[i].Workspaces = append(f.Screens[i].Workspaces, layoutfile.Workspace{Name: ws.Name, Plan: m.PlanOf(ws, w.identityOf)})
		}
	}
	return path, layoutfile.Marshal(f), nil
}

// identityOf is who client c is, as a tile remembers it.
func (w *WM) identityOf(c layout.ClientID) layout.Identity {
	if cl := w.clients[xproto.Window(c)]; cl != nil {
		return identity(cl.props)
	}
	return layout.Identity{}
}

// readLayout reads the layout file called name. It may take a while: it runs off the loop.
func (w *WM) readLayout(name string) (*layoutfile.File, error) {
	path, err := w.layoutPath(name)
	if err != nil {
		return nil, err
	}
	f, err := layoutfile.Load(w.opts.LayoutDir, name)
	if err != nil {
		return nil, fmt.Errorf("layout load %s: %w%s", name, err, w.unreadable(path))
	}
	return f, nil
}

// useLayout loads f, the layout called name: into the focused workspace, or, for a layout of
// every screen, into each workspace it has by the name of its screen and its own. A screen of the
// layout whose monitor is not here takes the place of the screen at its place in the order.
func (w *WM) useLayout(name string, f *layoutfile.File) error {
	m := w.model
	if f.Plan != nil {
		m.Load([]layout.Target{{Workspace: m.Workspace(), Plan: f.Plan}}, w.identityOf)
		m.FocusTiles()
		return nil
	}
	var targets []layout.Target
	for i, s := range f.Screens {
		home := s.Name
		if !w.hasHome(home) && i < len(m.Screens) && !hasScreen(f, m.Screens[i].Name) {
			home = m.Screens[i].Name
		}
		for _, lw := range s.Workspaces {
			if ws := w.workspaceAt(home, lw.Name); ws != nil {
				targets = append(targets, layout.Target{Workspace: ws, Plan: lw.Plan})
			} else {
				w.debug.Printf("layout %s: no workspace %q of screen %s here", name, lw.Name, home)
			}
		}
	}
	if len(targets) == 0 {
		return errorf("layout load %s: none of its workspaces is here (the workspaces option names them)", name)
	}
	m.Load(targets, w.identityOf)
	m.FocusTiles()
	return nil
}

// hasHome reports whether some workspace belongs to the screen called name.
func (w *WM) hasHome(name string) bool { return w.workspaceAt(name, "") != nil }

// workspaceAt is the workspace called name (any, for "") that belongs to the screen called home,
// wherever it is lodged, or nil.
func (w *WM) workspaceAt(home, name string) *layout.Workspace {
	for _, s := range w.model.Screens {
		for _, ws := range s.Workspaces {
			if ws.Home == home && (name == "" || ws.Name == name) {
				return ws
			}
		}
	}
	return nil
}

// hasScreen reports whether layout f has a screen called name.
func hasScreen(f *layoutfile.File, name string) bool {
	for _, s := range f.Screens {
		if s.Name == name {
			return true
		}
	}
	return false
}

// layout carries out `layout save|load NAME` from the loop (a key binding): what is saved is
// taken now, and the file is written, or read and then loaded, aside. Its errors go to standard
// error. (The socket does the same and waits: see layoutAside.)
func (w *WM) layout(cmd command.Command) error {
	if cmd.Arg(0) == "save" {
		path, data, err := w.layoutToSave(cmd)
		if err != nil {
			return err
		}
		go func() {
			if err := layoutfile.Write(path, data); err != nil {
				w.post(func() { w.log.Printf("layout save %s: %v", cmd.Arg(1), err) })
			}
		}()
		return nil
	}
	name := cmd.Arg(1)
	go func() {
		f, err := w.readLayout(name)
		w.post(func() {
			if err == nil {
				err = w.useLayout(name, f)
			}
			if err != nil {
				w.log.Printf("%v", err)
			}
		})
	}()
	return nil
}

// layoutAside carries out `layout save|load NAME` for the socket, off the loop: the file is
// written or read here, and the rest runs on the loop.
func (w *WM) layoutAside(cmd command.Command) error {
	var err error
	if cmd.Arg(0) == "save" {
		var path string
		var data []byte
		w.Do(func() { path, data, err = w.layoutToSave(cmd) })
		if err == nil {
			if err = layoutfile.Write(path, data); err != nil {
				err = fmt.Errorf("layout save %s: %w", cmd.Arg(1), err)
			}
		}
		return err
	}
	f, err := w.readLayout(cmd.Arg(1))
	if err != nil {
		return err
	}
	w.Do(func() { err = w.useLayout(cmd.Arg(1), f) })
	return err
}

// startLayouts loads the layouts that the config's [[layouts]] tables give the workspaces, when
// fion starts in a new X session (no fion marked it yet: autostart.go): all together, so that each
// window goes to the best of all their tabs. It reads the files before fion takes any window, as
// it reads its config and fonts. A layout that cannot be read, or whose workspace is not there, is
// said on standard error and passed over.
func (w *WM) startLayouts() {
	if len(w.cfg.Layouts) == 0 {
		return
	}
	if started, err := w.x.SessionStarted(); err != nil || started {
		return
	}
	var targets []layout.Target
	for _, l := range w.cfg.Layouts {
		where := fmt.Sprintf("%s:%d", describe(w.cfg), l.Line)
		si := -1
		if l.Screen != "" {
			var ok bool
			if si, ok = w.screenNamed(l.Screen); !ok {
				w.log.Printf("%s: there is no screen %s now; layout %s is not loaded", where, l.Screen, l.Layout)
				continue
			}
		}
		ws, ok := w.workspaceNamed(l.Workspace, si)
		if !ok {
			w.log.Printf("%s: there is no workspace %s now; layout %s is not loaded", where, l.Workspace, l.Layout)
			continue
		}
		f, err := layoutfile.Load(w.opts.LayoutDir, l.Layout)
		switch {
		case err != nil:
			w.log.Printf("%s: layout load %s: %v", where, l.Layout, err)
		case f.Plan == nil:
			w.log.Printf("%s: layout %s holds every screen; name a layout of one workspace here, or load it with \"layout load %s\"", where, l.Layout, l.Layout)
		default:
			targets = append(targets, layout.Target{Workspace: ws, Plan: f.Plan})
		}
	}
	w.model.Load(targets, w.identityOf)
}
