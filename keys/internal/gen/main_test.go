package main

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := `
#define XK_MISCELLANY
#ifdef XK_MISCELLANY
#define XK_Return                        0xff0d  /* Return, enter */
#define XK_Henkan_Mode                   0xff23  /* Start/Stop Conversion */
#define XK_Henkan                        0xff23  /* Alias for Henkan_Mode */
#define XK_A                             0x0041  /* U+0041 LATIN CAPITAL LETTER A */
#define XK_a                             0x0061  /* U+0061 LATIN SMALL LETTER A */
#define XK_topleftradical                0x08a2  /*(U+250C BOX DRAWINGS LIGHT DOWN AND RIGHT)*/
#define XK_Cyrillic_ZHE                  0x06f6  /* U+0416 CYRILLIC CAPITAL LETTER ZHE */
#define XK_Cyrillic_zhe                  0x06d6  /* U+0436 CYRILLIC SMALL LETTER ZHE */
#define XK_Iabovedot                     0x02a9  /* U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE */
#endif
 * #define XK_InComment 0x1
`
	ks, err := parse(strings.NewReader(src), header{path: "keysymdef.h", prefix: "XK_"})
	if err != nil {
		t.Fatal(err)
	}
	want := []keysym{
		{"Return", 0xff0d, -1},
		{"Henkan_Mode", 0xff23, -1},
		{"Henkan", 0xff23, -1},
		{"A", 0x41, 'A'},
		{"a", 0x61, 'a'},
		{"topleftradical", 0x8a2, -1}, // a loose "(U+" match is not a character
		{"Cyrillic_ZHE", 0x6f6, 'Ж'},
		{"Cyrillic_zhe", 0x6d6, 'ж'},
		{"Iabovedot", 0x2a9, 'İ'},
	}
	if !reflect.DeepEqual(ks, want) {
		t.Errorf("parse =\n%v\nwant\n%v", ks, want)
	}

	xf86 := `
#define _EVDEVK(_v) (0x10081000 + _v)
#define XF86XK_AudioMute	0x1008FF12   /* Mute sound from the system */
#define XF86XK_Info			_EVDEVK(0x166)		/*       KEY_INFO */
/* Use: XF86XK_Eject			_EVDEVK(0x0A2)		         KEY_EJECTCLOSECD */
`
	ks, err = parse(strings.NewReader(xf86), header{path: "XF86keysym.h", prefix: "XF86XK_", namePrefix: "XF86"})
	if err != nil {
		t.Fatal(err)
	}
	want = []keysym{{"XF86AudioMute", 0x1008ff12, -1}, {"XF86Info", 0x10081166, -1}}
	if !reflect.DeepEqual(ks, want) {
		t.Errorf("parse XF86 = %v; want %v", ks, want)
	}
}

func TestBuild(t *testing.T) {
	tb, err := build([]keysym{
		{"Henkan_Mode", 0xff23, -1},
		{"Henkan", 0xff23, -1},
		{"a", 0x61, 'a'},
		{"A", 0x41, 'A'},
		{"Cyrillic_ZHE", 0x6f6, 'Ж'},
		{"Cyrillic_zhe", 0x6d6, 'ж'},
		{"Iabovedot", 0x2a9, 'İ'},
		{"i", 0x69, 'i'},
		{"Henkan", 0xff23, -1}, // defined twice alike: fine
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ks := range tb.byName {
		names = append(names, ks.name)
	}
	if want := []string{"A", "Cyrillic_ZHE", "Cyrillic_zhe", "Henkan", "Henkan_Mode", "Iabovedot", "a", "i"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %v; want %v", names, want)
	}
	var canonical []string
	for _, ks := range tb.bySym {
		canonical = append(canonical, ks.name)
	}
	if want := []string{"A", "a", "i", "Iabovedot", "Cyrillic_zhe", "Cyrillic_ZHE", "Henkan_Mode"}; !reflect.DeepEqual(canonical, want) {
		t.Errorf("canonical names = %v; want %v (the first definition wins)", canonical, want)
	}
	if want := [][2]uint32{{0x41, 0x61}, {0x6f6, 0x6d6}}; !reflect.DeepEqual(tb.toLower, want) {
		t.Errorf("toLower = %x; want %x (İ is no case pair)", tb.toLower, want)
	}

	if _, err := build([]keysym{{"x", 1, -1}, {"x", 2, -1}}); err == nil {
		t.Error("a name defined with two values was accepted")
	}
}

// The checked-in table must be what the generator makes from the installed
// headers: regenerate with `go generate ./keys/` when this fails.
func TestTableIsFresh(t *testing.T) {
	headers := defaultHeaders("/usr/include/X11/keysymdef.h", "/usr/include/X11/XF86keysym.h")
	for _, h := range headers {
		if _, err := os.Stat(h.path); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%v: scripts/deps.sh must install x11proto-dev", err)
			}
			t.Skipf("%v (x11proto-dev is not installed)", err)
		}
	}
	got, err := generate(headers)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../keysyms_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, have) {
		t.Error("keys/keysyms_table.go differs from what the installed headers give; run go generate ./keys/")
	}
}
