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
			got := durationOr(rec, -1)
			if got != tt.dur {
				t.Errorf("duration = %d; want %d", got, tt.dur)
			}
			if rec.Date != "2031-06-02" {
				t.Errorf("date = %q; want 2031-06-02", rec.Date)
			}
		})
	}
}

// TestDottedDateMonthFirst: dotted numeric dates are day first unless
// the document shows it writes them month first: the file name's day is
// the month-first reading of an ambiguous one, or an unambiguous one is
// month first. A day-first unambiguous one, or a named day-first
// reading, keeps them day first.
func TestDottedDateMonthFirst(t *testing.T) {
	tests := []struct {
		name, file, heading, extra, date string
	}{
		{name: "file name names the month-first reading", file: "2031-05-07_mail-scam.md", heading: "5.7.2031", date: "2031-05-07"},
		{name: "file name names the day-first reading", file: "2031-07-05_mail-scam.md", heading: "5.7.2031", date: "2031-07-05"},
		{name: "no file day: day first", file: "mail-scam.md", heading: "5.7.2031", date: "2031-07-05"},
		{name: "an unambiguous day-first date keeps dots day first", file: "2031-05-07_mail-scam.md", heading: "5.7.2031",
			extra: "A second message came on 21.7.2031.\n", date: "2031-07-05"},
		{name: "an unambiguous month-first date", file: "mail-scam.md", heading: "5.7.2031",
			extra: "A second message came on 5.21.2031.\n", date: "2031-05-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "# Mail scam aimed at staff\n\n## " + tt.heading + "\n\n## Summary\n\nSeveral staff received a convincing fake login page by mail; nobody entered a password.\n" + tt.extra +
				"\n## Action items\n\n- Publish a short guide on reporting suspicious mail\n"
			rec, err := Parse(tt.file, strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
		})
	}
}

// TestSwapDottedRoundTrip: swapping the ambiguous dotted dates of a
// line twice gives the line back; unambiguous ones, two-digit years and
// slashes are left alone.
func TestSwapDottedRoundTrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{in: "seen on 5.7.2031 and 11.3.2031", want: "seen on 7.5.2031 and 3.11.2031"},
		{in: "on 25.7.2031", want: "on 25.7.2031"},
		{in: "release 1.2.21", want: "release 1.2.21"},
		{in: "on 05/07/2031", want: "on 05/07/2031"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := swapDotted(tt.in)
			if got != tt.want {
				t.Fatalf("swapDotted(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if back := swapDotted(got); back != tt.in {
				t.Errorf("swapped back = %q; want %q", back, tt.in)
			}
		})
	}
}

// TestTimedDateLineBeatsEarlierTrigger: a "Date:" line in the body that
// gives a time of day is the incident's moment, so it wins over an
// earlier day inferred from the change that led to it; a bare "Date:"
// day a day after such a change still reads as when the post was
// written.
func TestTimedDateLineBeatsEarlierTrigger(t *testing.T) {
	tests := []struct {
		name, dateLine, date, started string
	}{
		{name: "bold key, day-first with am", dateLine: "* **Date:** 22/04/2031 4am UTC", date: "2031-04-22", started: "2031-04-22T04:00:00Z"},
		{name: "plain key, ISO with clock", dateLine: "Date: 2031-04-22 04:10 UTC", date: "2031-04-22", started: "2031-04-22T04:10:00Z"},
		{name: "a bare day is a post's", dateLine: "Date: 2031-04-22", date: "2031-04-21", started: "2031-04-21T22:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "# Ledger halt\n\n## Ledger halt\n\n" + tt.dateLine + "\n\n### Description\n\n" +
				"* On the 21 Apr 2031, around 10pm UTC a change to the fee settings was proposed.\n" +
				"* Some hours later the change was accepted and the ledger stopped producing blocks.\n"
			rec, err := Parse("halt.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
			got := ""
			if rec.StartedAt != nil {
				got = rec.StartedAt.Format("2006-01-02T15:04:05Z07:00")
			}
			if got != tt.started {
				t.Errorf("started_at = %q; want %q", got, tt.started)
			}
		})
	}
}

// TestBoldStampUpdate: a status page's update written as a bold line
// that is only a full stamp, over a paragraph, is one timeline entry
// (the stamp, then the paragraph); a stamp that is not bold, one
// without a time of day, or one with words after it is not.
func TestBoldStampUpdate(t *testing.T) {
	tests := []struct {
		name, head string
		n          int
	}{
		{name: "bold ISO stamp", head: "**2031-08-03T10:45:00-00:00**", n: 1},
		{name: "underscore bold with space", head: "__2031-08-03 10:45 UTC__", n: 1},
		{name: "not bold", head: "2031-08-03T10:45:00-00:00", n: 0},
		{name: "a day without a time", head: "**2031-08-03**", n: 0},
		{name: "words after the stamp", head: "**2031-08-03T10:45:00Z and onwards we watched**", n: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\ntitle: Package mirror unreachable\ndate: 2031-08-03T08:15:00-00:00\nresolvedWhen: 2031-08-03T10:45:00-00:00\nseverity: down\n---\n\n" +
				"The package mirror could not reach its storage share, so downloads failed.\n\n" + tt.head + "\n\n" +
				"The share was remounted and downloads work again.\n"
			rec, err := Parse("content/issues/mirror.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Timeline) != tt.n {
				t.Fatalf("timeline = %+v; want %d entries", rec.Timeline, tt.n)
			}
			if tt.n == 1 && !strings.HasPrefix(rec.Timeline[0].Text, "The share was remounted") {
				t.Errorf("entry text = %q", rec.Timeline[0].Text)
			}
		})
	}
}

// TestWindowListStartsAtFirst: a list of outage windows, each a day and
// a clock range with nothing else ("May 2nd -- 09:10 to 11:00 UTC"),
// starts at the first window: the range's end is no text that could
// make the first window a lead-in. An entry with words of its own and
// no impact is still a lead-in.
func TestWindowListStartsAtFirst(t *testing.T) {
	tests := []struct {
		name, first, date string
	}{
		{name: "range end only", first: "1. May 2nd -- 09:10 to 11:00 UTC", date: "2031-05-02"},
		{name: "dash range end", first: "1. May 2nd, 09:10 - 11:00 UTC", date: "2031-05-02"},
		{name: "a lead-in with words", first: "1. May 2nd, 09:10 UTC -- the nightly backup job was moved to a new host", date: "2031-05-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\ntitle: Keeping the artifact store up\ndate: 2031-05-20T10:00:00.000Z\n---\n\n" +
				"Over May 2031 the artifact store was down in separate windows:\n\n" + tt.first + "\n" +
				"2. May 9th -- 13:00 to 15:30 UTC\n3. May 11th -- 08:00 to 09:45 UTC\n\n" +
				"The cause was a database that had outgrown its host.\n"
			rec, err := Parse("blog/store-outages.md", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Date != tt.date {
				t.Errorf("date = %q; want %q", rec.Date, tt.date)
			}
		})
	}
}

// TestListedOutageLengths: several separate outages with each one's
// length in brackets ("four brief outages (5min, 1min, 6min, 2min)")
// add up to the downtime; a bracketed list after words that are not
// outages (timeouts, retry intervals) is no duration.
func TestListedOutageLengths(t *testing.T) {
	tests := []struct {
		name, line string
		want       int
		ok         bool
	}{
		{name: "minutes, commas", line: "Four brief outages (5min, 1min, 6min, 2min) were seen from 03:20 UTC.", want: 14, ok: true},
		{name: "and before the last", line: "The portal had interruptions of varying length (12 minutes, 4 minutes and 1 hour).", want: 76, ok: true},
		{name: "one length is no list", line: "There were short outages (5min) during the night.", ok: false},
		{name: "not outages", line: "The client retries with growing intervals (1min, 2min, 4min).", ok: false},
		{name: "polling periods", line: "Checks run over several polling periods (1min, 5min, 15min).", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := listedOutages(tt.line)
			if ok != tt.ok || ok && got != tt.want {
				t.Errorf("listedOutages = %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
	t.Run("beats the timeline's span", func(t *testing.T) {
		doc := "# 2031-02-06 - Website outage from a flood of requests\n\n## Impact\n\n" +
			"Four brief outages (5min, 1min, 6min, 2min) were seen from 03:20 UTC.\n\n## Timeline\n\n" +
			"- *2031-02-06 03:20*: The uptime monitor raised an alert.\n" +
			"- *2031-02-06 03:25*: The hosting provider looked into it.\n" +
			"- *2031-02-06 12:40*: We asked the provider for its logs.\n"
		rec, err := Parse("2031-02-06_website_outage.md", strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if rec.DurationMinutes == nil || *rec.DurationMinutes != 14 {
			t.Errorf("duration = %v; want 14", rec.DurationMinutes)
		}
	})
}
