package main

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/fion-wm/fion/internal/xtest"
)

// TestManaging checks the readiness condition on a real server: nobody
// manages a bare Xvfb, and a client that selects SubstructureRedirect on the
// root does.
func TestManaging(t *testing.T) {
	srv := xtest.Xvfb(t, "640x480")
	c, err := dial(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if ok, err := c.managing(); err != nil || ok {
		t.Fatalf("managing() on a bare server = %v, %v; want false", ok, err)
	}

	wm := xtest.Conn(t, srv.Display)
	root := xproto.Setup(wm).DefaultScreen(wm).Root
	err = xproto.ChangeWindowAttributesChecked(wm, root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureRedirect}).Check()
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.managing(); err != nil || !ok {
		t.Fatalf("managing() with a client holding SubstructureRedirect = %v, %v; want true", ok, err)
	}
}

// TestMeasureWMThatExits: a WM that dies at startup is reported promptly,
// with what it printed, instead of waiting for the start timeout.
func TestMeasureWMThatExits(t *testing.T) {
	broken := wmSpec{name: "broken", prepare: func(string) (launch, error) {
		return launch{args: []string{"-c", "echo 'line 3: bad option' >&2; exit 3"}}, nil
	}}
	start := time.Now()
	_, err := measure(context.Background(), broken, binaries{wm: "/bin/sh"}, runConfig{n: 3, idle: time.Millisecond})
	if err == nil {
		t.Fatal("measure succeeded with a WM that exits at once")
	}
	for _, want := range []string{"the WM exited", "exit status 3", "line 3: bad option"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if d := time.Since(start); d > startTimeout/2 {
		t.Errorf("took %v to notice the WM had exited", d)
	}
}

// TestMeasureBspwm runs one short measurement of a real WM: bspwm is small,
// starts fast and needs its startup script, which exercises the ready file;
// its client bspc is timed too. Everything the run started must be gone
// afterwards.
func TestMeasureBspwm(t *testing.T) {
	program := xtest.Need(t, "bspwm", "bspwm")
	bspc := xtest.Need(t, "bspc", "bspwm")
	var spec wmSpec
	for _, w := range knownWMs("") {
		if w.name == "bspwm" {
			spec = w
		}
	}
	const n, trips = 12, 20
	res, err := measure(context.Background(), spec, binaries{wm: program, client: bspc},
		runConfig{n: n, idle: 200 * time.Millisecond, roundTrips: trips})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Samples) != n {
		t.Fatalf("%d samples, want %d", len(res.Samples), n)
	}
	for i, s := range res.Samples {
		if s <= 0 || s > mapTimeout.Seconds()*1000 {
			t.Errorf("sample %d = %g ms, want a positive time under the map timeout", i, s)
		}
	}
	if res.Stats.Median <= 0 || res.Stats.P90 < res.Stats.Median {
		t.Errorf("stats %+v: want 0 < median <= p90", res.Stats)
	}
	if res.RSSKiB == 0 {
		t.Error("RSS = 0 KiB for a running WM")
	}
	switch c := res.Control; {
	case c == nil:
		t.Error("no control round trips for bspwm")
	case len(c.Samples) != trips || c.Client != "bspc query -M":
		t.Errorf("control: %d samples of %q, want %d of \"bspc query -M\"", len(c.Samples), c.Client, trips)
	case c.Median <= 0 || c.P90 < c.Median || c.P90 > num(clientTimeout.Seconds()*1000):
		t.Errorf("control stats median %v, p90 %v: want 0 < median <= p90 < the client timeout", c.Median, c.P90)
	}
	if err := syscall.Kill(-res.wmPID, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the WM's process group %d is still there after the run (kill: %v)", res.wmPID, err)
	}
}

// TestMeasureInterrupted: cancelling (Ctrl-C) ends a run quickly and still
// stops the WM.
func TestMeasureInterrupted(t *testing.T) {
	program := xtest.Need(t, "bspwm", "bspwm")
	var spec wmSpec
	for _, w := range knownWMs("") {
		if w.name == "bspwm" {
			spec = w
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	// By 3 s the run is normally inside its minute-long idle window; wherever
	// it is, it must return context.Canceled well before that minute ends.
	done := make(chan error, 1)
	go func() {
		_, err := measure(ctx, spec, binaries{wm: program}, runConfig{n: 2, idle: time.Minute})
		done <- err
	}()
	time.AfterFunc(3*time.Second, cancel)
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("measure did not return within 30s of being cancelled")
	}
}

// spec is the known WM called name.
func spec(t *testing.T, name string) wmSpec {
	for _, w := range knownWMs("") {
		if w.name == name {
			return w
		}
	}
	t.Fatalf("no known WM %q", name)
	return wmSpec{}
}

// TestStormAndChurnBspwm runs a short title storm and a short churn on a real WM, each in a
// session of its own, and checks that the figures are those of what was done and that nothing
// is left running.
func TestStormAndChurnBspwm(t *testing.T) {
	m := member{spec: spec(t, "bspwm"), bins: binaries{wm: xtest.Need(t, "bspwm", "bspwm")}}
	ctx := context.Background()
	var pid int
	st, err := inSession(ctx, m, func(s *session) (stormResult, error) {
		pid = s.p.pid()
		return storm(ctx, s, 500, 300*time.Millisecond, false)
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Changes != 150 || st.Seconds < 0.29 || st.CPUMS < 0 || !math.IsNaN(float64(st.TitleShownMS)) {
		t.Errorf("storm %+v: want 150 changes over at least 0.29 s, no title time for bspwm", st)
	}
	if err := syscall.Kill(-pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the WM's process group %d is still there after the storm (kill: %v)", pid, err)
	}

	const cycles = 30
	ch, err := inSession(ctx, m, func(s *session) (churnResult, error) { return churn(ctx, s, cycles) })
	if err != nil {
		t.Fatal(err)
	}
	if ch.Cycles != cycles || !(ch.Median > 0) || ch.Median > num(mapTimeout.Seconds()*1000) || ch.RSSBeforeKiB == 0 || ch.RSSAfterKiB == 0 {
		t.Errorf("churn %+v: want %d cycles, a median under the map timeout, RSS before and after", ch, cycles)
	}
}

// TestRestartI3 restarts a real i3 holding a few windows and times it until it answers again.
func TestRestartI3(t *testing.T) {
	m := member{spec: spec(t, "i3"), bins: binaries{wm: xtest.Need(t, "i3", "i3-wm"), client: xtest.Need(t, "i3-msg", "i3-wm")}}
	ctx := context.Background()
	r, err := inSession(ctx, m, func(s *session) (restartResult, error) { return restart(ctx, s, i3Restart, 3, 2) })
	if err != nil {
		t.Fatal(err)
	}
	if r.Clients != 4 || len(r.Samples) != 2 || !(r.Median > 0) || r.Median > num(restartTimeout.Seconds()*1000) {
		t.Errorf("restart %+v: want 4 clients, 2 samples, a median under the restart timeout", r)
	}
}

// TestFionPhases runs the phases that measure fion's own figures on a real fion built from the
// repository, each short: the storm shows the final title in the tab bar, fionctl - runs a batch,
// the state phase reads _FION_LAYOUT and times the same save, and a restart is answered.
func TestFionPhases(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fion and fionctl")
	}
	xtest.Need(t, "Xvfb", "xvfb")
	repo := findRepo()
	dir := t.TempDir()
	ctx := context.Background()
	wm, err := build(ctx, repo, ".", dir+"/fion")
	if err != nil {
		t.Fatal(err)
	}
	ctl, err := build(ctx, repo, "./cmd/fionctl", dir+"/fionctl")
	if err != nil {
		t.Fatal(err)
	}
	var fion wmSpec
	for _, w := range knownWMs(repo) {
		if w.name == "fion" {
			fion = w
		}
	}
	m := member{spec: fion, bins: binaries{wm: wm, client: ctl}}

	st, err := inSession(ctx, m, func(s *session) (stormResult, error) { return storm(ctx, s, 500, 200*time.Millisecond, true) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Note != "" || !(st.TitleShownMS >= 0) || st.Redraws == 0 {
		t.Errorf("storm %+v: want the final title drawn after the last change, and redraws counted", st)
	}

	b, err := inSession(ctx, m, func(s *session) (batchResult, error) { return batch(ctx, s, fionBatch, 20, 2) })
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Samples) != 2 || !(b.PerCommandUS > 0) {
		t.Errorf("batch %+v: want 2 samples and a time per command", b)
	}

	state, err := inSession(ctx, m, func(s *session) (stateResult, error) { return keepState(ctx, s, 10) })
	if err != nil {
		t.Fatal(err)
	}
	if state.Clients != 11 || state.Bytes == 0 || state.Note != "" || !(state.SaveUS > 0) || !(state.Share > 0) {
		t.Errorf("state %+v: want 11 clients, the bytes of _FION_LAYOUT, the same save rebuilt and timed", state)
	}

	r, err := inSession(ctx, m, func(s *session) (restartResult, error) { return restart(ctx, s, fionRestart, 5, 1) })
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Samples) != 1 || !(r.Median > 0) {
		t.Errorf("restart %+v: want one time until the new fion answered", r)
	}
}

// TestRunPhasesWMThatExits: a WM that cannot start fails every phase, each with the WM's own
// words, and leaves no figure behind that a target could be judged on.
func TestRunPhasesWMThatExits(t *testing.T) {
	xtest.Need(t, "Xvfb", "xvfb")
	broken := wmSpec{name: "fion", prepare: func(string) (launch, error) {
		return launch{args: []string{"-c", "echo 'line 7: no such option' >&2; exit 3"}}, nil
	}}
	rep := &report{Phases: []string{phaseStorm, phaseChurn, phaseState}, WMs: []wmReport{{Name: "fion", Status: statusOK}}}
	members := []member{{spec: broken, bins: binaries{wm: "/bin/sh"}, row: &rep.WMs[0]}}
	cfg := benchConfig{only: rep.Phases, run: runConfig{n: 3}, phases: phaseConfig{stormRate: 10, stormTime: time.Second, churn: 5, stateSessions: 1}}
	var progress strings.Builder
	runPhases(context.Background(), cfg, members, rep, &progress)
	row := rep.WMs[0]
	if row.Storm != nil || row.Churn != nil || row.State != nil {
		t.Errorf("figures of a WM that never ran: storm %v, churn %v, state %v", row.Storm, row.Churn, row.State)
	}
	for _, phase := range rep.Phases {
		if why := row.PhaseFailures[phase]; !strings.Contains(why, "line 7: no such option") {
			t.Errorf("phase %s failed with %q, want the WM's own words", phase, why)
		}
	}
	rep.compare()
	for _, want := range []string{"title storm: CPU at most notion's: fion failed", "churn: RSS after within 1 MB of before: fion failed"} {
		if !slices.Contains(rep.Unjudged, want) {
			t.Errorf("unjudged %q, want it to hold %q", rep.Unjudged, want)
		}
	}
}
