package corpus

import (
	"strings"
	"testing"
)

// TestMechanismCause covers documents with no causal sentence that
// state their cause only as what broke, in the title or a line of the
// body; a title or line that only names the symptom states none.
func TestMechanismCause(t *testing.T) {
	tests := []struct {
		name, doc, cause string
	}{
		{"title names the mechanism", "---\ntitle: Artifact mirror signing certificate expired\n---\n\nThe mirror is serving errors to some clients.\n", "Artifact mirror signing certificate expired"},
		{"title names a compromise", "# Suspected compromise of a build host\n\nWe are resetting all contributor passwords as a precaution.\n", "Suspected compromise of a build host"},
		{"a body line names it", "# Partner sync halted\n\nWe are looking into reports of failed syncs.\n\nUpdate - The partner API key was revoked during their audit.\n", "The partner API key was revoked during their audit."},
		{"a symptom title states none", "# Site down\n\nThe site is down for everyone. We are looking into it.\n", ""},
		{"a crash is a symptom", "# Queue workers crashed\n\nWorkers crashed and restarted for an hour.\n", ""},
		{"a denied mechanism states none", "# Mirror errors\n\nThe mirror certificate has not expired; clients still see errors.\n", ""},
		{"an unknown cause states none", "# Build cache expired early\n\nEntries vanished hours early. The root cause is still unknown.\n", ""},
		{"a question states none", "# Mirror errors\n\nHas the certificate expired? We are checking.\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-03-03-incident.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(rec.RootCause) != tc.cause {
				t.Errorf("root cause = %q, want %q", rec.RootCause, tc.cause)
			}
		})
	}
}
