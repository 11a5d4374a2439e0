package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/fion-wm/fion/command"
)

// wmSpec says how to start one window manager so that no user configuration
// and no other running instance can interfere with it.
type wmSpec struct {
	name string
	// program is looked up in $PATH; empty for fion, which is built from
	// the repository or given with -fion.
	program string
	// prepare writes whatever config the WM needs into dir (a fresh,
	// private temporary directory that is also its $HOME) and says how to
	// run it.
	prepare func(dir string) (launch, error)
	// client is the WM's own command-line control client; nil when the
	// bench times none (notion: issue 3 holds fionctl to i3-msg, bspc and
	// herbstclient).
	client *clientSpec
	// batch is how its client runs many commands in one process (the stdin phase); nil when the
	// bench times none.
	batch *batchSpec
	// restart is how its client restarts it in place (the restart phase); nil when the bench
	// times none.
	restart *restartSpec
}

// clientSpec is how to ask a WM one small question with its own control
// client, the way a status bar or a script does: one whole process per
// question.
type clientSpec struct {
	// program is looked up in $PATH; empty for fionctl, which is built from
	// the repository or given with -fionctl.
	program string
	// label names the question in the report, as a user would type it.
	label string
	// query is the client's arguments for one round trip, and the
	// KEY=value pairs it needs on top of the WM's environment, given the
	// run's private directory and X display.
	query func(dir, display string) (args, env []string)
}

// launch is one way to run a WM.
type launch struct {
	args []string
	env  []string // KEY=value pairs set on top of the private environment
	// readyFile, when set, is created by the WM's startup script once the
	// script has configured the WM; the bench waits for it.
	readyFile string
}

// knownWMs are the window managers the bench knows how to start, in the
// order they are reported.
func knownWMs(repo string) []wmSpec {
	return []wmSpec{
		{name: "fion", prepare: func(string) (launch, error) { return fionLaunch(repo) }, client: &clientSpec{
			label: "fionctl get version",
			query: func(dir, display string) ([]string, []string) {
				return []string{"get", "version"}, []string{"FION_SOCKET=" + fionSocket(dir, display)}
			},
		}, batch: &fionBatch, restart: &fionRestart},
		{name: "notion", program: "notion", prepare: notionLaunch},
		{name: "i3", program: "i3", prepare: i3Launch, client: &clientSpec{
			program: "i3-msg",
			label:   "i3-msg -t get_version",
			query: func(dir, _ string) ([]string, []string) {
				return []string{"-s", i3Socket(dir), "-t", "get_version"}, nil
			},
		}, batch: &i3Batch, restart: &i3Restart},
		{name: "bspwm", program: "bspwm", prepare: bspwmLaunch, client: &clientSpec{
			program: "bspc",
			label:   "bspc query -M",
			// BSPWM_SOCKET is in the WM's environment (bspwmLaunch).
			query: func(string, string) ([]string, []string) { return []string{"query", "-M"}, nil },
		}},
		{name: "herbstluftwm", program: "herbstluftwm", prepare: herbstluftwmLaunch, client: &clientSpec{
			program: "herbstclient",
			label:   "herbstclient version",
			// herbstclient talks to the WM through the X server of $DISPLAY.
			query: func(string, string) ([]string, []string) { return []string{"version"}, nil },
		}},
	}
}

// fionSocket is where fion listens in a run: $XDG_RUNTIME_DIR/fion/<display>.sock
// with "/" in the display name replaced by "_" (fion(1), FILES), and
// privateEnv puts XDG_RUNTIME_DIR at dir/run.
func fionSocket(dir, display string) string {
	return filepath.Join(dir, "run", "fion", strings.ReplaceAll(display, "/", "_")+".sock")
}

// i3Socket is where i3 listens in a run; i3Launch writes it into i3's config.
func i3Socket(dir string) string { return filepath.Join(dir, "i3-ipc.sock") }

// fionLaunch runs fion with the example configuration of the repository, so
// the bench measures what a new user gets.
func fionLaunch(repo string) (launch, error) {
	if repo == "" {
		return launch{}, fmt.Errorf("cannot find fion.toml.example: run fionbench from inside the FION repository")
	}
	conf := filepath.Join(repo, "fion.toml.example")
	if _, err := os.Stat(conf); err != nil {
		return launch{}, fmt.Errorf("fion's config %s: %w", conf, err)
	}
	return launch{args: []string{"-c", conf}}, nil
}

// notionLaunch runs notion with its system-wide default configuration: the
// private $HOME hides any ~/.notion. -noerrorlog keeps it from popping up
// xmessage windows that would be managed alongside the bench's clients.
func notionLaunch(dir string) (launch, error) {
	return launch{args: []string{"-noerrorlog"}}, nil
}

// i3Launch runs i3 with a minimal config: no bar and no autostart, which
// would add other clients, and the IPC socket kept in dir.
func i3Launch(dir string) (launch, error) {
	conf := filepath.Join(dir, "i3.config")
	text := strings.Join([]string{
		"# Written by fionbench: i3 with nothing but the bench's own clients.",
		"font fixed",
		"ipc-socket " + i3Socket(dir),
		"",
	}, "\n")
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		return launch{}, err
	}
	return launch{args: []string{"-a", "-c", conf}}, nil
}

// bspwmLaunch runs bspwm with a bspwmrc that creates the one desktop bspwm
// needs before it manages anything, then marks itself done.
func bspwmLaunch(dir string) (launch, error) {
	ready := filepath.Join(dir, "bspwm.ready")
	rc := filepath.Join(dir, "bspwmrc")
	if err := writeScript(rc, "bspc monitor -d 1", ready); err != nil {
		return launch{}, err
	}
	return launch{
		args:      []string{"-c", rc},
		env:       []string{"BSPWM_SOCKET=" + filepath.Join(dir, "bspwm.sock")},
		readyFile: ready,
	}, nil
}

// herbstluftwmLaunch runs herbstluftwm with an autostart that only marks
// itself done, so its default single frame and tag are used.
func herbstluftwmLaunch(dir string) (launch, error) {
	ready := filepath.Join(dir, "herbstluftwm.ready")
	autostart := filepath.Join(dir, "autostart")
	if err := writeScript(autostart, "", ready); err != nil {
		return launch{}, err
	}
	return launch{args: []string{"--autostart", autostart}, readyFile: ready}, nil
}

// writeScript writes an executable sh script that runs body and then
// creates the ready file. The file is written under a temporary name and
// renamed so the bench never sees it half made.
func writeScript(path, body, ready string) error {
	text := "#!/bin/sh\n# Written by fionbench.\n" + body + "\n" +
		fmt.Sprintf(": > %q.tmp && mv %q.tmp %q\n", ready, ready, ready)
	return os.WriteFile(path, []byte(text), 0o755)
}

// privateEnv is the environment a WM runs in: the X server's environment
// (DISPLAY) with $HOME and the XDG directories moved into dir, so no user
// configuration or runtime file of another session is seen, then extra.
func privateEnv(serverEnv []string, dir string, extra []string) []string {
	set := []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(dir, ".local", "share"),
		"XDG_RUNTIME_DIR=" + filepath.Join(dir, "run"),
	}
	return setEnv(serverEnv, append(set, extra...))
}

// setEnv returns env with each KEY=value of set replacing any earlier value
// of KEY.
func setEnv(env, set []string) []string {
	replaced := make(map[string]bool, len(set))
	for _, kv := range set {
		key, _, _ := strings.Cut(kv, "=")
		replaced[key] = true
	}
	out := make([]string, 0, len(env)+len(set))
	for _, kv := range env {
		key, _, _ := strings.Cut(kv, "=")
		if !replaced[key] {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}

// selectWMs turns the -wms flag into specs. An empty list means fion plus
// every other known WM that is installed.
func selectWMs(flag string, known []wmSpec) ([]wmSpec, error) {
	if strings.TrimSpace(flag) == "" {
		return known, nil
	}
	byName := make(map[string]wmSpec, len(known))
	names := make([]string, 0, len(known))
	for _, w := range known {
		byName[w.name] = w
		names = append(names, w.name)
	}
	var out []wmSpec
	seen := map[string]bool{}
	for _, name := range strings.Split(flag, ",") {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		w, ok := byName[name]
		if !ok {
			msg := fmt.Sprintf("-wms: unknown window manager %q", name)
			if guess := command.Suggest(name, names); guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			}
			return nil, fmt.Errorf("%s (known: %s)", msg, strings.Join(names, ","))
		}
		seen[name] = true
		out = append(out, w)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-wms names no window manager; give a comma-separated list such as fion,i3 (known: %s)", strings.Join(names, ","))
	}
	return out, nil
}
