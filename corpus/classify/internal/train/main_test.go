package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus/classify"
)

// writeFixture writes a small labelled corpus, written for this test, in
// the layout of ../shared: corpora/<org>/<doc> and corpora/labels.jsonl.
func writeFixture(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	docs := map[string]string{
		"corpora/acme/oom.md":        "# Workers out of memory\n\n## Root cause\n\nThe workers ran out of memory under the evening traffic spike.\n",
		"corpora/acme/release.md":    "# Bad release\n\n## Root cause\n\nThe release of version 2.1 shipped a broken migration and was rolled back.\n",
		"corpora/bolt/disk.md":       "# Disk full\n\n## Root cause\n\nThe disk filled up with debug logs; writes failed with no space left on device.\n",
		"corpora/bolt/firewall.md":   "# Firewall\n\n## Root cause\n\nA misconfigured firewall rule blocked the payment provider.\n",
		"corpora/cask/cert.md":       "# Certificate\n\n## Root cause\n\nThe TLS certificate expired because renewal was disabled.\n",
		"corpora/cask/quota.md":      "# Quota\n\n## Root cause\n\nWe hit the API rate limit and the request quota was exhausted.\n",
		"corpora/hidden/unseen.md":   "# Must never be read\n",
		"corpora/acme/unlabelled.md": "# Not labelled\n\nNothing here.\n",
	}
	for p, text := range docs {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The validation document is unreadable: reading it would fail the
	// run or be reported as skipped.
	if err := os.Chmod(filepath.Join(root, "corpora/hidden/unseen.md"), 0); err != nil {
		t.Fatal(err)
	}
	labels := `{"path": "corpora/acme/oom.md", "category": "capacity", "also": [], "split": "dev"}
{"path": "corpora/acme/release.md", "category": "deploy", "also": ["software-bug"], "split": "train"}
{"path": "corpora/bolt/disk.md", "category": "storage", "also": [], "split": "train"}
{"path": "corpora/bolt/firewall.md", "category": "config-change", "also": [], "split": "train"}
{"path": "corpora/cask/cert.md", "category": "certificate", "also": [], "split": "dev"}
{"path": "corpora/cask/quota.md", "category": "capacity", "also": [], "split": "train"}
{"path": "corpora/hidden/unseen.md", "category": "dns", "also": [], "split": "validation"}
`
	if err := os.WriteFile(filepath.Join(root, "corpora/labels.jsonl"), []byte(labels), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestTrainIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("fits many models")
	}
	root := writeFixture(t)
	corpora := filepath.Join(root, "corpora")
	var models, reports [][]byte
	for i := range 2 {
		out := filepath.Join(t.TempDir(), "model.json")
		rep := filepath.Join(t.TempDir(), "TAGGING.md")
		var log bytes.Buffer
		if err := run(corpora, filepath.Join(corpora, "labels.jsonl"), out, rep, false, "", true, &log); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if strings.Contains(log.String(), "unseen") || strings.Contains(log.String(), "skipped") {
			t.Fatalf("run %d touched a validation document:\n%s", i, log.String())
		}
		m, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		r, err := os.ReadFile(rep)
		if err != nil {
			t.Fatal(err)
		}
		models, reports = append(models, m), append(reports, r)
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two runs wrote different model files")
	}
	if !bytes.Equal(reports[0], reports[1]) {
		t.Error("two runs wrote different reports")
	}
	m, err := classify.Load(bytes.NewReader(models[0]))
	if err != nil {
		t.Fatalf("the written model does not load: %v", err)
	}
	if len(m.Classes) != 16 {
		t.Errorf("%d classes, want the taxonomy's 16", len(m.Classes))
	}
	if !strings.Contains(string(reports[0]), "6 documents from 3") {
		t.Errorf("report does not count 6 documents from 3 organisations:\n%s", reports[0])
	}
}

func TestReadLabelsKeepsTrainingSplits(t *testing.T) {
	root := writeFixture(t)
	ls, err := readLabels(filepath.Join(root, "corpora/labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 6 {
		t.Fatalf("%d labels, want the 6 of dev and train", len(ls))
	}
	for _, l := range ls {
		if l.Split == "validation" {
			t.Errorf("validation label kept: %s", l.Path)
		}
	}
	bad := filepath.Join(root, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"path\": \"x\", \"split\": \"dev\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readLabels(bad); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") {
		t.Errorf("a label without a category: error %v, want one naming bad.jsonl:1", err)
	}
}

func TestGroup(t *testing.T) {
	for path, want := range map[string]string{
		"corpora/dfds/PM1.md":        "dfds",
		"corpora/a+b/x/y/z.md":       "a+b",
		"seeds/000_abc.txt":          "seeds",
		"corpora/labels-example.txt": "corpora",
	} {
		if got := group(path); got != want {
			t.Errorf("group(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestBestIndex checks which cross-validated setting ships: within one
// document of the best shippable strict accuracy, the larger organisation
// filter; never a rule-hit setting, even when it scores best.
func TestBestIndex(t *testing.T) {
	res := func(strict, groups int, hits bool) result {
		var r result
		r.cand.params.MinGroups = groups
		r.cand.features.Hits = hits
		r.report.Strict = strict
		return r
	}
	tests := []struct {
		name string
		res  []result
		want int
	}{
		{"the best", []result{res(10, 0, false), res(12, 0, false)}, 1},
		{"a larger filter within noise", []result{res(12, 0, false), res(11, 3, false)}, 1},
		{"a larger filter beyond noise", []result{res(12, 0, false), res(10, 3, false)}, 0},
		{"rule hits far ahead are not shipped", []result{res(10, 0, false), res(15, 3, true)}, 0},
		{"only rule hits", []result{res(10, 3, true)}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bestIndex(tt.res); got != tt.want {
				t.Errorf("bestIndex = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCheckModel(t *testing.T) {
	root := writeFixture(t)
	corpora := filepath.Join(root, "corpora")
	labels := filepath.Join(corpora, "labels.jsonl")
	out := filepath.Join(t.TempDir(), "model.json")
	var log bytes.Buffer
	if err := run(corpora, labels, out, "", false, "shared+rules+words l2=0.003 l1=0.0003 groups=0 pen=1 bal=0", false, &log); err != nil {
		t.Fatal(err)
	}
	if err := checkModel(corpora, labels, out, &log); err != nil {
		t.Fatalf("a model just fitted is stale: %v", err)
	}
	// A document that now reads differently makes the model stale.
	doc := filepath.Join(corpora, "bolt", "disk.md")
	if err := os.WriteFile(doc, []byte("# Disk full\n\n## Root cause\n\nThe volume filled up with core dumps and the database stopped accepting writes.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := checkModel(corpora, labels, out, &log)
	if err == nil || !strings.Contains(err.Error(), "stale") || !strings.Contains(err.Error(), out) {
		t.Errorf("checkModel after a document changed: %v, want a stale-model error naming %s", err, out)
	}
	// A model file of a setting the search does not try is an error, not a pass.
	m, err := classify.Load(bytes.NewReader(mustRead(t, out)))
	if err != nil {
		t.Fatal(err)
	}
	m.Params.L2 = 0.123
	var b bytes.Buffer
	if err := m.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := checkModel(corpora, labels, out, &log); err == nil || !strings.Contains(err.Error(), "none of the candidates") {
		t.Errorf("checkModel of an unknown setting: %v", err)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
