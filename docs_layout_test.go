package main

import (
	"testing"

	"github.com/fion-wm/fion/layoutfile"
)

// The layouts LAYOUT FILES in fion.1 shows are good, but for the one with mistakes, which gives
// the messages shown after it, word for word.
func TestManLayoutExamples(t *testing.T) {
	blocks := literalBlocks(manSection(t, readMan(t), "LAYOUT FILES"))
	if len(blocks) != 4 {
		t.Fatalf("LAYOUT FILES in %s has %d displays; want a layout, a layout of every screen, one with mistakes and its messages", manPage, len(blocks))
	}
	for _, b := range blocks[:2] {
		if _, err := layoutfile.Parse("example.json", []byte(b.text)); err != nil {
			t.Errorf("%v\n\tthis layout does not parse:\n%v", b.line, err)
		}
	}
	_, err := layoutfile.Parse("dev.json", []byte(blocks[2].text))
	if err == nil {
		t.Fatalf("%v\n\tthe layout with mistakes parses", blocks[2].line)
	}
	if got, want := err.Error()+"\n", blocks[3].text; got != want {
		t.Errorf("%v\n\tthe messages shown are\n%s\tbut fion gives\n%s", blocks[3].line, want, got)
	}
}
