package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// rulesResult compares fion's map median with many [[rules]] configured, none of which matches
// the bench's windows, to its median with none (issue 11), over runs that alternate between the
// two so that a change in the machine's load falls on both.
type rulesResult struct {
	Rules   int       `json:"rules"`
	Plain   []float64 `json:"medians_without_ms"` // each run's map median, fion.toml.example
	With    []float64 `json:"medians_with_ms"`    // the same with the rules added
	PlainMS num       `json:"median_without_ms"`
	WithMS  num       `json:"median_with_ms"`
	Ratio   num       `json:"ratio"` // WithMS / PlainMS
}

// rulesText is n [[rules]] tables that match none of the bench's windows (WM_CLASS fionbench,
// titles "bench N"), in the shapes users write: anchored and unanchored classes, titles matched
// anywhere and case-insensitively, instances, roles, several matchers at once, each placing,
// floating or focusing what it matches.
func rulesText(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n# %d rules written by fionbench; none matches its windows.\n", n)
	for i := range n {
		b.WriteString("\n[[rules]]\n")
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "class = \"^app%d$\"\nworkspace = %d\n", i, 2+i%3)
		case 1:
			fmt.Fprintf(&b, "title = \"(?i)picture-in-picture %d\"\nfloat = true\nfocus = false\n", i)
		case 2:
			fmt.Fprintf(&b, "class = \"firefox|chromium|thunderbird%d\"\ntitle = \"mail\"\nworkspace = %d\n", i, 2+i%3)
		case 3:
			fmt.Fprintf(&b, "instance = \"^dialog%d\"\nrole = \"pop-up\"\nfloat = true\n", i)
		case 4:
			fmt.Fprintf(&b, "title = \"^Editor .* - project %d$\"\nfullscreen = true\n", i)
		}
	}
	return b.String()
}

// fionWithRules is fion's spec with n rules added to the example configuration.
func fionWithRules(fion wmSpec, repo string, n int) wmSpec {
	w := fion
	w.name = fmt.Sprintf("fion+%drules", n)
	w.prepare = func(dir string) (launch, error) {
		l, err := fionLaunch(repo)
		if err != nil {
			return l, err
		}
		example, err := os.ReadFile(l.args[1])
		if err != nil {
			return l, err
		}
		conf := filepath.Join(dir, "fion.toml")
		if err := os.WriteFile(conf, append(example, rulesText(n)...), 0o644); err != nil {
			return l, err
		}
		l.args = []string{"-c", conf}
		return l, nil
	}
	return w
}

// mapMedian maps n windows in a session of w and returns their median map time.
func mapMedian(ctx context.Context, w wmSpec, bins binaries, n int) (float64, error) {
	s, err := startSession(ctx, w, bins)
	if err != nil {
		return 0, err
	}
	defer s.close()
	samples, err := s.c.mapWindows(ctx, n, s.p.exited)
	if err != nil {
		return 0, s.explain(err)
	}
	return median(samples), nil
}

// compareRules runs fion without and with the rules, alternately, runs times each.
func compareRules(ctx context.Context, fion wmSpec, bins binaries, repo string, rules, n, runs int) (rulesResult, error) {
	res := rulesResult{Rules: rules}
	with := fionWithRules(fion, repo, rules)
	for range runs {
		plain, err := mapMedian(ctx, fion, bins, n)
		if err != nil {
			return res, err
		}
		res.Plain = append(res.Plain, plain)
		ruled, err := mapMedian(ctx, with, bins, n)
		if err != nil {
			return res, fmt.Errorf("with %d rules: %w", rules, err)
		}
		res.With = append(res.With, ruled)
	}
	res.PlainMS, res.WithMS = num(median(res.Plain)), num(median(res.With))
	res.Ratio = num(ratio(float64(res.WithMS), float64(res.PlainMS)))
	return res, nil
}
