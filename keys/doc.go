// Package keys turns the key bindings written in FION's config into X key
// grabs, and turns the KeyPress events X then sends back into bindings.
//
// It owns four things: chord text ("Mod4+Shift+h") and its parsing, the
// table of X keysym names, the live keyboard mapping of the X server
// (Keymap), and the set of bindings (Map) that key chains walk. It talks to
// X only through github.com/jezek/xgb and its xproto package, and it must
// not import any other FION package: the config and the wm loop import it.
//
// # Chords
//
// A chord is modifiers plus one key, written "Mod4+Shift+h". Modifier names
// are case-insensitive: Mod1..Mod5, Super (= Mod4), Alt (= Mod1), Ctrl or
// Control, Shift. Key names are X keysym names and, as in X, case-sensitive:
// "Return", "comma", "XF86AudioRaiseVolume", "F4". A single character is its
// own key name ("," "." "[" "1"). The plus key is "plus", or "+" as the last
// part of a chord ("Mod4++"). Chord.String writes the canonical form, which
// ParseChord reads back to the same chord.
//
// # Upper case and Shift
//
// X reports a key press as a keycode plus the modifiers held; it is the
// client that picks a keysym from the keycode's columns (column 0 plain,
// column 1 with Shift). FION matches on column 0 with the modifiers as held,
// so "Mod4+Shift+1" is the key that has "1" on it, pressed with Shift, on any
// layout. Two rules make the other spellings work too:
//
//   - An upper-case letter keysym is that letter's key with Shift: "Mod4+H"
//     parses to the same chord as "Mod4+Shift+h" (and prints that way). This
//     is done at parse time, without the keyboard, because every layout puts
//     a letter's two cases on one key.
//
//   - A keysym that only Shift reaches, such as "exclam" or "less", depends on
//     the layout (US has exclam on Shift+1, French has it unshifted), so it is
//     kept as written and resolved against the live Keymap. To grab
//     "Mod4+exclam", Keymap.Resolve finds every keycode with exclam in column
//     0 (grabbed with Mod4) or column 1 (grabbed with Mod4+Shift). When such a
//     key is pressed, Keymap.ChordOf returns the column-0 chord (Mod4+Shift+1)
//     and remembers, inside the Chord, the column-1 keysym that Shift chose;
//     Map.Lookup accepts a binding written either way. A binding written in
//     the column-0 form wins if both spellings are bound.
//
// Only the first group's two columns are used; keysyms reached through
// AltGr (ISO_Level3_Shift) or a second layout group are not resolved.
//
// # Locks
//
// X puts CapsLock, NumLock and ScrollLock in the modifier state, so a grab
// for Mod4+h does not fire while NumLock is on unless Mod4+Mod2+h is grabbed
// too. Grab grabs every combination of the lock masks (Keymap.LockMasks) and
// Keymap.Clean drops them, and the pointer-button bits, from event states.
// NumLock's modifier is read from the server's modifier map, not assumed to be
// Mod2.
//
// # Keyboard changes
//
// When the server sends MappingNotify with Request Keyboard or Modifier
// (setxkbmap, xmodmap, a new keyboard), call LoadKeymap again, then UngrabAll
// and Grab with the new Keymap: a chord follows its keysym to wherever the new
// layout puts it.
package keys
