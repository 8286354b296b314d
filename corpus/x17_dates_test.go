package corpus

import (
	"strings"
	"testing"
)

// TestX17DatesAndSpans: a title that names the incident's day makes
// timeline entries of the weeks before it (the change that set up the
// failure) lead-up, for the day and for the span; a timeline entry that
// finds the service had been failing since an earlier day dates the
// impact back to it; a span stated in months ("persisted for about two
// months") and one that ends with the impact stopped ("ran for 40
// minutes before being contained") are stated durations.
func TestX17DatesAndSpans(t *testing.T) {
	cases := []struct {
		name     string
		doc      string
		date     string
		duration int // -1: none expected
	}{
		{
			name: "title day, setup weeks earlier",
			doc: "# 2031-05-20: Wrong keys shipped to the edge\n\n## Timeline\n\nAll times in UTC.\n\n" +
				"### 2031-04-29 10:00\n\nWhile setting up the new cluster we copied the signing keys by hand and left the templates stale.\n\n" +
				"### 2031-04-29 10:30\n\nThe cluster runs fine with the hand-placed keys, nobody notices the stale templates.\n\n" +
				"### 2031-05-20 08:00\n\nA routine redeploy pushes the stale keys to every edge node.\n\n" +
				"### 2031-05-20 14:00\n\nClients start reporting handshake errors and the on-call is paged.\n\n" +
				"### 2031-05-20 15:00\n\nThe correct keys are put back and service is restored.\n",
			date:     "2031-05-20",
			duration: 420,
		},
		{
			name: "title day, setup within the week",
			doc: "# 2031-05-20: Wrong keys shipped to the edge\n\n## Timeline\n\nAll times in UTC.\n\n" +
				"### 2031-05-17 10:00\n\nWe copied the signing keys by hand and left the templates stale.\n\n" +
				"### 2031-05-20 08:00\n\nA routine redeploy pushes the stale keys to every edge node.\n\n" +
				"### 2031-05-20 09:00\n\nThe correct keys are put back and service is restored.\n",
			date:     "2031-05-20",
			duration: 60,
		},
		{
			name: "entry finds failures since an earlier day",
			doc: "# 2032-03-02: Nightly import stopped\n\n## Summary\n\nThe nightly import had stopped working and no alert fired.\n\n" +
				"## Timeline\n\nAll times in UTC.\n\n" +
				"### 2032-03-02 09:00\n\nA user asks why a dataset has had no new rows for weeks.\n\n" +
				"### 2032-03-02 09:20\n\nThe logs show every import run has failed with a parse error since late on January 20th.\n\n" +
				"### 2032-03-02 09:40\n\nThe broken checkout is reset and the import runs again.\n",
			date:     "2032-01-20",
			duration: 40,
		},
		{
			name: "entry says since, but of no impact",
			doc: "# 2032-03-02: Nightly import stopped\n\n## Timeline\n\nAll times in UTC.\n\n" +
				"### 2032-03-02 09:00\n\nThe import fails with a parse error; the parser has not changed since January 20th.\n\n" +
				"### 2032-03-02 09:40\n\nThe broken checkout is reset and the import runs again.\n",
			date:     "2032-03-02",
			duration: 40,
		},
		{
			name:     "stated span in months",
			doc:      "# Import outage\n\nDate: 2032-03-02\n\n## Summary\n\nThe nightly import was broken and the problem persisted for about two months before anyone looked.\n",
			date:     "2032-03-02",
			duration: 87667,
		},
		{
			name: "span until the impact was stopped",
			doc: "# Vault drained\n\nDate: 2032-06-11\n\n## Summary\n\nAn attacker drained part of the vault.\n\n" +
				"## Details\n\nThe attacker repeated the trade in a series of calls over 40 minutes before being contained by the guardians.\n\n" +
				"## Timeline\n\n- 2032-06-11 10:00 UTC: the team notices odd calls.\n- 10:05: the vault is paused.\n- 10:30: a public notice goes out.\n",
			date:     "2032-06-11",
			duration: 40,
		},
		{
			name: "noticed later is no end",
			doc: "# Vault drained\n\nDate: 2032-06-11\n\n## Details\n\nThe attacker repeated the trade for a while before being noticed by the guardians.\n\n" +
				"## Timeline\n\n- 2032-06-11 10:00 UTC: the team notices odd calls.\n- 10:05: the vault is paused.\n- 10:30: a public notice goes out.\n",
			date:     "2032-06-11",
			duration: 30,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("doc.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tc.date {
				t.Errorf("date = %q, want %q", rec.Date, tc.date)
			}
			if got := durationOr(rec, -1); got != tc.duration {
				t.Errorf("duration = %d, want %d", got, tc.duration)
			}
		})
	}

	units := []struct {
		in   string
		want int
	}{
		{"2 months", 87667},
		{"3 mins", 3},
		{"5m", 5},
		{"1 month and 2 days", 46714},
	}
	for _, tc := range units {
		t.Run(tc.in, func(t *testing.T) {
			if got, ok := parseDuration(tc.in, true); !ok || got != tc.want {
				t.Errorf("parseDuration(%q) = %d, %v; want %d", tc.in, got, ok, tc.want)
			}
		})
	}
}
