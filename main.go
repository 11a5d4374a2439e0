// Command fion is a static tiling window manager for X11 in the spirit of ion3: every screen has
// its own workspaces, a workspace is split into tiles, each tile holds clients as tabs, and all of
// it is driven from the keyboard. See fion(1).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/fion-wm/fion/config"
	"github.com/fion-wm/fion/ipc"
	"github.com/fion-wm/fion/layoutfile"
	"github.com/fion-wm/fion/sandbox"
	"github.com/fion-wm/fion/wm"
)

// version is set at build time for a release (go build -ldflags=-X=main.version=1.2.3).
var version = "0.1.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: fion [-c FILE] [--check] [--replace] [-v] [--cpuprofile FILE] [--version] [-h]
       fion --check FILE

  -c FILE     read the config from FILE (default: $XDG_CONFIG_HOME/fion/fion.toml,
              else ~/.config/fion/fion.toml, else the embedded default)
  --check     check the config and exit: 0 if it is good, else the errors and 1;
              with a FILE ending in .json, check that saved layout instead, and with
              any other FILE, check that config file
  --replace   take over from the running window manager
  -v          log debug messages to stderr
  --cpuprofile FILE
              record where the window manager spends its CPU and write it to FILE
              when it leaves, for go tool pprof
  --version   print the version and exit
  -h          print this help and exit

Start it from ~/.xinitrc with "exec fion". See fion(1).
`

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fion", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	file := fs.String("c", "", "")
	check := fs.Bool("check", false, "")
	replace := fs.Bool("replace", false, "")
	verbose := fs.Bool("v", false, "")
	cpuProfile := fs.String("cpuprofile", "", "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "fion: %v\n%s", err, usage)
		return 2
	}
	if fs.NArg() > 0 && !(*check && fs.NArg() == 1) {
		fmt.Fprintf(stderr, "fion: unexpected argument %q\n%s", fs.Arg(fs.NArg()-1), usage)
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "fion %s\n", version)
		return 0
	}
	if *check && fs.NArg() == 1 {
		name := fs.Arg(0)
		switch {
		case strings.HasSuffix(name, ".json"):
			return checkLayout(name, stdout, stderr)
		case *file != "":
			fmt.Fprintf(stderr, "fion: two config files to check, %s and %s; give one, with -c or after --check\n%s", *file, name, usage)
			return 2
		}
		*file = name
	}
	var lnk *link
	if !*check {
		var err error
		if lnk, err = linkFromEnv(); err != nil {
			fmt.Fprintf(stderr, "fion: %v\n", err)
			return 1
		}
		if lnk == nil {
			// The user's fion: it supervises the window manager, a second fion (supervise.go).
			if self, err := os.Executable(); err == nil {
				supervise(self, args, stderr) // returns only when it cannot
			} else {
				fmt.Fprintf(stderr, "fion: cannot find its own program: %v\n", err)
			}
			fmt.Fprintln(stderr, "fion: it runs without a supervisor: it cannot restart, and does not restrict itself")
		}
	}
	if !*check {
		runtimeDefaults()
		if *cpuProfile != "" {
			if stop, err := startCPUProfile(*cpuProfile); err != nil {
				fmt.Fprintf(stderr, "fion: %v; fion runs without recording a profile\n", err)
			} else {
				defer func() {
					if err := stop(); err != nil {
						fmt.Fprintf(stderr, "fion: %v\n", err)
					}
				}()
			}
		}
	}
	cfg, err := loadConfig(*file)
	if *check {
		if err == nil {
			_, err = wm.ReadFonts(cfg)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if cfg.Path == "" {
			fmt.Fprintln(stdout, "fion: no config file found; the embedded default config is good")
		} else {
			fmt.Fprintf(stdout, "fion: %s is good\n", cfg.Path)
		}
		return 0
	}
	if err != nil {
		// A bad config must not leave the user without a window manager.
		fmt.Fprintf(stderr, "%v\nfion: using the default config until the errors above are fixed (then run the reload command)\n", err)
		cfg = config.Default()
	}
	// The control socket is opened once fion manages the display; events sent before have no
	// subscriber anyway.
	var socket *ipc.Server
	publish := func(event string, data any) {
		if socket != nil {
			socket.Publish(event, data)
		}
	}
	var box *sandbox.Sandbox // set once fion restricts itself, before the loop starts
	opts := wm.Options{Replace: *replace, Config: cfg, ConfigFlag: *file, Verbose: *verbose, Stderr: stderr,
		Version: version, Publish: publish, LayoutDir: layoutfile.Folder(), Unreadable: func(path string) string { return box.Unreadable(path) },
		// The next fion opens the socket at the same path: this one closes it before it goes.
		Closing: func() {
			if socket != nil {
				socket.Close()
			}
		}}
	if lnk != nil {
		opts.Exec, opts.Restart = lnk.Exec, lnk.Restart
	}
	w, err := wm.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "fion: %v\n", err)
		return 1
	}
	if lnk != nil {
		lnk.lost = w.RestartFailed
		lnk.Ready()
	}
	socket, err = listen(w, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "fion: %v; fionctl will not reach this fion\n", err)
	} else {
		defer func() {
			socket.Close()
			socket.Wait(time.Second) // the answer to a request that ended fion (restart, exit)
		}()
	}
	if lnk != nil {
		// From here on fion needs its open X connection and to read its config and fonts. The
		// local time zone (for -v's log times) is loaded now, while /etc/localtime is readable.
		_, _ = time.Now().Zone()
		socketDir := ""
		if socket != nil {
			socketDir = filepath.Dir(socket.Path())
		}
		box = restrict(cfg, *file, socketDir, stderr)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	if lnk != nil {
		go func() {
			<-lnk.gone // the supervisor was killed: put the windows back and leave
			stop <- syscall.SIGTERM
		}()
	}
	if err := w.Loop(stop); err != nil {
		fmt.Fprintf(stderr, "fion: %v\n", err)
		return 1
	}
	if w.HandedOver() {
		return exitHandedOver
	}
	return 0
}

// runtimeDefaults sets how the Go runtime runs the window manager, unless the environment says
// otherwise (GOMAXPROCS, GOGC):
//
//   - One thread. One goroutine owns all the state; the others (the X reader, xgb's, the
//     socket's) only hand it work, and on one thread they hand it over without waking a second
//     one each time: a title storm or a burst of windows costs half the CPU.
//   - A small heap. fion keeps well under a megabyte alive; left at its default, the collector
//     would let a burst of work pile up 4 MB of garbage before it runs, resident until fion tidies
//     once idle (wm.WM.Loop). A quarter of that costs a collection every few dozen windows.
func runtimeDefaults() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(25)
	}
}

// checkLayout checks the saved layout in file, as --check FILE does: 0 when it is good, 1 with its
// mistakes on stderr.
func checkLayout(file string, stdout, stderr io.Writer) int {
	if _, err := layoutfile.Read(file); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "fion: %s is a good layout\n", file)
	return 0
}

// listen opens the control socket for display and publishes its path on the root window.
func listen(w *wm.WM, stderr io.Writer) (*ipc.Server, error) {
	path, err := ipc.SocketPath(os.Getenv("DISPLAY"))
	if err != nil {
		return nil, err
	}
	srv, err := ipc.Listen(path, w, func(format string, args ...any) {
		fmt.Fprintf(stderr, "fion: "+format+"\n", args...)
	})
	if err != nil {
		return nil, err
	}
	w.PublishSocket(path)
	return srv, nil
}

// loadConfig reads the config that -c names or that the XDG lookup finds; with neither, the
// embedded default.
func loadConfig(flagPath string) (*config.Config, error) {
	path, found := config.Locate(flagPath)
	if !found {
		if flagPath != "" {
			return nil, fmt.Errorf("fion: %s: no such config file; check the -c argument", flagPath)
		}
		return config.Default(), nil
	}
	return config.Load(path)
}
