package wm

import (
	"fmt"
	"image"
	"io"
	"testing"

	"github.com/fion-wm/fion/internal/fuzzy"
	"github.com/fion-wm/fion/internal/querybench"
	"github.com/fion-wm/fion/internal/xtest"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// benchCandidates are n windows such as a user has open.
func benchCandidates(n int) []promptCandidate {
	names := []string{"Mozilla Firefox", "xterm", "emacs@host", "Inbox - Thunderbird", "~/src/fion - vim",
		"Slack | general", "LibreOffice Calc", "htop", "mpv: video.mkv", "GNU Image Manipulation Program"}
	out := make([]promptCandidate, n)
	for i := range out {
		out[i] = promptCandidate{id: layout.ClientID(0x400000 + i), title: fmt.Sprintf("%s %d", names[i%len(names)], i),
			class: names[i%len(names)], instance: "instance", recent: i}
	}
	return out
}

// BenchmarkQueryKeystroke200 is what fion does for one character typed into the prompt with 200
// windows open, up to the picture it sends to X: match all 200, rank them, and draw the bar. The
// first drawing, when the prompt opens, is the same with nothing typed (the sub-benchmark "open").
func BenchmarkQueryKeystroke200(b *testing.B) {
	font, err := x11.NewFont(13)
	if err != nil {
		b.Fatal(err)
	}
	st := &x11.BarStyle{Font: font, Bar: 0x22262d, Tab: 0x2b3038, TabText: 0x8f98a3, ActiveTabText: 0xd6dbe1,
		FocusedTab: 0x3d7cc9, FocusedTabText: 0xffffff, Padding: 6}
	cands := benchCandidates(200)
	img := image.NewRGBA(image.Rect(0, 0, 1280, font.Height()+6))
	for _, text := range []string{"", "fi"} {
		name := "typed " + text
		if text == "" {
			name = "open"
		}
		b.Run(name, func(b *testing.B) {
			var out []layout.ClientID
			for b.Loop() {
				out = rankCandidates(fuzzy.Compile(text), cands, cands[0].id, out[:0])
				v := x11.Prompt{Label: "goto", Text: text}
				for _, id := range out {
					v.Items = append(v.Items, cands[int(id)-0x400000].title)
				}
				x11.RenderPrompt(img, &v, st)
			}
		})
	}
}

// TestQueryBenchMeasuresThePrompt runs the measurement cmd/fionbench can make of the prompt
// (package querybench) on fion with 200 windows open, and checks it sees every drawing. The
// figures are logged; the targets are the benchmark's to judge.
func TestQueryBenchMeasuresThePrompt(t *testing.T) {
	e := start(t)
	e.wm.Do(func() { e.wm.debug.SetOutput(io.Discard) }) // -v logs every event: not part of the figures
	var last *xtest.Client
	for i := range 200 {
		last = xtest.NewClient(t, e.srv.Display, xtest.ClientOpts{Title: fmt.Sprintf("window %d", i)})
	}
	xtest.Eventually(t, wait, func() (bool, string) {
		n := 0
		e.wm.Do(func() { n = len(e.wm.clients) })
		return n == 200 && last.Viewable(), fmt.Sprintf("%d windows managed", n)
	})
	e.wm.Sync()
	bar, err := querybench.BarAbove(e.x, last.Win)
	if err != nil {
		t.Fatal(err)
	}
	if want := e.barOf(last); bar != want {
		t.Fatalf("querybench finds the bar at %v, fion draws it at %v", bar, want)
	}
	res, err := querybench.Measure(e.x, bar, []uint32{querybench.SuperL}, 'g', "window 19", wait)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Keys) != len("window 19") || res.Open <= 0 {
		t.Fatalf("measured %+v", res)
	}
	var shown x11.Prompt
	e.wm.Do(func() { shown = e.wm.prompt.drawn })
	if shown.Text != "window 19" || len(shown.Items) == 0 || shown.Items[0] != "window 19" {
		t.Fatalf("after the measurement the prompt shows %q and lists %q, want window 19 first", shown.Text, shown.Items)
	}
	t.Logf("with 200 windows: the prompt drew %v after its key; each typed character %v", res.Open, res.Keys)
}
