package corpus

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	maxTimeline  = 2000 // entries kept per document
	maxEntryText = 600  // characters of text kept per entry
)

var (
	reStatusPosted = regexp.MustCompile(`(?i)^(?:posted|updated|published)\s+(?:on\s+)?(.{6,60})$`)
	reStatusWord   = regexp.MustCompile(`(?i)^(?:resolved|investigating|identified|monitoring|update|updated|postmortem|post-mortem|completed|scheduled|in progress|verifying|mitigated|recovering|degraded performance|partial outage|major outage)$`)
	// reClockLead is a time (or time range) that starts a timeline line
	// or a new entry inside one: "15:00 GMT:", "2:30 PM – 9:00 PM:".
	reClockLead    = regexp.MustCompile(`(?i)(?:^|\s)(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:utc|gmt|[a-z]{2,4}t)\)?)?(?:\s*[-–—]\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[a-z]{2,4}t))?)?)\s*(?::|[-–—]\s)`)
	reZoneNote     = regexp.MustCompile(`(?i)^\(?\s*(?:all\s+)?times?\b[^.]{0,40}\)?\.?$`)
	reStatusInline = regexp.MustCompile(`(?i)^(resolved|investigating|identified|monitoring|update|completed|scheduled|in progress|verifying|mitigated|postmortem)\s*(?:-|–|—|:)\s+(.+)$`)
	reTimeCol      = regexp.MustCompile(`(?i)\b(?:time|date|when|timestamp|utc|gmt)\b`)
)

// timelineState carries the date context through the document so that
// time-only entries inherit the last date seen.
type timelineState struct {
	ctx     dateCtx
	entries []TimelineEntry
	times   []time.Time // resolved entry times, zero when unknown
	last    time.Time   // the latest timed entry so far
	// noted marks a zone stated by a heading or note ("All times
	// Central"): it stays the zone of entries without one, and an
	// entry that names its own zone ("Posted 14:18 UTC") does not
	// change it for the entries after it.
	noted bool
	// pinned marks a day stated by a note for every entry that does
	// not give its own ("Unless otherwise noted, all events happened on
	// 2031-03-08"): a dated entry dates itself only, not the entries
	// after it.
	pinned bool
	// anchor is the document's own date (its title's, its header's)
	// when the timeline begins: a month and day without a year take
	// the year nearest it, so that "[12-05]" in a March incident's
	// timeline is the December before and the entries after it stay
	// in the incident's year.
	anchor dateCtx
}

func (ts *timelineState) add(st stamp, raw, text string) {
	if len(ts.entries) >= maxTimeline {
		return
	}
	text = cleanEntryText(text)
	if st.hasTime {
		// "02:00-04:30 - text": the range's end is no part of the text
		if m := reLeftClock.FindStringIndex(text); m != nil {
			text = cleanEntryText(text[m[1]:])
		}
	}
	text = clipRunes(text, maxEntryText)
	at := strings.TrimSpace(raw)
	var tt time.Time
	if ts.pinned && st.hasDate {
		// an exception to the noted day: resolve it on its own
		saved := ts.ctx
		defer func() { ts.ctx.y, ts.ctx.mo, ts.ctx.d = saved.y, saved.mo, saved.d }()
	}
	if st.hasDate && st.hasYear {
		ts.ctx.y, ts.ctx.mo, ts.ctx.d, ts.ctx.weak = st.y, st.mo, st.d, false
	} else if st.hasDate && ts.anchor.y != 0 {
		ts.ctx.y, ts.ctx.mo, ts.ctx.d = yearNear(st.mo, st.d, ts.anchor), st.mo, st.d
	} else if st.hasDate && ts.ctx.y != 0 {
		// "Dec 31" then "Jan 1": the year nearest the last date
		ts.ctx.y, ts.ctx.mo, ts.ctx.d = yearNear(st.mo, st.d, ts.ctx), st.mo, st.d
	}
	if st.zone != nil && !ts.noted {
		ts.ctx.zone = st.zone
	}
	if st.hasTime {
		if t, ok := st.resolve(ts.ctx); ok {
			if !st.hasDate && !ts.last.IsZero() && t.Before(ts.last.Add(-6*time.Hour)) {
				// "23:50 …" then "00:20 …": the log crossed midnight
				t = t.AddDate(0, 0, 1)
				ts.ctx.y, ts.ctx.mo, ts.ctx.d = t.Year(), int(t.Month()), t.Day()
			}
			tt = t
			ts.last = t
			at = t.Format(time.RFC3339)
		}
	} else if st.hasDate {
		if t, ok := st.resolve(ts.ctx); ok {
			tt = t
		}
	}
	if text == "" || reZoneNote.MatchString(text) && !hasPrefixFold(text, "time of ") {
		// a date heading or note, not an event ("Time of detection"
		// is one)
		return
	}
	ts.entries = append(ts.entries, TimelineEntry{At: at, Text: text})
	ts.times = append(ts.times, tt)
}

var (
	// reEntryMarkup is markup left in an entry's text: line breaks
	// (<br />, a run of backslashes standing alone), escaped Markdown
	// marks, footnote marks.
	reEntryMarkup = regexp.MustCompile(`(?i)<br\s*/?>|\\([*_\[\]#<>~` + "`" + `-])|\[\^?\d{1,3}\]|\[\^[\w-]{1,20}\]|(?:^|\s)\\{2,}(?:\s|$)`)
	// reEntryLead is what separates a stamp from its text.
	reEntryLead = regexp.MustCompile(`^[\s\])}>*_:|,.;–—-]+`)
)

// reLeftClock is a clock left at the start of an entry's text after
// its stamp was read: the end of a range ("02:00-04:30 - text").
var reLeftClock = regexp.MustCompile(`(?i)^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:utc|gmt|[a-z]{2,4}t)\)?)?\s*[-–—:]\s`)

// cleanEntryText strips what the stamp left before an entry's text
// ("] ", "*: ", " - ") and markup inside it.
func cleanEntryText(text string) string {
	if strings.ContainsAny(text, "<\\[") {
		text = reEntryMarkup.ReplaceAllStringFunc(text, func(m string) string {
			if strings.Trim(m, "\\ \t\n") == "" {
				return " " // a line break written as backslashes
			}
			if strings.HasPrefix(m, "\\") {
				return m[1:]
			}
			if strings.HasPrefix(m, "<") {
				return " "
			}
			return ""
		})
	}
	return reEntryLead.ReplaceAllString(normSpace(text), "")
}

// observeZone takes a zone named by a timeline heading or note ("All
// times in CET", "Timeline (UTC)") as the zone of entries without one.
func (ts *timelineState) observeZone(text string) {
	if z := docZone(text); z != "" {
		ts.ctx.zoneName, ts.ctx.zone, ts.noted = z, nil, true
		return
	}
	if m := reZoneWord.FindStringSubmatch(text); m != nil && len(text) < 120 {
		if loc := fixedZone(m[1], m[2], m[3], m[4], ts.ctx.mo); loc != nil {
			ts.noted = true
			if m[2] != "" {
				ts.ctx.zone = loc
			} else {
				ts.ctx.zoneName, ts.ctx.zone = strings.ToUpper(m[1]), nil
			}
		}
	}
}

// observe updates the date context from a block outside the timeline.
// A note that states the day of all entries pins it.
func (ts *timelineState) observe(text string) {
	if st, ok := findDate(text); ok && st.hasYear {
		ts.ctx.y, ts.ctx.mo, ts.ctx.d = st.y, st.mo, st.d
		ts.pinned = len(text) < 240 && reDayNote.MatchString(text)
	}
}

// reDayNote is a note that gives the day of every entry not dated
// otherwise: "Unless otherwise noted, all events happened on …", "All
// entries are on … unless stated otherwise".
var reDayNote = regexp.MustCompile(`(?i)\b(?:unless (?:otherwise )?(?:noted|stated|specified|indicated|mentioned|given)|unless (?:noted|stated|specified|indicated) otherwise)\b`)

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

// leadStamp returns the stamp that starts s (within its first few
// words), with the raw stamp text and the rest of s.
func leadStamp(s string) (stamp, string, string, bool) {
	// only the opening of the line counts: a date later in the sentence
	// must not hide the time that starts it
	head := s
	if len(head) > 48 {
		cut := 48
		for cut < len(head) && head[cut] >= 0x80 && head[cut] < 0xc0 {
			cut++
		}
		head = head[:cut]
	}
	if sst, n, ok := shortLeadStamp(s); ok && sst.hasDate {
		return sst, s[:n], s[n:], true // "[03-26 23:04]": month and day first
	}
	st, ok := findStamp(head)
	if !ok || st.start > 12 {
		if sst, n, ok := shortLeadStamp(s); ok {
			return sst, s[:n], s[n:], true
		}
		return st, "", "", false
	}
	// a bare year or day count is not a lead; require a date or clock
	if !st.hasTime && !st.hasDate {
		return st, "", "", false
	}
	raw := s[st.start:st.end]
	rest := s[st.end:]
	return st, raw, rest, true
}

// extractTimeline reads timeline entries from the blocks of timeline
// sections and stamped runs (timelineBlocks) — tables with a time
// column, headings that are times, lines and bullets that start with a
// date or time, code blocks of stamped lines — and from a status-page
// update log anywhere in the document. known says entries were found
// already (a status page's updates kept in its frontmatter): then the
// update log and the clocks of the narrative are not read.
func extractTimeline(blocks []block, kinds []sectionKind, ctx dateCtx, known bool) ([]TimelineEntry, []time.Time) {
	tr := timelineReader{ts: &timelineState{ctx: ctx}, blocks: blocks, kinds: kinds, timeCol: -1}
	if ctx.y != 0 && !ctx.weak && ctx.mo >= 1 && ctx.d >= 1 {
		tr.ts.anchor = ctx
	}
	tr.in = timelineBlocks(blocks, kinds)
	tr.listed = timelineListItems(blocks, kinds)
	for i, l := range tr.listed {
		if l {
			tr.in[i] = true
		}
	}
	for i := range blocks {
		if !tr.in[i] {
			tr.timeCol = -1
			continue
		}
		tr.enter(i)
		switch blocks[i].kind {
		case blockRow:
			tr.row(blocks[i])
		case blockHeading:
			tr.heading(i)
		case blockCode:
			// a log quoted under an entry's bullet is that entry's
			// evidence, not entries of its own
			if kinds[i] == secTimeline && !blocks[i].inItem {
				codeEntries(blocks[i].text, tr.ts)
			}
		case blockPara, blockItem:
			tr.line(i)
		}
	}
	if len(tr.ts.entries) == 0 && !known {
		statusUpdates(blocks, tr.ts)
	}
	if len(tr.ts.entries) == 0 && !known {
		proseClockEntries(blocks, kinds, tr.ts)
	}
	return tr.ts.entries, tr.ts.times
}

// reProseClock is a time of day a sentence says something happened at
// ("At **11:32** we deployed", "around 9:52am we noticed").
var reProseClock = regexp.MustCompile(`(?i)\b(?:at|around|about|approximately|by|until)\s+(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:utc|gmt|et|ct|pt|mt|[a-z]{2,4}t)\b)?)`)

// proseClockEntries reads, for a document with no timeline, the
// sentences of its narrative that say at what time something happened
// as its timeline — at least two of them, else none. A timeline
// section's bullets count as narrative too ("- The team was notified
// at 12:16 ET on June 16, 2031."); a date in such a bullet dates its
// clock. In a document already dated (its title, frontmatter or file
// name), a date in a prose sentence ("On 5th March, at 3:10 AM …")
// dates that sentence's clock too, a day without a year taking the
// document's; in an undated one, the opening prose's full stamp is read
// as the start instead (startFromProse).
func proseClockEntries(blocks []block, kinds []sectionKind, ts *timelineState) {
	type entry struct {
		clock, text string
		listed      bool // a timeline section's bullet
	}
	var found []entry
	for i, b := range blocks {
		if b.kind != blockPara && (b.kind != blockItem || kinds[i] != secTimeline) || kinds[i] == secActions || kinds[i] == secLessons || len(b.text) > 3000 {
			continue
		}
		for _, sent := range splitSentences(emphasisMarks.Replace(b.text)) {
			if m := reProseClock.FindStringSubmatch(sent); m != nil {
				found = append(found, entry{m[1], strings.TrimSpace(sent), b.kind == blockItem})
			}
		}
	}
	if len(found) < 2 {
		return
	}
	for _, e := range found {
		st, raw, _, ok := leadStamp(e.clock + " - x")
		if !ok || !st.hasTime {
			continue
		}
		if d, ok := findDate(e.text); ok && (e.listed || ts.ctx.y != 0) {
			st.y, st.mo, st.d, st.hasDate, st.hasYear = d.y, d.mo, d.d, true, d.hasYear
			if d.hasYear {
				raw = e.text[d.start:d.end] + " " + raw
			}
		}
		prev, n := ts.last, len(ts.times)
		ts.add(st, raw, e.text)
		if len(ts.times) > n && !reAMPM.MatchString(e.clock) && st.h >= 1 && st.h < 12 && !prev.IsZero() {
			// "at 1:00 PM …" then "resolved at 4:00": the afternoon
			if t := ts.times[n]; t.Before(prev.Add(-6*time.Hour)) && t.Add(12*time.Hour).After(prev) {
				t = t.Add(12 * time.Hour)
				ts.times[n], ts.entries[n].At, ts.last = t, t.Format(time.RFC3339), t
			}
		}
	}
}

// timelineReader walks a document's timeline blocks.
type timelineReader struct {
	ts     *timelineState
	blocks []block
	kinds  []sectionKind
	in     []bool // the blocks read as timeline
	// listed marks the items of a list under a timeline label or
	// heading, which may give their stamp last ("- Resolved
	// 2031-05-02 14:10").
	listed   []bool
	timeCol  int // the time column of the current table, or -1
	observed int // blocks before this index were looked at for dates
}

// enter notes block i of a timeline. Entering a timeline, the latest
// date written before it is the date of its time-only entries.
func (tr *timelineReader) enter(i int) {
	ts := tr.ts
	if tr.observed < i && (ts.ctx.y == 0 || ts.ctx.weak) {
		for j := i - 1; j >= tr.observed && j >= i-30; j-- {
			if tr.blocks[j].kind == blockCode || tr.in[j] {
				continue
			}
			if st, ok := findDate(tr.blocks[j].text); ok && st.hasYear {
				ts.ctx.y, ts.ctx.mo, ts.ctx.d, ts.ctx.weak = st.y, st.mo, st.d, false
				break
			}
		}
	}
	tr.observed = i + 1
}

// row reads a table row: a header names the time column; a data row is
// an entry of its time cell and the other cells.
func (tr *timelineReader) row(b block) {
	if b.header {
		tr.timeCol = -1
		for j, c := range b.cells {
			if reTimeCol.MatchString(c) {
				tr.timeCol = j
				break
			}
		}
		return
	}
	col := tr.timeCol
	if col < 0 || col >= len(b.cells) {
		col = -1
		for j, c := range b.cells {
			if _, ok := findStamp(c); ok {
				col = j
				break
			}
		}
	}
	if col < 0 {
		return
	}
	var rest []string
	for j, c := range b.cells {
		if j != col && c != "" {
			rest = append(rest, c)
		}
	}
	cell := b.cells[col]
	st, ok := findStamp(cell)
	if !ok && strings.TrimSpace(cell) == "" && len(rest) == 0 {
		return
	}
	tr.ts.add(st, cell, strings.Join(rest, " | "))
}

// heading reads a heading that is a time: the heading's text, else the
// paragraph under it, is the entry; a bare date heading over
// time-stamped lines only dates them.
func (tr *timelineReader) heading(i int) {
	b := tr.blocks[i]
	st, raw, rest, ok := leadStamp(b.text)
	if !ok {
		if mo, d, ok := yearlessDay(b.text); ok {
			// "## Nov 26" over clock-only rows: their day, in the
			// year nearest the document's own date
			ref := ts0(tr.ts)
			if ref.y != 0 {
				tr.ts.ctx.y, tr.ts.ctx.mo, tr.ts.ctx.d, tr.ts.ctx.weak = yearNear(mo, d, ref), mo, d, false
				return
			}
		}
		if b.hk == secTimeline {
			tr.ts.observe(b.text)
			tr.ts.observeZone(b.text)
		}
		return
	}
	text := rest
	if j := i + 1; strings.TrimSpace(strings.TrimLeft(rest, ":-–— ")) == "" && j < len(tr.blocks) && tr.blocks[j].kind != blockHeading {
		if _, _, _, own := leadStamp(tr.blocks[j].text); own && tr.in[j] {
			tr.ts.add(st, raw, "")
			return
		}
		text = tr.blocks[j].text
	}
	tr.ts.add(st, raw, text)
}

// line reads a line or bullet that starts with a stamp; others may set
// the date or zone of later entries.
func (tr *timelineReader) line(i int) {
	line := tr.blocks[i].text
	if tr.listed[i] {
		// "- First detected 2031-05-02 13:40", "- Resolved 2031-05-02
		// 14:10": the event, then its stamp
		// "- **Incident start:** 2031-05-02 13:40 UTC": the label,
		// then its stamp
		if st, raw, label, ok := labelStamp(emphasisMarks.Replace(line)); ok {
			tr.ts.add(st, raw, label)
			return
		}
		if st, raw, msg, ok := trailingStamp(emphasisMarks.Replace(line)); ok {
			tr.ts.add(st, raw, msg)
			return
		}
	}
	st, raw, rest, ok := leadStamp(line)
	if !ok {
		tr.ts.observe(line) // "2015-10-21 (all times UTC)" and the like
		tr.ts.observeZone(line)
		return
	}
	// "2021-03-04:" over bullets without stamps: one entry, dated
	if strings.TrimSpace(strings.Trim(rest, ":-–— ")) == "" && i+1 < len(tr.blocks) && tr.blocks[i+1].kind == blockItem {
		if _, _, _, own := leadStamp(tr.blocks[i+1].text); !own {
			tr.ts.add(st, raw, tr.blocks[i+1].text)
			return
		}
	}
	// several "time: text" entries on one scraped line
	segs := splitClockEntries(rest)
	tr.ts.add(st, raw, segs[0].text)
	for _, sg := range segs[1:] {
		cst, _ := findClock(sg.raw, 0)
		tr.ts.add(cst, sg.raw, sg.text)
	}
}

// reShortLead are the short stamps log-style timelines open lines with:
// "[03-26 23:04]" (month-day and clock, no year), "0401 UTC", "10.42 –"
// and "10h42:".
var reShortLead = regexp.MustCompile(`^\[?(?:(\d{2})[-/](\d{2})\s+(\d{1,2}):(\d{2})|([01]\d|2[0-3])([0-5]\d)\s*(?:utc|gmt|z)\b|(\d{1,2})[.h]([0-5]\d))\]?(?:\s*[-–—:|]\s*|\s+)`)

// shortLeadStamp reads a short stamp at the start of s; n is its length
// with the separator after it.
func shortLeadStamp(s string) (stamp, int, bool) {
	m := reShortLead.FindStringSubmatchIndex(strings.ToLower(s[:min(len(s), 32)]))
	if m == nil {
		return stamp{}, 0, false
	}
	g := groups(s, m)
	var st stamp
	switch {
	case g[1] != "":
		mo, d := atoi(g[1]), atoi(g[2])
		if !validDate(2000, mo, d) {
			return stamp{}, 0, false
		}
		st = stamp{mo: mo, d: d, hasDate: true, h: atoi(g[3]), mi: atoi(g[4]), hasTime: true}
	case g[5] != "":
		st = stamp{h: atoi(g[5]), mi: atoi(g[6]), hasTime: true, zone: time.UTC}
	default:
		st = stamp{h: atoi(g[7]), mi: atoi(g[8]), hasTime: true}
	}
	if st.h > 23 || st.mi > 59 {
		return stamp{}, 0, false
	}
	st.start, st.end = 0, m[1]
	return st, m[1], true
}

// minTimelineRun is how many time-stamped lines in a row make a
// timeline outside a timeline section.
const minTimelineRun = 3

// timelineBlocks marks the blocks read as timeline: those of timeline
// sections, and runs of at least minTimelineRun lines, bullets or rows
// that each start with a time or a dated stamp, under any heading but
// action items (with the day heading just above such a run).
func timelineBlocks(blocks []block, kinds []sectionKind) []bool {
	in := make([]bool, len(blocks))
	for i := range blocks {
		in[i] = kinds[i] == secTimeline
	}
	pasted := transcriptBlocks(blocks)
	for i := 0; i < len(blocks); {
		if in[i] || kinds[i] == secActions || pasted[i] || !stampedLine(blocks[i]) {
			i++
			continue
		}
		j, n := i, 0
		for j < len(blocks) && !in[j] && kinds[j] == kinds[i] {
			b := blocks[j]
			if stampedLine(b) {
				n++
			} else if !(b.kind == blockItem && b.level > 1 || b.kind == blockHeading && dayHeading(b)) {
				break
			}
			j++
		}
		if n >= minTimelineRun {
			if i > 0 && blocks[i-1].kind == blockHeading && dayHeading(blocks[i-1]) {
				in[i-1] = true
			}
			for k := i; k < j; k++ {
				in[k] = true
			}
		}
		i = max(j, i+1)
	}
	clockHeadingRuns(blocks, kinds, pasted, in)
	return in
}

// minClockHeadings is how many headings that are only a time, in a
// row, make a timeline outside a timeline section.
const minClockHeadings = 2

// clockHeadingRuns marks runs of headings that are only a time of day
// ("### 14:05 UTC"), each over a paragraph that tells what happened
// then, outside a timeline section: an update log written as headings.
// The headings of a run are at one level with no other heading between
// them; the paragraph under each becomes its entry (timelineReader.heading).
func clockHeadingRuns(blocks []block, kinds []sectionKind, pasted, in []bool) {
	var run []int
	flush := func() {
		if len(run) >= minClockHeadings {
			for _, k := range run {
				in[k] = true
			}
		}
		run = run[:0]
	}
	for i, b := range blocks {
		if b.kind != blockHeading {
			continue
		}
		ok := !in[i] && !pasted[i] && kinds[i] != secActions && clockHeading(blocks, i)
		if !ok || len(run) > 0 && blocks[run[0]].level != b.level {
			flush()
		}
		if ok {
			run = append(run, i)
		}
	}
	flush()
}

// clockHeading reports whether heading i is only a time of day, no
// date, with a paragraph of prose under it. (A heading of a date and
// time is a status page's update head, read by statusUpdates.)
func clockHeading(blocks []block, i int) bool {
	b := blocks[i]
	if len(b.text) > 40 || !hasDigit(b.text) || i+1 >= len(blocks) || blocks[i+1].kind != blockPara {
		return false
	}
	st, _, rest, ok := leadStamp(b.text)
	if !ok || !st.hasTime || st.hasDate || st.start > 0 || strings.TrimSpace(strings.Trim(rest, ":-–—() ")) != "" {
		return false
	}
	_, _, _, own := leadStamp(blocks[i+1].text)
	return !own
}

// timelineListItems marks the items of a list under a timeline label
// or heading ("- **Key events**" over nested bullets, "## Timeline"
// over a bullet list) when they all end with a full date and time
// stamp, at least two of them: the event is written first, its stamp
// last.
func timelineListItems(blocks []block, kinds []sectionKind) []bool {
	out := make([]bool, len(blocks))
	mark := func(from, to int) {
		n := 0
		for k := from; k < to; k++ {
			if _, _, _, ok := trailingStamp(emphasisMarks.Replace(blocks[k].text)); ok {
				n++
			} else if _, _, _, ok := labelStamp(emphasisMarks.Replace(blocks[k].text)); ok {
				n++
			} else if _, _, _, lead := leadStamp(blocks[k].text); !lead {
				return
			}
		}
		if n < 2 {
			return
		}
		for k := from; k < to; k++ {
			out[k] = true
		}
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch {
		case b.kind == blockItem && b.checked < 0:
			// "- **Key events**" (or "- Timeline:") over nested items
			label := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(emphasisMarks.Replace(b.text)), ":"))
			if len(label) > maxLabelLen || classifyHeading(label) != secTimeline {
				continue
			}
			j := i + 1
			for j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level == b.level+1 {
				j++
			}
			mark(i+1, j)
			i = j - 1
		case b.kind == blockHeading && kinds[i] == secTimeline || b.kind == blockPara && labelKind(b) == secTimeline:
			// a timeline heading or "Timeline:" line over one flat list
			j := i + 1
			for j < len(blocks) && blocks[j].kind == blockItem && blocks[j].level == 1 {
				j++
			}
			mark(i+1, j)
		}
	}
	return out
}

// reTranscriptHeading is a heading over pasted material, not the
// incident's timeline: an appendix, a chat log, a transcript, a
// discussion thread ("Appendix", "#ops chat log", "IRC transcript",
// "Slack thread").
var reTranscriptHeading = regexp.MustCompile(`(?i)^(?:appendix|appendices)\b|\b(?:chat|slack|irc|discord|matrix|zulip|teams|mattermost)\s+(?:logs?|transcripts?|threads?|history|messages|conversations?|excerpts?)$|\b(?:transcripts?|chat ?logs?|threads?)$`)

// transcriptEnds are the last words reTranscriptHeading can end on, a
// cheap test before the regexp (most headings end on none of them).
var transcriptEnds = []string{"log", "logs", "chatlog", "chatlogs", "transcript", "transcripts", "thread", "threads", "history", "messages", "conversation", "conversations", "excerpt", "excerpts"}

// isTranscriptHeading reports whether a normalised heading is one of
// pasted material (reTranscriptHeading).
func isTranscriptHeading(n string) bool {
	if !strings.HasPrefix(n, "appendi") {
		last := n[strings.LastIndexByte(n, ' ')+1:]
		if !slices.Contains(transcriptEnds, last) {
			return false
		}
	}
	return reTranscriptHeading.MatchString(n)
}

// transcriptBlocks marks the blocks under a heading of pasted material
// (reTranscriptHeading) down to the next heading of its level or
// above: their stamped lines are messages, not timeline entries.
func transcriptBlocks(blocks []block) []bool {
	return blocksUnder(blocks, isTranscriptHeading, true)
}

// stampedLine reports whether a line, bullet or row starts with a time
// of day, or with a full date.
func stampedLine(b block) bool {
	text := b.text
	switch b.kind {
	case blockRow:
		if b.header || len(b.cells) < 2 {
			return false
		}
		text = b.cells[0]
	case blockPara, blockItem:
	default:
		return false
	}
	if !hasDigit(text[:min(len(text), 24)]) {
		return false
	}
	st, _, rest, ok := leadStamp(text)
	return ok && (st.hasTime || st.hasDate && st.hasYear) && strings.TrimSpace(rest) != ""
}

// dayHeading reports whether a heading is only a date ("2017-08-28",
// "Tuesday, March 5").
func dayHeading(b block) bool {
	st, _, rest, ok := leadStamp(b.text)
	return ok && st.hasDate && len(strings.TrimSpace(rest)) < 12
}

// maxCodeLines bounds the lines of one code block read as entries.
const maxCodeLines = 2000

// codeEntries reads a timeline kept in a code block: one entry per
// line, when at least minTimelineRun lines and most of them open with a
// stamp (a log excerpt, whose lines open with a level or a bracket, is
// not a timeline).
func codeEntries(code string, ts *timelineState) {
	type entry struct {
		st       stamp
		raw, txt string
	}
	var entries []entry
	lines := 0
	for n, line := range strings.Split(code, "\n") {
		if n >= maxCodeLines {
			break
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lines++
		if st, raw, rest, ok := leadStamp(line); ok && st.start == 0 && (st.hasTime || st.hasDate) {
			entries = append(entries, entry{st, raw, rest})
		}
	}
	if len(entries) < minTimelineRun || len(entries)*5 < lines*4 {
		return
	}
	for _, e := range entries {
		ts.add(e.st, e.raw, e.txt)
	}
}

type clockSeg struct{ raw, text string }

// splitClockEntries splits "text 2:30 PM – 9:00 PM: more 5:00 PM: end"
// into the first text and the later time-led entries.
func splitClockEntries(s string) []clockSeg {
	locs := reClockLead.FindAllStringSubmatchIndex(s, 50)
	var out []clockSeg
	prev := 0
	first := clockSeg{}
	for k, m := range locs {
		if m[0] == 0 && k == 0 {
			continue
		}
		if len(out) == 0 {
			first.text = s[:m[0]]
		} else {
			out[len(out)-1].text = s[prev:m[0]]
		}
		out = append(out, clockSeg{raw: s[m[2]:m[3]]})
		prev = m[1]
	}
	if len(out) == 0 {
		return []clockSeg{{text: s}}
	}
	out[len(out)-1].text = s[prev:]
	return append([]clockSeg{first}, out...)
}

// statusUpdates reads a status page's update log: a status word
// ("Resolved", "Investigating"…), its message, and a "Posted <date>"
// line, into timeline entries.
func statusUpdates(blocks []block, ts *timelineState) {
	if clockLedUpdates(blocks, ts) {
		return
	}
	for i, b := range blocks {
		if statusHeadEntry(blocks, i, ts) || stampOnlyEntry(blocks, i, ts) {
			continue
		}
		m := reStatusPosted.FindStringSubmatch(b.text)
		if m == nil {
			// "Resolved - This incident has been resolved. Mar 5,
			// 01:10 UTC": a status page's history, the stamp last
			if sm := reStatusInline.FindStringSubmatch(emphasisMarks.Replace(b.text)); sm != nil {
				if st, raw, msg, ok := trailingStamp(sm[2]); ok {
					ts.add(st, raw, sm[1]+": "+msg)
				}
			} else if b.kind == blockPara && trailingTag(b.text) {
				// a status-page generator's update without a status
				// word: "… still ongoing. {{< track "2031-05-14 05:30" >}}"
				if st, raw, msg, ok := trailingStamp(b.text); ok {
					ts.add(st, raw, msg)
				}
			} else if b.kind == blockPara || b.kind == blockItem {
				// the same stamp inside the update, or one per bullet:
				// "- Nodes are back {{< track "…" >}}. Watching."
				if st, raw, msg, ok := tagStamp(b.text); ok {
					ts.add(st, raw, msg)
				}
			}
			continue
		}
		st, ok := findStamp(m[1])
		if !ok || !st.hasDate {
			continue
		}
		// "Resolved - This incident has been resolved." just before
		if i > 0 {
			if sm := reStatusInline.FindStringSubmatch(blocks[i-1].text); sm != nil {
				ts.add(st, m[1], sm[1]+": "+sm[2])
				continue
			}
		}
		// walk back to the status word
		var msg []string
		status := ""
		for j := i - 1; j >= 0 && j >= i-2000; j-- {
			t := strings.TrimSpace(blocks[j].text)
			if reStatusWord.MatchString(t) {
				status = t
				break
			}
			if reStatusPosted.MatchString(t) {
				break
			}
			msg = append(msg, t)
		}
		if len(msg) > 3 { // a long postmortem body: keep its opening
			msg = msg[len(msg)-1:]
		}
		if status == "" {
			continue
		}
		for l, r := 0, len(msg)-1; l < r; l, r = l+1, r-1 {
			msg[l], msg[r] = msg[r], msg[l]
		}
		text := status
		if len(msg) > 0 {
			text += ": " + strings.Join(msg, " ")
		}
		ts.add(st, m[1], text)
	}
}

// clockLedUpdates reads a dated status page's updates that each open
// with a line giving only their time of day ("17:00 GMT", then the
// message in the paragraph under it), the day the document's own: at
// least two such updates, else none is read.
func clockLedUpdates(blocks []block, ts *timelineState) bool {
	if ts.anchor.y == 0 {
		return false
	}
	type entry struct {
		st       stamp
		raw, txt string
	}
	var found []entry
	for i, b := range blocks {
		st, raw, ok := clockOnly(b)
		if !ok || i+1 >= len(blocks) || blocks[i+1].kind != blockPara {
			continue
		}
		next := strings.TrimSpace(blocks[i+1].text)
		if _, _, ok := clockOnly(blocks[i+1]); ok || next == "" {
			continue
		}
		found = append(found, entry{st, raw, next})
	}
	if len(found) < 2 {
		return false
	}
	for _, e := range found {
		ts.add(e.st, e.raw, e.txt)
	}
	return true
}

// clockOnly reads a plain paragraph that is only a time of day, perhaps
// with its zone ("17:00 GMT", "9:40 am").
func clockOnly(b block) (stamp, string, bool) {
	t := strings.TrimSpace(b.text)
	if b.kind != blockPara || len(t) > 24 || !hasDigit(t) {
		return stamp{}, "", false
	}
	st, ok := findStamp(t)
	if !ok || !st.hasTime || st.hasDate || st.start > 0 || strings.IndexFunc(t[st.end:], isLetterOrDigitRune) >= 0 {
		return stamp{}, "", false
	}
	return st, t[st.start:st.end], true
}

// trailingTag reports whether text ends in a template tag ('{{< track
// "…" >}}', '{% update "…" %}'), the way status-page generators stamp
// each update.
func trailingTag(text string) bool {
	text = strings.TrimSpace(text)
	return strings.HasSuffix(text, "}}") && strings.Contains(text, "{{") || strings.HasSuffix(text, "%}") && strings.Contains(text, "{%")
}

// reTemplateTag is a status-page generator's template tag: '{{< … >}}',
// '{{% … %}}', '{% … %}'.
var reTemplateTag = regexp.MustCompile(`\{\{[<%][^{}]{1,120}?[>%]\}\}|\{%[^{}%]{1,120}%\}`)

// tagStamp reads a template tag that stamps an update anywhere in its
// text ("Nodes are back {{< track "2031-05-02 10:15" >}}. More to
// follow."): the first tag holding a full date and time, and the text
// with the tag taken out.
func tagStamp(text string) (st stamp, raw, msg string, ok bool) {
	for _, loc := range reTemplateTag.FindAllStringIndex(text, 8) {
		tag := text[loc[0]:loc[1]]
		st, ok = findStamp(tag)
		if !ok || !st.hasDate || !st.hasYear || !st.hasTime {
			continue
		}
		before := strings.TrimSpace(text[:loc[0]])
		after := strings.TrimSpace(text[loc[1]:])
		switch {
		case after == "":
			msg = before
		case strings.IndexFunc(after[:1], isLetterOrDigitRune) < 0 && !strings.HasPrefix(after, "("):
			// the sentence's stop after the tag: "… back {{…}}. More"
			msg = before + after
		case before != "" && after[0] >= 'A' && after[0] <= 'Z' && !strings.ContainsAny(before[len(before)-1:], ".!?:;,"):
			// a new sentence after the tag (the message went on on a
			// new line): "… by hand {{…}} The backlog …"
			msg = before + ". " + after
		default:
			msg = before + " " + after
		}
		msg = strings.TrimSpace(reTemplateTag.ReplaceAllString(msg, ""))
		if msg == "" {
			return stamp{}, "", "", false
		}
		return st, tag[st.start:st.end], msg, true
	}
	return stamp{}, "", "", false
}

// trailingStamp reads a dated stamp that ends text ("… has been
// resolved. Mar 5, 01:10 UTC"): the stamp, its text and the text before
// it.
func trailingStamp(text string) (st stamp, raw, msg string, ok bool) {
	text = strings.TrimSpace(text)
	from := max(0, len(text)-40)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	tail := text[from:]
	st, ok = findStamp(tail)
	if !ok || !st.hasDate || !st.hasTime || strings.IndexFunc(tail[st.end:], isLetterOrDigitRune) >= 0 {
		return stamp{}, "", "", false
	}
	msg = strings.TrimSpace(text[:from+st.start])
	// a template tag around the stamp ('{{< track "…" >}}')
	for _, open := range []string{"{{", "{%"} {
		if k := strings.LastIndex(msg, open); k >= 0 && !strings.Contains(msg[k:], "}") {
			msg = strings.TrimSpace(msg[:k])
		}
	}
	if msg == "" {
		return stamp{}, "", "", false
	}
	return st, tail[st.start:st.end], msg, true
}

// reRangeEnd is the end of a range after a stamp ("-02:43 UTC"), and
// reOnwards a word that leaves the stamp open ("onwards", "ongoing").
var (
	reRangeEnd      = regexp.MustCompile(`(?i)^\s*(?:[-–—]|to|until)\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:utc|gmt|[a-z]{2,4}t|z)\)?)?`)
	reOnwards       = regexp.MustCompile(`(?i)^\s*(?:onwards?|and after|ongoing|and later)\b\.?`)
	reStampTailNote = regexp.MustCompile(`^\s*\(([^()]{1,60})\)\s*$`)
)

// labelStamp reads a label-first list item, "Incident start: 2031-03-02
// 08:25 UTC" (the label often bold): a short label, then a full date
// and time stamp opening the value, perhaps a range ("08:25-09:10 UTC")
// or "onwards" and a short note in brackets after it. The entry's text
// is the label, with the note.
func labelStamp(text string) (st stamp, raw, label string, ok bool) {
	key, val, ok := splitKeyLine(strings.TrimSpace(text))
	if !ok || len(strings.Fields(key)) > 6 {
		return stamp{}, "", "", false
	}
	st, ok = findStamp(val)
	if !ok || st.start != 0 || !st.hasDate || !st.hasTime {
		return stamp{}, "", "", false
	}
	raw = val[:st.end]
	rest := val[st.end:]
	if m := reRangeEnd.FindStringIndex(rest); m != nil {
		if end, ok := findClock(rest[:m[1]], 0); ok && st.zone == nil && st.zoneWord == "" {
			st.zone, st.zoneWord = end.zone, end.zoneWord // "08:25-09:10 UTC"
		}
		raw += rest[:m[1]]
		rest = rest[m[1]:]
	}
	if m := reOnwards.FindStringIndex(rest); m != nil {
		rest = rest[m[1]:]
	}
	label = key
	if strings.TrimSpace(rest) != "" {
		m := reStampTailNote.FindStringSubmatch(rest)
		if m == nil {
			return stamp{}, "", "", false
		}
		label += " (" + strings.TrimSpace(m[1]) + ")"
	}
	return st, raw, label, true
}

// stampOnlyEntry reads block i as a status update whose head is only
// its full stamp, bold, over the paragraph of its message:
// "**2031-05-14T05:30:00Z**" then "The mirror is back to normal.", the
// way some status-page generators write each update.
func stampOnlyEntry(blocks []block, i int, ts *timelineState) bool {
	b := blocks[i]
	if b.kind != blockPara || len(b.text) > 64 || i+1 >= len(blocks) || blocks[i+1].kind != blockPara {
		return false
	}
	t := strings.TrimSpace(b.text)
	switch {
	case len(t) > 4 && (strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") || strings.HasPrefix(t, "__") && strings.HasSuffix(t, "__")):
		t = strings.TrimSpace(t[2 : len(t)-2]) // plain text keeps its marks
	case strings.TrimSpace(b.bold) != t:
		return false
	}
	st, ok := findStamp(t)
	if !ok || !st.hasDate || !st.hasYear || !st.hasTime || st.start > 0 || strings.IndexFunc(t[st.end:], isLetterOrDigitRune) >= 0 {
		return false
	}
	next := strings.TrimSpace(blocks[i+1].text)
	if next == "" {
		return false
	}
	ts.add(st, t[st.start:st.end], next)
	return true
}

// reStatusHead is a status update's head line that gives the status
// and its time: "## Resolved 2031-01-04 4:00p", "Investigating - 9:15a",
// "Monitoring | Mar 5, 01:10 UTC". "Resolved: <stamp>" is a key line
// of the incident's window, not an update.
var reStatusHead = regexp.MustCompile(`(?i)^(resolved|investigating|identified|monitoring|update|updated|completed|verifying|mitigated|recovering)\s*(?:[-–—|]\s*)?(.{4,48})$`)

// statusHeadEntry reads block i as a status update's head line
// (reStatusHead), its message the block under it; the time must be
// all that follows the status word, and a clock without a date needs
// the document's day.
func statusHeadEntry(blocks []block, i int, ts *timelineState) bool {
	b := blocks[i]
	if b.kind != blockHeading && b.kind != blockPara && b.kind != blockItem || len(b.text) > 64 || !hasDigit(b.text) {
		return false
	}
	m := reStatusHead.FindStringSubmatch(emphasisMarks.Replace(strings.TrimSpace(b.text)))
	if m == nil {
		return false
	}
	st, ok := findStamp(m[2])
	if !ok || !st.hasTime || !st.hasDate && ts.ctx.y == 0 || st.start > 0 || strings.IndexFunc(m[2][st.end:], isLetterOrDigitRune) >= 0 {
		return false
	}
	text := m[1]
	if j := i + 1; j < len(blocks) && blocks[j].kind != blockHeading && !reStatusHead.MatchString(emphasisMarks.Replace(strings.TrimSpace(blocks[j].text))) {
		text += ": " + blocks[j].text
	}
	ts.add(st, m[2][st.start:st.end], text)
	return true
}

func isLetterOrDigitRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ts0 is the date a yearless day takes its year near: the document's
// own date, else the last date seen.
func ts0(ts *timelineState) dateCtx {
	if ts.anchor.y != 0 {
		return ts.anchor
	}
	return ts.ctx
}

// reYearlessDay is a heading that is only a month and day: "Nov 26",
// "November 26th", "26 Nov", "Tuesday, Nov 26".
var reYearlessDay = regexp.MustCompile(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `)\s*:?$`)

// yearlessDay reads a heading that is only a month and day.
func yearlessDay(text string) (mo, d int, ok bool) {
	text = strings.TrimSpace(text)
	if len(text) > 32 || !hasDigit(text) {
		return 0, 0, false
	}
	m := reYearlessDay.FindStringSubmatch(text)
	if m == nil {
		return 0, 0, false
	}
	if m[1] != "" {
		mo, d = int(monthNames[strings.ToLower(m[1])]), atoi(m[2])
	} else {
		mo, d = int(monthNames[strings.ToLower(m[4])]), atoi(m[3])
	}
	return mo, d, validDate(2000, mo, d)
}

// hasPrefixFold reports whether s begins with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
