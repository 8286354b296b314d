package corpus

import "testing"

// TestTemplateHeadingTitle covers documents whose only candidate headings
// belong to the template they were written in: a note to whoever fills
// the template in and a header field naming a person are no title, so
// the title falls back to the file name (a zero-padded serial number in
// front of it dropped).
func TestTemplateHeadingTitle(t *testing.T) {
	tests := []titleCase{
		{"note to the author is no title", "017-queue-backlog.md",
			"# Summary\n\nThe queue backed up for an hour.\n\n# Follow-ups\n\n- Add a lag alert.\n\n# Notes for the author\n\nOnce reviewed:\n\n- [x] Publish the review\n",
			"queue-backlog"},
		{"author's checklist is no title", "report_cache_miss.md",
			"# Author's checklist\n\n- [ ] Share with the team\n\n## Summary\n\nCache misses doubled.\n",
			"report cache miss"},
		{"bare instructions heading is no title", "cache-miss.md",
			"# Instructions\n\nDelete this section when done.\n\n# Summary\n\nCache misses doubled.\n",
			"cache-miss"},
		{"owner field heading is no title", "09_disk-full.md",
			"## Owner: @lee\n## Reviewers:\n- @kim\n\n# Summary\n\nThe disk filled.\n",
			"disk-full"},
		{"a field with an @handle is no title", "disk-full.md",
			"## Review held by: @kim\n\n# Summary\n\nThe disk filled.\n",
			"disk-full"},
		{"written-by field is no title", "disk-full.md",
			"## Written by: Lee Park\n\n# Summary\n\nThe disk filled.\n",
			"disk-full"},
		{"a real second-level heading still titles", "x.md",
			"## Owner: @lee\n\n## Ingest stalled after schema change\n\n# Summary\n\nIngest stopped.\n",
			"Ingest stalled after schema change"},
		{"a key-shaped incident heading still titles", "x.md",
			"# Outage: payments API returned errors\n\n## Summary\n\nErrors rose.\n",
			"Outage: payments API returned errors"},
		{"a date in the file name keeps its digits", "01-15-2031-dns.md",
			"## Owner: @lee\n\n# Summary\n\nLookups failed.\n",
			"01-15-2031-dns"},
		{"a non-padded number is part of the name", "500-errors-on-login.md",
			"# Summary\n\nLogins failed.\n",
			"500-errors-on-login"},
	}
	testTitles(t, tests)
}
