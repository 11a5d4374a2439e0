package wm

import (
	"slices"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/fuzzy"
	"github.com/fion-wm/fion/keys"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// prompt is the query prompt (query goto, query attach) while it is open: drawn over the tab bar
// of the tile that had the focus, it holds the keyboard and lists the windows whose title, class
// or instance match what the user types. It closes on Enter (after going to the selected window,
// or attaching it to its tile), Escape, a click outside it, and when its tile goes out of sight
// (a workspace switch, the tile removed) or the config is reloaded.
type prompt struct {
	attach  bool
	tile    int             // the tile it shows in, which attach puts the window into
	look    *look           // the look it was opened with
	current layout.ClientID // the window that had the keys when it opened: listed last
	text    []rune          // what the user typed
	matches []layout.ClientID
	sel     int             // the index in matches of the selected window
	chosen  layout.ClientID // the selected window, kept selected as the list changes

	// What X shows: a window over the bar, inside the tile's frame.
	frame *frame
	win   xproto.Window
	at    layout.Rect // where win is, in the frame
	pic   picture
	drawn x11.Prompt
}

// maxPromptText is how many characters the prompt takes: enough to name any window.
const maxPromptText = 200

// Keysyms the prompt reads.
const (
	keyBackSpace = 0xff08
	keyTab       = 0xff09
	keyLeftTab   = 0xfe20 // ISO_Left_Tab: Shift+Tab
	keyReturn    = 0xff0d
	keyKPEnter   = 0xff8d
	keyEscape    = 0xff1b
	keyLeft      = 0xff51
	keyUp        = 0xff52
	keyRight     = 0xff53
	keyDown      = 0xff54
)

// openPrompt opens the prompt in the focused tile's bar. A prompt already open closes first: the
// new one starts with nothing typed.
func (w *WM) openPrompt(attach bool) error {
	w.closePrompt()
	if err := w.grabKeyboard(); err != nil {
		return errorf("query: cannot take the keyboard: %v; close the program that holds it (a menu, a screen locker) and try again", err)
	}
	// Every click comes to fion while the prompt is open: one outside it closes it.
	w.drag = nil
	xproto.GrabPointer(w.x.X, false, w.x.Root, xproto.EventMaskButtonPress,
		xproto.GrabModeAsync, xproto.GrabModeAsync, 0, 0, xproto.TimeCurrentTime)
	p := &prompt{attach: attach, tile: w.model.Tile().ID, look: w.look}
	if c := w.target(); c != nil {
		p.current = c.id()
	}
	w.prompt = p
	w.rankPrompt()
	return nil
}

// closePrompt closes the prompt, if open, and gives the keyboard back (unless a key mode holds
// it) and the pointer.
func (w *WM) closePrompt() {
	p := w.prompt
	if p == nil {
		return
	}
	w.prompt = nil
	if p.win != 0 && w.frames[p.tile] == p.frame {
		xproto.DestroyWindow(w.x.X, p.win) // else it went with its frame
	}
	w.freePicture(&p.pic)
	if w.mode == "" && len(w.chain) == 0 {
		w.ungrabKeyboard()
	}
	if w.drag == nil {
		xproto.UngrabPointer(w.x.X, xproto.TimeCurrentTime)
	}
}

// promptCandidate is a window the prompt may list.
type promptCandidate struct {
	id                     layout.ClientID
	title, class, instance string
	recent                 int // its place in the focus history, the most recent first
}

// rankPrompt lists again the windows that match what was typed, keeping the selected one
// selected while it is listed.
func (w *WM) rankPrompt() {
	p := w.prompt
	cands := w.promptCandidates()
	p.matches = rankCandidates(fuzzy.Compile(string(p.text)), cands, p.current, p.matches[:0])
	i := slices.Index(p.matches, p.chosen)
	if i < 0 {
		i = min(p.sel, len(p.matches)-1)
	}
	p.selectAt(i)
}

// selectAt selects the match at index i (none when there is none).
func (p *prompt) selectAt(i int) {
	p.sel, p.chosen = max(i, 0), 0
	if i >= 0 && i < len(p.matches) {
		p.chosen = p.matches[i]
	}
}

// promptCandidates are every managed window, tiled or floating, on every screen and workspace.
func (w *WM) promptCandidates() []promptCandidate {
	m := w.model
	ids := m.Clients()
	for _, f := range m.Floats {
		ids = append(ids, f.Client)
	}
	out := make([]promptCandidate, 0, len(ids))
	for _, id := range ids {
		c := w.clients[xproto.Window(id)]
		if c == nil {
			continue
		}
		recent := slices.Index(m.History, id)
		if recent < 0 {
			recent = len(m.History)
		}
		out = append(out, promptCandidate{id: id, title: c.title(), class: c.props.Class, instance: c.props.Instance, recent: recent})
	}
	return out
}

// rankCandidates appends to out the windows of cands that pattern matches in their title, class
// or instance: the best match first, then the most recently focused, then in the model's order;
// current last.
func rankCandidates(pattern fuzzy.Pattern, cands []promptCandidate, current layout.ClientID, out []layout.ClientID) []layout.ClientID {
	type scored struct {
		c     *promptCandidate
		score int
	}
	var found []scored
	for i := range cands {
		c := &cands[i]
		best, ok := pattern.Match(c.title)
		for _, s := range []string{c.class, c.instance} {
			if n, hit := pattern.Match(s); hit && (!ok || n > best) {
				best, ok = n, true
			}
		}
		if ok {
			found = append(found, scored{c, best})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int {
		switch {
		case (a.c.id == current) != (b.c.id == current):
			if a.c.id == current {
				return 1
			}
			return -1
		case a.score != b.score:
			return b.score - a.score
		}
		return a.c.recent - b.c.recent
	})
	for _, s := range found {
		out = append(out, s.c.id)
	}
	return out
}

// promptKey handles a key typed while the prompt is open.
func (w *WM) promptKey(e xproto.KeyPressEvent) {
	p := w.prompt
	sym := w.keymap.Typed(e.Detail, e.State)
	mods := w.keymap.Clean(e.State)
	switch {
	case sym == keyEscape:
		w.closePrompt()
	case sym == keyReturn || sym == keyKPEnter:
		w.choosePrompt()
	case sym == keyBackSpace:
		if len(p.text) > 0 {
			p.text = p.text[:len(p.text)-1]
			p.retyped()
			w.rankPrompt()
		}
	case sym == keyLeft || sym == keyUp || sym == keyLeftTab || sym == keyTab && mods&xproto.ModMaskShift != 0:
		p.step(-1)
	case sym == keyRight || sym == keyDown || sym == keyTab:
		p.step(1)
	case mods&(xproto.ModMaskControl|xproto.ModMask1|xproto.ModMask4) == 0:
		if r, ok := keys.KeysymRune(sym); ok && len(p.text) < maxPromptText {
			p.text = append(p.text, r)
			p.retyped()
			w.rankPrompt()
		}
	}
}

// retyped selects, once the list is ranked again, the best match of the text as changed.
func (p *prompt) retyped() { p.sel, p.chosen = 0, 0 }

// step selects the next (1) or previous (-1) match, wrapping around.
func (p *prompt) step(d int) {
	if n := len(p.matches); n > 0 {
		p.selectAt((p.sel + d + n) % n)
	}
}

// choosePrompt closes the prompt and goes to the selected window or, for attach, moves it into
// the prompt's tile.
func (w *WM) choosePrompt() {
	p := w.prompt
	w.rankPrompt() // windows that closed since the last look are not chosen
	w.closePrompt()
	c := p.chosen
	if c == 0 {
		return
	}
	if !p.attach {
		w.model.ActivateClient(c)
		return
	}
	if loc, ok := w.model.FindTile(p.tile); ok {
		w.attachClient(c, loc.Tile)
	}
}

// attachClient moves client c into tile t as its active tab, wherever it is (another tile,
// workspace or screen, or floating), and gives it the keys there.
func (w *WM) attachClient(c layout.ClientID, t *layout.Tile) {
	floated := w.model.Floating(c) != nil
	if w.model.AttachTo(c, t) != nil {
		return
	}
	if floated {
		w.x.Delete(xproto.Window(c), "_FION_FLOATING")
	}
	w.tabMoved(c)
}

// promptClick handles a click while the prompt is open: one on a listed window chooses it, one
// anywhere else closes the prompt.
func (w *WM) promptClick(e xproto.ButtonPressEvent) {
	p := w.prompt
	if p.win == 0 || e.Detail != 1 {
		w.closePrompt()
		return
	}
	f := p.frame
	x := int(e.RootX) - (f.rect.X + f.bw + p.at.X)
	y := int(e.RootY) - (f.rect.Y + f.bw + p.at.Y)
	if y < 0 || y >= p.at.H {
		w.closePrompt()
		return
	}
	if i := w.look.bar.PromptItemAt(p.at.W, &p.drawn, x); i >= 0 {
		p.selectAt(i)
		w.choosePrompt()
		return
	}
	if x < 0 || x >= p.at.W {
		w.closePrompt()
	}
}

// applyPrompt shows the prompt over its tile's bar, drawn again when what it lists changed (a
// window closed, a title changed). It closes the prompt when its tile is no longer in sight or the
// config was reloaded.
func (w *WM) applyPrompt() {
	p := w.prompt
	if p == nil {
		return
	}
	loc, ok := w.model.FindTile(p.tile)
	f := w.frames[p.tile]
	if !ok || f == nil || !f.mapped || w.model.Screens[loc.Screen].Current != loc.Workspace || p.look != w.look {
		w.closePrompt()
		return
	}
	w.rankPrompt()
	if p.frame != f && p.win != 0 { // cannot happen while the tile lives; kept safe
		w.closePrompt()
		return
	}
	if p.win == 0 {
		id, ok := w.newID()
		if !ok {
			return // drawn once an id is free
		}
		p.frame, p.win, p.at = f, xproto.Window(id), f.barRect
		xproto.CreateWindow(w.x.X, w.x.Screen.RootDepth, p.win, f.win, int16(p.at.X), int16(p.at.Y),
			uint16(p.at.W), uint16(p.at.H), 0, xproto.WindowClassInputOutput, w.x.Screen.RootVisual,
			xproto.CwBackPixel, []uint32{w.look.barBg})
		xproto.MapWindow(w.x.X, p.win)
	} else if p.at != f.barRect {
		p.at = f.barRect
		xproto.ConfigureWindow(w.x.X, p.win,
			xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight,
			[]uint32{uint32(int32(p.at.X)), uint32(int32(p.at.Y)), uint32(p.at.W), uint32(p.at.H)})
	}
	w.drawPrompt(p)
}

// promptView is what the prompt shows now.
func (w *WM) promptView(p *prompt) x11.Prompt {
	v := x11.Prompt{Label: "goto", Text: string(p.text), Selected: p.sel, Empty: "no window matches"}
	if p.attach {
		v.Label = "attach"
	}
	for _, id := range p.matches {
		if c := w.clients[xproto.Window(id)]; c != nil {
			v.Items = append(v.Items, c.title())
		}
	}
	return v
}

// drawPrompt draws the prompt into its window when what it shows changed.
func (w *WM) drawPrompt(p *prompt) {
	v := w.promptView(p)
	sized := p.pic.img != nil && p.pic.img.Rect.Dx() == p.at.W && p.pic.img.Rect.Dy() == p.at.H
	if sized && v.Label == p.drawn.Label && v.Text == p.drawn.Text && v.Selected == p.drawn.Selected && slices.Equal(v.Items, p.drawn.Items) {
		return
	}
	p.drawn = v
	x11.RenderPrompt(w.canvas(&p.pic, p.at.W, p.at.H), &v, &w.look.bar)
	if !w.showPicture(&p.pic, p.win) {
		p.drawn = x11.Prompt{} // drawn again once an id is free
	}
}
