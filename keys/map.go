package keys

import (
	"errors"
	"fmt"
	"slices"
)

// Step is how far a key press got in a Map.
type Step int

const (
	NoMatch Step = iota // the chord continues no binding: drop any pending chain
	Prefix              // the chord continues a key chain: wait for the next chord
	Done                // the chord completes a binding: run its command
)

func (s Step) String() string {
	switch s {
	case NoMatch:
		return "NoMatch"
	case Prefix:
		return "Prefix"
	case Done:
		return "Done"
	}
	return fmt.Sprintf("Step(%d)", int(s))
}

// Map is a set of bindings: key chains of one to MaxChainLength chords, each
// bound to a command. Command text is opaque here. A Map is built once from
// the config and then only read; it is not safe for concurrent Add.
type Map struct {
	roots []*binding // first chords, in the order they were added
	count int
}

// binding is one node of the chain tree: a chord reached by the chords of
// its parents. A node has either a command (a complete binding) or children
// (the start of longer chains), never both: Add refuses the mix.
type binding struct {
	chord    Chord
	seq      []Chord // the chain that reaches this node, for messages
	command  string
	children []*binding
}

func (b *binding) complete() bool { return b.children == nil }

// NewMap returns an empty Map.
func NewMap() *Map { return &Map{} }

// Len is the number of bindings added.
func (m *Map) Len() int { return m.count }

// Add binds seq to command. It refuses a chain already bound, and a chain
// that is a prefix of another or extends a bound chord ("Mod4+a" and
// "Mod4+a c" cannot both be bound: X would have to guess whether to wait for
// the c). Its errors name both bindings.
func (m *Map) Add(seq []Chord, command string) error {
	if len(seq) == 0 {
		return errors.New("empty key binding")
	}
	if len(seq) > MaxChainLength {
		return fmt.Errorf("%q: a key chain has at most %d chords, this one has %d", FormatSequence(seq), MaxChainLength, len(seq))
	}
	norm := make([]Chord, len(seq))
	for i, c := range seq {
		norm[i] = c.normalized()
	}
	level := &m.roots
	for i, c := range norm {
		last := i == len(norm)-1
		node := findExact(*level, c)
		if node == nil {
			node = &binding{chord: c, seq: norm[:i+1]}
			if last {
				node.command = command
			} else {
				node.children = []*binding{}
			}
			*level = append(*level, node)
			level = &node.children
			continue
		}
		switch {
		case node.complete() && last:
			return fmt.Errorf("%q is bound twice: to %q and to %q", FormatSequence(norm), node.command, command)
		case node.complete():
			return fmt.Errorf("%q (for %q) extends %q, which is already bound to %q; a chord cannot both run a command and start a key chain",
				FormatSequence(norm), command, FormatSequence(node.seq), node.command)
		case last:
			chain := firstComplete(node)
			return fmt.Errorf("%q (for %q) starts the key chain %q, which is already bound to %q; a chord cannot both run a command and start a key chain",
				FormatSequence(norm), command, FormatSequence(chain.seq), chain.command)
		}
		level = &node.children
	}
	m.count++
	return nil
}

// firstComplete finds a complete binding under an inner node, to name it in
// an error.
func firstComplete(b *binding) *binding {
	for !b.complete() {
		b = b.children[0]
	}
	return b
}

// Roots returns the first chord of every binding, each once, in the order
// they were added: the chords to grab on the root window.
func (m *Map) Roots() []Chord {
	out := make([]Chord, len(m.roots))
	for i, b := range m.roots {
		out[i] = b.chord
	}
	return out
}

// Lookup walks the chain prefix (the chords already pressed, as the last
// Lookup returned them; empty for none) and then c. It returns Done with the command when c completes a binding,
// Prefix when c starts or continues a chain, else NoMatch. With Done and
// Prefix, bound is the chain so far as the bindings write it (canonically):
// the prefix to pass with the next chord, and what to show the user. Chords
// from Keymap.ChordOf also match bindings written with the keysym of another
// group or level of the pressed key; see the package doc.
func (m *Map) Lookup(prefix []Chord, c Chord) (bound []Chord, command string, s Step) {
	level := m.roots
	for _, p := range prefix {
		node := findPressed(level, p)
		if node == nil || node.complete() {
			return nil, "", NoMatch
		}
		level = node.children
	}
	node := findPressed(level, c)
	switch {
	case node == nil:
		return nil, "", NoMatch
	case node.complete():
		return slices.Clone(node.seq), node.command, Done
	default:
		return slices.Clone(node.seq), "", Prefix
	}
}

// findExact finds the binding written as c.
func findExact(level []*binding, c Chord) *binding {
	for _, b := range level {
		if b.chord.Equal(c) {
			return b
		}
	}
	return nil
}

// findPressed finds the binding a pressed chord means: written as the chord
// (the first level of the first group) if there is one, else in the first of
// the chord's readings that some binding is written in.
func findPressed(level []*binding, c Chord) *binding {
	if b := findExact(level, c.normalized()); b != nil {
		return b
	}
	if c.readings == nil {
		return nil
	}
	for _, r := range *c.readings {
		for _, b := range level {
			if b.chord.Keysym == r.keysym && b.chord.Mods|r.used == c.Mods {
				return b
			}
		}
	}
	return nil
}
