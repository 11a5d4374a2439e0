package xserver

import (
	"fmt"
	"strings"
)

// maxDummyOutputs is how many outputs xf86-video-dummy 0.4 creates.
const maxDummyOutputs = 16

// commonModes are offered on every dummy output besides the asked size, so
// tests can switch outputs with xrandr --mode without adding modes first.
var commonModes = []string{"1920x1080", "1680x1050", "1600x900", "1440x900", "1280x1024", "1280x800", "1024x768", "800x600"}

// dummyConfig writes an xorg.conf for the dummy driver with outputs enabled
// outputs of the given size, each right of the previous one.
func dummyConfig(outputs int, size string) string {
	modes := modeNames(size)
	var b strings.Builder
	// Input hotplug would need udev and real devices; the virtual core
	// devices (and XTEST) are all tests need.
	b.WriteString(`Section "ServerFlags"
	Option "AutoAddDevices" "false"
	Option "AutoEnableDevices" "false"
	Option "DontVTSwitch" "true"
	Option "AllowMouseOpenFail" "true"
EndSection

Section "Device"
	Identifier "dummy"
	Driver "dummy"
	# The framebuffer is allocated once at this size (in kB) and must hold
	# every output side by side at any later xrandr layout.
	VideoRam 512000
	# Max pixel clock in MHz; the default would reject big modes.
	DacSpeed 2000
`)
	for i := 0; i < outputs; i++ {
		fmt.Fprintf(&b, "\tOption \"Monitor-DUMMY%d\" \"monitor%d\"\n", i, i)
	}
	b.WriteString("EndSection\n")

	for i := 0; i < outputs; i++ {
		fmt.Fprintf(&b, "\nSection \"Monitor\"\n\tIdentifier \"monitor%d\"\n", i)
		b.WriteString("\tHorizSync 1.0 - 2000.0\n\tVertRefresh 1.0 - 200.0\n")
		for _, m := range modes {
			w, h, _ := ParseSize(m)
			b.WriteString("\t" + modeline(w, h) + "\n")
		}
		fmt.Fprintf(&b, "\tOption \"PreferredMode\" %q\n", modes[0])
		// Outputs other than DUMMY0 start disconnected; Enable forces them on.
		b.WriteString("\tOption \"Enable\" \"true\"\n")
		if i > 0 {
			fmt.Fprintf(&b, "\tOption \"RightOf\" \"monitor%d\"\n", i-1)
		}
		b.WriteString("EndSection\n")
	}

	fmt.Fprintf(&b, `
Section "Screen"
	Identifier "screen"
	Device "dummy"
	Monitor "monitor0"
	DefaultDepth 24
	SubSection "Display"
		Depth 24
		Modes %s
	EndSubSection
EndSection

Section "ServerLayout"
	Identifier "layout"
	Screen "screen"
EndSection
`, quoteAll(modes))
	return b.String()
}

// modeNames puts size first (it becomes the preferred mode), then the
// common modes, without duplicates. A "+X+Y" suffix is dropped.
func modeNames(size string) []string {
	first, _, _ := strings.Cut(size, "+")
	names := []string{first}
	for _, m := range commonModes {
		if m != first {
			names = append(names, m)
		}
	}
	return names
}

// modeline returns a 60 Hz Modeline with small blanking intervals, in the
// spirit of CVT reduced blanking. The dummy driver only needs the numbers to
// be consistent; no monitor will ever see them.
func modeline(w, h int) string {
	hss, hse, ht := w+48, w+80, w+160
	vss, vse, vt := h+3, h+9, h+30
	clockMHz := float64(ht*vt*60) / 1e6
	return fmt.Sprintf("Modeline \"%dx%d\" %.2f %d %d %d %d %d %d %d %d +hsync -vsync",
		w, h, clockMHz, w, hss, hse, ht, h, vss, vse, vt)
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " ")
}
