package corpus

import (
	"path"
	"regexp"
	"strings"
	"time"
)

var (
	reStartKey      = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:incident |outage |impact |problem )?(?:start(?:ed)?(?: time| at| date)?|began|begin(?:ning)?|offline|down since|impact start(?:ed)?|outage start(?:ed)?|incident start(?:ed)?|occurred(?: at| on)?|date of (?:incident|outage)|incident date)\s*[:=\-–]\s*(.+)$`)
	reDetectKey     = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:first detected|detected(?: at| on)?|detection(?: time)?|time detected|first (?:reported|noticed)|identified(?: at)?|alerted(?: at)?)\s*[:=\-–]\s*(.+)$`)
	reEndKey        = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:incident |outage |impact )?(?:end(?:ed)?(?: time| at| date)?|resolved(?: at| on)?|resolution time|online|back online|restored(?: at)?|recovered(?: at)?|service restored|fixed(?: at)?|all clear|mitigated(?: at)?)\s*[:=\-–]\s*(.+)$`)
	reFileDate      = regexp.MustCompile(`(?:^|[^\d])(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?:[^\d]|$)`)
	reResolvedWords = regexp.MustCompile(`(?i)\b(?:resolved|restored|recovered|back to normal|fully operational|operational|all clear|fixed|mitigated|back online|verified|return(?:s|ed)? to normal|returned to (?:normal )?service|service (?:was |is )?restored|healthy again|working again|closed)\b`)
)

// reDetectWords mark a timeline entry where the problem was noticed.
var reDetectWords = regexp.MustCompile(`(?i)\b(?:alert(?:ed|s)?|page[sd]?|paging|detected|detects|noticed|notices|reported|reports|discovered|escalat\w*|acknowledge[sd]?|on-?call|investigat\w*)\b`)

// reRangeKey are keys whose value may be a time range.
var reRangeKey = regexp.MustCompile(`(?i)^(?:time|times|when|window|period|outage|(?:time|outage|impact|incident|downtime) window|impact|duration|outage time|time of (?:incident|outage))$`)

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

// extractTimes fills the date, start, detection and resolution times,
// the duration and the timeline.
func extractTimes(rec *Record, name string, doc *document, blocks []block, kinds []sectionKind, meta map[string]string) {
	fm := doc.fm
	var all strings.Builder
	for i, b := range blocks {
		if i > 2000 {
			break
		}
		all.WriteString(b.text)
		all.WriteByte('\n')
	}
	ctx := dateCtx{zoneName: docZone(all.String())}
	// the year of the document, for dates without one
	if y := fm.str("date"); y != "" {
		if st, ok := findDate(y); ok && st.hasYear {
			ctx.y, ctx.mo, ctx.d = st.y, st.mo, st.d
		}
	}
	var start, detected, end time.Time
	var startHasTime, startStated bool
	fmTime := func(keys ...string) (time.Time, bool, bool) {
		for _, k := range keys {
			// YAML and TOML decode timestamps themselves; "start_time:
			// 2023-04-18T00:00:00Z" is a time even at midnight, while
			// "date: 2023-04-18" is only a day
			if t, ok := fm[k].(time.Time); ok {
				return t, k != "date" && k != "incident_date", true
			}
		}
		if v := fm.str(keys...); v != "" {
			return parseTimeValue(v, ctx)
		}
		return time.Time{}, false, false
	}
	if t, ht, ok := fmTime("start_time", "started_at", "start", "started", "began"); ok {
		start, startHasTime, startStated = t, ht, true
	}
	if t, _, ok := fmTime("detected_at", "detected", "detection_time"); ok {
		detected = t
	}
	if t, _, ok := fmTime("end_time", "resolved_at", "end", "resolved", "ended_at", "ended"); ok {
		end = t
	}
	fmDate := ""
	if t, ht, ok := fmTime("date", "incident_date"); ok {
		fmDate = t.Format("2006-01-02")
		if ctx.zone == nil {
			ctx.y, ctx.mo, ctx.d = t.Year(), int(t.Month()), t.Day()
		}
		if ht && start.IsZero() { // "date: 2023-06-14 09:12 UTC" is the start
			start, startHasTime, startStated = t, true, true
		}
	}

	// key lines: "Start Time: …", "Offline: …", "Resolved: …"
	keyCtx := ctx
	keyFromMail, mailDateSeen := false, false
	stated := -1
	for i, b := range blocks {
		if b.kind == blockCode || i > 3000 {
			continue
		}
		line := b.text
		switch {
		case b.kind == blockHeading:
			// "## Duration" over "2 hours 15 minutes" reads as a key line
			if i+1 >= len(blocks) || blocks[i+1].kind != blockPara || len(b.text) > 40 || len(blocks[i+1].text) > 80 {
				continue
			}
			line = b.text + ": " + blocks[i+1].text
		case b.kind == blockRow && len(b.cells) >= 2:
			line = b.cells[0] + ": " + strings.Join(b.cells[1:], " ")
		}
		if keyCtx.y == 0 || keyFromMail {
			if st, ok := findDate(line); ok && st.hasYear {
				keyCtx.y, keyCtx.mo, keyCtx.d = st.y, st.mo, st.d
				// a mail's Date: header is when it was sent; a later dated
				// line is the incident's
				keyFromMail = meta["email"] != "" && !mailDateSeen && isMetaLine(line)
				mailDateSeen = mailDateSeen || keyFromMail
			}
		}
		if stated < 0 {
			if d, ok := keyDuration(line); ok {
				stated = d
			}
		}
		if !hasKeyColon(line) {
			continue
		}
		// "Time: 02:10 - 05:40 CET", "Outage window: 10:00–11:30": a range
		// gives the start, the end and the duration
		if (start.IsZero() || !startHasTime) && keyCtx.y != 0 && twoClocksAt(line) >= 0 {
			if k, v, ok := splitKeyLine(line); ok && reRangeKey.MatchString(k) {
				if s, e, ok := keyRange(v, keyCtx); ok {
					start, startHasTime, startStated = s, true, true
					if end.IsZero() {
						end = e
					}
				}
			}
		}
		lk := strings.ToLower(line[:min(len(line), 48)])
		if !containsAnyWord(lk, timeKeyWords) {
			continue
		}
		if m := reStartKey.FindStringSubmatch(line); m != nil && start.IsZero() {
			if t, ht, ok := parseTimeValue(m[1], keyCtx); ok {
				start, startHasTime, startStated = t, ht, true
			}
		}
		if m := reDetectKey.FindStringSubmatch(line); m != nil && detected.IsZero() {
			if t, _, ok := parseTimeValue(m[1], keyCtx); ok {
				detected = t
			}
		}
		if m := reEndKey.FindStringSubmatch(line); m != nil && end.IsZero() {
			if t, _, ok := parseTimeValue(m[1], keyCtx); ok {
				end = t
			}
		}
	}
	if ctx.y == 0 && !start.IsZero() {
		ctx.y, ctx.mo, ctx.d = start.Year(), int(start.Month()), start.Day()
	}

	tl, times := extractTimeline(blocks, kinds, ctx)
	if tl != nil {
		rec.Timeline = tl
	}

	tlKnown := sortedKnown(times)
	if start.IsZero() {
		if t, ht, ok := impactStart(tl, times); ok {
			start, startHasTime = t, ht
		}
	} else if !startHasTime {
		// "Incident date: 2023-03-08" with a timeline that day: the
		// first entry gives the time
		if t, ht, ok := impactStart(tl, times); ok && ht && t.Format("2006-01-02") == start.Format("2006-01-02") {
			start, startHasTime = t, true
		}
	}
	// prose: "At 00:49 UTC on the 4th October 2024, … became unavailable"
	if start.IsZero() {
		for i, b := range blocks {
			if i > 200 {
				break
			}
			if kinds[i] == secTimeline || b.kind == blockHeading || b.kind == blockCode {
				continue
			}
			if reStatusPosted.MatchString(b.text) || isMetaLine(b.text) {
				continue
			}
			st, ok := findStamp(b.text)
			if ok && st.hasDate && st.hasYear && st.hasTime {
				if t, ok := st.resolve(ctx); ok {
					start, startHasTime = t, true
					// the service restored later the same day
					if end.IsZero() {
						if c, ok := findClock(b.text, st.end); ok && reResolvedWords.MatchString(b.text[st.end:]) {
							if e, ok := (stamp{hasDate: true, hasYear: true, y: st.y, mo: st.mo, d: st.d, h: c.h, mi: c.mi, zone: c.zone, zoneWord: c.zoneWord, hasTime: true}).resolve(ctx); ok {
								if !e.After(t) { // "restored at 00:25" after a late start: the next day
									e = e.Add(24 * time.Hour)
								}
								end = e
							}
						}
					}
				}
				break
			}
		}
	}

	if !start.IsZero() {
		s := start
		if startHasTime {
			rec.StartedAt = &s
		}
		rec.Date = start.Format("2006-01-02")
	}
	// a stated date ("date:" frontmatter, a "Date:" line) beats one
	// inferred from the timeline or prose, but not a stated start time
	declared := fmDate
	declaredText := meta["date"]
	if meta["email"] != "" {
		declaredText = meta["body date"]
	}
	if declared == "" && declaredText != "" {
		if t, _, ok := parseTimeValue(declaredText, ctx); ok {
			declared = t.Format("2006-01-02")
		}
	}
	if declared != "" && (!startStated || fm.str("date") != "" && fm.str("start_time", "started_at", "start", "started", "began") == "") {
		rec.Date = declared
	}
	if rec.Date == "" {
		rec.Date = fallbackDate(rec.Title, name, blocks, kinds, ctx)
	}
	if !detected.IsZero() {
		d := detected
		rec.DetectedAt = &d
	}
	if !end.IsZero() {
		e := end
		rec.ResolvedAt = &e
	}

	// duration: stated figures first, then end - start
	if d, ok := frontmatterDuration(fm.str("duration", "duration_minutes", "downtime")); ok {
		stated = d
	}
	if stated < 0 {
		for _, k := range []sectionKind{secImpact, secSummary, secResolution, secOther, secRootCause, secDetection, secLessons} {
			var sb strings.Builder
			for i, b := range blocks {
				if kinds[i] == k && b.kind != blockCode && b.kind != blockHeading {
					sb.WriteString(b.text)
					sb.WriteByte('\n')
				}
			}
			if d, ok := proseDuration(sb.String()); ok {
				stated = d
				break
			}
		}
	}
	if stated < 0 && !start.IsZero() && !end.IsZero() && end.After(start) && startHasTime {
		if m := int(end.Sub(start).Minutes() + 0.5); m > 0 && m <= maxDurationMinutes {
			stated = m
		}
	}
	if stated < 0 && len(tlKnown) >= 2 {
		if m := timelineSpan(tl, times); m > 0 {
			stated = m
		}
	}
	if stated >= 0 {
		d := stated
		rec.DurationMinutes = &d
	}
	if rec.DetectedAt == nil {
		// the first timed entry that reports noticing the problem
		for i := range tl {
			if !times[i].IsZero() && strings.Contains(tl[i].At, "T") && reDetectWords.MatchString(tl[i].Text) && (start.IsZero() || !times[i].Before(start)) {
				d := times[i]
				rec.DetectedAt = &d
				break
			}
		}
	}
	if rec.ResolvedAt == nil {
		// the last timed entry that reports recovery (not used for the
		// duration: the timeline span above already weighed it)
		for i := len(tl) - 1; i >= 0; i-- {
			if !times[i].IsZero() && strings.Contains(tl[i].At, "T") && reResolvedWords.MatchString(tl[i].Text) && (start.IsZero() || times[i].After(start)) {
				e := times[i]
				rec.ResolvedAt = &e
				break
			}
		}
	}
}

// impactStart is the time of the earliest timeline entry; hasTime is
// false when only its date is known. (Choosing the first entry that
// reports impact instead was tried and measured worse: teams date an
// incident from the change that started it.)
func impactStart(tl []TimelineEntry, times []time.Time) (time.Time, bool, bool) {
	idx := -1
	for i, t := range times {
		if !t.IsZero() && (idx < 0 || t.Before(times[idx])) {
			idx = i
		}
	}
	if idx < 0 {
		return time.Time{}, false, false
	}
	return times[idx], strings.Contains(tl[idx].At, "T"), true
}

// timelineSpan is the time from the first timed entry to the last entry
// that reports a recovery, or else the last timed entry.
func timelineSpan(tl []TimelineEntry, times []time.Time) int {
	first, last := time.Time{}, time.Time{}
	lastResolved := time.Time{}
	for i, t := range times {
		if t.IsZero() || !strings.Contains(tl[i].At, "T") {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
		if reResolvedWords.MatchString(tl[i].Text) && t.After(lastResolved) {
			lastResolved = t
		}
	}
	end := last
	if !lastResolved.IsZero() {
		end = lastResolved
	}
	if first.IsZero() || !end.After(first) {
		return 0
	}
	m := int(end.Sub(first).Minutes() + 0.5)
	if m > maxDurationMinutes {
		return 0
	}
	return m
}

// fallbackDate finds a date when no start time is known: from the
// title, the first dated line of the body, or the file name.
func fallbackDate(title, name string, blocks []block, kinds []sectionKind, ctx dateCtx) string {
	if st, ok := findDate(title); ok {
		if t, ok := st.resolve(ctx); ok {
			return t.Format("2006-01-02")
		}
	}
	for i, b := range blocks {
		if i > 300 {
			break
		}
		if b.kind == blockCode || isMetaLine(b.text) {
			continue
		}
		if st, ok := findDate(b.text); ok && st.hasYear {
			if t, ok := st.resolve(ctx); ok {
				return t.Format("2006-01-02")
			}
		}
	}
	base := path.Base(name)
	if m := reFileDate.FindStringSubmatch(base); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if validDate(y, mo, d) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
	}
	return ""
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
