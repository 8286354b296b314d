package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
		"hindsight serve flags:", "--addr", `(default "127.0.0.1:8080")`, "[$HINDSIGHT_ADDR]",
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

// TestCustomSynonymsAndTaxonomy checks the --synonyms and --taxonomy files
// reach the index: a team's own synonym finds a document that never uses
// it, and a bad file is refused with its reason.
func TestCustomSynonymsAndTaxonomy(t *testing.T) {
	dir, idx := t.TempDir(), filepath.Join(t.TempDir(), "idx")
	doc := "# Broker disks filled up\n\n## Root cause\n\nThe kafka brokers ran out of disk space after retention was raised.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	syn := filepath.Join(t.TempDir(), "syn.yaml")
	if err := os.WriteFile(syn, []byte("groups:\n  - terms: [zorp, kafka]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("grups: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) (int, string, string) { return runCLI(t, args...) }
	if code, _, stderr := cli("index", "--corpus", dir, "--index", idx); code != exitOK {
		t.Fatalf("index: %d %s", code, stderr)
	}
	if _, out, _ := cli("search", "--json", "--index", idx, "zorp"); !strings.Contains(out, `"total":0`) {
		t.Errorf("without the team's synonyms, zorp matched: %s", out)
	}
	if code, out, stderr := cli("search", "--json", "--index", idx, "--synonyms", syn, "zorp"); code != exitOK || !strings.Contains(out, `"total":1`) {
		t.Errorf("with the team's synonyms: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := cli("search", "--index", idx, "--synonyms", bad, "zorp"); code == exitOK || !strings.Contains(stderr, "grups") {
		t.Errorf("a bad synonym file: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := cli("index", "--corpus", dir, "--index", idx, "--taxonomy", bad); code != exitUsage || !strings.Contains(stderr, bad) {
		t.Errorf("a bad taxonomy file: exit %d, stderr %q", code, stderr)
	}
}
