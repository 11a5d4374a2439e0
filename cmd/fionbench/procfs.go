package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// clockTicksPerSecond is Linux's USER_HZ, the unit of utime and stime in
// /proc/PID/stat. It is 100 on every architecture this runs on, and reading
// sysconf(_SC_CLK_TCK) would need cgo.
const clockTicksPerSecond = 100

// tickMS is the length of one clock tick: the resolution of the CPU figure.
const tickMS = 1000 / clockTicksPerSecond

// usage is what the kernel has counted for a process so far.
type usage struct {
	ticks uint64 // utime+stime of all its threads
	// cpuNS is the time its threads ran, in nanoseconds, from each thread's schedstat: the
	// scheduler's own count, exact where the ticks are samples of 10 ms. 0 when the kernel keeps
	// no schedstat (then the ticks count).
	cpuNS    uint64
	switches uint64 // voluntary+nonvoluntary context switches of all its threads
	// running: some thread is runnable. On a busy machine a WM can be
	// waiting for a CPU in the middle of its work, which looks quiet when
	// only its switch count is watched.
	running bool
}

// readUsage reads the CPU time, context switches and state of process pid.
// The switches are summed over its threads: the process's own status file
// counts only its main thread, and a multi-threaded WM (a Go program is
// one) wakes other threads too.
func readUsage(pid int) (usage, error) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return usage{}, err
	}
	var u usage
	if u.ticks, err = parseStatTicks(string(stat)); err != nil {
		return usage{}, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
	if err != nil {
		return usage{}, err
	}
	if len(tasks) == 0 {
		return usage{}, fmt.Errorf("process %d has no threads in /proc: it has exited", pid)
	}
	for _, task := range tasks {
		stat, err := os.ReadFile(filepath.Join(task, "stat"))
		if os.IsNotExist(err) {
			continue // the thread ended after Glob
		}
		if err != nil {
			return usage{}, err
		}
		status, err := os.ReadFile(filepath.Join(task, "status"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return usage{}, err
		}
		if sched, err := os.ReadFile(filepath.Join(task, "schedstat")); err == nil {
			if ns, err := parseSchedstat(string(sched)); err == nil {
				u.cpuNS += ns
			}
		}
		state, err := parseStatState(string(stat))
		if err != nil {
			return usage{}, fmt.Errorf("%s/stat: %w", task, err)
		}
		u.running = u.running || state == 'R'
		for _, key := range []string{"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"} {
			n, err := statusField(string(status), key)
			if err != nil {
				return usage{}, fmt.Errorf("%s/status: %w", task, err)
			}
			u.switches += n
		}
	}
	return u, nil
}

// readRSSKiB reads the resident set size of pid in KiB.
func readRSSKiB(pid int) (uint64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	n, err := statusField(string(b), "VmRSS")
	if err != nil {
		return 0, fmt.Errorf("/proc/%d/status: %w", pid, err)
	}
	return n, nil
}

// statFields returns the fields of a /proc/.../stat text from field 3
// (state) on. They are split after the last ')' because the command name in
// parentheses may itself contain spaces and parentheses.
func statFields(stat string) ([]string, error) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return nil, fmt.Errorf("no ')' after the command name in %q", stat)
	}
	return strings.Fields(stat[end+1:]), nil
}

// parseStatState returns the state letter of a /proc/.../stat text: R
// running or runnable, S sleeping, and so on.
func parseStatState(stat string) (byte, error) {
	fields, err := statFields(stat)
	if err != nil {
		return 0, err
	}
	if len(fields) == 0 || len(fields[0]) != 1 {
		return 0, fmt.Errorf("no state letter after the command name in %q", stat)
	}
	return fields[0][0], nil
}

// parseStatTicks returns utime+stime, fields 14 and 15 of a /proc/PID/stat
// text.
func parseStatTicks(stat string) (uint64, error) {
	fields, err := statFields(stat)
	if err != nil {
		return 0, err
	}
	const utime, stime = 14 - 3, 15 - 3
	if len(fields) <= stime {
		return 0, fmt.Errorf("only %d fields after the command name, want at least %d", len(fields), stime+1)
	}
	var total uint64
	for _, i := range []int{utime, stime} {
		n, err := strconv.ParseUint(fields[i], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("field %d: %w", i+3, err)
		}
		total += n
	}
	return total, nil
}

// parseSchedstat returns the first field of a /proc/PID/task/TID/schedstat text: how long the
// thread has run, in nanoseconds.
func parseSchedstat(s string) (uint64, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return 0, fmt.Errorf("empty schedstat")
	}
	return strconv.ParseUint(fields[0], 10, 64)
}

// cpuMS is the CPU time the processes spent between before and after, in milliseconds: from
// the threads' schedstat when both have it, else from the clock ticks.
func cpuMS(before, after usage) float64 {
	if before.cpuNS > 0 && after.cpuNS >= before.cpuNS {
		return float64(after.cpuNS-before.cpuNS) / 1e6
	}
	return float64((after.ticks - before.ticks) * tickMS)
}

// statusField returns the first number of the "key:" line of a
// /proc/.../status text ("VmRSS:	  1234 kB" gives 1234).
func statusField(status, key string) (uint64, error) {
	for line := range strings.Lines(status) {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name != key {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) == 0 {
			return 0, fmt.Errorf("%s has no value", key)
		}
		return strconv.ParseUint(fields[0], 10, 64)
	}
	return 0, fmt.Errorf("no %s line", key)
}

// family is pid and every process below it: a window manager may run helpers (fion runs a
// launcher shell), and what they cost is the window manager's cost.
func family(pid int) []int {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p))
		if err != nil {
			continue
		}
		f, err := statFields(string(stat))
		if err != nil || len(f) < 2 {
			continue
		}
		if pp, err := strconv.Atoi(f[1]); err == nil {
			parent[p] = pp
		}
	}
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		for p, pp := range parent {
			if pp == out[i] {
				out = append(out, p)
			}
		}
	}
	return out
}

// familyUsage sums readUsage over family(pid).
func familyUsage(pid int) (usage, error) {
	var sum usage
	for i, p := range family(pid) {
		u, err := readUsage(p)
		if err != nil {
			if i == 0 {
				return usage{}, err
			}
			continue // a helper that just ended
		}
		sum.ticks += u.ticks
		sum.cpuNS += u.cpuNS
		sum.switches += u.switches
		sum.running = sum.running || u.running
	}
	return sum, nil
}

// familyRSSKiB sums readRSSKiB over family(pid).
func familyRSSKiB(pid int) (uint64, error) {
	var sum uint64
	for i, p := range family(pid) {
		n, err := readRSSKiB(p)
		if err != nil {
			if i == 0 {
				return 0, err
			}
			continue
		}
		sum += n
	}
	return sum, nil
}
