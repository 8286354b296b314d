package corpus

import (
	"strings"
	"testing"
)

func TestMarkupFormats(t *testing.T) {
	tests := []struct {
		name, file, text string
		title            string
		date             string
		actions          int
		done             int
		timeline         int
		noBody           string
	}{
		{
			name: "asciidoc", file: "2024-02-02-queue.adoc",
			text: "= Queue workers stopped consuming\n:revdate: 2024-02-01\n:toc:\n\n== Summary\n\nWorkers stopped for 35 minutes after a broker failover.\n\n" +
				"== Timeline\n\n* 2024-02-01 10:00 UTC broker failover\n* 2024-02-01 10:35 UTC workers reconnect\n\n[NOTE]\n.Follow-up owners\n" +
				"== Action items\n\n. Reconnect workers on failover\n. Alert on queue depth\n.. with a runbook link\n\n----\nnot an item\n----\n",
			title: "Queue workers stopped consuming", date: "2024-02-01", actions: 2, timeline: 2, noBody: ":toc:",
		},
		{
			name: "rst", file: "outage.rst",
			text: "=============================\nMirror sync stalled for a day\n=============================\n\n.. contents::\n\nSummary\n=======\n\n" +
				"On 2023-05-09 the mirror sync stalled.\n\nAction items\n============\n\n#. Alert on sync age\n#. Document the restart\n\nNotes\n-----\n\nNothing else.\n",
			title: "Mirror sync stalled for a day", date: "2023-05-09", actions: 2, noBody: "contents::",
		},
		{
			name: "mdx", file: "2022-07-07-dns.mdx",
			text: "import Callout from '@site/src/Callout';\nimport {Chart} from \"../chart\";\n\nexport const meta = {\n  title: 'Resolver timeouts in one region',\n  tags: ['dns'],\n};\n\n" +
				"## Summary\n\nOn July 6, 2022 resolvers timed out.\n\n## Action items\n\n- [x] Add a second resolver\n- [ ] Alert on timeouts\n",
			title: "Resolver timeouts in one region", date: "2022-07-06", actions: 2, done: 1, noBody: "import",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tt.title {
				t.Errorf("title = %q, want %q", rec.Title, tt.title)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q, want %q", rec.Date, tt.date)
			}
			done := 0
			for _, a := range rec.ActionItems {
				if a.Done {
					done++
				}
			}
			if len(rec.ActionItems) != tt.actions || done != tt.done {
				t.Errorf("actions = %d (%d done), want %d (%d done): %+v", len(rec.ActionItems), done, tt.actions, tt.done, rec.ActionItems)
			}
			if len(rec.Timeline) != tt.timeline {
				t.Errorf("timeline = %d entries, want %d: %+v", len(rec.Timeline), tt.timeline, rec.Timeline)
			}
			if strings.Contains(rec.Body, tt.noBody) {
				t.Errorf("body holds %q:\n%s", tt.noBody, rec.Body)
			}
		})
	}
}

func TestMalformedFrontMatterFallsBack(t *testing.T) {
	tests := []struct {
		name, text      string
		title, severity string
		warning         string
		date            string
	}{
		{
			name:  "unclosed bracket",
			text:  "---\ntitle: Queue stall\nseverity: [SEV1\ndate: 2024-02-03\n---\n# Queue stall on the ingest path\n\nSeverity: SEV2\n\nWorkers stopped.\n",
			title: "Queue stall", severity: "SEV2", warning: "bad.md:3: malformed frontmatter value for \"severity\" (unclosed bracket)", date: "2024-02-03",
		},
		{
			name:  "unclosed quote in the title",
			text:  "---\ntitle: \"Queue stall\nowner: ops\n---\n# Queue stall on the ingest path\n\nWorkers stopped on 2024-02-03.\n",
			title: "Queue stall on the ingest path", warning: "bad.md:2: malformed frontmatter value for \"title\" (unclosed quote)", date: "2024-02-03",
		},
		{
			// no metadata between the dashes: rules around the report
			name: "dashes around the whole document",
			text: "---\n\n# Boot loop after the kernel update\n\nDate: 2031-06-10\n**Severity:** P2\n\n## Summary\n\n" +
				"The laptop would not boot because the new initramfs lacked the disk unlock module.\n\n---\n",
			title: "Boot loop after the kernel update", severity: "P2", date: "2031-06-10",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("bad.md", strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tt.title {
				t.Errorf("title = %q, want %q", rec.Title, tt.title)
			}
			if rec.Severity != tt.severity {
				t.Errorf("severity = %q, want %q", rec.Severity, tt.severity)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q, want %q", rec.Date, tt.date)
			}
			if tt.warning == "" && len(rec.Warnings) > 0 {
				t.Errorf("warnings = %q, want none", rec.Warnings)
			}
			if tt.warning != "" && (len(rec.Warnings) != 1 || !strings.HasPrefix(rec.Warnings[0], tt.warning)) {
				t.Errorf("warnings = %q, want one starting %q", rec.Warnings, tt.warning)
			}
		})
	}
}

func TestTitleForms(t *testing.T) {
	tests := []struct{ name, text, title, org string }{
		{"summary line", "INCIDENT SUMMARY: Ledger writes rejected\n\nOn 2024-01-02 writes failed.\n", "Ledger writes rejected", ""},
		{"status page", "# Elevated API errors\n\nIncident Report for Otterline\n\nResolved\n", "Elevated API errors", "Otterline"},
		{"report-for title is no organisation", "# Incident report for the March outage\n\nText on 2024-03-02.\n", "Incident report for the March outage", ""},
		{"no H1: first real heading, not a part's name", "## Data\n\nnumbers\n\n## Cache nodes evicted under load\n\nText.\n", "Cache nodes evicted under load", ""},
		{"label headings are no title", "## Engineering:\n\n- add tests\n\n### Search index rebuilt twice\n\nText.\n", "Search index rebuilt twice", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tt.title || rec.Organization != tt.org {
				t.Errorf("title, org = %q, %q; want %q, %q", rec.Title, rec.Organization, tt.title, tt.org)
			}
		})
	}
}

func TestActionItemForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // item texts, "+" prefix for done
	}{
		{"plain line list", "# T\n\n## Action items\n\nAdd an alert on queue depth\nDocument the failover\nRehearse the restore\n",
			[]string{"Add an alert on queue depth", "Document the failover", "Rehearse the restore"}},
		{"wrapped prose is one item", "# T\n\n## Action items\n\nWe will add an alert on queue depth so that\nthe on-call engineer sees it first.\n",
			[]string{"We will add an alert on queue depth so that the on-call engineer sees it first."}},
		{"sub-headings sort the items", "# T\n\n## Action items\n\n### Detection\n\n- Alert on lag\n\n### Mitigation\n\n- Add a kill switch\n\n## Appendix\n\n- not an item\n",
			[]string{"Alert on lag", "Add a kill switch"}},
		{"status prefixes and marks", "# T\n\n## Follow-ups\n\n- [DONE] Rotate keys\n- [OPEN] Audit tokens\n- ~~Remove old host~~\n- Patch the parser (Done.)\n- Ship the fix ✅\n- https://example.com/tracker\n- We apologize for the trouble.\n",
			[]string{"+Rotate keys", "Audit tokens", "+Remove old host", "+Patch the parser (Done.)", "+Ship the fix ✅"}},
		{"status column", "# T\n\n## Action items\n\n| Action | Owner | Status |\n|---|---|---|\n| Add alert | ops | Done |\n| Add runbook | ops | Open |\n",
			[]string{"+Add alert | ops", "Add runbook | ops"}},
		{"html list with check marks", "# T\n\n## Action items\n\n<ul>\n<li>[x] Rotate keys</li>\n<li>[ ] Audit tokens</li>\n</ul>\n",
			[]string{"+Rotate keys", "Audit tokens"}},
		{"list introduced by a paragraph", "# T\n\n## What happened\n\nThe disk filled.\n\nTo prevent this from happening again, we have made these changes:\n\n1. Alert at 80% disk\n2. Rotate logs daily\n",
			[]string{"Alert at 80% disk", "Rotate logs daily"}},
		{"prose follow-ups", "# T\n\n## Next steps\n\nThe cache was flushed. We will add a guard to the flush command. We plan to rehearse restores monthly.\n",
			[]string{"We will add a guard to the flush command.", "We plan to rehearse restores monthly."}},
		{"prevention stated in prose", "# T\n\nThe queue consumer hung. We want to explain what we are doing to avoid similar problems.\n\nWe've added a liveness probe to the consumer to prevent this from happening again.\n",
			[]string{"We've added a liveness probe to the consumer to prevent this from happening again."}},
		{"section pointing at the tracker", "# T\n\n## Action Items\n\nhttps://github.com/o/r/issues?q=label%3Afollowup\n\n## Lessons\n\n- https://example.com/x\n",
			[]string{"Follow-ups tracked in the issue tracker"}},
		{"preventing recurrence heading", "# T\n\n## Preventing recurrence\n\n- Alert on expiry\n",
			[]string{"Alert on expiry"}},
		{"our response is the fallback", "# T\n\n## Our Response\n\n- Rotated every token\n- Rebuilt the packages\n\n## What did we learn?\n\nA lot.\n",
			[]string{"Rotated every token", "Rebuilt the packages"}},
		{"an email signature ends the list", "# T\n\n## Action items\n\nAdd an alert on link state\nTest the VPN path\n\nThanks to Ana for the late night.\n\n-- Sam\n",
			[]string{"Add an alert on link state", "Test the VPN path"}},
		{"timeline steps are no follow-ups", "# T\n\n## Timeline\n\n- 10:00 We restarted the consumer to prevent this from happening again.\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actionTexts(t, "doc.md", tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestHTMLBoldSectionLines: in HTML, a line between <br>s or a paragraph
// that only names a section (in bold, as editors export it) starts that
// section; time-stamped lines under it are entries of their own; a
// status page's update labels are no sections.
func TestHTMLBoldSectionLines(t *testing.T) {
	page := `<html><body><h1>Mirror outage</h1>
<p><span><strong>Timeline</strong></span><br /><span><strong>0900 UTC 2024-03-05 -</strong> disk alarm</span><br /><span><strong>1130 UTC 2024-03-05 -</strong> service restored</span><br /></p>
<p><strong>To Do:</strong></p>
<ul><li>Alert on disk health</li><li>Replace the mirror host</li></ul>
<div><strong>Resolved</strong></div><p>All good now.</p>
</body></html>`
	rec, err := Parse("doc.html", strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, a := range rec.ActionItems {
		items = append(items, a.Text)
	}
	if strings.Join(items, "|") != "Alert on disk health|Replace the mirror host" {
		t.Errorf("action items %q", items)
	}
	if len(rec.Timeline) != 2 {
		t.Errorf("timeline %+v, want 2 entries", rec.Timeline)
	}
	if rec.Resolution != "" {
		t.Errorf("resolution %q: a status label is no section", rec.Resolution)
	}
}

// TestOpeningWeekday: a post dated only by its publication day whose
// opening prose names the weekday it happened on dates the incident to
// that weekday in the week up to publication; a weekday that says when
// it was found does not.
func TestOpeningWeekday(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"started on a weekday", "It all started on Monday evening when the queue backed up.", "2024-03-04"},
		{"it's a weekday", "It's Saturday evening. The pager goes off.", "2024-03-02"},
		{"same weekday as publication", "So Thursday morning we got a report of slow builds.", "2024-03-07"},
		{"found on a weekday", "The job failed and this was not discovered until Monday morning.", "2024-03-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\ntitle: Queue outage\ndate: 2024-03-07\n---\n\n" + tt.body + "\n"
			rec, err := Parse("post.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.want {
				t.Errorf("date = %s, want %s", rec.Date, tt.want)
			}
		})
	}
}

// TestProseClockTimeline: a document with no timeline whose narrative
// says at what times things happened gets those sentences as its
// timeline (two at least) and their span as its duration.
func TestProseClockTimeline(t *testing.T) {
	tests := []struct {
		name, body string
		entries    int
		duration   int
	}{
		{"two times", "At **11:32** we deployed a new version. The workers crashed.\n\nWe reverted, and at 11:58 the server was up again.", 2, 26},
		{"one time is no timeline", "At 11:32 we deployed a new version and it broke.", 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\ntitle: Deploy broke the workers\ndate: 2024-03-07\n---\n\n" + tt.body + "\n"
			rec, err := Parse("post.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Timeline) != tt.entries {
				t.Errorf("timeline %+v, want %d entries", rec.Timeline, tt.entries)
			}
			got := durationOr(rec, -1)
			if got != tt.duration {
				t.Errorf("duration %d, want %d", got, tt.duration)
			}
		})
	}
}
