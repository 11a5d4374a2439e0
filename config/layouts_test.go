package config

import (
	"slices"
	"strings"
	"testing"
)

func TestLayouts(t *testing.T) {
	c, err := Parse("fion.toml", []byte("workspaces = [\"web\", \"code\"]\n[[layouts]]\nworkspace = \"code\"\nlayout = \"dev\"\n\n[[layouts]]\nscreen = \"HDMI-1\"\nworkspace = 1\nlayout = \"chat\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []WorkspaceLayout{{Workspace: "code", Layout: "dev", Line: 2}, {Screen: "HDMI-1", Workspace: "1", Layout: "chat", Line: 6}}
	if !slices.Equal(c.Layouts, want) {
		t.Errorf("layouts %+v, want %+v", c.Layouts, want)
	}
}

func TestLayoutsMistakes(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"bad keys and values", "[[layouts]]\nworkspace = 0\nlayuot = \"x\"\nlayout = \"../x\"\nscreen = true\n", []string{
			`fion.toml:2:13: layout 1 (line 1): workspace 0 is out of range; numbers count from 1`,
			`fion.toml:3:1: layout 1 (line 1): unknown key "layuot"; did you mean "layout"?`,
			`fion.toml:4:10: layout 1 (line 1): layout name "../x" starts with a dot; give a name that starts with a letter or digit`,
			`fion.toml:5:10: layout 1 (line 1): screen must be a number from 1, or a name in quotes`,
		}},
		{"missing keys", "[[layouts]]\nlayout = \"x\"\n[[layouts]]\nworkspace = 2\n", []string{
			`fion.toml:1:1: layout 1 (line 1) names no workspace: give workspace, a number from 1 or a name`,
			`fion.toml:3:1: layout 2 (line 3) names no layout: give layout, the name of a saved layout, like "code"`,
		}},
		{"a workspace that is not there", "[[layouts]]\nworkspace = 5\nlayout = \"x\"\n", []string{
			`fion.toml:2:13: layout 1 (line 1): there is no workspace 5, workspaces has 4 names; add names to workspaces or give another number`,
		}},
		{"twice", "[[layouts]]\nworkspace = 2\nlayout = \"x\"\n[[layouts]]\nworkspace = 2\nlayout = \"y\"\n", []string{
			`fion.toml:4:1: layout 2 (line 4): this workspace has a layout already, on line 1; remove one of them`,
		}},
		{"one table", "[layouts]\nworkspace = 2\n", []string{
			`fion.toml:1:1: "layouts" must be tables: a [[layouts]] line for each workspace, then lines like workspace = 1 and layout = "code"`,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := errorLines(t, c.in); !slices.Equal(got, c.want) {
				t.Errorf("errors of\n%s\ngot:\n%s\nwant:\n%s", c.in, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
