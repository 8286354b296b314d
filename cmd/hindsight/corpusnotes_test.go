package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

// TestIndexExplainsSkippedFilesAndAnEmptyCorpus: `hindsight index` says,
// in one line, which files it left out and why, and on a corpus with no
// postmortem says what to put in it instead of a bare "added 0".
func TestIndexExplainsSkippedFilesAndAnEmptyCorpus(t *testing.T) {
	write := func(dir, name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		files    map[string]string
		want     []string
		wantNot  []string
		wantCode int
	}{
		{"only PDFs", map[string]string{"a.pdf": "%PDF-1.4", "old/b.pdf": "%PDF-1.4", "LICENSE": "MIT"}, []string{
			"skipped 3 files that are not postmortems: 2 .pdf, 1 " + corpus.SkipReason("LICENSE"),
			"no postmortems found; add one file per incident: Markdown (.md)",
		}, nil, exitOK},
		{"empty folder", map[string]string{}, []string{"no postmortems found"}, []string{"skipped"}, exitOK},
		{"postmortems and one PDF", map[string]string{
			"2024-01-disk.md":  "---\ntitle: Disk full\ndate: 2024-01-02\n---\n\n## Root cause\n\nThe volume filled up.\n",
			"2024-01-disk.pdf": "%PDF-1.4",
		}, []string{"skipped 1 file that is not a postmortem: 1 .pdf"}, []string{"no postmortems found"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			corpusDir := filepath.Join(dir, "corpus")
			if err := os.MkdirAll(corpusDir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range tt.files {
				write(corpusDir, name, body)
			}
			code, _, errOut := runCLI(t, "index", "--corpus", corpusDir, "--index", filepath.Join(dir, "idx"))
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.wantCode, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(errOut, w) {
					t.Errorf("stderr has %q:\n%s", w, errOut)
				}
			}
		})
	}
}
