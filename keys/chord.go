package keys

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jezek/xgb/xproto"
)

// MaxChainLength is the most chords a key chain may have.
const MaxChainLength = 4

// Chord is modifiers plus one key: what one binding step waits for.
type Chord struct {
	Mods   uint16 // X modifier mask: xproto.ModMaskShift, ModMaskControl, ModMask1..ModMask5
	Keysym uint32 // X keysym of the key; an upper-case letter is stored as its lower case plus Shift

	// readings is set only on chords made by Keymap.ChordOf: every way to
	// read the press, best first, so that Map.Lookup can match a binding
	// written with the keysym of another group or level. It never affects
	// String or Equal; a pointer keeps Chord comparable.
	readings *[]reading
}

// reading is one way to read a key press: the keysym of one level of one of
// the key's groups, and the modifiers the key's type used to choose that
// level (none at the first level). A binding with that keysym matches the
// press when its modifiers, with those added, are the modifiers held.
type reading struct {
	keysym uint32
	used   uint16
}

// Equal reports whether c and d are the same modifiers and keysym, whatever
// other readings a chord from Keymap.ChordOf carries (see the package doc).
func (c Chord) Equal(d Chord) bool {
	return c.Mods == d.Mods && c.Keysym == d.Keysym
}

// String writes c canonically: "Mod4+Shift+h". ParseChord reads it back.
func (c Chord) String() string {
	order := [...]struct {
		mask uint16
		name string
	}{
		{xproto.ModMask4, "Mod4"},
		{xproto.ModMask1, "Mod1"},
		{xproto.ModMaskControl, "Control"},
		{xproto.ModMaskShift, "Shift"},
		{xproto.ModMask2, "Mod2"},
		{xproto.ModMask3, "Mod3"},
		{xproto.ModMask5, "Mod5"},
		{xproto.ModMaskLock, "Lock"}, // never parsed; only a hand-built chord has it
	}
	var b strings.Builder
	for _, m := range order {
		if c.Mods&m.mask != 0 {
			b.WriteString(m.name)
			b.WriteByte('+')
		}
	}
	if c.Keysym == 0 {
		b.WriteString("NoSymbol")
	} else {
		b.WriteString(KeysymName(c.Keysym))
	}
	return b.String()
}

// FormatSequence writes a key chain the way ParseSequence reads it: chords
// separated by spaces ("Mod4+a c").
func FormatSequence(seq []Chord) string {
	parts := make([]string, len(seq))
	for i, c := range seq {
		parts[i] = c.String()
	}
	return strings.Join(parts, " ")
}

// modifierMask returns the mask of a modifier name, case-insensitively.
func modifierMask(name string) (uint16, bool) {
	switch strings.ToLower(name) {
	case "shift":
		return xproto.ModMaskShift, true
	case "ctrl", "control":
		return xproto.ModMaskControl, true
	case "mod1", "alt":
		return xproto.ModMask1, true
	case "mod2":
		return xproto.ModMask2, true
	case "mod3":
		return xproto.ModMask3, true
	case "mod4", "super":
		return xproto.ModMask4, true
	case "mod5":
		return xproto.ModMask5, true
	}
	return 0, false
}

// ParseModifier reads one modifier name (Mod1-Mod5, Super, Alt, Ctrl or Control, Shift; any case)
// and returns its X modifier mask.
func ParseModifier(name string) (uint16, error) {
	if mask, ok := modifierMask(strings.TrimSpace(name)); ok {
		return mask, nil
	}
	return 0, fmt.Errorf("%q is not a modifier; %s", name, modifierHelp)
}

const modifierHelp = "use Mod1-Mod5, Super, Alt, Ctrl, Shift"

// keyName resolves the key part of a chord: an X keysym name, or a single
// character.
func keyName(name string) (uint32, bool) {
	if sym, ok := LookupKeysym(name); ok {
		return sym, true
	}
	return singleCharKeysym(name)
}

// splitChord splits chord text at "+", reading a final "++" (or the whole
// text "+") as the plus key.
func splitChord(text string) []string {
	if text == "+" {
		return []string{"+"}
	}
	if strings.HasSuffix(text, "++") {
		head := strings.TrimSuffix(text, "++")
		if head == "" {
			return []string{"+"}
		}
		return append(strings.Split(head, "+"), "+")
	}
	return strings.Split(text, "+")
}

// joinAroundPlus removes the spaces around each "+": "Mod4 + h" becomes
// "Mod4+h", for the "write ..." part of an error.
func joinAroundPlus(text string) string {
	parts := strings.Split(text, "+")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return strings.Join(parts, "+")
}

// ParseChord reads one chord, such as "Mod4+Shift+h", "Super+Return",
// "Alt+F4", "Ctrl+a", "XF86AudioRaiseVolume" or "Mod1+comma". An upper-case
// letter key becomes its lower-case letter plus Shift ("Mod4+H" is
// "Mod4+Shift+h"). Errors say what to write instead.
func ParseChord(s string) (Chord, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return Chord{}, errors.New(`empty chord (write modifiers and a key, e.g. "Mod4+Return")`)
	}
	if strings.ContainsAny(text, " \t\n") {
		if fixed := joinAroundPlus(text); !strings.ContainsAny(fixed, " \t\n") {
			return Chord{}, fmt.Errorf("%q: a chord has no spaces (write %q)", text, fixed)
		}
		return Chord{}, fmt.Errorf("%q: a chord has no spaces (chords separated by spaces make a key chain, which is not allowed here)", text)
	}
	names := splitChord(text)
	last, heads := names[len(names)-1], names[:len(names)-1]
	if last == "" {
		return Chord{}, fmt.Errorf("%q has no key", text)
	}
	if _, isMod := modifierMask(last); isMod {
		return Chord{}, modifierLast(text, names)
	}
	var c Chord
	for _, name := range heads {
		if name == "" {
			return Chord{}, fmt.Errorf("%q: empty name between two \"+\" (write \"plus\" for the plus key)", text)
		}
		if m, ok := modifierMask(name); ok {
			c.Mods |= m
			continue
		}
		if _, isKey := keyName(name); isKey {
			return Chord{}, fmt.Errorf("%q: more than one key", text)
		}
		return Chord{}, fmt.Errorf("unknown modifier %q in %q (%s)", name, text, modifierHelp)
	}
	sym, ok := keyName(last)
	if !ok {
		return Chord{}, unknownKey(last)
	}
	c.Keysym = sym
	return c.normalized(), nil
}

// modifierLast explains a chord whose last part is a modifier: either the
// key is missing, or it was written before the modifiers.
func modifierLast(text string, names []string) error {
	var mods, keys []string
	for _, name := range names {
		if _, isMod := modifierMask(name); isMod {
			mods = append(mods, name)
		} else if name != "" {
			keys = append(keys, name)
		}
	}
	if len(keys) == 1 {
		if _, isKey := keyName(keys[0]); isKey {
			return fmt.Errorf("%q: put the modifiers before the key (write %q)", text, strings.Join(append(mods, keys[0]), "+"))
		}
	}
	return fmt.Errorf("%q has no key", text)
}

// unknownKey is the error for a key name X does not know, with the nearest
// known name when there is one.
func unknownKey(name string) error {
	if hint := Suggest(name); hint != "" {
		return fmt.Errorf("unknown key name %q (did you mean %q?)", name, hint)
	}
	return fmt.Errorf("unknown key name %q (use an X keysym name as xev shows it, e.g. \"Return\", \"a\", \"F1\")", name)
}

// normalized turns an upper-case letter into its lower case plus Shift, so
// the chord matches the column-0 keysym that ChordOf reports.
func (c Chord) normalized() Chord {
	if lower, ok := lowerKeysym(c.Keysym); ok {
		c.Keysym = lower
		c.Mods |= xproto.ModMaskShift
	}
	c.readings = nil
	return c
}

// ParseSequence reads a key chain: one to four chords separated by spaces.
// "Mod4+a c" means press Mod4+a, then c.
func ParseSequence(s string) ([]Chord, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, errors.New(`empty key binding (write a chord, e.g. "Mod4+Return", or a chain, e.g. "Mod4+a c")`)
	}
	if misplacedSpace(fields) {
		text := strings.Join(fields, " ")
		return nil, fmt.Errorf("%q: spaces separate the chords of a key chain, so a chord has none (write %q)", text, joinAroundPlus(text))
	}
	if len(fields) > MaxChainLength {
		return nil, fmt.Errorf("%q: a key chain has at most %d chords, this one has %d", strings.Join(fields, " "), MaxChainLength, len(fields))
	}
	seq := make([]Chord, len(fields))
	for i, f := range fields {
		c, err := ParseChord(f)
		if err != nil {
			if len(fields) > 1 {
				return nil, fmt.Errorf("in key chain %q: %w", strings.Join(fields, " "), err)
			}
			return nil, err
		}
		seq[i] = c
	}
	return seq, nil
}

// misplacedSpace spots "Mod4 + h" and "Mod4+ h": a "+" that a space cut off
// from its neighbour. A chain step that is the plus key itself ("Mod4+a +")
// is allowed at the end only.
func misplacedSpace(fields []string) bool {
	for i, f := range fields {
		if f == "+" || f == "++" {
			if i < len(fields)-1 {
				return true
			}
			continue
		}
		if strings.HasPrefix(f, "+") && i > 0 {
			return true
		}
		if strings.HasSuffix(f, "+") && !strings.HasSuffix(f, "++") && i < len(fields)-1 {
			return true
		}
	}
	return false
}
