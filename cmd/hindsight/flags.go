package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// envName is the environment variable that sets a flag: HINDSIGHT_ and the
// flag's name upper-cased, dashes as underscores.
func envName(flagName string) string {
	return "HINDSIGHT_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// newFlagSet returns a flag set whose usage lists each flag with its
// default and its environment variable.
func newFlagSet(env *cliEnv, name, argsUsage, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		w := env.stderr
		fmt.Fprintf(w, "Usage: hindsight %s [flags] %s\n\n%s\n\nFlags:\n", name, argsUsage, about)
		printFlags(w, fs)
	}
	return fs
}

func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		kind, help := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s %s\n      %s", f.Name, kind, help)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(w, " (default %q)", f.DefValue)
		}
		fmt.Fprintf(w, " [$%s]\n", envName(f.Name))
	})
}

// parseFlags applies HINDSIGHT_* environment variables to the flags not
// given on the command line, then parses args. Flags on the command line
// win over the environment. It returns flag.ErrHelp for --help.
func parseFlags(env *cliEnv, fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || env.getenv == nil {
			return
		}
		v := env.getenv(envName(f.Name))
		if v == "" {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			errs = append(errs, fmt.Errorf("invalid value %q for $%s: %v", v, envName(f.Name), err))
		}
	})
	return errors.Join(errs...)
}

// flagsOrExit parses flags and turns errors into an exit code: -1 means
// carry on.
func flagsOrExit(env *cliEnv, fs *flag.FlagSet, args []string) int {
	err := parseFlags(env, fs, args)
	switch {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	default:
		fmt.Fprintf(env.stderr, "hindsight %s: %v\n", fs.Name(), err)
		return exitUsage
	}
}
