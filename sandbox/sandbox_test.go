//go:build linux

package sandbox

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The test binary plays two parts: the tests, and a restricted process (FION_SANDBOX_PROBE),
// which starts a launcher, restricts itself and reports what it can still do.
func TestMain(m *testing.M) {
	if dirs := os.Getenv("FION_SANDBOX_PROBE"); dirs != "" {
		probe(strings.Split(dirs, ":"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// probe: args are allowed, denied, out (a file the launched program writes).
func probe(args []string) {
	allowed, denied, out := args[0], args[1], args[2]
	l, err := StartLauncher(os.Environ())
	if err != nil {
		fmt.Println("launcher:", err)
		return
	}
	if _, err := Restrict(Policy{Folders: []string{allowed}}); err != nil {
		fmt.Println("restrict:", err)
		return
	}
	report := func(what string, err error) {
		switch {
		case err == nil:
			fmt.Println(what, "ok")
		case errors.Is(err, os.ErrPermission):
			fmt.Println(what, "denied")
		default:
			fmt.Println(what, "error", err)
		}
	}
	_, err = os.ReadFile(filepath.Join(allowed, "config"))
	report("read-allowed", err)
	_, err = os.ReadFile(filepath.Join(denied, "secret"))
	report("read-denied", err)
	report("write-allowed", os.WriteFile(filepath.Join(allowed, "new"), nil, 0o644))
	report("exec", exec.Command("/bin/true").Run())
	_, err = net.Dial("tcp", "127.0.0.1:9")
	report("socket", err)
	nnp, err := unix.PrctlRetInt(unix.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
	fmt.Println("nnp", nnp, err)
	// The launcher is not restricted: what it starts can write anywhere and gain privileges.
	report("launch", l.Run(`echo $$ $(cut -d' ' -f6 /proc/$$/stat) $(grep NoNewPrivs /proc/$$/status | cut -f2) > `+out+`.tmp && mv `+out+`.tmp `+out))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(out); err == nil {
			break
		}
		<-time.After(10 * time.Millisecond) // polling for a file another process writes, with a deadline
	}
}

func TestRestrictAllowsOnlyReadingTheGivenFolders(t *testing.T) {
	allowed, denied, free := t.TempDir(), t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(allowed, "config"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(denied, "secret"), []byte("x"), 0o644)
	out := filepath.Join(free, "launched")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "FION_SANDBOX_PROBE="+allowed+":"+denied+":"+out)
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	want := "read-allowed ok\nread-denied denied\nwrite-allowed denied\nexec denied\nsocket denied\nnnp 1 <nil>\nlaunch ok\n"
	if string(got) != want {
		t.Fatalf("the restricted process reported:\n%s\nwant:\n%s", got, want)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the launched program wrote nothing: %v", err)
	}
	f := strings.Fields(string(b))
	if len(f) != 3 || f[0] != f[1] || f[2] != "0" {
		t.Fatalf("launched program: pid, session, NoNewPrivs = %v; want its own session and no restriction", f)
	}
}

func TestRunRefusesLinesThatWouldSplit(t *testing.T) {
	l := &Launcher{}
	for _, line := range []string{"a\nb", "a\x00b"} {
		if err := l.Run(line); err == nil {
			t.Errorf("%q was sent", line)
		}
	}
}
