package wm

import (
	"image"

	"github.com/jezek/xgb/xproto"
)

// picture is what fion draws itself into one of its windows (the query prompt): an image rendered
// on fion's side, uploaded to a pixmap that is the window's background, so that the server repaints
// the window on expose by itself.
type picture struct {
	img    *image.RGBA
	pixmap xproto.Pixmap // 0 until first shown
}

// canvas is the image to render a picture of width x height into: the same as before unless the
// size changed.
func (w *WM) canvas(p *picture, width, height int) *image.RGBA {
	if p.img == nil || p.img.Rect.Dx() != width || p.img.Rect.Dy() != height {
		p.img = image.NewRGBA(image.Rect(0, 0, width, height))
		w.freePicture(p)
	}
	return p.img
}

// showPicture makes the image rendered into p's canvas the background of win, and reports false
// when X has no resource id left for its pixmap (draw it again later).
func (w *WM) showPicture(p *picture, win xproto.Window) bool {
	r := p.img.Rect
	if p.pixmap == 0 {
		id, ok := w.newID()
		if !ok {
			return false
		}
		p.pixmap = xproto.Pixmap(id)
		xproto.CreatePixmap(w.x.X, w.x.Screen.RootDepth, p.pixmap, xproto.Drawable(win), uint16(r.Dx()), uint16(r.Dy()))
	}
	w.look.painter.Put(xproto.Drawable(p.pixmap), p.img, 0, 0)
	xproto.ChangeWindowAttributes(w.x.X, win, xproto.CwBackPixmap, []uint32{uint32(p.pixmap)})
	xproto.ClearArea(w.x.X, false, win, 0, 0, 0, 0)
	return true
}

// freePicture frees p's pixmap.
func (w *WM) freePicture(p *picture) {
	if p.pixmap != 0 {
		xproto.FreePixmap(w.x.X, p.pixmap)
		p.pixmap = 0
	}
}
