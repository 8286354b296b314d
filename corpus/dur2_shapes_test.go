package corpus

import (
	"strings"
	"testing"
	"time"
)

// TestDayFirstDocument covers how a document's own numeric dates settle
// the order of its ambiguous ones.
func TestDayFirstDocument(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		file  time.Time
		want  bool
	}{
		{"an unambiguous day-first date", []string{"Date: 04/05/2031", "### 27-04-2031", "- 09:00 the queue stalls"}, time.Time{}, true},
		{"an unambiguous month-first date", []string{"Date: 04/05/2031", "On 04/27/2031 the queue stalled"}, time.Time{}, false},
		{"a written-out day agrees with the day-first reading", []string{"# 09-03-2031 - Queue outage", "The certificate expired on 7 March 2031.", "- 07-03-2031 certificate expires"}, time.Time{}, true},
		{"a written-out day agrees with the month-first reading", []string{"# 09/03/2031 - Queue outage", "The certificate expired on September 2, 2031.", "- 09/02/2031 certificate expires"}, time.Time{}, false},
		{"the file name's day agrees with the day-first reading", []string{"Date: 02/11/2031"}, time.Date(2031, 11, 2, 0, 0, 0, 0, time.UTC), true},
		{"nothing to go by", []string{"Date: 02/11/2031", "- 03/11/2031 the queue stalls"}, time.Time{}, false},
		{"votes tie", []string{"On 27/04/2031 and on 04/27/2031", "- 03/11/2031 x"}, time.Time{}, false},
		{"no ambiguous date to settle", []string{"On 27/04/2031 the queue stalled"}, time.Time{}, false},
		{"dotted dates are day first already", []string{"On 27.04.2031 and 03.04.2031"}, time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dayFirstDocument(tc.texts, tc.file); got != tc.want {
				t.Errorf("dayFirstDocument = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSwapDayMonth covers the swap of ambiguous numeric dates: only
// dates that read as a day either way change, and swapping twice gives
// the text back.
func TestSwapDayMonth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"on 03/10/2031 at 02:17", "on 10/03/2031 at 02:17"},
		{"from 3-10-2031 to 4-10-2031", "from 10-3-2031 to 10-4-2031"},
		{"on 29-09-2031 and 05/05/2031", "on 29-09-2031 and 05/05/2031"},
		{"version 1.2.21 and 04.03.2031", "version 1.2.21 and 04.03.2031"},
		{"2031-03-04T10:00:00Z", "2031-03-04T10:00:00Z"},
		{"no dates at all", "no dates at all"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := swapDayMonth(tc.in)
			if got != tc.want {
				t.Fatalf("swapDayMonth(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if back := swapDayMonth(got); back != tc.in {
				t.Errorf("swapping back gives %q, want %q", back, tc.in)
			}
		})
	}
}

// TestDur2Shapes covers whole documents: day-first numeric dates, a
// timeline entry that says the impact began before the title's day, a
// length stated in a one-row table, and a threshold in a
// recommendation that is no length.
func TestDur2Shapes(t *testing.T) {
	tests := []whenCase{
		{
			name: "day-first headings over a day-first date line",
			file: "queue-down.md",
			doc: "# Queue down\n\n**Date**: 05/04/2031\n\n**Summary**: the queue was down after a storage change.\n\n## Timeline\n\n" +
				"### 28-03-2031 (all times UTC)\n\n- 10:00 storage driver changed on all hosts\n\n" +
				"### 05-04-2031 (all times UTC)\n\n- 01:00 queue down, alerts fire\n\n" +
				"### 06-04-2031 (all times UTC)\n\n- 03:00 queue restored on new hosts\n",
			date:     "2031-04-05",
			duration: 26 * 60,
			firstAt:  "2031-03-28T10:00:00Z",
		},
		{
			name: "written-out day settles a day-first timeline",
			file: "gateway.md",
			doc: "# 09-03-2031 - Gateway unavailable\n\n## Summary\n\nA webhook certificate expired on 7 March 2031 and the gateway failed.\n\n## Timeline\n\n" +
				"- **07-03-2031** - webhook certificate expired\n" +
				"- **08-03-2031 10:00 UTC** - gateway errors began affecting all customers\n" +
				"- **09-03-2031 09:00 UTC** - customers report the outage\n" +
				"- **09-03-2031 11:00 UTC** - new certificate issued, service restored\n",
			date:     "2031-03-08",
			duration: 25 * 60,
			firstAt:  "07-03-2031",
		},
		{
			name: "month-first dates stay month first",
			file: "search.md",
			doc: "# Search outage\n\nOn 04/27/2031 search was down.\n\n## Timeline\n\n" +
				"- 05/03/2031 09:00 UTC search down for all users\n- 05/03/2031 10:30 UTC search restored\n",
			date:     "2031-05-03",
			duration: 90,
		},
		{
			name: "a length in a one-row impact table",
			file: "api.md",
			doc: "# API unavailable\n\n## Impact\n\n| Customers impacted | Cases raised | Incident duration |\n| --- | --- | --- |\n" +
				"| all regions | 4 | ~3h20m |\n\n## Timeline\n\n- 2031-05-03 09:00 UTC API errors for all users\n- 2031-05-03 10:00 UTC fix deployed, API restored\n",
			date:     "2031-05-03",
			duration: 200,
		},
		{
			name: "a table of many rows states no single length",
			file: "api2.md",
			doc: "# API unavailable\n\n## Past incidents\n\n| Incident | Duration |\n| --- | --- |\n| one | 3h |\n| two | 5h |\n\n" +
				"## Timeline\n\n- 2031-05-03 09:00 UTC API errors for all users\n- 2031-05-03 10:00 UTC fix deployed, API restored\n",
			date:     "2031-05-03",
			duration: 60,
		},
		{
			name: "a threshold in a recommendation is no length",
			file: "db.md",
			doc: "# Database down\n\n## Timeline\n\n- 2031-05-03 09:00 UTC database down, site errors\n- 2031-05-04 11:00 UTC database restored\n\n" +
				"## Supporting information\n\n- Could we page the on-call engineer only if the database is down for more than 15 minutes?\n",
			date:     "2031-05-03",
			duration: 26 * 60,
		},
		{
			name: "a stated end day without a time takes the timeline's recovery",
			file: "cert.md",
			doc: "# Expired certificate\n\n## Date\nStart: Monday, 2031-08-11\nEnd: Tuesday, 2031-08-12\n\n## Summary\n\nThe certificate expired and the site failed.\n\n## Timeline\n\n" +
				"2031-08-11, 02:30pm: users report the site failing with certificate errors.\n\n" +
				"2031-08-11, 03:10pm: the expired certificate is found.\n\n" +
				"2031-08-12, 09:30am: a new certificate is installed. Issue resolved.\n",
			date:     "2031-08-11",
			duration: 19 * 60,
		},
		{
			name: "a stated end day and no recovery entry: no length from midnight",
			file: "cert2.md",
			doc: "# Expired certificate\n\n## Date\nStart: Monday, 2031-08-11\nEnd: Tuesday, 2031-08-12\n\n## Summary\n\nThe certificate expired and the site failed.\n\n## Timeline\n\n" +
				"2031-08-11, 02:30pm: users report the site failing with certificate errors.\n\n" +
				"2031-08-12, 09:30am: a new certificate is installed.\n",
			date:     "2031-08-11",
			duration: 19 * 60,
		},
		{
			name: "a hedged range with an aside in brackets",
			file: "db2.md",
			doc: "# Database overload\n\n## What happened?\n\n* On Sunday, 2031-10-12 from ~09:00 (maybe earlier) to 13:30 CEST, the product lists were failing with errors.\n" +
				"* The database host had a very high load.\n",
			date:     "2031-10-12",
			duration: 270,
		},
		{
			name: "a planned date in the actions dates no incident",
			file: "validator.md",
			doc: "# Validator offline\n\n### Summary\nThe validator was offline for six sessions after a power cable came loose.\n\n" +
				"### Immediate Actions\n- Moved the validator to a spare server\n- Scheduled an onsite check of the rack for 2031-06-20\n",
			date: "",
		},
		{
			name: "a dated line that is no plan still dates it",
			file: "validator2.md",
			doc: "# Validator offline\n\n### Summary\nThe validator was offline for six sessions after a power cable came loose.\n\n" +
				"### Immediate Actions\n- Moved the validator to a spare server on 2031-06-19\n",
			date: "2031-06-19",
		},
		{
			name: "timeline bullets with the clock inside the sentence",
			file: "locator.md",
			doc: "# Locator search outage\n\nDate: May 9, 2031\n\n## What happened?\n- On May 7, 2031, provider search was unavailable.\n\n" +
				"## Timeline (all times ET)\n- The support desk told the team about the outage at 11:40 ET on May 7, 2031.\n" +
				"- Managers were told of the outage at about 1:15 PM ET.\n- The search was restored at approximately 3:10 ET, May 7.\n",
			date:     "2031-05-07",
			duration: 210,
			firstAt:  "2031-05-07T11:40:00-04:00",
		},
		{
			name: "the summary's day before a timeline that opens with the first report",
			file: "bridge.md",
			doc: "# Stuck transfers\n\nDate: 2031-03-12\n\n### Summary:\nOn March 9th, 2031 two users sent transfers through the bridge that never arrived on the other chain.\n\n" +
				"### Timeline:\n\n(all times UTC)\n\n2031-03-10 00:20 a user reports a missing transfer\n\n2031-03-10 08:00 investigation starts\n\n" +
				"2031-03-11 15:00 transfers are completed by hand\n",
			date:     "2031-03-09",
			duration: -1,
		},
		{
			name: "the summary's day of a change before the timeline is no start",
			file: "bridge2.md",
			doc: "# Stuck transfers\n\nDate: 2031-03-12\n\n### Summary:\nOn March 9th, 2031 a new fee estimator was deployed to the bridge.\n\n" +
				"### Timeline:\n\n(all times UTC)\n\n2031-03-10 00:20 a user reports a missing transfer\n\n2031-03-10 08:00 investigation starts\n\n" +
				"2031-03-11 15:00 transfers are completed by hand\n",
			date:     "2031-03-10",
			duration: -1,
		},
	}
	testWhen(t, tests)
}

// TestDayTimelineShapes covers timelines under a heading that ends in
// "timeline", written as days with prose under them, and what a reader
// takes from them: a day after the post's own (a mistyped month) is no
// start, and a closing sentence of the timeline may state how long it
// lasted.
func TestDayTimelineShapes(t *testing.T) {
	const days = "<h2>Problems/Timeline</h2>\n<h3>Monday 27-11-2031</h3>\n<p>The deploy of the exports feature stalled on its first migration.</p>\n" +
		"<h3>Wednesday 29-11-2031</h3>\n<p>The second half renamed the table and its migration failed during the deploy.</p>\n" +
		"<p>After a second fix the site was back to fully operational after around 35 minutes.</p>\n<h2>Improvements</h2>\n<ul><li>Test migrations on a copy of production</li></ul>\n"
	testWhen(t, []whenCase{
		{
			name: "day headings under a problems/timeline heading",
			file: "2031-12-02-exports.html",
			doc:  "<h1>Extended deploy of the exports feature</h1>\n<p>A migration broke the deploy of the exports feature.</p>\n" + days,
			date: "2031-11-27", duration: 35, firstAt: "27-11-2031",
		},
		{
			name: "a timeline after the post's day: the opening prose dates it",
			file: "2031-11-04-exports.html",
			doc:  "<h1>Extended deploy of the exports feature</h1>\n<p>On October 29, 2031 a migration broke the deploy of the exports feature.</p>\n" + days,
			date: "2031-10-29", duration: 35,
		},
	})
	const stamps = "# Broken stylesheets after a deploy\n\n## Deployment timeline\n\n" +
		"**10:02 UTC** – We installed the new packages and ran the migrations.\n\n**10:05 UTC** – A user reported broken stylesheets.\n\n" +
		"**10:12 UTC** – We found an old asset manifest beside the new one.\n\nMoving it away did not help, and precompiling failed on permissions.\n\n" +
		"Another theory was a recent change to the main stylesheet.\n\n**10:20 UTC** – We downgraded the packages.\n\n**10:24 UTC** – The downgrade finished and the site was back to normal.\n"
	rec, err := Parse("2031-05-06-assets.md", strings.NewReader(stamps))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Timeline) != 5 || statedMinutes(rec) != 22 {
		t.Errorf("got %d entries and %d minutes, want 5 and 22: %+v", len(rec.Timeline), statedMinutes(rec), rec.Timeline)
	}
}
