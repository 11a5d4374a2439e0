// Package x11 is the X side of FION: the connection to the server, atoms,
// the event reader, properties, monitor detection, XID ranges, and drawing
// tab bars (fonts, anti-aliased text, uploading the pixels to a window).
//
// It speaks the X protocol through github.com/jezek/xgb and knows nothing
// about workspaces, tiles or key bindings: it must not import FION's other
// packages. Geometry crosses its border as plain ints and image values, so
// the window-manager logic above it can be tested without an X server.
package x11
