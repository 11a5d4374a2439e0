package layoutfile

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/fion-wm/fion/layout"
)

// Marshal writes f as a layout file, for people to read and edit: a split over several lines, its
// ratio first (none when it is 0.5), each tile on one line, a tab that has only a class as that
// class.
func Marshal(f *File) []byte {
	var b bytes.Buffer
	if f.Plan != nil {
		writeNode(&b, f.Plan, "")
		b.WriteByte('\n')
		return b.Bytes()
	}
	b.WriteString("{\n  \"screens\": [")
	lines(&b, len(f.Screens), "    ", func(i int) {
		s := f.Screens[i]
		b.WriteString("{\n      \"name\": " + quote(s.Name) + ",\n      \"workspaces\": {")
		lines(&b, len(s.Workspaces), "        ", func(j int) {
			b.WriteString(quote(s.Workspaces[j].Name) + ": ")
			writeNode(&b, s.Workspaces[j].Plan, "        ")
		})
		b.WriteString("\n      }\n    }")
	})
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

// lines writes n items of a list or object, each on a line of its own after indent, by item.
func lines(b *bytes.Buffer, n int, indent string, item func(i int)) {
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n" + indent)
		item(i)
	}
}

// writeNode writes plan p; indent is that of the line it starts on.
func writeNode(b *bytes.Buffer, p *layout.Plan, indent string) {
	if !p.Split() {
		writeTile(b, p)
		return
	}
	in := indent + "  "
	b.WriteString("{\n")
	if p.Ratio != 0.5 {
		b.WriteString(in + "\"ratio\": " + strconv.FormatFloat(p.Ratio, 'g', -1, 64) + ",\n")
	}
	a, z := "left", "right"
	if p.Orient == layout.Vertical {
		a, z = "top", "bottom"
	}
	b.WriteString(in + strconv.Quote(a) + ": ")
	writeNode(b, p.A, in)
	b.WriteString(",\n" + in + strconv.Quote(z) + ": ")
	writeNode(b, p.B, in)
	b.WriteString("\n" + indent + "}")
}

// writeTile writes a tile on one line.
func writeTile(b *bytes.Buffer, p *layout.Plan) {
	var parts []string
	if p.Name != "" {
		parts = append(parts, `"name": `+quote(p.Name))
	}
	if p.Focus {
		parts = append(parts, `"focus": true`)
	}
	if len(p.Tabs) > 0 {
		tabs := make([]string, len(p.Tabs))
		for i, id := range p.Tabs {
			tabs[i] = tab(id)
		}
		parts = append(parts, `"tabs": [`+strings.Join(tabs, ", ")+`]`)
	}
	b.WriteString("{" + strings.Join(parts, ", ") + "}")
}

// tab writes one tab: its class alone when that is all it has.
func tab(id layout.Identity) string {
	if id.Instance == "" && id.Role == "" {
		return quote(id.Class)
	}
	var fields []string
	for _, f := range []struct{ key, v string }{{"class", id.Class}, {"instance", id.Instance}, {"role", id.Role}} {
		if f.v != "" {
			fields = append(fields, strconv.Quote(f.key)+": "+quote(f.v))
		}
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

// quote is s as a JSON string, with <, > and & as they are.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
