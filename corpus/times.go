package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// zoneOffsets are the named zones understood, in seconds east of UTC.
// Ambiguous names take their most common reading (IST is India, CST is
// US Central).
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
	"CET": 3600, "CEST": 2 * 3600, "BST": 3600, "WEST": 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
	"MSK": 3 * 3600, "IST": 5*3600 + 1800, "JST": 9 * 3600, "KST": 9 * 3600, "SGT": 8 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600, "SAST": 2 * 3600,
	"HKT": 8 * 3600, "AWST": 8 * 3600, "MEZ": 3600, "MESZ": 2 * 3600, "ACST": 9*3600 + 1800, "ACDT": 10*3600 + 1800,
}

// zoneRegions map zone words whose offset follows daylight saving
// (either of a pair, or the region's name) to the region's IANA zone, so
// a time gets the offset in force on its date: "09:00 PST" in July is
// 09:00 at UTC-7.
var zoneRegions = map[string]string{
	"EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York", "EASTERN": "America/New_York",
	"CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago", "CENTRAL": "America/Chicago",
	"MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver", "MOUNTAIN": "America/Denver",
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
	"AKST": "America/Anchorage", "AKDT": "America/Anchorage",
	"CET": "Europe/Paris", "CEST": "Europe/Paris", "CENTRAL EUROPEAN": "Europe/Paris", "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin",
	"EET": "Europe/Athens", "EEST": "Europe/Athens", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
	"BST": "Europe/London", "UK": "Europe/London", "LONDON": "Europe/London",
	"AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "ACST": "Australia/Adelaide", "ACDT": "Australia/Adelaide",
	"NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
}

// dstZones are zone words that name a region, not an offset: a stamp
// keeps them as its zoneWord until its date is known.
var dstZones = map[string]bool{
	"ET": true, "EASTERN": true, "CT": true, "CENTRAL": true, "MT": true, "MOUNTAIN": true, "PT": true,
	"PACIFIC": true, "CENTRAL EUROPEAN": true, "UK": true, "LONDON": true,
}

// regionZone loads the IANA zone of a zone word, or nil.
func regionZone(word string) *time.Location {
	return regionLocations[word]
}

// regionLocations are the IANA zones of zoneRegions, loaded once (from
// the embedded tz database) and never changed: loading a zone reads and
// parses its data, a tenth of a parse's time when done per stamp.
var regionLocations = func() map[string]*time.Location {
	m := make(map[string]*time.Location, len(zoneRegions))
	for word, name := range zoneRegions {
		if loc, err := time.LoadLocation(name); err == nil {
			m[word] = loc
		}
	}
	return m
}()

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthRe = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

const zoneRe = `(?:\(?\s*(utc|gmt|z|ut|wet|est|edt|cst|cdt|mst|mdt|pst|pdt|akst|akdt|hst|cet|cest|bst|west|eet|eest|msk|ist|jst|kst|sgt|aest|aedt|acst|acdt|awst|nzst|nzdt|sast|hkt|mesz|mez|eastern|pacific|mountain|central european|central|et|ct|pt|mt)\b(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?|\s*([+-])(\d{2}):?(\d{2})\b)`

var (
	reISODate = regexp.MustCompile(`(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)`)
	// reNumDate is 31/01/2024 or 01/31/2024 (and with dots or dashes:
	// 07-29-2023), or with a two-digit year and slashes or dashes
	// (5/26/21, 5-26-21); both separators must be the same.
	reNumDate = regexp.MustCompile(`(?:^|[^\d/.-])(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})(?:[^\d/.-]|[/.-]\D|[/.-]$|$)`)
	reDMY     = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+` + monthRe + `(?:,?[\s-]+(\d{4}))?\b`)
	reMDY     = regexp.MustCompile(`(?i)\b` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	reClock   = regexp.MustCompile(`(?i)(?:^|[^\d:.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\s*([ap])\.?\s?m\b\.?)?` + `(?:\s*` + zoneRe + `)?`)
	// reHClock is the European "18h05 UTC"; only with a zone, since
	// "1h30" alone is as often a duration.
	reHClock   = regexp.MustCompile(`(?i)(?:^|[^\d:.])(\d{1,2})h(\d{2})\s*` + zoneRe)
	reHourAMPM = regexp.MustCompile(`(?i)(?:^|[^\d:.])(\d{1,2})\s*([ap])\.?m\b\.?(?:\s*` + zoneRe + `)?`)
	reZoneWord = regexp.MustCompile(`(?i)\b(utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|bst|ist|jst|sast|aest|aedt|eastern|pacific|central european|central|mountain)\b(?:\s*(?:time|standard time|daylight time))?(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?`)
	reAllTimes = regexp.MustCompile(`(?i)(?:all )?times?(?: are| listed| shown| given)?(?: in| are in)?\s*(?:\(|:)?\s*(utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|bst|ist|jst|sast|aest|aedt|eastern|pacific|central european|central|mountain)\b|(?:date and )?time in (utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|bst|ist|jst|sast|aest|aedt)\b`)
)

// reRangeTail is the rest of a day range after its first day, up to
// the year the range shares: "March 3[-4, 2031]", "March 31[ – April 1,
// 2031]".
var reRangeTail = regexp.MustCompile(`(?i)^\s*(?:-|–|—|to|through|till|until|and|&)\s*(?:` + monthRe + `\s+)?(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)

// reRangeHead is the start of a day range before the day that carries
// the month: "[3-]4 March 2031", "[between the 3rd and ]4th of March".
var reRangeHead = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|till|until|and|&)\s*(?:the\s+)?$`)

// reClockNext is a clock right after a date: "Dec 31 23:00", "Dec 31,
// 11:05 PM", "Dec 31 at 9:40".
var reClockNext = regexp.MustCompile(`(?i)^,?\s*(?:at\s+|-\s+)?(?:\d{1,2}[:.h]\d{2}\b|(?:[01]\d|2[0-3])[0-5]\d\s*\(?(?:utc|gmt|z)\b)`)

// reMilClockNext is a four-digit clock with a zone right after a date:
// "Feb 8 0117 UTC" is 01:17, not the year 117.
var reMilClockNext = regexp.MustCompile(`(?i)^,?\s*(?:at\s+)?([01]\d|2[0-3])([0-5]\d)\s*\(?(utc|gmt|z)\b\)?`)

// reYMonD is a year, a month's name and a day: "2031-Feb-07",
// "2031-DEC-5".
var reYMonD = regexp.MustCompile(`(?i)\b(\d{4})[-/]` + monthRe + `[-/](\d{1,2})\b`)

// stamp is a date and/or time of day found in text.
type stamp struct {
	y, mo, d   int
	h, mi, s   int
	hasDate    bool
	hasYear    bool
	hasTime    bool
	zone       *time.Location
	start, end int // byte span in the text
	// zoneWord is a zone whose offset depends on the date ("ET").
	zoneWord string
}

// dateCtx supplies what a stamp leaves out: the year, the day and the
// zone of earlier lines or the document.
type dateCtx struct {
	y, mo, d int
	zone     *time.Location
	zoneName string
	// weak marks a date taken from the file name: a date written in
	// the document replaces it.
	weak bool
}

// fixedZone returns a location for a zone word and optional offset
// suffix ("UTC+2"), or nil when unknown. A word of a region with
// daylight saving gives the region's zone, whose offset follows the date.
func fixedZone(word, sign, hh, mm string, month int) *time.Location {
	w := strings.ToUpper(strings.TrimSpace(word))
	off, ok := zoneOffsets[w]
	if sign == "" || hh == "" {
		if loc := regionZone(w); loc != nil {
			return loc
		}
		if !ok {
			return nil
		}
		return time.FixedZone(w, off)
	}
	if !ok {
		loc := regionZone(w)
		if loc == nil {
			return nil
		}
		// "Pacific-1": the region's standard offset, shifted
		_, off = time.Date(2001, 1, 15, 12, 0, 0, 0, loc).Zone()
	}
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	d := h*3600 + m*60
	if d > 14*3600 {
		return nil
	}
	if sign == "-" {
		d = -d
	}
	off += d
	return time.FixedZone(offsetName(off), off)
}

func offsetName(off int) string {
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return "UTC" + sign + strconv.Itoa(off/3600)
}

func offsetZone(sign, hh, mm string) *time.Location {
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	if h > 14 || m > 59 {
		return nil
	}
	off := h*3600 + m*60
	if sign == "-" {
		off = -off
	}
	return time.FixedZone(offsetName(off), off)
}

// zoneFromGroups builds the zone of a reClock/reHourAMPM match from its
// zone sub-matches (word, sign, hh, mm, then sign, hh, mm of a bare
// offset).
func zoneFromGroups(g []string, month int) *time.Location {
	if len(g) < 7 {
		return nil
	}
	if g[0] != "" {
		return fixedZone(g[0], g[1], g[2], g[3], month)
	}
	if g[4] != "" {
		return offsetZone(g[4], g[5], g[6])
	}
	return nil
}

// findDate returns the first calendar date in s.
func findDate(s string) (st stamp, ok bool) {
	best := -1
	if !hasDigit(s) {
		return st, false
	}
	if !hasISODate(s) {
		// fall through to named months only
	} else {
		for _, m := range reISODate.FindAllStringSubmatchIndex(s, 4) {
			if isVersionLike(s, m) {
				continue
			}
			y, _ := strconv.Atoi(s[m[2]:m[3]])
			mo, _ := strconv.Atoi(s[m[4]:m[5]])
			d, _ := strconv.Atoi(s[m[6]:m[7]])
			if validDate(y, mo, d) {
				st = stamp{y: y, mo: mo, d: d, hasDate: true, hasYear: true, start: m[2], end: m[7]}
				best = m[2]
				break
			}
		}
	}
	// numeric day/month: unambiguous when one part is over 12, else
	// read by the separator
	if best < 0 && strings.IndexByte(s, '/')+strings.IndexByte(s, '.')+strings.IndexByte(s, '-') > -3 {
		if st0, ok := numericDate(s); ok {
			st, best = st0, st0.start
		}
	}
	// named months: look only around each month word
	for mi := monthWordIndex(s, 0); mi >= 0 && (best < 0 || mi < best+16); mi = monthWordIndex(s, mi+3) {
		lo := max(0, mi-16)
		hi := min(len(s), mi+32)
		for lo > 0 && s[lo-1] >= 0x80 { // stay on a UTF-8 boundary
			lo--
		}
		for hi < len(s) && s[hi] >= 0x80 {
			hi++
		}
		win := s[lo:hi]
		if m := reYMonD.FindStringSubmatchIndex(win); m != nil && (best < 0 || lo+m[0] < best) {
			y, _ := strconv.Atoi(win[m[2]:m[3]])
			mo := int(monthNames[strings.ToLower(win[m[4]:m[5]])])
			d, _ := strconv.Atoi(win[m[6]:m[7]])
			if validDate(y, mo, d) {
				st = stamp{y: y, mo: mo, d: d, hasDate: true, hasYear: true, start: lo + m[0], end: lo + m[1]}
				best = lo + m[0]
				break
			}
		}
		if m := reDMY.FindStringSubmatchIndex(win); m != nil && (best < 0 || lo+m[0] < best) {
			d, _ := strconv.Atoi(win[m[2]:m[3]])
			mo := int(monthNames[strings.ToLower(win[m[4]:m[5]])])
			y := 0
			if m[6] >= 0 {
				y, _ = strconv.Atoi(win[m[6]:m[7]])
			}
			if validDate(max(y, 2000), mo, d) {
				st = stamp{y: y, mo: mo, d: d, hasDate: true, hasYear: y > 0, start: lo + m[0], end: lo + m[1]}
				best = lo + m[0]
				// "3-4 March 2031": the range's first day
				from := max(0, lo+m[0]-24)
				if h := reRangeHead.FindStringSubmatchIndex(s[from : lo+m[0]]); h != nil {
					if d0, _ := strconv.Atoi(s[from+h[2] : from+h[3]]); d0 >= 1 && d0 < d {
						st.d, st.start = d0, from+h[0]
						best = st.start
					}
				}
			}
		}
		if m := reMDY.FindStringSubmatchIndex(win); m != nil && (best < 0 || lo+m[0] < best) {
			mo := int(monthNames[strings.ToLower(win[m[2]:m[3]])])
			d, _ := strconv.Atoi(win[m[4]:m[5]])
			y := 0
			end := m[1]
			if m[6] >= 0 {
				y, _ = strconv.Atoi(win[m[6]:m[7]])
				if y < 1990 || reMilClockNext.MatchString(win[m[5]:]) {
					// "Feb 8 0117 UTC": a clock, not a year
					y, end = 0, m[5]
					for end < len(win) && isWordByte(win[end]) {
						end++ // "8th"
					}
				}
			}
			// "March 3-4, 2031": the range's year
			if y == 0 {
				if t := reRangeTail.FindStringSubmatch(s[lo+m[1]:]); t != nil {
					y, _ = strconv.Atoi(t[3])
					if t[1] != "" && int(monthNames[strings.ToLower(t[1])]) < mo {
						y-- // "Dec 31 - Jan 1, 2032"
					}
				}
			}
			// "May 5" alone is too weak unless the month is spelled out
			// or a clock follows ("Dec 31 23:00").
			if validDate(max(y, 2000), mo, d) && (y > 0 || len(win[m[2]:m[3]]) > 3 || strings.ToLower(win[m[2]:m[3]]) == "may" || reClockNext.MatchString(s[lo+end:min(len(s), lo+end+16)])) {
				st = stamp{y: y, mo: mo, d: d, hasDate: true, hasYear: y > 0, start: lo + m[0], end: lo + end}
				best = lo + m[0]
			}
		}
		if best >= 0 {
			break
		}
	}
	return st, best >= 0
}

// numericDate reads the first all-numeric date in s: 31/01/2024,
// 01/31/2024, 04.03.2031, 07-29-2023, 5/26/21. Either order is
// unambiguous when one part is over 12; otherwise dots are the
// day-first countries' way (04.03.2031 is 4 March) and slashes and
// dashes are read the US way. A two-digit year is 20YY and needs slashes
// or dashes ("1.2.21" is a version).
func numericDate(s string) (stamp, bool) {
	for _, n := range numDateMatches(s, 4) {
		mo, d := n.a, n.b
		if n.a > 12 || n.sep == '.' && n.b <= 12 {
			mo, d = n.b, n.a
		}
		if validDate(n.y, mo, d) {
			return stamp{y: n.y, mo: mo, d: d, hasDate: true, hasYear: true, start: n.a0, end: n.end}, true
		}
	}
	return stamp{}, false
}

// reUnitNext is a unit or a per cent sign right after a number.
var reUnitNext = regexp.MustCompile(`(?i)^\s*(?:%|(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|x|times)\b)`)

// reVersionLead is what comes before a calendar-versioned release
// number: "v2031.3.4", "release 2031.03.04".
var reVersionLead = regexp.MustCompile(`(?i)(?:\bv|\b(?:version|release|ver|tag|build)\s*)$`)

// isVersionLike reports whether the reISODate match m in s is a release
// number rather than a day: mixed separators ("2031-03/04"), a dotted
// one with one-digit parts or a fourth part ("2031.3.4",
// "2031.03.04.1"), or one named as a version ("v2031.03.04").
func isVersionLike(s string, m []int) bool {
	sep1, sep2 := s[m[3]], s[m[5]]
	if sep1 != sep2 {
		return true
	}
	if reVersionLead.MatchString(s[max(0, m[2]-10):m[2]]) {
		return true
	}
	if sep1 != '.' {
		return false
	}
	if m[5]-m[4] < 2 || m[7]-m[6] < 2 {
		return true
	}
	return m[7]+1 < len(s) && s[m[7]] == '.' && isDigitByte(s[m[7]+1])
}

func validDate(y, mo, d int) bool {
	if y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// findClock returns the first time of day in s at or after offset from.
func findClock(s string, from int) (st stamp, ok bool) {
	sub := s[from:]
	if !hasClockHint(sub) {
		return st, false
	}
	m := reClock.FindStringSubmatchIndex(sub)
	m2 := reHourAMPM.FindStringSubmatchIndex(sub)
	if m3 := reHClock.FindStringSubmatchIndex(sub); m3 != nil && (m == nil || m3[2] < m[2]) && (m2 == nil || m3[2] < m2[2]) {
		g := groups(sub, m3)
		h, _ := strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		if h > 23 || mi > 59 {
			return st, false
		}
		st = stamp{h: h, mi: mi, hasTime: true, start: from + m3[2], end: from + m3[1]}
		st.zone = zoneFromGroups(g[3:], 0)
		st.setZoneWord(g[3:])
		return st, true
	}
	if m != nil && (m2 == nil || m[2] <= m2[2]) {
		g := groups(sub, m)
		h, _ := strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		sec, _ := strconv.Atoi(g[3])
		// "9:27a", "4:00p": a status log's short marker, right after
		// the digits and ending the word
		if e := m[1]; g[4] == "" && e < len(sub) && isDigitByte(sub[e-1]) && (sub[e]|0x20 == 'a' || sub[e]|0x20 == 'p') && (e+1 == len(sub) || !isWordByte(sub[e+1])) {
			g[4] = sub[e : e+1]
			m[1]++
		}
		h, okH := ampm(h, g[4])
		if !okH || mi > 59 || sec > 60 {
			return st, false
		}
		st = stamp{h: h, mi: mi, s: sec, hasTime: true, start: from + m[2], end: from + m[1]}
		// "13:30-13:45" is a range, not 13:30 at UTC-13:45: a bare offset
		// must follow white space or a full hh:mm:ss clock
		if g[9] != "" && g[3] == "" && m[18] > 0 && sub[m[18]-1] != ' ' && sub[m[18]-1] != '\t' {
			g[9], g[10], g[11] = "", "", ""
			st.end = from + m[18]
		}
		st.zone = zoneFromGroups(g[5:], 0)
		st.setZoneWord(g[5:])
		return st, true
	}
	if m2 != nil {
		g := groups(sub, m2)
		h, _ := strconv.Atoi(g[1])
		h, okH := ampm(h, g[2])
		if !okH || h > 23 {
			return st, false
		}
		st = stamp{h: h, hasTime: true, start: from + m2[2], end: from + m2[1]}
		st.zone = zoneFromGroups(g[3:], 0)
		st.setZoneWord(g[3:])
		return st, true
	}
	return st, false
}

// zoneWord remembers a DST-dependent zone word so it can be resolved
// once the date is known.
func (st *stamp) setZoneWord(g []string) {
	if len(g) > 0 && g[0] != "" && g[1] == "" {
		if dstZones[strings.ToUpper(g[0])] {
			st.zone = nil
			st.zoneWord = strings.ToUpper(g[0])
		}
	}
}

func groups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

func ampm(h int, p string) (int, bool) {
	if p != "" && h >= 13 && h <= 23 {
		// "13:55 PM", "23:00 AM": a 24-hour clock with a stray
		// marker; the hour says which it is
		return h, true
	}
	switch strings.ToLower(p) {
	case "":
		return h, h <= 24
	case "a":
		if h > 12 {
			return 0, false
		}
		if h == 12 {
			h = 0
		}
	case "p":
		if h < 1 || h > 12 {
			return 0, false
		}
		if h != 12 {
			h += 12
		}
	}
	return h, true
}

// findStamp finds the first date and/or time in s: a date with a time
// near it ("2024-01-21 11:00 GMT", "At 00:49 UTC on the 4th October
// 2024", "Feb 01, 2021 - 17:00 UTC"), or either alone.
func findStamp(s string) (stamp, bool) {
	d, okD := findDate(s)
	var c stamp
	var okC bool
	if okD {
		// a time just after the date, or just before it
		c, okC = findClock(s, d.end)
		if okC && c.start-d.end > 24 {
			okC = false
		}
		if m := reMilClockNext.FindStringSubmatchIndex(s[d.end:]); m != nil && (!okC || c.start > d.end+m[1]) {
			h, mi := atoi(s[d.end+m[2]:d.end+m[3]]), atoi(s[d.end+m[4]:d.end+m[5]])
			c, okC = stamp{h: h, mi: mi, hasTime: true, zone: time.UTC, start: d.end + m[2], end: d.end + m[1]}, true
		}
		if !okC {
			lo := max(0, d.start-40)
			if c2, ok := findClock(s[:d.start], lo); ok {
				if !clockJoinsDate(s[c2.end:d.start]) {
					return c2, true // the clock comes first, alone
				}
				c, okC = c2, true
			}
		}
		// a year right after a clock-less date can look like "2024" as
		// a time; findClock needs a colon or am/pm so it cannot.
	} else {
		c, okC = findClock(s, 0)
	}
	if !okD && !okC {
		return stamp{}, false
	}
	st := d
	if okC {
		st.h, st.mi, st.s, st.hasTime, st.zone, st.zoneWord = c.h, c.mi, c.s, true, c.zone, c.zoneWord
		if !okD {
			st.start, st.end = c.start, c.end
		} else {
			st.start, st.end = min(d.start, c.start), max(d.end, c.end)
		}
	}
	return st, true
}

// reJoinWord is a word that may stand between a clock and the date after
// it in one stamp: "00:49 UTC on the 4th October 2024", "10:00, Tuesday
// 5 March 2024".
var reJoinWord = regexp.MustCompile(`^(?:on|the|of|at|[A-Z]{2,5}|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)$`)

// clockJoinsDate reports whether between, the text from a clock to a
// date after it, leaves them one stamp: a zone, a weekday, "on the" and
// punctuation. A sentence between them ("16:14 - ops checked dataset
// 2031-04-17") makes the date part of the entry's text, not its stamp.
func clockJoinsDate(between string) bool {
	words := strings.FieldsFunc(between, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	if len(words) > 4 {
		return false
	}
	for _, w := range words {
		if !reJoinWord.MatchString(w) {
			return false
		}
	}
	return true
}

// resolve turns a stamp into a time using ctx for what it leaves out.
// ok is false when no date can be had.
func (st stamp) resolve(ctx dateCtx) (time.Time, bool) {
	y, mo, d := st.y, st.mo, st.d
	if !st.hasDate {
		if ctx.y == 0 {
			return time.Time{}, false
		}
		y, mo, d = ctx.y, ctx.mo, ctx.d
	} else if !st.hasYear {
		if ctx.y == 0 {
			return time.Time{}, false
		}
		y = yearNear(mo, d, ctx)
	}
	loc := st.zone
	if loc == nil && st.zoneWord != "" {
		loc = fixedZone(st.zoneWord, "", "", "", mo)
	}
	if loc == nil {
		loc = ctx.zone
		if loc == nil && ctx.zoneName != "" {
			loc = fixedZone(ctx.zoneName, "", "", "", mo)
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	h := st.h
	if h == 24 {
		h = 0
	}
	return time.Date(y, time.Month(mo), d, h, st.mi, st.s, 0, loc), true
}

// yearNear is the year of a month and day written without one, near
// the context's date: "Jan 1" after "Dec 31" is the next year; "Dec 31"
// in a post dated January 5 is the year before. A day more than half a
// year after the context (a post looking back), or most of a year
// before it (a log running past new year), crosses the year; a
// follow-up weeks after the incident stays in its year.
func yearNear(mo, d int, ctx dateCtx) int {
	if ctx.mo < 1 || ctx.mo > 12 || ctx.d < 1 {
		return ctx.y
	}
	c := time.Date(ctx.y, time.Month(ctx.mo), ctx.d, 0, 0, 0, 0, time.UTC)
	t := time.Date(ctx.y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	switch {
	case t.Sub(c) > 183*24*time.Hour:
		return ctx.y - 1
	case c.Sub(t) > 300*24*time.Hour:
		return ctx.y + 1
	}
	return ctx.y
}

// docZone finds a document-wide zone statement ("All times in UTC",
// "(all times Eastern Time)", "Date and Time in CET").
func docZone(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if !strings.Contains(strings.ToLower(line), "time") {
			continue
		}
		m := reAllTimes.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		z := m[1]
		if z == "" {
			z = m[2]
		}
		return strings.ToUpper(z)
	}
	return ""
}

// parseTimeValue parses a frontmatter or key-line value as a time.
func parseTimeValue(v string, ctx dateCtx) (t time.Time, hasTime bool, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return t, false, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if tt, err := time.Parse(layout, v); err == nil {
			return tt, true, true
		}
	}
	st, found := findStamp(v)
	if !found {
		return t, false, false
	}
	tt, ok := st.resolve(ctx)
	return tt, st.hasTime, ok
}
