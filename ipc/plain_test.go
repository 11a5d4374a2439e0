package ipc

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{ "a" : [ 1, -2.5e3, true, false, null ] }`, `{"a":[1,-2.5e3,true,false,null]}`},
		{`"plain"`, `"plain"`},
		{`"\u003cb\u003e \u0026 <i>"`, `"<b> & <i>"`},
		{`"q\"q \\ \/"`, `"q\"q \\ /"`},
		{`"a\u001b[31mb\nc\u0000d\t\r\b\f"`, `"a�[31mb�c�d����"`},
		{`"del \u007f, c1 \u0085 and ` + "\u0085" + `, not c1 \u00a0"`, `"del �, c1 � and �, not c1 ` + "\u00a0" + `"`},
		{`"\ud83d\ude00 and \uD83D\uDE00"`, `"😀 and 😀"`},
		{`"lone \ud800 and \udc00 and \ud800\u0041"`, `"lone � and � and �A"`},
		{`"\u2028 stays"`, "\"\u2028 stays\""},
		{`"é ü 中"`, `"é ü 中"`},
		{`{"k\u0001":"v"}`, `{"k�":"v"}`},
	}
	for _, tt := range tests {
		if got := string(plainJSON(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("plainJSON(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// plainText is s with its control characters replaced by U+FFFD.
func plainText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// plainValue is what a decoded JSON value becomes once its strings lose their control
// characters; false when two keys of an object become one (which one wins is then undefined).
func plainValue(v any) (any, bool) {
	switch v := v.(type) {
	case string:
		return plainText(v), true
	case []any:
		for i := range v {
			var ok bool
			if v[i], ok = plainValue(v[i]); !ok {
				return nil, false
			}
		}
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			pk := plainText(k)
			pe, ok := plainValue(e)
			if _, dup := out[pk]; dup || !ok {
				return nil, false
			}
			out[pk] = pe
		}
		return out, true
	}
	return v, true
}

// FuzzPlainJSON: for any valid JSON, the plain form is valid JSON with the same value but for
// the control characters of its strings, has no control byte, and escapes nothing but '"' and '\'.
func FuzzPlainJSON(f *testing.F) {
	for _, s := range []string{`{"title":"a\u001bb\nc"}`, `["\ud83d\ude00",1,null]`, `"\u0085\u00e9"`, `{"a":{"b":[true,"\\\""]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var decoded any
		if json.Unmarshal(in, &decoded) != nil {
			return
		}
		want, ok := plainValue(decoded)
		if !ok {
			return
		}
		out := plainJSON(nil, in)
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("plainJSON(%q) = %q, not JSON: %v", in, out, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("plainJSON(%q) = %q, which is %#v; want %#v", in, out, got, want)
		}
		for i, r := range string(out) {
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
				t.Fatalf("plainJSON(%q) = %q has the control %U at byte %d", in, out, r, i)
			}
		}
		if strings.Contains(strings.NewReplacer(`\\`, "", `\"`, "").Replace(string(out)), `\`) {
			t.Fatalf("plainJSON(%q) = %q escapes more than '\"' and '\\'", in, out)
		}
	})
}

// handlerFunc answers every request with a function.
type handlerFunc func(Request) Reply

func (f handlerFunc) Handle(req Request) Reply { return f(req) }

// hostileTab is a tab as fion's window manager marshals it, with what a hostile client can set.
type hostileTab struct {
	Title    string `json:"title"`
	Class    string `json:"class"`
	Instance string `json:"instance"`
}

// noControls fails the test if line has a control byte or a \u escape.
func noControls(t *testing.T, what, line string) {
	t.Helper()
	for i, r := range line {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			t.Fatalf("%s has the control %U at byte %d: %.200q", what, r, i, line)
		}
	}
	if strings.Contains(line, `\u`) {
		t.Fatalf("%s has a \\u escape: %.200q", what, line)
	}
}

// What clients set reaches the socket's readers without control characters, and costs at most
// three bytes a byte: 400 windows with titles of 4096 control characters make a tree that can
// be read, where each cost 6 bytes a byte and 45 such windows made a line too long to read.
func TestClientStringsReachTheSocketPlain(t *testing.T) {
	title := "a\x1b[31mb\nc\x00d\x7f\u0085e <&> \"q\" \\ \u2028 😀"
	wantTitle := "a�[31mb�c�d��e <&> \"q\" \\ \u2028 😀"
	hostile := strings.Repeat("\x01", 4096)
	s, _ := listen(t, handlerFunc(func(req Request) Reply {
		tabs := []hostileTab{{Title: title, Class: "x\ty", Instance: "i\x1b"}}
		for range 400 {
			tabs = append(tabs, hostileTab{Title: hostile, Class: hostile[:512], Instance: hostile[:511]})
		}
		result, err := json.Marshal(tabs) // as wm/control.go does: HTML and controls escaped
		if err != nil {
			t.Error(err)
		}
		return Reply{OK: true, Result: result}
	}))
	r := dialRaw(t, s.Path())
	r.send(`{"v":1,"id":1,"type":"query","what":"tree"}`)
	line := r.line()
	noControls(t, "the tree", line)
	var reply struct {
		OK     bool
		Result []hostileTab
	}
	if err := json.Unmarshal([]byte(line), &reply); err != nil || !reply.OK || len(reply.Result) != 401 {
		t.Fatalf("the tree: %v, ok %v, %d tabs: %.300s", err, reply.OK, len(reply.Result), line)
	}
	if got := reply.Result[0]; got.Title != wantTitle || got.Class != "x�y" || got.Instance != "i�" {
		t.Fatalf("the tab %+v, want title %q, class %q, instance %q", got, wantTitle, "x�y", "i�")
	}
	if len(line) > 401*3*(4096+1024)+1024 {
		t.Fatalf("the tree is %d bytes for 401 tabs", len(line))
	}

	r.send(`{"v":1,"id":2,"type":"subscribe","events":["client"]}`)
	r.reply()
	s.Publish("client.title", hostileTab{Title: title, Class: "x\ty", Instance: "i\x1b"})
	line = r.line()
	noControls(t, "the event", line)
	var event struct{ Data hostileTab }
	if err := json.Unmarshal([]byte(line), &event); err != nil || event.Data.Title != wantTitle {
		t.Fatalf("the event %s: %v; want the title %q", line, err, wantTitle)
	}
}
