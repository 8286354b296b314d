package corpus

import (
	"strings"
	"testing"
)

// TestChromeAndPlaceholderTitles: a mail archive's navigation line is
// chrome, and a reStructuredText substitution reference is a placeholder,
// never title text.
func TestChromeAndPlaceholderTitles(t *testing.T) {
	tests := []struct{ name, file, text, title string }{
		{
			name: "archive navigation line above the subject", file: "msg00042.txt",
			text:  "[Prev][Next][Up][Index]\n\nQueue backlog on 2019-05-02\n\n\nHello,\n\nThe queue backed up for an hour this morning.\n",
			title: "Queue backlog on 2019-05-02",
		},
		{
			name: "archive navigation with two-word labels", file: "msg7.txt",
			text:  "[Date Prev][Date Next][Thread Prev][Thread Next]\n\nBilling API outage\n\n\nThe billing API was down on 2020-02-03 for two hours.\n",
			title: "Billing API outage",
		},
		{
			name: "a bracketed word inside a title stays", file: "note.txt",
			text:  "[Resolved] Billing API outage\n\n\nThe billing API was down on 2020-02-03 for two hours.\n",
			title: "[Resolved] Billing API outage",
		},
		{
			name: "rst substitution in the title", file: "report.rst",
			text:  ".. |day| replace:: 2024-06-01\n\n[|day|] Incident: Mail relay stalled\n==================================\n\nSummary\n-------\n\nThe relay stalled for an hour.\n",
			title: "Incident: Mail relay stalled",
		},
		{
			name: "rst substitution mid title", file: "report.rst",
			text:  "Outage of |product| storage\n===========================\n\nSummary\n-------\n\nStorage was down for an hour on 2024-06-01.\n",
			title: "Outage of storage",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tt.title {
				t.Errorf("title = %q; want %q", rec.Title, tt.title)
			}
		})
	}
}

// TestStatedDowntimeAndLifetimes: a downtime stated in words wins over the
// timeline's span, and a TTL, cache lifetime or retention period is never
// the outage's length.
func TestStatedDowntimeAndLifetimes(t *testing.T) {
	tests := []durationCase{
		{
			name: "days of downtime in words over a short timeline",
			doc: "# Load balancer address lost\n\n## Timeline\n\n- 2022-05-06 09:10 UTC the load balancer lost its public address\n" +
				"- 2022-05-06 11:40 UTC the provider confirmed the problem\n\n## Discussion\n\nWe had three days of downtime, because nobody could reach the provider.\n",
			duration: 3 * 24 * 60,
		},
		{
			name:     "hours of outage in words",
			doc:      "# Wiki down\n\nOn 2022-05-06 the wiki was unreachable. In all there were two hours of outage for editors.\n",
			duration: 120,
		},
		{
			name: "cache TTL is not the outage",
			doc: "# Stale error pages\n\nOn 2022-05-06 users saw error pages. The rules that cached the errors had edge TTLs for six hours, " +
				"so the impact lingered after the fix.\n",
			duration: 0,
		},
		{
			name:     "retention period is not the outage",
			doc:      "# Lost audit entries\n\nOn 2022-05-06 audit writes failed and entries were lost; logs are retained for 30 days.\n",
			duration: 0,
		},
		{
			name:     "a plain hedged span still reads",
			doc:      "# Search down\n\nOn 2022-05-06 search was unavailable for about two hours.\n",
			duration: 120,
		},
	}
	testDurations(t, tests)
}

// TestStartedOnBeatsTitleDay: the opening prose naming the day the
// impact started beats the day a title names (often the last one).
func TestStartedOnBeatsTitleDay(t *testing.T) {
	tests := []struct{ name, doc, date string }{
		{
			name: "starting on a day before the title's",
			doc: "---\ndate: 2021-06-20\ntitle: The June 9th mirror outage\n---\n\n# What happened\n\n" +
				"Starting on June 7th and lasting until June 9th, downloads from the mirror failed for many users.\n",
			date: "2021-06-07",
		},
		{
			name: "began on with a year",
			doc: "---\ndate: 2021-06-20\ntitle: Mirror outage of 9 June 2021\n---\n\n# What happened\n\n" +
				"The trouble began on 8 June 2021, when downloads started to fail.\n",
			date: "2021-06-08",
		},
		{
			name: "title's day without a started-on phrase",
			doc: "---\ndate: 2021-06-20\ntitle: The June 9th mirror outage\n---\n\n# What happened\n\n" +
				"Downloads from the mirror failed for many users; a fix went out on June 10th.\n",
			date: "2021-06-09",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("post.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tc.date {
				t.Errorf("date = %q; want %q", rec.Date, tc.date)
			}
		})
	}
}

// TestDayBeforeTheDocument: "the day before" and "the previous night" in
// the opening count back from the document's own day.
func TestDayBeforeTheDocument(t *testing.T) {
	tests := []struct{ name, file, doc, date string }{
		{
			name: "title dated the report day", file: "2022-11-04-token-expired.md",
			doc:  "# 2022-11-04 / Expired signing token on the build host\n\n## What happened\n\nThe signing token expired the day before.\n\n## Fix\n\nWe rotated it.\n",
			date: "2022-11-03",
		},
		{
			name: "previous night from the post's day", file: "2022-11-04-queue.md",
			doc:  "# Queue stalled\n\nThe job queue stalled the previous night, and builds failed until morning.\n",
			date: "2022-11-03",
		},
		{
			name: "the day before something is not relative to the document", file: "2022-11-04-queue.md",
			doc:  "# Queue stalled\n\nThe job queue stalled after the deploy; the day before the release we had tested it.\n",
			date: "2022-11-04",
		},
		{
			name: "no impact in the sentence", file: "2022-11-04-queue.md",
			doc:  "# Queue stalled\n\nWe had rehearsed the failover the day before.\n\nThe job queue stalled and builds failed.\n",
			date: "2022-11-04",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse(tc.file, strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tc.date {
				t.Errorf("date = %q; want %q", rec.Date, tc.date)
			}
		})
	}
}

// TestSpanStartsAtMarkedImpact: opening timeline entries about a change
// (a vendor's release, an update rolling out) are not the impact when a
// later entry clearly marks its onset.
func TestSpanStartsAtMarkedImpact(t *testing.T) {
	const head = "# Workers crash after image update\n\n## Timeline\n\n"
	tests := []durationCase{
		{
			name: "release and rollout before a drop in availability",
			doc: head + "- 2023-04-02 01:00 - The base image vendor released version 7.2.\n" +
				"- 2023-04-02 02:00 - The node updater started rolling out the new image.\n" +
				"- 2023-04-02 03:00 - The availability dashboard shows a sharp drop in availability.\n" +
				"- 2023-04-02 05:00 - We pinned the old image and service was restored.\n",
			duration: 120,
		},
		{
			name: "errors began after a deploy",
			doc: head + "- 2023-04-02 01:00 - Version 3.1 was deployed to production.\n" +
				"- 2023-04-02 01:30 - Requests started failing for some users.\n" +
				"- 2023-04-02 02:00 - The deploy was rolled back and service was restored.\n",
			duration: 30,
		},
		{
			name: "a deploy without a marked onset stays the start",
			doc: head + "- 2023-04-02 01:00 - Version 3.1 was deployed to production.\n" +
				"- 2023-04-02 01:30 - An alert fired for the checkout service.\n" +
				"- 2023-04-02 02:00 - The deploy was rolled back and service was restored.\n",
			duration: 60,
		},
		{
			name: "an entry with impact before the marked onset stays the start",
			doc: head + "- 2023-04-02 01:00 - Version 3.1 was deployed and checkout returned errors.\n" +
				"- 2023-04-02 01:30 - Requests started failing for all users.\n" +
				"- 2023-04-02 02:00 - The deploy was rolled back and service was restored.\n",
			duration: 60,
		},
	}
	testDurations(t, tests)
}

// TestProblemsUnderFollowUps: a list of problems under the follow-up
// section ("Identified problems", "What went wrong") is not actions.
func TestProblemsUnderFollowUps(t *testing.T) {
	const head = "# Router reboot\n\nOn 2024-02-02 the edge router hung and traffic stopped for 20 minutes.\n\n"
	tests := []struct {
		name, doc string
		actions   int
	}{
		{
			name: "identified problems then a plan",
			doc: head + "## Future work\n\n### Identified problems:\n\n- No standby router.\n- Console access depends on the VPN.\n\n" +
				"### Improvement plan:\n\n- Add a standby router.\n- Set up an out-of-band console.\n",
			actions: 2,
		},
		{
			name:    "what went wrong under lessons and actions",
			doc:     head + "## Follow-up\n\n### What went wrong\n\n- The alert went to one person.\n\n### Action items\n\n- Page the whole team.\n",
			actions: 1,
		},
		{
			name:    "plain sub-headings still sort actions",
			doc:     head + "## Action items\n\n### Detection\n\n- Alert on router health.\n\n### Mitigation\n\n- Add a standby router.\n",
			actions: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tc.actions {
				t.Errorf("actions = %d; want %d: %+v", len(rec.ActionItems), tc.actions, rec.ActionItems)
			}
		})
	}
}

// durationCase is a document and the minutes it should give (0: none).
type durationCase struct {
	name, doc string
	duration  int
}

// testDurations parses each case's document and checks its duration.
func testDurations(t *testing.T, tests []durationCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			got := durationOr(rec, 0)
			if got != tc.duration {
				t.Errorf("duration = %d; want %d", got, tc.duration)
			}
		})
	}
}
