package corpus

import (
	"strings"
	"testing"
)

// TestHeaderTitle covers documents without a top-level heading: a header
// table's or header line's "Event" or "Incident" field names the
// incident, a heading that is only a day never does, and an id-only
// field or one after the first section is no title.
func TestHeaderTitle(t *testing.T) {
	tests := []titleCase{
		{"event field of a header table", "report-17.md",
			"| Working group | Pipelines |\n| --- | --- |\n| **Event** | `ingest_2031_lag` |\n| **Detected** | 2031-06-01 10:00 |\n\n## Summary\n\nThe ingest lagged.\n\n## Timeline\n\n### 2031-06-01\n\n- 10:00 lag noticed\n",
			"ingest_2031_lag"},
		{"incident line before the sections", "notes.md",
			"Incident: Queue consumer stalled overnight\nTeam: data\n\n## Summary\n\nConsumers stopped.\n",
			"Queue consumer stalled overnight"},
		{"an id-only field is no title", "queue-stall.md",
			"| Key | Value |\n| --- | --- |\n| Incident | 4411 |\n\n## Summary\n\nConsumers stopped.\n",
			"queue-stall"},
		{"a day heading is no title", "cache-eviction.md",
			"Caches were evicted early.\n\n## Timeline\n\n### 2031-07-02\n\n- 09:00 alerts fired\n",
			"cache-eviction"},
		{"a month-day heading is no title", "cache-eviction.md",
			"Caches were evicted early.\n\n## Timeline\n\n### Jul 2\n\n- 09:00 alerts fired\n",
			"cache-eviction"},
		{"an event entry in a later section is no title", "cache-eviction.md",
			"Caches were evicted early.\n\n## Timeline\n\nEvent: eviction storm began\n",
			"cache-eviction"},
	}
	testTitles(t, tests)
}

// titleCase is a document, its file name and the title it should get.
type titleCase struct {
	name, file, doc, title string
}

// testTitles parses each case's document under its file name and checks
// the record's title.
func testTitles(t *testing.T, tests []titleCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse(tc.file, strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tc.title {
				t.Errorf("title = %q, want %q", rec.Title, tc.title)
			}
		})
	}
}
