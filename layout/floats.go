package layout

import "slices"

// Floating is a client above the tiles, at a rectangle of its own: a dialog, a toolbox, or any
// window the user floated.
//
// A floating window follows the window it is transient for (Parent), up its chain of transients:
// when that chain ends at a tiled client, it lives on that client's workspace and shows only while
// that client is its tile's active tab (a dialog hides with its tab); otherwise it lives on the
// workspace Home says, until the user sends it elsewhere (Detached).
type Floating struct {
	Client   ClientID
	Rect     Rect     // its client area, root coordinates; kept on its screen
	Border   int      // the width of its frame's border, which Rect is kept on the screen with
	Parent   ClientID // the window it is transient for (WM_TRANSIENT_FOR); 0 for none
	Modal    bool     // it keeps the keys from Parent while it is shown
	Detached bool     // the user sent it elsewhere: it no longer follows Parent
	// Scratchpad names the scratchpad that holds it (scratch.go), or is "".
	Scratchpad string
	Hidden     bool // a scratchpad's window put away: shown nowhere
	home       *Workspace
	screen     string // the screen Rect was last kept on
}

// maxTransientDepth bounds every walk up a chain of Parents: a loop of transients ends there.
const maxTransientDepth = 16

// maxHistory is how many clients the focus history remembers.
const maxHistory = 32

// Floating returns the floating window of client c, or nil when c does not float.
func (m *Model) Floating(c ClientID) *Floating {
	for _, f := range m.Floats {
		if f.Client == c {
			return f
		}
	}
	return nil
}

// Managed reports whether c is managed: a tab of a tile or a floating window.
func (m *Model) Managed(c ClientID) bool {
	if m.Floating(c) != nil {
		return true
	}
	_, ok := m.Find(c)
	return ok
}

// Float adds f on top of the floating windows, living on workspace ws (nil: the focused one)
// unless its Parent says otherwise. Its Rect is its natural size (and place, with keep): it is
// centred over its parent's tile or window, or over the work area of its screen, unless keep
// says to leave it where it is (a window that was on the screen before fion), and kept on the
// screen. A client that is managed already (a tab, or floating) is left as it is: the caller
// takes it out of its tile first.
func (m *Model) Float(f *Floating, ws *Workspace, keep bool) {
	if m.Managed(f.Client) {
		return
	}
	if _, ok := m.locateWorkspace(ws); !ok {
		ws = m.Workspace()
	}
	delete(m.full, f.Client) // a window in fullscreen is a tab
	f.home = ws
	m.Floats = append(m.Floats, f)
	s, _ := m.FloatShown(f)
	f.Rect.W, f.Rect.H = max(f.Rect.W, 1), max(f.Rect.H, 1)
	if !keep {
		over := m.parentArea(f, s)
		f.Rect.X = over.X + (over.W-f.Rect.W)/2
		f.Rect.Y = over.Y + (over.H-f.Rect.H)/2
	}
	f.Rect = clampInto(f.Rect, s.Work, f.Border)
	f.screen = s.Name
}

// parentArea is the area a new floating window is centred over: its parent's tile (client area)
// when the parent is tiled on s, its parent's rectangle when that floats, else s's work area.
func (m *Model) parentArea(f *Floating, s *Screen) Rect {
	if f.Parent == 0 || f.Parent == f.Client {
		return s.Work
	}
	if p := m.Floating(f.Parent); p != nil {
		return p.Rect
	}
	if loc, ok := m.Find(f.Parent); ok && m.Screens[loc.Screen] == s {
		for _, p := range m.Layout(s, s.Workspaces[loc.Workspace]) {
			if p.Tile == loc.Tile {
				return p.Client
			}
		}
	}
	return s.Work
}

// clampInto moves r, a client area with a frame border b around it, into area, shrinking it
// when it is larger.
func clampInto(r, area Rect, b int) Rect {
	r.W = max(min(r.W, area.W-2*b), 1)
	r.H = max(min(r.H, area.H-2*b), 1)
	r.X = max(min(r.X, area.X+area.W-b-r.W), area.X+b)
	r.Y = max(min(r.Y, area.Y+area.H-b-r.H), area.Y+b)
	return r
}

// Unfloat stops managing the floating window of c; nothing else changes. It reports false when c
// does not float.
func (m *Model) Unfloat(c ClientID) bool {
	i := slices.IndexFunc(m.Floats, func(f *Floating) bool { return f.Client == c })
	if i < 0 {
		return false
	}
	m.Floats = slices.Delete(m.Floats, i, i+1)
	if m.FloatKeys == c {
		m.FloatKeys = 0
	}
	return true
}

// TileFloat puts floating client c back into the tiles: the active tab of the focused tile of the
// workspace it lived on. It reports false when c does not float.
func (m *Model) TileFloat(c ClientID) bool {
	f := m.Floating(c)
	if f == nil {
		return false
	}
	si, wi := m.FloatHome(f)
	m.Unfloat(c)
	m.AddTo(m.Screens[si].Workspaces[wi].Focus, c)
	return true
}

// owner walks up f's chain of Parents: it returns the tiled client the chain ends at, or else
// the floating window at its top (f itself when it follows nobody).
func (m *Model) owner(f *Floating) (tiled ClientID, top *Floating) {
	top = f
	for range maxTransientDepth {
		if top.Detached || top.Parent == 0 || top.Parent == top.Client {
			return 0, top
		}
		if p := m.Floating(top.Parent); p != nil {
			top = p
			continue
		}
		if _, ok := m.Find(top.Parent); ok {
			return top.Parent, nil
		}
		return 0, top // its parent is not managed: the root, another program's window
	}
	return 0, top
}

// Owner is the client at the top of f's chain of Parents among the managed ones: a tiled client,
// or a floating one that follows nobody (f itself when it follows nobody).
func (m *Model) Owner(f *Floating) ClientID {
	tiled, top := m.owner(f)
	if top != nil {
		return top.Client
	}
	return tiled
}

// FloatHome is the screen and workspace (indices) floating window f lives on: those of the tiled
// client its chain of Parents ends at, else the workspace it was given.
func (m *Model) FloatHome(f *Floating) (si, wi int) {
	tiled, top := m.owner(f)
	if top == nil {
		loc, _ := m.Find(tiled)
		return loc.Screen, loc.Workspace
	}
	if loc, ok := m.locateWorkspace(top.home); ok {
		return loc.Screen, loc.Workspace
	}
	return m.Current, m.Screen().Current // not reached while the model is valid (see Check)
}

// FloatShown reports whether floating window f is shown, and on which screen it lives: its
// workspace is shown, and the tab it belongs to, when its chain ends at a tiled client, is its
// tile's active one.
func (m *Model) FloatShown(f *Floating) (*Screen, bool) {
	si, wi := m.FloatHome(f)
	s := m.Screens[si]
	if s.Current != wi {
		return s, false
	}
	tiled, top := m.owner(f)
	if top != nil && top.Hidden {
		return s, false // a scratchpad put away, and the windows that follow it
	}
	if top == nil {
		loc, ok := m.Find(tiled)
		return s, ok && loc.Tile.Active == loc.Index
	}
	return s, true
}

// SendFloat makes workspace ws the home of floating client c, apart from the window it follows.
func (m *Model) SendFloat(c ClientID, ws *Workspace) bool {
	f := m.Floating(c)
	if f == nil {
		return false
	}
	if _, ok := m.locateWorkspace(ws); !ok {
		return false
	}
	f.home, f.Detached = ws, true
	return true
}

// MoveFloat sets floating client c's client area to r, kept on the screen it lives on. It
// reports whether anything changed.
func (m *Model) MoveFloat(c ClientID, r Rect) bool {
	f := m.Floating(c)
	if f == nil {
		return false
	}
	s, _ := m.FloatShown(f)
	r = clampInto(r, s.Rect, f.Border)
	changed := r != f.Rect
	f.Rect = r
	return changed
}

// DragFloat moves floating client c to r as the user drags it: once r's centre is over another
// monitor, it lives on the workspace shown there, and is kept on that screen.
func (m *Model) DragFloat(c ClientID, r Rect) bool {
	f := m.Floating(c)
	if f == nil {
		return false
	}
	home, _ := m.FloatShown(f)
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	for _, s := range m.Screens {
		if s != home && s.Rect.Contains(cx, cy) {
			f.home, f.Detached, f.screen = s.Workspace(), true, s.Name
			home = s
			break
		}
	}
	f.Rect = clampInto(r, home.Rect, f.Border)
	return true
}

// SetParent makes floating client c transient for parent from now on (its WM_TRANSIENT_FOR
// changed): it stays on the workspace it is on now until parent, if fion manages it, takes it
// along.
func (m *Model) SetParent(c, parent ClientID) bool {
	f := m.Floating(c)
	if f == nil {
		return false
	}
	si, wi := m.FloatHome(f)
	f.home, f.Parent = m.Screens[si].Workspaces[wi], parent
	return true
}

// Raise puts floating client c on top of the other floating windows.
func (m *Model) Raise(c ClientID) {
	if i := slices.IndexFunc(m.Floats, func(f *Floating) bool { return f.Client == c }); i >= 0 && i != len(m.Floats)-1 {
		f := m.Floats[i]
		m.Floats = append(slices.Delete(m.Floats, i, i+1), f)
	}
}

// FocusFloat gives floating client c the keys, focuses its screen and raises it. It does not show
// its workspace: see ActivateFloat.
func (m *Model) FocusFloat(c ClientID) bool {
	f := m.Floating(c)
	if f == nil {
		return false
	}
	si, _ := m.FloatHome(f)
	m.Current = si
	m.FloatKeys = c
	m.Raise(c)
	return true
}

// FocusTiles gives the keys back to the focused tile.
func (m *Model) FocusTiles() { m.FloatKeys = 0 }

// ActivateClient shows client c and gives it the keys: its screen, workspace and tab, or,
// floating, its workspace (and the tab it belongs to) with c raised. It reports false when c is not
// managed.
func (m *Model) ActivateClient(c ClientID) bool {
	f := m.Floating(c)
	if f == nil {
		m.FloatKeys = 0
		return m.Activate(c)
	}
	if _, top := m.owner(f); top != nil && top.Hidden {
		m.showScratchpad(top)
	}
	if _, shown := m.FloatShown(f); !shown {
		if tiled, top := m.owner(f); top == nil {
			m.Activate(tiled) // its tab, tile, workspace and screen
		} else {
			si, wi := m.FloatHome(f)
			m.Current = si
			m.Screens[si].Current = wi
		}
	}
	return m.FocusFloat(c)
}

// Target is the client that should have the keys: the floating window FloatKeys names while its
// workspace is shown on the focused screen, else the active tab of the focused tile; a shown modal
// window transient for it takes its place, up the chain. ok is false when no client should.
func (m *Model) Target() (c ClientID, ok bool) {
	if f := m.Floating(m.FloatKeys); f != nil {
		if s, shown := m.FloatShown(f); shown && s == m.Screen() {
			c, ok = f.Client, true
		}
	}
	if !ok {
		if c, ok = m.Client(); !ok {
			return 0, false
		}
	}
	for range maxTransientDepth {
		modal := m.modalOf(c)
		if modal == nil {
			break
		}
		c = modal.Client
	}
	return c, true
}

// TargetFloats reports whether the client with the keys floats: then no tile looks focused.
func (m *Model) TargetFloats() bool {
	c, ok := m.Target()
	return ok && m.Floating(c) != nil
}

// modalOf is the topmost shown modal window transient for c, if there is one.
func (m *Model) modalOf(c ClientID) *Floating {
	for i := len(m.Floats) - 1; i >= 0; i-- {
		f := m.Floats[i]
		if f.Modal && f.Parent == c && f.Client != c {
			if _, shown := m.FloatShown(f); shown {
				return f
			}
		}
	}
	return nil
}

// NextFloat is the floating window `focus float` goes to: the topmost one shown on the focused
// screen when a tile has the keys, else the one at the bottom (which comes up as it is raised);
// ok is false when none is shown there.
func (m *Model) NextFloat() (ClientID, bool) {
	var shown []*Floating
	for _, f := range m.Floats {
		if s, ok := m.FloatShown(f); ok && s == m.Screen() {
			shown = append(shown, f)
		}
	}
	if len(shown) == 0 {
		return 0, false
	}
	if m.TargetFloats() && len(shown) > 1 {
		return shown[0].Client, true
	}
	return shown[len(shown)-1].Client, true
}

// Fullscreen reports whether client c is in fullscreen.
func (m *Model) Fullscreen(c ClientID) bool {
	_, on := m.full[c]
	return on
}

// SetFullscreen puts client c into fullscreen or takes it out; a window in fullscreen covers its
// screen while it is the active tab of its workspace's focused tile. A floating window goes into
// the tiles first, so that it has a tile to come back to, and floats again where it was when it
// leaves fullscreen. It reports false when c is not managed.
func (m *Model) SetFullscreen(c ClientID, on bool) bool {
	if !m.Managed(c) {
		return false
	}
	was, wasOn := m.full[c]
	switch {
	case on && !wasOn:
		var floatedAt Rect
		if f := m.Floating(c); f != nil {
			keys := m.FloatKeys == c
			floatedAt = f.Rect
			m.TileFloat(c)
			if keys {
				m.ActivateClient(c)
			}
		}
		if m.full == nil {
			m.full = map[ClientID]Rect{}
		}
		m.full[c] = floatedAt
	case !on && wasOn:
		delete(m.full, c)
		if was.W > 0 {
			m.refloat(c, was)
		}
	}
	return true
}

// refloat floats tiled client c again at r, with the keys if it has them now.
func (m *Model) refloat(c ClientID, r Rect) {
	loc, ok := m.Find(c)
	if !ok {
		return
	}
	target, _ := m.Target()
	m.Remove(c)
	f := &Floating{Client: c, Rect: r}
	m.Float(f, m.Screens[loc.Screen].Workspaces[loc.Workspace], true)
	if target == c {
		m.ActivateClient(c)
	}
}

// FloatedAt is where fullscreen client c floated before and floats again when it leaves
// fullscreen: its W is 0 when it did not float.
func (m *Model) FloatedAt(c ClientID) Rect { return m.full[c] }

// Settle does what follows from a batch of changes, once, before the model is shown: every
// floating window is kept on its screen (KeepFloats), the floating window with the keys, a modal
// one over its parent too, goes on top, the focus history notes who has the keys and each screen
// the workspace it showed before, and a zoom ends where the focus left the zoomed tile. Reading
// the model (to show it, to answer a query) changes nothing, so this is where such consequences
// are drawn.
func (m *Model) Settle() {
	m.KeepFloats()
	if c, ok := m.Target(); ok && m.Floating(c) != nil {
		m.Raise(c)
	}
	m.noteKeys()
	m.noteWorkspaces()
	m.unzoom()
}

// noteKeys puts the client with the keys at the head of the focus history, if it is not there
// already.
func (m *Model) noteKeys() {
	c, ok := m.Target()
	if !ok || len(m.History) > 0 && m.History[0] == c {
		return
	}
	m.History = slices.DeleteFunc(m.History, func(h ClientID) bool { return h == c })
	m.History = slices.Insert(m.History, 0, c)
	if len(m.History) > maxHistory {
		m.History = m.History[:maxHistory]
	}
}

// Forget stops managing client c wherever it is: a tab, a floating window, in fullscreen, in
// the focus history. It reports false when c was not managed.
func (m *Model) Forget(c ClientID) bool {
	delete(m.full, c)
	m.History = slices.DeleteFunc(m.History, func(h ClientID) bool { return h == c })
	if m.Unfloat(c) {
		return true
	}
	return m.Remove(c)
}

// KeepFloats keeps every floating window on the screen it lives on: one whose home moved to
// another screen (its parent's tab moved, a monitor went) is carried there, to the same place
// relative to the screen, and every one is kept within its screen with its border. fion calls it
// once per batch of events, after the model changed and before it is shown.
func (m *Model) KeepFloats() {
	for _, f := range m.Floats {
		s, _ := m.FloatShown(f)
		if f.screen != s.Name {
			f.Rect = m.carry(f.Rect, f.screen, s, f.Border)
			f.screen = s.Name
		}
		f.Rect = clampInto(f.Rect, s.Rect, f.Border)
	}
}

// carry moves r (with frame border b) from the screen named from to screen to, keeping its place
// relative to the screen, or centring it when from is gone.
func (m *Model) carry(r Rect, from string, to *Screen, b int) Rect {
	for _, s := range m.Screens {
		if s.Name == from && s != to {
			r.X += to.Rect.X - s.Rect.X
			r.Y += to.Rect.Y - s.Rect.Y
			return clampInto(r, to.Work, b)
		}
	}
	r.X = to.Work.X + (to.Work.W-r.W)/2
	r.Y = to.Work.Y + (to.Work.H-r.H)/2
	return clampInto(r, to.Work, b)
}

// rehome gives the floating windows that lived on one of the workspaces gone a new home: to,
// when a config reload dropped them or a monitor went away.
func (m *Model) rehome(gone []*Workspace, to *Workspace) {
	for _, f := range m.Floats {
		if slices.Contains(gone, f.home) {
			f.home = to
		}
	}
}

// locateWorkspace finds workspace w in the model.
func (m *Model) locateWorkspace(w *Workspace) (Location, bool) {
	if w == nil {
		return Location{}, false
	}
	for si, s := range m.Screens {
		if wi := slices.Index(s.Workspaces, w); wi >= 0 {
			return Location{Screen: si, Workspace: wi, Index: -1}, true
		}
	}
	return Location{}, false
}
