package corpus

import (
	"strings"
	"testing"
)

// TestStatusPageUpdateShapes covers two status-page issue files: a
// generator's updates kept as bullets whose template tag stamps them,
// the tag at the end or inside the text (the message going on after
// it), and updates separated by rules that each open with a line giving
// only their time of day, the day the document's own.
func TestStatusPageUpdateShapes(t *testing.T) {
	type want struct{ at, text string }
	tests := []struct {
		name     string
		doc      string
		entries  []want
		resolved string
	}{
		{
			name: "tagged bullets, tag last",
			doc: "---\ntitle: Storage nodes offline\ndate: 2031-03-04 07:00:00\nresolved: true\nresolvedWhen: 2031-03-04 08:20:00\nsection: issue\n---\n\n" +
				"- Swapping the disks of the storage nodes one at a time. {{< track \"2031-03-04 06:30:00\" >}}\n\n" +
				"- The second node does not come back after its swap. {{< track \"2031-03-04 07:00:00\" >}}\n\n" +
				"- All nodes serve reads again. {{< track \"2031-03-04 08:20:00\" >}}\n",
			entries: []want{
				{"2031-03-04T06:30:00Z", "Swapping the disks of the storage nodes one at a time."},
				{"2031-03-04T07:00:00Z", "The second node does not come back after its swap."},
				{"2031-03-04T08:20:00Z", "All nodes serve reads again."},
			},
			resolved: "2031-03-04T08:20:00Z",
		},
		{
			name: "tagged bullets, text after the tag",
			doc: "---\ntitle: Queue workers stuck\ndate: 2031-06-10 21:15:00\nresolved: true\n---\n\n" +
				"- Alerts show the queue workers idle {{< track \"2031-06-10 21:15:00\" >}}.  \n  We are looking into it.\n\n" +
				"- The workers are restarted by hand {{< track \"2031-06-10 21:40:00\" >}}  \n  The backlog is drained and the issue is resolved.\n",
			entries: []want{
				{"2031-06-10T21:15:00Z", "Alerts show the queue workers idle. We are looking into it."},
				{"2031-06-10T21:40:00Z", "The workers are restarted by hand. The backlog is drained and the issue is resolved."},
			},
			resolved: "2031-06-10T21:40:00Z",
		},
		{
			name: "updates led by a time of day, newest first",
			doc: "---\ntitle: Mail delivery delayed\ndate: 2031-02-20 09:05:00\nresolved: no\nresolvedWhen:\nseverity: notice\nsection: issue\n---\n\n" +
				"11:45 UTC\n\nQueued mail has been delivered; the issue is resolved.\n\n---\n" +
				"09:05 UTC\n\nOutgoing mail is held in the queue. We are looking into it.\n",
			entries: []want{
				{"2031-02-20T11:45:00Z", "Queued mail has been delivered; the issue is resolved."},
				{"2031-02-20T09:05:00Z", "Outgoing mail is held in the queue. We are looking into it."},
			},
			resolved: "2031-02-20T11:45:00Z",
		},
		{
			name: "a single time-of-day line is no update log",
			doc: "---\ntitle: Mail delivery delayed\ndate: 2031-02-20 09:05:00\nsection: issue\n---\n\n" +
				"11:45 UTC\n\nQueued mail has been delivered and new mail flows normally.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("2031-issue.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Timeline) != len(tt.entries) {
				t.Fatalf("got %d entries, want %d: %+v", len(rec.Timeline), len(tt.entries), rec.Timeline)
			}
			for k, e := range rec.Timeline {
				if e.At != tt.entries[k].at || e.Text != tt.entries[k].text {
					t.Errorf("entry %d = %+v, want %+v", k, e, tt.entries[k])
				}
			}
			if tt.resolved != "" && (rec.ResolvedAt == nil || rec.ResolvedAt.UTC().Format("2006-01-02T15:04:05Z") != tt.resolved) {
				t.Errorf("resolved at %v, want %s", rec.ResolvedAt, tt.resolved)
			}
		})
	}
}

func TestTagStamp(t *testing.T) {
	tests := []struct {
		in, raw, msg string
		ok           bool
	}{
		{`Back up {{< track "2031-01-02 03:04:05" >}}. Watching it.`, "2031-01-02 03:04:05", "Back up. Watching it.", true},
		{`Back up. {{% stamp "2031-01-02T03:04:05Z" %}}`, "2031-01-02T03:04:05", "Back up.", true},
		{`Back up {% update "2031-01-02 03:04" %} and stable`, "2031-01-02 03:04", "Back up and stable", true},
		{`See {{< figure src="graph.png" >}} for the load`, "", "", false},
		{`{{< track "2031-01-02 03:04:05" >}}`, "", "", false},
		{`Back up on {{< date "2031-01-02" >}}`, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, raw, msg, ok := tagStamp(tt.in)
			if ok != tt.ok || ok && (!strings.HasPrefix(raw, tt.raw) || msg != tt.msg) {
				t.Errorf("tagStamp(%q) = %q, %q, %v; want %q, %q, %v", tt.in, raw, msg, ok, tt.raw, tt.msg, tt.ok)
			}
		})
	}
}
