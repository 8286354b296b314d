package corpus

import (
	"strings"
	"testing"
)

// TestTimelineMarkersAndTranscripts: pasted chat logs are no timeline,
// an entry marked as the start or end of impact says it, and yearless
// month-day stamps take the year nearest the document's own date.
func TestTimelineMarkersAndTranscripts(t *testing.T) {
	tests := []struct {
		name, doc string
		date      string
		duration  int // -1: none
		entries   int
		first     string // the started_at, "" when not checked
	}{
		{
			name: "chat log under an appendix is not timeline",
			doc: "# Queue outage on 2031-06-03\n\n## Timeline\n\n- 10:00 UTC workers stop\n- 10:20 UTC alert fires\n- 10:50 UTC workers restarted, queue drains\n\n" +
				"## Appendix\n\n### Ops chat log\n\n> alice [10:21 AM]\n> anyone seeing this\n>\n> bob [10:22 AM]\n> yes looking\n>\n> alice [10:40 AM]\n> restarting now\n>\n> bob [11:30 AM]\n> all good\n",
			date: "2031-06-03", duration: 50, entries: 3,
		},
		{
			name: "an IRC transcript section of stamped lines is not timeline",
			doc:  "# Mail delays on 2031-06-03\n\nMail was delayed for an hour.\n\n## IRC transcript\n\n- 09:01 carol: mail stuck?\n- 09:02 dave: checking\n- 09:05 carol: thanks\n- 09:40 dave: flushed\n",
			date: "2031-06-03", duration: 60, entries: 0,
		},
		{
			name: "an entry marked as the start wins over the first entry",
			doc:  "# Login failures on 2031-06-03\n\n## Timeline\n\n- 08:00 UTC config change merged\n- 09:30 UTC config rolled to all regions (outage starts)\n- 09:45 UTC users report failed logins\n- 10:10 UTC config reverted (outage ends)\n- 11:00 UTC postmortem meeting scheduled\n",
			date: "2031-06-03", duration: 40, entries: 5, first: "2031-06-03T09:30:00Z",
		},
		{
			name: "Incident start as an entry's text",
			doc:  "# Disk full on 2031-06-03\n\n## Timeline\n\n- 07:10 UTC nightly job begins\n- 07:50 UTC Incident start\n- 08:05 UTC disk alarm\n- 08:35 UTC logs rotated, writes succeed\n",
			date: "2031-06-03", duration: 45, entries: 4, first: "2031-06-03T07:50:00Z",
		},
		{
			name: "a December stamp in a March incident is the year before",
			doc:  "# March 9th, 2031 Scheduler Outage\n\nAll times in UTC.\n\n## Timeline\n\n- [12-02 10:00] A bug is merged into the scheduler\n- [03-08 22:00] Scheduler restarted on new nodes, it crashes (outage starts)\n- [03-09 03:00] Users report stuck jobs\n- [03-09 05:00] Fixed scheduler deployed (outage ends)\n",
			date: "2031-03-08", duration: 420, entries: 4, first: "2031-03-08T22:00:00Z",
		},
		{
			name: "a marked start stamped with the day after it, before the morning's reports",
			doc:  "# March 9th, 2031 Scheduler Outage\n\nAll times in UTC.\n\n## Timeline\n\n- [03-09 22:00] Scheduler restarted on new nodes, it crashes (outage starts)\n- [03-09 03:00] Users report stuck jobs\n- [03-09 05:00] Fixed scheduler deployed (outage ends)\n",
			date: "2031-03-08", duration: 420, entries: 3, first: "2031-03-08T22:00:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("post.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			d := -1
			if r.DurationMinutes != nil {
				d = *r.DurationMinutes
			}
			first := ""
			if r.StartedAt != nil {
				first = r.StartedAt.Format("2006-01-02T15:04:05Z07:00")
			}
			if r.Date != tt.date || d != tt.duration || len(r.Timeline) != tt.entries || tt.first != "" && first != tt.first {
				t.Errorf("date %s, duration %d, %d entries, started %s; want %s, %d, %d, %s\n%+v", r.Date, d, len(r.Timeline), first, tt.date, tt.duration, tt.entries, tt.first, r.Timeline)
			}
		})
	}
}

// TestPostDayFromPublicationKeysAndPath: a month-day without a year
// takes its year from a frontmatter publication key ("pubDate:",
// "published:", "created:") or from the path ("2031/…", "…-2031-04").
func TestPostDayFromPublicationKeysAndPath(t *testing.T) {
	tests := []struct {
		name, file, doc string
		date            string
	}{
		{"pubDate written out", "post.md",
			"---\ntitle: Cache outage\npubDate: June 4, 2031\n---\n\nOn June 2nd at 3:10pm UTC a cache node ran out of memory and pages failed to load. At 4:00pm we restarted it.\n",
			"2031-06-02"},
		{"published as an ISO day", "post.md",
			"---\ntitle: Cache outage\npublished: 2031-06-04\n---\n\nOn June 2nd a cache node ran out of memory and pages failed to load.\n",
			"2031-06-02"},
		{"created in January, the incident in December", "post.md",
			"---\ntitle: Cache outage\ncreated: 2032-01-03\n---\n\nOn December 30th a cache node ran out of memory and pages failed to load.\n",
			"2031-12-30"},
		{"a year and month in the file name", "status/history-2031-04.txt",
			"Queue outage\n\nOn April 12th at 10:00 UTC the queue stopped and jobs failed. Service was restored at 11:00 UTC.\n",
			"2031-04-12"},
		{"a year folder", "incidents/2031/queue.md",
			"# Queue outage\n\nOn April 12th at 10:00 UTC the queue stopped and jobs failed. Service was restored at 11:00 UTC.\n",
			"2031-04-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.file, strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if r.Date != tt.date {
				t.Errorf("date %q, want %q", r.Date, tt.date)
			}
		})
	}
	if y, mo := pathYearMonth("a/2031/b/x-2030-07.md"); y != 2030 || mo != 7 {
		t.Errorf("pathYearMonth = %d %d", y, mo)
	}
	if y, mo := pathYearMonth("v2/docs/outage.md"); y != 0 || mo != 0 {
		t.Errorf("pathYearMonth of a path without a year = %d %d", y, mo)
	}
}

// TestTodayInTheOpeningProse: a dated post whose opening says the
// incident happened "today" is dated by the post's day, not by a
// backstory day named later; a post written "today" about an earlier
// incident is not.
func TestTodayInTheOpeningProse(t *testing.T) {
	tests := []struct {
		name, doc string
		date      string
	}{
		{"an outage today, a backstory day later",
			"---\ntitle: Storage nearly full\ndate: 2031-10-08\n---\n\nThe object store came close to an outage today, when free space fell below 3 GiB.\n\n" +
				"While reviewing capacity on September 20th, we saw the usage growing faster than planned and made a note to look again.\n\nThis morning the alarm fired and we freed space.\n",
			"2031-10-08"},
		{"this morning the API was down",
			"---\ntitle: API errors\ndate: 2031-10-08\n---\n\nThis morning the API was down for twenty minutes.\n\nThe certificate was renewed on September 30th by a job that later failed silently.\n",
			"2031-10-08"},
		{"last night the queue was down, a backstory day later",
			"---\ntitle: Queue outage\ndate: 2031-10-08\n---\n\nLast night the queue was down for two hours.\n\nOn September 30th we had upgraded the broker, which is where the fault came from.\n",
			"2031-10-07"},
		{"today we publish the postmortem of an earlier outage",
			"---\ntitle: API errors\ndate: 2031-10-08\n---\n\nToday we are publishing the postmortem of the outage.\n\nOn October 2nd the API was down for twenty minutes.\n",
			"2031-10-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("post.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if r.Date != tt.date {
				t.Errorf("date %q, want %q", r.Date, tt.date)
			}
		})
	}
}

// TestWrappedProseIsNoLog: a hard-wrapped paragraph whose next line
// opens with a decimal ("1.11 to 1.13") is prose, not a run of log
// lines; short stamped lines written without blank lines still are.
func TestWrappedProseIsNoLog(t *testing.T) {
	tests := []struct {
		name, doc string
		entries   int
	}{
		{"wrapped prose opening with a clock and a version",
			"# Runner outage on 2031-06-03\n\n## Root cause\n\nAt around 17:20, some hours before the outage, we began upgrading the runner fleet from release\n1.11 to 1.13. Each node takes five minutes, so the upgrade would run overnight.\n\n" +
				"At 23:04 the node holding the scheduler was drained and the scheduler could not start again.\n\n## Detection\n\nUsers reported it in the morning.\n\n" +
				"## Timeline\n\n- 23:04 scheduler node drained\n- 23:40 fixed scheduler deployed\n",
			2},
		{"log lines without blank lines between",
			"# Circuit outage on 2031-06-03\n\n16:30 Circuit down\n16.45 Carrier paged\n17:10 Circuit restored\n",
			3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("post.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Timeline) != tt.entries {
				t.Errorf("%d entries, want %d: %+v", len(r.Timeline), tt.entries, r.Timeline)
			}
		})
	}
}
