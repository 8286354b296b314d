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
		{"an incident response report naming its incident is the title, not a response section",
			"# Incident Response Report: Vendor Form Policy Change\n\n## Incident Summary\n\nForms stopped sending.\n\n## Technical Changes\n\nWe moved the call to the server.\n",
			"Incident Response Report: Vendor Form Policy Change"},
		{"org and report kind separated by a spaced dot",
			"# 🛰️ Brightwave . Technical Incident Report\n## Validator missed blocks during an upgrade\n\n**Incident Date:** 3 May 2031\n",
			"Validator missed blocks during an upgrade"},
		{"a bare incident response report over a name",
			"# Incident Response Report\n## Forms stopped sending\n\nNo form reached the vendor.\n",
			"Forms stopped sending"},
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

// TestReportNameHeading: a document opening with "RCA: <incident>" (or
// another report kind before a colon) is titled by it; the heading does
// not start a root-cause section, so a byline under it is no cause.
func TestReportNameHeading(t *testing.T) {
	tests := []struct {
		name, doc, title   string
		causeHas, causeNot string
	}{
		{"rca prefix over a rule and a byline",
			"# RCA: Object Store Read Timeouts (2031-04-02)\n---\n\nAuthor: Pat Example\nReview Team: Sam Other, Pat Example\n\n## 1. Summary\n\nReads timed out for an hour.\n\n## 2. Root Cause\n\nA saturated disk on one storage node slowed every read.\n\n## 3. Follow-up\n\n- Add disk latency alerts\n",
			"RCA: Object Store Read Timeouts (2031-04-02)", "saturated disk", "Pat Example"},
		{"root cause analysis with a dash",
			"# Root Cause Analysis — Cache cluster failover loop\n\n## Summary\n\nThe cache flapped.\n\n## Root cause\n\nA health check timed out too early.\n",
			"Root Cause Analysis — Cache cluster failover loop", "health check", ""},
		{"a later rca heading is still a section",
			"# Cache cluster failover loop\n\n## Summary\n\nThe cache flapped.\n\n## RCA: why it flapped\n\nA health check timed out too early.\n",
			"Cache cluster failover loop", "health check", ""},
		{"a bare rca heading is still a section",
			"# RCA\n\nA health check timed out too early.\n\n## Summary\n\nThe cache flapped.\n",
			"", "health check", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if tc.title != "" && rec.Title != tc.title {
				t.Errorf("title = %q, want %q", rec.Title, tc.title)
			}
			if !strings.Contains(rec.RootCause, tc.causeHas) {
				t.Errorf("root cause %q lacks %q", rec.RootCause, tc.causeHas)
			}
			if tc.causeNot != "" && strings.Contains(rec.RootCause, tc.causeNot) {
				t.Errorf("root cause %q holds %q", rec.RootCause, tc.causeNot)
			}
		})
	}
}

// TestBylineNotCause: a byline under a root-cause heading names who wrote
// the report, not what caused the incident.
func TestBylineNotCause(t *testing.T) {
	tests := []struct {
		name, doc, causeHas, causeNot string
	}{
		{"author and team lines under a bare analysis heading",
			"# Root Cause Analysis\n\nAuthor: Pat Example\nReview team: Sam Other, Pat Example\n\nA stale DNS record sent traffic to a retired host.\n\n## Summary\n\nRequests failed.\n",
			"stale DNS record", "Pat Example"},
		{"written-by line in a root cause section",
			"# Mail delays\n\n## Root cause\n\nWritten by: Lee Sample\n\nThe queue worker leaked file handles.\n",
			"leaked file handles", "Lee Sample"},
		{"a cause stated as a key line is kept",
			"# Mail delays\n\n## Root cause\n\nCause: the queue worker leaked file handles.\n",
			"leaked file handles", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rec.RootCause, tc.causeHas) {
				t.Errorf("root cause %q lacks %q", rec.RootCause, tc.causeHas)
			}
			if tc.causeNot != "" && strings.Contains(rec.RootCause, tc.causeNot) {
				t.Errorf("root cause %q holds %q", rec.RootCause, tc.causeNot)
			}
		})
	}
}

// TestLabelFirstStampList: a list under a timeline heading whose items
// give a bold label, then a full date and time ("- **Alert fired:**
// 2031-06-04 10:05 UTC"), perhaps a range, "onwards" or a note in
// brackets after it, is read label as text, stamp as time.
func TestLabelFirstStampList(t *testing.T) {
	doc := "# Search index rebuild stalls\n\n## 2. Timeline of Events\n" +
		"- **Outage Start:**      2031-06-04 21:50 UTC\n" +
		"- **Time of Detection:** 2031-06-04 21:52 UTC (pager)\n" +
		"- **Failover Attempt:**  2031-06-04 22:30 UTC\n" +
		"- **Partial Service:**   2031-06-04 22:40-23:55 UTC\n" +
		"- **Full Resolution:**   2031-06-05 00:05 UTC\n" +
		"- **Normal Operation:**  2031-06-05 00:20 UTC onwards\n\n" +
		"## 3. Analysis\n\nThe rebuild job held a lock.\n"
	want := []TimelineEntry{
		{At: "2031-06-04T21:50:00Z", Text: "Outage Start"},
		{At: "2031-06-04T21:52:00Z", Text: "Time of Detection (pager)"},
		{At: "2031-06-04T22:30:00Z", Text: "Failover Attempt"},
		{At: "2031-06-04T22:40:00Z", Text: "Partial Service"},
		{At: "2031-06-05T00:05:00Z", Text: "Full Resolution"},
		{At: "2031-06-05T00:20:00Z", Text: "Normal Operation"},
	}
	tests := []struct {
		name, doc string
		want      []TimelineEntry
	}{
		{"bold labels with stamps, a range, a note and onwards", doc, want},
		{"one label line alone is no list of events",
			"# Search index rebuild stalls\n\n## Timeline\n- **Outage Start:** 2031-06-04 21:50 UTC\n- The team looked into it for a while.\n", nil},
		{"a label with prose after the stamp is not read this way",
			"# Search index rebuild stalls\n\n## Timeline\n- **Outage Start:** 2031-06-04 21:50 UTC when the lock was taken by the nightly job\n- **Full Resolution:** 2031-06-05 00:05 UTC after the job was killed by hand\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				for _, e := range rec.Timeline {
					if e.Text == "Outage Start" || e.Text == "Full Resolution" {
						t.Errorf("unexpected label entry %+v", e)
					}
				}
				return
			}
			if len(rec.Timeline) != len(tc.want) {
				t.Fatalf("timeline = %+v, want %+v", rec.Timeline, tc.want)
			}
			for i := range tc.want {
				if rec.Timeline[i] != tc.want[i] {
					t.Errorf("entry %d = %+v, want %+v", i, rec.Timeline[i], tc.want[i])
				}
			}
		})
	}
}

// TestLabelledResolutionEnd: in a label-first timeline, the entry
// labelled as the start and the one labelled as the resolution ("Full
// resolution", "Resolution") bound the duration, not a later "normal
// operation" entry; the resolution is the resolved time.
func TestLabelledResolutionEnd(t *testing.T) {
	tests := []struct {
		name, doc, resolved string
		minutes             int
	}{
		{"start and full resolution labels",
			"# Queue backlog\n\n## Timeline\n" +
				"- **Outage Start:** 2031-02-10 08:00 UTC\n" +
				"- **Rollback:** 2031-02-10 08:30 UTC\n" +
				"- **Full Resolution:** 2031-02-10 09:15 UTC\n" +
				"- **Normal Operation:** 2031-02-10 10:00 UTC onwards\n",
			"2031-02-10T09:15:00Z", 75},
		{"bare resolution label",
			"# Queue backlog\n\n## Timeline\n" +
				"- **Incident start:** 2031-02-10 08:00 UTC\n" +
				"- **Resolution:** 2031-02-10 08:40 UTC\n" +
				"- **Monitoring period:** 2031-02-10 09:40 UTC\n",
			"2031-02-10T08:40:00Z", 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.DurationMinutes == nil || *rec.DurationMinutes != tc.minutes {
				t.Errorf("duration = %v, want %d (timeline %+v)", rec.DurationMinutes, tc.minutes, rec.Timeline)
			}
			if rec.ResolvedAt == nil || rec.ResolvedAt.UTC().Format("2006-01-02T15:04:05Z") != tc.resolved {
				t.Errorf("resolved = %v, want %s", rec.ResolvedAt, tc.resolved)
			}
		})
	}
}
