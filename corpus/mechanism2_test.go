package corpus

import (
	"strings"
	"testing"
)

// TestMechanismOutageAndProvider covers documents with no causal
// sentence whose first update names what failed: a power outage, a
// provider having trouble. A team's own trouble is a symptom.
func TestMechanismOutageAndProvider(t *testing.T) {
	tests := []struct {
		name, doc, cause string
	}{
		{"power outage in the first update", "---\ntitle: Unplanned downtime\n---\n\n## Investigating\n\nThere is a power outage in the east wing and the lab servers are off.\n\n## Resolved\n\nPower is back.\n", "There is a power outage in the east wing and the lab servers are off."},
		{"a provider having issues", "# Search down\n\nOur search provider is having indexing issues. We are investigating!\n\n**Resolved**: Search works again.\n", "Our search provider is having indexing issues."},
		{"our own trouble is a symptom", "# Search down\n\nWe are having issues with search. We are investigating!\n", ""},
		{"a guessed outage states none", "# Lab down\n\nIt might be a power outage; we are checking.\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-09-09-incident.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(rec.RootCause) != tc.cause {
				t.Errorf("root cause = %q, want %q", rec.RootCause, tc.cause)
			}
		})
	}
}
