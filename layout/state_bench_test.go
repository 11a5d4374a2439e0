package layout

import (
	"encoding/json"
	"testing"
)

// BenchmarkSaveState is what fion pays after a batch that changed the model: encoding it and
// marshalling the JSON it writes to _FION_LAYOUT, with 100 clients on 2 screens.
func BenchmarkSaveState(b *testing.B) {
	m := New([]ScreenSpec{{Name: "a", Rect: Rect{W: 1920, H: 1080}}, {Name: "b", Rect: Rect{X: 1920, W: 1280, H: 1024}}},
		[]string{"1", "2", "3", "4"}, Style{BarHeight: 20, Border: 1, MinSize: 32})
	id := ClientID(1)
	for s := range m.Screens {
		m.Current = s
		for w := range 4 {
			m.Screens[s].Current = w
			for range 3 {
				for range 4 {
					m.AddTo(m.Tile(), id)
					id++
				}
				m.Split(Horizontal, 0.5)
			}
		}
	}
	b.ReportAllocs()
	var size int
	var buf []byte
	for b.Loop() {
		buf = m.AppendState(buf[:0])
		size = len(buf)
	}
	if want, _ := json.Marshal(m.Encode()); string(want) != string(buf) {
		b.Fatalf("AppendState wrote\n%s\nwant\n%s", buf, want)
	}
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(id-1), "clients")
}

// AppendState writes what encoding/json writes for names that need escaping (quotes, HTML
// characters, control characters, bytes that are not UTF-8) and for ratios of every size.
func TestAppendStateMatchesEncodingJSON(t *testing.T) {
	m := New([]ScreenSpec{{Name: "a\"<b>&\\c", Rect: Rect{W: 1920, H: 1080}}, {Name: "é\x01\xff", Rect: Rect{X: 1920, W: 800, H: 600}}},
		[]string{"one", "t<w>o", "\u2028x", "\x7f"}, Style{BarHeight: 20, Border: 1, MinSize: 32})
	m.AddTo(m.Tile(), 7)
	ratios := []float64{0.5, 1.0 / 3, 1e-7, 0.999999999}
	for range ratios {
		if !m.Split(Vertical, 0.5) {
			t.Fatal("cannot split")
		}
	}
	for n, i := m.Workspace().Root, 0; n.Tile == nil; n, i = n.B, i+1 {
		n.Ratio = ratios[i]
	}
	m.SetFullscreen(7, true)
	want, _ := json.Marshal(m.Encode())
	if got := m.AppendState(nil); string(got) != string(want) {
		t.Errorf("AppendState wrote\n%s\nencoding/json\n%s", got, want)
	}
}
