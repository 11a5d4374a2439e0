// Package sandbox takes from fion the privileges it does not need once it runs.
//
// A window manager runs all day with the user's rights, reads input from every client on the
// display and, through issue-free key bindings, starts programs. Once started, fion only needs
// its X connection (already open), to read its config and font files again on reload, and to
// start programs. So:
//
//   - Programs are started by a launcher: a small shell started before fion restricts itself,
//     that does nothing but start the command lines fion writes to it through a pipe. User
//     programs get none of fion's restrictions (on Linux, no_new_privs and Landlock are
//     inherited across exec; sudo in a terminal must still work).
//   - fion itself then restricts itself (Restrict): on Linux with no_new_privs and a Landlock
//     domain that allows reading only the config and font folders and nothing else (no writes,
//     no exec, no TCP); on OpenBSD with unveil and pledge("stdio rpath"). Where the kernel lacks
//     Landlock, Restrict does what it can and says what it could not.
//
// This package imports nothing of fion's other packages.
package sandbox
