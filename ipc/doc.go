// Package ipc is fion's control socket: the protocol's messages and their validation, where the
// socket lives and how its folder is guarded, the server fion runs and the client fionctl (and
// the tests) use.
//
// The protocol is one JSON object per line each way over a unix stream socket: requests carry
// "v", "id" and "type"; replies echo the id; events carry a sequence number. fion.1 documents it
// for people who talk to the socket without fionctl.
//
// The server owns the socket, the connections and the event fan-out; what a request means is the
// Handler's business (fion's window manager). The server never blocks the code that publishes
// events: every connection has a bounded queue, and a client that stops reading is dropped.
// What clients can make it hold is bounded too (limits.go), and an idle connection costs little
// (conn.go); what clients set reaches the socket in plain form (plain.go).
//
// This package imports nothing of fion's other packages but internal/suggest (for "did you
// mean"): the command language, the layout and X are behind the Handler.
package ipc
