package corpus

import (
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	reStartKey      = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:incident |outage |impact |problem )?(?:start(?:ed|s)?(?: time| at| date)?|began|begin(?:ning)?|offline|down since|impact start(?:ed)?|outage start(?:ed|s)?|incident start(?:ed)?|(?:start|beginning) of (?:the )?(?:outage|incident|impact|disruption)|occurred(?: at| on)?|date of (?:incident|outage)|incident date|date ?/ ?time|date and time)\s*[:=\-–]\s*(.+)$`)
	reDetectKey     = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:first detected|detected(?: at| on)?|detection(?: time)?|time detected|first (?:reported|noticed)|identified(?: at)?|alerted(?: at)?)\s*[:=\-–]\s*(.+)$`)
	reEndKey        = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:incident |outage |impact )?(?:end(?:ed|s)?(?: time| at| date)?|(?:end|close) of (?:the )?(?:outage|incident|impact|disruption)|resolved(?: at| on)?|resolution time|online|back online|restored(?: at)?|recovered(?: at)?|service restored|fixed(?: at)?|all clear|mitigated(?: at)?)\s*[:=\-–]\s*(.+)$`)
	reFileDate      = regexp.MustCompile(`(?:^|[^\d])(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?:[^\d]|$)`)
	reResolvedWords = regexp.MustCompile(`(?i)\b(?:resolved|restored|recovered|back to normal|fully operational|operational|all clear|fixed|mitigated|back online|verified|return(?:s|ed)? to normal|returned to (?:normal )?service|service (?:was |is )?restored|healthy again|working again|closed|(?:incident|outage|impact|disruption|downtime) (?:ends|ended))\b`)
)

// reDetectWords mark a timeline entry where the problem was noticed.
var reDetectWords = regexp.MustCompile(`(?i)\b(?:alert(?:ed|s)?|page[sd]?|paging|detected|detects|noticed|notices|reported|reports|discovered|escalat\w*|acknowledge[sd]?|on-?call|investigat\w*)\b`)

// reRangeKey are keys whose value may be a time range.
var reRangeKey = regexp.MustCompile(`(?i)^(?:time|times|when|window|period|outage|date|date ?/ ?time|date (?:and|&) time|time ?/ ?date|(?:incident|outage) date|(?:time|outage|impact|incident|downtime) window|impact|duration|outage time|time of (?:incident|outage))$`)

// Frontmatter keys of start, detection and end times. Status-page
// generators write "resolvedWhen" or "resolvedDate" (lower-cased on reading).
var (
	fmStartKeys = []string{"start_time", "started_at", "start", "started", "began", "startedat", "start_date",
		"occurred_at", "occurred", "occurred_on", "incident_start", "incident_started_at", "impact_start", "impact_started_at", "outage_start"}
	fmDetectKeys = []string{"detected_at", "detected", "detection_time"}
	fmEndKeys    = []string{"end_time", "resolved_at", "end", "ended_at", "ended", "resolvedwhen", "resolved_when", "resolvedat", "resolveddate", "resolved_date", "end_date", "resolved"}
	// the incident's own day first: "date" is often when the post was
	// written
	fmDateKeys = []string{"incident_date", "outage_date", "date"}
)

// reMonthYear is a month named with its year and no day: "March 2031".
var reMonthYear = regexp.MustCompile(`(?i)\b` + monthRe + `,?\s+((?:19|20)\d\d)\b`)

// maxPublishLag is how long after an incident a post about it may be
// published for an earlier inferred start to beat its publication date.
const maxPublishLag = 62 * 24 * time.Hour

// keyRange reads "02:10 - 05:40 CET" (with the date of ctx, or one in
// the value) as a start and an end.
func keyRange(v string, ctx dateCtx) (time.Time, time.Time, bool) {
	m := reClockRange.FindStringSubmatchIndex(v)
	if m == nil {
		return time.Time{}, time.Time{}, false
	}
	a, okA := findStamp(v[m[2]:])
	b, okB := findStamp(v[m[4]:])
	if !okA || !okB || !a.hasTime || !b.hasTime {
		return time.Time{}, time.Time{}, false
	}
	if d, ok := findDate(v); ok {
		a.y, a.mo, a.d, a.hasDate, a.hasYear = d.y, d.mo, d.d, true, d.hasYear
	}
	if a.zone == nil && a.zoneWord == "" {
		a.zone, a.zoneWord = b.zone, b.zoneWord
	}
	s, ok := a.resolve(ctx)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	e := time.Date(s.Year(), s.Month(), s.Day(), b.h, b.mi, 0, 0, s.Location())
	if !e.After(s) {
		e = e.Add(24 * time.Hour)
	}
	return s, e, true
}

// timeKeyWords are substrings of every start/detect/end key.
var timeKeyWords = []string{"start", "began", "begin", "offline", "down since", "occurred", "date", "detect",
	"identif", "alert", "first", "end", "resolv", "resolution", "online", "restor", "recover", "fixed", "clear", "mitigat", "report", "notic"}

// containsAnyWord reports whether s contains any of words.
func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// timesReader holds what extractTimes has learned so far. Each rule is
// one method; extractTimes runs them in order of precedence.
type timesReader struct {
	fm     frontMatter
	name   string
	title  string
	blocks []block
	kinds  []sectionKind
	meta   map[string]string
	ctx    dateCtx

	start, detected, end time.Time
	startHasTime         bool
	// startStated: the start was written as such (a key line or a
	// frontmatter field), not inferred from the timeline or prose.
	startStated bool
	// startIsDetection: no start is known; the detection stands in for
	// the date and the duration but is not reported as the start.
	startIsDetection bool
	// titleStart is the first entry of the day the title names, when
	// the timeline's earlier entries were its lead-up
	titleStart time.Time
	// startIsPostTime: the start is a frontmatter "date" with a time,
	// which a blog writes as the post's publication time
	startIsPostTime bool
	// startMidnight: the start is a frontmatter "date" at exactly
	// midnight, which often stands for the day alone; a duration the
	// prose gives, even loosely, wins over the span from it
	startMidnight bool
	// endDayOnly: the stated end is a day without a time of day
	// ("End: 2023-08-23"), not midnight.
	endDayOnly bool
	fmDate     string
	fileDate   time.Time
	// fmPub: fileDate is a frontmatter publication key's day
	// ("pubDate:"), not the file name's
	fmPub  bool
	stated int // a stated duration in minutes, -1 when none

	tl    []TimelineEntry
	times []time.Time
}

// extractTimes fills the date, start, detection and resolution times,
// the duration and the timeline.
func extractTimes(rec *Record, name string, doc *document, blocks []block, kinds []sectionKind, meta map[string]string) {
	title, blocks, meta, swap := dateOrderView(rec.Title, name, blocks, meta)
	if swap != nil {
		// dates read in the other order: entries show the document's
		// own text again
		defer func() {
			for i := range rec.Timeline {
				rec.Timeline[i].Text = swap(rec.Timeline[i].Text)
				rec.Timeline[i].At = swap(rec.Timeline[i].At)
			}
		}()
	}
	r := newTimesReader(name, doc, blocks, kinds, meta)
	r.title = title
	if st, ok := findDate(title); ok && st.hasYear && r.ctx.y == 0 {
		// "Downtime on February 23, 2023": the day of time-only entries
		r.ctx.y, r.ctx.mo, r.ctx.d = st.y, st.mo, st.d
	}
	if m := reMonthYear.FindStringSubmatch(title); m != nil && r.ctx.y == 0 {
		// "March 2031 login outage": the year of yearless days
		r.ctx.y, r.ctx.mo, r.ctx.d = atoi(m[2]), int(monthNames[strings.ToLower(m[1])]), 1
	}
	r.readFrontMatter()
	r.readKeyLines()
	if r.ctx.y == 0 && !r.start.IsZero() {
		r.ctx.y, r.ctx.mo, r.ctx.d = r.start.Year(), int(r.start.Month()), r.start.Day()
	}
	if r.ctx.y == 0 && r.meta["email"] == "" && r.meta["date"] != "" {
		// a "Date:" line: the year of days written without one
		if st, ok := findDate(r.meta["date"]); ok && st.hasYear {
			r.ctx.y, r.ctx.mo, r.ctx.d = st.y, st.mo, st.d
		}
	}
	if r.ctx.y == 0 && !r.fileDate.IsZero() {
		r.ctx.y, r.ctx.mo, r.ctx.d = r.fileDate.Year(), int(r.fileDate.Month()), r.fileDate.Day()
		r.ctx.weak = true
	}
	postDay := r.fmDate
	if postDay == "" && r.fmPub {
		postDay = r.fileDate.Format("2006-01-02")
	}
	if postDay != "" && r.start.IsZero() && r.ctx.y != 0 && time.Date(r.ctx.y, time.Month(r.ctx.mo), r.ctx.d, 0, 0, 0, 0, time.UTC).Format("2006-01-02") == postDay {
		// a post's day is when it was written: time-only entries take
		// the day its title or opening prose gives the incident
		if d, err := time.Parse("2006-01-02", r.openingDate(postDay)); err == nil {
			r.ctx.y, r.ctx.mo, r.ctx.d = d.Year(), int(d.Month()), d.Day()
		}
	}
	lead, leadTimes := r.updateEntries(doc.updates)
	r.tl, r.times = extractTimeline(blocks, kinds, r.ctx, len(lead) > 0)
	if len(lead) > 0 {
		r.tl = append(lead, r.tl...)
		r.times = append(leadTimes, r.times...)
	}
	if r.tl != nil {
		rec.Timeline = r.tl
	}
	r.startFromTimeline()
	r.startFromProse()
	r.endTimeFromTimeline()
	if r.start.IsZero() && !r.detected.IsZero() {
		// nothing says when it began: it had begun by its detection
		r.start, r.startHasTime, r.startIsDetection = r.detected, true, true
	}
	r.setDate(rec)
	if !r.detected.IsZero() {
		d := r.detected
		rec.DetectedAt = &d
	}
	if !r.end.IsZero() {
		e := r.end
		rec.ResolvedAt = &e
	}
	r.setDuration(rec)
	r.detectedFromTimeline(rec)
	r.resolvedFromTimeline(rec)
}

func newTimesReader(name string, doc *document, blocks []block, kinds []sectionKind, meta map[string]string) *timesReader {
	r := &timesReader{fm: doc.fm, name: name, blocks: blocks, kinds: kinds, meta: meta, stated: -1}
	var all strings.Builder
	for i, b := range blocks {
		if i > 2000 {
			break
		}
		all.WriteString(b.text)
		all.WriteByte('\n')
	}
	r.ctx = dateCtx{zoneName: docZone(all.String())}
	if r.ctx.zoneName == "" && doc.defaultZone != "" {
		// a folder's hindsight.yaml: an abbreviation or an IANA zone
		if fixedZone(doc.defaultZone, "", "", "", 0) != nil {
			r.ctx.zoneName = strings.ToUpper(doc.defaultZone)
		} else {
			r.ctx.zone = zoneLocation(doc.defaultZone)
		}
	}
	// the year of the document, for dates without one
	if y := r.fm.str("date"); y != "" {
		if st, ok := findDate(y); ok && st.hasYear {
			r.ctx.y, r.ctx.mo, r.ctx.d = st.y, st.mo, st.d
		}
	}
	r.fileDate = fileNameDate(name)
	if r.fileDate.IsZero() && r.fm.str("date") == "" {
		// no "date:" and no dated file name: a publication key
		// ("pubDate:", "published:", "created:", "posted:") is the
		// post's day
		r.fileDate = r.fmPostDay()
		r.fmPub = !r.fileDate.IsZero()
	}
	return r
}

// fmPubKeys are frontmatter keys (lower-cased) of the day a post was
// published or created: never the incident's day, but the day
// "yesterday" counts back from and the year of days without one.
var fmPubKeys = []string{"pubdate", "publishdate", "publish_date", "published", "published_at", "publishedat",
	"pubdatetime", "posted", "posted_at", "created", "created_at", "createdat"}

// fmPostDay is the day a frontmatter publication key gives, or the
// zero time.
func (r *timesReader) fmPostDay() time.Time {
	for _, k := range fmPubKeys {
		var t time.Time
		switch v := r.fm[k].(type) {
		case time.Time:
			t = v
		case nil:
			continue
		default:
			st, ok := findDate(r.fm.str(k))
			if !ok || !st.hasYear || !validDate(st.y, st.mo, st.d) {
				continue
			}
			t = time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
		}
		if !t.IsZero() {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}

// fmTime reads the first of keys that holds a time. hasTime is false
// for a bare day.
func (r *timesReader) fmTime(keys ...string) (t time.Time, hasTime bool, ok bool) {
	for _, k := range keys {
		// YAML and TOML decode timestamps themselves; "start_time:
		// 2023-04-18T00:00:00Z" is a time even at midnight, while
		// "date: 2023-04-18" is only a day
		if t, ok := r.fm[k].(time.Time); ok {
			dayOnly := (k == "date" || k == "incident_date" || k == "outage_date") && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
			return t, !dayOnly, true
		}
	}
	for _, k := range keys {
		if v := r.fm.str(k); v != "" {
			if t, ht, ok := parseTimeValue(v, r.ctx); ok {
				return t, ht, true
			}
		}
	}
	return time.Time{}, false, false
}

// readFrontMatter takes the start, detection and end times and the
// declared date from frontmatter fields.
func (r *timesReader) readFrontMatter() {
	if t, ht, ok := r.fmTime(fmStartKeys...); ok {
		r.start, r.startHasTime, r.startStated = t, ht, true
	}
	if t, _, ok := r.fmTime(fmDetectKeys...); ok {
		r.detected = t
	}
	if t, ht, ok := r.fmTime(fmEndKeys...); ok {
		r.end, r.endDayOnly = t, !ht
	}
	if t, ht, ok := r.fmTime(fmDateKeys...); ok {
		r.fmDate = t.Format("2006-01-02")
		if r.ctx.zone == nil {
			r.ctx.y, r.ctx.mo, r.ctx.d = t.Year(), int(t.Month()), t.Day()
		}
		if ht && r.start.IsZero() { // "date: 2023-06-14 09:12 UTC" is the start
			r.start, r.startHasTime = t, true
			// a status page's "date" with a "resolvedWhen" is the start
			r.startStated = !r.end.IsZero()
			r.startIsPostTime = !r.startStated
			r.startMidnight = t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
		}
	}
	if d, ok := frontmatterDuration(r.fm.str("duration", "duration_minutes", "downtime")); ok {
		r.stated = d
	}
}

// reResolvedStatus is the status word of a status page's closing update.
var reResolvedStatus = regexp.MustCompile(`(?i)^(?:resolved|closed|completed|fixed|restored)$`)

// updateEntries are the timeline entries of the status updates kept in
// the frontmatter (doc.updates), in their order: each at its own time;
// one without takes the document's start or date when it is the first
// update and the document's resolution time when its status says
// resolved, else it has no time.
func (r *timesReader) updateEntries(ups []fmUpdate) ([]TimelineEntry, []time.Time) {
	var tl []TimelineEntry
	var times []time.Time
	for i, u := range ups {
		var t time.Time
		var ht, ok bool
		at := ""
		switch {
		case u.when != nil:
			if t, ht, ok = r.updateTime(u.when); !ok {
				at = scalarString(u.when) // kept as written
			}
		case i == 0:
			if t, ht, ok = r.fmTime(fmStartKeys...); !ok {
				t, ht, ok = r.fmTime(fmDateKeys...)
			}
		case reResolvedStatus.MatchString(u.status):
			t, ht, ok = r.fmTime(fmEndKeys...)
		}
		switch {
		case ok && ht:
			at = t.Format(time.RFC3339)
		case ok:
			at = t.Format("2006-01-02")
		default:
			t = time.Time{}
		}
		text := u.status
		if c, n := utf8.DecodeRuneInString(text); c != utf8.RuneError {
			text = string(unicode.ToUpper(c)) + text[n:]
		}
		if u.message != "" {
			text += ": " + u.message
		}
		tl = append(tl, TimelineEntry{At: at, Text: clipRunes(text, maxEntryText)})
		times = append(times, t)
	}
	return tl, times
}

// updateTime reads the time of one frontmatter status update: a decoded
// timestamp (at midnight, a day) or a written one.
func (r *timesReader) updateTime(v any) (time.Time, bool, bool) {
	if t, ok := v.(time.Time); ok {
		return t, t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0, true
	}
	return parseTimeValue(scalarString(v), r.ctx)
}

// keyLineAt is the text of block i read as a key line: a short heading
// with the paragraph under it ("## Duration" over "2 hours"), a table
// row's first cell and the rest, or the block's text.
func (r *timesReader) keyLineAt(i int) (string, bool) {
	b := r.blocks[i]
	switch {
	case b.kind == blockHeading:
		if i+1 >= len(r.blocks) || r.blocks[i+1].kind != blockPara || len(b.text) > 40 || len(r.blocks[i+1].text) > 80 {
			return "", false
		}
		return b.text + ": " + r.blocks[i+1].text, true
	case b.kind == blockRow && len(b.cells) >= 2:
		return b.cells[0] + ": " + strings.Join(b.cells[1:], " "), true
	}
	return b.text, true
}

// keyLineState carries the date of earlier key lines to later ones.
type keyLineState struct {
	ctx          dateCtx
	fromMail     bool
	mailDateSeen bool
}

// observe takes a dated line's date as the date of later time-only
// key lines. A mail's Date: header is when it was sent; a later dated
// line is the incident's.
func (k *keyLineState) observe(line string, email bool) {
	if k.ctx.y != 0 && !k.fromMail {
		return
	}
	if st, ok := findDate(line); ok && st.hasYear {
		k.ctx.y, k.ctx.mo, k.ctx.d = st.y, st.mo, st.d
		k.fromMail = email && !k.mailDateSeen && isMetaLine(line)
		k.mailDateSeen = k.mailDateSeen || k.fromMail
	}
}

// readKeyLines reads "Start Time: …", "Offline: …", "Resolved: …",
// "Duration: …" and time-range lines.
func (r *timesReader) readKeyLines() {
	ks := keyLineState{ctx: r.ctx}
	email := r.meta["email"] != ""
	afterEntry := false // inside a timeline, after its first entry
	for i, b := range r.blocks {
		if b.kind == blockCode || i > 3000 {
			continue
		}
		line, ok := r.keyLineAt(i)
		if !ok {
			continue
		}
		ks.observe(line, email)
		if r.stated < 0 {
			if b.kind == blockRow && len(b.cells) > 2 && !b.header {
				// "| Duration | 22m | 15m |": one value a column, the
				// first the incident's
				line = b.cells[0] + ": " + b.cells[1]
			}
			if d, ok := keyDuration(line); ok {
				r.stated = d
			} else if d, ok := r.columnDuration(i); ok {
				r.stated = d
			}
		}
		quoted := afterEntry && r.kinds[i] == secTimeline
		afterEntry = r.kinds[i] == secTimeline && (afterEntry || (hasClockHint(b.text) || hasISODate(b.text)) && !isTimeKeyLine(line))
		if !hasKeyColon(line) || quoted {
			// a "Start time:" under a timeline entry belongs to what
			// the entry quotes (a vendor's notice), not to the incident
			continue
		}
		r.keyLineRange(line, ks.ctx)
		r.keyLineTimes(line, ks.ctx)
	}
	if r.stated < 0 {
		// a template's "How long was the outage?" and its answer
		if d, ok := qaDuration(r.blocks, questionAnswers(r.blocks)); ok {
			r.stated = d
		}
	}
}

// columnDuration reads a duration stated in a one-row table under its
// column's header ("| Impact | Incident Duration |" over "| All users
// | ~3h10m |"). i is the header row. A table of several rows lists many
// things (incidents, services), not this incident's length.
func (r *timesReader) columnDuration(i int) (int, bool) {
	b := r.blocks[i]
	if b.kind != blockRow || !b.header || len(b.cells) < 2 || i+1 >= len(r.blocks) {
		return 0, false
	}
	row := r.blocks[i+1]
	if row.kind != blockRow || row.header || len(row.cells) != len(b.cells) {
		return 0, false
	}
	if i+2 < len(r.blocks) && r.blocks[i+2].kind == blockRow {
		return 0, false
	}
	for j, h := range b.cells {
		if d, ok := keyDuration(strings.TrimSpace(h) + ": " + strings.TrimSpace(row.cells[j])); ok {
			return d, true
		}
	}
	return 0, false
}

// countClocks counts the "hh:mm" clocks of s.
func countClocks(s string) int {
	n := 0
	for i := 1; i+2 < len(s); i++ {
		if s[i] == ':' && isDigitByte(s[i-1]) && isDigitByte(s[i+1]) && isDigitByte(s[i+2]) {
			n++
		}
	}
	return n
}

// isTimeKeyLine reports whether line is a start, detection or end key
// line.
func isTimeKeyLine(line string) bool {
	return hasKeyColon(line) && (reStartKey.MatchString(line) || reEndKey.MatchString(line) || reDetectKey.MatchString(line))
}

// keyLineRange reads "Time: 02:10 - 05:40 CET", "Outage window:
// 10:00–11:30": a range gives the start, the end and the duration.
func (r *timesReader) keyLineRange(line string, ctx dateCtx) {
	if r.startHasTime && !r.start.IsZero() || ctx.y == 0 && !hasISODate(line) || clockRangeAt(line) < 0 && countClocks(line) < 2 {
		return
	}
	k, v, ok := splitKeyLine(line)
	if !ok || !reRangeKey.MatchString(k) {
		return
	}
	s, e, ok := keyRange(v, ctx)
	if !ok {
		s, e, ok = stampPair(v, ctx)
	}
	if ok {
		r.start, r.startHasTime, r.startStated = s, true, true
		if r.end.IsZero() {
			r.end = e
		}
	}
}

// keyLineTimes reads a start, detection or end key line.
func (r *timesReader) keyLineTimes(line string, ctx dateCtx) {
	lk := strings.ToLower(line[:min(len(line), 48)])
	if !containsAnyWord(lk, timeKeyWords) {
		return
	}
	if m := reStartKey.FindStringSubmatch(line); m != nil && (r.start.IsZero() || !r.startStated) {
		if t, ht, ok := parseTimeValue(m[1], ctx); ok {
			r.start, r.startHasTime, r.startStated = t, ht, true
		}
	}
	if m := reDetectKey.FindStringSubmatch(line); m != nil && r.detected.IsZero() {
		if t, _, ok := parseTimeValue(m[1], ctx); ok {
			r.detected = t
		}
	}
	if m := reEndKey.FindStringSubmatch(line); m != nil && r.end.IsZero() {
		if t, ht, ok := parseTimeValue(m[1], ctx); ok {
			r.end, r.endDayOnly = t, !ht
		}
	}
}

// startFromTimeline takes the first timeline entry as the start when
// nothing stated one, or gives a stated day its time of day.
func (r *timesReader) startFromTimeline() {
	t, ht, ok := impactStart(r.tl, r.times)
	if !ok {
		return
	}
	if !r.startStated && !hasStartMarker(r.tl, r.times) {
		// a title's day does not overrule an entry marked as the start
		if t2, ht2 := r.titleDayStart(t, ht); !t2.Equal(t) {
			t, ht = t2, ht2
			r.titleStart = t
		}
	}
	marked := hasStartMarker(r.tl, r.times)
	switch {
	case r.start.IsZero():
		r.start, r.startHasTime = t, ht
	case marked && ht && !t.Equal(r.start) && t.Sub(r.start).Abs() <= maxMarkerShift:
		// "Date/time: …" against the entry the timeline marks as
		// the start of the outage: the entry is placed among the
		// events around it, the field was written apart from them
		r.start, r.startHasTime, r.startStated = t, true, true
	case !r.startStated:
		// an inferred start (a status page's post time) loses to an
		// earlier timeline entry
		if t.Before(r.start) && r.start.Sub(t) < maxPublishLag {
			r.start, r.startHasTime = t, ht
		}
	case !r.startHasTime && ht && t.Format("2006-01-02") == r.start.Format("2006-01-02"):
		// "Incident date: 2023-03-08" with a timeline that day: the
		// first entry gives the time
		r.start, r.startHasTime = t, true
	}
}

// maxMarkerShift is how far from a stated start an entry marked as
// the start may be and still be the same moment, told more carefully.
const maxMarkerShift = 48 * time.Hour

// maxTitleLead is how long before the day a title names ("2018-01-17,
// Builds fail") timeline entries may start and still be the lead-up to
// that day's incident rather than its start: a change or a workaround
// weeks before that set up the failure is background too.
const maxTitleLead = 31 * 24 * time.Hour

// titleDayStart returns the start of impact when the title names the
// incident's day with its year and the timeline opens with entries of
// the days just before it (earlier failures dismissed as unrelated, a
// warning, a change): the first entry of the named day. Otherwise it
// returns t and ht unchanged.
func (r *timesReader) titleDayStart(t time.Time, ht bool) (time.Time, bool) {
	st, ok := findDate(r.title)
	if !ok || !st.hasYear || !st.hasDate {
		return t, ht
	}
	day := time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
	first := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if !first.Before(day) || day.Sub(first) > maxTitleLead || r.proseStartsOn(first) {
		return t, ht
	}
	if i := r.entrySaysBegan(t, day); i >= 0 {
		return r.times[i], strings.Contains(r.tl[i].At, "T")
	}
	best := -1
	for i, tt := range r.times {
		if tt.IsZero() {
			continue
		}
		if d := time.Date(tt.Year(), tt.Month(), tt.Day(), 0, 0, 0, 0, time.UTC); d.Equal(day) && (best < 0 || tt.Before(r.times[best])) {
			best = i
		}
	}
	if best < 0 {
		return t, ht
	}
	return r.times[best], strings.Contains(r.tl[best].At, "T")
}

// entrySaysBegan returns the earliest timeline entry from t up to
// before day that says the impact began ("Errors began affecting
// logins"), or -1: the incident's own account of its first day, which a
// title naming a later day does not overrule.
func (r *timesReader) entrySaysBegan(t, day time.Time) int {
	best := -1
	for i, tt := range r.times {
		if tt.IsZero() || tt.Before(t) || !tt.Before(day) || i >= len(r.tl) {
			continue
		}
		if text := r.tl[i].Text; reStartVerb.MatchString(text) && reSpanImpact.MatchString(text) && (best < 0 || tt.Before(r.times[best])) {
			best = i
		}
	}
	return best
}

// reStartVerb marks a sentence that says when something began.
var reStartVerb = regexp.MustCompile(`(?i)\b(?:began|begun|begins|started|starts|commenced|kicked off)\b`)

// proseStartsOn reports whether the opening prose says, in one sentence,
// that something began on day ("On Saturday March 3rd an unknown client
// began flooding the queue"): the incident's own account of its first
// day, which a title naming a later day does not overrule.
// It reads a few more blocks than openingDate.
func (r *timesReader) proseStartsOn(day time.Time) bool {
	n := 0
	for i, b := range r.blocks {
		if r.kinds[i] == secTimeline || b.kind != blockPara {
			continue
		}
		if n++; n > maxOpeningBlocks+4 {
			break
		}
		if !reStartVerb.MatchString(b.text) {
			continue
		}
		for _, sent := range splitSentences(b.text) {
			if !reStartVerb.MatchString(sent) {
				continue
			}
			st, ok := findDate(sent)
			if !ok {
				continue
			}
			if !st.hasYear {
				st.y = yearNear(st.mo, st.d, dateCtx{y: day.Year(), mo: int(day.Month()), d: day.Day()})
			}
			if st.y == day.Year() && st.mo == int(day.Month()) && st.d == day.Day() {
				return true
			}
		}
	}
	return false
}

// startFromProse reads a start from the opening prose when nothing
// else gave one: "At 00:49 UTC on the 4th October 2024, … became
// unavailable", with the restoration later that day as the end.
func (r *timesReader) startFromProse() {
	if !r.start.IsZero() {
		return
	}
	for i, b := range r.blocks {
		if i > 200 {
			break
		}
		if r.kinds[i] == secTimeline || b.kind == blockHeading || b.kind == blockCode {
			continue
		}
		if reStatusPosted.MatchString(b.text) || isMetaLine(b.text) || isTimeKeyLine(b.text) {
			continue // a "Resolved: …" line is no start
		}
		st, ok := findStamp(b.text)
		if !ok || !st.hasDate || !st.hasYear || !st.hasTime {
			continue
		}
		t, ok := st.resolve(r.ctx)
		if !ok {
			return
		}
		r.start, r.startHasTime = t, true
		if r.end.IsZero() {
			r.end = proseEnd(b.text, st, t, r.ctx)
		}
		if r.end.IsZero() {
			r.end = r.laterProseEnd(i+1, t)
		}
		return
	}
}

// reRecoveredAt marks a sentence that says the service came back.
var reRecoveredAt = regexp.MustCompile(`(?i)\b(?:restored|recovered|resolved|mitigated|back (?:online|up|to normal)|fully operational|operational again|available again|working again)\b`)

// maxProseEndBlocks is how many blocks after the start laterProseEnd
// reads.
const maxProseEndBlocks = 40

// laterProseEnd reads the end of the impact from a later sentence of
// prose that states a recovery with its time ("Service was restored at
// 16:45 UTC."), within a day of start; the zero time when none.
func (r *timesReader) laterProseEnd(from int, start time.Time) time.Time {
	for i := from; i < len(r.blocks) && i < from+maxProseEndBlocks; i++ {
		b := r.blocks[i]
		if r.kinds[i] == secTimeline || r.kinds[i] == secActions || b.kind == blockHeading || b.kind == blockCode || !hasClockHint(b.text) {
			continue
		}
		for _, sent := range splitSentences(b.text) {
			if !reRecoveredAt.MatchString(sent) || reDetectWords.MatchString(sent) {
				continue
			}
			st, ok := findStamp(sent)
			if !ok || !st.hasTime {
				continue
			}
			if !st.hasDate {
				st.y, st.mo, st.d, st.hasDate, st.hasYear = start.Year(), int(start.Month()), start.Day(), true, true
			}
			e, ok := st.resolve(dateCtx{y: start.Year(), mo: int(start.Month()), d: start.Day(), zone: r.ctx.zone, zoneName: r.ctx.zoneName})
			if !ok {
				continue
			}
			if st.zone == nil && st.zoneWord == "" {
				// no zone of its own: the start's
				e = time.Date(e.Year(), e.Month(), e.Day(), e.Hour(), e.Minute(), 0, 0, start.Location())
			}
			if !e.After(start) {
				e = e.Add(24 * time.Hour) // past midnight
			}
			if e.After(start) && e.Sub(start) <= 24*time.Hour {
				return e
			}
		}
	}
	return time.Time{}
}

// proseEnd reads "… restored at 01:25" after a start stamp st in the
// same text: the end, the next day when its clock is earlier.
func proseEnd(text string, st stamp, start time.Time, ctx dateCtx) time.Time {
	c, ok := findClock(text, st.end)
	if !ok || !reResolvedWords.MatchString(text[st.end:]) {
		return time.Time{}
	}
	e, ok := (stamp{hasDate: true, hasYear: true, y: st.y, mo: st.mo, d: st.d, h: c.h, mi: c.mi, zone: c.zone, zoneWord: c.zoneWord, hasTime: true}).resolve(ctx)
	if !ok {
		return time.Time{}
	}
	if !e.After(start) {
		e = e.Add(24 * time.Hour)
	}
	return e
}

// setDuration sets the duration: a stated figure first, then the
// stated end minus the start, then a figure read loosely from prose
// ("for about an hour"), then the timeline's span.
func (r *timesReader) setDuration(rec *Record) {
	if r.stated < 0 {
		r.stated = r.proseDuration(strictProseDuration, true)
	}
	if r.stated < 0 && !r.start.IsZero() && !r.end.IsZero() && r.end.After(r.start) && r.startHasTime && !r.endDayOnly {
		if m := int(r.end.Sub(r.start).Minutes() + 0.5); m > 0 && m <= maxDurationMinutes {
			if r.startMidnight {
				r.stated = r.proseDuration(looseProseDuration, false)
			}
			if r.stated < 0 {
				r.stated = m
			}
		}
	}
	if r.stated < 0 {
		r.stated = r.proseDuration(looseProseDuration, false)
	}
	if r.stated < 0 {
		m := timelineSpan(r.tl, r.times)
		if !r.titleStart.IsZero() {
			// the title's day: earlier entries were its lead-up
			m = timelineSpanFrom(r.tl, r.times, r.titleStart, true)
		}
		if m > 0 {
			r.stated = m
		}
	}
	if r.stated < 0 {
		// a timeline of days, without clocks: its prose may say how
		// long it lasted ("back to fully operational after around 40
		// minutes")
		r.stated = r.timelineProseDuration()
	}
	if r.stated >= 0 {
		d := r.stated
		rec.DurationMinutes = &d
	}
}

// proseDuration finds a duration, read with read, in the prose sections, the
// impact first. When strict, the paragraphs that open a timeline
// section, before its first entry ("It took 1 hour and 31 minutes from the start of the
// incident to the fix.") are read last.
func (r *timesReader) proseDuration(read func(string) (int, bool), strict bool) int {
	kinds := []sectionKind{secImpact, secSummary, secResolution, secOther, secRootCause, secDetection, secLessons}
	if strict {
		kinds = append(kinds, secTimeline)
	}
	for _, k := range kinds {
		var sb strings.Builder
		entered := false // inside a timeline, past its first entry
		for i, b := range r.blocks {
			// Only the timeline's own pass asks whether an entry came
			// before: the stamp check runs once per block, not once per
			// kind (a 100 000-row timeline took seconds).
			if k == secTimeline {
				if r.kinds[i] != secTimeline {
					entered = false
				} else if b.kind == blockHeading && b.hk != secTimeline || b.kind == blockItem || b.kind == blockRow || stampedLine(b) {
					entered = true
				}
			}
			if r.kinds[i] != k || b.kind == blockCode || b.kind == blockHeading {
				continue
			}
			if k == secTimeline && (b.kind != blockPara || entered) {
				continue // an entry, not a sentence about the whole
			}
			sb.WriteString(b.text)
			sb.WriteByte('\n')
		}
		if d, ok := read(sb.String()); ok {
			return d
		}
	}
	// a post's own summary in its frontmatter ("summary: … up to 8
	// hours of email delay")
	if t := r.fm.str("summary", "description", "intro", "excerpt", "abstract"); t != "" {
		if d, ok := read(t); ok {
			return d
		}
	}
	return -1
}

// timelineProseDuration reads a duration, stated or loosely, from the
// paragraphs of the timeline sections that are not entries (no stamp of
// their own), or -1.
func (r *timesReader) timelineProseDuration() int {
	var sb strings.Builder
	for i, b := range r.blocks {
		if r.kinds[i] == secTimeline && b.kind == blockPara && !stampedLine(b) {
			sb.WriteString(b.text)
			sb.WriteByte('\n')
		}
	}
	if d, ok := strictProseDuration(sb.String()); ok {
		return d
	}
	if d, ok := looseProseDuration(sb.String()); ok {
		return d
	}
	return -1
}

// endTimeFromTimeline gives a stated end day ("End: Thursday,
// 2031-08-23") its time of day: the last timeline entry of that day
// that reports the recovery.
func (r *timesReader) endTimeFromTimeline() {
	if !r.endDayOnly || r.end.IsZero() {
		return
	}
	day := r.end.Format("2006-01-02")
	for i := len(r.tl) - 1; i >= 0; i-- {
		t := r.times[i]
		if t.IsZero() || !strings.Contains(r.tl[i].At, "T") || t.Format("2006-01-02") != day {
			continue
		}
		if reResolvedWords.MatchString(r.tl[i].Text) && !reBookkeeping.MatchString(r.tl[i].Text) && (r.start.IsZero() || t.After(r.start)) {
			r.end, r.endDayOnly = t, false
			return
		}
	}
}

// detectedFromTimeline takes the first timed entry that reports
// noticing the problem as the detection time.
func (r *timesReader) detectedFromTimeline(rec *Record) {
	if rec.DetectedAt != nil {
		return
	}
	for i := range r.tl {
		t := r.times[i]
		if !t.IsZero() && strings.Contains(r.tl[i].At, "T") && reDetectWords.MatchString(r.tl[i].Text) && (r.start.IsZero() || !t.Before(r.start)) {
			d := t
			rec.DetectedAt = &d
			return
		}
	}
}

// resolvedFromTimeline takes the last timed entry that reports recovery
// as the resolution time (not used for the duration: the timeline span
// already weighed it).
func (r *timesReader) resolvedFromTimeline(rec *Record) {
	if rec.ResolvedAt != nil {
		return
	}
	for i := len(r.tl) - 1; i >= 0; i-- {
		t := r.times[i]
		text := r.tl[i].Text
		if !t.IsZero() && strings.Contains(r.tl[i].At, "T") && (reResolvedWords.MatchString(text) || reEndMarker.MatchString(text)) && !reBookkeeping.MatchString(text) && (r.start.IsZero() || t.After(r.start)) {
			e := t
			rec.ResolvedAt = &e
			return
		}
	}
}

// impactStart is the time of the earliest timeline entry; hasTime is
// false when only its date is known. (Choosing the first entry that
// reports impact instead was tried and measured worse: teams date an
// incident from the change that started it.)
//
// Lead-in entries are passed over: a first run of entries that report
// neither impact nor its detection ("v2 shipped", "config applied",
// "everything seemed fine"), followed by a quiet gap of at least
// minLeadInGap before the entries about the incident. The impact began
// after the gap.
func impactStart(tl []TimelineEntry, times []time.Time) (time.Time, bool, bool) {
	order := make([]int, 0, len(times))
	for i, t := range times {
		if !t.IsZero() {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return time.Time{}, false, false
	}
	sort.SliceStable(order, func(a, b int) bool { return times[order[a]].Before(times[order[b]]) })
	for _, i := range order {
		// an entry marked as the start ("(outage starts)", "Incident
		// start") says it; the first entry is only an inference
		if reStartMarker.MatchString(tl[i].Text) {
			t := times[i]
			if i+1 < len(times) && !times[i+1].IsZero() && times[i+1].Before(t) && t.Sub(times[i+1]) < 24*time.Hour &&
				t.Format("2006-01-02") == times[i+1].Format("2006-01-02") && strings.Contains(tl[i].At, "T") {
				// "[03-26 23:04] … (outage starts)" written before
				// "[03-26 02:50] outage reported": the start was the
				// evening before the day its stamp repeats
				t = t.AddDate(0, 0, -1)
			}
			return t, strings.Contains(tl[i].At, "T"), true
		}
	}
	idx := order[skipChanges(tl, order, leadIn(tl, times, order))]
	return times[idx], strings.Contains(tl[idx].At, "T"), true
}

// maxChangeRun is the most opening entries about a change that a later
// entry marking the impact moves the start past.
const maxChangeRun = 4

// reChangeEntry is an entry about a change: a release, an update, a
// merge, a rollout — made by the team or a vendor before any impact.
var reChangeEntry = regexp.MustCompile(`(?i)\b(?:deploy\w*|releas\w*|merg\w*|upgrad\w*|updat\w*|roll(?:ed|s|ing)?\s+out|rollout|migrat\w*|install\w*|publish\w*|shipped|bump\w*|patch\w*|made\s+\S+(?:\s+\S+)?\s+available|applied|pushed|changed|introduc\w*)\b`)

// reImpactMark is an entry that clearly marks the onset of the impact:
// "errors began", "requests started failing", "a drop in availability"
// — not its detection or the work on it.
var reImpactMark = regexp.MustCompile(`(?i)\b(?:(?:began|begun|started|starts|begins)\s+(?:to\s+)?(?:fail\w*|error\w*|return\w*\s+(?:errors?|5\d\d)|crash\w*|time\s+out|go\s+down|drop\w*)|(?:errors?|failures?|outage|impact|downtime)\s+(?:began|begun|started|starts|begins)|first\s+(?:errors?|failures?|reports?\s+of\s+(?:errors?|failures?|the\s+outage))|drop(?:s|ped)?\s+(?:\w+\s+){0,3}(?:in\s+)?(?:availability|uptime|success\s+rate)|(?:availability|uptime|success\s+rate)\s+(?:\w+\s+){0,2}(?:drop\w*|fell|falls))\b`)

// skipChanges returns the position in order of the first entry that
// marks the impact, when the entries from k up to it all report a
// change (a vendor's release, an update rolling out) and none reports
// impact: the span begins with the impact, not with the change that
// led to it. Otherwise it returns k.
func skipChanges(tl []TimelineEntry, order []int, k int) int {
	for j := k; j < len(order) && j-k <= maxChangeRun; j++ {
		text := reIdentifier.ReplaceAllString(tl[order[j]].Text, " ")
		if reImpactMark.MatchString(text) {
			if j > k && j+1 < len(order) {
				return j
			}
			return k
		}
		if !reChangeEntry.MatchString(text) || reImpactWords.MatchString(text) {
			return k // not a change, or one already reporting impact
		}
	}
	return k
}

// hasStartMarker reports whether a timed entry is marked as the start
// of impact.
func hasStartMarker(tl []TimelineEntry, times []time.Time) bool {
	for i := range tl {
		if i < len(times) && !times[i].IsZero() && reStartMarker.MatchString(tl[i].Text) {
			return true
		}
	}
	return false
}

// reStartMarker and reEndMarker are a timeline entry's explicit mark
// that impact began or ended there: "(outage starts)", "— outage
// begins", "Start of incident", "impact ends", "(resolved)", an entry
// labelled "Resolution" or "Full resolution".
var (
	reStartMarker = regexp.MustCompile(`(?i)(?:^|[(\[<*_—–-]\s*)(?:(?:the\s+)?(?:outage|incident|impact|downtime|disruption|degradation)\s+(?:starts|started|begins|began|start)|(?:start|beginning)\s+of\s+(?:the\s+)?(?:outage|incident|impact|downtime|disruption|degradation))\s*(?:[)\]>*_.:!—–-]|$)`)
	reEndMarker   = regexp.MustCompile(`(?i)(?:^|[(\[<*_—–-]\s*)(?:(?:the\s+)?(?:outage|incident|impact|downtime|disruption|degradation)\s+(?:ends|ended|end|over|resolved|mitigated)|end\s+of\s+(?:the\s+)?(?:outage|incident|impact|downtime|disruption|degradation)|resolved|mitigated|(?:(?:full|final|natural|complete|incident|outage|issue)\s+)?resolution)\s*(?:[)\]>*_.:!—–-]|$)`)
)

// minLeadInGap is the quiet time after which entries with no impact are
// background to the incident, not its start.
const minLeadInGap = 12 * time.Hour

// maxLeadIn is the most entries a lead-in has.
const maxLeadIn = 2

// reLeadImpact are the words of a timeline entry that reports impact or
// its detection: such an entry is never a lead-in.
var reLeadImpact = regexp.MustCompile(`(?i)\b(?:outage|down|downtime|unavailable|unreachable|inaccessible|offline|halted|stopped|stuck|broke|broken|breaking|break|fail\w*|errors?|degraded|disrupt\w*|interrupt\w*|impact\w*|affected|unable|could not|couldn't|lost|delayed|expir\w*|timeouts?|timed out|occur\w*|vulnerab\w*|bypass\w*|exploit\w*|compromis\w*|breach\w*|leak\w*|missing|slow\w*|drop\w*|alert(?:ed|s)?|page[sd]|paging|detected|notic\w*|report\w*|discover\w*|notified|contact\w*|complain\w*|ticket\w*|escalat\w*|investigat\w*|users|customers|incident|issues?|problems?)\b`)

// reIdentifier is a name from code ("expire_jobs", "db.flush()"): its
// words ("expire") say nothing about impact.
var reIdentifier = regexp.MustCompile(`\S*(?:_|\w\()\S*`)

// reWordRun is a word of letters.
var reWordRun = regexp.MustCompile(`\pL{2,}`)

// reLeadHealthy marks an entry that says all was still well.
var reLeadHealthy = regexp.MustCompile(`(?i)\b(?:seemingly|working fine|was fine|were fine|no (?:issues|problems|impact))\b`)

// reLeadUnrelated marks an entry that says it is unrelated to the
// incident ("… for reasons unrelated to this report"): whatever words it
// has, it reports no impact.
var reLeadUnrelated = regexp.MustCompile(`(?i)\b(?:unrelated|not related|no relation)\s+to\s+(?:this|the|our)\s+(?:incident|report|outage|issue|event|problem|post-?mortem)\b`)

// leadIn returns the position in order (entries sorted by time) of the
// first entry after a lead-in, or 0 when there is none.
func leadIn(tl []TimelineEntry, times []time.Time, order []int) int {
	for k, i := range order {
		if k+1 >= len(order) {
			return 0
		}
		text := reIdentifier.ReplaceAllString(tl[i].Text, " ") // code names are not prose
		if m := reRangeEnd.FindStringIndex(text); m != nil {
			// "16:30 to 18:00 UTC": the stamp's own end is no text
			text = text[m[1]:]
		}
		if reLeadImpact.MatchString(text) && !reLeadHealthy.MatchString(text) && !reLeadUnrelated.MatchString(text) || len(reWordRun.FindAllString(text, 2)) < 2 {
			return 0 // impact, or too little text to tell
		}
		if k >= maxLeadIn {
			return 0
		}
		last := times[i]
		if !strings.Contains(tl[i].At, "T") {
			last = last.Add(24 * time.Hour) // a bare day lasts until its end
		}
		if times[order[k+1]].Sub(last) >= minLeadInGap {
			if k+2 >= len(order) {
				return 0 // one entry after the gap is no incident timeline
			}
			return k + 1
		}
	}
	return 0
}

// reBookkeeping marks an entry about the incident's paperwork ("incident
// closed", "postmortem published"): not the end of the impact.
var reBookkeeping = regexp.MustCompile(`(?i)\b(?:post-?mortem|retrospective|retro|review|ticket|jira|incident (?:was )?closed|closed the incident|announcement|blog post)\b`)

// maxFollowUpGap: a timeline entry this long after the one before it,
// and longer after the start than the incident had lasted, is a
// follow-up (a vendor's report, a later fix), not the resolution.
const maxFollowUpGap = 24 * time.Hour

// timelineSpan is the time from the first timed entry after any lead-in
// to the last entry
// that reports a recovery, or else the last timed entry before a long
// quiet gap: entries after one are follow-ups.
func timelineSpan(tl []TimelineEntry, times []time.Time) int {
	// a lead-in before the impact is not part of it
	from, fromTimed, _ := impactStart(tl, times)
	return timelineSpanFrom(tl, times, from, fromTimed)
}

// timelineSpanFrom is timelineSpan from a start already chosen: entries
// before from are not part of the impact.
func timelineSpanFrom(tl []TimelineEntry, times []time.Time, from time.Time, fromTimed bool) int {
	type ev struct {
		t        time.Time
		resolved bool
		marked   bool // "(outage ends)"
	}
	var evs []ev
	for i, t := range times {
		if t.IsZero() || !strings.Contains(tl[i].At, "T") || t.Before(from) {
			continue
		}
		evs = append(evs, ev{t, reResolvedWords.MatchString(tl[i].Text) && !reBookkeeping.MatchString(tl[i].Text), reEndMarker.MatchString(tl[i].Text)})
	}
	if len(evs) < 2 {
		return 0
	}
	sort.SliceStable(evs, func(a, b int) bool { return evs[a].t.Before(evs[b].t) })
	first := evs[0].t
	if from.Before(first) && fromTimed && hasStartMarker(tl, times) {
		first = from // a marked start read as the evening before its stamp
	}
	end := time.Time{}
	for _, e := range evs {
		if e.resolved {
			end = e.t
		}
	}
	for _, e := range evs {
		if e.marked && e.t.After(first) {
			end = e.t // the entry marked as the end of impact says it
			break
		}
	}
	if end.IsZero() {
		end = first
		for i, e := range evs[1:] {
			gap := e.t.Sub(end)
			if i >= 1 && gap > maxFollowUpGap && gap > end.Sub(first) {
				break
			}
			end = e.t
		}
	}
	if !end.After(first) {
		return 0
	}
	m := int(end.Sub(first).Minutes() + 0.5)
	if m > maxDurationMinutes {
		return 0
	}
	return m
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// reFileYearMonth is a year and month in a file name without a day
// ("incidents-2031-04.txt"); reYearFolder a folder named by a year.
var (
	reFileYearMonth = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])(?:[^\d]|$)`)
	reYearFolder    = regexp.MustCompile(`(?:^|/)((?:19|20)\d\d)/`)
)

// pathYearMonth is the year (and month, or 0) a path names without a
// full day: a "2031-04" part of the file name, or else the nearest
// folder named by a year.
func pathYearMonth(name string) (int, int) {
	name = strings.ReplaceAll(name, "\\", "/")
	if m := reFileYearMonth.FindStringSubmatch(path.Base(name)); m != nil {
		return atoi(m[1]), atoi(m[2])
	}
	if ms := reYearFolder.FindAllStringSubmatch(path.Dir(name)+"/", -1); ms != nil {
		return atoi(ms[len(ms)-1][1]), 0
	}
	return 0, 0
}
