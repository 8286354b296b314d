package corpus

import (
	"strings"
	"testing"
)

// TestStatusLogShapes: status updates whose head line gives the status
// and a short a/p clock, and status lines whose ISO stamp ends the line
// (inside a template tag), are timeline entries at their own times.
func TestStatusLogShapes(t *testing.T) {
	tests := []struct {
		name, doc string
		date      string
		duration  int // -1: none, -2: not checked
		entries   int
		first     string // the first entry's time and text prefix
	}{
		{
			name: "status headings with a/p clocks",
			doc: "---\ntitle: \"Storage array down\"\ndate: \"2031-03-04\"\n---\n\n## Investigating 2031-03-04 8:40a\n\nThe storage array is unreachable and home directories are down.\n\n" +
				"## Monitoring 2031-03-04 10:02a\n\nThe vendor is replacing a controller.\n\n## Resolved 2031-03-04 1:15p\n\nThe array is back and home directories mount again.\n",
			date: "2031-03-04", duration: 275, entries: 3, first: "2031-03-04T08:40:00Z Investigating: The storage array",
		},
		{
			name: "status lines with a clock only, the day from the post",
			doc:  "---\ntitle: Mail delays\ndate: 2031-03-04\n---\n\nInvestigating - 9:15a\n\nMail is queued and not delivered.\n\nResolved - 11:45a\n\nThe queue has drained.\n",
			date: "2031-03-04", duration: 150, entries: 2, first: "2031-03-04T09:15:00Z Investigating: Mail is queued",
		},
		{
			name: "an ISO stamp in a template tag ends each update",
			doc: "+++\ntitle = \"Search degraded\"\ndate = 2031-05-06T08:00:00.000Z\n+++\nSearch is slow for some customers. We are looking into it.\n\n" +
				"**Update**: The index provider found a faulty node {{< track \"2031-05-06T08:30:00.000Z\" >}}\n\n**Resolved**: Search is fast again. {{< track \"2031-05-06T09:10:00.000Z\" >}}\n",
			date: "2031-05-06", duration: 70, entries: 2, first: "2031-05-06T08:30:00Z Update: The index provider found a faulty node",
		},
		{
			name: "a bare ISO stamp ends a status line",
			doc:  "# Search degraded\n\nSearch is slow.\n\nIdentified - The index provider found a faulty node 2031-05-06T08:30:00Z\n\nResolved - Search is fast again 2031-05-06T09:10:00Z\n",
			date: "2031-05-06", duration: 40, entries: 2, first: "2031-05-06T08:30:00Z Identified: The index provider",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTimeShape(t, tt.doc, tt.date, tt.duration, tt.entries, tt.first)
		})
	}
}

func checkTimeShape(t *testing.T, doc, date string, duration, entries int, first string) {
	t.Helper()
	r, err := Parse("post.md", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	d := -1
	if r.DurationMinutes != nil {
		d = *r.DurationMinutes
	}
	got := ""
	if len(r.Timeline) > 0 {
		got = r.Timeline[0].At + " " + r.Timeline[0].Text
	}
	if r.Date != date || duration != -2 && d != duration || len(r.Timeline) != entries || first != "" && !strings.HasPrefix(got, first) {
		t.Errorf("date %s, duration %d, %d entries, first %q; want %s, %d, %d, %q\n%+v", r.Date, d, len(r.Timeline), got, date, duration, entries, first, r.Timeline)
	}
}

// TestMilitaryClockAndYearlessDays: a four-digit number with a zone
// after "Mon D" is a clock, a "Date:" line may write the month's name
// between year and day, and a heading that is only a month and day
// dates the clock-only rows under it in the document's year.
func TestMilitaryClockAndYearlessDays(t *testing.T) {
	tests := []struct {
		name, doc string
		date      string
		duration  int
		entries   int
		first     string
	}{
		{
			name: "Mon D hhmm UTC is a clock, and the entry does not begin with the zone",
			doc: "# Ledger halt\n\n- Date: 2031-Mar-07\n- Status: resolved\n\n## Timeline\n\n- Mar 7 2210 UTC: Nodes stop producing blocks and transfers fail\n" +
				"- 2240 UTC: Operators restart the nodes\n- Mar 8 0105 UTC: Blocks are produced again and transfers succeed\n",
			date: "2031-03-07", duration: 175, entries: 3, first: "2031-03-07T22:10:00Z Nodes stop producing",
		},
		{
			name: "upper-case month between year and day, yearless day headings",
			doc: "# Slow blocks\n\n- Date: 2031-DEC-5\n- Summary: Blocks were slow twice.\n\n# Timeline\n\n## Nov 26\n\n| Time (UTC) | Event |\n| --- | --- |\n" +
				"| 22:10 | Blocks slow down and transactions fail |\n| 22:40 | Spam stops, transactions succeed again |\n\n## Nov 27\n\n| Time (UTC) | Event |\n| --- | --- |\n" +
				"| 09:00 | Blocks slow down again |\n| 09:20 | Spam stops, blocks are back to normal |\n",
			date: "2031-11-26", duration: -2, entries: 4, first: "2031-11-26T22:10:00Z Blocks slow down",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTimeShape(t, tt.doc, tt.date, tt.duration, tt.entries, tt.first)
		})
	}
	for _, s := range []string{"2031-DEC-5", "2031-dec-05", "2031/Dec/5"} {
		if st, ok := findDate(s); !ok || st.y != 2031 || st.mo != 12 || st.d != 5 {
			t.Errorf("findDate(%q) = %+v, %v", s, st, ok)
		}
	}
	if st, ok := findStamp("Feb 8 0117 UTC: a validator reports"); !ok || st.hasYear || st.h != 1 || st.mi != 17 || st.mo != 2 || st.d != 8 {
		t.Errorf("findStamp military clock = %+v, %v", st, ok)
	}
	if st, ok := findStamp("Feb 8 2031 was a Saturday"); !ok || st.y != 2031 {
		t.Errorf("findStamp year kept = %+v, %v", st, ok)
	}
}

// TestBoundedAndTabledDurations: a bound is no stated length, a
// sentence that opens with the time it took and ends in the recovery
// states it, and a table row of one value a column gives the first.
func TestBoundedAndTabledDurations(t *testing.T) {
	tests := []struct {
		name, text string
		want       int // -1: none
	}{
		{"lasted less than one hour", "The two slowdowns lasted less than one hour.", -1},
		{"down for under an hour", "The site was down for under an hour.", -1},
		{"lasted a measured time", "The slowdown lasted 50 minutes.", 50},
		{"after about N hours, caught up", "After nearly ~5 hours, the replica caught up again and served reads.", 300},
		{"after N minutes, restored", "After 40 minutes, service was restored for all users.", 40},
		{"after N hours, no recovery", "After 3 hours, we escalated to the vendor.", -1},
	}
	for _, tt := range tests {
		got, ok := strictProseDuration(tt.text)
		if !ok {
			got = -1
		}
		if got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
	doc := "# Slow blocks\n\n- Date: 2031-DEC-5\n\nBlocks were slow on three days.\n\n## Numbers\n\n|  | Nov 26 | Nov 27 | Dec 4 |\n| --- | --- | --- | --- |\n" +
		"| Duration+ | 25m | 15m | 2h7m |\n| Fees paid | 30 | 17 | 128 |\n"
	checkTimeShape(t, doc, "2031-12-05", 25, 0, "")
}
