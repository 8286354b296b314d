package corpus

import (
	"strings"
	"testing"
)

// TestClockHeadingRuns: headings that are only a time of day, two or
// more in a row at one level, each over a paragraph, are an update log
// written as headings: each is an entry, its text the paragraph. One
// such heading alone, a heading that has more words than its time, or
// a run under action items is not.
func TestClockHeadingRuns(t *testing.T) {
	const head = "2031-09-14\n==========\n\nThe image registry refused pulls for a while after a storage node filled up.\n\n"
	tests := []struct {
		name, body string
		want       []string // "at|text"
	}{
		{name: "two clock headings", body: "### 08:05 UTC\n\nPulls still fail for about a third of the nodes.\n\nA second node is being cleared.\n\n### 09:40 UTC\n\nAll nodes pull again.\n",
			want: []string{"2031-09-14T08:05:00Z|Pulls still fail for about a third of the nodes.", "2031-09-14T09:40:00Z|All nodes pull again."}},
		{name: "three, with a colon", body: "## 08:05:\n\nDisk alarms fire.\n\n## 08:30:\n\nOld layers are pruned.\n\n## 09:00:\n\nThe registry is healthy.\n",
			want: []string{"2031-09-14T08:05:00Z|Disk alarms fire.", "2031-09-14T08:30:00Z|Old layers are pruned.", "2031-09-14T09:00:00Z|The registry is healthy."}},
		{name: "one heading alone", body: "### 08:05 UTC\n\nPulls still fail for about a third of the nodes.\n"},
		{name: "headings with words", body: "### 08:05 UTC the cleanup\n\nOld layers are pruned.\n\n### 09:40 UTC the fix\n\nAll nodes pull again.\n"},
		{name: "another heading in between", body: "### 08:05 UTC\n\nOld layers are pruned.\n\n### Notes\n\nThe node is old.\n\n### 09:40 UTC\n\nAll nodes pull again.\n"},
		{name: "levels differ", body: "## 08:05 UTC\n\nOld layers are pruned.\n\n### 09:40 UTC\n\nAll nodes pull again.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse("registry.md", strings.NewReader(head+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range rec.Timeline {
				got = append(got, e.At+"|"+e.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("timeline =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
