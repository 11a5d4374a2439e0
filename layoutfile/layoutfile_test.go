package layoutfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fion-wm/fion/layout"
)

// dev is a layout as a person writes it: an editor on the left, terminals above a browser on the
// right.
const dev = `{
  "ratio": 0.6,
  "left": {"name": "editor", "tabs": ["Emacs"]},
  "right": {
    "top": {"name": "terms", "focus": true, "tabs": ["XTerm", {"class": "XTerm", "role": "log"}]},
    "bottom": {"tabs": [{"instance": "Navigator"}]}
  }
}
`

func TestParseAWorkspace(t *testing.T) {
	f, err := Parse("dev.json", []byte(dev))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{Plan: &layout.Plan{Orient: layout.Horizontal, Ratio: 0.6,
		A: &layout.Plan{Name: "editor", Tabs: []layout.Identity{{Class: "Emacs"}}},
		B: &layout.Plan{Orient: layout.Vertical, Ratio: 0.5,
			A: &layout.Plan{Name: "terms", Focus: true, Tabs: []layout.Identity{{Class: "XTerm"}, {Class: "XTerm", Role: "log"}}},
			B: &layout.Plan{Tabs: []layout.Identity{{Instance: "Navigator"}}},
		},
	}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got %s\nwant %s", Marshal(f), Marshal(want))
	}
	if got := string(Marshal(f)); got != dev {
		t.Errorf("written back:\n%s\nwant\n%s", got, dev)
	}
}

func TestParseEveryScreen(t *testing.T) {
	text := `{
  "screens": [
    {
      "name": "DP-1",
      "workspaces": {
        "1": {"name": "main", "tabs": ["Firefox"]},
        "mail": {
          "top": {},
          "bottom": {"tabs": ["Thunderbird"]}
        }
      }
    },
    {
      "name": "HDMI-1",
      "workspaces": {
        "1": {}
      }
    }
  ]
}
`
	f, err := Parse("all.json", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if f.Plan != nil || len(f.Screens) != 2 || f.Screens[0].Workspaces[1].Name != "mail" || !f.Screens[0].Workspaces[1].Plan.Split() {
		t.Errorf("read %+v", f)
	}
	if got := string(Marshal(f)); got != text {
		t.Errorf("written back:\n%s\nwant\n%s", got, text)
	}
}

// Every mistake is found, each at its place with the fix.
func TestParseMistakes(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"", "x.json:1:1: the file ends before the layout does; a closing } or ] is missing"},
		{`{"left": {}, "right": {}`, "x.json:1:25: the file ends before the layout does; a closing } or ] is missing"},
		{"{\n  \"tabs\": [\"XTerm\",]\n}", `x.json:2:20: invalid character ']' looking for beginning of value; no comma goes after the last item of an object or list`},
		{`{"name"}`, `x.json:1:8: invalid character '}' after object key; a colon and a value follow a key, like "name": "editor"`},
		{`{name: "x"}`, `x.json:1:2: invalid character 'n' looking for beginning of object key string; write keys in double quotes, like "name"`},
		{`{} {}`, `x.json:1:4: invalid character '{' after top-level value; a file holds one layout: remove what follows it`},
		{`[]`, `x.json:1:1: a layout is an object: {"name": "editor"} for one tile, {"left": {...}, "right": {...}} for two side by side (LAYOUT FILES in fion(1))`},
		{`{"nmae": "x"}`, `x.json:1:2: unknown key "nmae"; did you mean "name"?`},
		{`{"left": {}}`, `x.json:1:1: this split has a left but no right; give both, or make it a tile`},
		{`{"left": {}, "bottom": {}}`, `x.json:1:1: a split is left and right (side by side) or top and bottom (one above the other), not both: put a split inside the other`},
		{`{"top": {}, "bottom": {}, "ratio": 1.5}`, `x.json:1:36: ratio must be a number between 0 and 1, such as 0.6: the share of the top part (0.5 when left out)`},
		{`{"top": {}, "bottom": {}, "ratio": "0.3"}`, `x.json:1:36: ratio must be a number between 0 and 1, such as 0.6: the share of the top part (0.5 when left out)`},
		{`{"ratio": 0.3}`, `x.json:1:11: a tile has no ratio: ratio is the share of a split's left or top part`},
		{`{"left": {}, "right": {}, "name": "x"}`, `x.json:1:35: a split has no name: put it in one of its tiles`},
		{`{"name": "my editor"}`, `x.json:1:10: tile name "my editor" has a space or a control character; use - or _ instead`},
		{"{\"left\": {\"name\": \"a\"},\n \"right\": {\"name\": \"a\"}}", `x.json:2:20: tile name "a" is used twice, here and on line 1; a name names one tile`},
		{`{"left": {"focus": true}, "right": {"focus": true}}`, `x.json:1:46: two tiles of this workspace have the focus, here and on line 1; give it to one`},
		{`{"focus": "yes"}`, `x.json:1:11: focus must be true or false (without quotes): true gives this tile the focus`},
		{`{"tabs": "XTerm"}`, `x.json:1:10: tabs must be a list of the windows of the tile, like ["XTerm", {"class": "XTerm", "role": "log"}]`},
		{`{"tabs": [{"clas": "XTerm"}]}`, `x.json:1:11: this tab names no window; give its class, instance or role (xprop WM_CLASS WM_WINDOW_ROLE shows them)` + "\n" +
			`x.json:1:12: unknown key "clas"; did you mean "class"?`},
		{`{"tabs": [""]}`, `x.json:1:11: a tab's class is 1 to 256 bytes, as WM_CLASS says it (xprop WM_CLASS: the second word)`},
		{`{"tabs": [3]}`, `x.json:1:11: a tab is a window's class in quotes, like "XTerm", or an object like {"class": "XTerm", "role": "log"}`},
		{`{"name": "a", "name": "b"}`, `x.json:1:15: "name" is written twice in this object, here and on line 1; remove one of them`},
		{`{"screens": [{"workspaces": {"1": {}}}]}`, `x.json:1:14: this screen has no name; give the name of its monitor, such as "name": "DP-1" (see fionctl get screens)`},
		{`{"screens": [{"name": "A", "workspaces": {}}]}`, `x.json:1:42: a screen's workspaces are an object of layouts by workspace name, like "workspaces": {"1": {...}, "2": {...}}`},
		{`{"screens": [], "tabs": []}`, "x.json:1:13: screens must be a list of screens, like [{\"name\": \"DP-1\", \"workspaces\": {\"1\": {...}}}]\n" +
			`x.json:1:17: unknown key "tabs"; a layout of every screen has "screens"`},
	} {
		_, err := Parse("x.json", []byte(c.text))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.text, err, c.want)
		}
	}
}

// Splits nested past maxDepth, and JSON nested past anything a layout needs, are refused.
func TestParseBounds(t *testing.T) {
	deep := strings.Repeat(`{"left": {}, "right": `, maxDepth+1) + "{}" + strings.Repeat("}", maxDepth+1)
	if _, err := Parse("x.json", []byte(deep)); err == nil || !strings.Contains(err.Error(), "splits nest more than 32 deep here") {
		t.Errorf("a tree %d deep: %v", maxDepth+1, err)
	}
	for _, n := range []int{100, 100000} { // deeper than encoding/json reads, too
		nested := strings.Repeat("[", n) + strings.Repeat("]", n)
		if _, err := Parse("x.json", []byte(`{"tabs": `+nested+`}`)); err == nil || !strings.Contains(err.Error(), "nest") && !strings.Contains(err.Error(), "max depth") {
			t.Errorf("lists nested %d deep: %v", n, err)
		}
	}
}

func TestCheckName(t *testing.T) {
	for name, ok := range map[string]bool{"code": true, "mail-2": true, "été": true, "": false, ".hidden": false,
		"a/b": false, "../x": false, "a b": false, "code.json": false, strings.Repeat("x", 65): false} {
		if err := CheckName(name); (err == nil) != ok {
			t.Errorf("CheckName(%q) = %v", name, err)
		}
	}
}

// Write replaces a file whole, and Read reads it back; a file that is not there says how to
// make one.
func TestWriteAndRead(t *testing.T) {
	dir := t.TempDir()
	path, err := Path(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir, "dev"); err == nil || err.Error() != path+`: the layout does not exist; save one with "layout save dev", or write it (LAYOUT FILES in fion(1))` {
		t.Errorf("loading a missing layout: %v", err)
	}
	if _, err := Read(path); err == nil || err.Error() != path+`: the layout does not exist; give the path of a layout file` {
		t.Errorf("reading a missing layout: %v", err)
	}
	for _, text := range []string{"{}", dev} {
		if err := Write(path, []byte(text)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != text {
			t.Errorf("the file holds %q, want %q", got, text)
		}
	}
	if f, err := Read(path); err != nil || f.Plan.A.Name != "editor" {
		t.Errorf("Read: %+v, %v", f, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %v; want the layout alone", entries)
	}
	if err := Write(filepath.Join(path, "x.json"), []byte("{}")); err == nil || !strings.Contains(err.Error(), "cannot write the layout") {
		t.Errorf("writing into a folder that is a file: %v", err)
	}
}
