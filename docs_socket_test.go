package main

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/fion-wm/fion/ipc"
	"github.com/fion-wm/fion/wm"
)

// TestManDocumentsEverySocketField keeps fion.1's CONTROL SOCKET section in step with the JSON that
// fion sends: every field of the state and of every event, and every event name.
func TestManDocumentsEverySocketField(t *testing.T) {
	documented := map[string]bool{}
	li := regexp.MustCompile(`^\.(?:It )?Li (.*)$`)
	for _, l := range manSection(t, readMan(t), "CONTROL SOCKET") {
		if m := li.FindStringSubmatch(l.text); m != nil {
			for _, w := range strings.Fields(m[1]) {
				documented[strings.Trim(w, ",.;:()")] = true
			}
		}
	}
	types := []any{wm.Tree{}, wm.ScreenState{}, wm.WorkspaceState{}, wm.NodeState{}, wm.TileState{}, wm.TabState{},
		wm.Geometry{}, wm.Binding{}, wm.ClientEvent{}, wm.TileEvent{}, wm.TabEvent{}, wm.WorkspaceEvent{}, wm.ScreenEvent{}}
	for _, v := range types {
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			name := strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]
			if name != "" && !documented[name] {
				t.Errorf("fion.1 CONTROL SOCKET does not document the field %q of %s; add it as .Li %s", name, rt.Name(), name)
			}
		}
	}
	for _, ev := range ipc.EventNames {
		if !documented[ev] {
			t.Errorf("fion.1 CONTROL SOCKET does not document the event %q", ev)
		}
	}
}
