package main

import (
	"context"
	"fmt"
	"io"
)

func runBench(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	fmt.Fprintln(stderr, "hindsight-bench run: not implemented yet")
	return exitRuntime
}
