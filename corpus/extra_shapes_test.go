package corpus

import (
	"strings"
	"testing"
)

// TestOutOfSampleShapes covers shapes met in postmortems from outside the
// tuning corpora: a follow-up list under a "<qualifier> actions:" label,
// numbered items padded past four spaces, and a duration stated as the
// time from the start of the incident to the fix.
func TestOutOfSampleShapes(t *testing.T) {
	const head = "# Checkout errors\n\nOn 2021-04-12 the checkout service returned errors because a cache node ran out of memory.\n\n"
	tests := []struct {
		name     string
		doc      string
		actions  int
		duration int
	}{
		{
			name:    "agreed actions label",
			doc:     head + "Agreed actions:\n\n1. Add a memory alert on every cache node.\n2. Resize the cache cluster before the holiday season.\n3. Write a runbook for cache evictions.\n",
			actions: 3,
		},
		{
			name:    "planned actions heading",
			doc:     head + "## Planned actions\n\n- Add a memory alert on every cache node.\n- Resize the cache cluster.\n",
			actions: 2,
		},
		{
			name:    "padded numbered items",
			doc:     head + "Agreed actions:\n\n1.          Add a memory alert on every cache node.\n2.          Resize the cache cluster before the holiday season.\n",
			actions: 2,
		},
		{
			name:    "padded item that is code stays out",
			doc:     head + "Agreed actions:\n\n1.          Add a memory alert on every cache node.\n2.          redis-cli config set maxmemory=4gb\n",
			actions: 1,
		},
		{
			name:    "unqualified actions label is no follow-up list",
			doc:     head + "User actions:\n\n1. Retry the payment.\n2. Clear the browser cache.\n",
			actions: 0,
		},
		{
			name:     "took from the start of the incident",
			doc:      head + "It took 1 hour and 31 minutes from the start of the incident to the deploy of the fix.\n",
			duration: 91,
		},
		{
			name:     "took to find is no outage length",
			doc:      head + "It took 2 hours from the start of the incident to find the cause, and the fix took a day to review.\n",
			duration: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if tc.duration != 0 || strings.Contains(tc.name, "duration") || strings.Contains(tc.name, "took") {
				got := statedMinutes(rec)
				if got != tc.duration {
					t.Errorf("duration = %d, want %d", got, tc.duration)
				}
				return
			}
			if len(rec.ActionItems) != tc.actions {
				t.Errorf("got %d action items, want %d: %+v", len(rec.ActionItems), tc.actions, rec.ActionItems)
			}
		})
	}
}

// TestFrontmatterShapes covers frontmatter keys of other site generators:
// a title under "heading" or "headline" (not the first section heading),
// and a status page's "resolvedDate" as the end of its "date".
func TestFrontmatterShapes(t *testing.T) {
	const body = "\n## Summary\n\nThe checkout service returned errors because a cache node ran out of memory.\n\n## In closing\n\nWe are sorry.\n"
	tests := []struct {
		name, fm, title string
		duration        int
	}{
		{"heading key", "heading: Checkout errors on Monday\ndate: 2024-03-04\n", "Checkout errors on Monday", 0},
		{"headline key", "headline: Checkout errors on Monday\n", "Checkout errors on Monday", 0},
		{"title wins over heading", "title: Checkout outage\nheading: Read about it\n", "Checkout outage", 0},
		{"resolvedDate ends the date", "title: Checkout errors\ndate: 2024-03-04T10:00:00Z\nresolvedDate: 2024-03-04T11:15:00Z\n", "Checkout errors", 75},
		{"resolved_date ends the date", "title: Checkout errors\ndate: 2024-03-04 10:00 UTC\nresolved_date: 2024-03-04 10:40 UTC\n", "Checkout errors", 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("post.mdx", strings.NewReader("---\n"+tc.fm+"---\n"+body))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tc.title {
				t.Errorf("title = %q, want %q", rec.Title, tc.title)
			}
			got := statedMinutes(rec)
			if got != tc.duration {
				t.Errorf("duration = %d, want %d", got, tc.duration)
			}
		})
	}
}
