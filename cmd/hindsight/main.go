// Command hindsight is the postmortem knowledge base: it parses postmortems,
// indexes them, searches them and serves the web UI and JSON API.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit codes shared by every subcommand.
const (
	exitOK      = 0
	exitFailed  = 1 // the command ran, but some input failed
	exitUsage   = 2 // bad flags or arguments
	exitRuntime = 1
)

// command is one subcommand of the hindsight binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) int
}

// cliEnv is what a subcommand may touch of the outside world, so that
// tests can run commands in-process.
type cliEnv struct {
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	getenv func(string) string
}

func commands() []command {
	return []command{
		{"parse", "parse postmortems and show the structured records", runParse},
		{"index", "build or update the search index from a corpus folder", runIndex},
		{"search", "search the index", runSearch},
		{"similar", "list incidents similar to one incident", runSimilar},
		{"trends", "incident counts per cause over time", runTrends},
		{"show", "show one indexed incident", runShow},
		{"serve", "serve the web UI and JSON API", runServe},
		{"version", "print version and build information", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cliEnv{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 0 {
			usage(ctx, env.stderr, false)
			return exitUsage
		}
		usage(ctx, env.stdout, true)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.stderr, "hindsight: unknown command %q\n\n", args[0])
	usage(ctx, env.stderr, false)
	return exitUsage
}

// usage prints the commands and, with full, every command's flags with
// their defaults and environment variables (each command's own --help).
func usage(ctx context.Context, w io.Writer, full bool) {
	fmt.Fprintln(w, "Hindsight: a searchable knowledge base of incident postmortems.")
	fmt.Fprintln(w, "\nUsage: hindsight COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery flag can also be set with an environment variable HINDSIGHT_<FLAG>,")
	fmt.Fprintln(w, "e.g. --write-token as HINDSIGHT_WRITE_TOKEN; a flag on the command line wins.")
	if !full {
		fmt.Fprintln(w, "Run 'hindsight --help' for every command's flags, or 'hindsight COMMAND --help'.")
		return
	}
	for _, c := range commands() {
		var buf strings.Builder
		c.run(ctx, &cliEnv{stdout: io.Discard, stderr: &buf, stdin: strings.NewReader(""), getenv: func(string) string { return "" }}, []string{"--help"})
		_, flags, ok := strings.Cut(buf.String(), "\nFlags:\n")
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\nhindsight %s flags:\n%s", c.name, flags)
	}
}
