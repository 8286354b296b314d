package corpus

import (
	"strings"
	"testing"
)

// TestIncidentDatePhrasings parses short postmortems written for this
// test in the many ways teams state when an incident happened, and checks
// the day a careful reader takes: the day impact began, in the
// document's own zone, never the publication day when anything else is
// said.
func TestIncidentDatePhrasings(t *testing.T) {
	tests := []struct {
		name, file, doc, date string
	}{
		// key lines and fields
		{"date of incident key", "a.md", "# Login outage\n\nDate of incident: 2031-03-04\n\nLogins failed for an hour.\n", "2031-03-04"},
		{"incident date key, named month", "a.md", "# Login outage\n\n**Incident date:** March 4, 2031\n\nLogins failed.\n", "2031-03-04"},
		{"occurred key", "a.md", "# Login outage\n\nOccurred: 2031-03-04 14:00 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"when key with a day", "a.md", "# Login outage\n\nWhen: 4 March 2031\n\nLogins failed.\n", "2031-03-04"},
		{"date/time (UTC) key", "a.md", "# Login outage\n\nDate/Time (UTC): 2031-03-04 14:00\n\nLogins failed.\n", "2031-03-04"},
		{"start key", "a.md", "# Login outage\n\nStart: 2031-03-04 14:00 UTC\nEnd: 2031-03-04 15:00 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"began key", "a.md", "# Login outage\n\nBegan: 2031-03-04 14:00 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"detected key only", "a.md", "# Login outage\n\nDetected: 2031-03-04 14:10 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"reported on key", "a.md", "# Login outage\n\nReported on: 2031-03-04\n\nLogins failed.\n", "2031-03-04"},
		{"outage window with dates", "a.md", "# Login outage\n\nOutage window: 2031-03-04 14:00 – 15:10 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"table with a date row", "a.md", "# Login outage\n\n| | |\n|---|---|\n| Date | 4 March 2031 |\n| Severity | SEV2 |\n\nLogins failed.\n", "2031-03-04"},
		{"table with an incident date row", "a.md", "# Login outage\n\n| Key | Value |\n|---|---|\n| Incident date | 2031-03-04 |\n| Author | Sam |\n\nLogins failed.\n", "2031-03-04"},
		{"frontmatter incident_date beats date", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\nincident_date: 2031-03-04\n---\n\nLogins failed.\n", "2031-03-04"},
		{"frontmatter occurred_at", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\noccurred_at: 2031-03-04T14:00:00Z\n---\n\nLogins failed.\n", "2031-03-04"},
		{"frontmatter published and date", "a.md", "---\ntitle: Login outage\npublished: 2031-03-20\ndate: 2031-03-04\n---\n\nLogins failed.\n", "2031-03-04"},
		{"frontmatter incident start", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\nincident_start: 2031-03-04 14:00 UTC\n---\n\nLogins failed.\n", "2031-03-04"},
		{"frontmatter date only", "a.md", "---\ntitle: Login outage\ndate: 2031-03-04\n---\n\nLogins failed for an hour.\n", "2031-03-04"},
		{"frontmatter date with a prose date shortly before", "a.md", "---\ntitle: Login outage\ndate: 2031-03-09\n---\n\nOn March 4, 2031 logins failed for an hour.\n", "2031-03-04"},
		{"frontmatter updated is not the day", "a.md", "---\ntitle: Login outage\ndate: 2031-03-04\nupdated: 2031-04-20\n---\n\nLogins failed.\n", "2031-03-04"},

		// prose
		{"morning of a weekday with an ordinal", "2031-03-10-outage.md", "# Login outage\n\nOn the morning of Tuesday, March 4th, logins began to fail.\n", "2031-03-04"},
		{"early on a day-first date", "a.md", "# Login outage\n\nEarly on 4 March 2031 logins began to fail.\n", "2031-03-04"},
		{"late last friday relative to the post", "news.md", "---\ntitle: Login outage\ndate: 2031-03-10\n---\n\nLate last Friday logins began to fail for many users.\n", "2031-03-07"},
		{"between clocks on an ISO day", "a.md", "# Login outage\n\nBetween 02:10 and 04:00 UTC on 2031-03-04 logins failed.\n", "2031-03-04"},
		{"a zone-shifted day: the document's zone", "a.md", "# Login outage\n\nStarting around 11pm PT on March 3, 2031 (07:00 UTC March 4) logins failed.\n", "2031-03-03"},
		{"last week on a weekday", "news.md", "---\ntitle: Login outage\ndate: 2031-03-10\n---\n\nLast week, on Wednesday, logins failed for many users.\n", "2031-03-05"},
		{"over the weekend of", "a.md", "# Login outage\n\nOver the weekend of March 1, 2031 logins failed for many users.\n", "2031-03-01"},
		{"US numeric date", "a.md", "# Login outage\n\nOn 03/04/2031 logins failed. The fix shipped on 03/15/2031.\n", "2031-03-04"},
		{"dotted ISO date", "a.md", "# Login outage\n\nOn 2031.03.04 logins failed.\n", "2031-03-04"},
		{"4th of March", "a.md", "# Login outage\n\nOn the 4th of March 2031 logins failed.\n", "2031-03-04"},
		{"a day range", "a.md", "# Login outage\n\nOn March 3-4, 2031 logins failed intermittently.\n", "2031-03-03"},
		{"a day range with en dash", "a.md", "# Login outage\n\nOn March 3–4, 2031 logins failed intermittently.\n", "2031-03-03"},
		{"day-first range", "a.md", "# Login outage\n\nFrom 3 to 4 March 2031 logins failed intermittently.\n", "2031-03-03"},
		{"weekday, ordinal, year", "a.md", "# Login outage\n\nOn Tuesday the 4th of March, 2031, logins failed.\n", "2031-03-04"},
		{"abbreviated month with a year", "a.md", "# Login outage\n\nOn Mar. 4, 2031 logins failed.\n", "2031-03-04"},

		// structure
		{"post with yesterday", "news.md", "---\ntitle: Login outage\ndate: 2031-03-05\n---\n\nYesterday logins failed for many users.\n", "2031-03-04"},
		{"post with on Monday", "news.md", "---\ntitle: Login outage\ndate: 2031-03-06\n---\n\nOn Monday logins failed for many users.\n", "2031-03-03"},
		{"post with this morning", "news.md", "---\ntitle: Login outage\ndate: 2031-03-06\n---\n\nThis morning logins failed for many users.\n", "2031-03-06"},
		{"status page newest first, yearless under a dated file", "2031-03-05-login.md", "# Login outage\n\n**Resolved** - This incident has been resolved.\nMar 5, 01:10 UTC\n\n**Monitoring** - A fix has been applied.\nMar 4, 23:50 UTC\n\n**Investigating** - We are investigating failed logins.\nMar 4, 22:30 UTC\n", "2031-03-04"},
		{"status page updates with years newest first", "a.md", "# Login outage\n\nResolved\n\nThis incident has been resolved.\n\nPosted Mar 05, 2031 - 01:10 UTC\n\nInvestigating\n\nWe are investigating failed logins.\n\nPosted Mar 04, 2031 - 22:30 UTC\n", "2031-03-04"},
		{"timeline with day headings", "a.md", "# Login outage\n\n## Timeline\n\n### March 4, 2031\n\n- 22:30 UTC logins fail\n- 23:10 UTC alert fires\n\n### March 5, 2031\n\n- 01:10 UTC logins restored\n", "2031-03-04"},
		{"timeline times under a dated title", "a.md", "# Login outage on March 4, 2031\n\n## Timeline\n\n- 14:00 logins fail\n- 14:30 fix deployed\n", "2031-03-04"},
		{"timeline times under an ISO-dated title", "a.md", "# 2031-03-04: Login outage\n\n## Timeline\n\n- 14:00 logins fail\n- 14:30 fix deployed\n", "2031-03-04"},
		{"incident spanning midnight", "a.md", "# Login outage\n\n## Timeline\n\n- 2031-03-04 23:40 UTC logins fail\n- 2031-03-05 00:30 UTC logins restored\n", "2031-03-04"},
		{"follow-up weeks later", "a.md", "# Login outage\n\n## Timeline\n\n- 2031-03-04 14:00 UTC logins fail\n- 2031-03-04 15:00 UTC logins restored\n- 2031-03-28 10:00 UTC permanent fix shipped\n", "2031-03-04"},
		{"a dated file name and no other date", "2031-03-05-login-outage.md", "# Login outage\n\nLogins failed for many users.\n", "2031-03-05"},
		{"a dated file name and a prose date", "2031-03-10-login-outage.md", "# Login outage\n\nOn March 4 logins failed for many users.\n", "2031-03-04"},
		{"a mail with a sent date and an incident date", "a.eml", "Subject: Login outage\nFrom: ops@example.org\nDate: 2031-03-10\n\nDate: 2031-03-04\n\nLogins failed.\n", "2031-03-04"},
		{"a review date key is not the day", "a.md", "# Login outage\n\nReview date: 2031-03-20\n\nOn 2031-03-04 logins failed for an hour.\n", "2031-03-04"},
		{"last updated line is not the day", "a.md", "# Login outage\n\nLast updated: 2031-04-20\n\nOn 2031-03-04 logins failed for an hour.\n", "2031-03-04"},
		{"published line is not the day", "a.md", "# Login outage\n\nPublished: 2031-03-20\n\nOn 2031-03-04 logins failed for an hour.\n", "2031-03-04"},
		{"posted on line is not the day", "a.md", "# Login outage\n\nPosted on March 20, 2031\n\nOn March 4, 2031 logins failed for an hour.\n", "2031-03-04"},
		// round two
		{"date heading over the day", "a.md", "# Login outage\n\n## Date\n\n2031-03-04\n\n## Summary\n\nLogins failed.\n", "2031-03-04"},
		{"incident date heading over a named day", "a.md", "# Login outage\n\n## Incident Date\n\nTuesday, 4 March 2031\n\n## Summary\n\nLogins failed.\n", "2031-03-04"},
		{"date key with a weekday", "a.md", "# Login outage\n\nDate: Tuesday 4th March 2031\n\nLogins failed.\n", "2031-03-04"},
		{"time of incident key", "a.md", "# Login outage\n\nTime of incident: 2031-03-04 14:00 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"impact start key", "a.md", "# Login outage\n\nImpact start: 2031-03-04 14:00 UTC\nImpact end: 2031-03-04 15:00 UTC\n", "2031-03-04"},
		{"german dotted day", "a.md", "# Login outage\n\nDatum: 04.03.2031\n\nAm 04.03.2031 fiel der Login aus.\n", "2031-03-04"},
		{"day-first with a day over 12", "a.md", "# Login outage\n\nOn 14/03/2031 logins failed.\n", "2031-03-14"},
		{"prose: began at a clock on a day", "a.md", "# Login outage\n\nThe incident began at 14:00 UTC on March 4, 2031 and lasted an hour.\n", "2031-03-04"},
		{"prose: an evening in Pacific time is that day", "a.md", "# Login outage\n\nAt 9:30 PM PST on March 4, 2031, logins began to fail.\n", "2031-03-04"},
		{"prose: a UTC stamp with a local day in parentheses", "a.md", "# Login outage\n\nAll times are Pacific.\n\nOn March 4, 2031 at 23:00 logins began to fail.\n", "2031-03-04"},
		{"utc key with a document zone", "a.md", "# Login outage\n\nStart time: 2031-03-05 02:00 UTC\n\nLogins failed.\n", "2031-03-05"},
		{"ISO stamp with Z", "a.md", "# Login outage\n\nStarted: 2031-03-04T22:30:00Z\n\nLogins failed.\n", "2031-03-04"},
		{"ISO stamp with an offset", "a.md", "# Login outage\n\nStarted: 2031-03-04T22:30:00-08:00\n\nLogins failed.\n", "2031-03-04"},
		{"title with a month and year only", "a.md", "# March 2031 login outage\n\nOn March 4 logins failed.\n", "2031-03-04"},
		{"timeline dated bullets, prose date of publication", "a.md", "# Login outage\n\nThis report was written on 2031-03-20.\n\n## Timeline\n\n- 2031-03-04 14:00 UTC logins fail\n- 2031-03-04 15:00 UTC restored\n", "2031-03-04"},
		{"a week-long incident: its first day", "a.md", "# Slow builds\n\nFrom March 4 to March 11, 2031 builds were slow.\n", "2031-03-04"},
		{"month name range across months", "a.md", "# Slow builds\n\nFrom March 30 to April 2, 2031 builds were slow.\n", "2031-03-30"},
		{"a range across the new year", "a.md", "# Slow builds\n\nFrom December 31 – January 2, 2032 builds were slow.\n", "2031-12-31"},
		{"a clock after a day is not a range", "2031-03-06-builds.md", "# Slow builds\n\n## Timeline\n\n- Mar 4 - 14:00 UTC builds slow\n- Mar 4 - 15:00 UTC builds fixed\n", "2031-03-04"},
		// round three
		{"an incident date line beats a post's frontmatter date", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\n---\n\nIncident date: 2031-03-04\n\nLogins failed.\n", "2031-03-04"},
		{"a zone-shifted day under a post date", "a.md", "---\ntitle: Login outage\ndate: 2031-03-10\n---\n\nStarting around 11pm PT on March 3 (07:00 UTC March 4) logins failed.\n", "2031-03-03"},
		{"a timeline in Pacific time near midnight", "a.md", "# Login outage\n\n## Timeline\n\n- 2031-03-04 23:30 PST logins fail\n- 2031-03-05 00:30 PST logins restored\n", "2031-03-04"},
		{"an offset stamp near midnight keeps its day", "a.md", "# Login outage\n\nStarted: 2031-03-04T23:30:00-08:00\n\nLogins failed.\n", "2031-03-04"},
		{"a table with date, start and end columns", "a.md", "# Login outage\n\n| Date | Start | End |\n|---|---|---|\n| 2031-03-04 | 14:00 UTC | 15:00 UTC |\n\nLogins failed.\n", "2031-03-04"},
		{"the night of one day to the next", "2031-03-10-x.md", "# Login outage\n\nOn the night of March 3 to 4, logins failed for many users.\n", "2031-03-03"},
		{"sept. abbreviation", "a.md", "# Login outage\n\nOn Sept. 4, 2031 logins failed.\n", "2031-09-04"},
		{"slashed ISO date", "a.md", "# Login outage\n\nOn 2031/03/04 logins failed.\n", "2031-03-04"},
		{"issue start key", "a.md", "# Login outage\n\nIssue start: 2031-03-04 14:00 UTC\n\nLogins failed. The report was published 2031-03-20.\n", "2031-03-04"},
		{"first impact key", "a.md", "# Login outage\n\nFirst impact: 2031-03-04 14:00 UTC\n\nLogins failed. The report was published 2031-03-20.\n", "2031-03-04"},
		{"dates key with a range", "a.md", "# Login outage\n\nDates: March 3-4, 2031\n\nLogins failed.\n", "2031-03-03"},
		{"incident date/time key", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\n---\n\nIncident Date/Time: 2031-03-04 14:00 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"date & time key", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\n---\n\nDate & Time: 2031-03-04 14:00 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"timeline bullets with bold yearless days under a post date", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\n---\n\n## Timeline\n\n- **March 4, 14:00 UTC** logins fail\n- **March 4, 15:00 UTC** restored\n", "2031-03-04"},
		{"detected on in prose", "a.md", "# Login outage\n\nThe problem was detected on 4 March 2031 at 14:10 UTC when logins failed.\n", "2031-03-04"},
		{"a week-day range key", "a.md", "# Login outage\n\nOutage window: Tuesday 4 March 2031, 22:00 – 01:30 UTC\n\nLogins failed.\n", "2031-03-04"},
		{"a sentence opening with a verb is no publication line", "a.md", "# Login outage\n\nUpdated certificates broke logins on 2031-03-04 for an hour.\n\nPublished: 2031-03-20\n", "2031-03-04"},
		{"a publication line when nothing else dates it", "a.md", "# Login outage\n\nPublished: 2031-03-20\n\nLogins failed for an hour.\n", "2031-03-20"},
		{"between two days of a month", "a.md", "# Login outage\n\nBetween the 3rd and 4th of March 2031 logins failed.\n", "2031-03-03"},
		{"a larger first number is no range", "a.md", "# Login outage\n\nAt 10 to 4 March 2031 is when logins failed.\n", "2031-03-04"},
		{"a tagged calendar version is no date", "a.md", "# Login outage\n\nRelease v2031.03.01 broke logins on 2031-03-04.\n", "2031-03-04"},
		// round four
		{"start time heading over a stamp", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\n---\n\n### Start time\n\n2031-03-04 14:00 UTC\n\n### Summary\n\nLogins failed.\n", "2031-03-04"},
		{"incident start table row", "a.md", "---\ntitle: Login outage\ndate: 2031-03-20\n---\n\n| Item | Detail |\n|---|---|\n| Incident start | 2031-03-04 14:00 UTC |\n| Incident end | 2031-03-04 15:00 UTC |\n", "2031-03-04"},
		{"summary key line with a yearless day under a dated file", "2031-03-06-login.md", "# Login outage\n\nSummary: At approximately 14:00 UTC on Saturday, March 4th, logins began to fail.\n", "2031-03-04"},
		{"a CET evening in a post", "a.md", "---\ntitle: Server down\ndate: 2031-03-08\n---\n\nStarting at about 18:00 CET on Friday the server was down for three hours.\n", "2031-03-07"},
		{"bold date key in a table-less report", "a.md", "# Login outage\n\n**Date**: 2031-03-04\n**Authors**: Sam\n\nLogins failed.\n", "2031-03-04"},
		{"a date key with a numeric day-first day over 12", "a.md", "# Login outage\n\nDate: 14/03/2031\n\nLogins failed.\n", "2031-03-14"},
		{"a postmortem written the next week with a dated timeline", "a.md", "---\ntitle: Login outage\ndate: 2031-03-11\n---\n\n## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 2031-03-04 14:00 | logins fail |\n| 2031-03-04 15:00 | restored |\n", "2031-03-04"},
		{"timeline of a weekday heading and times under a post", "a.md", "---\ntitle: Login outage\ndate: 2031-03-11\n---\n\nOn Tuesday, March 4 logins failed.\n\n## Timeline\n\n### Tuesday, March 4\n\n- 14:00 UTC logins fail\n- 15:00 UTC restored\n", "2031-03-04"},
		{"a post dated with a time and yesterday", "a.md", "---\ntitle: Login outage\ndate: 2031-03-05 10:00:00 +0000\n---\n\nYesterday logins failed for many users.\n", "2031-03-04"},
		{"a post dated with a time and a prose day", "a.md", "---\ntitle: Login outage\ndate: 2031-03-09T10:00:00Z\n---\n\nOn March 4 logins failed for many users.\n", "2031-03-04"},
		{"a post dated with a time and a weekday", "a.md", "---\ntitle: Login outage\ndate: 2031-03-09T10:00:00Z\n---\n\nOn Tuesday logins failed for many users.\n", "2031-03-04"},
		{"a post dated with a time and nothing else", "a.md", "---\ntitle: Login outage\ndate: 2031-03-09T10:00:00Z\n---\n\nLogins failed for many users.\n", "2031-03-09"},
		{"last friday in a post written on a friday", "news.md", "---\ntitle: Login outage\ndate: 2031-03-07\n---\n\nLast Friday logins failed for many users.\n", "2031-02-28"},
		{"on friday in a post written on a friday", "news.md", "---\ntitle: Login outage\ndate: 2031-03-07\n---\n\nOn Friday logins failed for many users.\n", "2031-03-07"},
		// round five
		{"a month of background before the day", "a.md", "---\ntitle: Database outage\ndate: 2031-03-10\n---\n\nIn January 2031 we moved to new servers. On March 4 the database failed for two hours.\n", "2031-03-04"},
		{"an earlier change, then the failure, in one paragraph", "a.md", "---\ntitle: Database outage\ndate: 2031-03-10\n---\n\nOn 2031-02-15 we upgraded the database. On 2031-03-04 it failed for two hours and users could not log in.\n", "2031-03-04"},
		{"an earlier change, then the failure, without a post date", "a.md", "# Database outage\n\nOn 2031-02-15 we upgraded the database. On 2031-03-04 it failed for two hours and users could not log in.\n", "2031-03-04"},
		{"a release, then a report of the failure: the release", "a.md", "# Database outage\n\nOn 2031-03-03 we deployed version 2.3. On 2031-03-04 users reported errors.\n", "2031-03-03"},
		{"delays first, then unavailable until a later day", "a.md", "# Mail outage\n\nOn 2031-03-04 we saw delays in mail delivery. The service remained unavailable until 2031-03-08.\n", "2031-03-04"},
		{"a change, then impact months later: the change", "a.md", "# Database outage\n\nOn 2030-11-02 we upgraded the database. On 2031-03-04 it failed for two hours.\n", "2030-11-02"},
		{"version number is not a date", "a.md", "# Login outage\n\nRelease 2031.3.4 broke logins on 2031-03-06.\n", "2031-03-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q, want %q", rec.Date, tt.date)
			}
		})
	}
}
