package layout

import (
	"math/rand"
	"testing"
	"time"
)

func TestZZSlow(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		data := make([]byte, r.Intn(500))
		r.Read(data)
		start := time.Now()
		in := &fuzzInput{data: data}
		fz := newFuzzer(in.byte())
		for step := 0; step < 200 && !in.done(); step++ {
			fz.step(t, in)
		}
		if d := time.Since(start); d > 200*time.Millisecond {
			t.Logf("input %d len %d took %v tiles %d", i, len(data), d, len(fz.allTileList()))
		}
	}
}
