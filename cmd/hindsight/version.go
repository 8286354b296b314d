package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func runVersion(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "version", "", "Print the version and build information.")
	if code := flagsOrExit(env, fs, args); code >= 0 {
		return code
	}
	fmt.Fprintf(env.stdout, "hindsight %s\n", version)
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(env.stdout, "go: %s\nmodule: %s %s\n", bi.GoVersion, bi.Main.Path, bi.Main.Version)
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision", "vcs.time", "vcs.modified", "CGO_ENABLED", "GOOS", "GOARCH":
				fmt.Fprintf(env.stdout, "%s: %s\n", s.Key, s.Value)
			}
		}
	}
	return exitOK
}
