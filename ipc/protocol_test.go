package ipc

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseRequestAcceptsValidRequests(t *testing.T) {
	tests := []struct {
		line string
		want Request
	}{
		{`{"v":1,"id":1,"type":"run","commands":["split right","focus left"]}`,
			Request{V: 1, ID: 1, Type: "run", Commands: []string{"split right", "focus left"}}},
		{`{"v":1,"id":2,"type":"query","what":"tree"}`, Request{V: 1, ID: 2, Type: "query", What: "tree"}},
		{`{"v":1,"id":3,"type":"subscribe","events":["tile.split","client","client.new"]}`,
			Request{V: 1, ID: 3, Type: "subscribe", Events: []string{"client", "tile.split"}}},
		{`{"v":1,"id":3,"type":"subscribe"}`, Request{V: 1, ID: 3, Type: "subscribe", Events: EventNames}},
		{`{"v":1,"id":3,"type":"subscribe","events":[]}`, Request{V: 1, ID: 3, Type: "subscribe", Events: EventNames}},
		{`{"v":1,"id":3,"type":"subscribe","events":null}`, Request{V: 1, ID: 3, Type: "subscribe", Events: EventNames}},
		{`{"v":1,"id":4,"type":"sync"}`, Request{V: 1, ID: 4, Type: "sync"}},
		{` { "type" : "sync" , "id" : -9223372036854775808 , "v" : 1 } ` + "\r", Request{V: 1, ID: -9223372036854775808, Type: "sync"}},
		{`{"v":1,"id":9223372036854775807,"type":"sync","what":null}`, Request{V: 1, ID: 9223372036854775807, Type: "sync"}},
		{`{"v":1,"id":0,"type":"run","commands":["exec echo \"é\u00e9 <&>\""]}`,
			Request{V: 1, ID: 0, Type: "run", Commands: []string{`exec echo "éé <&>"`}}},
	}
	for _, tt := range tests {
		got, err := ParseRequest([]byte(tt.line))
		if err != nil {
			t.Errorf("ParseRequest(%s): %v", tt.line, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseRequest(%s) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestParseRequestErrors(t *testing.T) {
	const send = "; send one JSON object per line"
	tests := []struct {
		line   string
		wantID int64
		want   string
	}{
		// Malformed JSON, binary garbage and invalid UTF-8.
		{`{"v":1,"id":1,"type":"sync"`, 0, `invalid JSON at byte 27: unexpected end of JSON input` + send},
		{`{"v":1,x}`, 0, `invalid JSON at byte 8: invalid character 'x' looking for beginning of object key string` + send},
		{`{"v":1,"id":1,"type":"sync"} {}`, 0, `invalid JSON at byte 30: invalid character '{' after top-level value` + send},
		{"\x00\x01\x02", 0, `invalid JSON at byte 1: invalid character '\x00' looking for beginning of value` + send},
		{"\xff\xfe{}", 0, `invalid JSON at byte 1: invalid UTF-8` + send},
		{`{"v":1,"id":1,"type":"run","commands":["` + "\xc3" + `"]}`, 0, `invalid JSON at byte 41: invalid UTF-8` + send},
		{``, 0, `empty line` + send},
		{" \t\r", 0, `empty line` + send},
		{`[1,2]`, 0, `a request is a JSON object, not an array` + send},
		{`"sync"`, 0, `a request is a JSON object, not a string` + send},
		{`42`, 0, `a request is a JSON object, not a number` + send},
		{`null`, 0, `a request is a JSON object, not null` + send},
		// The protocol version.
		{`{"v":2,"id":5,"type":"sync"}`, 5, `protocol version 2 is not supported; this fion speaks version 1`},
		{`{"v":0,"id":5,"type":"sync"}`, 5, `protocol version 0 is not supported; this fion speaks version 1`},
		{`{"id":5,"type":"sync"}`, 5, `missing protocol version "v"; this fion speaks version 1: add "v":1`},
		{`{"v":"1","id":5,"type":"sync"}`, 5, `"v" must be an integer, not a string ("1"); this fion speaks version 1`},
		{`{"v":1.0,"id":5,"type":"sync"}`, 5, `"v" must be an integer, not a number (1.0); this fion speaks version 1`},
		{`{"v":2,"type":"sync"}`, 0, `protocol version 2 is not supported; this fion speaks version 1`},
		// The id.
		{`{"v":1,"type":"sync"}`, 0, `missing "id"; give every request an integer "id", which its reply echoes`},
		{`{"v":1,"id":"7","type":"sync"}`, 0, `"id" must be an integer (64 bits), not a string ("7")`},
		{`{"v":1,"id":1.5,"type":"sync"}`, 0, `"id" must be an integer (64 bits), not a number (1.5)`},
		{`{"v":1,"id":9223372036854775808,"type":"sync"}`, 0, `"id" must be an integer (64 bits), not a number (9223372036854775808)`},
		{`{"v":1,"id":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],"type":"sync"}`, 0,
			`"id" must be an integer (64 bits), not an array ([1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,...)`},
		// Fields.
		{`{"v":1,"id":6,"type":"run","comands":["x"]}`, 6,
			`unknown field "comands"; known: v, id, type, commands, what, events; did you mean "commands"?`},
		{`{"v":1,"ID":6,"id":6,"type":"sync"}`, 6, `unknown field "ID"; known: v, id, type, commands, what, events; did you mean "id"?`},
		{`{"v":1,"id":6,"type":"sync","zzzzzz":1}`, 6, `unknown field "zzzzzz"; known: v, id, type, commands, what, events`},
		{`{"v":1,"id":6,"type":"query","what":"tree","commands":["x"]}`, 6,
			`"commands" does not belong in a query request; it is for run requests`},
		{`{"v":1,"id":6,"type":"sync","events":[]}`, 6, `"events" does not belong in a sync request; it is for subscribe requests`},
		{`{"v":1,"id":6,"type":"run","what":"tree","commands":["x"]}`, 6, `"what" does not belong in a run request; it is for query requests`},
		// The request type.
		{`{"v":1,"id":7,"type":"frob"}`, 7, `unknown request type "frob"; known: run, query, subscribe, sync`},
		{`{"v":1,"id":7,"type":"quer"}`, 7, `unknown request type "quer"; known: run, query, subscribe, sync; did you mean "query"?`},
		{`{"v":1,"id":7,"type":"Sync"}`, 7, `unknown request type "Sync"; known: run, query, subscribe, sync; did you mean "sync"?`},
		{`{"v":1,"id":7}`, 7, `missing "type"; known: run, query, subscribe, sync`},
		{`{"v":1,"id":7,"type":3}`, 7, `"type" must be a string, not a number (3); known: run, query, subscribe, sync`},
		// run.
		{`{"v":1,"id":8,"type":"run"}`, 8, `a run request needs "commands", an array of one or more command strings`},
		{`{"v":1,"id":8,"type":"run","commands":[]}`, 8, `"commands" is empty; a run request needs at least one command`},
		{`{"v":1,"id":8,"type":"run","commands":"split right"}`, 8, `"commands" must be an array of strings`},
		{`{"v":1,"id":8,"type":"run","commands":["split right",2]}`, 8, `"commands" must be an array of strings`},
		{`{"v":1,"id":8,"type":"run","commands":[null]}`, 8, `"commands" must be an array of strings`},
		{`{"v":1,"id":8,"type":"run","commands":{"a":"b"}}`, 8, `"commands" must be an array of strings`},
		// query.
		{`{"v":1,"id":9,"type":"query","what":"tre"}`, 9,
			`unknown query "tre"; known: tree, focused, screens, workspaces, windows, bindings, rules, config, version; did you mean "tree"?`},
		{`{"v":1,"id":9,"type":"query"}`, 9, `a query request needs "what"; known: tree, focused, screens, workspaces, windows, bindings, rules, config, version`},
		{`{"v":1,"id":9,"type":"query","what":["tree"]}`, 9,
			`"what" must be a string, not an array (["tree"]); known: tree, focused, screens, workspaces, windows, bindings, rules, config, version`},
		// subscribe.
		{`{"v":1,"id":10,"type":"subscribe","events":"client"}`, 10, `"events" must be an array of strings`},
		{`{"v":1,"id":10,"type":"subscribe","events":[true]}`, 10, `"events" must be an array of strings`},
		{`{"v":1,"id":10,"type":"subscribe","events":["clinet"]}`, 10, `unknown event "clinet"; known: ` + knownEvents + `; did you mean "client"?`},
	}
	for _, tt := range tests {
		got, err := ParseRequest([]byte(tt.line))
		if err == nil {
			t.Errorf("ParseRequest(%q) = %+v, want error %q", tt.line, got, tt.want)
			continue
		}
		if want := "bad request: " + tt.want; err.Error() != want {
			t.Errorf("ParseRequest(%q):\n got %s\nwant %s", tt.line, err, want)
		}
		if got.ID != tt.wantID {
			t.Errorf("ParseRequest(%q) gave id %d with its error, want %d", tt.line, got.ID, tt.wantID)
		}
	}
}

const knownEvents = "client.new, client.close, client.focus, client.title, client.urgent, tile.split, tile.remove, " +
	"tile.resize, tile.name, tab.move, workspace.switch, screen.add, screen.remove, screen.change, binding.run, " +
	"config.reload, restart, restart.failed, shutdown, or the part before the dot (client, tile, tab, workspace, screen, binding, config, restart)"

// requestOfLength is a valid run request exactly n bytes long.
func requestOfLength(t testing.TB, n int) []byte {
	head, tail := `{"v":1,"id":1,"type":"run","commands":["`, `"]}`
	pad := n - len(head) - len(tail)
	if pad < 0 {
		t.Fatalf("no request is %d bytes short", n)
	}
	return []byte(head + strings.Repeat("x", pad) + tail)
}

func TestParseRequestLineLimit(t *testing.T) {
	if _, err := ParseRequest(requestOfLength(t, MaxRequest)); err != nil {
		t.Errorf("a request of exactly MaxRequest bytes: %v", err)
	}
	_, err := ParseRequest(requestOfLength(t, MaxRequest+1))
	if want := "bad request: line longer than 1 MiB"; err == nil || err.Error() != want {
		t.Errorf("a request of MaxRequest+1 bytes: %v, want %q", err, want)
	}
}

func TestNormalizeEvents(t *testing.T) {
	tests := []struct {
		in      []string
		want    []string
		wantErr string
	}{
		{nil, EventNames, ""},
		{[]string{}, EventNames, ""},
		{[]string{"client"}, []string{"client"}, ""},
		{[]string{"client.new", "client"}, []string{"client"}, ""},
		{[]string{"shutdown", "tile.split", "client.focus", "tile.split"}, []string{"client.focus", "tile.split", "shutdown"}, ""},
		{[]string{"tab", "config", "workspace.switch"}, []string{"tab", "workspace.switch", "config"}, ""},
		{[]string{"screen.add", "screen.remove", "screen.change"}, []string{"screen.add", "screen.remove", "screen.change"}, ""},
		{[]string{"clinet"}, nil, `unknown event "clinet"; known: ` + knownEvents + `; did you mean "client"?`},
		{[]string{"client", "tile.splt"}, nil, `unknown event "tile.splt"; known: ` + knownEvents + `; did you mean "tile.split"?`},
		{[]string{"client."}, nil, `unknown event "client."; known: ` + knownEvents + `; did you mean "client"?`},
		{[]string{"Shutdown"}, nil, `unknown event "Shutdown"; known: ` + knownEvents + `; did you mean "shutdown"?`},
		{[]string{"frobnicate"}, nil, `unknown event "frobnicate"; known: ` + knownEvents},
		{[]string{""}, nil, `empty event name; known: ` + knownEvents},
	}
	for _, tt := range tests {
		got, err := NormalizeEvents(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("NormalizeEvents(%q) error:\n got %v\nwant %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("NormalizeEvents(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	// The result must not share EventNames' storage: a caller appending to it must not change it.
	all, _ := NormalizeEvents(nil)
	all[0] = "changed"
	if EventNames[0] != "client.new" {
		t.Errorf("NormalizeEvents(nil) returned EventNames itself")
	}
}

func TestMatches(t *testing.T) {
	tests := []struct {
		subscription []string
		event        string
		want         bool
	}{
		{[]string{"client"}, "client.new", true},
		{[]string{"client"}, "clientx.new", false},
		{[]string{"client"}, "client", true},
		{[]string{"tile.split"}, "tile.split", true},
		{[]string{"tile.split"}, "tile.remove", false},
		{[]string{"tile.split", "shutdown"}, "shutdown", true},
		{nil, "shutdown", false},
		{EventNames, "workspace.switch", true},
	}
	for _, tt := range tests {
		if got := Matches(tt.subscription, tt.event); got != tt.want {
			t.Errorf("Matches(%q, %q) = %v, want %v", tt.subscription, tt.event, got, tt.want)
		}
	}
}

func TestEveryEventNameIsSubscribable(t *testing.T) {
	for _, name := range EventNames {
		got, err := NormalizeEvents([]string{name})
		if err != nil || !slices.Equal(got, []string{name}) {
			t.Errorf("NormalizeEvents([%q]) = %q, %v", name, got, err)
		}
	}
	if len(EventNames) != 19 {
		t.Errorf("%d event names, the protocol has 19", len(EventNames))
	}
}

// FuzzParseRequest checks that no line crashes the parser, that every error is a bad request,
// and that an accepted request survives a round trip through its JSON form.
func FuzzParseRequest(f *testing.F) {
	for _, seed := range []string{
		`{"v":1,"id":1,"type":"run","commands":["split right","focus left"]}`,
		`{"v":1,"id":2,"type":"query","what":"tree"}`,
		`{"v":1,"id":3,"type":"subscribe","events":["client","tile.split"]}`,
		`{"v":1,"id":4,"type":"sync"}`,
		`{"v":2,"id":5,"type":"sync"}`,
		`{"v":1,"id":"x","type":"frob","commands":[null]}`,
		"\xff\x00garbage",
		`[{"v":1}]`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		req, err := ParseRequest(line)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "bad request: ") {
				t.Fatalf("error %q does not start with \"bad request: \"", err)
			}
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error %q is not valid UTF-8", err)
			}
			return
		}
		if req.V != Version || !slices.Contains(RequestTypes, req.Type) {
			t.Fatalf("accepted %q as %+v", line, req)
		}
		again, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseRequest(again)
		if err != nil || !reflect.DeepEqual(back, req) {
			t.Fatalf("round trip of %q: %s gives %+v, %v; want %+v", line, again, back, err, req)
		}
	})
}
