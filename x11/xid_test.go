package x11

import (
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xserver"
	"github.com/fion-wm/fion/internal/xtest"
)

func TestAvoidRange(t *testing.T) {
	tests := []struct {
		name                 string
		start, count, step   uint32
		lo, hi               uint32
		wantStart, wantCount uint32
	}{
		{"no overlap, range below", 100, 10, 1, 200, 300, 100, 10},
		{"no overlap, range above", 400, 10, 1, 200, 300, 400, 10},
		{"touching below is overlap", 191, 10, 1, 200, 300, 191, 9},
		{"range inside the tail", 210, 10, 1, 200, 300, 210, 0},
		{"tail at the range's end", 100, 200, 1, 260, 299, 100, 160},
		{"tail at the range's start", 100, 200, 1, 100, 120, 121, 179},
		{"tail in the middle, more above", 100, 200, 1, 110, 150, 151, 149},
		{"tail in the middle, more below", 100, 200, 1, 250, 260, 100, 150},
		{"step 2", 100, 100, 2, 200, 250, 100, 50},
		{"step 2, above", 100, 100, 2, 100, 120, 122, 89},
		{"empty range", 100, 0, 1, 0, 1000, 100, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, count := avoidRange(tt.start, tt.count, tt.step, tt.lo, tt.hi)
			if start != tt.wantStart || count != tt.wantCount {
				t.Errorf("avoidRange(%d, %d, %d, [%d,%d]) = %d, %d; want %d, %d",
					tt.start, tt.count, tt.step, tt.lo, tt.hi, start, count, tt.wantStart, tt.wantCount)
			}
			if count > 0 {
				last := start + (count-1)*tt.step
				if start < tt.start || last > tt.start+(tt.count-1)*tt.step {
					t.Errorf("result [%d,%d] leaves the server's range", start, last)
				}
				if !(last < tt.lo || start > tt.hi) {
					t.Errorf("result [%d,%d] overlaps the tail [%d,%d]", start, last, tt.lo, tt.hi)
				}
				if (start-tt.start)%tt.step != 0 {
					t.Errorf("result start %d is not on the id grid", start)
				}
			}
		})
	}
}

// xidServer starts an Xvfb that gives each client the smallest id space
// (2^18 ids with 2048 clients instead of 2^21), so running out is quick.
func xidServer(t *testing.T) *xgb.Conn {
	t.Helper()
	srv, err := xserver.Xvfb("640x480", "-maxclients", "2048")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return xtest.Conn(t, srv.Display)
}

// idsPerConnection is how many ids xgb hands out from the setup's range.
func idsPerConnection(c *xgb.Conn) int {
	mask := xproto.Setup(c).ResourceIdMask
	return int(mask / (mask & -mask))
}

// TestXIDsRunOutWithoutRanges is the control for TestUseXIDRanges: without
// UseXIDRanges, xgb fails once the setup's ids are used up.
func TestXIDsRunOutWithoutRanges(t *testing.T) {
	c := xidServer(t)
	n := idsPerConnection(c)
	for i := 0; ; i++ {
		if _, err := c.NewId(); err != nil {
			if i < n {
				t.Fatalf("NewId failed after %d ids, before the %d of the setup were used: %v", i, n, err)
			}
			return
		}
		if i > n+100 {
			t.Fatalf("NewId still works after %d ids; the setup gave %d, so the exhaustion test proves nothing", i, n)
		}
	}
}

// TestUseXIDRanges uses up the connection's ids twice over while keeping a
// few pixmaps alive, creating and freeing pixmaps around each point where
// the ids run out. Every id handed out after that must be accepted by the
// server (no BadIDChoice: not one of the live pixmaps).
func TestUseXIDRanges(t *testing.T) {
	c := xidServer(t)
	if err := UseXIDRanges(c); err != nil {
		t.Fatal(err)
	}
	screen := xproto.Setup(c).DefaultScreen(c)
	n := idsPerConnection(c)
	mask := xproto.Setup(c).ResourceIdMask
	step := mask & -mask

	createPixmap := func(id uint32) error {
		return xproto.CreatePixmapChecked(c, screen.RootDepth, xproto.Pixmap(id), xproto.Drawable(screen.Root), 1, 1).Check()
	}
	live := map[uint32]bool{}
	for range 3 {
		id, err := c.NewId()
		if err != nil {
			t.Fatal(err)
		}
		if err := createPixmap(id); err != nil {
			t.Fatal(err)
		}
		live[id] = true
	}

	const around = 300 // ids created and freed on either side of a refill
	refills := 0
	sinceRefill := 0
	prev := uint32(0)
	for i := 0; refills < 2 || sinceRefill < around; i++ {
		id, err := c.NewId()
		if err != nil {
			t.Fatalf("NewId failed after %d ids (%d refills): %v", i, refills, err)
		}
		if id <= prev {
			refills++ // ids went back down: a fresh range from the server
			t.Logf("after %d ids of %d per connection: %#x follows %#x", i, n, id, prev)
			sinceRefill = 0
		}
		prev = id
		sinceRefill++
		if live[id] {
			t.Fatalf("NewId handed out %#x, which a live pixmap holds", id)
		}
		// Exercise the server near the ends of each range: the ids at the
		// top of the id space, and the first ones of the next range.
		if id&mask >= mask-around*step || sinceRefill <= around {
			if err := createPixmap(id); err != nil {
				t.Fatalf("creating a pixmap with id %#x (id %d, %d refills): %v", id, i, refills, err)
			}
			xproto.FreePixmap(c, xproto.Pixmap(id))
		}
		if i > 4*n {
			t.Fatalf("%d ids taken and only %d refills", i, refills)
		}
	}
	for id := range live {
		if _, err := xproto.GetGeometry(c, xproto.Drawable(id)).Reply(); err != nil {
			t.Errorf("live pixmap %#x is gone: %v", id, err)
		}
	}
}
