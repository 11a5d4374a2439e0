package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"syscall"

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

// runStdin runs each line of standard input as one run request over one connection. Blank lines
// and lines starting with # are skipped, so that a file of commands can be commented. It stops at
// the first command fion refuses.
func (a *app) runStdin() error {
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	lines := bufio.NewScanner(a.stdin)
	lines.Buffer(make([]byte, 0, 4096), ipc.MaxRequest)
	n := 0
	for lines.Scan() {
		n++
		line := strings.TrimSpace(lines.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := c.Run(line); err != nil {
			return fmt.Errorf("standard input line %d: %v", n, refusal(c, err))
		}
	}
	if errors.Is(lines.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("standard input line %d is longer than 1 MiB; a command fits on a much shorter line", n+1)
	}
	if err := lines.Err(); err != nil {
		return fmt.Errorf("reading standard input: %v", err)
	}
	return nil
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

// query asks fion for what and prints the answer on one line, or indented.
func (a *app) query(what string, pretty bool) error {
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	result, err := c.Query(what)
	if err != nil {
		return refusal(c, err)
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
// printed or fion closes the connection.
func (a *app) subscribe(args []string) error {
	sub, err := parseSubscribe(args)
	if err != nil {
		return err
	}
	c, err := a.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Subscribe(sub.events...); err != nil {
		return refusal(c, err)
	}
	// Written the way fion wrote them: same field order, no HTML escaping, one Write per line.
	out := json.NewEncoder(a.stdout)
	out.SetEscapeHTML(false)
	last := ""
	for n := 0; sub.count == 0 || n < sub.count; n++ {
		ev, err := c.Next()
		if err != nil {
			if last == "shutdown" {
				return nil // fion said goodbye; the connection ends with it
			}
			return fionGone(err)
		}
		if err := out.Encode(ev); err != nil {
			return err
		}
		last = ev.Event
	}
	return nil
}

// fionGone explains a subscription that ended without a shutdown event.
func fionGone(err error) error {
	if errors.Is(err, io.EOF) {
		return errors.New("fion closed the connection without a shutdown event (it crashed, or dropped this subscriber for reading too slowly)")
	}
	return fmt.Errorf("reading events: %v", err)
}
