// Command fionctl drives a running fion over its control socket: it runs commands (the language of
// the key bindings), prints the state as JSON, follows events and waits for fion to catch up. See
// fionctl(1).
//
// fionctl owns the command line, finding the socket and printing; it speaks the protocol only
// through package ipc and learns the command language only from package command. It must not import
// the window manager (package wm) or anything that talks X, except for the one fallback that reads
// the socket path from the root window (rootprop.go), which is never reached when the socket is
// where it should be.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// version is fionctl's own version; it follows fion's (main.go), which a test checks.
const version = "0.1.0"

// Exit statuses, as fionctl(1) documents them.
const (
	exitOK    = 0
	exitFail  = 1 // fion said no, or fion could not be reached
	exitUsage = 2 // the command line is wrong
)

func main() {
	a := app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(a.main(os.Args[1:]))
}

// app is one run of fionctl: where it reads and writes, and the environment it sees.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// usageError is a mistake on the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// main runs fionctl with the arguments after the program name and returns the exit status.
func (a *app) main(args []string) int {
	err := a.dispatch(args)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(a.stderr, "fionctl: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFail
}

// dispatch picks the subcommand named by the first argument; any other first word must be one of
// fion's commands.
func (a *app) dispatch(args []string) error {
	if len(args) == 0 {
		return usagef("no command given\n%s", usageText())
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help":
		if len(rest) > 0 {
			return usagef("%s takes no arguments", name)
		}
		_, err := io.WriteString(a.stdout, usageText())
		return err
	case "--version":
		if len(rest) > 0 {
			return usagef("--version takes no arguments")
		}
		_, err := fmt.Fprintf(a.stdout, "fionctl %s\n", version)
		return err
	case "-":
		if len(rest) > 0 {
			return usagef("- reads commands from standard input and takes no arguments; unexpected %q", rest[0])
		}
		return a.runStdin()
	case "tree":
		return a.tree(rest)
	case "get":
		return a.get(rest)
	case "windows":
		return a.windows(rest)
	case "subscribe":
		return a.subscribe(rest)
	case "sync":
		return a.sync(rest)
	case "help":
		return a.help(rest)
	case "completion":
		return a.completion(rest)
	}
	// The command may come as words or as one quoted argument: "fionctl 'split right'".
	line := strings.TrimSpace(strings.Join(args, " "))
	words := strings.Fields(line)
	if len(words) == 0 {
		return usagef("empty command; write one of fion's commands, such as \"fionctl split right\"")
	}
	if _, ok := lookupSubcommand(words[0]); ok {
		return usagef("%q: give %s and its arguments as separate words: fionctl %s", line, words[0], line)
	}
	if err := checkCommandName(words[0]); err != nil {
		return err
	}
	if line == "restart" {
		return a.restart()
	}
	return a.runCommand(line)
}
