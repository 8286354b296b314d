package corpus

import (
	"strings"
	"testing"
)

// TestQuestionAnswerTemplates covers incident templates that ask their
// fields as questions and answer each in a nested item or on the next
// line: the answer is the value, and the question itself is never the
// root cause.
func TestQuestionAnswerTemplates(t *testing.T) {
	tests := []struct {
		name, file, doc string
		cause           string // a substring the root cause must hold; "" wants none
		notCause        string // a substring it must not hold
		duration        int
	}{
		{
			name: "nested text bullets",
			file: "2030-02-11-mail-relay.txt",
			doc: "Mail relay outage\n\nSummary\n\n  • Which services were affected?\n    • outbound mail\n" +
				"  • How long was there a visible outage?\n    • 35 minutes\n" +
				"  • Was it caused by human error, load or something else?\n    • A full queue partition on the relay host\n" +
				"  • Was the incident made worse by anyone?\n    • No\n",
			cause:    "full queue partition",
			notCause: "human error",
			duration: 35,
		},
		{
			name: "nested markdown bullets",
			file: "2030-03-02-builds.md",
			doc: "# Builds stuck\n\n## Summary\n\n- How long did the outage last?\n  - Builds queued for 2 hours and 10 minutes.\n" +
				"- What was the root cause?\n  - The runner image lost its registry credentials after a rotation.\n",
			cause:    "registry credentials",
			duration: 130,
		},
		{
			name:     "answer on the next line",
			file:     "2030-04-09-search.md",
			doc:      "# Search index lag\n\n**What caused the incident?**\nA mapping change made every document reindex at once.\n\n**How long was search degraded?**\nAbout 50 minutes.\n",
			cause:    "mapping change",
			duration: 50,
		},
		{
			name:  "answer after the question mark",
			file:  "2030-05-01-cdn.md",
			doc:   "# CDN errors\n\nThe edge returned errors to some visitors.\n\nWhat was the root cause? An origin pool pointed at a retired host.\n",
			cause: "retired host",
		},
		{
			name:     "yes before the answer is dropped",
			file:     "2030-06-12-wiki.txt",
			doc:      "Wiki outage\n\nSummary\n\n  • Was it caused by human error or something else?\n    • Yes, a required plugin was uninstalled by mistake.\n",
			cause:    "a required plugin was uninstalled",
			notCause: "Yes,",
		},
		{
			name:     "a bare no answers nothing",
			file:     "2030-07-03-queue.txt",
			doc:      "Queue delay\n\nSummary\n\n  • What was the root cause?\n    • Unknown\n  • Was the cause preventable by us?\n    • No\n",
			cause:    "",
			notCause: "?",
		},
		{
			name:     "how long to notice is no outage length",
			file:     "2030-08-20-api.md",
			doc:      "# API slow\n\n## Summary\n\nThe API was slow because a cache node was evicted.\n\n- How long did it take to detect the problem?\n  - 25 minutes\n",
			cause:    "cache node was evicted",
			duration: 0,
		},
		{
			name:     "a question about what would cause something is no cause question",
			file:     "2030-09-14-logs.md",
			doc:      "# Names logged\n\nNames reached the wrong log because a release introduced a bug.\n\n**What actions would cause a name to be logged?**\nOpening any page while signed in.\n",
			cause:    "introduced a bug",
			notCause: "Opening any page",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse(tc.file, strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.cause == "" && strings.TrimSpace(rec.RootCause) != "":
				t.Errorf("root cause = %q, want none", rec.RootCause)
			case !strings.Contains(rec.RootCause, tc.cause):
				t.Errorf("root cause = %q, want it to hold %q", rec.RootCause, tc.cause)
			}
			if tc.notCause != "" && strings.Contains(rec.RootCause, tc.notCause) {
				t.Errorf("root cause = %q, must not hold %q", rec.RootCause, tc.notCause)
			}
			if got := statedMinutes(rec); got != tc.duration {
				t.Errorf("duration = %d, want %d", got, tc.duration)
			}
		})
	}
}

// TestSiteBanner checks that a scraped wiki page's tag line ("From
// <Site>, <tag line>") is never the title, wherever it stands in the
// opening lines, and that a title that only begins with "From" stays.
func TestSiteBanner(t *testing.T) {
	const body = "\n\nSummary\n\nThe build farm stopped because its scheduler ran out of disk. Larchworks engineers cleared it.\n"
	tests := []struct {
		name, doc, title, org string
	}{
		{"banner first", "From Larchworks Hub, Larchworks's team coordination wiki" + body, "build-farm", "Larchworks"},
		{"banner under the title", "Ops:Incidents/2031-01-05-build-farm\n\nFrom Larchworks Hub, the Larchworks team wiki" + body, "Ops:Incidents/2031-01-05-build-farm", "Larchworks"},
		{"encyclopedia tag line", "Build farm halt\n\nFrom Examplepedia, the free encyclopedia" + body, "Build farm halt", ""},
		{"a title that begins with From", "From slow builds to a halted farm" + body, "From slow builds to a halted farm", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-01-05-build-farm.txt", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tc.title {
				t.Errorf("title = %q, want %q", rec.Title, tc.title)
			}
			if rec.Organization != tc.org {
				t.Errorf("organization = %q, want %q", rec.Organization, tc.org)
			}
		})
	}
}

// TestOpeningSectionLineTitle checks the title of a plain-text report
// that opens with a section's name: "Summary" alone is no title, and an
// "INCIDENT SUMMARY: <title>" line gives its value.
func TestOpeningSectionLineTitle(t *testing.T) {
	tests := []struct{ name, doc, title string }{
		{"summary key line", "INCIDENT SUMMARY: Ticket scanners reject valid passes\nPriority: P2\n\nWHAT HAPPENED\n\nScanners rejected passes because a key rotated early.\n", "Ticket scanners reject valid passes"},
		{"bare summary heading", "Summary\n\nScanners rejected passes because a key rotated early.\n", "scanners"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-02-02-scanners.txt", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tc.title {
				t.Errorf("title = %q, want %q", rec.Title, tc.title)
			}
		})
	}
}

// TestDropQuestions checks that the tagger's text loses its questions
// and keeps the rest.
func TestDropQuestions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"No question here.", "No question here."},
		{"Was it caused by human error?\nA disk filled.", "A disk filled."},
		{"Why did it fail? The disk filled.", "The disk filled."},
		{"What was the cause?", ""},
	}
	for _, tc := range tests {
		if got := dropQuestions(tc.in); got != tc.want {
			t.Errorf("dropQuestions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
