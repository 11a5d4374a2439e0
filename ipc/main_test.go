package ipc

import (
	"fmt"
	"os"
	"testing"
)

// connectEnv makes the test binary a client instead of running the tests: the other-uid test
// starts it as another user (see TestAnotherUserIsRefused).
const connectEnv = "FION_IPC_TEST_CONNECT"

// holdEnv makes the test binary a process that holds connections (see holdConnections).
const holdEnv = "FION_IPC_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(connectEnv); path != "" {
		os.Exit(connectAndQuery(path))
	}
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(holdConnections(path))
	}
	os.Exit(m.Run())
}

// connectAndQuery asks the fion at path for its version and prints who asked and the answer.
func connectAndQuery(path string) int {
	c, err := Dial(path)
	if err != nil {
		fmt.Printf("uid %d: dial: %v\n", os.Getuid(), err)
		return 2
	}
	defer c.Close()
	v, err := c.Query("version")
	if err != nil {
		fmt.Printf("uid %d: %v\n", os.Getuid(), err)
		return 0
	}
	fmt.Printf("uid %d: %s\n", os.Getuid(), v)
	return 0
}
