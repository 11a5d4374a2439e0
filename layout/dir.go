package layout

import (
	"strconv"
	"strings"
)

// Dir is a direction on the screen, used for focus moves, tab moves and
// resizing.
type Dir int

// The four directions. Up is towards smaller y, as in X root coordinates.
const (
	Left Dir = iota
	Right
	Up
	Down
)

// ParseDir reads a direction as the user writes it: "left", "right", "up" or
// "down" (case does not matter). It reports false for anything else.
func ParseDir(s string) (Dir, bool) {
	for d := Left; d <= Down; d++ {
		if strings.EqualFold(s, d.String()) {
			return d, true
		}
	}
	return 0, false
}

// String returns the name ParseDir accepts for d.
func (d Dir) String() string {
	switch d {
	case Left:
		return "left"
	case Right:
		return "right"
	case Up:
		return "up"
	case Down:
		return "down"
	}
	return "Dir(" + strconv.Itoa(int(d)) + ")"
}

// opposite is the direction pointing the other way.
func (d Dir) opposite() Dir {
	switch d {
	case Left:
		return Right
	case Right:
		return Left
	case Up:
		return Down
	}
	return Up
}

// forward reports whether moving in d makes coordinates grow.
func (d Dir) forward() bool { return d == Right || d == Down }

// axis is the orientation of the splits whose borders lie across d: moving
// left or right crosses the borders of Horizontal splits.
func (d Dir) axis() Orientation {
	if d == Left || d == Right {
		return Horizontal
	}
	return Vertical
}

// Orientation says how a split arranges its two children.
type Orientation int

const (
	// Horizontal puts the children side by side: A left, B right.
	Horizontal Orientation = iota
	// Vertical stacks the children: A above, B below.
	Vertical
)

// ParseOrientation reads "horizontal" or "vertical" (case does not matter).
func ParseOrientation(s string) (Orientation, bool) {
	for o := Horizontal; o <= Vertical; o++ {
		if strings.EqualFold(s, o.String()) {
			return o, true
		}
	}
	return 0, false
}

// String returns the name ParseOrientation accepts for o.
func (o Orientation) String() string {
	switch o {
	case Horizontal:
		return "horizontal"
	case Vertical:
		return "vertical"
	}
	return "Orientation(" + strconv.Itoa(int(o)) + ")"
}
