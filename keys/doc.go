// Package keys turns the key bindings written in FION's config into X key
// grabs, and turns the KeyPress events X then sends back into bindings.
//
// It owns four things: chord text ("Mod4+Shift+h") and its parsing, the
// table of X keysym names, the live keyboard mapping of the X server
// (Keyboard reads it into a Keymap), and the set of bindings (Map) that key
// chains walk. It talks to X only through github.com/jezek/xgb and its
// xproto package, and writes the two XKB requests it needs itself (xgb has
// no XKB package). It must not import any other FION package: the config
// and the wm loop import it.
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
// # Groups, levels and Shift
//
// X reports a key press as a keycode plus the modifiers held; it is the
// client that picks a keysym. Under XKB, which every X server of today has,
// a keycode has up to four groups (the layouts of "setxkbmap -layout ru,us")
// and in each group several levels: the first plain, the second with Shift,
// the third with AltGr (ISO_Level3_Shift, on Mod5), and so on. A key type
// says which modifiers choose which level. Keyboard reads all of it, groups,
// levels and types, with XKB's GetMap.
//
// FION matches a press against every group of the key, whichever group is
// active: a passive grab fires in any group, and a core client such as fion
// is not told the group in the event. Two ways of reading a press count:
//
//   - The first level of a group, with the modifiers as held: "Mod4+Shift+1"
//     is the key that has "1" on it, pressed with Shift, on any layout, and
//     under "ru,us" "Mod4+s" is the key that has s in the second group, in
//     either group.
//
//   - The level the held modifiers choose in a group, with the modifiers
//     that chose it left out: "Mod4+exclam" is Mod4+Shift on the "1" key of
//     a US layout, and "Mod4+bracketright" is Mod4+AltGr on the "9" key of a
//     German one. Writing those modifiers too ("Mod4+Shift+exclam") means
//     the same. A modifier of the key type that chooses no level stays part
//     of the chord: Mod4+Control on F1 is not "Mod4+F1".
//
// The first way wins over the second, and a lower group over a higher one,
// when both ways name a bound chord (Keymap.ChordOf lists the readings in
// that order, Map.Lookup takes the first that is bound). Keymap.Resolve
// grabs the same set: every keycode, group and level with the chord's
// keysym, with the chord's modifiers plus those that choose the level
// (never a lock: Caps Lock choosing upper case is left out). It finds
// nothing, and fion says "no key on this keyboard produces", only when no
// group and no level of any key has the keysym.
//
// An upper-case letter keysym is that letter's key with Shift: "Mod4+H"
// parses to the same chord as "Mod4+Shift+h" (and prints that way). This is
// done at parse time, without the keyboard, because every layout puts a
// letter's two cases on one key.
//
// Keyboard reads XKB through a connection of its own: a connection that
// turns XKB on no longer gets the core MappingNotify a new layout sends, and
// its grabs and event states follow other rules. On a server without XKB,
// CoreKeyboard reads the core mapping instead, whose columns 0 and 1 are the
// first group's first two levels and 2 and 3 the second group's; levels
// reached with AltGr are not found there.
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
// (setxkbmap, xmodmap, a new keyboard), call Keyboard.Load again, then Update
// the grabs with the new Keymap: a chord follows its keysym to wherever the
// new layout puts it. setxkbmap sends two MappingNotify events, which may come
// in two batches; Keymap.Same tells that the second changed nothing.
package keys
