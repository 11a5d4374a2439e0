package main

import (
	"os"
	"testing"
)

func TestParseStatTicks(t *testing.T) {
	tests := []struct {
		name    string
		stat    string
		want    uint64
		wantErr bool
	}{
		{
			name: "plain",
			stat: "1234 (i3) S 1 1234 1234 0 -1 4194560 900 0 0 0 17 5 0 0 20 0 1 0 100 10000 500 18446744073709551615",
			want: 22,
		},
		{
			name: "command name with spaces and parentheses",
			stat: "99 (a (b) c) R 1 99 99 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 0 0 0",
			want: 7,
		},
		{name: "no command name", stat: "99 R 1", wantErr: true},
		{name: "truncated", stat: "99 (x) R 1 2 3", wantErr: true},
		{name: "not a number", stat: "1 (x) S 1 1 1 0 -1 0 0 0 0 0 x 5 0 0", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatTicks(tt.stat)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ticks = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestStatusField(t *testing.T) {
	status := "Name:\tnotion\nVmPeak:\t  20000 kB\nVmRSS:\t    8123 kB\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n"
	tests := []struct {
		key     string
		want    uint64
		wantErr bool
	}{
		{"VmRSS", 8123, false},
		{"voluntary_ctxt_switches", 12, false},
		{"nonvoluntary_ctxt_switches", 3, false}, // not confused with the voluntary line
		{"VmSwap", 0, true},
		{"Name", 0, true}, // not a number
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, err := statusField(status, tt.key)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("%s = %d, want %d", tt.key, got, tt.want)
			}
		})
	}
}

// TestReadUsageSelf reads this test process, which has several threads and
// has certainly been scheduled, so every figure must be readable and the
// context switches positive.
func TestReadUsageSelf(t *testing.T) {
	u, err := readUsage(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if u.switches == 0 {
		t.Errorf("context switches = 0 for a running test process")
	}
	rss, err := readRSSKiB(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if rss == 0 {
		t.Errorf("VmRSS = 0 for a running test process")
	}
}

func TestParseStatState(t *testing.T) {
	tests := []struct {
		stat    string
		want    byte
		wantErr bool
	}{
		{"12 (i3) S 1 12", 'S', false},
		{"12 (a) R (b)) R 1", 'R', false}, // the state follows the last ')'
		{"12 (x)", 0, true},
		{"12 x S", 0, true},
	}
	for _, tt := range tests {
		got, err := parseStatState(tt.stat)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseStatState(%q) = %q, %v; want %q, error %v", tt.stat, got, err, tt.want, tt.wantErr)
		}
	}
}

// The CPU of a span is the schedstat time when both readings have it, and the ticks otherwise.
func TestCPUMS(t *testing.T) {
	if ns, err := parseSchedstat("79296087 53427187 5694\n"); err != nil || ns != 79296087 {
		t.Errorf("parseSchedstat = %d, %v; want 79296087", ns, err)
	}
	if _, err := parseSchedstat(""); err == nil {
		t.Error("parseSchedstat of nothing gave no error")
	}
	for _, tt := range []struct {
		before, after usage
		want          float64
	}{
		{usage{ticks: 3, cpuNS: 1_000_000}, usage{ticks: 5, cpuNS: 13_500_000}, 12.5},
		{usage{ticks: 3}, usage{ticks: 5}, 20},
		{usage{ticks: 3, cpuNS: 9_000_000}, usage{ticks: 5, cpuNS: 2_000_000}, 20}, // a thread went: the ticks say
	} {
		if got := cpuMS(tt.before, tt.after); got != tt.want {
			t.Errorf("cpuMS(%+v, %+v) = %g, want %g", tt.before, tt.after, got, tt.want)
		}
	}
}

// A running process's threads have run for some nanoseconds, by their schedstat.
func TestReadUsageSchedstat(t *testing.T) {
	u, err := readUsage(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("/proc/self/schedstat"); err == nil && u.cpuNS == 0 {
		t.Error("cpuNS = 0 for the running test process, whose kernel keeps schedstat")
	}
}
