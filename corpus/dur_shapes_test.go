package corpus

import (
	"strings"
	"testing"
)

// TestNumericDateForms covers all-numeric dates beyond ISO order: dashes
// in the US order, two-digit years, and what must stay unread.
func TestNumericDateForms(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when no date
	}{
		{"07-29-2023 11:51 am - access was gained", "2023-07-29"},
		{"29-07-2023 access was gained", "2023-07-29"},
		{"03-04-2023 the deploy", "2023-03-04"},
		{"Website outage 5-26-21", "2021-05-26"},
		{"on 5/26/21 the site went down", "2021-05-26"},
		{"04.03.2031 the deploy", "2031-03-04"},
		{"12/31/2022 the deploy", "2022-12-31"},
		{"version 1.2.21 shipped", ""},
		{"mixed 05-26/2021 separators", ""},
		{"phone 555-12-2021", ""},
		{"ranges 10-15-20 minutes", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			st, ok := findDate(tc.in)
			got := ""
			if ok {
				got = dayString(st)
			}
			if got != tc.want {
				t.Errorf("findDate(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func dayString(st stamp) string {
	if !st.hasYear {
		return "yearless"
	}
	return strings.Join([]string{pad(st.y, 4), pad(st.mo, 2), pad(st.d, 2)}, "-")
}

func pad(n, w int) string {
	s := ""
	for ; w > 0; w-- {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// TestDurationAndDateShapes covers document shapes that carry the
// incident's day and length: stamps in month-day-year order with dashes
// and a 12-hour clock, a title dated with a two-digit year over a
// time-only timeline, a timeline note that gives the day of every
// entry not dated otherwise, and a length stated before a timeline's
// first entry, and a first day the opening prose says it began on.
func TestDurationAndDateShapes(t *testing.T) {
	tests := []whenCase{
		{
			name: "dashed month-day-year stamps with am/pm",
			doc: "# Build agents compromised\n\n## Timeline (all times PST) 03/02/2031 - 03/05/2031\n\n" +
				"03-02-2031 4:10 pm - A contributor's pull request was merged, granting them write access.\n\n" +
				"03-04-2031 9:05 am - Unauthorized access to the build agents was gained through a modified workflow.\n\n" +
				"03-04-2031 1:20 pm - The build agents were taken offline and the access was revoked; service restored on clean agents.\n",
			date:     "2031-03-04",
			duration: 255,
		},
		{
			name: "title with a two-digit year over a time-only timeline",
			doc: "# Docs site outage 7-14-30\n\nThe docs site was down after a branch rename.\n\n## Timeline\n\n" +
				"- 02:10 PM UTC The default branch was renamed\n- 02:14 PM UTC Site is down, alarms fire\n" +
				"- 02:40 PM UTC The publishing job is restarted\n- 03:05 PM UTC Site is fully recovered\n",
			date:     "2030-07-14",
			duration: 55,
		},
		{
			name: "day note with an earlier dated entry",
			doc: "# Package index outage\n\nThe index was down after its disk filled up.\n\n## Timeline\n\n" +
				"Unless otherwise noted, all events happened on 2031-06-09, and all times are in UTC.\n\n" +
				"- 2031-06-08 00:40: uploads start failing because the disk is nearly full\n" +
				"- 01:15: the index goes down, alerts fire\n- 01:30: the temporary directory is cleared\n" +
				"- 01:42: the index is back online\n",
			date:     "2031-06-08",
			duration: 24*60 + 62,
		},
		{
			name: "dated entries without a day note carry their day on",
			doc: "# Package index outage\n\nThe index was down after its disk filled up.\n\n## Timeline\n\nAll times are in UTC.\n\n" +
				"- 2031-06-08 22:40: uploads start failing because the disk is nearly full\n" +
				"- 23:15: the index goes down, alerts fire\n- 23:42: the index is back online\n",
			date:     "2031-06-08",
			duration: 62,
		},
		{
			name: "stated length opening the timeline",
			doc: "# Registry index lag\n\nOn 2031-02-11 new releases did not reach the index.\n\n## Timeline\n\n" +
				"It took 2 hours and 5 minutes from the start of the incident to the deploy of the fix.\n\n### 2031-02-11\n\n" +
				"- 09:00 UTC: releases stop reaching the index\n- 09:30 UTC: a user reports it\n" +
				"- 10:20 UTC: the problem is fixed upstream\n- 11:05 UTC: our fix is deployed\n",
			date:     "2031-02-11",
			duration: 125,
		},
		{
			name: "a length inside an entry is not the incident's",
			doc: "# Build logs missing\n\nBuild logs were not shown to users.\n\n## Timeline\n\n### 2031-02-11 08:00\n\n" +
				"Log streaming stopped working for every pod.\n\nThis happened once before and lasted 24 hours.\n\n" +
				"### 2031-02-11 10:30\n\nThe node without an address was removed and logs are restored.\n",
			date:     "2031-02-11",
			duration: 150,
		},
		{
			name: "prose says it began the day before the title's day",
			doc: "# Mar 4 2031 queue flood\n\n## Summary\n\nOn Saturday March 3rd 2031 an unknown client began flooding the queue with tiny jobs. " +
				"Early on Sunday the 4th a far larger flood followed.\n\n## Timeline (all times UTC)\n\n" +
				"- 14:00 Saturday March 3rd: the first flood of jobs arrives\n- 19:00 Saturday March 3rd: the queue is empty again\n" +
				"- 03:00 Sunday March 4th: the largest flood begins\n- 09:00 Sunday March 4th: the queue is back to normal\n",
			date:     "2031-03-03",
			duration: 19 * 60,
		},
		{
			name: "title's day wins over a lead-up the prose does not call the start",
			doc: "# Mar 4 2031 queue flood\n\n## Summary\n\nA client flooded the queue with tiny jobs on Sunday.\n\n## Timeline (all times UTC)\n\n" +
				"- 14:00 Saturday March 3rd: a client's quota was raised\n- 19:00 Saturday March 3rd: the client's batch job was scheduled\n" +
				"- 03:00 Sunday March 4th: the queue is flooded and jobs fail\n- 09:00 Sunday March 4th: the queue is back to normal\n",
			date:     "2031-03-04",
			duration: -1, // the span still runs from the lead-up
		},
	}
	testWhen(t, tests)
}

// TestStrayClockMarkers covers 24-hour clocks written with an am/pm
// marker ("13:55 PM"): the hour says which it is. A 12-hour clock keeps
// its marker's reading.
func TestStrayClockMarkers(t *testing.T) {
	tests := []struct {
		in     string
		h, mi  int
		wantOK bool
	}{
		{"13:55 PM PST alarms fire", 13, 55, true},
		{"23:00 AM MST the queue is empty", 23, 0, true},
		{"1:55 PM PST alarms fire", 13, 55, true},
		{"12:10 AM the job ran", 0, 10, true},
		{"11:30 am the deploy", 11, 30, true},
		{"25:10 PM nonsense", 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			st, ok := findClock(tc.in, 0)
			if ok != tc.wantOK {
				t.Fatalf("findClock(%q) ok = %v, want %v", tc.in, ok, tc.wantOK)
			}
			if ok && (st.h != tc.h || st.mi != tc.mi) {
				t.Errorf("findClock(%q) = %02d:%02d, want %02d:%02d", tc.in, st.h, st.mi, tc.h, tc.mi)
			}
		})
	}
}

// whenCase is a document (file "doc.md" unless named) with the incident
// date and duration its record should hold, and optionally where its
// timeline's first entry is.
type whenCase struct {
	name     string
	file     string
	doc      string
	date     string
	duration int // 0 when none is wanted, -1 when not checked
	firstAt  string
}

// testWhen parses each case's document and checks its date, duration
// and first timeline entry.
func testWhen(t *testing.T, tests []whenCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "doc.md"
			}
			rec, err := Parse(file, strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tc.date {
				t.Errorf("date = %q, want %q", rec.Date, tc.date)
			}
			got := statedMinutes(rec)
			if tc.duration >= 0 && got != tc.duration {
				t.Errorf("duration = %d, want %d (timeline %+v)", got, tc.duration, rec.Timeline)
			}
			if tc.firstAt != "" && (len(rec.Timeline) == 0 || rec.Timeline[0].At != tc.firstAt) {
				t.Errorf("first entry = %+v, want at %q", rec.Timeline, tc.firstAt)
			}
		})
	}
}

// statedMinutes is a record's duration in minutes, 0 when it has none.
func statedMinutes(rec Record) int {
	return durationOr(rec, 0)
}

// durationOr is a record's duration in minutes, or none when it has none.
func durationOr(rec Record, none int) int {
	if rec.DurationMinutes == nil {
		return none
	}
	return *rec.DurationMinutes
}
