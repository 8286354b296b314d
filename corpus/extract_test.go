package corpus

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestClassifyHeading(t *testing.T) {
	tests := []struct {
		h    string
		want sectionKind
	}{
		{"Summary", secSummary}, {"Issue Summary", secSummary}, {"Executive Summary", secSummary},
		{"Overview", secSummary}, {"What Happened?", secSummary},
		{"Incident", secSummary}, {"Impact", secImpact}, {"Customer Impact", secImpact}, {"Fault", secImpact},
		{"Root Cause", secRootCause}, {"Root Causes", secRootCause}, {"Root Cause Analysis", secRootCause},
		{"Contributing Factors", secRootCause}, {"Cause", secRootCause}, {"Why it happened", secRootCause},
		{"Five Whys", secRootCause}, {"But how did this happen?", secRootCause}, {"Why did it occur", secRootCause}, {"5 Whys", secRootCause}, {"Leadup", secRootCause}, {"Root Cause Explanation:", secRootCause},
		{"Trigger", secTrigger}, {"Detection", secDetection}, {"Identified", secDetection},
		{"Resolution", secResolution}, {"Resolution and Recovery", secResolution}, {"Remediation", secResolution},
		{"Mitigation", secResolution}, {"Recovery", secResolution}, {"Response", secResolution},
		{"Action Items", secActions}, {"Preventing recurrence", secActions}, {"How will we do better in the future?", secActions}, {"Our Response", secResolution}, {"Preventing the outage", secOther}, {"Corrective and Preventive Measures", secActions},
		{"Corrective and Preventative Measures:", secActions}, {"Prevention", secActions}, {"Next Steps", secActions},
		{"Follow-ups", secActions}, {"Review actions", secActions}, {"What We're Doing Differently", secActions},
		{"Tasks to Address the Issue:", secActions},
		{"Lessons Learned", secLessons}, {"Lessons learnt", secLessons}, {"Learning & Next Steps", secLessons},
		{"What went well", secLessons}, {"What went wrong", secLessons}, {"Where we got lucky", secLessons},
		{"Timeline", secTimeline}, {"Incident Timeline", secTimeline}, {"Key events", secTimeline},
		{"Chain of events", secTimeline}, {"Timeline (all times Eastern Time)", secTimeline},
		{"3. Root Cause", secRootCause}, {"🔥 Impact", secImpact}, {"Root Cause {#rc}", secRootCause},
		{"Root Cause #", secRootCause}, {"IV. Lessons Learned", secLessons}, {"**Timeline**", secTimeline},
		{"Problems/Timeline", secTimeline}, {"Deployment timeline", secTimeline}, {"Investigation time line", secTimeline},
		{"Appendix", secOther}, {"Kubernetes cluster upgrade", secOther}, {"Attendees", secOther},
		{"Why we missed the timeline", secOther}, {"Improve the release timeline", secOther},
	}
	for _, tt := range tests {
		if got := classifyHeading(tt.h); got != tt.want {
			t.Errorf("classifyHeading(%q) = %d, want %d", tt.h, got, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want int // -1: none
	}{
		{"15 hours and 30 minutes", 930}, {"1 hour and 56 minutes", 116}, {"87 minutes", 87},
		{"2h 2m", 122}, {"47m", 47}, {"~20 minutes", 20}, {"54 hours 10 minutes", 3250},
		{"11 Days", 15840}, {"an hour", 60}, {"half an hour", 30}, {"90 secs", 2},
		{"and then", -1}, {"N/A", -1}, {"?", -1}, {"a few minutes", -1}, {"2 h as", -1},
	}
	for _, tt := range tests {
		got, ok := parseDuration(tt.in, true)
		if !ok {
			got = -1
		}
		if got != tt.want {
			t.Errorf("parseDuration(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	keys := []struct {
		line string
		want int
	}{
		{"Total duration: 1 hour and 56 minutes", 116}, {"- Time to recovery: 87 minutes", 87},
		{"Time to repair: 2h 2m", 122}, {"Duration: 45", 45}, {"Time to recovery: N/A", -1},
		{"Duration:", -1}, {"The duration was long", -1}, {"Outage window: 10:00–11:30 UTC", 90},
		{"Total outage time: 2 hours", 120},
	}
	for _, tt := range keys {
		got, ok := keyDuration(tt.line)
		if !ok {
			got = -1
		}
		if got != tt.want {
			t.Errorf("keyDuration(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
	prose := []struct {
		text string
		want int
	}{
		{"This outage lasted for 15 hours and 30 minutes - most of that time", 930},
		{"which led to a total downtime of 47 minutes for users", 47},
		{"The API was completely down for approximately 2 hours and 30 minutes.", 150},
		{"and appeared to recover itself in 20 minutes.", 20},
		{"Back to normal after ~1hr of total downtime.", 60},
		{"This caused a 45-minute outage for EU customers.", 45},
		{"It took us about 40 minutes to restore service.", 40},
		{"Between 14:02 and 14:51 UTC, webhook deliveries failed.", 49},
		{"From 23:30 to 00:15 the API returned errors.", 45},
		{"The maintenance window is 10:00-12:00 every Sunday.", -1},
		{"We will fix this in the next sprint.", -1},
		{"Between approximately 2024-03-02 22:10 UTC and 2024-03-03 01:40 UTC the site could not be reached.", 210},
		{"From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC, search returned errors.", 4260},
		{"Between 3 March at 09:10 and 3 March at 11:40 UTC the dashboard was unavailable.", 150},
		{"From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC we ran the new index in shadow mode.", -1},
		{"Block production was halted for about 4 and a half hours.", 270},
		{"For roughly two days, nobody could sign in.", 2880},
		{"The outage lasted an hour and a half.", 90},
		{"Logins failed for approximately 79 minutes.", 79},
		{"Builds were broken for about 2h 32m in total.", 152},
		{"The release build takes about 40 minutes.", -1},
		{"Uploads were unavailable, about 25 minutes in all.", 25},
		{"Mirrors were broken for about two weeks.", 20160},
		{"Mirrors were refreshed for about two weeks.", -1},
		{"On 3 May there was approximately 40 minutes of partial availability for the portal.", 40},
		{"Users saw about 25 minutes of reduced service.", 25},
		{"We keep 30 minutes of availability data in memory.", -1},
		// "went quiet", "unresponsive": the sentence is about the impact
		{"From **May 26 at 16:22 UTC** until **May 27 at 14:08 UTC**, the chat bot went quiet in every channel.", 1306},
		{"In total the service was slow and partially unresponsive for 2h 10m.", 130},
		{"From May 26 at 16:22 UTC until May 27 at 14:08 UTC, we reviewed the chat bot's code.", -1},
	}
	for _, tt := range prose {
		got, ok := proseDuration(tt.text)
		if !ok {
			got = -1
		}
		if got != tt.want {
			t.Errorf("proseDuration(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestParseTimeValue(t *testing.T) {
	ctx := dateCtx{y: 2021, mo: 2, d: 1}
	tests := []struct {
		in   string
		ctx  dateCtx
		want string // RFC 3339, "" for none
	}{
		{"2024-01-21 11:00 GMT", dateCtx{}, "2024-01-21T11:00:00Z"},
		{"2024-05-27 at11:02 AM EST", dateCtx{}, "2024-05-27T11:02:00-04:00"},
		{"At 00:49 UTC on the 4th October 2024", dateCtx{}, "2024-10-04T00:49:00Z"},
		{"Feb 01, 2021 - 17:00 UTC", dateCtx{}, "2021-02-01T17:00:00Z"},
		{"2017-11-30 16:22 PST", dateCtx{}, "2017-11-30T16:22:00-08:00"},
		{"2023-06-14T09:12:00+02:00", dateCtx{}, "2023-06-14T09:12:00+02:00"},
		{"10:38pm on Sunday 31st January", ctx, "2021-01-31T22:38:00Z"},
		{"4:08pm UTC", ctx, "2021-02-01T16:08:00Z"},
		{"12:19 AM", dateCtx{y: 2016, mo: 8, d: 5, zoneName: "ET"}, "2016-08-05T00:19:00-04:00"},
		{"August 8 9:52 AM", dateCtx{y: 2016, zoneName: "EASTERN"}, "2016-08-08T09:52:00-04:00"},
		{"2020-03-01 10:00 CET", dateCtx{}, "2020-03-01T10:00:00+01:00"},
		{"2020-07-01 10:00 CEST", dateCtx{}, "2020-07-01T10:00:00+02:00"},
		{"2020-07-01 10:00 BST", dateCtx{}, "2020-07-01T10:00:00+01:00"},
		{"2020-07-01 10:00 IST", dateCtx{}, "2020-07-01T10:00:00+05:30"},
		{"2020-07-01 10:00 UTC+2", dateCtx{}, "2020-07-01T10:00:00+02:00"},
		{"2020-07-01 10:00 -0700", dateCtx{}, "2020-07-01T10:00:00-07:00"},
		{"2020-07-01 13:45 EDT", dateCtx{}, "2020-07-01T13:45:00-04:00"},
		{"2020-07-01 1:45 PM PDT", dateCtx{}, "2020-07-01T13:45:00-07:00"},
		{"12:30", dateCtx{}, ""},
		{"2018-04-18 13:30-13:45", dateCtx{}, "2018-04-18T13:30:00Z"},
		{"2018-04-18 13:30 -0700", dateCtx{}, "2018-04-18T13:30:00-07:00"},
		{"2018-04-18 13:30:00-07:00", dateCtx{}, "2018-04-18T13:30:00-07:00"},
		{"31/01/2024 10:00 UTC", dateCtx{}, "2024-01-31T10:00:00Z"},
		{"01/31/2024 10:00 UTC", dateCtx{}, "2024-01-31T10:00:00Z"},
		{"1600 UTC", dateCtx{}, ""},
		{"yes", dateCtx{}, ""},
		{"2020-02-30", dateCtx{}, ""},
	}
	for _, tt := range tests {
		got, _, ok := parseTimeValue(tt.in, tt.ctx)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parseTimeValue(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"a.md", "plain words", FormatMarkdown},
		{"a.txt", "# Heading\n\ntext", FormatText},
		{"a.html", "<!DOCTYPE html><html><body><p>x</p></body></html>", FormatHTML},
		{"a.md", "<html><body><p>x</p></body></html>", FormatHTML},
		{"noext", "# Title\n\n## Summary\n\n- item\n", FormatMarkdown},
		{"noext", "Just a note\nwith lines\n", FormatText},
		{"noext", "<div><p>one</p><p>two</p><p>three</p></div>", FormatHTML},
		{"x.html.md.erb", "---\ntitle: t\n---\n## A\n", FormatMarkdown},
		{"notes.txt", "I think <b>this</b> matters", FormatText},
	}
	for _, tt := range tests {
		if got := detectFormat(tt.name, tt.body); got != tt.want {
			t.Errorf("detectFormat(%q, %q) = %s, want %s", tt.name, tt.body, got, tt.want)
		}
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in  string
		key, val  string
		bodyStart string
	}{
		{"yaml", "---\nTitle: A\n---\nbody", "title", "A", "body"},
		{"toml", "+++\ntitle = \"B\"\n+++\nbody", "title", "B", "body"},
		{"json", "{\"title\": \"C\"}\n\nbody", "title", "C", "body"},
		{"yaml with dots end", "---\ntitle: D\n...\nbody", "title", "D", "body"},
		{"unclosed", "---\ntitle: E\n\n# body", "title", "E", "# body"},
		{"none", "# body\n---\n", "", "", "# body"},
		{"horizontal rule only", "---\n\n# body", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, _ := splitFrontMatter(tt.in)
			if tt.key != "" && fm.str(tt.key) != tt.val {
				t.Errorf("fm[%s] = %q, want %q (fm %v)", tt.key, fm.str(tt.key), tt.val, fm)
			}
			if !strings.HasPrefix(strings.TrimLeft(body, "\n"), tt.bodyStart) {
				t.Errorf("body = %q, want it to start with %q", body, tt.bodyStart)
			}
		})
	}
}

func TestJoinBrokenLines(t *testing.T) {
	in := strings.Split("We found an issue\nwith tuns\n(our instance of sish\n).\nRoot Cause #\nthe cause\n- Offline:\n2024-05-27\nat11:02 AM EST\nNext sentence.\nAnother one.", "\n")
	got := joinBrokenLines(in)
	want := []string{"We found an issue with tuns (our instance of sish).", "Root Cause #", "the cause",
		"- Offline: 2024-05-27 at11:02 AM EST", "Next sentence.", "Another one."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("joinBrokenLines =\n%q\nwant\n%q", got, want)
	}
}

func TestTextHeadings(t *testing.T) {
	blocks := textBlocks("Root Cause:\nA disk filled up.\n## Timeline\n15:00 GMT: Alert fired\nResolution: restarted the service\nIssue Summary\n\nThe service was down for everyone for most of the day.\n" +
		"Lessons learned\n===============\n\nSmall things.\n")
	var heads []string
	for _, b := range blocks {
		if b.kind == blockHeading {
			heads = append(heads, b.text)
		}
	}
	want := []string{"Root Cause", "Timeline", "Resolution", "Issue Summary", "Lessons learned"}
	if strings.Join(heads, "|") != strings.Join(want, "|") {
		t.Errorf("headings = %q, want %q", heads, want)
	}
}

func TestSplitClockEntries(t *testing.T) {
	segs := splitClockEntries(" We discovered Staging outage 2:30 PM – 9:00 PM: Multiple failed restarts 5:00 PM: Staging is up")
	if len(segs) != 3 || strings.TrimSpace(segs[0].text) != "We discovered Staging outage" ||
		!strings.HasPrefix(segs[1].raw, "2:30 PM") || strings.TrimSpace(segs[2].text) != "Staging is up" {
		t.Errorf("splitClockEntries = %+v", segs)
	}
}

func TestCausalSentences(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"connectives", "Users saw errors. This was caused by a full disk. We fixed it. The retry storm happened because of a bug.",
			"This was caused by a full disk. The retry storm happened because of a bug."},
		{"a qualified cause", "Builds stalled for a day. The likely cause was a stuck queue consumer.", "The likely cause was a stuck queue consumer."},
		{"an investigation's finding", "Uploads appeared from forks. A quick investigation revealed that the runner passed secrets to forked builds.",
			"A quick investigation revealed that the runner passed secrets to forked builds."},
		{"what we found", "We later found that the cron job had run twice.", "We later found that the cron job had run twice."},
		{"an unknown cause", "The cause is still unknown. We are watching the error rate.", ""},
		{"an unknown cause beside a guess", "The root cause is not yet determined, although a change last week may have contributed.", ""},
		{"we do not know why", "We don't know why the workers stopped, which led to the backlog.", ""},
		{"a determined cause", "Reports came in all week. Eventually the outage was determined to be a change to the directory settings.",
			"Eventually the outage was determined to be a change to the directory settings."},
		{"an attributed cause", "Latency rose at noon. It is attributed to a noisy neighbour on the host.", "It is attributed to a noisy neighbour on the host."},
		{"no cause", "Builds were slow. We restarted the runners.", ""},
		{"a fault uncovered", "An external audit uncovered a misconfigured runner that exposed the upload token.",
			"An external audit uncovered a misconfigured runner that exposed the upload token."},
		{"a bug found", "Engineers found a race condition in the lock manager.", "Engineers found a race condition in the lock manager."},
		{"a finding that is no fault", "We found the dashboard useful during the response.", ""},
		{"guesses beside an unknown cause", "The cause is yet unknown. The new worker pool might be involved, because it changed that week.", ""},
		{"a hedge with a known cause", "The outage was caused by a full disk. Perhaps alerts would have helped because we missed it.",
			"The outage was caused by a full disk. Perhaps alerts would have helped because we missed it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := causalSentences(tt.text); got != tt.want {
				t.Errorf("causalSentences = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestGuessedCauses checks that the guesses dropped from the stated cause
// are kept as a hint for the classifier.
func TestGuessedCauses(t *testing.T) {
	text := "The cause is yet unknown. The new worker pool might be involved, because it changed that week."
	if got, want := guessedCauses(text), "The new worker pool might be involved, because it changed that week."; got != want {
		t.Errorf("guessedCauses = %q, want %q", got, want)
	}
}

// TestStrongCausalSentences checks the plain cause statements trusted in
// timelines and action items, and the weaker connectives not trusted there.
func TestStrongCausalSentences(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"primary cause of", "The primary cause of these errors is a leaked connection pool.", "The primary cause of these errors is a leaked connection pool."},
		{"root cause was", "The root cause was an expired certificate.", "The root cause was an expired certificate."},
		{"caused by after a comma", "Users report the API is down, caused by a stale cache.", "Users report the API is down, caused by a stale cache."},
		{"a weak connective", "Restarted the workers because the queue was long.", ""},
		{"a cause never found", "I have seen this before but never found a root cause.", ""},
		{"an unknown root cause", "The root cause is still unknown.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strongCausalSentences(tt.text); got != tt.want {
				t.Errorf("strongCausalSentences = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCauseFromTimeline checks that a cause noted only in a timeline entry
// is the record's root cause, and that a timeline without one gives none.
func TestCauseFromTimeline(t *testing.T) {
	tests := []struct {
		name, doc string
		want      bool
	}{
		{"noted in an entry", "# Queue stall\n\nJobs stalled.\n\n## Timeline\n\n- 2031-01-02 10:00 UTC: jobs stall\n- 2031-01-02 11:00 UTC: the stall was caused by a full disk on the broker\n", true},
		{"no cause in entries", "# Queue stall\n\nJobs stalled.\n\n## Timeline\n\n- 2031-01-02 10:00 UTC: jobs stall\n- 2031-01-02 11:00 UTC: restarted because it was slow\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("stall.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if got := rec.RootCause != ""; got != tt.want {
				t.Errorf("root cause = %q, want one: %v", rec.RootCause, tt.want)
			}
		})
	}
}

// TestIdentifiedCause checks the cause read from a status page's
// "Identified" update when no sentence of the prose names one.
func TestIdentifiedCause(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"a finding", "*Investigating* - We are looking into errors.\n\n*Identified* - The provider enabled packet filtering on our uplinks without notice.\n\n*Resolved* - All good.",
			"The provider enabled packet filtering on our uplinks without notice."},
		{"stock sentences only", "Identified - The issue has been identified and a fix is being implemented.\n\nResolved - Fixed.", ""},
		{"stock sentence beside a finding", "Identified: The issue has been identified. A storage node ran out of inodes. We are working on a fix.",
			"A storage node ran out of inodes."},
		{"no identified update", "Investigating - Errors on the API.\n\nResolved - Fixed.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := identifiedCause(markdownBlocks(newMarkdown(), []byte(tt.text))); got != tt.want {
				t.Errorf("identifiedCause = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDeclaredCauses checks which frontmatter categories count as the
// document's declared root causes and which are a website's sections,
// kept as tags for the model to decide the cause.
func TestDeclaredCauses(t *testing.T) {
	tests := []struct {
		name, front string
		source      string // of the first category
		first       string // its name when declared
		tags        []string
	}{
		{"taxonomy names", "categories: [network, dns]", SourceFrontmatter, "network", nil},
		{"an alias", "category: networking", SourceFrontmatter, "network", nil},
		{"a name in a blog post", "layout: post\ncategories: [network]", SourceFrontmatter, "network", nil},
		{"a blog section that is an alias", "layout: post\ncategory: deployments", SourceModel, "", []string{"deployments"}},
		{"blog topics", "layout: post\ncategories: [databases, people, culture]", SourceModel, "", []string{"databases", "people", "culture"}},
		{"unknown values beside a name", "categories: [outage, dns]", SourceFrontmatter, "dns", []string{"outage"}},
		{"free-text root cause", "root_cause: the disk filled up with logs", SourceFrontmatter, "storage", nil},
	}
	body := "\n# Checkout errors\n\n## Root cause\n\nA bug in the retry loop of the checkout service sent every request twice, and the code path had no test.\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("post.md", strings.NewReader("---\n"+tt.front+"\n---\n"+body))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Categories) == 0 {
				t.Fatal("no categories")
			}
			c := rec.Categories[0]
			if c.Source != tt.source || tt.first != "" && c.Name != tt.first {
				t.Errorf("first category %s from %s, want %q from %s", c.Name, c.Source, tt.first, tt.source)
			}
			if tt.source == SourceModel && c.Name != "software-bug" {
				t.Errorf("model's category %s, want software-bug from the text", c.Name)
			}
			for _, tag := range tt.tags {
				if !slices.Contains(rec.Tags, tag) {
					t.Errorf("tags %v lack the site section %q", rec.Tags, tag)
				}
			}
		})
	}
}

func ExampleParse() {
	doc := `---
title: Payment webhooks delayed
date: 2024-03-12
categories: [deploy]
---
## Summary

Webhooks were delayed for 40 minutes after a worker deploy.

## Timeline

- 14:02 UTC: deploy finishes, retries start piling up
- 14:42 UTC: deploy rolled back

## Action Items

- [x] Roll back the worker https://tracker.example.com/issues/12
- [ ] Cap retries per message
`
	rec, err := Parse("payments/2024-03-12-webhooks.md", strings.NewReader(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.ID)
	fmt.Println(rec.Title, "|", rec.Date, "|", *rec.DurationMinutes, "minutes |", rec.PrimaryCategory())
	for _, e := range rec.Timeline {
		fmt.Println(e.At, e.Text)
	}
	for _, a := range rec.ActionItems {
		fmt.Println(a.Done, a.Text, a.Link)
	}
	// Output:
	// payments-2024-03-12-webhooks
	// Payment webhooks delayed | 2024-03-12 | 40 minutes | deploy
	// 2024-03-12T14:02:00Z deploy finishes, retries start piling up
	// 2024-03-12T14:42:00Z deploy rolled back
	// true Roll back the worker https://tracker.example.com/issues/12
	// false Cap retries per message
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"md_frontmatter.md", "md_setext.md", "text_keylines.txt", "status_page.txt", "wiki.html", "scraped.txt"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, b)
	}
	f.Add("x.md", []byte("---\ntitle: [\n"))
	f.Add("x.txt", []byte("Posted Feb 01, 2021 - 17:00 UTC\nResolved\n"))
	p, err := NewParser(Config{MaxBytes: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		rec, err := p.Parse(name, strings.NewReader(string(data)))
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the document %q", err, name)
			}
			return
		}
		if rec.ContentHash != HashContent(data) {
			t.Error("content hash mismatch")
		}
		if rec.ID == "" {
			t.Error("empty ID")
		}
		if rec.DurationMinutes != nil && (*rec.DurationMinutes < 0 || *rec.DurationMinutes > maxDurationMinutes) {
			t.Errorf("duration out of range: %d", *rec.DurationMinutes)
		}
		if rec.Timeline == nil || rec.ActionItems == nil || rec.Categories == nil || rec.Services == nil {
			t.Error("nil slice in record")
		}
		if strings.Contains(rec.Body, "<script") && !strings.Contains(string(data), "&lt;script") && rec.Format == FormatHTML {
			t.Error("script markup in body")
		}
	})
}

// BenchmarkParse parses a typical 4.5 KB Markdown postmortem with the
// default taxonomy (tagging included).
func BenchmarkParse(b *testing.B) { benchParse(b, DefaultConfig()) }

// BenchmarkParseNoTagging measures the ingester alone: the same document
// with a taxonomy that has no rules.
func BenchmarkParseNoTagging(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Taxonomy = &Taxonomy{}
	benchParse(b, cfg)
}

func benchParse(b *testing.B, cfg Config) {
	doc, err := os.ReadFile("testdata/md_frontmatter.md")
	if err != nil {
		b.Fatal(err)
	}
	p, err := NewParser(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse("bench.md", strings.NewReader(string(doc))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func TestMarkdownBlocks(t *testing.T) {
	src := "Title\n=====\n\n<details>\n<summary>Root cause detail</summary>\n\nThe cache was <b>cold</b>.\n</details>\n\n<script>alert(1)</script>\n\n" +
		"- **Impact**: slow pages\n  - nested [link](https://x.example/1)\n- [x] done item\n\n| Time | Event |\n|---|---|\n| 10:00 | start |\n\n```\ncode here\n```\n"
	blocks := markdownBlocks(newMarkdown(), []byte(src))
	var got []string
	for _, b := range blocks {
		s := fmt.Sprintf("%d:%d:%s", b.kind, b.level, b.text)
		if b.bold != "" {
			s += " bold=" + b.bold
		}
		if b.checked >= 0 {
			s += fmt.Sprintf(" checked=%d", b.checked)
		}
		if len(b.links) > 0 {
			s += " links=" + strings.Join(b.links, ",")
		}
		got = append(got, s)
	}
	want := []string{
		"1:1:Title",
		"0:0:Root cause detail",
		"0:0:The cache was cold.",
		"2:1:Impact: slow pages bold=Impact",
		"2:2:nested link links=https://x.example/1",
		"2:1:done item checked=1",
		"3:0:Time | Event",
		"3:0:10:00 | start",
		"4:0:code here",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("markdownBlocks =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCommonHeadings(t *testing.T) {
	for h, want := range commonHeadings {
		if got := classifyByRules(h); got != want {
			t.Errorf("commonHeadings[%q] = %d but the rules say %d", h, want, got)
		}
	}
}

func TestMailOrg(t *testing.T) {
	tests := map[string]string{
		"Sofia Alvarez <sofia.alvarez@quillstack.example>": "Quillstack",
		"ops@mail.acme.co.uk":                              "Acme",
		"someone@gmail.com":                                "",
		"no address":                                       "",
	}
	for in, want := range tests {
		if got := mailOrg(in); got != want {
			t.Errorf("mailOrg(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripInlineMarkdown(t *testing.T) {
	got, links := stripInlineMarkdown("see [the PR](https://x.example/pull/1), **bold** and `code` ![img](a.png)")
	if got != "see the PR, bold and code " || len(links) != 1 || links[0] != "https://x.example/pull/1" {
		t.Errorf("stripInlineMarkdown = %q, %v", got, links)
	}
}

func TestProseSeverity(t *testing.T) {
	tests := map[string]string{
		"We declared a SEV-1 incident at 10:02.": "SEV-1",
		"This was handled as a Sev2.":            "Sev2",
		"A P1 incident was opened.":              "P1",
		"Several servers failed.":                "",
		"P1 of the plan":                         "",
	}
	for in, want := range tests {
		if got := proseSeverity([]block{{kind: blockPara, text: in}}); got != want {
			t.Errorf("proseSeverity(%q) = %q, want %q", in, got, want)
		}
	}
}
