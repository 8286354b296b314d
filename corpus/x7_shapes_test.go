package corpus

import (
	"strings"
	"testing"
)

// TestOrdinalDayInProseDatesItsClock: in a document with no timeline, an
// ordinal day and month in a sentence ("On 5th March, at 3:10 AM …")
// dates the clock of the same sentence, with the year the title gives;
// a title's month and year alone never stand for the first of the month
// when the text names the day.
func TestOrdinalDayInProseDatesItsClock(t *testing.T) {
	tests := []struct {
		name, file, doc string
		date, start     string
		last            string // the last timeline entry's time, "" for none
	}{
		{
			name: "ordinal day-month sentences under a month-year title", file: "post.md",
			doc: "---\ntitle: Report on the 5-6, March 2019 queue failure\n---\n" +
				"On 5th and 6th March, the shop suffered a failure of the job queue. Checkout was broken.\n\n## What happened\n\n" +
				"On 5th March, at 3:10 AM an operator removed the wrong volume by mistake.\n" +
				"We did not notice until 7:30 AM. At 8:00 AM we restarted the workers.\n" +
				"The backlog cleared on 6th March about 6:00 PM.\n",
			date: "2019-03-05", start: "2019-03-05T03:10:00Z", last: "2019-03-06T18:00:00Z",
		},
		{
			name: "day before month in a dated file name's year", file: "2020-07-30-queue.md",
			doc: "# Queue failure\n\nOn the 12th of July, at 9:05 PM the broker ran out of memory and orders stalled.\n" +
				"At 9:40 PM we restarted it. Orders flowed again on 13th July at 1:15 AM.\n",
			date: "2020-07-12", start: "2020-07-12T21:05:00Z", last: "2020-07-13T01:15:00Z",
		},
		{
			name: "no clock: the named day, not the first of the month", file: "report.md",
			doc:  "# The March 2019 queue failure\n\nOn 5th March the shop suffered a failure of the job queue. Checkout was broken for many users.\n",
			date: "2019-03-05",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
			if tt.start != "" && (rec.StartedAt == nil || rec.StartedAt.Format("2006-01-02T15:04:05Z07:00") != tt.start) {
				t.Errorf("started_at = %v; want %s", rec.StartedAt, tt.start)
			}
			if tt.last != "" && (len(rec.Timeline) == 0 || rec.Timeline[len(rec.Timeline)-1].At != tt.last) {
				t.Errorf("timeline = %+v; want last entry at %s", rec.Timeline, tt.last)
			}
		})
	}
}

// TestPostTimeIsNoStart: a blog's frontmatter "date" with a time is when
// the post was published; when the incident's day is another one, it is
// no start time. On the incident's own day it still stands.
func TestPostTimeIsNoStart(t *testing.T) {
	tests := []struct {
		name, doc, date, start string // start "" for none
	}{
		{
			name: "post a week after the incident",
			doc: "---\ntitle: \"Postmortem: the login outage\"\ndate: 2021-06-10T15:30:00Z\n---\n" +
				"Last week, on June 3, our login service failed for many users after a certificate expired.\n\nThe certificate was renewed and logins worked again.\n",
			date: "2021-06-03",
		},
		{
			name: "post time with an offset, incident days before",
			doc: "---\ntitle: Search was slow\ndate: 2022-11-21 09:00:00 +0100\n---\n" +
				"On November 17, 2022 search requests timed out for most users because an index was dropped.\n",
			date: "2022-11-17",
		},
		{
			name: "the incident's own day keeps the time",
			doc: "---\ntitle: Login outage\ndate: 2021-06-03T09:12:00Z\n---\n" +
				"Our login service failed for many users after a certificate expired. The certificate was renewed.\n",
			date: "2021-06-03", start: "2021-06-03T09:12:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("post.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
			got := ""
			if rec.StartedAt != nil {
				got = rec.StartedAt.Format("2006-01-02T15:04:05Z07:00")
			}
			if got != tt.start {
				t.Errorf("started_at = %q; want %q", got, tt.start)
			}
		})
	}
}

// TestQuotedLogAndRangeEnd: a log quoted in a code block under a
// timeline bullet is that entry's evidence, not entries of its own; a
// code block of stamped lines outside the timeline is none either; and
// the end of a stamp's range ("09:10-09:40 - …") is no part of the
// entry's text.
func TestQuotedLogAndRangeEnd(t *testing.T) {
	tests := []struct {
		name, doc string
		texts     []string
	}{
		{
			name: "log under a bullet",
			doc: "# Mailer outage on 2023-02-14\n\n## Timeline\n\n- 2023-02-14 09:00 - mailer deploy started\n" +
				"- 2023-02-14 09:20 - mail stopped going out; the pod log said:\n\n    ```\n    2023-02-14T09:19:58Z panic: bad template\n" +
				"    2023-02-14T09:19:59Z exiting\n    2023-02-14T09:20:01Z restart\n    ```\n\n- 2023-02-14 10:05 - rolled back, mail flowing again\n",
			texts: []string{"mailer deploy started", "mail stopped going out; the pod log said:", "rolled back, mail flowing again"},
		},
		{
			name: "log outside the timeline",
			doc: "# Mailer outage on 2023-02-14\n\n## Cause\n\n```\n2023-02-14 09:19:58 panic: bad template\n2023-02-14 09:19:59 exiting\n" +
				"2023-02-14 09:20:01 restart\n```\n\n## Timeline\n\n- 09:20 - mail stopped going out\n- 10:05 - rolled back, mail flowing again\n",
			texts: []string{"mail stopped going out", "rolled back, mail flowing again"},
		},
		{
			name: "range end after the stamp",
			doc: "# Mailer outage on 2023-02-14\n\n## Timeline\n\n- 2023-02-14 09:00-09:40 - the provider rolled out a new relay\n" +
				"- 2023-02-14 09:45 – 10:05 UTC: mail queued\n- 2023-02-14 10:05 - mail flowing again\n",
			texts: []string{"the provider rolled out a new relay", "mail queued", "mail flowing again"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("mailer.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range rec.Timeline {
				got = append(got, e.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.texts, "|") {
				t.Errorf("timeline texts = %q; want %q", got, tt.texts)
			}
		})
	}
}

// TestTranscriptHeadingPrefilter checks that the cheap test before
// reTranscriptHeading never turns away a heading the regexp takes.
func TestTranscriptHeadingPrefilter(t *testing.T) {
	tests := []struct {
		heading string
		want    bool
	}{
		{"Appendix", true}, {"Appendices: raw data", true}, {"#ops chat log", true}, {"IRC transcript", true},
		{"Slack thread", true}, {"Chatlog", true}, {"Discord messages", true}, {"Matrix history", true},
		{"Timeline", false}, {"Root cause", false}, {"Deployment history", false}, {"Logs", false},
	}
	for _, tt := range tests {
		n := normHeadingLimited(tt.heading)
		if got := isTranscriptHeading(n); got != tt.want || got != reTranscriptHeading.MatchString(n) {
			t.Errorf("isTranscriptHeading(%q) = %v, want %v (regexp alone %v)", n, got, tt.want, reTranscriptHeading.MatchString(n))
		}
	}
}

// TestTaggedStatusUpdates covers a status-page generator's issue file:
// every update ends in a template tag that stamps it, with or without
// a status word in front.
func TestTaggedStatusUpdates(t *testing.T) {
	const doc = "---\ntitle: Publishing paused during repository cleanup\ndate: 2031-05-14 10:00:00\nresolved: true\n---\n\n" +
		"**Resolved**: The cleanup finished and queued builds were published. {{< track \"2031-05-15 17:50:00\" >}}\n\n" +
		"The cleanup is still running and may take twelve more hours. {{< track \"2031-05-15 05:30:00\" >}}\n\n" +
		"We are cleaning old builds out of the repository, which holds a lock that blocks publishing. {{< track \"2031-05-14 19:00:00\" >}}\n"
	rec, err := Parse("2031-05-14-cleanup.md", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2031-05-15T17:50:00Z": "Resolved: ", "2031-05-15T05:30:00Z": "The cleanup is still", "2031-05-14T19:00:00Z": "We are cleaning"}
	if len(rec.Timeline) != len(want) {
		t.Fatalf("got %d entries, want %d: %+v", len(rec.Timeline), len(want), rec.Timeline)
	}
	for _, e := range rec.Timeline {
		if p, ok := want[e.At]; !ok || !strings.HasPrefix(e.Text, p) || strings.Contains(e.Text, "{{") {
			t.Errorf("entry %+v: want one of %v, without the tag", e, want)
		}
	}
}

// TestEntryLineBreaks covers Markdown line breaks left in a timeline
// entry's text: an HTML break, or a run of backslashes standing alone
// (an escaped hard break); an escaped mark keeps its mark.
func TestEntryLineBreaks(t *testing.T) {
	tests := []struct{ in, want string }{
		{`the queue was drained<br /> \\\\`, "the queue was drained"},
		{`\\ the queue was drained`, "the queue was drained"},
		{`rates fell to 2\*N`, "rates fell to 2*N"},
		{`path C:\\temp kept`, `path C:\\temp kept`},
	}
	for _, tt := range tests {
		if got := cleanEntryText(tt.in); got != tt.want {
			t.Errorf("cleanEntryText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
