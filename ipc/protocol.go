package ipc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fion-wm/fion/internal/suggest"
)

// Version is the protocol version this package speaks; every message carries it as "v".
const Version = 1

// MaxRequest is the longest line, in bytes without its '\n', a client may send, and MaxReply the
// longest fion sends (a reply or an event). A reply grows with the number of windows and what
// their clients set, up to 3 times the 5 KiB of strings fion takes from each (see plainJSON):
// requests, from anyone on the socket, get less room than answers.
const (
	MaxRequest = 1 << 20
	MaxReply   = 16 << 20
)

// Request is one line a client sends. Commands belongs to run requests, What to query requests,
// Events to subscribe requests.
type Request struct {
	V        int      `json:"v"`
	ID       int64    `json:"id"`
	Type     string   `json:"type"`
	Commands []string `json:"commands,omitempty"`
	What     string   `json:"what,omitempty"`
	Events   []string `json:"events,omitempty"`
}

// Reply answers the request with the same ID. Index says which command of a run batch failed.
type Reply struct {
	V      int             `json:"v"`
	ID     int64           `json:"id"`
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  string          `json:"error,omitempty"`
	Index  *int            `json:"index,omitempty"`
}

// Event is one line sent to a subscriber. Seq counts every event fion published, so a subscriber
// sees gaps only for the events it did not ask for.
type Event struct {
	V     int             `json:"v"`
	Seq   uint64          `json:"seq"`
	Event string          `json:"event"`
	Data  json.RawMessage `json:"data,omitempty"`
}

// RequestTypes are the values of a request's "type".
var RequestTypes = []string{"run", "query", "subscribe", "sync"}

// Queries are the values of a query request's "what".
var Queries = []string{"tree", "focused", "screens", "workspaces", "windows", "bindings", "rules", "config", "version"}

// EventNames are the events fion publishes. A subscription names them, or the part before the
// dot ("client" for every client.* event).
var EventNames = []string{
	"client.new", "client.close", "client.focus", "client.title", "client.urgent",
	"tile.split", "tile.remove", "tile.resize", "tile.name",
	"tab.move",
	"workspace.switch",
	"screen.add", "screen.remove", "screen.change",
	"binding.run",
	"config.reload",
	"restart", "restart.failed",
	"shutdown",
}

// fields are the keys a request may have, in the order errors list them.
var fields = []string{"v", "id", "type", "commands", "what", "events"}

// fieldOwner says which request type each type-specific field belongs to.
var fieldOwner = map[string]string{"commands": "run", "what": "query", "events": "subscribe"}

// badRequest is the error for input a client got wrong; the server sends its text as is.
func badRequest(format string, args ...any) error {
	return fmt.Errorf("bad request: "+format, args...)
}

// ParseRequest reads and validates one line (without its '\n'): JSON syntax and UTF-8, the
// protocol version, the fields and their types, the request type, the query and the event names.
// A subscribe request's Events come back normalized (see NormalizeEvents).
//
// On error the returned Request holds what could be read, its ID in particular, so that the
// reply can echo it; the error text starts with "bad request:" and says what to fix.
func ParseRequest(line []byte) (Request, error) {
	var req Request
	obj, err := parseObject(line)
	if err != nil {
		return req, err
	}
	// The id is read first so that every later error can echo it, but the version is checked
	// first: a client speaking another version may shape its requests differently.
	req.ID, err = parseID(obj)
	idErr := err
	if req.V, err = parseVersion(obj); err != nil {
		return req, err
	}
	if idErr != nil {
		return req, idErr
	}
	if err := checkFields(obj); err != nil {
		return req, err
	}
	if req.Type, err = parseType(obj); err != nil {
		return req, err
	}
	for _, f := range []string{"commands", "what", "events"} {
		if _, ok := present(obj, f); ok && fieldOwner[f] != req.Type {
			return req, badRequest("%q does not belong in a %s request; it is for %s requests", f, req.Type, fieldOwner[f])
		}
	}
	switch req.Type {
	case "run":
		req.Commands, err = parseCommands(obj)
	case "query":
		req.What, err = parseWhat(obj)
	case "subscribe":
		req.Events, err = parseEvents(obj)
	}
	return req, err
}

// parseObject checks that line is one valid UTF-8 JSON object and splits it into its fields.
func parseObject(line []byte) (map[string]json.RawMessage, error) {
	if len(line) > MaxRequest {
		return nil, badRequest("line longer than 1 MiB")
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, badRequest("empty line; send one JSON object per line")
	}
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD; a command must arrive as sent.
	if !utf8.Valid(line) {
		return nil, badRequest("invalid JSON at byte %d: invalid UTF-8; send one JSON object per line", firstInvalidUTF8(line)+1)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return nil, badRequest("invalid JSON at byte %d: %s; send one JSON object per line", syntax.Offset, syntax.Error())
		}
		return nil, badRequest("a request is a JSON object, not %s; send one JSON object per line", jsonKind(bytes.TrimSpace(line)))
	}
	if obj == nil { // the line was null
		return nil, badRequest("a request is a JSON object, not null; send one JSON object per line")
	}
	return obj, nil
}

// firstInvalidUTF8 is the offset of the first byte of b that is not valid UTF-8.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// jsonKind names the kind of the JSON value that raw starts with, for error messages.
func jsonKind(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// present returns the field key of obj unless it is absent or null: a null field counts as absent.
func present(obj map[string]json.RawMessage, key string) (json.RawMessage, bool) {
	raw, ok := obj[key]
	raw = bytes.TrimSpace(raw)
	if !ok || string(raw) == "null" {
		return nil, false
	}
	return raw, true
}

// parseInt reads a JSON integer; 1.0 and 1e3 are not integers here.
func parseInt(raw json.RawMessage) (int64, bool) {
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	return n, err == nil
}

func parseID(obj map[string]json.RawMessage) (int64, error) {
	raw, ok := present(obj, "id")
	if !ok {
		return 0, badRequest(`missing "id"; give every request an integer "id", which its reply echoes`)
	}
	id, ok := parseInt(raw)
	if !ok {
		return 0, badRequest(`"id" must be an integer (64 bits), not %s`, describe(raw))
	}
	return id, nil
}

func parseVersion(obj map[string]json.RawMessage) (int, error) {
	raw, ok := present(obj, "v")
	if !ok {
		return 0, badRequest(`missing protocol version "v"; this fion speaks version %d: add "v":%d`, Version, Version)
	}
	v, ok := parseInt(raw)
	if !ok {
		return 0, badRequest(`"v" must be an integer, not %s; this fion speaks version %d`, describe(raw), Version)
	}
	if v != Version {
		return int(v), badRequest("protocol version %d is not supported; this fion speaks version %d", v, Version)
	}
	return Version, nil
}

// describe shows a short, printable form of a JSON value a client sent where another was due.
func describe(raw json.RawMessage) string {
	const max = 40
	s := string(raw)
	if len(s) > max {
		// Cut on a rune boundary so the message stays valid UTF-8.
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return jsonKind(raw) + " (" + s + ")"
}

// checkFields refuses keys the protocol does not have; keys are exact (encoding/json alone would
// accept "ID" for "id").
func checkFields(obj map[string]json.RawMessage) error {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same line always gives the same error
	for _, k := range keys {
		if !slices.Contains(fields, k) {
			return badRequest("unknown field %q; known: %s%s", k, strings.Join(fields, ", "), didYouMean(k, fields))
		}
	}
	return nil
}

func parseType(obj map[string]json.RawMessage) (string, error) {
	raw, ok := present(obj, "type")
	if !ok {
		return "", badRequest(`missing "type"; known: %s`, strings.Join(RequestTypes, ", "))
	}
	var t string
	if raw[0] != '"' || json.Unmarshal(raw, &t) != nil {
		return "", badRequest(`"type" must be a string, not %s; known: %s`, describe(raw), strings.Join(RequestTypes, ", "))
	}
	if !slices.Contains(RequestTypes, t) {
		return t, badRequest("unknown request type %q; known: %s%s", t, strings.Join(RequestTypes, ", "), didYouMean(t, RequestTypes))
	}
	return t, nil
}

// parseStrings reads a JSON array of strings. encoding/json alone would read [null] as [""].
func parseStrings(raw json.RawMessage) ([]string, bool) {
	var items []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &items) != nil {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		var s string
		if len(item) == 0 || item[0] != '"' || json.Unmarshal(item, &s) != nil {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func parseCommands(obj map[string]json.RawMessage) ([]string, error) {
	raw, ok := present(obj, "commands")
	if !ok {
		return nil, badRequest(`a run request needs "commands", an array of one or more command strings`)
	}
	cmds, ok := parseStrings(raw)
	if !ok {
		return nil, badRequest(`"commands" must be an array of strings`)
	}
	if len(cmds) == 0 {
		return nil, badRequest(`"commands" is empty; a run request needs at least one command`)
	}
	return cmds, nil
}

func parseWhat(obj map[string]json.RawMessage) (string, error) {
	raw, ok := present(obj, "what")
	if !ok {
		return "", badRequest(`a query request needs "what"; known: %s`, strings.Join(Queries, ", "))
	}
	var what string
	if raw[0] != '"' || json.Unmarshal(raw, &what) != nil {
		return "", badRequest(`"what" must be a string, not %s; known: %s`, describe(raw), strings.Join(Queries, ", "))
	}
	if !slices.Contains(Queries, what) {
		return what, badRequest("unknown query %q; known: %s%s", what, strings.Join(Queries, ", "), didYouMean(what, Queries))
	}
	return what, nil
}

func parseEvents(obj map[string]json.RawMessage) ([]string, error) {
	var names []string
	if raw, ok := present(obj, "events"); ok {
		if names, ok = parseStrings(raw); !ok {
			return nil, badRequest(`"events" must be an array of strings`)
		}
	}
	events, err := NormalizeEvents(names)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	return events, nil
}

// eventPrefixes are the parts before the dot of EventNames, in their order: "client", "tile"...
func eventPrefixes() []string {
	var out []string
	for _, name := range EventNames {
		if prefix, _, ok := strings.Cut(name, "."); ok && !slices.Contains(out, prefix) {
			out = append(out, prefix)
		}
	}
	return out
}

// subscribable lists every valid subscription, each prefix just before its first event:
// client, client.new, ..., tile, tile.split, ..., shutdown. NormalizeEvents returns its order.
func subscribable() []string {
	var out []string
	for _, name := range EventNames {
		if prefix, _, ok := strings.Cut(name, "."); ok && !slices.Contains(out, prefix) {
			out = append(out, prefix)
		}
		out = append(out, name)
	}
	return out
}

// NormalizeEvents checks a subscription's event names and prefixes and returns them without
// duplicates, without names a prefix in the list already covers, in the order of EventNames.
// No names means every event: the result is then all of EventNames.
func NormalizeEvents(names []string) ([]string, error) {
	if len(names) == 0 {
		return slices.Clone(EventNames), nil
	}
	valid := subscribable()
	for _, n := range names {
		if slices.Contains(valid, n) {
			continue
		}
		known := fmt.Sprintf("known: %s, or the part before the dot (%s)",
			strings.Join(EventNames, ", "), strings.Join(eventPrefixes(), ", "))
		if n == "" {
			return nil, fmt.Errorf("empty event name; %s", known)
		}
		return nil, fmt.Errorf("unknown event %q; %s%s", n, known, didYouMean(n, valid))
	}
	var out []string
	for _, v := range valid {
		if slices.Contains(names, v) && !coveredBy(v, names) {
			out = append(out, v)
		}
	}
	return out, nil
}

// coveredBy reports whether the event name is included by a prefix among names. A prefix that is
// an event's name too ("restart", beside "restart.failed") keeps the names it covers, so that
// normalizing every event (EventNames) gives them all back.
func coveredBy(name string, names []string) bool {
	prefix, _, ok := strings.Cut(name, ".")
	return ok && slices.Contains(names, prefix) && !slices.Contains(EventNames, prefix)
}

// Matches reports whether a subscription (normalized) wants the event.
func Matches(subscription []string, event string) bool {
	for _, s := range subscription {
		if s == event || (strings.HasPrefix(event, s) && len(event) > len(s) && event[len(s)] == '.') {
			return true
		}
	}
	return false
}

// didYouMean is `; did you mean "x"?` for the known word closest to s, or "" when none is close.
func didYouMean(s string, known []string) string {
	if best := suggest.Closest(s, known); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
