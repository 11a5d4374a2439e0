package x11

import (
	"fmt"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xcmisc"
	"github.com/jezek/xgb/xproto"
)

// xidTail is how many ids at the end of the range in use are kept out of
// the next range. xgb hands ids out through a small buffered channel, and a
// caller may hold an id it has not yet created anything with: the server
// sees those ids as free, so a fresh range could hand them out a second time.
// xgb buffers 5; the rest is room for ids held by callers.
const xidTail = 64

// UseXIDRanges lets c reuse resource ids: once the ids from the connection
// setup are used up, xgb asks this function for more, and it asks the
// server (XC-MISC GetXIDRange) for a range of ids no live resource holds.
// Without it xgb fails every NewId after about two million windows,
// pixmaps and GCs, which a window manager running for months reaches.
func UseXIDRanges(c *xgb.Conn) error {
	if err := initExtension(c, "XC-MISC", xcmisc.Init); err != nil {
		return fmt.Errorf("cannot reuse X resource ids, the server lacks the XC-MISC extension: %w", err)
	}
	setup := xproto.Setup(c)
	r := &xidRanges{
		step: setup.ResourceIdMask & -setup.ResourceIdMask,
		lo:   setup.ResourceIdBase,
		hi:   setup.ResourceIdBase | setup.ResourceIdMask,
	}
	c.SetIDRangeFunc(r.next)
	return nil
}

// xidRanges remembers the range xgb is drawing ids from, to keep its tail
// out of the next one. xgb calls next from its id goroutine only, but the
// lock keeps that an implementation detail of xgb's rather than a promise.
type xidRanges struct {
	mu     sync.Mutex
	step   uint32 // distance between consecutive ids: the mask's lowest bit
	lo, hi uint32 // the range in use, inclusive
}

// next asks the server for a free range. It runs on xgb's id goroutine,
// which may block on a reply: replies are read by another goroutine.
func (r *xidRanges) next(c *xgb.Conn) (start, count uint32, err error) {
	reply, err := xcmisc.GetXIDRange(c).Reply()
	if err != nil {
		return 0, 0, fmt.Errorf("XC-MISC GetXIDRange: %w", err)
	}
	if reply.Count == 0 {
		return 0, 0, fmt.Errorf("the X server has no free resource ids left for this connection (too many windows or pixmaps alive)")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	tailLo := r.lo
	if span := (r.hi - r.lo) / r.step; span > xidTail {
		tailLo = r.hi - xidTail*r.step
	}
	start, count = avoidRange(reply.StartId, reply.Count, r.step, tailLo, r.hi)
	if count == 0 {
		return 0, 0, fmt.Errorf("the X server's free resource ids (%d from %#x) are all still held by this connection", reply.Count, reply.StartId)
	}
	r.lo, r.hi = start, start+(count-1)*r.step
	return start, count, nil
}

// avoidRange returns the larger part of the id range [start, start+count*step)
// that lies outside [lo, hi] (inclusive), as a start and a count.
func avoidRange(start, count, step, lo, hi uint32) (uint32, uint32) {
	if count == 0 {
		return start, 0
	}
	last := start + (count-1)*step
	if last < lo || start > hi {
		return start, count // no overlap
	}
	var below, above uint32 // ids left before lo and after hi
	if start < lo {
		below = (lo - start) / step
	}
	if last > hi {
		above = (last - hi) / step
	}
	if above > below {
		return last - (above-1)*step, above
	}
	return start, below
}

// initExtension makes an xgb extension usable on c. xgb's Init writes package-wide event and
// error tables that the reader goroutine of every connection in the process reads while it
// decodes: writing them while any reader runs is a data race (and Go maps may crash on it). So the
// tables are written once per process, by the first connection, and any later connection only
// learns its own major opcode.
func initExtension(c *xgb.Conn, name string, init func(*xgb.Conn) error) error {
	c.ExtLock.RLock()
	_, ok := c.Extensions[name]
	c.ExtLock.RUnlock()
	if ok {
		return nil
	}
	once, _ := extensionInits.LoadOrStore(name, new(sync.Once))
	first, err := false, error(nil)
	once.(*sync.Once).Do(func() { first, err = true, init(c) })
	if first {
		return err
	}
	r, err := xproto.QueryExtension(c, uint16(len(name)), name).Reply()
	if err != nil {
		return err
	}
	if !r.Present {
		return fmt.Errorf("the X server has no %s extension", name)
	}
	c.ExtLock.Lock()
	c.Extensions[name] = r.MajorOpcode
	c.ExtLock.Unlock()
	return nil
}

// extensionInits holds a sync.Once per extension name: see initExtension.
var extensionInits sync.Map
