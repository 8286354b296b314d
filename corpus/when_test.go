package corpus

import (
	"strings"
	"testing"
)

// TestIncidentDateAndDuration parses small postmortems written for
// these tests and checks the day impact began and the duration.
func TestIncidentDateAndDuration(t *testing.T) {
	tests := []struct {
		name, file, doc string
		date            string
		duration        int // -1: none, -2: not checked
	}{
		{
			name: "exposure span in prose beats the response timeline",
			file: "2031-05-02-leak.md",
			doc: "# Leaked deploy key\n\nAn auditor found that the deploy key was exposed from on or about 2031-03-14 through 2031-04-30 to every contributor.\n\n" +
				"## Timeline\n\n- 2031-04-30 09:00 UTC: auditor reports the key\n- 2031-04-30 10:15 UTC: key revoked\n",
			date: "2031-03-14", duration: 75,
		},
		{
			name: "the day a title names beats the days of lead-up before it",
			file: "builds.md",
			doc: "# 2031-01-17, Image builds fail\n\nA base image lost its package mirror.\n\n## Timeline\n\nAll times in PST\n\n" +
				"### 2031-01-15\n\nCI failures on another project, thought unrelated.\n\n### 2031-01-17 17:14\n\nBuilds fail everywhere; the problem is real.\n\n" +
				"### 2031-01-17 18:30\n\nBase image bumped, builds pass.\n",
			date: "2031-01-17", duration: 76,
		},
		{
			name: "a title's day weeks after the timeline is not the start",
			file: "copy.md",
			doc:  "# 2031-03-20, Pod limit reached\n\n## Timeline\n\n- 2031-01-10 09:00 UTC: launches fail\n- 2031-01-10 09:40 UTC: limit raised\n",
			date: "2031-01-10", duration: 40,
		},
		{
			name: "since a date in the opening prose",
			file: "2031-08-20-ci.md",
			doc: "# CI secrets incident\n\nOn August 12, 2031 a maintainer noticed that builds of forks received our secrets. " +
				"Our logs show this had been happening since about August 2, 2031.\n\n## Response\n\nWe rotated every token.\n",
			date: "2031-08-02", duration: -1,
		},
		{
			name: "a start word without impact is no span",
			file: "2031-08-20-notes.md",
			doc:  "# Queue stall\n\nOn August 12, 2031 the queue stalled and jobs were delayed for 40 minutes. We have used this queue since July 3, 2031.\n",
			date: "2031-08-12", duration: 40,
		},
		{
			name: "a latent fault since a release is not the impact's start",
			file: "2031-08-20-bug.md",
			doc:  "# Export failures\n\nOn August 12, 2031 exports began to fail for large accounts. The bug had been present since August 1, 2031, when it was introduced by a refactor.\n",
			date: "2031-08-12", duration: -1,
		},
		{
			name: "a stated start key wins over a prose span",
			file: "x.md",
			doc:  "# Token exposure\n\nStart time: 2031-04-01 08:00 UTC\n\nThe token was exposed since 2031-03-01 in a debug log.\n",
			date: "2031-04-01", duration: -1,
		},
		{
			name: "a change days before the impact is a lead-in",
			file: "q.md",
			doc: "# Nightly job crash\n\n## Timeline\n\n- **2031-06-01** — the cleanup job shipped in release 4.2\n" +
				"- **2031-06-12 04:00 UTC** — first failed run of the job\n- **2031-06-12 04:30 UTC** — job restarted by hand\n- **2031-06-12 05:10 UTC** — runs succeed again, resolved\n",
			date: "2031-06-12", duration: 70,
		},
		{
			name: "words inside code names are not impact",
			file: "q.md",
			doc: "# Nightly task crash\n\n## Timeline\n\n- **2031-06-01** — task purge_failed_uploads shipped\n" +
				"- **2031-06-12 04:00 UTC** — first crash of the task\n- **2031-06-12 05:10 UTC** — task fixed, resolved\n",
			date: "2031-06-12", duration: 70,
		},
		{
			name: "a first entry reporting impact is the start, gap or not",
			file: "q.md",
			doc: "# Upgrade broke logins\n\n## Timeline\n\n- 2031-06-01 10:00 UTC: proxy upgraded, breaking logins for the legacy app\n" +
				"- 2031-06-05 09:00 UTC: users report failed logins\n- 2031-06-05 11:00 UTC: proxy rolled back\n",
			date: "2031-06-01", duration: -2,
		},
		{
			name: "a first report is detection, not a lead-in",
			file: "q.md",
			doc: "# Slow search\n\n## Timeline\n\n- 2031-06-01 09:00 UTC: a customer contacted support about search\n" +
				"- 2031-06-03 08:00 UTC: index rebuilt\n- 2031-06-03 09:00 UTC: search verified\n",
			date: "2031-06-01", duration: -2,
		},
		{
			name: "a change the same evening is no lead-in",
			file: "q.md",
			doc: "# Bad config\n\n## Timeline\n\n- 2031-06-01 18:00 UTC: new rate limits applied\n" +
				"- 2031-06-01 23:00 UTC: clients start failing\n- 2031-06-01 23:40 UTC: limits reverted, resolved\n",
			date: "2031-06-01", duration: 340,
		},
		{
			name: "a bare day before a timed entry the next morning is no lead-in",
			file: "q.md",
			doc: "# Staging down\n\n## Timeline\n\n- June 1, 2031: code deploy begins late in the day\n" +
				"- 2031-06-02 00:20 UTC: staging outage discovered\n- 2031-06-02 03:00 UTC: staging restored\n",
			date: "2031-06-01", duration: 160,
		},
		{
			name: "a start key quoted under a timeline entry is not the incident's",
			file: "q.md",
			doc: "# Storage array failure\n\n## Timeline\n\n2031-03-02 10:00 UTC\n\nVolumes on the array stopped responding; users report errors.\n\n" +
				"2031-03-04 09:00 UTC\n\nThe vendor wrote:\n\nStart time: 2031-03-05 08:00 UTC\n\nEnd time: 2031-03-05 09:00 UTC\n\n2031-03-05 12:00 UTC\n\nArray restored, volumes back online.\n",
			date: "2031-03-02", duration: -2,
		},
		{
			name: "a start key opening the timeline section counts",
			file: "q.md",
			doc:  "# Cache outage\n\n## Timeline\n\nStart time: 2031-03-02 10:00 UTC\n\nEnd time: 2031-03-02 10:50 UTC\n\n- 10:05 UTC alert fires\n- 10:50 UTC cache restored\n",
			date: "2031-03-02", duration: 50,
		},
		{
			name: "entries with no words to read are no lead-in",
			file: "q.md",
			doc:  "# Power loss\n\n## Timeline\n\n- 2031-03-02 10:00 UTC: ok\n- 2031-03-02 11:00 UTC: ok\n- 2031-03-04 09:00 UTC: vendor notice received\n- 2031-03-04 10:00 UTC: hosts restarted\n",
			date: "2031-03-02", duration: -2,
		},
		{
			name: "a weekday the trouble started on, past the opening",
			file: "2031-05-16-surge.md",
			doc: "# Signup surge\n\n" + strings.Repeat("Some background about how our queues work and why they matter.\n\n", 10) +
				"It all started on Monday evening when signups spiked.\n",
			date: "2031-05-12", duration: -2,
		},
		{
			name: "a weekday past the opening without a start word is not read",
			file: "2031-05-16-surge.md",
			doc: "# Signup surge\n\n" + strings.Repeat("Some background about how our queues work and why they matter.\n\n", 10) +
				"On Monday we held the review.\n",
			date: "2031-05-16", duration: -2,
		},
		{
			name: "opening prose beats a post date when the timeline is far from it",
			file: "notes.md",
			doc: "---\ntitle: Build farm outage\ndate: 2031-12-09\n---\n\nOn Tuesday December 2nd the build farm controller failed and no builds ran.\n\n" +
				"## Timeline\n\n- 2030-12-02 08:00 UTC: controller disk errors\n- 2030-12-02 09:00 UTC: controller down\n- 2030-12-02 17:00 UTC: controller restored\n",
			date: "2031-12-02", duration: -2,
		},
		{
			name: "a later sentence with the recovery time ends the impact",
			file: "q.md",
			doc: "# Payments outage\n\n## Summary\n\nAt 14:02 UTC on 3 March 2031 the payments API began returning errors after a certificate rotation.\n\n" +
				"## Resolution\n\nWe rolled the certificate back. Service was restored at 15:10 UTC.\n",
			date: "2031-03-03", duration: 68,
		},
		{
			name: "a recovery after midnight is the next day",
			file: "q.md",
			doc:  "# Queue outage\n\nAt 23:40 UTC on 3 March 2031 the queue stopped accepting jobs.\n\nThe queue was back online at 00:25 UTC.\n",
			date: "2031-03-03", duration: 45,
		},
		{
			name: "a later clock without a recovery is not the end",
			file: "q.md",
			doc:  "# Queue outage\n\nAt 23:40 UTC on 3 March 2031 the queue stopped accepting jobs.\n\nAt 00:25 UTC over half of the workers were still failing.\n",
			date: "2031-03-03", duration: -1,
		},
		{
			name: "yesterday in a post dated by its publication",
			file: "news.md",
			doc:  "---\ntitle: Storage outage\ndate: 2031-05-16\n---\n\nYesterday evening our shared storage stopped responding and jobs failed.\n",
			date: "2031-05-15", duration: -2,
		},
		{
			name: "a stated date beats yesterday",
			file: "news.md",
			doc:  "---\ntitle: Storage outage\ndate: 2031-05-16\n---\n\nLast night, on May 14, our shared storage stopped responding.\n",
			date: "2031-05-14", duration: -2,
		},
		{
			name: "a title naming the day beats the publication date",
			file: "news.md",
			doc:  "---\ntitle: Storage outage of May 9th\ndate: 2031-05-16\n---\n\nOur shared storage stopped responding and jobs failed.\n",
			date: "2031-05-09", duration: -2,
		},
		{
			name: "closing the incident's paperwork is not the end",
			file: "q.md",
			doc: "# Login errors\n\n## Timeline\n\n- 2031-06-01 10:00 UTC: logins fail\n- 2031-06-01 10:40 UTC: config reverted, logins restored\n" +
				"- 2031-06-01 16:00 UTC: postmortem review held, incident closed\n",
			date: "2031-06-01", duration: 40,
		},
		{
			name: "restored in under a day",
			file: "2031-02-02-mail.md",
			doc:  "# Mail outage\n\nOn January 30, 2031 our mail relay started failing. In the end we restored mail delivery for everyone in under 24 hours.\n",
			date: "2031-01-30", duration: 1440,
		},
		{
			name: "back to fully operational after a while",
			file: "2031-02-02-deploy.md",
			doc:  "# Slow deploy\n\nOn January 30, 2031 a migration failed during the deploy.\n\nAfter the fix the site was back to being fully operational after around 35 minutes.\n",
			date: "2031-01-30", duration: 35,
		},
		{
			name: "a fix time is not the outage length",
			file: "2031-02-02-bug.md",
			doc:  "# Wrong totals\n\nOn January 30, 2031 invoices showed wrong totals. The bug was fixed in 3 days.\n",
			date: "2031-01-30", duration: -1,
		},
		{
			name: "compound number words",
			file: "2031-02-02-db.md",
			doc:  "# Database down\n\nOn January 30, 2031 the database was down for twenty-two hours.\n",
			date: "2031-01-30", duration: 1320,
		},
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
			got := durationOr(rec, -1)
			if tt.duration != -2 && got != tt.duration {
				t.Errorf("duration = %d, want %d", got, tt.duration)
			}
		})
	}
}

func TestProseDurationPhrasings(t *testing.T) {
	tests := []struct {
		text string
		want int // -1: none
	}{
		{"Service was restored for all customers in under 2 hours.", 120},
		{"The API recovered within about 15 minutes.", 15},
		{"Everything was working again after roughly forty-five minutes.", 45},
		{"The site was unavailable for thirty five minutes.", 35},
		{"The incident lasted from 14:00 to 16:30 UTC.", 150},
		{"Users saw errors from 2 PM to 4 PM PT.", 120},
		{"Between 9am and 11am PT the API was unavailable.", 120},
		{"Our office is staffed between 9am and 5pm.", -1},
		{"The outage was 45 minutes long.", 45},
		{"The nightly build was 40 minutes long.", -1},
		{"Service was restored 45 minutes later.", 45},
		{"An hour-long outage hit the checkout.", 60},
		{"Over the course of 3 hours, requests failed.", 180},
		{"The disruption lasted about three and a half hours.", 210},
		{"We were down for roughly 1h45m.", 105},
		{"It was down for 2 1/2 hours.", 150},
		{"The incident window was 35 minutes.", 35},
		{"Impact lasted until 16:30 UTC, 2.5 hours after it began.", 150},
		{"Nine hours after the incident started, the cause was identified.", -1},
		{"The race left the portal unusable for about 2h10m.", 130},
		{"Two short outages hit the API, for about 20 minutes in all.", 20},
		{"The outage began at 14:02 UTC and ended at 15:10 UTC.", 68},
		{"Errors started around 9:15 AM PT; service was restored by 10:40 AM PT.", 85},
		{"Between 14:02 and approximately 15:10 UTC, users saw errors.", 68},
		{"From ~14:00 to ~15:30 the site was down.", 90},
		{"The incident started at 23:30 and was resolved at 00:15.", 45},
		{"The migration started at 10:00 and ended at 12:00.", -1},
		{"Customers saw 40 minutes of degraded performance.", 40},
		{"There were 25 minutes of user-facing impact.", 25},
		{"We spent 30 minutes of debugging on it.", -1},
		{"It took 50 minutes before the service was restored.", 50},
		{"It took two hours until everything was back.", 120},
		{"The broken commit 3d2f1a was reverted.", -1},
		{"The patch was fixed in 2 days.", -1},
		{"The new cluster will be fully operational within two weeks.", -1},
		{"Our goal is that service is restored in under 30 minutes.", -1},
		{"During next week's maintenance users will be unable to log in for about 2 hours.", -1},
		{"Users could not log in for about 2 hours.", 120},
		{"We resolved the ticket backlog in the next sprint.", -1},
		{"The outage lasted just under two hours.", 120},
		{"Services were degraded between 14:05 and 15:40 UTC.", 95},
		{"The site was down for roughly 25 mins.", 25},
		{"Checkout was unavailable from 9:12am until 10:03am PT.", 51},
		{"The incident lasted 1 hour 20 minutes.", 80},
		{"This caused approximately 45 minutes of downtime for all users.", 45},
		{"The database was unreachable between 22:10 and 23:05.", 55},
		{"The website was inaccessible from 10:00 to 10:45 UTC.", 45},
		{"The dashboard was offline from 08:10 to 08:40.", 30},
		{"The team met from 10:00 to 11:00 to plan the quarter.", -1},
		{"The outage spanned 7 hours.", 420},
		{"The incident spanned three regions.", -1},
		{"The service went down at 14:00 UTC and came back at 14:45 UTC.", 45},
		{"The service went down at 14:00 UTC and was restored at 14:45 UTC.", 45},
		{"Builds were delayed for up to 3 hours.", 180},
		{"It was about 20 minutes before the site came back.", 20},
		{"Some 40 minutes passed before service was restored.", 40},
		{"It was 20 minutes before we noticed the alert.", -1},
		{"It will be 30 minutes before service is restored.", -1},
		{"There was a 2 hour window where deployments failed.", 120},
		{"Total time to resolution was 3h 12m.", 192},
		{"Time to recovery was 87 minutes.", 87},
		{"The deploy took 40 minutes.", -1},
		{"We waited 30 minutes for the vendor to respond.", -1},
		{"The cache entries expire after 10 minutes.", -1},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := proseDuration(tt.text)
			if !ok {
				got = -1
			}
			if got != tt.want {
				t.Errorf("proseDuration(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestKeyDurationPhrasings(t *testing.T) {
	tests := []struct {
		line string
		want int // -1: none
	}{
		{"Duration of outage: 45 minutes", 45},
		{"Downtime duration: 2 hours", 120},
		{"Duration of impact: 30 minutes", 30},
		{"Length: 45 minutes", 45},
		{"Duration: 1:45", 105},
		{"Duration: 01:45:00", 105},
		{"Total time: 3 hours", 180},
		{"Outage: 2 hours", 120},
		{"Outage: 3 services affected", -1},
		{"Outage: 14:00-15:10 UTC", 70},
		{"Length of the incident: 2d 3h", 3060},
		{"Duration: P1DT2H", 1560},
		{"Duration: PT45M", 45},
		{"Duration: P", -1},
		{"Impact window: 2031-03-01 14:05 UTC - 2031-03-01 15:40 UTC", 95},
		{"Total time to resolution: 3h 12m", 192},
		{"Downtime: ~25 mins", 25},
		{"Duration: 2 hrs 15 mins", 135},
		{"Outage duration: 1 hour, 10 minutes", 70},
		{"Time to mitigate: 20m", 20},
		{"Time to detect: 20m", -1},
		{"User impact: 1h 5m", 65},
		{"Customer impact: checkout failed for some users", -1},
		{"Period of impact: 14:00-14:30", 30},
		{"Period of review: 2 weeks", -1},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := keyDuration(tt.line)
			if !ok {
				got = -1
			}
			if got != tt.want {
				t.Errorf("keyDuration(%q) = %d, want %d", tt.line, got, tt.want)
			}
		})
	}
}

func TestClockAndZoneForms(t *testing.T) {
	tests := []struct {
		in   string
		ctx  dateCtx
		want string // RFC 3339, "" for none
	}{
		{"2031-07-10 14:00 Central Time", dateCtx{}, "2031-07-10T14:00:00-05:00"},
		{"2031-01-10 14:00 Central Time", dateCtx{}, "2031-01-10T14:00:00-06:00"},
		{"2031-07-10 14:00 Central European Time", dateCtx{}, "2031-07-10T14:00:00+02:00"},
		{"2031-01-10 14:00 MEZ", dateCtx{}, "2031-01-10T14:00:00+01:00"},
		{"2031-07-10 14:00 MESZ", dateCtx{}, "2031-07-10T14:00:00+02:00"},
		{"Saturday, 12 July 2031, 18h05 UTC", dateCtx{}, "2031-07-12T18:05:00Z"},
		{"18h05 CEST", dateCtx{y: 2031, mo: 7, d: 12}, "2031-07-12T18:05:00+02:00"},
		{"1h30", dateCtx{y: 2031, mo: 7, d: 12}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _, ok := parseTimeValue(tt.in, tt.ctx)
			s := ""
			if ok {
				s = got.Format("2006-01-02T15:04:05Z07:00")
			}
			if s != tt.want {
				t.Errorf("parseTimeValue(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

// TestStatedWindows checks the ways a document states when the impact
// began and ended: key lines, tables, prose ranges and status updates.
func TestStatedWindows(t *testing.T) {
	tests := []struct {
		name, doc string
		date      string
		duration  int
	}{
		{"date key with a clock range", "# A\n\nDate: 2031-03-08, 14:00–15:30 UTC\n\nThe API failed.\n", "2031-03-08", 90},
		{"date/time key with am/pm", "# A\n\n**Date/Time:** March 8, 2031 2:00pm - 3:30pm PST\n\nThe API failed.\n", "2031-03-08", 90},
		{"table rows", "# A\n\n| Field | Value |\n|---|---|\n| Date | 2031-03-08 |\n| Time | 14:00 - 15:30 UTC |\n\nThe API failed.\n", "2031-03-08", 90},
		{"when key", "# A\n\nWhen: Tuesday, March 8th 2031 from 14:00 to 15:30 CET\n\nThe API failed.\n", "2031-03-08", 90},
		{"prose range", "# A\n\nOn March 8, 2031 from 14:00 to 15:30 UTC, the API failed for users.\n", "2031-03-08", 90},
		{"prose range over midnight", "# A\n\nFrom 2031-03-08 22:00 UTC to 2031-03-09 01:30 UTC, the API was unavailable.\n", "2031-03-08", 210},
		{"am/pm hours over midnight", "# A\n\nThe API was unavailable on March 8, 2031 from 10pm to 1:30am ET.\n", "2031-03-08", 210},
		{"window key over midnight with full stamps", "# A\n\nImpact window: 2031-03-08 22:00 UTC – 2031-03-09 01:30 UTC\n\nThe API failed.\n", "2031-03-08", 210},
		{"outage key with 'to'", "# A\n\nOutage: 2031-03-08 22:00 to 2031-03-09 01:30 UTC\n\nThe API failed.\n", "2031-03-08", 210},
		{"named months on both ends", "# A\n\nTime: March 8, 2031 22:00 - March 9, 2031 01:30 UTC\n\nThe API failed.\n", "2031-03-08", 210},
		{"ISO 8601 duration in frontmatter", "---\ntitle: A\nduration: PT1H30M\n---\n\nThe API failed on 2031-03-08.\n", "2031-03-08", 90},
		{"duration key holding the window", "# A\n\nDuration: 2031-03-08 14:00 UTC to 2031-03-08 15:30 UTC\n", "2031-03-08", 90},
		{"detection and resolution keys only", "# A\n\nThe API failed.\n\nDetected: 2031-03-08 14:10 UTC\n\nResolved: 2031-03-08 15:30 UTC\n", "2031-03-08", 80},
		{"start and end keys", "# A\n\nIncident start: 2031-03-08 14:00 UTC\nIncident end: 2031-03-08 15:30 UTC\n", "2031-03-08", 90},
		{"status page updates", "# A\n\n## Status\n\nResolved\n\nThis incident has been resolved.\n\nPosted Mar 08, 2031 - 15:30 UTC\n\n" +
			"Investigating\n\nWe are investigating errors.\n\nPosted Mar 08, 2031 - 14:00 UTC\n", "2031-03-08", 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("a.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			d := -1
			if r.DurationMinutes != nil {
				d = *r.DurationMinutes
			}
			if r.Date != tt.date || d != tt.duration {
				t.Errorf("date, duration = %s, %d; want %s, %d", r.Date, d, tt.date, tt.duration)
			}
			if r.StartedAt != nil && r.DetectedAt != nil && r.StartedAt.Equal(*r.DetectedAt) && strings.Contains(tt.name, "detection") {
				t.Errorf("started_at %v is only the detection", r.StartedAt)
			}
			if r.StartedAt != nil && r.ResolvedAt != nil && int(r.ResolvedAt.Sub(*r.StartedAt).Minutes()) != d {
				t.Errorf("started %v, resolved %v disagree with duration %d", r.StartedAt, r.ResolvedAt, d)
			}
		})
	}
}

// TestPostDayIsNotTheEntriesDay checks that time-only timeline entries
// of a post take the incident's day, not the day the post was written.
func TestPostDayIsNotTheEntriesDay(t *testing.T) {
	doc := "---\ntitle: API errors\ndate: 2031-05-16\n---\n\nOn May 9th the API returned errors for an hour.\n\n" +
		"## Timeline\n\n- 14:00 UTC errors start\n- 14:20 UTC alert fires\n- 15:00 UTC fix deployed, errors stop\n"
	r, err := Parse("post.md", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if r.Date != "2031-05-09" || r.StartedAt == nil || r.StartedAt.Format("2006-01-02T15:04") != "2031-05-09T14:00" {
		t.Errorf("date %s, started_at %v; want 2031-05-09 at 14:00", r.Date, r.StartedAt)
	}
}

func TestYearlessDates(t *testing.T) {
	tests := []struct {
		name, doc string
		first     string // the first timeline entry's time
		duration  int
	}{
		{"a timeline across new year in a January post",
			"---\ntitle: A\ndate: 2032-01-05\n---\n\n## Timeline\n\n- Dec 31 23:00 UTC: errors begin\n- Jan 1 01:30 UTC: service restored\n",
			"2031-12-31T23:00:00Z", 150},
		{"an abbreviated month with a clock is a date",
			"---\ntitle: A\ndate: 2031-03-20\n---\n\n## Timeline\n\n- Mar 12 09:00 UTC: errors begin\n- Mar 12 09:45 UTC: service restored\n",
			"2031-03-12T09:00:00Z", 45},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("a.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			d := -1
			if r.DurationMinutes != nil {
				d = *r.DurationMinutes
			}
			if len(r.Timeline) == 0 || r.Timeline[0].At != tt.first || d != tt.duration {
				t.Errorf("timeline %+v, duration %d; want first %s, duration %d", r.Timeline, d, tt.first, tt.duration)
			}
		})
	}
	years := []struct {
		mo, d int
		ctx   dateCtx
		want  int
	}{
		{12, 31, dateCtx{y: 2032, mo: 1, d: 5}, 2031},
		{1, 1, dateCtx{y: 2031, mo: 12, d: 31}, 2032},
		{5, 3, dateCtx{y: 2031, mo: 12, d: 20}, 2031},
		{3, 9, dateCtx{y: 2031, mo: 3, d: 8}, 2031},
		{3, 9, dateCtx{y: 2031}, 2031},
		{5, 20, dateCtx{y: 2031, mo: 3, d: 8}, 2031}, // a follow-up weeks later
		{11, 20, dateCtx{y: 2032, mo: 3, d: 2}, 2031},
	}
	for _, tt := range years {
		if got := yearNear(tt.mo, tt.d, tt.ctx); got != tt.want {
			t.Errorf("yearNear(%d, %d, %+v) = %d, want %d", tt.mo, tt.d, tt.ctx, got, tt.want)
		}
	}
}
