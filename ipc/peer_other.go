//go:build !linux

package ipc

import (
	"net"
	"os"
)

// peerUID cannot ask the kernel here (the standard library has no peer credentials outside
// Linux), so it answers fion's own uid: the 0700 socket folder that PrepareDir insists on is
// what keeps other users out.
func peerUID(c *net.UnixConn) (uid, pid int, err error) {
	return os.Getuid(), 0, nil
}
