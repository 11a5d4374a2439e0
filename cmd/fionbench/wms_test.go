package main

import (
	"slices"
	"strings"
	"testing"
)

func TestSelectWMs(t *testing.T) {
	known := knownWMs("")
	tests := []struct {
		flag    string
		want    []string
		wantErr string
	}{
		{"", []string{"fion", "notion", "i3", "bspwm", "herbstluftwm"}, ""},
		{"i3,fion", []string{"i3", "fion"}, ""},
		{" fion , i3,,fion", []string{"fion", "i3"}, ""},
		{"fion,i4", nil, `unknown window manager "i4"; did you mean "i3"?`},
		{"Notion", nil, `did you mean "notion"?`},
		{"xmonad", nil, `unknown window manager "xmonad" (known: fion,notion,i3,bspwm,herbstluftwm)`},
		{",", nil, "names no window manager"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			got, err := selectWMs(tt.flag, known)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, w := range got {
				names = append(names, w.name)
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("selected %v, want %v", names, tt.want)
			}
		})
	}
}

func TestSetEnv(t *testing.T) {
	env := []string{"HOME=/root", "DISPLAY=:1", "PATH=/bin", "HOMEDIR=x"}
	got := setEnv(env, []string{"HOME=/tmp/h", "BSPWM_SOCKET=/tmp/s"})
	want := []string{"DISPLAY=:1", "PATH=/bin", "HOMEDIR=x", "HOME=/tmp/h", "BSPWM_SOCKET=/tmp/s"}
	if !slices.Equal(got, want) {
		t.Errorf("setEnv = %v, want %v", got, want)
	}
}
