package corpus

import (
	"strings"
	"testing"
)

// TestRootCauseOrder covers documents with a section that names the root
// cause beside lead-up, whys or technical-detail sections: the named
// cause comes first in the record's root cause, the rest after it in
// document order; a document with one kind only keeps its order.
func TestRootCauseOrder(t *testing.T) {
	tests := []struct {
		name, doc, first string
	}{
		{"lead-up and whys before the root cause",
			"# Ledger export stalled\n\n## Lead-up\n\nOn Monday a new exporter build was merged.\n\n## Whys\n\n- Exports stalled\n- ...because the queue filled\n\n## Root cause\n\nThe exporter retried forever on malformed rows.\n",
			"The exporter retried forever on malformed rows."},
		{"technical cause before the root cause",
			"# Report job skipped\n\n## Technical cause\n\nThe scheduler lost its lock table after a restart.\n\n## Root cause\n\nNo check that the lock table existed.\n",
			"No check that the lock table existed."},
		{"bold keys in one section",
			"# Sync lag\n\n## Analysis\n\n**Lead-up:** A migration ran overnight.\n\n**Root cause:** The replica had no index on the sync table.\n",
			"The replica had no index on the sync table."},
		{"only a root cause section keeps its order",
			"# Mail delays\n\n## Root cause\n\nThe relay queue filled.\n\n### Details\n\nIts disk was small.\n",
			"The relay queue filled."},
		{"sub-headings of a root cause section keep their order",
			"# Node halt\n\n## Root cause\n\nTwo faults combined.\n\n**Technical details:** The state file was stale.\n\n**Root cause:** Pruning removed live data.\n",
			"Two faults combined."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-04-04-incident.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(strings.TrimSpace(rec.RootCause), tc.first) {
				t.Errorf("root cause = %q, want it to start with %q", rec.RootCause, tc.first)
			}
		})
	}
}

// TestKeyedCause covers a header's plain "Root cause: …" field: its value
// is the stated cause whatever its wording; a value that says the cause
// is unknown states none, and other keys are not causes.
func TestKeyedCause(t *testing.T) {
	tests := []struct {
		name, doc, cause string
	}{
		{"a bullet field with a terse value",
			"# Release rollback\n\n- Date: 2031-02-02\n- Root Causes: Haste, unclear ownership\n- Impact: Nodes halted\n\n## Action items\n\n- Add a release checklist\n",
			"Haste, unclear ownership"},
		{"a plain line without causal wording",
			"# Slow blocks\n\nRoot cause: Bulk transfers overloaded the indexer.\n\nImpact: Slow pages.\n",
			"Bulk transfers overloaded the indexer."},
		{"an unknown value states none",
			"# Slow blocks\n\n- Root cause: Unknown\n- Impact: Slow pages.\n",
			""},
		{"a value under investigation states none",
			"# Slow blocks\n\n- Cause: under investigation\n- Impact: Slow pages.\n",
			""},
		{"another key is not a cause",
			"# Slow blocks\n\n- Trigger note: Bulk transfers\n- Impact: Slow pages.\n",
			""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-05-05-incident.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimSpace(rec.RootCause)
			if tc.cause == "" && got != "" || tc.cause != "" && !strings.HasPrefix(got, tc.cause) {
				t.Errorf("root cause = %q, want %q", got, tc.cause)
			}
		})
	}
}
