package corpus

import (
	"strings"
	"testing"
)

// TestStatusPageMidnightStart: a status page's frontmatter "date" that
// writes a time of day, midnight included, with a space or a "T", is
// the start when a resolution time stands beside it; a bare day is not,
// and a duration the text gives wins over the span from a midnight.
func TestStatusPageMidnightStart(t *testing.T) {
	const body = "\nThe mail relay rejected every message until its certificate was renewed.\n"
	tests := []struct {
		name, fm, text string
		dur            int // -1: none
	}{
		{name: "space, midnight", fm: "date: 2031-06-02 00:00:00\nresolvedWhen: 2031-06-03 02:30:00\n", text: body, dur: 1590},
		{name: "T, midnight", fm: "date: 2031-06-02T00:00:00-00:00\nresolvedWhen: 2031-06-02T04:10:00-00:00\n", text: body, dur: 250},
		{name: "space, afternoon", fm: "date: 2031-06-02 14:05:00\nresolvedWhen: 2031-06-02 15:00:00\n", text: body, dur: 55},
		{name: "bare day", fm: "date: 2031-06-02\nresolvedWhen: 2031-06-02 15:00:00\n", text: body, dur: -1},
		{name: "prose duration beats a midnight", fm: "date: 2031-06-02 00:00:00\nresolvedWhen: 2031-06-02 20:00:00\n",
			text: "\nThe mail relay stopped delivering messages for about 6 hours until its certificate was renewed.\n", dur: 360},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\ntitle: Mail relay down\n" + tt.fm + "severity: down\n---\n" + tt.text
			rec, err := Parse("content/issues/relay.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			got := -1
			if rec.DurationMinutes != nil {
				got = *rec.DurationMinutes
			}
			if got != tt.dur {
				t.Errorf("duration = %d; want %d", got, tt.dur)
			}
			if rec.Date != "2031-06-02" {
				t.Errorf("date = %q; want 2031-06-02", rec.Date)
			}
		})
	}
}
