package main

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

func runParseCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLI(t, append([]string{"parse"}, args...)...)
}

func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("team/a.md", "# Disk full on db-1\n\n## Root Cause\n\nThe WAL volume filled up.\n\n## Timeline\n\n- 2024-02-03 10:00 UTC: alert\n- 2024-02-03 10:40 UTC: resolved\n")
	write("team/b.txt", "Queue outage\n\nStart Time: 2023-01-05 09:00 UTC\nEnd Time: 2023-01-05 09:30 UTC\n")
	write("empty.md", "")
	write("LICENSE", "MIT")

	t.Run("json", func(t *testing.T) {
		code, out, errs := runParseCLI(t, "--json", dir)
		if code != exitFailed {
			t.Errorf("exit = %d, want %d (one file is empty)", code, exitFailed)
		}
		if !strings.Contains(errs, filepath.Join(dir, "empty.md")+": empty document") {
			t.Errorf("stderr = %q, want a path: reason line for empty.md", errs)
		}
		var recs []corpus.Record
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r corpus.Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
			}
			recs = append(recs, r)
		}
		if len(recs) != 2 {
			t.Fatalf("got %d records, want 2 (LICENSE skipped, empty failed)", len(recs))
		}
		if recs[0].Source != filepath.Join(dir, "team", "a.md") || recs[0].ID != "team-a" {
			t.Errorf("source/id = %q/%q", recs[0].Source, recs[0].ID)
		}
		if recs[0].DurationMinutes == nil || *recs[0].DurationMinutes != 40 || recs[0].Date != "2024-02-03" {
			t.Errorf("a.md date/duration = %s/%v", recs[0].Date, recs[0].DurationMinutes)
		}
		if recs[1].Title != "Queue outage" || recs[1].Format != corpus.FormatText {
			t.Errorf("b.txt = %q %q", recs[1].Title, recs[1].Format)
		}
	})
	t.Run("summary of one file", func(t *testing.T) {
		file := filepath.Join(dir, "team", "a.md")
		code, out, _ := runParseCLI(t, file)
		if code != exitOK {
			t.Errorf("exit = %d", code)
		}
		for _, want := range []string{file, "Disk full on db-1", "2024-02-03", "40m", "timeline:  2 entries"} {
			if !strings.Contains(out, want) {
				t.Errorf("summary lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("usage errors", func(t *testing.T) {
		if code, _, _ := runParseCLI(t); code != exitUsage {
			t.Errorf("no args: exit %d", code)
		}
		if code, _, _ := runParseCLI(t, "--bogus", dir); code != exitUsage {
			t.Errorf("bad flag: exit %d", code)
		}
		if code, _, errs := runParseCLI(t, "--taxonomy", filepath.Join(dir, "missing.yaml"), dir); code != exitUsage || !strings.Contains(errs, "missing.yaml") {
			t.Errorf("missing taxonomy: exit %d, %q", code, errs)
		}
		if code, _, _ := runParseCLI(t, "--max-bytes", "-5", dir); code != exitUsage {
			t.Errorf("negative max-bytes: exit %d", code)
		}
	})
	t.Run("missing path and size limit", func(t *testing.T) {
		code, _, errs := runParseCLI(t, "--max-bytes", "10", filepath.Join(dir, "nope.md"), filepath.Join(dir, "team", "a.md"))
		if code != exitFailed || !strings.Contains(errs, "nope.md: ") || !strings.Contains(errs, "over the 10-byte limit") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
}

// TestMalformedFrontmatterWarnings: a document whose frontmatter is
// malformed still comes out, and `parse`, `index` and the serve sync log
// name the file and line of the problem.
func TestMalformedFrontmatterWarnings(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(filepath.Join(corpusDir, "team"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(corpusDir, "team", "bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: \"Queue stall\nowner: ops\n---\n# Queue stall on ingest\n\nWorkers stopped on 2024-02-03.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpusDir, "good.md"), []byte("# Disk full\n\nThe volume filled on 2024-02-04.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const what = ":2: malformed frontmatter value for \"title\""
	tests := []struct {
		name     string
		args     []string
		wantLine string
	}{
		{"parse folder", []string{"parse", "--json", corpusDir}, "warning: " + bad + what},
		{"parse file", []string{"parse", bad}, "warning: " + bad + what},
		{"index", []string{"index", "--corpus", corpusDir, "--index", filepath.Join(dir, "idx")}, "warning: team/bad.md" + what},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			if code != exitOK {
				t.Errorf("exit = %d, want %d (a warning is no failure); stderr %q", code, exitOK, errOut)
			}
			if !strings.Contains(errOut, tt.wantLine) {
				t.Errorf("stderr = %q, want a line with %q", errOut, tt.wantLine)
			}
			if strings.Contains(errOut, "good.md") {
				t.Errorf("stderr names the good file: %q", errOut)
			}
		})
	}
	t.Run("serve sync log", func(t *testing.T) {
		var logs strings.Builder
		k := &corpusKeeper{dir: corpusDir, fsys: os.DirFS(corpusDir), logger: slog.New(slog.NewTextHandler(&logs, nil))}
		k.logSync(index.SyncStats{Added: 2, Warnings: []string{"team/bad.md" + what + " (unclosed quote)"}}, nil, false)
		if !strings.Contains(logs.String(), "document malformed") || !strings.Contains(logs.String(), "team/bad.md:2") {
			t.Errorf("log = %q, want a warning naming team/bad.md:2", logs.String())
		}
	})
}
