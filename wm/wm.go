// Package wm is FION's window manager loop: one goroutine owns all state, takes X events, key
// chords and commands, changes the layout model, and reconciles what X shows with the model
// (apply.go) in as few requests as it can.
//
// It imports layout (the model), x11 (the X side), keys and config; nothing imports wm but main.
package wm

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/keys"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// Options is how main starts the window manager.
type Options struct {
	Display    string         // "" for $DISPLAY
	Replace    bool           // take over from a running window manager
	Config     *config.Config // the config to start with
	ConfigFlag string         // the -c value, for reload
	Verbose    bool           // debug logging
	Stderr     io.Writer      // where messages go; nil for os.Stderr
	// Exec starts a command line for the exec command, in a session of its own; nil starts it
	// directly. main passes the supervisor's (supervised.go). started, when not nil, is called
	// (from any goroutine) with the session's id once it is known: exec places windows by it.
	Exec func(line string, started func(session int)) error
	// Publish sends an event to the control socket's subscribers; nil when there is no socket.
	// It must not block.
	Publish func(event string, data any)
	// Unreadable says why fion's sandbox keeps it from reading a file and what to do, or "";
	// nil when fion does not restrict itself (package sandbox).
	Unreadable func(path string) string
	Version    string // fion's version, for the version query
	// Restart asks fion's supervisor to check the fion on PATH and start it in this one's place
	// (which then hands the windows over: handover.go). It returns once the new fion is starting,
	// or with why not. nil when fion runs without a supervisor.
	Restart func() error
	// LayoutDir is the folder of the saved layouts (layout save, layout load); "" for none.
	LayoutDir string
	// Closing is called when fion stops managing the display, before it lets the display go:
	// main closes the control socket there, so that the next fion may open it at the same path.
	Closing func()
}

// WM is the window manager's whole state. Only the loop goroutine touches it.
type WM struct {
	x       *x11.Conn
	opts    Options
	cfg     *config.Config
	model   *layout.Model
	log     *log.Logger
	debug   *log.Logger
	check   xproto.Window // _NET_SUPPORTING_WM_CHECK, and what has the input focus when no client does
	clients map[xproto.Window]*client
	order   []xproto.Window // managed clients, oldest first (_NET_CLIENT_LIST)
	frames  map[int]*frame  // by tile ID
	owners  map[xproto.Window]*frame

	floatFrames map[xproto.Window]*client // floating clients by frame window
	deadFrames  []xproto.Window           // frames to destroy once their client is out
	overlapping []xproto.Window           // rebuilt by apply: frames showing a fullscreen client, then floating frames
	stacked     []xproto.Window           // the overlapping windows in the order last stacked
	fullShown   int                       // how many fullscreen windows show, at the last apply
	restack     bool                      // a window was created or mapped on top: stack again
	docks       map[xproto.Window]*dock
	rootW       int // the root window's size, which struts are measured from
	rootH       int
	urgentSeq   uint64    // counts clients becoming urgent
	idWarned    time.Time // when fion last said it has no X resource id left

	look     *look // font and colours
	keyboard *keys.Keyboard
	keymap   *keys.Keymap
	bindings *keys.Map
	modes    map[string]*keys.Map
	mode     string       // current key mode; "" is the default bindings
	chain    []keys.Chord // chords of a key chain typed so far, as bound
	chains   int          // key chains started, to tell a chain's timer whether it is still its chain
	grabs    keys.Grabs   // the key grabs held on the root

	time       xproto.Timestamp // of the newest event that carried one
	moved      bool             // apply moved, mapped or unmapped windows
	enterFence uint16           // sequence number after fion last moved windows (see enter)
	crossed    point            // where the pointer was at the last crossing event fion saw (see enter)
	left       bool             // the event just handled was a LeaveNotify of a pointer motion
	holderAt   layout.Rect      // where the focus holder (check) was last put
	keysOn     string           // the screen that had the keys at the last apply
	focused    xproto.Window    // the window FION last gave the input focus
	announced  xproto.Window    // the client subscribers last heard had the focus (client.focus)
	drag       *drag
	prompt     *prompt // the query prompt while it is open (query.go)
	// Work gathered over a batch of events and done once before apply.
	monitorsChanged bool
	keyboardChanged bool
	titles          map[*client]bool // clients whose title changed, read at most every titleEvery
	titlesRead      time.Time        // when fion last read changed titles
	titlesNow       bool             // read them in this batch, however recently: a Sync or a call wants what X shows
	titleTimer      *time.Timer      // runs while changed titles wait for their turn (titleWaits)
	titleWaits      bool
	propsChanged    bool        // readTitles read changed properties of muted clients: the batch applies
	idleTimer       *time.Timer // runs while the idle loop waits tidyIdle before it tidies (tidyWaits)
	tidyWaits       bool
	barDraws        int // tab bars drawn so far: they are drawn only when what they show changed
	fontReads       int // reloads that read fonts: only the last one's fonts are used
	ewmh            ewmhState
	shown           map[string]int // screen name: the workspace it showed at the last apply
	allocs          [1]metrics.Sample
	tidied          uint64    // bytes allocated when fion last tidied
	allocsRead      time.Time // when fion last read allocs
	worked          bool      // the loop handled a batch since it last went idle
	calls           chan call
	done            chan struct{}            // closed when the loop has ended
	syncs           map[uint32]chan struct{} // Sync calls waiting for their marker event
	synced          []chan struct{}          // ... whose marker arrived: released after apply
	syncToken       uint32
	fetched         map[xproto.Window]fetch // the properties of windows this batch maps, asked for
	unmapping       map[*client]bool        // clients with unmaps of fion's still to come
	destroyedNext   bool                    // the window of the event being handled is destroyed later in its batch
	savedLayout     []byte                  // what _FION_LAYOUT holds, as fion last wrote or read it
	launches        launches                // the programs exec started lately: where their windows go
	layoutBuf       []byte                  // where saveLayout writes the layout to compare it with that
	// inherited counts, for each X client that left frames fion adopted (by resource id base),
	// the windows of it still there (see handover.go).
	ruleHits  []int // how many windows each rule of the config matched, since it was read
	inherited map[uint32]int
	inside    map[xproto.Window]*inheritedClient // while adopting: the windows in old frames
	handover  bool                               // the window manager taking over is a fion that adopts fion's frames
	quit      bool
}

// replaceWait is how long --replace waits for the running window manager to leave.
const replaceWait = 5 * time.Second

const rootMask = xproto.EventMaskSubstructureRedirect | xproto.EventMaskSubstructureNotify |
	xproto.EventMaskStructureNotify | xproto.EventMaskPropertyChange | xproto.EventMaskEnterWindow |
	xproto.EventMaskLeaveWindow

// New connects to X, becomes the window manager and adopts the windows already there.
func New(opts Options) (*WM, error) {
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if !opts.Verbose {
		xgb.Logger.SetOutput(io.Discard) // "no .Xauthority" and the like are not the user's concern
	}
	x, err := x11.Connect(opts.Display)
	if err != nil {
		return nil, fmt.Errorf("cannot open display %q: %w", displayName(opts.Display), err)
	}
	w := &WM{
		x:           x,
		opts:        opts,
		cfg:         opts.Config,
		log:         log.New(opts.Stderr, "fion: ", 0),
		debug:       log.New(io.Discard, "fion: debug: ", log.Lmicroseconds),
		clients:     map[xproto.Window]*client{},
		frames:      map[int]*frame{},
		owners:      map[xproto.Window]*frame{},
		docks:       map[xproto.Window]*dock{},
		floatFrames: map[xproto.Window]*client{},
		calls:       make(chan call),
		fetched:     map[xproto.Window]fetch{},
		unmapping:   map[*client]bool{},
		inherited:   map[uint32]int{},
		done:        make(chan struct{}),
		syncs:       map[uint32]chan struct{}{},
		titles:      map[*client]bool{},
		titleTimer:  stoppedTimer(),
		idleTimer:   stoppedTimer(),
		shown:       map[string]int{},
		allocs:      [1]metrics.Sample{{Name: "/gc/heap/allocs:bytes"}},
		holderAt:    layout.Rect{X: -10, Y: -10},
	}
	if opts.Verbose {
		w.debug.SetOutput(opts.Stderr)
	}
	// The fonts are read before fion takes over the display: while it reads, the display is still
	// the old window manager's, or nobody's.
	font, fontErr := ReadFonts(opts.Config)
	if w.check, err = w.createCheckWindow(); err != nil {
		x.Close()
		return nil, fmt.Errorf("cannot create fion's window: %w", err)
	}
	if err := x.TakeOver(w.check, opts.Replace, replaceWait, rootMask); err != nil {
		x.Close()
		switch {
		case errors.Is(err, x11.ErrOtherWM):
			return nil, fmt.Errorf("another window manager is running on %s (use --replace)", displayName(opts.Display))
		case errors.Is(err, x11.ErrNoLeave):
			return nil, fmt.Errorf("the window manager on %s did not leave within %v: it does not follow ICCCM's --replace protocol; stop it first", displayName(opts.Display), replaceWait)
		}
		return nil, err
	}
	x11.SelectMonitorEvents(x.X, x.Root)
	w.rootW, w.rootH = int(x.Screen.WidthInPixels), int(x.Screen.HeightInPixels)
	if g, err := xproto.GetGeometry(x.X, xproto.Drawable(x.Root)).Reply(); err == nil {
		w.rootW, w.rootH = int(g.Width), int(g.Height) // the setup's size is stale after a RandR change
	}
	w.setLook(w.cfg, font)
	w.reportFonts(w.cfg, fontErr)
	w.ruleHits = make([]int, len(w.cfg.Rules))
	w.model = layout.New(w.screens(), w.cfg.Workspaces, w.style())
	w.openKeyboard()
	w.loadKeys()
	w.publishSupport()
	w.initPointer()
	w.adopt()
	w.startLayouts()
	w.warnRules() // after adopt and the layouts of a new session: they name tiles
	w.model.Settle()
	w.apply()
	w.saveLayout()
	return w, nil
}

func displayName(d string) string {
	if d == "" {
		d = os.Getenv("DISPLAY")
	}
	return d
}

func (w *WM) createCheckWindow() (xproto.Window, error) {
	id, err := xproto.NewWindowId(w.x.X)
	if err != nil {
		return 0, err
	}
	xproto.CreateWindow(w.x.X, 0, id, w.x.Root, -10, -10, 1, 1, 0, xproto.WindowClassInputOutput, 0,
		xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{1, xproto.EventMaskPropertyChange})
	// It owns WM_Sn: a fion that this one replaces sees here that it may leave its frames, and the
	// windows in them, as they are (see handover.go).
	w.x.SetCardinals(xproto.Window(id), "_FION_ADOPTS", adoptsVersion)
	xproto.MapWindow(w.x.X, id)
	return id, nil
}

// newID is a fresh X resource id for a window or pixmap of fion's, or false when the X server
// has none left for fion (it would hold some two million of them): then what needed one waits
// until one is free, and fion says so now and then, rather than send requests about id 0.
func (w *WM) newID() (uint32, bool) {
	id, err := w.x.X.NewId()
	if err != nil {
		if now := time.Now(); now.Sub(w.idWarned) > time.Minute {
			w.idWarned = now
			w.log.Printf("the X server has no resource id left for fion (%v): new tiles and tab bars wait for one", err)
		}
		return 0, false
	}
	return id, true
}

// A batch takes at most this many X events and calls, so that under a flood of one (60,000
// windows mapped and destroyed, a script hammering the socket) the others, the key-chain timer and
// signals still get their turn every batch.
const (
	batchEvents = 256
	batchCalls  = 64
)

// call is work handed to the loop from another goroutine: f runs on the loop, and done, when
// set, is closed once the apply after it has been processed by the X server.
type call struct {
	f    func()
	done chan struct{}
}

// Loop is the loop. It returns when fion is told to exit, on SIGTERM/SIGINT (stop), or when the X
// connection is lost (an error). Before its first turn, the first fion of an X session starts the
// autostart commands (autostart.go).
func (w *WM) Loop(stop <-chan os.Signal) error {
	defer close(w.done)
	w.autostart()
	for !w.quit {
		evs, closed := w.x.Events(batchEvents)
		if closed {
			return fmt.Errorf("lost the connection to the X server on %s", displayName(w.opts.Display))
		}
		calls := w.takeCalls()
		if len(evs) == 0 && len(calls) == 0 {
			var titlesDue, tidyDue <-chan time.Time
			if w.titleWaits {
				titlesDue = w.titleTimer.C
			}
			if w.waitToTidy() {
				tidyDue = w.idleTimer.C
			}
			select {
			case <-w.x.Ready():
				continue
			case c := <-w.calls:
				calls = append(calls, c)
			case <-titlesDue:
				w.titleWaits = false // a turn with nothing else: the titles are read now
			case <-tidyDue:
				w.tidyWaits = false
				w.tidy()
				continue
			case sig := <-stop:
				w.debug.Printf("signal %v", sig)
				w.quit = true
				continue
			}
		}
		w.turn(evs, calls)
		select {
		case sig := <-stop:
			w.debug.Printf("signal %v", sig)
			w.quit = true
		default:
		}
	}
	if w.handover {
		w.publish("restart", struct{}{})
		w.closing()
		w.handOver()
		return nil
	}
	w.publish("shutdown", struct{}{})
	w.closing()
	w.release()
	return nil
}

// takeCalls takes the calls that wait, up to batchCalls, without waiting for one.
func (w *WM) takeCalls() []call {
	var calls []call
	for len(calls) < batchCalls {
		select {
		case c := <-w.calls:
			calls = append(calls, c)
		default:
			return calls
		}
	}
	return calls
}

// turn handles one batch: the X events (the properties of every window they map asked for first,
// so that a burst of new windows costs one round trip, not one each), then the calls, then shows
// the result. A call that waits for its result is released once the X server has processed what
// it changed, so a fionctl reply never comes before X shows it.
//
// A batch of nothing but new titles (a program that retitles its window many times a second)
// changes no layout: it redraws the bars that show those titles, and no more.
func (w *WM) turn(evs []x11.Event, calls []call) {
	w.worked = true
	w.x.Hold() // the batch's requests go in one write, at its end
	dead, doomed := w.prefetch(evs)
	full := len(calls) > 0
	for i, e := range evs {
		switch {
		case e.Err != nil:
			full = true
			w.xError(e.Err)
		case !dead[i]:
			full = full || !w.quiet(e.Ev)
			w.destroyedNext = doomed[i]
			w.handle(e.Ev)
		}
	}
	w.destroyedNext = false
	clear(w.fetched) // what no MapRequest of this batch took (the window was managed already)
	if n := len(evs); n > 0 {
		last := evs[n-1]
		if last.Err != nil {
			w.dropUnmapsBefore(last.Err.SequenceId())
		} else if b := last.Ev.Bytes(); len(b) >= 4 {
			w.dropUnmapsBefore(xgb.Get16(b[2:])) // every event fion gets carries it there
		}
	}
	for _, c := range calls {
		c.f()
	}
	if len(calls) > 0 {
		w.titlesNow = true // a command or a query sees the titles X has
	}
	if full {
		w.settle()
		w.propsChanged = false
		w.model.Settle()
		w.apply()
		w.saveLayout()
	} else if retitled := w.readTitles(); w.titlesMatter(retitled) {
		w.propsChanged = false
		w.model.Settle()
		w.apply()
		w.saveLayout()
	} else {
		w.redrawTitles(retitled)
	}
	w.time = 0  // a timestamp is good for the batch of events that carried it, no later
	w.x.Flush() // before anyone is told the batch is done
	if slices.ContainsFunc(calls, func(c call) bool { return c.done != nil }) {
		w.x.Sync()
	}
	for _, c := range calls {
		if c.done != nil {
			close(c.done)
		}
	}
	for _, ch := range w.synced {
		close(ch)
	}
	w.synced = nil
}

// quiet reports whether event ev can change nothing but what a tab bar shows: a client's new
// title, a property of a client that fion does not read (rereadProps), a property of a window fion
// does not manage (fion's own root properties come back so), the marker of a Sync.
func (w *WM) quiet(ev xgb.Event) bool {
	switch e := ev.(type) {
	case xproto.PropertyNotifyEvent:
		if w.docks[e.Window] != nil {
			return false
		}
		if _, ok := w.clients[e.Window]; !ok {
			return true
		}
		return !slices.Contains(rereadProps, w.x.AtomName(e.Atom))
	case xproto.ClientMessageEvent:
		return e.Window == w.check && e.Type == w.x.Atom("_FION_SYNC")
	}
	return false
}

// settle does what a batch of events asked for once, however many times they asked: read the
// keyboard mapping and the monitors again, read changed titles (all requests first, then the
// replies). Then the model draws the consequences of the batch (layout.Model.Settle, in turn)
// before apply shows it.
func (w *WM) settle() {
	if w.keyboardChanged {
		w.keyboardChanged = false
		if w.readKeyboard() {
			w.grabKeys()
		}
	}
	if w.monitorsChanged {
		w.monitorsChanged = false
		before := map[string]layout.Rect{}
		for _, s := range w.model.Screens {
			before[s.Name] = s.Rect
		}
		w.model.SetScreens(w.screens())
		w.reserve() // plain struts follow the root's size
		for _, s := range w.model.Screens {
			r, ok := before[s.Name]
			switch {
			case !ok:
				w.publish("screen.add", ScreenEvent{Name: s.Name, Geometry: geometry(s.Rect)})
			case r != s.Rect:
				w.publish("screen.change", ScreenEvent{Name: s.Name, Geometry: geometry(s.Rect)})
			}
			delete(before, s.Name)
		}
		for name, r := range before {
			w.publish("screen.remove", ScreenEvent{Name: name, Geometry: geometry(r)})
		}
	}
	w.readTitles()
}

// titleEvery is how often fion reads the titles of windows that change them: a program that
// retitles its window a thousand times a second has it read a hundred times, and the title it
// ends with shows within titleEvery and a redraw of its last change, within one frame at 60 Hz.
const titleEvery = 10 * time.Millisecond

// followEvery is how often fion reads the properties it follows, other than the title, of a client
// it polls (readTitles): the urgency hint or the size hints a program changes in the middle of a
// title storm take effect within that.
const followEvery = 50 * time.Millisecond

// readTitles reads the titles that changed, when their turn has come (titleEvery after the last
// read, or at once for titlesNow), and returns the clients whose title is new. When it is not their
// turn yet, the title timer wakes the loop when it is.
//
// A client that changes its properties faster than that is muted (see mute) and polled instead:
// each turn reads its title, and every followEvery (or when a call or a Sync wants what X has)
// every property fion follows; while something
// changed it stays muted and is read again at the next turn. Once a read finds nothing new, it is
// unmuted and every property fion follows is read once more, for a change since they were read.
func (w *WM) readTitles() []*client {
	if len(w.titles) == 0 {
		w.titlesNow = false
		return nil
	}
	now := time.Now()
	if next := w.titlesRead.Add(titleEvery); !w.titlesNow && now.Before(next) {
		if !w.titleWaits {
			w.titleWaits = true
			w.titleTimer.Reset(next.Sub(now))
		}
		return nil
	}
	forced := w.titlesNow // a call or a Sync wants what X has, every property of a polled client too
	w.titlesNow = false
	w.titlesRead = now
	if w.titleWaits {
		w.titleWaits = false
		w.titleTimer.Stop()
	}
	titles := make(map[*client]x11.TitleCookie, len(w.titles))
	var polls map[*client]x11.FollowedCookie
	w.x.Ask(func() { // one write for every request
		for c := range w.titles {
			if w.clients[c.win] != c {
				continue
			}
			c.read = now
			if !c.muted || !forced && now.Sub(c.followed) < followEvery {
				titles[c] = w.x.RequestTitle(c.win)
				continue
			}
			if polls == nil {
				polls = map[*client]x11.FollowedCookie{}
			}
			c.followed = now
			polls[c] = w.x.RequestFollowed(c.win)
		}
	})
	w.x.Send()
	clear(w.titles)
	var retitled []*client
	var calm []*client
	for c, ck := range titles {
		title, alive := ck.Read()
		if !alive {
			continue // destroyed: its DestroyNotify follows
		}
		changed := w.retitle(c, title)
		if changed {
			retitled = append(retitled, c)
		}
		switch {
		case !c.muted:
		case changed:
			w.titles[c] = true // still changing: read at the next turn
		default:
			calm = append(calm, c)
		}
	}
	for c, ck := range polls {
		title, changed, alive := w.takeFollowed(c, ck)
		if !alive {
			continue
		}
		if w.retitle(c, title) {
			retitled = append(retitled, c)
			changed = true
		}
		if changed {
			w.titles[c] = true // still changing: read at the next turn
		} else {
			calm = append(calm, c)
		}
	}
	if len(calm) > 0 {
		reads := make([]x11.FollowedCookie, len(calm))
		w.x.Ask(func() {
			for i, c := range calm {
				w.unmute(c)
				reads[i] = w.x.RequestFollowed(c.win)
			}
		})
		w.x.Send()
		for i, c := range calm {
			if title, _, alive := w.takeFollowed(c, reads[i]); alive && w.retitle(c, title) {
				retitled = append(retitled, c)
			}
		}
	}
	if len(w.titles) > 0 {
		w.titleWaits = true
		w.titleTimer.Reset(titleEvery)
	}
	return retitled
}

// retitle gives client c its title read from X, and reports whether it is new.
func (w *WM) retitle(c *client, title string) bool {
	if title == c.props.Title {
		return false
	}
	c.props.Title = title
	w.publish("client.title", c.event())
	w.recheckRules(c)
	return true
}

// takeFollowed reads what ck asked for of client c: it takes the properties but for the title
// (takeProps), which it returns, and reports whether they changed. alive is false, and nothing
// is taken, when the window is gone (its DestroyNotify follows).
func (w *WM) takeFollowed(c *client, ck x11.FollowedCookie) (title string, changed, alive bool) {
	p := c.props
	if !ck.ReadInto(&p) {
		return "", false, false
	}
	if w.takeProps(c, p) {
		w.propsChanged = true
		changed = true
	}
	return p.Title, changed, true
}

// titlesMatter reports whether new titles change more than the bars, so that the layout is applied
// as after any other change: the rules may have placed one of the retitled clients again (see
// recheckRules), or the open query prompt lists and ranks windows by their titles.
func (w *WM) titlesMatter(retitled []*client) bool {
	if w.propsChanged {
		return true // the properties read with the titles of polled clients changed (readTitles)
	}
	if len(retitled) > 0 && w.prompt != nil {
		return true
	}
	if len(w.cfg.Rules) == 0 {
		return false
	}
	for _, c := range retitled {
		if time.Since(c.managed) <= ruleRecheck {
			return true
		}
	}
	return false
}

// redrawTitles redraws, once each, the shown bars of the tiles that hold retitled clients; a
// hidden one is drawn when its workspace shows again.
func (w *WM) redrawTitles(retitled []*client) {
	var bars []*frame
	for _, c := range retitled {
		loc, ok := w.model.Find(c.id())
		if !ok {
			continue // floating: it has no tab
		}
		if f := w.frames[loc.Tile.ID]; f != nil && f.mapped && !slices.Contains(bars, f) {
			bars = append(bars, f)
		}
	}
	for _, f := range bars {
		w.drawBar(f)
	}
}

// stoppedTimer is a timer that waits for its first Reset.
func stoppedTimer() *time.Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}

// tidy gives the memory of a burst of work (a hundred windows opened, a big reload) back to the
// system once fion is idle. Left to itself, the Go runtime would collect and return it in the
// background over the next seconds, waking fion up while the user's machine is idle.
func (w *WM) tidy() {
	if !w.allocatedMuch() {
		return
	}
	debug.FreeOSMemory()
	metrics.Read(w.allocs[:])
	w.tidied = w.allocs[0].Value.Uint64()
}

// allocatedMuch reports whether fion allocated more than tidyAfter since it last tidied.
func (w *WM) allocatedMuch() bool {
	w.allocsRead = time.Now()
	metrics.Read(w.allocs[:])
	return w.allocs[0].Value.Uint64()-w.tidied > tidyAfter
}

// waitToTidy reports, as the loop goes idle, whether it should tidy once it has been idle for
// tidyIdle, and starts the idle timer that says when. It tidies only after a pause: under a steady
// load (a title storm, windows coming and going) a collection and a scavenge after every megabyte
// would cost more than the work, and the runtime's own collections keep the heap in check. After
// it tidied, it waits for more work before it tidies again. Reading what was allocated costs
// more than a turn of a title storm, so when the loop went idle a moment ago, it starts the timer
// without asking, and tidy asks.
func (w *WM) waitToTidy() bool {
	if !w.worked {
		return w.tidyWaits
	}
	w.worked = false
	if time.Since(w.allocsRead) >= tidyIdle && !w.allocatedMuch() {
		return w.tidyWaits
	}
	w.tidyWaits = true
	w.idleTimer.Reset(tidyIdle)
	return true
}

// tidyIdle is how long the loop is idle before it tidies.
const tidyIdle = 50 * time.Millisecond

// tidyAfter is how many bytes fion allocates before it tidies: about one GC cycle of its small
// heap (GOGC 25, main.go), so no collection is left for the background once fion is idle.
const tidyAfter = 1 << 20

// Do runs f on the loop goroutine, then applies the model to X, and returns when both are done
// and the X server has processed what the apply sent. It is how tests (and the socket) reach the
// state safely.
func (w *WM) Do(f func()) {
	done := make(chan struct{})
	if w.send(call{f: f, done: done}) {
		select {
		case <-done:
		case <-w.done:
		}
	}
}

// post hands f to the loop without waiting for it, unless the loop has ended (then it reports
// false).
func (w *WM) post(f func()) bool { return w.send(call{f: f}) }

func (w *WM) send(c call) bool {
	select {
	case w.calls <- c:
		return true
	case <-w.done:
		return false
	}
}

// Sync returns once fion has handled every X event and request that came before it, and shown
// the result: it sends itself a marker event through the X server, which arrives after all of them.
func (w *WM) Sync() {
	ch := make(chan struct{})
	if !w.post(func() {
		w.syncToken++
		w.syncs[w.syncToken] = ch
		ev := xproto.ClientMessageEvent{Format: 32, Window: w.check, Type: w.x.Atom("_FION_SYNC"),
			Data: xproto.ClientMessageDataUnionData32New([]uint32{w.syncToken, 0, 0, 0, 0})}
		xproto.SendEvent(w.x.X, false, w.check, xproto.EventMaskNoEvent, string(ev.Bytes()))
	}) {
		return
	}
	select {
	case <-ch:
	case <-w.done:
	}
}

// syncArrived releases the Sync call waiting for marker token, after the next apply.
func (w *WM) syncArrived(token uint32) {
	w.titlesNow = true // what Sync waits for includes the titles X has now
	if ch, ok := w.syncs[token]; ok {
		delete(w.syncs, token)
		w.synced = append(w.synced, ch)
	}
}

// Model gives f the layout model on the loop goroutine (read only).
func (w *WM) Model(f func(m *layout.Model)) { w.Do(func() { f(w.model) }) }

func (w *WM) closing() {
	if w.opts.Closing != nil {
		w.opts.Closing()
	}
}

// release puts every client back on the root window, mapped where it is, and leaves.
func (w *WM) release() {
	for _, win := range w.order {
		c := w.clients[win]
		x, y := c.root.X, c.root.Y
		xproto.ChangeSaveSet(w.x.X, xproto.SetModeDelete, win)
		xproto.ReparentWindow(w.x.X, win, w.x.Root, int16(x), int16(y))
		c.parent = 0 // out of its frame, which goes next
		xproto.ConfigureWindow(w.x.X, win, xproto.ConfigWindowBorderWidth, []uint32{uint32(c.border)})
		xproto.MapWindow(w.x.X, win)
		w.x.SetWMState(win, 1)
		// What stays true without fion stays (fullscreen, modal, its own states: the next window
		// manager reads them); what was fion's goes.
		w.x.SetAtoms(win, "_NET_WM_STATE", c.stateNames(c.netState(w.fullscreen(c), false, false)))
		w.x.Delete(win, "_NET_FRAME_EXTENTS")
		w.x.Delete(win, "_NET_WM_ALLOWED_ACTIONS")
	}
	for _, f := range w.frames {
		f.destroy(w)
	}
	for frame := range w.floatFrames {
		w.destroyFrame(frame)
	}
	w.x.Delete(w.x.Root, "_NET_SUPPORTING_WM_CHECK")
	w.x.Delete(w.x.Root, "_NET_ACTIVE_WINDOW")
	w.x.Delete(w.x.Root, "_FION_SOCKET")
	xproto.SetInputFocus(w.x.X, xproto.InputFocusPointerRoot, xproto.InputFocusPointerRoot, xproto.TimeCurrentTime)
	w.x.Sync()
	w.x.Close()
	w.keyboard.Close()
}

func (w *WM) style() layout.Style {
	return layout.Style{BarHeight: w.barHeight(), Border: w.cfg.Border, MinSize: max(w.barHeight()+2*w.cfg.Border+8, 32)}
}

// screens asks X for the monitors.
func (w *WM) screens() []layout.ScreenSpec {
	mons, how, err := x11.Monitors(w.x.X, w.x.Root)
	if err != nil || len(mons) == 0 {
		w.log.Printf("cannot read the monitors (%v); using the whole root window", err)
		return []layout.ScreenSpec{{Name: "root", Rect: layout.Rect{W: int(w.x.Screen.WidthInPixels), H: int(w.x.Screen.HeightInPixels)}}}
	}
	specs := make([]layout.ScreenSpec, len(mons))
	for i, m := range mons {
		specs[i] = layout.ScreenSpec{Name: m.Name, Rect: layout.Rect{X: m.X, Y: m.Y, W: m.W, H: m.H}}
	}
	w.debug.Printf("monitors (%s): %+v", how, specs)
	return specs
}
