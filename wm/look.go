package wm

import (
	"errors"
	"fmt"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/layout"
	"github.com/fion-wm/fion/x11"
)

// look is what the config says FION looks like, ready for drawing.
type look struct {
	bar                                      x11.BarStyle
	barDrawn                                 x11.BarStyle // bar in the painter's colours (x11.Painter.Style)
	painter                                  *x11.Painter
	background, border, focusedBorder, barBg uint32
	urgentBorder                             uint32 // a tile or floating window with a client asking for attention
	barHeight                                int
}

// ReadFonts reads the font files of cfg and makes the font the titles are drawn with: those files
// in order, then the built-in Go font. A file that cannot be used is left out, and the error
// (config.Errors) says why at its place in the config file. It reads files, which can take a
// while (a large font, a slow disk), so the loop never calls it: see readFontsLater.
func ReadFonts(cfg *config.Config) (*x11.Font, error) {
	var files []*x11.FontFile
	var errs config.Errors
	for i, f := range cfg.Fonts {
		file, err := x11.ReadFontFile(f.Path)
		if fe := (*x11.FontFileError)(nil); errors.As(err, &fe) {
			errs = append(errs, cfg.FontError(i, fe.Problem))
			continue
		}
		files = append(files, file)
	}
	font, err := x11.NewFont(cfg.FontSize, files...)
	if err != nil {
		panic(err) // config.Parse keeps the size in range
	}
	if len(errs) > 0 {
		return font, errs
	}
	return font, nil
}

// reportFonts writes the font errors of ReadFonts to stderr, with what is drawn instead.
func (w *WM) reportFonts(cfg *config.Config, err error) {
	if err == nil {
		return
	}
	w.log.Print(err)
	for _, f := range cfg.Fonts {
		if why := w.unreadable(f.Path); why != "" {
			w.log.Print(why[1:])
		}
	}
	w.log.Print("until the font list is fixed, titles are drawn with its other fonts and the built-in Go font")
}

// readFontsLater reads the fonts of cfg off the loop, then draws the titles with them, unless a
// later reload asked for other fonts meanwhile.
func (w *WM) readFontsLater(cfg *config.Config) {
	w.fontReads++
	n := w.fontReads
	go func() {
		font, err := ReadFonts(cfg)
		w.post(func() {
			if n != w.fontReads {
				return
			}
			w.reportFonts(cfg, err)
			w.setLook(w.cfg, font)
			w.model.Style = w.style()
			w.redrawAll()
		})
	}()
}

// setLook makes the look of cfg, with font for the titles.
func (w *WM) setLook(cfg *config.Config, font *x11.Font) {
	col := cfg.Colors
	l := &look{
		background:    uint32(col.Background),
		border:        uint32(col.Border),
		focusedBorder: uint32(col.FocusedBorder),
		barBg:         uint32(col.Bar),
		urgentBorder:  uint32(col.UrgentTab),
	}
	if w.look != nil {
		l.painter = w.look.painter // it holds a GC: one for fion's life
	} else {
		l.painter = x11.NewPainter(w.x.X, w.x.Screen)
	}
	l.bar = x11.BarStyle{
		Font: font, Bar: uint32(col.Bar), Tab: uint32(col.Tab), TabText: uint32(col.TabText),
		ActiveTab: uint32(col.ActiveTab), ActiveTabText: uint32(col.ActiveTabText),
		FocusedTab: uint32(col.FocusedTab), FocusedTabText: uint32(col.FocusedTabText),
		UrgentTab: uint32(col.UrgentTab), UrgentTabText: uint32(col.UrgentTabText),
		Separator: uint32(col.Border), Padding: 6,
	}
	l.barDrawn = l.painter.Style(l.bar)
	l.barHeight = cfg.BarHeight
	if l.barHeight == 0 {
		l.barHeight = font.Height() + 6
	}
	w.look = l
}

func (w *WM) barHeight() int {
	if w.look == nil {
		return 0
	}
	return w.look.barHeight
}

// title is what a client's tab shows.
func (c *client) title() string {
	switch {
	case c.props.Title != "":
		return c.props.Title
	case c.props.Class != "":
		return c.props.Class
	}
	return fmt.Sprintf("%#x", c.win)
}

// drawBar draws the tab bar of frame f anew where what it shows changed since it was last drawn:
// the tabs that changed (a title, which is the active one, urgency), or all of it when the tabs
// moved (one came or went, the bar was resized). The picture goes into the bar's pixmap, and the
// server repaints that part of the bar from it.
func (w *WM) drawBar(f *frame) {
	loc, ok := w.model.FindTile(f.tile)
	if !ok {
		return
	}
	t := loc.Tile
	f.tabs = f.tabs[:0]
	for i, id := range t.Tabs {
		var tab x11.Tab
		if c := w.clients[xproto.Window(id)]; c != nil {
			tab = x11.Tab{Title: c.title(), Active: i == t.Active, Urgent: w.asksAttention(c)}
		}
		f.tabs = append(f.tabs, tab)
	}
	if len(t.Tabs) == 0 && t.Name != "" {
		// An empty tile shows its name where its tabs would be, so that the user finds it.
		f.tabs = append(f.tabs, x11.Tab{Title: t.Name})
	}
	r := f.barRect
	if f.pixmap != 0 && f.pixSize != [2]int{r.W, r.H} {
		xproto.FreePixmap(w.x.X, f.pixmap)
		f.pixmap = 0
	}
	if f.pixmap == 0 {
		id, ok := w.newID()
		if !ok {
			return // drawn once an id is free
		}
		f.pixmap, f.pixSize = xproto.Pixmap(id), [2]int{r.W, r.H}
		xproto.CreatePixmap(w.x.X, w.x.Screen.RootDepth, f.pixmap, xproto.Drawable(f.bar), uint16(r.W), uint16(r.H))
		f.picture.Forget() // a new pixmap holds nothing yet
	}
	changed := f.picture.Draw(r.W, r.H, f.tabs, f.focused, &w.look.barDrawn)
	if changed.Empty() {
		return
	}
	w.barDraws++
	w.look.painter.PutBar(xproto.Drawable(f.pixmap), &f.picture, changed)
	// Set again after each draw: the protocol leaves it to the server whether a window's
	// background follows later drawing into its pixmap or keeps a copy.
	xproto.ChangeWindowAttributes(w.x.X, f.bar, xproto.CwBackPixmap, []uint32{uint32(f.pixmap)})
	xproto.ClearArea(w.x.X, false, f.bar, int16(changed.Min.X), int16(changed.Min.Y), uint16(changed.Dx()), uint16(changed.Dy()))
}

// redrawAll forgets what every bar showed, so apply draws them all again (after a config reload).
func (w *WM) redrawAll() {
	for _, c := range w.floatFrames {
		c.frame.border = 0xffffffff
		c.frame.placed = layout.Rect{W: -1}
	}
	for _, f := range w.frames {
		f.picture.Forget()
		f.border = 0xffffffff
		f.rect = layout.Rect{W: -1} // the border width may have changed
		xproto.ChangeWindowAttributes(w.x.X, f.win, xproto.CwBackPixel, []uint32{w.look.background})
	}
}
