package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestHelpListsEveryFlag checks `hindsight --help` lists each command's
// flags with their defaults and environment variables.
func TestHelpListsEveryFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	if code := run(context.Background(), env, []string{"--help"}); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"hindsight serve flags:", "--addr", `(default ":8080")`, "[$HINDSIGHT_ADDR]",
		"[$HINDSIGHT_WRITE_TOKEN]", "[$HINDSIGHT_CORPUS]", "[$HINDSIGHT_NO_WATCH]",
		"hindsight index flags:", "hindsight parse flags:", "[$HINDSIGHT_MAX_BYTES]",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help does not mention %s", want)
		}
	}
}

// TestEnvironmentConfiguresFlags checks HINDSIGHT_* variables set flags and
// that a bad value fails fast, naming the variable.
func TestEnvironmentConfiguresFlags(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		args    []string
		code    int
		message string
	}{
		{"bad rate limit", map[string]string{"HINDSIGHT_RATE_LIMIT": "fast"}, []string{"serve"}, exitUsage, "$HINDSIGHT_RATE_LIMIT"},
		{"bad max bytes", map[string]string{"HINDSIGHT_MAX_BYTES": "lots"}, []string{"parse", "x.md"}, exitUsage, "$HINDSIGHT_MAX_BYTES"},
		{"flag wins over env", map[string]string{"HINDSIGHT_RATE_LIMIT": "fast"}, []string{"serve", "--rate-limit", "5", "--base-path", "no-slash"}, exitUsage, "base"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errOut bytes.Buffer
			env := &cliEnv{stdout: &bytes.Buffer{}, stderr: &errOut, getenv: func(k string) string { return tc.env[k] }}
			if code := run(context.Background(), env, tc.args); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errOut.String())
			}
			if !strings.Contains(strings.ToLower(errOut.String()), strings.ToLower(tc.message)) {
				t.Errorf("stderr %q does not mention %s", errOut.String(), tc.message)
			}
		})
	}
}
