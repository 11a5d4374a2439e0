// Package sandbox takes from fion the privileges it does not need once it runs.
//
// A window manager runs all day with the user's rights, reads input from every client on the
// display and, through its key bindings, starts programs. Once started, fion only needs its X
// connection and control socket (already open), to read its config and font files again on
// reload, to read and write its saved layouts, to remove its socket when it leaves, and to start
// programs. So:
//
//   - Programs are started by a launcher: a small shell started before fion restricts itself,
//     that does nothing but start the command lines fion writes to it through a pipe. User
//     programs get none of fion's restrictions (on Linux, no_new_privs and Landlock are
//     inherited across exec; sudo in a terminal must still work).
//   - fion itself then restricts itself (Restrict) to a Policy: on Linux with no_new_privs, a
//     Landlock domain that allows reading the policy's files and folders, removing files in its
//     socket's folder, writing files in its layouts folder and no other file access, and a system
//     call filter that refuses sockets, exec, io_uring and ptrace; on OpenBSD with unveil and
//     pledge("stdio rpath wpath cpath unix").
//     Where the kernel lacks a part, Restrict does what it can and says what it could not.
//   - The rules hold the files and folders that exist when fion restricts itself; the Sandbox
//     that Restrict returns tells the user, when a file cannot be read, which rule is why and
//     what to do (Sandbox.Unreadable).
//
// The launcher runs whatever fion asks: the restrictions bound what fion's own code can do, not
// what the programs it starts can.
//
// This package imports nothing of fion's other packages.
package sandbox
