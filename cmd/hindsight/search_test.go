package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(string) string { return "" }}
	code = run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// TestIndexSearchSimilarTrendsShow runs the search commands end to end on
// a small corpus: an incremental index, then each reading command in
// table and JSON form.
func TestIndexSearchSimilarTrendsShow(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	idx := filepath.Join(dir, "idx")
	write := func(name, body string) {
		p := filepath.Join(corpusDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/disk.md", "---\ntitle: Disk full on the ledger database\ndate: 2024-02-03\nduration: 40m\ncategories: [storage]\nservices: [ledger]\n---\n\n## Root cause\n\nThe WAL volume filled up: no space left on device.\n")
	write("a/oom.md", "---\ntitle: Workers killed by the OOM killer\ndate: 2023-05-01\nduration: 2h\ncategories: [capacity]\nservices: [ledger]\n---\n\n## Root cause\n\nA batch import loaded every row into memory.\n")
	write("b/cert.md", "---\ntitle: Expired TLS certificate\ndate: 2022-09-09\ncategories: [certificate]\n---\n\n## Root cause\n\nThe renewal job was disabled.\n")
	write("b/empty.md", "")

	code, out, errOut := runCLI(t, "index", "--corpus", corpusDir, "--index", idx)
	if code != exitFailed || !strings.Contains(out, "added 3 / updated 0 / removed 0 / unchanged 0 / failed 1") ||
		!strings.Contains(errOut, "b/empty.md: ") {
		t.Fatalf("index: code %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	os.Remove(filepath.Join(corpusDir, "b/empty.md"))
	write("a/disk.md", "---\ntitle: Disk full on the ledger database\ndate: 2024-02-03\nduration: 45m\ncategories: [storage]\nservices: [ledger]\n---\n\n## Root cause\n\nThe WAL volume filled up.\n")
	code, out, _ = runCLI(t, "index", "--corpus", corpusDir, "--index", idx)
	if code != exitOK || !strings.Contains(out, "added 0 / updated 1 / removed 0 / unchanged 2 / failed 0") {
		t.Fatalf("re-index: code %d %s", code, out)
	}

	code, out, errOut = runCLI(t, "search", "--json", "--index", idx, "out of memory")
	if code != exitOK {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var sr struct {
		Total  int                          `json:"total"`
		Hits   []map[string]json.RawMessage `json:"hits"`
		Facets map[string]json.RawMessage   `json:"facets"`
	}
	if err := json.Unmarshal([]byte(out), &sr); err != nil {
		t.Fatalf("search json: %v\n%s", err, out)
	}
	if sr.Total < 1 || len(sr.Hits) == 0 || !strings.Contains(string(sr.Hits[0]["source"]), "a/oom.md") {
		t.Fatalf("search hits: %s", out)
	}
	for _, k := range []string{"id", "source", "title", "date", "duration_minutes", "categories", "organization", "score", "fragments"} {
		if _, ok := sr.Hits[0][k]; !ok {
			t.Errorf("search hit lacks %q", k)
		}
	}
	if _, ok := sr.Facets["categories"]; !ok {
		t.Errorf("facets lack categories: %s", out)
	}

	code, out, _ = runCLI(t, "search", "--index", idx, "category:storage")
	if code != exitOK || !strings.Contains(out, "Disk full on the ledger database") {
		t.Errorf("search table: %d %s", code, out)
	}
	if code, _, errOut = runCLI(t, "search", "--index", idx, `"unbalanced`); code != exitUsage || errOut == "" {
		t.Errorf("bad query: code %d stderr %q", code, errOut)
	}

	code, out, errOut = runCLI(t, "similar", "--json", "--index", idx, filepath.Join(corpusDir, "a/oom.md"))
	if code != exitOK {
		t.Fatalf("similar: %d %s", code, errOut)
	}
	var sim struct {
		ID      string `json:"id"`
		Similar []struct {
			Source string `json:"source"`
			Why    struct {
				Services []string `json:"services"`
			} `json:"why"`
		} `json:"similar"`
	}
	if err := json.Unmarshal([]byte(out), &sim); err != nil || len(sim.Similar) == 0 {
		t.Fatalf("similar json: %v %s", err, out)
	}
	if sim.Similar[0].Source != "a/disk.md" || len(sim.Similar[0].Why.Services) == 0 {
		t.Errorf("similar: %s", out)
	}
	for _, s := range sim.Similar {
		if s.Source == "a/oom.md" {
			t.Errorf("similar includes itself: %s", out)
		}
	}

	code, out, _ = runCLI(t, "trends", "--json", "--interval", "year", "--index", idx)
	if code != exitOK || !strings.Contains(out, `"buckets":["2022","2023","2024"]`) {
		t.Errorf("trends: %d %s", code, out)
	}
	code, out, _ = runCLI(t, "show", "--index", idx, sim.ID)
	if code != exitOK || !strings.Contains(out, "Workers killed by the OOM killer") || !strings.Contains(out, "Root cause:") {
		t.Errorf("show: %d %s", code, out)
	}
	if code, _, _ = runCLI(t, "show", "--index", idx, "no-such-incident"); code != exitUsage {
		t.Errorf("show unknown: code %d", code)
	}
	if code, _, errOut = runCLI(t, "search", "--index", filepath.Join(dir, "none"), "x"); code == exitOK || !strings.Contains(errOut, "hindsight index --corpus") {
		t.Errorf("missing index: %d %s", code, errOut)
	}
}
