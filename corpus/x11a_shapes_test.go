package corpus

import (
	"strings"
	"testing"
)

// TestBreakSeparatedFields: a summary whose fields end with "<br>" and
// whose text the editor wrapped puts the next field mid-line; every
// field is still read as a key line, the stated duration winning over
// the timeline's span.
func TestBreakSeparatedFields(t *testing.T) {
	const timeline = "### 2031-04-02\n\n" +
		"08:00 - Storage team starts a routine disk replacement on the primary.<br> 09:10 - Queue\n" +
		"consumers begin failing to commit offsets.<br> 09:30 - On-call engineer is\n" +
		"paged.<br> 14:40 - Consumers are restarted and the backlog drains.\n"
	tests := []struct {
		name, summary string
		lead          string // timeline entries of earlier days
		dur           int    // -1: none, -2: not checked
		date          string
	}{
		{name: "duration after a wrapped field",
			summary: "Description: queue consumers stopped committing for much of the\nday.<br> Component: queue<br> Date: 2031-04-02<br> Duration: 5 hours 25 minutes<br> User impact: delayed\nnotifications",
			dur:     325, date: "2031-04-02"},
		{name: "duration value wrapped onto the next line",
			summary: "Description: queue consumers stopped committing offsets<br> Component: queue<br> Duration: 5\nhours 10 minutes<br> User impact: delayed notifications",
			dur:     310, date: "2031-04-02"},
		{name: "date field names the day, not the lead-up",
			summary: "Description: consumers failed after earlier disk work, see\ntimeline<br> Date: 2031-04-02<br> Owner: storage",
			lead:    "### 2031-01-15\n\nA disk on the primary reports read errors; a replacement is scheduled.\n\n",
			dur:     -2, date: "2031-04-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "# Queue consumers stalled\n\n## Summary\n\n" + tt.summary + "\n\n## Timeline (all times UTC)\n\n" + tt.lead + timeline
			rec, err := Parse("queue.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			got := durationOr(rec, -1)
			if tt.dur != -2 && got != tt.dur {
				t.Errorf("duration = %d; want %d", got, tt.dur)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
		})
	}
}

// TestAngleBracketMarkers: a timeline entry marked "<START OF OUTAGE>"
// or "<END OF OUTAGE>" (the brackets escaped or not) bounds the impact,
// and its day wins over a stated start field a day away that gives the
// same moment; with no such field the marker passes over an earlier
// change entry.
func TestAngleBracketMarkers(t *testing.T) {
	tests := []struct {
		name, field, start, end string
		date                    string
		dur                     int
	}{
		{name: "escaped brackets", start: `**\<START OF OUTAGE>**`, end: `**\<END OF OUTAGE>**`, date: "2031-09-14", dur: 100},
		{name: "plain brackets in code", start: "`<START OF OUTAGE>`", end: "`<END OF OUTAGE>`", date: "2031-09-14", dur: 100},
		{name: "start field a day off", field: "Start time: 2031-09-15 22:40 UTC\n\n", start: `**\<START OF OUTAGE>**`, end: `**\<END OF OUTAGE>**`, date: "2031-09-14", dur: 100},
		{name: "no marker: the first entry", date: "2031-09-14", dur: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "# Billing pages blank\n\n" + tt.field + "## Timeline (UTC)\n\n### 2031-09-14\n\n" +
				"21:00 - A new template bundle is rolled out to the billing frontend.\n\n" +
				"22:40 - The CDN starts serving the new bundle. " + tt.start + "\n\n" +
				"23:05 - Support forwards the first complaints.\n\n" +
				"### 2031-09-15\n\n" +
				"00:20 - The previous bundle is restored and pages render again. " + tt.end + "\n"
			rec, err := Parse("billing.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			got := durationOr(rec, -1)
			if got != tt.dur {
				t.Errorf("duration = %d; want %d", got, tt.dur)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
		})
	}
}

// TestDurationOfInterruption: "Duration of interruption was …" and its
// kin state the length, minutes and seconds included, in prose and as
// a key.
func TestDurationOfInterruption(t *testing.T) {
	tests := []struct {
		name, line string
		dur        int
	}{
		{name: "prose, minutes and seconds", line: "Duration of interruption was 7 minutes 40s, ending at 08:12 UTC.", dur: 8},
		{name: "prose, short units", line: "The duration of the service unavailability was 12m 10s in total.", dur: 12},
		{name: "prose, spelled units", line: "Duration of degradation was 3 min 20 sec before traffic recovered.", dur: 3},
		{name: "key line", line: "Duration of interruption: 1 hour 5 minutes", dur: 65},
		{name: "no duration", line: "The interruption was noticed by a reader.", dur: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "# Image proxy returning 404s\n\nThe image proxy returned 404s for every thumbnail after a cache rule was mistyped.\n\n" + tt.line + "\n"
			rec, err := Parse("proxy.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			got := durationOr(rec, -1)
			if got != tt.dur {
				t.Errorf("duration = %d; want %d", got, tt.dur)
			}
		})
	}
}

// TestDayHeadedPageTitles: a page headed by its day alone takes as title
// an emphasised opening line that is no field or section name; a
// section heading ("State") or a heading that is only a time of day is
// never the title; with nothing else the day heading is; a file name's
// leading day is dropped from a title made of the name.
func TestDayHeadedPageTitles(t *testing.T) {
	const body = "The mirror served stale packages after its sync job stopped.\n"
	testTitles(t, []titleCase{
		{name: "emphasised line under a section heading", file: "notes/20310412.txt.md",
			doc:   "2031-04-12\n==========\n\n### State\n\n![Resolved](img/ok.png)\n\n### Details\n\n*Stale packages on mirror.example.org*\n\n" + body,
			title: "Stale packages on mirror.example.org"},
		{name: "strong emphasis", file: "notes/20310412.txt.md",
			doc:   "2031-04-12\n==========\n\n### State\n\n**Mirror sync stalled**\n\n" + body,
			title: "Mirror sync stalled"},
		{name: "an emphasised field is no title", file: "notes/20310412.txt.md",
			doc:   "2031-04-12\n==========\n\n*Status: resolved*\n\n" + body,
			title: "2031-04-12"},
		{name: "an emphasised sentence is no title", file: "notes/20310412.txt.md",
			doc:   "2031-04-12\n==========\n\n*The sync job was fixed within the hour.*\n\n" + body,
			title: "2031-04-12"},
		{name: "time headings are no title", file: "notes/20310412.txt.md",
			doc:   "2031-04-12\n==========\n\n" + body + "\n### 09:40 UTC\n\nSync restarted by hand.\n\n### 10:15 UTC\n\nMirror verified.\n",
			title: "2031-04-12"},
		{name: "a real first-level heading stays", file: "notes/20310412.txt.md",
			doc:   "# Mirror outage\n\n*Draft notes*\n\n" + body,
			title: "Mirror outage"},
		{name: "file name day dropped", file: "reviews/2031-04-12-mirror is stale.md",
			doc:   body,
			title: "mirror is stale"},
		{name: "file name day with underscores dropped", file: "reviews/2031_04_12_mirror_stale.md",
			doc:   body,
			title: "mirror stale"},
	})
}
