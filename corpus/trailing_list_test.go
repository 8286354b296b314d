package corpus

import (
	"strings"
	"testing"
)

// TestTrailingStampListTimeline: a list under a timeline label or
// heading whose items give the event first and its stamp last is the
// timeline, and the start is its first event, not the resolution.
func TestTrailingStampListTimeline(t *testing.T) {
	cases := []struct {
		name, doc  string
		texts      []string
		start, end string
	}{
		{
			name: "bold label bullet over nested items",
			doc: "# Queue workers stalled\n\n- **Key events**\n  - Workers stall 2031-03-02 08:10\n  - Alert fires 2031-03-02 08:25\n" +
				"  - Restarted 2031-03-02 08:50\n  - Resolved 2031-03-02 09:05\n\n- **Cause**: a lock was never released.\n",
			texts: []string{"Workers stall", "Alert fires", "Restarted", "Resolved"},
			start: "2031-03-02T08:10:00Z", end: "2031-03-02T09:05:00Z",
		},
		{
			name: "timeline heading over a flat list",
			doc: "# Mail delayed\n\nOutbound mail queued for an hour.\n\n## Timeline\n\n- Backlog begins 2031-07-14 22:40\n" +
				"- Paged on call 2031-07-14 23:05\n- Resolved 2031-07-14 23:45\n\n## Follow-up\n\nNone.\n",
			texts: []string{"Backlog begins", "Paged on call", "Resolved"},
			start: "2031-07-14T22:40:00Z", end: "2031-07-14T23:45:00Z",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, err := Parse("incident.md", strings.NewReader(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range rec.Timeline {
				got = append(got, e.Text)
			}
			if strings.Join(got, "|") != strings.Join(c.texts, "|") {
				t.Errorf("timeline %q, want %q", got, c.texts)
			}
			if rec.StartedAt == nil || rec.StartedAt.UTC().Format("2006-01-02T15:04:05Z") != c.start {
				t.Errorf("start %v, want %s", rec.StartedAt, c.start)
			}
			if rec.ResolvedAt == nil || rec.ResolvedAt.UTC().Format("2006-01-02T15:04:05Z") != c.end {
				t.Errorf("resolved %v, want %s", rec.ResolvedAt, c.end)
			}
		})
	}
}

// TestTrailingStampListNeedsStamps: a list under a timeline label whose
// items do not end with stamps is not read by stamp-last.
func TestTrailingStampListNeedsStamps(t *testing.T) {
	blocks := []block{
		{kind: blockItem, level: 1, text: "**Key events**", checked: -1},
		{kind: blockItem, level: 2, text: "Deploy went out 2031-03-02 08:10", checked: -1},
		{kind: blockItem, level: 2, text: "Customers reported errors", checked: -1},
		{kind: blockItem, level: 2, text: "Resolved 2031-03-02 09:05", checked: -1},
	}
	for i, l := range timelineListItems(blocks, make([]sectionKind, len(blocks))) {
		if l {
			t.Errorf("block %d marked, want none", i)
		}
	}
}
