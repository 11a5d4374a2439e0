package wm

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/ipc"
)

// Handle answers a request from the control socket (package ipc calls it on its connection
// goroutines). Everything that touches state runs on the loop, through Do.
func (w *WM) Handle(req ipc.Request) ipc.Reply {
	reply := ipc.Reply{V: ipc.Version, ID: req.ID}
	var result any
	var err error
	switch req.Type {
	case "run":
		var index int
		index, err = w.runBatch(req.Commands)
		if err != nil {
			reply.Index = &index
		}
		result = map[string]int{"ran": index}
	case "query":
		w.Do(func() { result, err = w.query(req.What) })
	case "sync":
		w.Sync()
		result = struct{}{}
	default:
		err = fmt.Errorf("bad request: unknown request type %q", req.Type)
	}
	if err != nil {
		reply.Error = err.Error()
		return reply
	}
	data, err := json.Marshal(result)
	if err != nil {
		reply.Error = err.Error()
		return reply
	}
	reply.OK, reply.Result = true, data
	return reply
}

// runBatch runs commands in order on the loop and stops at the first error. It returns how many
// ran, which is also the index of the one that failed. A reload reads the config here, off the
// loop, and a layout command its file, so that a slow file holds up only its caller, who still
// learns of its mistakes.
func (w *WM) runBatch(lines []string) (int, error) {
	// Each line is parsed once; the lines before a bad one still run.
	cmds := make([]command.Command, 0, len(lines))
	var bad error
	for _, line := range lines {
		cmd, err := command.Parse(line)
		if err != nil {
			bad = located(err)
			break
		}
		cmds = append(cmds, cmd)
	}
	aside := func(c command.Command) bool { return c.Name == "restart" || c.Name == "layout" || c.Name == "reload" }
	ran := 0
	for ran < len(cmds) {
		switch cmd := cmds[ran]; cmd.Name {
		case "restart":
			if err := w.restart(); err != nil {
				return ran, err
			}
			ran++
			continue
		case "layout":
			if err := w.layoutAside(cmd); err != nil {
				return ran, err
			}
			ran++
			continue
		case "reload":
			cfg, err := w.loadConfig()
			if err != nil {
				return ran, err
			}
			w.Do(func() { w.useConfig(cfg) })
			ran++
			continue
		}
		var err error
		w.Do(func() {
			for ; ran < len(cmds) && !aside(cmds[ran]); ran++ {
				if err = w.Run1(cmds[ran]); err != nil {
					return
				}
			}
		})
		if err != nil {
			return ran, err
		}
	}
	return ran, bad
}

// located puts a parse error's column in the message: `unknown command "splt" at 1:1; did you
// mean "split"?`.
func located(err error) error {
	var ce *command.Error
	if !errors.As(err, &ce) {
		return err
	}
	msg := fmt.Sprintf("%s at 1:%d", ce.Msg, ce.Col)
	if ce.Hint != "" {
		msg += "; " + ce.Hint
	}
	return errors.New(msg)
}

// Binding is one key binding, for `fionctl get bindings`.
type Binding struct {
	Keys    string `json:"keys"`
	Command string `json:"command"`
	Mode    string `json:"mode,omitempty"`
}

// query answers `fionctl tree` and `fionctl get ...`. It runs on the loop.
func (w *WM) query(what string) (any, error) {
	switch what {
	case "tree":
		return w.tree(true), nil
	case "focused":
		return w.focusedState(), nil
	case "screens":
		return w.tree(false).Screens, nil
	case "workspaces":
		var out []WorkspaceState
		for _, s := range w.tree(false).Screens {
			out = append(out, s.Workspaces...)
		}
		return out, nil
	case "bindings":
		out := []Binding{}
		for _, b := range w.cfg.Keys {
			out = append(out, Binding{Keys: b.Text, Command: b.Command.String()})
		}
		for mode, bs := range w.cfg.Modes {
			for _, b := range bs {
				out = append(out, Binding{Keys: b.Text, Command: b.Command.String(), Mode: mode})
			}
		}
		return out, nil
	case "config":
		return map[string]any{"path": w.cfg.Path, "default": w.cfg.Path == ""}, nil
	case "rules":
		return w.ruleStates(), nil
	case "windows":
		return w.windows(), nil
	case "version":
		return map[string]any{"version": w.opts.Version, "protocol": ipc.Version}, nil
	}
	return nil, fmt.Errorf("bad request: unknown query %q", what)
}

// publish sends an event to the socket's subscribers, if fion has a socket.
func (w *WM) publish(event string, data any) {
	if w.opts.Publish != nil {
		w.opts.Publish(event, data)
	}
}

// PublishSocket puts the control socket's path in the root window property _FION_SOCKET, where
// fionctl looks when it cannot work the path out. Call it before Loop.
func (w *WM) PublishSocket(path string) {
	w.x.SetUTF8(w.x.Root, "_FION_SOCKET", path)
}
