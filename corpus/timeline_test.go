package corpus

import (
	"strings"
	"testing"
)

func TestTimelineBySubstance(t *testing.T) {
	tests := []struct {
		name, file, text string
		entries          int
		first            string // At of the first entry
		firstText        string
		last             string // At of the last entry, when set
	}{
		{
			name: "run of stamped bullets under any heading", file: "2021-06-01-queue.md",
			text:    "# Queue backlog\n\n## What we saw\n\n- **08:10 UTC** - queue depth alert\n- **08:25 UTC** - consumers restarted\n- **09:05 UTC** - backlog drained\n",
			entries: 3, first: "2021-06-01T08:10:00Z", firstText: "queue depth alert",
		},
		{
			name: "two stamped lines are not a timeline", file: "2021-06-01-two.md",
			text:    "# Two lines\n\n## Notes\n\n- 08:10 something\n- 08:25 something else\n",
			entries: 0,
		},
		{
			name: "year-less log stamps", file: "notes.md",
			text:    "# Disk filled\n\nOn 2022-03-26 the disk filled.\n\n## Timeline\n\n[03-26 23:04] disk at 95%\n\n[03-26 23:30] logs rotated\n\n[03-27 00:10] disk at 40%\n",
			entries: 3, first: "2022-03-26T23:04:00Z", firstText: "disk at 95%",
		},
		{
			name: "dotted and four-digit clocks", file: "2020-02-02-dns.md",
			text:    "# DNS\n\n## Timeline\n\n10.42 – resolver errors start\n\n0455 UTC resolver restarted\n",
			entries: 2, first: "2020-02-02T10:42:00Z", firstText: "resolver errors start",
		},
		{
			name: "timeline kept in a code block", file: "2023-04-04-sync.md",
			text:    "# Sync stopped\n\n## Timeline\n\n```\n2023-04-04 10:00 sync stops\n2023-04-04 10:20 alert fires\n2023-04-04 11:00 sync resumes\n```\n",
			entries: 3, first: "2023-04-04T10:00:00Z", firstText: "sync stops",
		},
		{
			name: "log excerpt in a timeline is not entries", file: "2023-04-05-log.md",
			text:    "# Log\n\n## Timeline\n\n- 2023-04-05 10:00 errors\n\n```\n[E 2023-04-05 10:00:01 api] boom\n[E 2023-04-05 10:00:02 api] boom\n[E 2023-04-05 10:00:03 api] boom\n```\n",
			entries: 1, first: "2023-04-05T10:00:00Z", firstText: "errors",
		},
		{
			name: "dated lines over bullets", file: "cve.md",
			text:    "# Advisory\n\n## Timeline\n\n2021-01-20:\n\n* Bypass reported privately.\n\n2021-03-04:\n\n* Fix designed.\n* Release date set.\n",
			entries: 2, first: "2021-01-20", firstText: "Bypass reported privately.",
		},
		{
			name: "day headings underlined with carets", file: "power.md",
			text:    "Power loss\n==========\n\nTimeline\n--------\n\nAll times central.\n\n2017-12-08 2:45pm\n^^^^^^^^^^^^^^^^^\n\nHosts unreachable.\n\n2017-12-08 4pm\n^^^^^^^^^^^^^^\n\nVendor confirmed the power loss.\n\n2017-12-09 9:00am\n^^^^^^^^^^^^^^^^^\n\nNetwork restored.\n",
			entries: 3, first: "2017-12-08T14:45:00-06:00", firstText: "Hosts unreachable.", last: "2017-12-09T09:00:00-06:00",
		},
		{
			name: "a stated zone outlives an entry's own", file: "notice.md",
			text:    "# Vendor notice\n\n## Timeline\n\nAll times Central.\n\n- 2017-12-11 09:00 vendor notice\n- 2017-12-11 14:18 UTC notice posted\n- 2017-12-11 15:00 network restored\n",
			entries: 3, first: "2017-12-11T09:00:00-06:00", firstText: "vendor notice", last: "2017-12-11T15:00:00-06:00",
		},
		{
			name: "an entry's zone carries without a stated one", file: "carry.md",
			text:    "# Carry\n\n## Timeline\n\n- 2017-12-11 09:00 PST errors\n- 2017-12-11 09:30 rollback\n- 2017-12-11 10:00 recovered\n",
			entries: 3, first: "2017-12-11T09:00:00-08:00", firstText: "errors", last: "2017-12-11T10:00:00-08:00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Timeline) != tt.entries {
				t.Fatalf("timeline = %d entries, want %d: %+v", len(rec.Timeline), tt.entries, rec.Timeline)
			}
			if tt.entries == 0 {
				return
			}
			if e := rec.Timeline[0]; e.At != tt.first || e.Text != tt.firstText {
				t.Errorf("first entry = %q %q, want %q %q", e.At, e.Text, tt.first, tt.firstText)
			}
			if e := rec.Timeline[len(rec.Timeline)-1]; tt.last != "" && e.At != tt.last {
				t.Errorf("last entry at %q, want %q", e.At, tt.last)
			}
		})
	}
}

func TestCleanEntryText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"] disk at 95%", "disk at 95%"},
		{"*: alert fires", "alert fires"},
		{" - rollback<br />done", "rollback done"},
		{`cache \*flushed\* at edge`, "cache *flushed* at edge"},
		{"vendor confirms fault[^2]", "vendor confirms fault"},
		{"vendor confirms fault [1]", "vendor confirms fault"},
		{"** — users report errors", "users report errors"},
	}
	for _, tt := range tests {
		if got := cleanEntryText(tt.in); got != tt.want {
			t.Errorf("cleanEntryText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
