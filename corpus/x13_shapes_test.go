package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// TestClockThenSentenceDate: a clock that opens an entry, then a
// separator and a sentence that mentions a date, is the entry's stamp on
// the day of its heading; the date stays in the text. A clock and a
// date joined only by a zone, a weekday or "on the" are one stamp.
func TestClockThenSentenceDate(t *testing.T) {
	const doc = "# Bad rows published\n\n## Timeline\n\n### 2031-04-16\n" +
		"* `08:51` - the nightly job fails and pages the team\n" +
		"* `10:44` - an analyst reports odd values in the 2031-04-15 export\n\n" +
		"### 2031-04-17\n" +
		"* `16:14` - ops confirm export 2021-04-17 no longer holds the bad rows and the incident ends\n"
	rec, err := Parse("rows.md", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := timelineLines(rec)
	want := []string{
		"2031-04-16T08:51:00Z|the nightly job fails and pages the team",
		"2031-04-16T10:44:00Z|an analyst reports odd values in the 2031-04-15 export",
		"2031-04-17T16:14:00Z|ops confirm export 2021-04-17 no longer holds the bad rows and the incident ends",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("timeline =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rec.Date != "2031-04-16" {
		t.Errorf("date = %q, want 2031-04-16 (a date in an entry's sentence is not its stamp)", rec.Date)
	}
	// "the incident ends" marks the resolution, a day after the rest
	if got := durationOr(rec, 0); got != 1883 {
		t.Errorf("duration = %d, want 1883 (to the entry saying the incident ends)", got)
	}

	stamps := []struct {
		in   string
		want string // y-m-d h:m of the stamp, "" for a clock alone
	}{
		{"At 00:49 UTC on the 4th October 2031 the queue stopped", "2031-10-04 00:49"},
		{"10:00, Tuesday 5 March 2031: alerts fire", "2031-03-05 10:00"},
		{"16:14 - ops confirm export 2031-04-17 is clean", ""},
		{"09:30 the team checks the report of 2031-04-17", ""},
	}
	for _, tc := range stamps {
		t.Run(tc.in, func(t *testing.T) {
			st, ok := findStamp(tc.in)
			if !ok || !st.hasTime {
				t.Fatalf("findStamp(%q) = %+v, %v; want a clock", tc.in, st, ok)
			}
			got := ""
			if st.hasDate {
				got = fmt.Sprintf("%04d-%02d-%02d %02d:%02d", st.y, st.mo, st.d, st.h, st.mi)
			}
			if got != tc.want {
				t.Errorf("findStamp(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestPartialAvailabilityDuration: "about 40 minutes of partial
// availability" (or of reduced, degraded, limited or intermittent
// service) states how long the impact lasted.
func TestPartialAvailabilityDuration(t *testing.T) {
	const open = "# Portal slow\n\nOn 3 May 2031 the portal's load balancer dropped one of its three nodes.\n\n"
	testDurations(t, []durationCase{
		{"partial availability", open + "There was approximately 79 minutes of partial availability for the portal.\n", 79},
		{"reduced service", open + "Visitors saw about 25 minutes of reduced service.\n", 25},
		{"availability data is no duration", open + "The dashboard keeps 30 minutes of availability data.\n", 0},
	})
}

// TestBodyDateLineAndWeekdays: a "Date:" line of the body that gives a
// day alone is the incident's day; weekdays the text names as part of
// the story ("slots showed on Sunday") do not count back from it, while
// a frontmatter date (a post's day) still gives way to "on Monday we saw".
func TestBodyDateLineAndWeekdays(t *testing.T) {
	testWhen(t, []whenCase{
		{name: "date line, weekdays in the story",
			doc:  "# Booking showed the wrong day\n\n- **Date:** 2031-06-23\n- **Severity:** High\n\n## What happened\n\nA host opened slots for **Monday**, but guests east of UTC saw them land on **Sunday**.\n",
			date: "2031-06-23", duration: -1},
		{name: "post date, the weekday it started",
			doc:  "---\ntitle: Booking showed the wrong day\ndate: 2031-06-25\n---\n\nOn Monday we saw guests east of UTC get the wrong day for every slot.\n",
			date: "2031-06-23", duration: -1},
	})
}

// TestActionsDoneBySorting: how a follow-up section sorts its items
// says which are done. Under a "Completed" (or "Done") sub-heading they
// are done, beside a "Planned" one open. In a list sorted by labels, the
// items under "Immediate actions taken:" are the response when a sibling
// label names what is still to come, and done items when none does.
// "Details of fix" is a resolution section: in a document with no
// follow-up section its fixes are the actions, done when the list's
// intro says they were made.
func TestActionsDoneBySorting(t *testing.T) {
	const open = "# Validator stalled\n\nBlocks slowed for an hour across the network.\n\n"
	tests := []struct {
		name string
		body string
		want map[string]bool // text → done
	}{
		{"completed and planned sub-headings",
			"## Corrective actions\n\n### Completed\n- Audit the firewall rules\n- Correlate the consensus logs\n\n" +
				"### Planned\n- Alert on sustained round timeouts\n- Track proposal latency per region\n",
			map[string]bool{"Audit the firewall rules": true, "Correlate the consensus logs": true,
				"Alert on sustained round timeouts": false, "Track proposal latency per region": false}},
		{"taken label beside a later tier",
			"## Corrective and preventive measures\n\n- **Immediate actions taken**:\n  * Metrics confirmed the issue was network-wide\n  * Logs were kept for the vendor\n- **Short-term corrective actions**:\n  * Alert on block time spikes\n  * Write down normal block times\n",
			map[string]bool{"Alert on block time spikes": false, "Write down normal block times": false}},
		{"taken label alone, the items are done",
			"## Corrective and preventive measures\n\n- **Actions taken**:\n  * Move the signer to a new key\n  * Rotate the node's peers\n- **Monitoring**:\n  * Add an alert on missed blocks\n",
			map[string]bool{"Move the signer to a new key": true, "Rotate the node's peers": true, "Add an alert on missed blocks": false}},
		{"details of fix, introduced as done",
			"## Details of Fix\n\nThe following fixes were implemented:\n\n1. Enable the health check on the strategy\n1. Correct the strategy's withdraw logic for partial withdrawals\n",
			map[string]bool{"Enable the health check on the strategy": true, "Correct the strategy's withdraw logic for partial withdrawals": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("validator.md", strings.NewReader(open+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != len(tt.want) {
				t.Fatalf("action items = %+v, want %d", rec.ActionItems, len(tt.want))
			}
			for _, a := range rec.ActionItems {
				done, ok := tt.want[a.Text]
				if !ok || a.Done != done {
					t.Errorf("item %q done=%v, want listed with done=%v", a.Text, a.Done, done)
				}
			}
		})
	}
}

// TestDelayAndSummaryDuration: "up to 8 hours of email delay" states how
// long the impact lasted, also when only the post's frontmatter summary
// says it.
func TestDelayAndSummaryDuration(t *testing.T) {
	testDurations(t, []durationCase{
		{"in the body", "# Mail was late\n\nOn 11 May 2031 some users saw up to 8 hours of email delay.\n", 480},
		{"in the frontmatter summary", "---\ntitle: Mail was late\ndate: 2031-05-19T15:13:42+01:00\nsummary: \"On May 11, 2031, some users saw up to 8 hours of email delay.\"\n---\n\n### First wave\n\nThe spam filter took all the CPU of the mail host.\n", 480},
		{"a delay that is no impact", "# Mail was late\n\nOn 11 May 2031 the spam filter hung. We added a 2 hours delay to the retry job.\n", 0},
	})
}
