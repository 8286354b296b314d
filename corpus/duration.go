package corpus

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// maxDurationMinutes bounds believable incident durations: one year.
const maxDurationMinutes = 366 * 24 * 60

const amountRe = `(\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety|half an?)`
const unitRe = `(weeks?|wks?|months?|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b`

var (
	reAmountUnit = regexp.MustCompile(`(?i)(?:^|[^\w.])(?:~|approx\.?\s*|approximately\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|just over\s+|just under\s+|a little (?:over|under)\s+|under\s+|less than\s+|more than\s+|some\s+)?` + amountRe + `\s*-?\s*` + unitRe)
	reDurAnd     = regexp.MustCompile(`(?i)^\s*(?:,|and|,\s*and)?\s*` + amountRe + `\s*-?\s*` + unitRe)
	// Key lines that state a duration: "Total duration: 1 hour and 56
	// minutes", "Time to recovery: 87 minutes", "Time to repair: 2h 2m".
	reDurKey = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?(?:total\s+|outage\s+|incident\s+|impact\s+|service\s+)?(?:duration(?: of (?:the )?(?:service )?(?:outage|incident|impact|downtime|disruption|event|degradation|interruption|unavailability))?|(?:outage|downtime|impact|incident|disruption) duration|downtime|outage|window|time window|(?:outage|downtime|impact|incident) (?:time|window|length|period)|outage length|length(?: of (?:the )?(?:outage|incident|impact|downtime))?|total time|time to (?:recovery|recover|repair|restore|restoration|resolution|resolve|mitigat(?:e|ion))|ttr|mttr|total impact|(?:user|customer)[- ]impact|period of (?:impact|outage|downtime|disruption|degradation))(?:\s*\([^)]*\))?[+*†‡]?\s*[:=\-–]\s*(.+)$`)
	// Prose that states how long the impact lasted, matched on
	// lower-cased text at the positions of reDurTriggers.
	reDurProse = regexp.MustCompile(`^(?:last(?:ed|ing)(?: for)?|persist(?:ed|ing) for|spann(?:ed|ing)|total (?:downtime|outage|duration|impact) (?:of|was)|(?:total )?time to (?:recovery|recover|restore|restoration|resolution|resolve|mitigat(?:e|ion)) (?:was|of)|(?:outage|downtime|disruption|degradation|interruption|unavailability) (?:of|lasting)|(?:the )?(?:outage|incident|impact|downtime|disruption) (?:window|duration|period|length) (?:was|of)|duration of (?:the )?(?:service )?(?:outage|incident|impact|downtime|disruption|interruption|degradation|unavailability) (?:was|of)|(?:down|unavailable|offline|degraded|inaccessible|unreachable|broken|failing|impacted|affected) for|recover(?:ed|s)?(?: itself)? (?:in|after|within)|for a (?:total )?period of|for (?:a total of|the next)|resolved (?:in|after|within))\s+(.{1,60})`)
)

var wordNumbers = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
	"half a": 0.5, "half an": 0.5,
}

func unitMinutes(u string) float64 {
	u = strings.ToLower(u)
	switch {
	case strings.HasPrefix(u, "w"):
		return 7 * 24 * 60
	case strings.HasPrefix(u, "mo"):
		return 30.44 * 24 * 60
	case strings.HasPrefix(u, "d"):
		return 24 * 60
	case strings.HasPrefix(u, "h"):
		return 60
	case strings.HasPrefix(u, "s"):
		return 1.0 / 60
	}
	return 1
}

// unitFits rejects readings like "and" as "an d": a one-letter unit must
// touch a numeral ("2h"), and a number word needs a spelled-out unit.
func unitFits(amt, gap, unit string) bool {
	numeric := amt != "" && amt[0] >= '0' && amt[0] <= '9'
	if len(unit) == 1 {
		return numeric && gap == ""
	}
	if !numeric && strings.TrimSpace(gap) == gap {
		return false
	}
	return true
}

func amount(a string) (float64, bool) {
	a = strings.ToLower(strings.TrimSpace(a))
	if v, ok := wordNumbers[a]; ok {
		return v, true
	}
	// "twenty two", "forty-five": tens and units
	if i := strings.IndexAny(a, " -"); i > 0 {
		t, okT := wordNumbers[a[:i]]
		u, okU := wordNumbers[a[i+1:]]
		if okT && okU && t >= 20 && u >= 1 && u <= 9 {
			return t + u, true
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(a, ",", "."), 64)
	return v, err == nil
}

// parseDuration reads the first duration at the start of s ("15 hours
// and 30 minutes", "2h 2m", "87 minutes", "~20 min"), or a bare number
// of minutes when bareMinutes is set.
func parseDuration(s string, atStart bool) (int, bool) {
	s = normalizeAmounts(s)
	m := reAmountUnit.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, false
	}
	if atStart && strings.TrimSpace(s[:m[0]]) != "" {
		return 0, false
	}
	total := 0.0
	v, ok := amount(s[m[2]:m[3]])
	if !ok {
		return 0, false
	}
	if !unitFits(s[m[2]:m[3]], s[m[3]:m[4]], s[m[4]:m[5]]) {
		return 0, false
	}
	total += v * unitMinutes(s[m[4]:m[5]])
	rest := s[m[1]:]
	for i := 0; i < 3; i++ {
		n := reDurAnd.FindStringSubmatchIndex(rest)
		if n == nil {
			break
		}
		v, ok := amount(rest[n[2]:n[3]])
		if !ok || !unitFits(rest[n[2]:n[3]], rest[n[3]:n[4]], rest[n[4]:n[5]]) {
			break
		}
		total += v * unitMinutes(rest[n[4]:n[5]])
		rest = rest[n[1]:]
	}
	if total <= 0 || total > maxDurationMinutes || math.Round(total) < 1 {
		return 0, false // under half a minute is no outage length
	}
	return int(math.Round(total)), true
}

// reHoursMinutes is a duration written as a clock: "1:45", "01:45:00"
// (hours, minutes, seconds), alone in a duration field's value.
var reHoursMinutes = regexp.MustCompile(`^~?\s*(\d{1,3}):(\d{2})(?::\d{2})?(?:\s*(?:h|hrs?|hours?))?$`)

// durKeyWords are substrings of every key reDurKey accepts.
var durKeyWords = []string{"duration", "downtime", "outage", "time", "window", "length", "period", "ttr", "impact"}

// statedDuration finds a duration stated as a key line.
func keyDuration(line string) (int, bool) {
	if !hasKeyColon(line) || !hasDurationHint(line) && !hasDigit(line) {
		return 0, false
	}
	if !containsAnyWord(strings.ToLower(line[:min(len(line), 48)]), durKeyWords) {
		return 0, false
	}
	m := reDurKey.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return 0, false
	}
	v := strings.TrimSpace(m[1])
	if d, ok := clockRange(v); ok { // "Outage window: 10:00–11:30 UTC"
		return d, true
	}
	if a, b, ok := stampPair(v, dateCtx{}); ok { // "2031-03-08 22:00 – 2031-03-09 01:30 UTC"
		if d := int(b.Sub(a).Minutes() + 0.5); d > 0 && d <= maxDurationMinutes {
			return d, true
		}
	}
	if d, ok := isoDuration(v); ok {
		return d, true
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= maxDurationMinutes {
		return n, true // a bare number is minutes
	}
	if m := reHoursMinutes.FindStringSubmatch(v); m != nil { // "1:45" is hours and minutes
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		if d := h*60 + mi; d > 0 && mi < 60 {
			return d, true
		}
	}
	return parseDuration(v, true)
}

// proseDuration finds a duration stated in prose ("lasted for 15 hours
// and 30 minutes", "a total downtime of 47 minutes"), or read loosely
// ("for about an hour" in a sentence about the outage).
func proseDuration(text string) (int, bool) {
	if d, ok := strictProseDuration(text); ok {
		return d, true
	}
	return looseProseDuration(text)
}

// strictProseDuration finds a duration that prose states as the
// outage's length.
func strictProseDuration(text string) (int, bool) {
	for _, line := range strings.Split(text, "\n") {
		if strings.IndexByte(line, '(') >= 0 {
			line = reHedgeAside.ReplaceAllString(line, "")
		}
		if hasDurationHint(line) {
			if d, ok := statedInLine(line); ok {
				return d, true
			}
		}
		if d, ok := listedOutages(line); ok {
			return d, true
		}
		if strings.Count(line, ":") >= 2 && (hasISODate(line) || reMonthDayWord.MatchString(line)) {
			if d, ok := stampRange(line); ok {
				return d, true
			}
		}
		if d, ok := beganEnded(line); ok {
			return d, true
		}
		if at := clockRangeAt(line); at >= 0 {
			win := line[max(0, at-160):min(len(line), at+200)]
			if reOutageWords.MatchString(win) {
				if d, ok := clockRange(win); ok {
					return d, true
				}
			}
		}
	}
	return 0, false
}

// reListedOutages is several outages with the length of each in
// brackets: "three short outages (6min, 3min and 5min)"; reListedLength
// is one of those lengths.
var (
	reListedOutages = regexp.MustCompile(`(?i)\b(?:outages|interruptions|disruptions|downtimes|blips)\b[^.()]{0,40}\((\s*\d+\s*(?:minutes?|mins?|m|hours?|hrs?|h)\b(?:\s*(?:,|,?\s*and)\s*\d+\s*(?:minutes?|mins?|m|hours?|hrs?|h)\b){1,11})\s*\)`)
	reListedLength  = regexp.MustCompile(`(?i)(\d+)\s*(minutes?|mins?|m|hours?|hrs?|h)\b`)
)

// listedOutages reads the lengths a line gives of several separate
// outages, in brackets after them, as their total downtime.
func listedOutages(line string) (int, bool) {
	if strings.IndexByte(line, '(') < 0 {
		return 0, false
	}
	m := reListedOutages.FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	total := 0.0
	for _, p := range reListedLength.FindAllStringSubmatch(m[1], -1) {
		v, _ := strconv.Atoi(p[1])
		total += float64(v) * unitMinutes(p[2])
	}
	if total <= 0 || total > maxDurationMinutes {
		return 0, false
	}
	return int(total + 0.5), true
}

// reHedgeAside is a hedge in brackets beside a time ("from ~12:00
// (maybe earlier) to 17:55"): it leaves the time as it is and would
// only part a range from its end.
var reHedgeAside = regexp.MustCompile(`(?i)\s*\((?:maybe|perhaps|possibly|probably|approx\.?|approximately|roughly|about|around|at the latest|at the earliest|or (?:so|earlier|before|later|after))\b[^()\d]{0,24}\)`)

// looseProseDuration reads the weaker phrasings of looseDuration in
// each sentence of text.
func looseProseDuration(text string) (int, bool) {
	for _, line := range strings.Split(text, "\n") {
		if !hasDurationHint(line) {
			continue
		}
		for _, sent := range splitSentences(line) {
			if d, ok := looseDuration(sent); ok {
				return d, true
			}
		}
	}
	return 0, false
}

// normalizeAmounts rewrites amounts the duration patterns cannot read
// into ones they can: "three and a half hours" and "2 1/2 hours" are
// "3.5 hours", "2.5 hours"; "an hour and a half" is "1.5 hour"; "1h45m"
// is "1h 45m".
func normalizeAmounts(s string) string {
	if strings.Contains(s, "half") {
		s = reAndAHalf.ReplaceAllStringFunc(s, func(m string) string {
			g := reAndAHalf.FindStringSubmatch(m)
			v, ok := amount(g[1])
			if !ok {
				return m
			}
			return strconv.FormatFloat(v+0.5, 'f', -1, 64) + " " + g[2]
		})
		s = reUnitAndAHalf.ReplaceAllString(s, "1.5 $1")
	}
	if strings.Contains(s, "1/2") || strings.Contains(s, "½") {
		s = reHalfFraction.ReplaceAllString(s, "$1.5")
	}
	if hasDigit(s) {
		s = reJoinedUnits.ReplaceAllString(s, "$1 $2")
	}
	return s
}

// reHalfFraction is "2 1/2", "2½"; reJoinedUnits is a unit run into
// the next amount ("1h45m", "2d3h").
var (
	reHalfFraction = regexp.MustCompile(`(\d+)(?:\s+1/2|\s*½)`)
	reJoinedUnits  = regexp.MustCompile(`(?i)\b(\d+(?:h|hrs?|d))(\d+\s*(?:h|hrs?|hours?|m|mins?|minutes?)\b)`)
)

// reAndAHalf reads "7 and a half hours" as "7.5 hours"; reUnitAndAHalf
// reads "an hour and a half" as "1.5 hour".
var (
	reAndAHalf     = regexp.MustCompile(`(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+and\s+a\s+half\s+(weeks?|days?|hours?|minutes?)\b`)
	reUnitAndAHalf = regexp.MustCompile(`(?i)\b(?:an?|one)\s+(week|day|hour|minute)\s+and\s+a\s+half\b`)
)

// reForAbout reads "for roughly an hour", "for about two weeks", "for
// ~2 days": a duration after "for", believed only in a sentence about
// the outage (reImpactWords).
var reForAbout = regexp.MustCompile(`(?i)\b(?:for|over the course of)\s+(?:(?:up to|about|approximately|approx\.?|roughly|around|nearly|almost|over|just over|just under|some|a total of|a period of|the (?:next|following)|~)\s*)?((?:\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety|half an?|several)\s*-?\s*(?:weeks?|days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:,|and)?\s*(?:\d+|a half)\s*(?:hours?|minutes?|mins?|m)\b)?(?:\s+and\s+a\s+half\s+\w+)?)`)

// reQualified reads a hedged amount standing alone ("approximately 79
// minutes", "about 2.5h", "~40 min"): the weakest reading, believed
// only in a sentence about the outage.
var reQualified = regexp.MustCompile(`(?i)(?:\b(?:about|approximately|approx\.?|roughly|around|nearly|almost)\s+|~\s*)(\d+(?:[.,]\d+)?\s*(?:hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:and\s+)?\d+\s*(?:minutes?|mins?|m)\b)?)`)

// reImpactWords gate the loose duration readings: the sentence must be
// about the outage, not about a fix's build time or a meeting.
var reImpactWords = regexp.MustCompile(`(?i)\b(?:outages?|down|downtime|unavailable|unusable|unstable|unreachable|inaccessible|offline|halted|stopped|stuck|broken|failing|failed|errors?|degraded|disrupt\w*|interrupt\w*|impact\w*|affected|nobody|no one|could not|couldn't|unable|lost|delayed|expired|unresponsive|went (?:quiet|silent|dark))\b`)

// reHealthyWords mark a sentence about health, not impact ("error rates
// have been normal for 30 minutes").
var reHealthyWords = regexp.MustCompile(`(?i)\b(?:normal|stable|healthy|monitoring|no (?:further )?(?:errors|issues))\b`)

// reBetweenStamps reads "between 2025-07-30 21:27 UTC and 2025-07-31
// 07:27 UTC": a range of full stamps, possibly over days.
var reBetweenStamps = regexp.MustCompile(`(?i)\b(?:between|from)\s+(?:approximately\s+|about\s+|around\s+|roughly\s+)?(.{6,48}?)\s+(?:and|to|until|till)\s+(.{4,48})`)

// reMonthDayWord finds a month named with a day ("November 11", "11
// Nov"): a range of such stamps may be read without a year.
var reMonthDayWord = regexp.MustCompile(`(?i)\b(?:` + monthRe + `\s+\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `)`)

// yearlessRangeYear is the year given to a range whose stamps name none.
const yearlessRangeYear = 2023

// stampRange reads a range of two stamps with dates or clocks in a
// sentence about the outage, in minutes.
func stampRange(line string) (int, bool) {
	m := reBetweenStamps.FindStringSubmatch(line)
	if m == nil || !reImpactWords.MatchString(line) {
		return 0, false
	}
	a, okA := findStamp(m[1])
	b, okB := findStamp(m[2])
	if !okA || !okB || !a.hasTime || !b.hasTime || !a.hasDate || (b.hasYear && !a.hasYear) {
		return 0, false
	}
	if !a.hasYear {
		// "From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC": the
		// length does not depend on the year both ends share (leap days
		// and changed daylight-saving rules aside), so any year will do.
		a.y, a.hasYear = yearlessRangeYear, true
		if b.hasDate {
			b.y, b.hasYear = a.y, true
		}
	}
	if !b.hasDate {
		b.y, b.mo, b.d, b.hasDate, b.hasYear = a.y, a.mo, a.d, true, true
	}
	if b.zone == nil && b.zoneWord == "" {
		b.zone, b.zoneWord = a.zone, a.zoneWord
	}
	if a.zone == nil && a.zoneWord == "" {
		a.zone, a.zoneWord = b.zone, b.zoneWord
	}
	ta, okA := a.resolve(dateCtx{})
	tb, okB := b.resolve(dateCtx{y: a.y, mo: a.mo, d: a.d})
	if !okA || !okB || !tb.After(ta) {
		return 0, false
	}
	d := int(tb.Sub(ta).Minutes() + 0.5)
	return d, d > 0 && d <= maxDurationMinutes
}

// looseDuration reads the weaker phrasings of a line about the outage:
// "for roughly an hour", then a hedged amount.
func looseDuration(line string) (int, bool) {
	if !reImpactWords.MatchString(line) || reHealthyWords.MatchString(line) || reFuture.MatchString(line) {
		return 0, false
	}
	line = normalizeAmounts(line)
	for _, re := range []*regexp.Regexp{reForAbout, reDurLongPred, reDurAnLong, reQualified} {
		if m := re.FindStringSubmatchIndex(line); m != nil && !reLifetime.MatchString(line[:m[0]]) {
			if d, ok := parseDuration(line[m[2]:m[3]], true); ok {
				return d, true
			}
		}
	}
	return 0, false
}

// reLifetime ends the words before an amount that make it how long
// something is kept, not how long the outage lasted: a TTL, a cache's
// lifetime, an expiry or a retention period ("cached errors with TTLs
// for four hours", "logs are retained for 30 days").
var reLifetime = regexp.MustCompile(`(?i)\b(?:ttls?|time[- ]to[- ]live|max[- ]age|cach(?:e|es|ed|ing)|expir\w*|retention|retain\w*|validity|valid|lifetime|kept|stored)\b[^.;!?]{0,30}$`)

// reDurLongPred reads "the outage was 45 minutes long"; reDurAnLong
// reads "an hour-long outage".
var (
	reDurLongPred = regexp.MustCompile(`(?i)\b(?:was|were|is|remained)\s+(?:about\s+|approximately\s+|roughly\s+|around\s+|nearly\s+|almost\s+|~\s*)?(` + amountRe + `\s*-?\s*(?:weeks?|days?|hours?|hrs?|minutes?|mins?)(?:\s*(?:,|and)?\s*\d+\s*(?:minutes?|mins?))?)\s+long\b`)
	reDurAnLong   = regexp.MustCompile(`(?i)\b(an?\s+(?:week|day|hour|minute))[- ]long\s+(?:\w+\s+)?(?:outage|downtime|disruption|interruption|incident|degradation)\b`)
)

// statedInLine finds a duration stated in one line of prose.
func statedInLine(line string) (int, bool) {
	if m := reDurOfDowntime.FindStringSubmatch(line); m != nil {
		if d, ok := parseDuration(m[1], true); ok {
			return d, true
		}
	}
	if m := reDurAdjective.FindStringSubmatch(line); m != nil {
		if d, ok := parseDuration(m[1]+" "+m[2]+"s", true); ok {
			return d, true
		}
	}
	if m := reDurTook.FindStringSubmatch(line); m != nil {
		if d, ok := parseDuration(m[1], true); ok {
			return d, true
		}
	}
	if m := reDurBefore.FindStringSubmatchIndex(line); m != nil && !reFuture.MatchString(line[max(0, m[0]-40):m[1]]) {
		if d, ok := parseDuration(line[m[2]:m[3]], true); ok {
			return d, true
		}
	}
	for _, re := range []*regexp.Regexp{reDurRestoredIn, reDurRestoredLater} {
		if m := re.FindStringSubmatchIndex(line); m != nil && !reFuture.MatchString(line[max(0, m[0]-40):m[1]]) {
			if d, ok := parseDuration(line[m[2]:m[3]], true); ok {
				return d, true
			}
		}
	}
	if m := reDurAfterRecovered.FindStringSubmatch(line); m != nil && !reFuture.MatchString(line) {
		if d, ok := parseDuration(m[1], true); ok {
			return d, true
		}
	}
	if reDurAfterStart.MatchString(line) {
		// only a sentence about the end: "nine hours after it began
		// the cause was found" is no duration
		for _, sent := range splitSentences(line) {
			if m := reDurAfterStart.FindStringSubmatch(sent); m != nil && reEndWords.MatchString(sent) {
				if d, ok := parseDuration(m[1], true); ok {
					return d, true
				}
			}
		}
	}
	l := strings.ToLower(line)
	for i := 0; i < len(l); i++ {
		if i > 0 && isWordByte(l[i-1]) || !durTriggerStart[l[i]] || !hasDurTrigger(l[i:]) {
			continue
		}
		if m := reDurProse.FindStringSubmatch(l[i:]); m != nil && !reCondition.MatchString(l[max(0, i-60):i]) && !reDurBound.MatchString(m[1]) {
			if d, ok := parseDuration(m[1], true); ok {
				return d, true
			}
		}
	}
	return 0, false
}

// twoClocksAt returns the index of a clock ("9:10", "14:02") followed
// within 24 bytes by another, or -1: a cheap test for a time range.
func twoClocksAt(s string) int {
	prev := -1
	for i := 0; i+2 < len(s); i++ {
		if s[i] == ':' && i > 0 && isDigitByte(s[i-1]) && isDigitByte(s[i+1]) && isDigitByte(s[i+2]) {
			if prev >= 0 && i-prev <= 24 {
				return max(0, prev-2)
			}
			prev = i
			i += 2
		}
	}
	return -1
}

// reBeganEnded reads a sentence that gives the start and the end of the
// impact as two clocks: "The outage began at 14:02 UTC and ended at
// 15:10 UTC", "errors started around 9:15 AM; service was restored by
// 10:40 AM".
var reBeganEnded = regexp.MustCompile(`(?i)\b(?:began|begun|started|starts|start(?:ed)? (?:at|around)|beginning|went (?:down|offline|dark))\b[^.!?]{0,40}?\b(\d{1,2}:\d{2}(?:\s*[ap]\.?m\b\.?)?)[^.!?]{0,80}?\b(?:ended|ends|resolved|restored|recovered|mitigated|until|till|came back|back online|back up|back to normal)\b[^.!?\d]{0,30}?(\d{1,2}:\d{2}(?:\s*[ap]\.?m\b\.?)?)`)

// beganEnded returns the minutes between the two clocks of a
// reBeganEnded sentence in line, wrapping past midnight.
func beganEnded(line string) (int, bool) {
	if strings.Count(line, ":") < 2 {
		return 0, false
	}
	for _, sent := range splitSentences(line) {
		m := reBeganEnded.FindStringSubmatch(sent)
		if m == nil || !reOutageWords.MatchString(sent) {
			continue // a migration's or a meeting's times
		}
		a, okA := findClock(m[1], 0)
		b, okB := findClock(m[2], 0)
		if !okA || !okB {
			continue
		}
		d := (b.h*60 + b.mi) - (a.h*60 + a.mi)
		if d < 0 {
			d += 24 * 60
		}
		if d > 0 && d <= 20*60 {
			return d, true
		}
	}
	return 0, false
}

// reAMPM finds an hour with am/pm ("2 PM", "11am").
var reAMPM = regexp.MustCompile(`(?i)\d\s*[ap]\.?m\b`)

// clockRangeAt is twoClocksAt, or the index of a range of hours with
// am/pm ("from 2 PM to 4 PM"); -1 when neither.
func clockRangeAt(s string) int {
	if at := twoClocksAt(s); at >= 0 {
		return at
	}
	if !reAMPM.MatchString(s) {
		return -1
	}
	if m := reClockRange.FindStringIndex(s); m != nil {
		return m[0]
	}
	return -1
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// reOutageWords gate time ranges in prose: the range must be about the
// impact, not a maintenance window or a meeting.
var reOutageWords = regexp.MustCompile(`(?i)\b(?:outage|lasted|lasting|incident|down|unavailable|unreachable|inaccessible|offline|unusable|unresponsive|interrupted|errors?|failed|failing|degraded|disrupt\w*|impact\w*|affected|delayed|could not|couldn't|unable)\b`)

// durTriggerStart holds the first letters of reDurProse's alternatives.
var durTriggerStart = [256]bool{'p': true, 's': true, 'l': true, 't': true, 'o': true, 'd': true, 'i': true, 'u': true, 'b': true, 'f': true, 'r': true, 'a': true}

// durTriggers are the literal openings of reDurProse's alternatives.
var durTriggers = []string{"last", "persist", "spann", "total ", "outage ", "downtime ", "disruption ", "degradation ", "interruption ",
	"unavailab", "down for", "offline for", "degraded for", "inaccessible for", "unreachable for", "broken for",
	"failing for", "impacted for", "affected for", "recover", "for a ", "for the next", "resolved ", "time to ", "incident ", "impact ", "duration of"}

func hasDurTrigger(s string) bool {
	for _, t := range durTriggers {
		if strings.HasPrefix(s, t) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// reDurOfDowntime reads "~1hr of total downtime", "47 minutes of outage",
// "two days of downtime", "79 minutes of partial availability", "up to
// 8 hours of email delay".
var reDurOfDowntime = regexp.MustCompile(`(?i)(?:^|[\s(~])(\d+(?:\.\d+)?\s*(?:hours?|hrs?|h|minutes?|mins?|m|days?)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|ninety)\s+(?:hours?|minutes?|days?))\s+(?:of\s+)?(?:total\s+|complete\s+|full\s+|partial\s+|user[- ]facing\s+|customer[- ]facing\s+)?(?:downtime|outage|unavailability|disruption|degradation|degraded (?:service|performance)|service interruption|interruption|impact|(?:partial|reduced|degraded|limited|intermittent) (?:availability|service)|of\s+(?:(?:e-?mail|mail|message|delivery|build|job|queue|processing|sync|replication)\s+)?delays?)\b`)

// reDurAdjective reads "a 45-minute outage", "a two-hour disruption".
var reDurAdjective = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty-five|ninety)[- ](minute|hour|day)(?:[- ]long)?\s+(?:partial\s+|total\s+|full\s+|major\s+|service\s+)?(?:outage|downtime|disruption|interruption|incident|degradation|window (?:of|where|when|during|in which))\b`)

// reDurRestoredIn reads how long service took to come back, stated with
// the recovery: "restored access to the site in under 24 hours", "was
// back to being fully operational after around 40 minutes", "service
// recovered within about an hour". A fix ("fixed in 3 days") is not the
// end of the impact and is not read.
var reDurRestoredIn = regexp.MustCompile(`(?i)\b(?:restored|recovered|resolved|back (?:online|up|to normal)|(?:fully )?operational(?: again)?|available again|working again)\b[^.;:!?]{0,48}?\b(?:in|within|after)\s+((?:(?:just |a little )?(?:under|over)|less than|more than|about|around|roughly|approximately|nearly|almost|some|~)?\s*` + amountRe + `\s*-?\s*(?:weeks?|days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:,|and)?\s*\d+\s*(?:minutes?|mins?|m)\b)?)`)

// reCondition ends the clause of a condition or a threshold, not what
// happened: "alert only if a host is down for more than 15 minutes",
// "page whenever it is unavailable for 5 minutes".
var reCondition = regexp.MustCompile(`(?i)\b(?:if|whenever|unless|in case)\b[^.;:!?]{0,60}$`)

// reFuture marks a plan or a hope, not what happened: "will be
// restored within 2 days".
var reFuture = regexp.MustCompile(`(?i)\b(?:will|would|should|shall|expect\w*|plan\w*|aim\w*|goal|target\w*|must)\b`)

// reDurRestoredLater reads "service was restored 45 minutes later": the
// time from the impact the text has just described to its end.
var reDurRestoredLater = regexp.MustCompile(`(?i)\b(?:restored|recovered|back (?:online|up|to normal)|(?:fully )?operational again|available again|working again)\b[^.;:!?]{0,32}?\b((?:about|around|roughly|approximately|nearly|almost|some|~)?\s*` + amountRe + `\s*-?\s*(?:weeks?|days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:,|and)?\s*\d+\s*(?:minutes?|mins?|m)\b)?)\s+later\b`)

// reDurAfterStart reads "…, 2.5 hours after it began": a recovery
// dated from the start of the impact.
var reDurAfterStart = regexp.MustCompile(`(?i)(?:^|[\s(,~])((?:about|around|roughly|approximately|nearly|almost|some|~)?\s*` + amountRe + `\s*-?\s*(?:weeks?|days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:,|and)?\s*\d+\s*(?:minutes?|mins?|m)\b)?)\s+after\s+(?:it|the (?:outage|incident|impact|problem|issue|disruption|errors?|failures?))\s+(?:had\s+)?(?:began|begun|started)\b`)

// reEndWords mark a sentence about the end of the impact.
var reEndWords = regexp.MustCompile(`(?i)\b(?:restored|recovered|resolved|mitigated|ended|over|lasted until|back (?:online|up|to normal)|operational|available again|working again)\b`)

// reDurTook reads "it took 40 minutes to restore service", "it took
// an hour from the start of the incident to the deploy of the fix".
var reDurTook = regexp.MustCompile(`(?i)\btook\s+(?:us\s+)?(?:about\s+|around\s+|approximately\s+|roughly\s+|nearly\s+|~)?(.{1,40}?)\s+(?:to\s+(?:fully\s+)?(?:recover|restore|resolve|mitigate|fix|bring)|from\s+the\s+(?:start|beginning|onset)\s+of\s+the\s+(?:incident|outage|impact|disruption|downtime)\s+(?:to|until)\s+(?:the\s+)?(?:(?:deploy(?:ment)?|release|rollout)\s+of\s+(?:the|a)\s+fix|(?:full\s+)?(?:recovery|resolution|mitigation|restoration)|(?:restore|resolve|mitigate|recover|fix)\b)|(?:before|until)\s+(?:\w+\s+){0,4}?(?:was|were|is|came|got)\s+(?:fully\s+)?(?:restored|recovered|resolved|mitigated|back|available|working))`)

// reDurBefore reads "it was about 20 minutes before the site came back",
// "some 40 minutes passed before service was restored", "the attack ran
// over 50 minutes before being stopped": the time that went by until the
// recovery.
var reDurBefore = regexp.MustCompile(`(?i)(?:^|[^\w.])((?:(?:about|around|roughly|approximately|nearly|almost|some|over|~)\s*)?` + amountRe + `\s*-?\s*(?:weeks?|days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:\s*(?:,|and)?\s*\d+\s*(?:minutes?|mins?|m)\b)?)\s+(?:(?:had\s+)?(?:passed|elapsed|went by)\s+)?before\s+(?:(?:\w+\s+){0,4}?(?:was|were|is|came|got)\s+(?:fully\s+)?(?:restored|back|recovered|available|working|operational)|being\s+(?:fully\s+)?(?:mitigated|stopped|halted|contained|resolved|restored|recovered))\b`)

// reClockRange reads a time range: "between 14:02 and 14:51 UTC",
// "from 9:10 to 10:05", "10:00–11:30 UTC".
var reClockRange = regexp.MustCompile(`(?i)(?:\bbetween|\bfrom|^|[\s(])\s*(?:~|(?:about|around|approximately|approx\.?|roughly)\s)?\s*(\d{1,2}:\d{2}(?:\s*[ap]\.?m\b\.?)?|\d{1,2}\s*[ap]\.?m\b\.?)(?:\s*[a-z]{2,4}\b)?\s*(?:and|to|until|till|through|-|–|—)\s*(?:~|(?:about|around|approximately|approx\.?|roughly)\s)?\s*(\d{1,2}:\d{2}(?:\s*[ap]\.?m\b\.?)?|\d{1,2}\s*[ap]\.?m\b)`)

// clockRange returns the minutes between the two clocks of a range in
// s, wrapping past midnight.
func clockRange(s string) (int, bool) {
	m := reClockRange.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	a, okA := findClock(m[1], 0)
	b, okB := findClock(m[2], 0)
	if !okA || !okB {
		return 0, false
	}
	d := (b.h*60 + b.mi) - (a.h*60 + a.mi)
	if d < 0 {
		d += 24 * 60
	}
	if d <= 0 || d > 20*60 {
		return 0, false
	}
	return d, true
}

// frontmatterDuration reads "47m", "2h 5m", "PT1H30M" or a number of
// minutes.
func frontmatterDuration(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if d, ok := isoDuration(v); ok {
		return d, true
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n > 0 && n <= maxDurationMinutes {
			return int(math.Round(n)), true
		}
		return 0, false
	}
	return parseDuration(v, true)
}

// reISODuration is an ISO 8601 duration: "PT1H30M", "P1DT2H", "PT45M".
var reISODuration = regexp.MustCompile(`^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// isoDuration reads an ISO 8601 duration in minutes.
func isoDuration(v string) (int, bool) {
	m := reISODuration.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(v)))
	if m == nil {
		return 0, false
	}
	mins := 0.0
	for i, unit := range []float64{7 * 24 * 60, 24 * 60, 60, 1, 1.0 / 60} {
		if m[i+1] != "" {
			n, _ := strconv.Atoi(m[i+1])
			mins += float64(n) * unit
		}
	}
	d := int(math.Round(mins))
	return d, d > 0 && d <= maxDurationMinutes
}

// reRangeSep separates the two ends of a range of stamps.
var reRangeSep = regexp.MustCompile(`(?i)\s+(?:-|–|—|to|until|till|through)\s+|\s*[–—]\s*`)

// stampPair reads a value that is a range of two stamps, the first with
// a date and a time ("2031-03-08 22:00 UTC – 2031-03-09 01:30 UTC",
// "March 8, 2031 22:00 - March 9, 2031 01:30"); the second takes the
// first's date or zone where it has none.
func stampPair(v string, ctx dateCtx) (time.Time, time.Time, bool) {
	for _, loc := range reRangeSep.FindAllStringIndex(v, 4) {
		a, okA := findStamp(v[:loc[0]])
		b, okB := findStamp(v[loc[1]:])
		if !okA || !okB || !a.hasTime || !b.hasTime || !(a.hasDate || ctx.y != 0) {
			continue
		}
		if a.zone == nil && a.zoneWord == "" {
			a.zone, a.zoneWord = b.zone, b.zoneWord
		}
		ta, ok := a.resolve(ctx)
		if !ok {
			continue
		}
		if !b.hasDate {
			b.y, b.mo, b.d, b.hasDate, b.hasYear = ta.Year(), int(ta.Month()), ta.Day(), true, true
		} else if !b.hasYear {
			b.y, b.hasYear = ta.Year(), true
		}
		if b.zone == nil && b.zoneWord == "" {
			b.zone, b.zoneWord = a.zone, a.zoneWord
		}
		tb, ok := b.resolve(ctx)
		if !ok {
			continue
		}
		if !tb.After(ta) && !b.hasDate {
			tb = tb.Add(24 * time.Hour)
		}
		if tb.After(ta) {
			return ta, tb, true
		}
	}
	return time.Time{}, time.Time{}, false
}

// reDurBound is a bound, not a measure: "lasted less than one hour",
// "down for under an hour" ("just under two hours" is near two hours).
var reDurBound = regexp.MustCompile(`^(?:less than|fewer than|under|no more than|not more than|at most)\b`)

// reDurAfterRecovered reads a sentence that opens with the time it took
// and ends in the recovery: "After nearly ~7 hours, the node caught up
// again", "After about 40 minutes service was restored".
var reDurAfterRecovered = regexp.MustCompile(`(?i)(?:^|[.;!]\s+)after\s+(?:(?:about|around|roughly|approximately|nearly|almost|some|~)\s*){0,2}(` + amountRe + `\s*-?\s*(?:days?|hours?|hrs?|minutes?|mins?)\b(?:\s*(?:,|and)?\s*\d+\s*(?:minutes?|mins?)\b)?),?\s+[^.;:!?]{0,60}?\b(?:restored|recovered|caught up|back (?:online|up|to normal)|operational again|available again|working again)\b`)
