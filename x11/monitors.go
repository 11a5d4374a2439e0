package x11

import (
	"fmt"
	"image"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

// Monitor is one rectangle of the root window that a physical screen (or a
// RandR monitor the user defined) shows, in root coordinates.
type Monitor struct {
	Name       string
	X, Y, W, H int
	Primary    bool
}

// Rect is the monitor's rectangle.
func (m Monitor) Rect() image.Rectangle { return image.Rect(m.X, m.Y, m.X+m.W, m.Y+m.H) }

// The ways Monitors can learn the layout, as it reports them.
const (
	MethodRandR15  = "randr1.5"
	MethodRandR12  = "randr1.2"
	MethodXinerama = "xinerama"
	MethodRoot     = "root"
)

// Monitors lists the monitors, left to right and then top to bottom, and
// says which method found them. It asks RandR 1.5 for its monitors, or
// RandR 1.2 for its lit CRTCs, then Xinerama, then takes the root window
// as one monitor; a method that finds nothing passes to the next. Mirrored
// outputs (the same rectangle twice) count once, and empty ones are dropped.
//
// Xinerama wins over RandR when it sees more heads: an X server running
// several screens joined by Xinerama (Xephyr or Xorg with +xinerama) shows
// RandR only its first screen.
func Monitors(c *xgb.Conn, root xproto.Window) ([]Monitor, string, error) {
	var mons []Monitor
	method := ""
	if major, minor, ok := randrVersion(c); ok && (major > 1 || minor >= 2) {
		var err error
		if minor >= 5 || major > 1 {
			mons, err = randrMonitors(c, root)
			method = MethodRandR15
		} else {
			mons, err = randrCrtcs(c, root, minor)
			method = MethodRandR12
		}
		if err != nil {
			return nil, "", fmt.Errorf("asking RandR for the monitors: %w", err)
		}
	}
	heads, err := xineramaHeads(c)
	if err != nil {
		return nil, "", fmt.Errorf("asking Xinerama for the monitors: %w", err)
	}
	if len(heads) > len(mons) {
		mons, method = heads, MethodXinerama
	}
	if len(mons) > 0 {
		return mons, method, nil
	}
	mons, err = rootMonitor(c, root)
	if err != nil {
		return nil, "", fmt.Errorf("reading the root window's size: %w", err)
	}
	return mons, MethodRoot, nil
}

// SelectMonitorEvents asks RandR to report screen, CRTC and output changes
// on root, after which Monitors should be called again. Without RandR it
// does nothing: without RandR the layout cannot change while FION runs.
//
// A monitor defined or deleted with xrandr --setmonitor/--delmonitor sends
// no RandR event, only a ConfigureNotify of the root (StructureNotify on
// the root, which is the caller's event mask to choose): call Monitors on
// that too.
func SelectMonitorEvents(c *xgb.Conn, root xproto.Window) {
	if _, _, ok := randrVersion(c); !ok {
		return
	}
	randr.SelectInput(c, root, randr.NotifyMaskScreenChange|randr.NotifyMaskCrtcChange|randr.NotifyMaskOutputChange)
}

// randrVersion initialises RandR and announces the version FION speaks,
// which the server needs before it sends 1.2-style events; ok is false
// when the server has no RandR.
func randrVersion(c *xgb.Conn) (major, minor uint32, ok bool) {
	if initExtension(c, "RANDR", randr.Init) != nil {
		return 0, 0, false
	}
	v, err := randr.QueryVersion(c, 1, 5).Reply()
	if err != nil {
		return 0, 0, false
	}
	return v.MajorVersion, v.MinorVersion, true
}

// randrMonitors reads RandR 1.5's active monitors, which include monitors
// users define with xrandr --setmonitor.
func randrMonitors(c *xgb.Conn, root xproto.Window) ([]Monitor, error) {
	reply, err := randr.GetMonitors(c, root, true).Reply()
	if err != nil {
		return nil, err
	}
	names := make([]xproto.GetAtomNameCookie, len(reply.Monitors))
	for i, m := range reply.Monitors {
		if m.Name != 0 {
			names[i] = xproto.GetAtomName(c, m.Name)
		}
	}
	var mons []Monitor
	for i, m := range reply.Monitors {
		name := fmt.Sprintf("monitor-%d", i)
		if m.Name != 0 {
			if n, err := names[i].Reply(); err == nil {
				name = n.Name
			}
		}
		mons = append(mons, Monitor{
			Name: name, Primary: m.Primary,
			X: int(m.X), Y: int(m.Y), W: int(m.Width), H: int(m.Height),
		})
	}
	return normalizeMonitors(mons), nil
}

// randrCrtcs reads RandR 1.2's lit CRTCs, each named after its first output.
func randrCrtcs(c *xgb.Conn, root xproto.Window, minor uint32) ([]Monitor, error) {
	var crtcs []randr.Crtc
	var config xproto.Timestamp
	if minor >= 3 {
		// The current configuration, without probing the outputs again.
		res, err := randr.GetScreenResourcesCurrent(c, root).Reply()
		if err != nil {
			return nil, err
		}
		crtcs, config = res.Crtcs, res.ConfigTimestamp
	} else {
		res, err := randr.GetScreenResources(c, root).Reply()
		if err != nil {
			return nil, err
		}
		crtcs, config = res.Crtcs, res.ConfigTimestamp
	}
	var primary randr.Output
	if minor >= 3 {
		if p, err := randr.GetOutputPrimary(c, root).Reply(); err == nil {
			primary = p.Output
		}
	}
	cookies := make([]randr.GetCrtcInfoCookie, len(crtcs))
	for i, crtc := range crtcs {
		cookies[i] = randr.GetCrtcInfo(c, crtc, config)
	}
	var mons []Monitor
	for i, ck := range cookies {
		info, err := ck.Reply()
		if err != nil {
			return nil, err
		}
		if info.Mode == 0 || len(info.Outputs) == 0 {
			continue // an unused CRTC
		}
		name := fmt.Sprintf("crtc-%d", i)
		if out, err := randr.GetOutputInfo(c, info.Outputs[0], config).Reply(); err == nil {
			name = string(out.Name)
		}
		mons = append(mons, Monitor{
			Name: name, Primary: primary != 0 && slices.Contains(info.Outputs, primary),
			X: int(info.X), Y: int(info.Y), W: int(info.Width), H: int(info.Height),
		})
	}
	return normalizeMonitors(mons), nil
}

// xineramaHeads reads Xinerama's screens; none when Xinerama is absent or
// inactive.
func xineramaHeads(c *xgb.Conn) ([]Monitor, error) {
	if initExtension(c, "XINERAMA", xinerama.Init) != nil {
		return nil, nil
	}
	active, err := xinerama.IsActive(c).Reply()
	if err != nil || active.State == 0 {
		return nil, nil
	}
	reply, err := xinerama.QueryScreens(c).Reply()
	if err != nil {
		return nil, err
	}
	var mons []Monitor
	for i, s := range reply.ScreenInfo {
		mons = append(mons, Monitor{
			Name: fmt.Sprintf("xinerama-%d", i),
			X:    int(s.XOrg), Y: int(s.YOrg), W: int(s.Width), H: int(s.Height),
		})
	}
	return normalizeMonitors(mons), nil
}

// rootMonitor is the whole root window as the one monitor.
func rootMonitor(c *xgb.Conn, root xproto.Window) ([]Monitor, error) {
	g, err := xproto.GetGeometry(c, xproto.Drawable(root)).Reply()
	if err != nil {
		return nil, err
	}
	return []Monitor{{Name: "root", W: int(g.Width), H: int(g.Height)}}, nil
}

// maxMonitorName bounds a monitor's name. Output names are short ("DP-1",
// "HDMI-A-0"), but any client can name a monitor (xrandr --setmonitor) with
// 40,000 characters, which fion would repeat in every desktop name and
// socket reply.
const maxMonitorName = 64

// cutUTF8 is valid UTF-8 s cut to at most n bytes, between characters.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// normalizeMonitors drops empty monitors, keeps one of each rectangle
// (mirrored outputs), and sorts left to right, then top to bottom. A kept
// duplicate is primary if any of its copies was, and then takes the
// primary's name. Names are cut to maxMonitorName bytes and made unique.
func normalizeMonitors(in []Monitor) []Monitor {
	var out []Monitor
	for _, m := range in {
		if m.W <= 0 || m.H <= 0 {
			continue
		}
		i := slices.IndexFunc(out, func(o Monitor) bool { return o.Rect() == m.Rect() })
		switch {
		case i < 0:
			out = append(out, m)
		case m.Primary && !out[i].Primary:
			out[i] = m
		}
	}
	slices.SortStableFunc(out, func(a, b Monitor) int {
		if a.X != b.X {
			return a.X - b.X
		}
		return a.Y - b.Y
	})
	seen := map[string]bool{}
	for i := range out {
		valid := strings.ToValidUTF8(out[i].Name, "\uFFFD")
		name := cutUTF8(valid, maxMonitorName)
		for n := 2; seen[name]; n++ {
			suffix := fmt.Sprintf("#%d", n)
			name = cutUTF8(valid, maxMonitorName-len(suffix)) + suffix
		}
		seen[name] = true
		out[i].Name = name
	}
	return out
}
