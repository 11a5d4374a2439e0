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

	"golang.org/x/sys/unix"
)

// The test binary plays two parts: the tests, and a restricted process (FION_SANDBOX_PROBE),
// which restricts itself and reports what it can still do.
func TestMain(m *testing.M) {
	if dirs := os.Getenv("FION_SANDBOX_PROBE"); dirs != "" {
		probe(strings.Split(dirs, ":"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// probe: args are allowed, denied.
func probe(args []string) {
	allowed, denied := args[0], args[1]
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
	_, err := os.ReadFile(filepath.Join(allowed, "config"))
	report("read-allowed", err)
	_, err = os.ReadFile(filepath.Join(denied, "secret"))
	report("read-denied", err)
	report("write-allowed", os.WriteFile(filepath.Join(allowed, "new"), nil, 0o644))
	report("exec", exec.Command("/bin/true").Run())
	_, err = net.Dial("tcp", "127.0.0.1:9")
	report("socket", err)
	nnp, err := unix.PrctlRetInt(unix.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
	fmt.Println("nnp", nnp, err)
}

func TestRestrictAllowsOnlyReadingTheGivenFolders(t *testing.T) {
	allowed, denied := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(allowed, "config"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(denied, "secret"), []byte("x"), 0o644)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "FION_SANDBOX_PROBE="+allowed+":"+denied)
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	want := "read-allowed ok\nread-denied denied\nwrite-allowed denied\nexec denied\nsocket denied\nnnp 1 <nil>\n"
	if string(got) != want {
		t.Fatalf("the restricted process reported:\n%s\nwant:\n%s", got, want)
	}
}
