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
	ticks    uint64 // utime+stime of all its threads
	switches uint64 // voluntary+nonvoluntary context switches of all its threads
}

// readUsage reads the CPU time and context switches of process pid.
func readUsage(pid int) (usage, error) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return usage{}, err
	}
	ticks, err := parseStatTicks(string(stat))
	if err != nil {
		return usage{}, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	switches, err := readSwitches(pid)
	if err != nil {
		return usage{}, err
	}
	return usage{ticks: ticks, switches: switches}, nil
}

// readSwitches sums the context switches over all threads of pid. The
// process's own status file counts only its main thread, and a multi-threaded
// WM (a Go program is one) wakes other threads too.
func readSwitches(pid int) (uint64, error) {
	paths, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", pid))
	if err != nil {
		return 0, err
	}
	if len(paths) == 0 {
		return 0, fmt.Errorf("process %d has no threads in /proc: it has exited", pid)
	}
	var total uint64
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue // the thread ended between Glob and ReadFile
		}
		if err != nil {
			return 0, err
		}
		for _, key := range []string{"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"} {
			n, err := statusField(string(b), key)
			if err != nil {
				return 0, fmt.Errorf("%s: %w", p, err)
			}
			total += n
		}
	}
	return total, nil
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

// parseStatTicks returns utime+stime from the text of /proc/PID/stat. The
// fields are counted after the last ')' because the command name in
// parentheses may itself contain spaces and parentheses.
func parseStatTicks(stat string) (uint64, error) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, fmt.Errorf("no ')' after the command name in %q", stat)
	}
	// After ')' come field 3 (state) onwards; utime and stime are fields 14 and 15.
	fields := strings.Fields(stat[end+1:])
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
