package corpus

import (
	"strings"
	"testing"
)

// TestGenericReportHeadingTitle: a top-level heading that only names the
// kind of document ("Acme — Technical Incident Report") directly over a
// heading naming the incident yields that heading as the title.
func TestGenericReportHeadingTitle(t *testing.T) {
	tests := []struct {
		name, doc, title string
	}{
		{"org and report kind with emoji over the incident's name",
			"# 🔧 Brightwave — Technical Incident Report\n## Storage Latency Spike on the Ingest Cluster\n\n**Date:** 3 May 2031\n\n## Summary\n\nWrites slowed.\n",
			"Storage Latency Spike on the Ingest Cluster"},
		{"colon-separated post-mortem name",
			"# Brightwave: Post-mortem\n\n## Payment webhooks delayed\n\n## Summary\n\nWebhooks lagged.\n",
			"Payment webhooks delayed"},
		{"bare incident report over a name",
			"# Incident Report\n### Login errors after a certificate rotation\n\nUsers could not log in.\n",
			"Login errors after a certificate rotation"},
		{"a section heading under the report name is no title",
			"# Brightwave — Incident Report\n## Summary\n\nWrites slowed.\n",
			"Brightwave — Incident Report"},
		{"text between the two headings keeps the top heading",
			"# Brightwave — Incident Report\n\nWritten by the storage team.\n\n## Storage latency spike\n\nWrites slowed.\n",
			"Brightwave — Incident Report"},
		{"a specific top heading is kept",
			"# Ingest cluster outage report\n## Storage latency spike\n\nWrites slowed.\n",
			"Ingest cluster outage report"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("report.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tc.title {
				t.Errorf("title = %q, want %q", rec.Title, tc.title)
			}
		})
	}
}
