package layoutfile

import (
	"reflect"
	"testing"
)

// FuzzParse reads anything as a layout file: it must not panic, and a file it accepts, written
// back, reads as the same layout and writes the same text again.
func FuzzParse(f *testing.F) {
	for _, s := range []string{dev, "{}", `{"tabs": ["a", {"role": "b"}]}`, `{"top": {}, "bottom": {"left": {}, "right": {"focus": true}}, "ratio": 0.25}`,
		`{"screens": [{"name": "A", "workspaces": {"1": {"name": "x"}, "2": {}}}]}`, `{"left": {}}`, `{"a": 1e999}`, "[", `{"name": "\u00e9\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.json", data)
		if err != nil {
			if file != nil {
				t.Fatalf("Parse returned a layout and an error: %v", err)
			}
			return
		}
		text := Marshal(file)
		again, err := Parse("fuzz.json", text)
		if err != nil {
			t.Fatalf("its own text does not parse: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(again, file) {
			t.Fatalf("read back as another layout:\n%s\nfrom\n%s", Marshal(again), text)
		}
		if string(Marshal(again)) != string(text) {
			t.Fatalf("written again differently:\n%s\nthen\n%s", Marshal(again), text)
		}
	})
}
