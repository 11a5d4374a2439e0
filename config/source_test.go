package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The scanner is tested on the TOML shapes a config may contain: each case names a path and
// where its key and value must be found.
func TestScanSource(t *testing.T) {
	src := strings.Join([]string{
		`# a comment with "quotes" and = and [brackets]`, // 1
		`workspaces = [ "a",  # first`,                   // 2
		`  "b", 'c' ]`,                                   // 3
		`split_ratio=0.5 # the = in a comment`,           // 4
		`  font = "C:\\x \"y\""`,                         // 5
		`note = """`,                                     // 6
		`[not] a table`,                                  // 7
		`key = "still the string" """`,                   // 8
		`colors . bar = "#fff"`,                          // 9
		`when = 1979-05-27 07:32:00Z`,                    // 10
		`[ keys ]`,                                       // 11
		`"Mod4+a k" = 'exec xterm'`,                      // 12
		`'Mod4+[' = "split right"`,                       // 13
		`"Mod4+\u0041" = "close"`,                        // 14
		`[modes."re size"]`,                              // 15
		`"h" = { x = 1, y = [2, 3] }`,                    // 16
		`[[list]]`,                                       // 17
		`n = 1`,                                          // 18
		`[[list]]`,                                       // 19
		`  n = 2`,                                        // 20
	}, "\n")
	var tree map[string]any
	if _, err := toml.Decode(src, &tree); err != nil { // the scanner expects valid TOML
		t.Fatal(err)
	}
	s := scanSource(src)
	for _, c := range []struct {
		path       []string
		key, value pos
	}{
		{[]string{"workspaces"}, pos{2, 1}, pos{2, 14}},
		{[]string{"workspaces", "[0]"}, pos{2, 16}, pos{2, 16}},
		{[]string{"workspaces", "[1]"}, pos{3, 3}, pos{3, 3}},
		{[]string{"workspaces", "[2]"}, pos{3, 8}, pos{3, 8}},
		{[]string{"split_ratio"}, pos{4, 1}, pos{4, 13}},
		{[]string{"font"}, pos{5, 3}, pos{5, 10}},
		{[]string{"note"}, pos{6, 1}, pos{6, 8}},
		{[]string{"colors", "bar"}, pos{9, 1}, pos{9, 16}},
		{[]string{"colors"}, pos{9, 1}, pos{9, 1}}, // made by the dotted key
		{[]string{"when"}, pos{10, 1}, pos{10, 8}},
		{[]string{"keys"}, pos{11, 1}, pos{11, 1}},
		{[]string{"keys", "Mod4+a k"}, pos{12, 1}, pos{12, 14}},
		{[]string{"keys", "Mod4+["}, pos{13, 1}, pos{13, 12}},
		{[]string{"keys", "Mod4+A"}, pos{14, 1}, pos{14, 17}},
		{[]string{"modes", "re size"}, pos{15, 1}, pos{15, 1}},
		{[]string{"modes", "re size", "h"}, pos{16, 1}, pos{16, 7}},
		{[]string{"modes", "re size", "h", "x"}, pos{16, 9}, pos{16, 13}},
		{[]string{"modes", "re size", "h", "y", "[1]"}, pos{16, 24}, pos{16, 24}},
		{[]string{"list", "[0]", "n"}, pos{18, 1}, pos{18, 5}},
		{[]string{"list", "[1]", "n"}, pos{20, 3}, pos{20, 7}},
		{[]string{"list", "[1]"}, pos{19, 1}, pos{19, 1}},
		// Not written: the nearest enclosing one, else the top of the file.
		{[]string{"keys", "Mod4+z"}, pos{11, 1}, pos{11, 1}},
		{[]string{"nothing"}, pos{1, 1}, pos{1, 1}},
	} {
		if got := s.key(c.path...); got != c.key {
			t.Errorf("key %q at %v, want %v", c.path, got, c.key)
		}
		if got := s.value(c.path...); got != c.value {
			t.Errorf("value of %q at %v, want %v", c.path, got, c.value)
		}
	}
	for _, k := range []string{"key", "not"} { // inside the multi-line string: not keys
		if _, ok := s.entries[pathKey(k)]; ok {
			t.Errorf("%q recorded from inside a string", k)
		}
		if _, ok := s.tables[pathKey(k)]; ok {
			t.Errorf("[%s] recorded from inside a string", k)
		}
	}
}

func TestInString(t *testing.T) {
	for _, c := range []struct {
		line string
		off  int // byte offset in the decoded string
		col  int
	}{
		{`k = "split rihgt"`, 6, 12},
		{`k = 'split rihgt'`, 6, 12},
		{`k = "a\tb c"`, 4, 11},       // \t is two bytes written, one decoded
		{`k = "\u00e9 x"`, 3, 13},     // é is two bytes decoded, six written
		{`k = "\U0001F600 x"`, 5, 17}, // four bytes decoded, ten written
		{`k = "\"q\" x"`, 4, 12},
		{`k = "abc"`, 3, 9}, // the end of the text: the closing quote
		{"k = \"\"\"\nsplit\"\"\"", 2, 5},
	} {
		s := scanSource(c.line)
		if got := s.inString(c.off, "k"); got.Col != c.col || got.Line != 1 {
			t.Errorf("%s: offset %d at %v, want 1:%d", c.line, c.off, got, c.col)
		}
	}
}

// Keys and table headers written twice are found, except in arrays of tables, where each
// [[header]] starts a new table.
func TestScanSourceFindsWhatIsWrittenTwice(t *testing.T) {
	src := strings.Join([]string{
		`border = 1`,                // 1
		`[[list]]`,                  // 2
		`n = 1`,                     // 3
		`[[list]]`,                  // 4
		`n = 2`,                     // 5
		`[keys]`,                    // 6
		`"a" = "x"`,                 // 7
		`  'a' = "y"`,               // 8
		`[keys]`,                    // 9
		`border = { b = 1, b = 2 }`, // 10: a new key under [keys], and b twice
	}, "\n")
	var got []string
	for _, r := range scanSource(src).twice {
		got = append(got, fmt.Sprintf("%q table=%v %v %v", r.path, r.table, r.first, r.again))
	}
	want := []string{
		`["keys" "a"] table=false {7 1} {8 3}`,
		`["keys"] table=true {6 1} {9 1}`,
		`["keys" "border" "b"] table=false {10 12} {10 19}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("written twice:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Text that is not TOML is scanned without a panic: syntax errors scan it too.
// FuzzScanSource also fuzzes checkNesting (nesting.go), which scans the same text.
func FuzzScanSource(f *testing.F) {
	for _, s := range []string{`"`, `'`, "\"\n", "'\n", `[`, `[[`, `a = """`, `a = [1, {b = '`, "\"a\\", `x.`, "[keys]\n\"Mod4+h\" = 1\n\"Mod4+h\" = 2"} {
		f.Add(s)
	}
	// The nesting check reads the same text, before the decoder: neither may panic on any text.
	f.Fuzz(func(t *testing.T, src string) {
		scanSource(src)
		checkNesting("fion.toml", src)
	})
}
