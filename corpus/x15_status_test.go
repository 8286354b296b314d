package corpus

import (
	"strings"
	"testing"
)

// TestFrontMatterStatusUpdates: a status-page theme that keeps its
// updates in the frontmatter, as a list of objects with a status and a
// message, gives one timeline entry per update — at its own time, else
// the document's start for the first and its resolution for a resolved
// one — and the messages are the document's text: the cause they state
// is the root cause. An update with neither a message nor a time is
// left out; a list of plain values or of objects without a status is no
// update log.
func TestFrontMatterStatusUpdates(t *testing.T) {
	cases := []struct {
		name      string
		doc       string
		timeline  []string // at|text
		rootCause string   // a part of the root cause, "" for none
		summary   string   // a part of the summary
		body      string   // a part of the body
	}{
		{
			name: "updates with their own times, the first at the start",
			doc: "---\ntitle: Queue backlog in the west region\ndate: 2031-03-04 08:10\nresolvedDate: 2031-03-04 10:40\n" +
				"incident_states:\n" +
				"- status: investigating\n  content: \"Jobs are waiting longer than usual; we are looking into it.\"\n" +
				"- status: identified\n  content: \"The backlog is due to a stuck consumer on one broker node.\"\n  date: 2031-03-04 09:05\n" +
				"- status: resolved\n  content: \"The consumer was restarted and the queue has drained.\"\n  date: 2031-03-04 10:40\n" +
				"---\nSome jobs ran late this morning while one broker node held its messages.\n",
			timeline: []string{
				"2031-03-04T08:10:00Z|Investigating: Jobs are waiting longer than usual; we are looking into it.",
				"2031-03-04T09:05:00Z|Identified: The backlog is due to a stuck consumer on one broker node.",
				"2031-03-04T10:40:00Z|Resolved: The consumer was restarted and the queue has drained.",
			},
			rootCause: "stuck consumer on one broker node",
			summary:   "Some jobs ran late this morning",
			body:      "The consumer was restarted and the queue has drained.",
		},
		{
			name: "an empty update is skipped, an undated resolved one takes the resolution time, the body is empty",
			doc: "---\ntitle: Uploads failing for some accounts\ndate: 2031-05-20 14:00 UTC\nresolvedDate: 2031-05-21 09:30 UTC\n" +
				"updates:\n" +
				"- status: investigating\n  message: 'Some accounts cannot upload attachments and see an error instead; engineers are looking into it.'\n" +
				"- status: update\n  message: ''\n  date:\n" +
				"- status: resolved\n  message: 'Uploads work again. The fault was caused by an expired storage credential that had not been rotated.'\n" +
				"---\n",
			timeline: []string{
				"2031-05-20T14:00:00Z|Investigating: Some accounts cannot upload attachments and see an error instead; engineers are looking into it.",
				"2031-05-21T09:30:00Z|Resolved: Uploads work again. The fault was caused by an expired storage credential that had not been rotated.",
			},
			rootCause: "caused by an expired storage credential",
			summary:   "Some accounts cannot upload attachments",
		},
		{
			name: "an update without a time after the first has none",
			doc: "---\ntitle: Slow search\ndate: 2031-07-01 12:00\n" +
				"history:\n" +
				"- state: investigating\n  text: Search is slow.\n" +
				"- state: monitoring\n  text: A fix is out and we are watching it.\n" +
				"---\nSearch answered slowly for an hour.\n",
			timeline: []string{
				"2031-07-01T12:00:00Z|Investigating: Search is slow.",
				"|Monitoring: A fix is out and we are watching it.",
			},
		},
		{
			name:     "objects without a status are no update log",
			doc:      "---\ntitle: Slow search\ndate: 2031-07-01\nupdates:\n- text: Search is slow.\n- text: Fixed.\n---\nSearch answered slowly for an hour.\n",
			timeline: nil,
		},
		{
			name:     "a list of plain values is no update log",
			doc:      "---\ntitle: Slow search\ndate: 2031-07-01\nhistory: [one, two]\n---\nSearch answered slowly for an hour.\n",
			timeline: nil,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("status/incident.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			got := timelineLines(rec)
			if strings.Join(got, "\n") != strings.Join(tc.timeline, "\n") {
				t.Errorf("timeline =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.timeline, "\n"))
			}
			if tc.rootCause != "" && !strings.Contains(rec.RootCause, tc.rootCause) {
				t.Errorf("root cause = %q, want it to hold %q", rec.RootCause, tc.rootCause)
			}
			if tc.summary != "" && !strings.HasPrefix(rec.Summary, tc.summary) {
				t.Errorf("summary = %q, want it to open with %q", rec.Summary, tc.summary)
			}
			if tc.body != "" && !strings.Contains(rec.Body, tc.body) {
				t.Errorf("body = %q, want it to hold %q", rec.Body, tc.body)
			}
		})
	}
}

// TestRecoveryListIsNoFollowUp: a Markdown page written as inline HTML
// blocks is read through its <h2> headings, and a list under its
// resolution heading whose every item says the service came back
// (restored, resolved, verified, back online) tells how the incident
// ended: it gives no action items. A resolution list of fixes, or one
// that mixes fixes in, still does.
func TestRecoveryListIsNoFollowUp(t *testing.T) {
	page := func(items ...string) string {
		var sb strings.Builder
		sb.WriteString("---\ntitle: \"Portal unreachable\"\ndate: 2031-09-02 07:15:00 -0500\n---\n\n<div class=\"notice\">\n")
		sb.WriteString("  <div class=\"box\">\n    <h2>📣 Summary</h2>\n    <p>The member portal could not be reached for most of the morning while the upstream carrier had a fault.</p>\n  </div>\n")
		sb.WriteString("  <div class=\"box\">\n    <h2>🛠 Resolution details</h2>\n    <ul>\n")
		for _, it := range items {
			sb.WriteString("      <li>" + it + "</li>\n")
		}
		sb.WriteString("    </ul>\n  </div>\n  <div class=\"box\">\n    <h2>📶 Current state</h2>\n    <ul>\n      <li>Portal: working</li>\n      <li>Phone line: working</li>\n    </ul>\n  </div>\n</div>\n")
		return sb.String()
	}
	cases := []struct {
		name  string
		items []string
		want  int
	}{
		{"all recovery statements", []string{"The carrier resolved the fault on its side", "Routes to the portal have been restored", "The portal was verified and is back online"}, 0},
		{"fixes", []string{"Added a second carrier for the portal's traffic", "Lowered the health check interval"}, 2},
		{"fixes and recovery", []string{"Routes to the portal have been restored", "Added a second carrier for the portal's traffic"}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("status/portal.markdown", strings.NewReader(page(tc.items...)))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rec.Resolution, tc.items[0]) {
				t.Errorf("resolution = %q, want the list under the resolution heading", rec.Resolution)
			}
			if len(rec.ActionItems) != tc.want {
				t.Errorf("action items = %+v, want %d", rec.ActionItems, tc.want)
			}
			for _, a := range rec.ActionItems {
				if strings.HasPrefix(a.Text, "Portal:") || strings.HasPrefix(a.Text, "Phone line:") {
					t.Errorf("a service's state %q is an action item", a.Text)
				}
			}
		})
	}
}
