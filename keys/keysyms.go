package keys

//go:generate go run ./internal/gen -o keysyms_table.go

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// namedKeysym is one row of the generated tables in keysyms_table.go.
type namedKeysym struct {
	name string
	sym  uint32
}

// unicodeKeysymBase is what X adds to a Unicode code point to make a keysym
// for a character that has no legacy keysym ("U20AC" style names).
const unicodeKeysymBase = 0x01000000

// LookupKeysym returns the keysym X calls name (case-sensitive, as in X:
// "Return", "a", "XF86AudioMute"). It also accepts the forms X itself
// accepts: "U20AC" for a Unicode character and "0x1008ff13" for a raw keysym.
func LookupKeysym(name string) (uint32, bool) {
	i := sort.Search(len(keysymsByName), func(i int) bool { return keysymsByName[i].name >= name })
	if i < len(keysymsByName) && keysymsByName[i].name == name {
		return keysymsByName[i].sym, true
	}
	if sym, ok := unicodeName(name); ok {
		return sym, true
	}
	if sym, ok := hexKeysym(name); ok {
		return sym, true
	}
	return 0, false
}

// KeysymName returns the canonical name of sym: the first name keysymdef.h
// gives it (later names are deprecated aliases), "U20AC" for an unnamed
// Unicode keysym, else the number in hex.
func KeysymName(sym uint32) string {
	i := sort.Search(len(keysymNames), func(i int) bool { return keysymNames[i].sym >= sym })
	if i < len(keysymNames) && keysymNames[i].sym == sym {
		return keysymNames[i].name
	}
	if sym >= unicodeKeysymBase+0x100 && sym <= unicodeKeysymBase+unicode.MaxRune {
		return fmt.Sprintf("U%04X", sym-unicodeKeysymBase)
	}
	return fmt.Sprintf("0x%x", sym)
}

// unicodeName reads "U" followed by 4 to 6 hex digits.
func unicodeName(name string) (uint32, bool) {
	if len(name) < 5 || len(name) > 7 || name[0] != 'U' {
		return 0, false
	}
	v, err := strconv.ParseUint(name[1:], 16, 32)
	if err != nil || v > unicode.MaxRune {
		return 0, false
	}
	return runeKeysym(rune(v)), true
}

// hexKeysym reads "0x" followed by hex digits: the form KeysymName falls back to.
func hexKeysym(name string) (uint32, bool) {
	if !strings.HasPrefix(name, "0x") || len(name) < 3 {
		return 0, false
	}
	v, err := strconv.ParseUint(name[2:], 16, 32)
	if err != nil {
		return 0, false
	}
	return uint32(v), true
}

// singleCharKeysym is the keysym of a key name that is one character, so a
// config may write "," or "[" for comma or bracketleft.
func singleCharKeysym(name string) (uint32, bool) {
	r, size := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError || size != len(name) || !unicode.IsPrint(r) || unicode.IsSpace(r) {
		return 0, false
	}
	return runeKeysym(r), true
}

// runeKeysym is the keysym a keyboard layout would use for r: the legacy
// keysym when one exists (layouts use "EuroSign", not U20AC), else the
// Unicode keysym.
func runeKeysym(r rune) uint32 {
	if (r >= 0x20 && r <= 0x7e) || (r >= 0xa0 && r <= 0xff) {
		return uint32(r) // Latin-1 keysyms are their code points.
	}
	i := sort.Search(len(keysymsByRune), func(i int) bool { return keysymsByRune[i][0] >= uint32(r) })
	if i < len(keysymsByRune) && keysymsByRune[i][0] == uint32(r) {
		return keysymsByRune[i][1]
	}
	return unicodeKeysymBase + uint32(r)
}

// lowerKeysym returns the lower-case letter keysym for an upper-case one
// ("A" -> "a", "Agrave" -> "agrave", "Cyrillic_A" -> "Cyrillic_a").
func lowerKeysym(sym uint32) (uint32, bool) {
	i := sort.Search(len(lowerKeysyms), func(i int) bool { return lowerKeysyms[i][0] >= sym })
	if i < len(lowerKeysyms) && lowerKeysyms[i][0] == sym {
		return lowerKeysyms[i][1], true
	}
	if sym > unicodeKeysymBase && sym <= unicodeKeysymBase+unicode.MaxRune {
		r := rune(sym - unicodeKeysymBase)
		lr := unicode.ToLower(r)
		if unicode.IsUpper(r) && lr != r && unicode.ToUpper(lr) == r {
			return runeKeysym(lr), true
		}
	}
	return 0, false
}

// commonMistake maps key names people carry over from other programs, which
// edit distance would not lead back to the X name, to the X name.
func commonMistake(word string) (string, bool) {
	switch word {
	case "enter":
		return "Return", true
	case "esc":
		return "Escape", true
	case "del":
		return "Delete", true
	case "ins":
		return "Insert", true
	case "pgup", "pageup":
		return "Page_Up", true
	case "pgdn", "pgdown", "pagedown":
		return "Page_Down", true
	case "backspace", "bksp":
		return "BackSpace", true
	case "spacebar":
		return "space", true
	case "win", "windows":
		return "Super_L", true
	case "capslock":
		return "Caps_Lock", true
	case "numlock":
		return "Num_Lock", true
	case "printscreen", "prtsc":
		return "Print", true
	case "volumeup":
		return "XF86AudioRaiseVolume", true
	case "volumedown":
		return "XF86AudioLowerVolume", true
	case "mute":
		return "XF86AudioMute", true
	}
	return "", false
}

// Suggest returns the known key name nearest to name, for "did you mean"
// hints: a name differing only in case first, then a known habit from other
// programs ("Enter" -> "Return"), then the nearest by edit distance
// (ignoring case). It returns "" when nothing is close enough to help.
func Suggest(name string) string {
	lower := strings.ToLower(name)
	if lower == "" {
		return ""
	}
	names := lowerNames()
	if found, ok := names.exact[lower]; ok {
		return found
	}
	if hint, ok := commonMistake(strings.NewReplacer("_", "", "-", "", " ", "").Replace(lower)); ok {
		return hint
	}
	// Allow about one mistake per three letters, at least one, so "Retrun"
	// finds "Return" but "zz" does not find "a".
	limit := max(len(lower)/3, 1)
	best, bestDist, bestCaseDist := "", limit, 0
	runes := utf8.RuneCountInString(lower)
	for i, ks := range keysymsByName {
		// Lengths further apart than bestDist cannot be near enough: most of the table is
		// passed over without a look, so a file of thousands of bad key names stays quick.
		// (Keysym names are ASCII: their length in bytes is their length in runes.)
		other := names.byName[i]
		if len(other)-runes > bestDist || runes-len(other) > bestDist {
			continue
		}
		// A result above bestDist only says "too far"; it is not a distance.
		d := editDistance(lower, other, bestDist+1)
		if d > bestDist {
			continue
		}
		// Among equally near names, prefer the one nearer in case too ("zz"
		// suggests "z", not "Z"), then the shorter.
		caseDist := editDistance(name, ks.name, len(name)+len(ks.name)+1)
		if best == "" || d < bestDist || caseDist < bestCaseDist ||
			(caseDist == bestCaseDist && len(ks.name) < len(best)) {
			best, bestDist, bestCaseDist = ks.name, d, caseDist
		}
	}
	return best
}

// lowerKeysymNames are the keysym names in lower case: byName as keysymsByName orders them, and
// exact mapping each to the name Suggest returns for it (the first of keysymNames, then of
// keysymsByName, with that lower case).
type lowerKeysymNames struct {
	byName []string
	exact  map[string]string
}

var lowerNames = sync.OnceValue(func() lowerKeysymNames {
	l := lowerKeysymNames{byName: make([]string, len(keysymsByName)), exact: map[string]string{}}
	for _, ks := range keysymNames {
		if lower := strings.ToLower(ks.name); l.exact[lower] == "" {
			l.exact[lower] = ks.name
		}
	}
	for i, ks := range keysymsByName {
		l.byName[i] = strings.ToLower(ks.name)
		if l.exact[l.byName[i]] == "" {
			l.exact[l.byName[i]] = ks.name
		}
	}
	return l
})

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions, and swaps of neighbours each cost 1),
// giving up early and returning max once the distance must reach max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= max {
			return max
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max)
}
