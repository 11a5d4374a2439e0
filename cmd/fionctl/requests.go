package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fion-wm/fion/command"
	"github.com/fion-wm/fion/ipc"
)

// runCommand runs one command line, as a key binding would hold it.
func (a *app) runCommand(line string) error {
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	return refusal(c, c.Run(line))
}

// refusal returns the reason fion gave for hanging up when a request could not be sent because
// fion had already closed the connection, else err. fion refuses another user's connection that
// way, and its reply may arrive before fionctl has sent anything.
func refusal(c *ipc.Client, err error) error {
	if !errors.Is(err, syscall.EPIPE) && !errors.Is(err, syscall.ECONNRESET) {
		return err
	}
	// The connection is closed: Next returns at once, with what fion sent before closing.
	var refused *ipc.ReplyError
	if _, nerr := c.Next(); errors.As(nerr, &refused) {
		return refused
	}
	return err
}

// tree prints the whole state.
func (a *app) tree(args []string) error {
	pretty, rest, err := prettyFlag(args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("tree takes no arguments besides --pretty; unexpected %q", rest[0])
	}
	return a.query("tree", pretty)
}

// get prints one part of the state.
func (a *app) get(args []string) error {
	pretty, rest, err := prettyFlag(args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("get needs one of %s", strings.Join(queriesButTree(), ", "))
	}
	if len(rest) > 1 {
		return usagef("get takes one of %s; unexpected %q after %q", strings.Join(queriesButTree(), ", "), rest[1], rest[0])
	}
	what := rest[0]
	if !slices.Contains(ipc.Queries, what) {
		if s := command.Suggest(what, ipc.Queries); s != "" {
			return usagef("get: unknown %q; did you mean %q?", what, s)
		}
		return usagef("get: unknown %q; it takes one of %s", what, strings.Join(queriesButTree(), ", "))
	}
	return a.query(what, pretty)
}

// prettyFlag takes --pretty out of args. Any other word starting with a dash is a usage error.
func prettyFlag(args []string) (pretty bool, rest []string, err error) {
	for _, arg := range args {
		switch {
		case arg == "--pretty":
			pretty = true
		case strings.HasPrefix(arg, "-"):
			if s := command.Suggest(arg, []string{"--pretty"}); s != "" {
				return false, nil, usagef("unknown option %q; did you mean %q?", arg, s)
			}
			return false, nil, usagef("unknown option %q; the only option here is --pretty", arg)
		default:
			rest = append(rest, arg)
		}
	}
	return pretty, rest, nil
}

// ask asks fion for what and returns its JSON answer.
func (a *app) ask(what string) (json.RawMessage, error) {
	c, err := a.dial()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	result, err := c.Query(what)
	if err != nil {
		return nil, refusal(c, err)
	}
	return result, nil
}

// query asks fion for what and prints the answer on one line, or indented.
func (a *app) query(what string, pretty bool) error {
	result, err := a.ask(what)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if pretty {
		err = json.Indent(&out, result, "", "  ")
	} else {
		err = json.Compact(&out, result)
	}
	if err != nil {
		return fmt.Errorf("fion answered %s with invalid JSON: %v", what, err)
	}
	out.WriteByte('\n')
	_, err = a.stdout.Write(out.Bytes())
	return err
}

// windows prints one line per window fion manages, for menus (dmenu, rofi) and scripts: its id,
// screen:workspace, class and title, separated by tabs, so that `cut -f1` takes the id. fion's
// socket has replaced the control characters of every string with U+FFFD already (see ipc), so a
// title holds no tab or line break that would cut a line or a field.
func (a *app) windows(args []string) error {
	if len(args) > 0 {
		return usagef("windows takes no arguments; unexpected %q (\"fionctl get windows\" prints them as JSON)", args[0])
	}
	result, err := a.ask("windows")
	if err != nil {
		return err
	}
	var list []struct {
		Window    uint32
		Screen    string
		Workspace string
		Class     string
		Title     string
	}
	if err := json.Unmarshal(result, &list); err != nil {
		return fmt.Errorf("fion answered windows with invalid JSON: %v", err)
	}
	var out bytes.Buffer
	for _, w := range list {
		fmt.Fprintf(&out, "%#x\t%s:%s\t%s\t%s\n", w.Window, w.Screen, w.Workspace, w.Class, w.Title)
	}
	_, err = a.stdout.Write(out.Bytes())
	return err
}

// sync waits for fion to handle everything queued before.
func (a *app) sync(args []string) error {
	if len(args) > 0 {
		return usagef("sync takes no arguments; unexpected %q", args[0])
	}
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	return refusal(c, c.Sync())
}

// subscription is what `subscribe` was asked for.
type subscription struct {
	events []string
	count  int // 0: until fion goes away
}

// parseSubscribe reads `subscribe [EVENT...] [--count N]`.
func parseSubscribe(args []string) (subscription, error) {
	var s subscription
	for i := 0; i < len(args); i++ {
		arg := args[i]
		value, isCount := strings.CutPrefix(arg, "--count=")
		switch {
		case arg == "--count":
			if i+1 >= len(args) {
				return s, usagef("--count needs a number of events")
			}
			i++
			value, isCount = args[i], true
		case isCount:
		case strings.HasPrefix(arg, "-"):
			return s, usagef("unknown option %q; subscribe takes event names and --count N", arg)
		default:
			s.events = append(s.events, arg)
			continue
		}
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 {
			return s, usagef("--count takes a number of events of at least 1, not %q", value)
		}
		s.count = n
	}
	// Checked here for a usage error with a suggestion; fion normalizes the list itself.
	if _, err := ipc.NormalizeEvents(s.events); err != nil {
		return s, usagef("subscribe: %v", err)
	}
	return s, nil
}

// subscribe prints events as fion publishes them, one JSON object per line, until count events are
// printed or fion closes the connection. A restart does not end it: when fion hands over to a new
// fion, subscribe connects to the new one and goes on.
func (a *app) subscribe(args []string) error {
	sub, err := parseSubscribe(args)
	if err != nil {
		return err
	}
	wanted, _ := ipc.NormalizeEvents(sub.events)
	// It always hears of a restart, to follow fion to the new one; it prints the event when asked.
	asked := append(slices.Clone(wanted), "restart")
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer func() { c.Close() }()
	if err := c.Subscribe(asked...); err != nil {
		return refusal(c, err)
	}
	// Written the way fion wrote them: same field order, no HTML escaping, one Write per line.
	out := json.NewEncoder(a.stdout)
	out.SetEscapeHTML(false)
	last := ""
	for n := 0; sub.count == 0 || n < sub.count; {
		ev, err := c.Next()
		if err != nil {
			if last == "shutdown" {
				return nil // fion said goodbye; the connection ends with it
			}
			return fionGone(err)
		}
		last = ev.Event
		if ipc.Matches(wanted, ev.Event) {
			if err := out.Encode(ev); err != nil {
				return err
			}
			n++
		}
		if ev.Event == "restart" && (sub.count == 0 || n < sub.count) {
			c.Close()
			if c, err = a.follow(); err != nil {
				return err
			}
			if err := c.Subscribe(asked...); err != nil {
				return refusal(c, err)
			}
		}
	}
	return nil
}

// followWait bounds how long fionctl waits for the new fion of a restart to answer.
const followWait = 30 * time.Second

// follow connects to the fion that replaces the one that just said "restart": at the same socket,
// once the old one has closed it and the new one opened it.
func (a *app) follow() (*ipc.Client, error) {
	deadline := time.Now().Add(followWait)
	for {
		c, err := a.dial()
		if err == nil {
			c.SetDeadline(deadline)
			if err = c.Sync(); err == nil {
				c.SetDeadline(time.Time{})
				return c, nil
			}
			c.Close()
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("fion restarted, but no new fion answered within %v: %v", followWait, err)
		}
		// Retrying a connection to a socket that is being replaced: nothing to wait on but time.
		time.Sleep(20 * time.Millisecond)
	}
}

// restart runs fion's restart command and waits until the new fion answers, so that what a
// script sends next reaches it. It fails with fion's reason when the restart is refused (the new
// fion does not accept the config, or cannot start) or the new fion ends before it takes over;
// the running fion goes on then.
func (a *app) restart() error {
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Subscribe("restart"); err != nil {
		return refusal(c, err)
	}
	err = c.Run("restart")
	var refused *ipc.ReplyError
	if errors.As(err, &refused) {
		return refusal(c, err)
	}
	c.SetDeadline(time.Now().Add(followWait))
	for err == nil {
		var ev ipc.Event
		if ev, err = c.Next(); err != nil {
			break // the old fion closed the socket: the new one opens it
		}
		switch ev.Event {
		case "restart.failed":
			var f struct{ Error string }
			json.Unmarshal(ev.Data, &f)
			return errors.New(f.Error)
		case "restart":
			err = io.EOF
		}
	}
	c.Close()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("fion began a restart, but no new fion took over within %v; fion goes on as it is (see its messages)", followWait)
	}
	next, err := a.follow()
	if err != nil {
		return err
	}
	return next.Close()
}

// fionGone explains a subscription that ended without a shutdown event.
func fionGone(err error) error {
	if errors.Is(err, io.EOF) {
		return errors.New("fion closed the connection without a shutdown event (it crashed, or dropped this subscriber for reading too slowly)")
	}
	return fmt.Errorf("reading events: %v", err)
}
