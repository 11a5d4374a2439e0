package main

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// fion runs as two processes. The one the user starts (exec fion in .xinitrc, whose end ends the X
// session) becomes the supervisor: it starts the window manager, a second fion, and starts the
// programs the window manager asks for (exec), staying unrestricted to do so, while the window
// manager restricts itself (restrict.go). The supervisor does nothing else:
//
//   - restart: the window manager asks; the supervisor checks the fion found on PATH now (an
//     upgrade) with --check and the same flags, and only when that passes starts it with
//     --replace. The new window manager takes the windows over as they are (wm/handover.go) and
//     the old one leaves. A new fion that cannot start, or a config it refuses, leaves the old one
//     running, and the old one says why.
//   - a crash: a window manager that dies of a signal or a Go panic after it managed the display
//     is started again, and takes the layout back from the X server (wm/persist.go); at most 3
//     times within a minute, so that a fion that cannot run does not loop.
//   - SIGTERM, SIGINT, SIGHUP go to the window manager, which puts the windows back and leaves;
//     the supervisor then leaves with its status. A window manager whose supervisor is gone
//     (killed) leaves too: it reads the end of its pipe from the supervisor.
//
// The supervisor is a shell (supervisorScript), into which the user's fion turns with exec,
// keeping its process: it costs about a megabyte, where a second Go program would cost several.
//
// The two talk through two pipes (FIFOs made in a private folder and removed once open), one line
// at a time. The window manager writes "ready" (it manages the display), "exec LINE" and
// "restart"; the supervisor answers each exec with "session ID LINE" (the session the program
// leads, by which the window manager places its windows: wm/launch.go) or "session - LINE", a
// restart with "started PID" or "refused MESSAGE", and says "lost MESSAGE" when a new fion it
// started ended before it took over (supervised.go).

// supervisorEnv names, in the window manager's environment, the file descriptors of its pipes to
// the supervisor: "3,4" (requests, answers).
const supervisorEnv = "FION_SUPERVISOR"

// exitHandedOver is the window manager's exit status when it left the display to a new fion.
const exitHandedOver = 3

// supervisorScript is the supervisor; $1 is the fion program, $2 "--replace" or "-" (for the first
// window manager only), the rest fion's other arguments. The current window manager's pipes are
// file descriptors 5 (its requests) and 6 (answers), a new one's during a restart 7 and 8; every
// other process it starts gets none of them, so that a window manager sees the end of its answers
// pipe when the supervisor is gone.
const supervisorScript = `# fion's supervisor (see supervise.go in fion's source)
self=$1 first=$2
shift 2
setsid=$(command -v setsid)
cur= next= ready= crashes= quitting=
trap 'quitting=1; kill -TERM $cur $next 2>/dev/null' TERM INT HUP

# start PROGRAM ARGS...: a window manager on 7 and 8; its pid in $started.
start() {
	d=$(mktemp -d) || return 1
	if ! mkfifo "$d/r" "$d/a"; then rm -rf "$d"; return 1; fi
	FION_SUPERVISOR=3,4 "$@" 3>"$d/r" 4<"$d/a" 5<&- 6>&- 7<&- 8>&- &
	started=$!
	exec 7<"$d/r" 8>"$d/a"
	rm -rf "$d"
}

# promote makes the window manager on 7 and 8 the current one.
promote() {
	exec 5<&7 6>&8 7<&- 8>&-
	cur=$started next= ready=
}

# launch LINE FD: starts LINE with sh -c in a session of its own, and tells the window manager
# whose answers go to FD which: "session ID LINE", or "session - LINE" without setsid. setsid
# does not fork here (the background process it runs in leads no process group: no job control),
# so the session's ID is $!. A subshell answers: should the window manager be gone, SIGPIPE ends
# the subshell, not this shell.
launch() {
	(
		$setsid /bin/sh -c "$1" </dev/null 5<&- 6>&- 7<&- 8>&- &
		if [ -n "$setsid" ]; then sid=$!; else sid=-; fi
		printf 'session %s %s\n' "$sid" "$1" >&"$2"
	)
}

# how STATUS says how a window manager ended.
how() {
	if [ "$1" -gt 128 ]; then
		echo "was killed by SIG$(kill -l $(($1 - 128)))"
	else
		echo "ended with exit status $1"
	fi
}

oneline() { printf '%s' "$1" | tr '\n' ' '; }

restart() {
	bin=$(command -v fion) || bin=$self
	if ! out=$( exec 5<&- 6>&- 7<&- 8>&-; "$bin" "$@" --check 2>&1 ); then
		if [ -n "$out" ]; then
			printf 'refused restart refused, fion goes on as it is: %s --check refuses: %s\n' "$bin" "$(oneline "$out")" >&6
		else
			printf 'refused restart refused, fion goes on as it is: %s --check failed\n' "$bin" >&6
		fi
		return
	fi
	if ! start "$bin" "$@" --replace; then
		printf 'refused restart failed, fion goes on as it is: cannot start %s\n' "$bin" >&6
		return
	fi
	next=$started
	printf 'started %s\n' "$next" >&6
	line=
	while IFS= read -r line <&7; do
		case $line in
		ready) break ;;
		"exec "*) launch "${line#exec }" 8 ;;
		esac
		line=
	done
	if [ "$line" = ready ]; then
		promote # the old one hands over and leaves (it sees its pipes end if it does not)
		ready=1
		return
	fi
	wait "$next"
	st=$?
	exec 7<&- 8>&-
	next=
	printf 'lost restart failed, fion goes on as it is: the new fion (%s) %s before it took over; its messages are above\n' "$bin" "$(how $st)" >&6
}

if [ "$first" = --replace ]; then start "$self" "$@" --replace; else start "$self" "$@"; fi || {
	echo "fion: cannot start its window manager" >&2
	exit 1
}
promote
while :; do
	if IFS= read -r line <&5; then
		case $line in
		ready) ready=1 ;;
		"exec "*) launch "${line#exec }" 6 ;;
		restart) restart "$@" ;;
		esac
		continue
	fi
	wait "$cur"
	st=$?
	case $st in
	0 | 1) exit $st ;;
	3) exit 0 ;; # a fion started by hand took over
	esac
	crashed=
	if [ "$st" -eq 2 ] || [ "$st" -gt 128 ]; then crashed=1; fi # SIGKILL, SIGSEGV, a Go panic
	if [ -n "$quitting" ] || [ -z "$crashed" ]; then exit $st; fi
	if [ -z "$ready" ]; then # before it managed the display: it would again
		printf 'fion: the window manager %s before it managed the display\n' "$(how $st)" >&2
		exit 1
	fi
	now=$(date +%s) recent= n=0
	for t in $crashes $now; do
		if [ $((now - t)) -le 60 ]; then recent="$recent $t" n=$((n + 1)); fi
	done
	crashes=$recent
	if [ $n -gt 3 ]; then
		echo "fion: the window manager $(how $st), $n times within a minute: fion gives up" >&2
		exit 1
	fi
	echo "fion: the window manager $(how $st); fion starts it again, and it takes the layout back" >&2
	start "$self" "$@" --replace || exit 1
	promote
done
`

// supervise turns this process into fion's supervisor of a window manager that runs self with
// args. It returns only when it cannot (no /bin/sh): then fion runs without a supervisor.
func supervise(self string, args []string, stderr io.Writer) {
	first := "-"
	var rest []string
	for _, a := range args {
		switch a {
		case "--replace", "-replace", "--replace=true", "-replace=true":
			first = "--replace"
		default:
			rest = append(rest, a)
		}
	}
	argv := append([]string{"fion", "-c", supervisorScript, "fion", self, first}, rest...)
	err := syscall.Exec("/bin/sh", argv, os.Environ())
	fmt.Fprintf(stderr, "fion: cannot start its supervisor (/bin/sh: %v)\n", err)
}
