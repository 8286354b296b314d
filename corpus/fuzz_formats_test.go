package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkup feeds arbitrary text to the AsciiDoc, reStructuredText and
// MDX readers: they never panic, never grow the text by more than a few
// marks per line, and the MDX reader's body is the end of its input.
func FuzzMarkup(f *testing.F) {
	for _, s := range []string{
		"= T\n:revdate: 2024-01-01\n\n== S\n\n. a\n.. b\n* c\n** d\n----\ncode\n", "=====\nT\n=====\n\nS\n-\n\n.. x::\n#. a\n",
		"import a from 'b'\nexport const meta = {\n title: 'x',\n}\n\n# H\n", "export default {title: `t`", "----\n", "\n=\n=\n",
		"export const x = " + strings.Repeat("{", 300) + "\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Count(text, "\n") + 1
		limit := len(text) + 24*lines + 8
		if md, _ := asciidocToMarkdown(text); len(md) > limit {
			t.Errorf("asciidoc grew %d -> %d bytes", len(text), len(md))
		}
		if md := rstToMarkdown(text); len(md) > limit {
			t.Errorf("rst grew %d -> %d bytes", len(text), len(md))
		}
		body, fm := mdxPreamble(text)
		if !strings.HasSuffix(text, body) {
			t.Errorf("mdx body %q is not the end of %q", body, text)
		}
		if title, ok := fm["title"].(string); ok && !strings.Contains(text, title) && utf8.ValidString(text) {
			t.Errorf("mdx title %q not in the text", title)
		}
	})
}

// FuzzTimeReaders feeds arbitrary lines to the stamp, duration and entry
// readers: they never panic, durations stay in range, a short stamp is a
// real time of day, and entry text never starts with a separator.
func FuzzTimeReaders(f *testing.F) {
	for _, s := range []string{
		"[03-26 23:04] disk full", "0401 UTC - start", "10.42 – errors", "for about 2 and a half hours the site was down",
		"Between 2024-01-01 10:00 UTC and 2024-01-02 11:00 UTC nothing worked", "approximately 79 minutes of errors", "] *: x<br />y\\*[^1]",
		"2024-07-10 09:00 PST", "Pacific-25", "an hour and a half outage",
		"Impact window: 2031-03-08 22:00 UTC – 2031-03-09 01:30 UTC", "Duration: PT1H30M", "Duration: 1:45",
		"The outage began at 14:02 UTC and ended at 15:10 UTC.", "down for roughly 1h45m", "18h05 CEST", "restored in under twenty-two hours",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if d, ok := proseDuration(line); ok && (d <= 0 || d > maxDurationMinutes) {
			t.Errorf("proseDuration(%q) = %d", line, d)
		}
		if st, n, ok := shortLeadStamp(line); ok && (st.h > 23 || st.mi > 59 || n > len(line)) {
			t.Errorf("shortLeadStamp(%q) = %+v, %d", line, st, n)
		}
		if txt := cleanEntryText(line); txt != "" && strings.ContainsAny(txt[:1], "]):|*") {
			t.Errorf("cleanEntryText(%q) = %q", line, txt)
		}
		if d, ok := keyDuration(line); ok && (d <= 0 || d > maxDurationMinutes) {
			t.Errorf("keyDuration(%q) = %d", line, d)
		}
		parseTimeValue(line, dateCtx{y: 2024, mo: 2, d: 29})
		if st, ok := numericDate(line); ok && (!validDate(st.y, st.mo, st.d) || st.start < 0 || st.start >= st.end || st.end > len(line)) {
			t.Errorf("numericDate(%q) = %+v", line, st)
		}
		for _, n := range numericDates(line) {
			if !(0 <= n.a0 && n.a0 < n.a1 && n.a1 < n.b0 && n.b0 < n.b1 && n.b1 < n.end && n.end <= len(line)) {
				t.Errorf("numericDates(%q): %+v", line, n)
			}
		}
	})
}

// FuzzReadmeIsReport feeds arbitrary text to the test that tells an
// incident written into a read-me from a collection's front page: it
// never panics, and a text that lists links to three documents of the
// collection is a front page whatever else it says.
func FuzzReadmeIsReport(f *testing.F) {
	for _, s := range []string{
		"# Outage\n\nOn May 8, 2024 our API went down. We found the disk was full and the service failed for an hour.\n",
		"# Postmortems\n\n- [One](2024-01-01.md)\n- [Two](2024-02-01.md)\n",
		"```\n- [x](y.md)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		readmeIsReport(text)
		if strings.Contains(text, "```") || strings.Contains(text, "~~~") {
			return // an open fence would swallow the links below
		}
		index := text + "\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n"
		if readmeIsReport(index) {
			t.Errorf("a text that links to three documents is a report: %q", index)
		}
	})
}

// FuzzLoadDefaults feeds arbitrary YAML to the folder-defaults reader: it
// never panics and what it accepts validates.
func FuzzLoadDefaults(f *testing.F) {
	for _, s := range []string{"organization: A\ntimezone: CET\nservices: [a, b]\n", "timezone: Europe/Berlin", "x: 1", "services: {a: b}", "[", aliasBomb()} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := LoadDefaults(strings.NewReader(text))
		if err == nil && d.Validate() != nil {
			t.Errorf("accepted defaults do not validate: %+v", d)
		}
	})
}
