package corpus

import (
	"iter"
	"path"
	"regexp"
	"strings"
	"time"
)

// This file chooses the incident's date: the day impact began, from what
// the document declares, its timeline, its opening prose, its title and its
// file name, in that order of trust.

// declaredDate is the date a "date:" field or a "Date:" line gives.
// at is the moment of a "Date:" line in the body (not a mail's header)
// that gives a time of day as well ("Date: 2031-03-16 4am UTC"): the
// incident's, not when a post was written; zero otherwise.
func (r *timesReader) declaredDate() (day string, at time.Time) {
	if r.fmDate != "" {
		return r.fmDate, time.Time{}
	}
	text := r.meta["date"]
	if r.meta["email"] != "" {
		text = r.meta["body date"]
	}
	if text == "" {
		return "", time.Time{}
	}
	if t, ht, ok := parseTimeValue(text, r.ctx); ok {
		if ht && r.meta["email"] == "" {
			at = t
		}
		return t.Format("2006-01-02"), at
	}
	return "", time.Time{}
}

// blockDate is the first date of a paragraph, or a later one when the
// sentence of the first says nothing of impact (a change, a release,
// background) and a later sentence of the same paragraph dates the
// impact itself, within maxPublishLag after it: "On March 1 we upgraded
// the database. On March 4 it failed and users could not log in." is
// March 4. A later sentence about noticing or reporting it is no start.
func blockDate(text string) (stamp, bool) {
	st, ok := findDate(text)
	if !ok || strings.Count(text, ".") == 0 {
		return st, ok
	}
	sents := splitSentences(text)
	first := -1
	for i, sent := range sents {
		d, ok := findDate(sent)
		if !ok {
			continue
		}
		if first < 0 {
			if reSpanImpact.MatchString(sent) || reLeadImpact.MatchString(sent) || reDelays.MatchString(sent) {
				return st, true
			}
			first = i
			continue
		}
		if !reSpanImpact.MatchString(sent) || reDetectWords.MatchString(sent) || reEndBefore.MatchString(sent[:d.start]) {
			continue
		}
		if d.hasYear != st.hasYear {
			break
		}
		y0, y1 := st.y, d.y
		if !st.hasYear {
			y0, y1 = 2000, 2000
		}
		a := time.Date(y0, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
		b := time.Date(y1, time.Month(d.mo), d.d, 0, 0, 0, 0, time.UTC)
		if b.After(a) && b.Sub(a) <= maxPublishLag {
			return d, true
		}
		break
	}
	return st, true
}

// reDelays are words of slowness the impact words leave out.
var reDelays = regexp.MustCompile(`(?i)\b(?:delays?|slow\w*|backlog\w*|lag\w*)\b`)

// reEndBefore marks a date as when something ended: "unavailable until
// May 10th", "restored on May 10th".
var reEndBefore = regexp.MustCompile(`(?i)\b(?:until|till|through|by|restored|resolved|recovered|fixed|ended|back)\b[^.]{0,20}$`)

// setDate picks the incident date. A stated start wins; a declared date
// (frontmatter, a "Date:" line) beats one inferred from the timeline or
// prose unless it reads as a publication date: the inferred start is
// before it, by less than maxPublishLag.
func (r *timesReader) setDate(rec *Record) {
	if !r.start.IsZero() {
		s := r.start
		if r.startHasTime && !r.startIsDetection {
			rec.StartedAt = &s
		}
		rec.Date = r.start.Format("2006-01-02")
	}
	declared, at := r.declaredDate()
	if declared != "" && !r.startStated && (!at.IsZero() || !r.inferredBefore(declared)) {
		rec.Date = declared
		if !r.start.IsZero() {
			// the declared day beat a timeline far from it (a
			// mistyped year, an old root cause); the opening prose
			// may still say when it happened
			if d := r.openingDate(declared); d != "" {
				rec.Date = d
			}
		}
		if !at.IsZero() && rec.Date == declared && rec.StartedAt != nil && rec.StartedAt.Format("2006-01-02") != declared {
			// an inferred start on another day (the change that
			// led to it) gives way to the stated moment
			rec.StartedAt = &at
		}
	}
	if declared == "" && !r.startStated && !r.start.IsZero() && !r.fileDate.IsZero() && r.start.Sub(r.fileDate) > maxPostLead {
		// a timeline that begins after the post's own day (its file
		// name) has a mistyped day; the opening prose may say when
		// it happened
		if d := r.openingDate(r.fileDate.Format("2006-01-02")); d != "" {
			rec.Date = d
		}
	}
	if r.start.IsZero() {
		// only a publication day (frontmatter or file name): the
		// opening prose may say when it happened
		pub := declared
		if pub == "" && !r.fileDate.IsZero() {
			pub = r.fileDate.Format("2006-01-02")
		}
		// a "Date:" line of the body giving a day alone is the
		// incident's day by the template, not a post's (whose stamp
		// has a time): a weekday the text names ("slots showed on
		// Sunday") does not count back from it
		bodyLine := declared != "" && r.fmDate == "" && at.IsZero()
		if d := r.openingDateWithin(pub, maxPublishLag, !bodyLine); d != "" {
			rec.Date = d
		}
	}
	if !r.startStated && !r.start.IsZero() && rec.Date == r.start.Format("2006-01-02") {
		// a timeline that opens with the detection: the summary may
		// say the day before that it began
		if d := r.summaryDayBefore(r.start); d != "" {
			rec.Date = d
		}
	}
	if rec.Date == "" && r.start.IsZero() && declared == "" && r.fileDate.IsZero() {
		// a year folder or a year and month in the file name
		// ("2031/outage.md", "history-2031-04.txt"): the year of the
		// opening prose's days written without one, up to the end of
		// that month or year
		if y, mo := pathYearMonth(r.name); y != 0 {
			end := time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
			lag := 366 * 24 * time.Hour
			if mo != 0 {
				end, lag = time.Date(y, time.Month(mo)+1, 1, 0, 0, 0, 0, time.UTC), maxPublishLag
			}
			rec.Date = r.openingDateWithin(end.Format("2006-01-02"), lag, true)
		}
	}
	if rec.Date == "" {
		rec.Date = fallbackDate(r.title, r.name, r.blocks, r.kinds, r.ctx)
	}
	if r.startIsPostTime && rec.StartedAt != nil && rec.StartedAt.Format("2006-01-02") != rec.Date {
		// a post's publication time on another day than the
		// incident's is not when the incident started
		rec.StartedAt = nil
	}
	if !r.startStated {
		// "exposed since about …": the impact began before the
		// timeline or the post's day
		if d, err := time.Parse("2006-01-02", rec.Date); err == nil {
			if s := r.proseSpanStart(); !s.IsZero() && s.Before(d) && d.Sub(s) <= maxSpanLead {
				rec.Date = s.Format("2006-01-02")
			}
		}
	}
}

// maxPostLead is how long after a post's file-name day its timeline may
// begin: a day's slack for time zones and a post dated when it was
// started.
const maxPostLead = 48 * time.Hour

// inferredBefore reports whether the inferred start falls shortly
// before the declared day: the declared day is then when the post was
// written.
func (r *timesReader) inferredBefore(declared string) bool {
	if r.start.IsZero() {
		return false
	}
	d, err := time.Parse("2006-01-02", declared)
	if err != nil {
		return false
	}
	s := time.Date(r.start.Year(), r.start.Month(), r.start.Day(), 0, 0, 0, 0, time.UTC)
	return s.Before(d) && d.Sub(s) < maxPublishLag
}

// maxSummaryLead is how long before a timeline's first entry the
// summary's day may say the incident began.
const maxSummaryLead = 3 * 24 * time.Hour

// reBackground marks a sentence about a change or a plan before the
// incident: its day is not the day impact began.
var reBackground = regexp.MustCompile(`(?i)\b(?:deploy\w*|upgrad\w*|releas\w*|merged|introduced|migrat\w*|changed|scheduled|planned|announced|published|installed|rolled out|shipped)\b`)

// summaryDayBefore returns the first day the opening prose names with
// its year, when it falls a few days before start and before every
// timeline entry (a timeline that opens with the first report), and its
// sentence is not about a change made beforehand: "On February 9th,
// 2031 two users submitted transfers that never arrived" over a
// timeline from February 10.
func (r *timesReader) summaryDayBefore(start time.Time) string {
	for _, t := range r.times {
		if !t.IsZero() && t.Before(start) {
			start = t
		}
	}
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	for b := range r.openingProse(3) {
		st, ok := findDate(b.text)
		if !ok {
			continue
		}
		if !st.hasYear {
			return ""
		}
		d := time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
		if !d.Before(day) || day.Sub(d) > maxSummaryLead {
			return ""
		}
		for _, sent := range splitSentences(b.text) {
			if s2, ok := findDate(sent); ok {
				if reBackground.MatchString(sent) || reSpanLatent.MatchString(sent) || reDetectWords.MatchString(sent[:s2.start]) {
					return ""
				}
				return d.Format("2006-01-02")
			}
		}
		return ""
	}
	return ""
}

// dayNear is the day a date names, a yearless one in the year of p or
// the year before when it would fall after p (a post names days before
// its own).
func dayNear(st stamp, p time.Time) time.Time {
	y := st.y
	if !st.hasYear {
		y = p.Year()
		if time.Date(y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC).After(p) {
			y--
		}
	}
	return time.Date(y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
}

// openingProse yields up to n paragraphs of the opening prose among the
// first 200 blocks: not the timeline, metadata lines or status-page
// "Posted …" lines.
func (r *timesReader) openingProse(n int) iter.Seq[block] {
	return func(yield func(block) bool) {
		seen := 0
		for i, b := range r.blocks {
			if seen >= n || i > 200 {
				return
			}
			if b.kind != blockPara || r.kinds[i] == secTimeline || isMetaLine(b.text) || reStatusPosted.MatchString(b.text) {
				continue
			}
			seen++
			if !yield(b) {
				return
			}
		}
	}
}

// maxOpeningBlocks is how many prose blocks openingDate reads.
const maxOpeningBlocks = 8

// openingDate reads the first date of the opening prose ("During the
// afternoon of May 6th we began…") when it falls shortly before the
// publication day pub; a date without a year takes pub's, or the year
// before when that would put it after pub.
func (r *timesReader) openingDate(pub string) string {
	return r.openingDateWithin(pub, maxPublishLag, true)
}

// openingDateWithin is openingDate with lag as how long before pub the
// day may fall. Unless relative, only dates the prose writes out count,
// not a weekday or "yesterday" counted back from pub.
func (r *timesReader) openingDateWithin(pub string, maxPublishLag time.Duration, relative bool) string {
	p, err := time.Parse("2006-01-02", pub)
	if err != nil {
		return ""
	}
	// the opening prose saying on which day the impact started
	// ("Starting on March 15th and going through to the 17th") beats
	// the day a title names, often the last or worst day
	if d := r.openingStartedOn(p, maxPublishLag); d != "" {
		return d
	}
	// a title that names the day ("Outage on March 3") says it first
	if st, ok := findDate(r.title); ok {
		if d := dayNear(st, p); !d.After(p) && p.Sub(d) < maxPublishLag {
			if d.Equal(p) && r.openingDayBefore() {
				// the title dates the report; "it expired the
				// day before" counts back from it
				return p.AddDate(0, 0, -1).Format("2006-01-02")
			}
			return d.Format("2006-01-02")
		}
	}
	if r.openingDayBefore() {
		return p.AddDate(0, 0, -1).Format("2006-01-02")
	}
	seen := 0
	weekday := -1
	lastWeek := false // "last Friday": never the post's own day
	back := -1        // days before pub a relative word ("yesterday") names
	for i, b := range r.blocks {
		if seen >= 3*maxOpeningBlocks || i > 200 {
			break
		}
		if seen >= maxOpeningBlocks {
			// past the opening only a weekday the incident is said
			// to have started on counts ("It all started on Monday")
			if b.kind == blockPara && r.kinds[i] != secTimeline && weekday < 0 {
				seen++
				if m := reWeekdayStarted.FindStringSubmatch(b.text); m != nil {
					weekday = weekdayNumber(m[1])
				}
			}
			continue
		}
		if b.kind != blockPara || r.kinds[i] == secTimeline || isMetaLine(b.text) || reStatusPosted.MatchString(b.text) {
			continue
		}
		seen++
		st, ok := blockDate(b.text)
		if !ok && !relative {
			continue
		}
		if !ok {
			if m := reWeekdayRef.FindStringSubmatch(b.text); m != nil && weekday < 0 && back < 0 {
				weekday = weekdayNumber(m[1])
				lastWeek = reLastWeekday.MatchString(m[0])
			}
			if weekday < 0 && back < 0 && reYesterday.MatchString(b.text) {
				back = 1
				if saysImpactYesterday(b.text) {
					return p.AddDate(0, 0, -1).Format("2006-01-02")
				}
			}
			if weekday < 0 && back < 0 && saysImpactToday(b.text) {
				// "we suffered an outage today": the post's own day;
				// a day the backstory names later is not the start
				return p.Format("2006-01-02")
			}
			continue
		}
		d := dayNear(st, p)
		if d.Before(p) && p.Sub(d) < maxPublishLag {
			return d.Format("2006-01-02")
		}
		return ""
	}
	if back > 0 {
		return p.AddDate(0, 0, -back).Format("2006-01-02")
	}
	if weekday >= 0 {
		// "It all started on Monday evening": that weekday in the
		// week up to the publication day
		days := (int(p.Weekday()) - weekday + 7) % 7
		if days == 0 && lastWeek {
			days = 7
		}
		return p.AddDate(0, 0, -days).Format("2006-01-02")
	}
	return ""
}

// reStartedOnDay is a phrase that gives the day the impact began:
// "Starting on March 15th", "it began on 3 May", "started on the 4th of
// June"; the date follows it.
var reStartedOnDay = regexp.MustCompile(`(?i)\b(?:starting|beginning|began|begun|started|commencing)\s+(?:on|from)\s+(?:the\s+)?$`)

// openingStartedOn returns the day an opening prose paragraph says the
// incident started on, when it falls shortly before the post's day p.
func (r *timesReader) openingStartedOn(p time.Time, lag time.Duration) string {
	for b := range r.openingProse(maxOpeningBlocks) {
		text := b.text
		for off := 0; off < len(text); {
			st, ok := findDate(text[off:])
			if !ok {
				break
			}
			at := off + st.start
			off += max(st.end, st.start+1)
			if !reStartedOnDay.MatchString(text[max(0, at-40):at]) {
				continue
			}
			if d := dayNear(st, p); !d.After(p) && p.Sub(d) < lag {
				return d.Format("2006-01-02")
			}
			return ""
		}
	}
	return ""
}

// reWeekdayRef is a weekday named as when something happened, in the
// opening prose of a post dated by its publication day ("It's Saturday
// evening.", "So Tuesday morning we got a report"); not one that says
// when it was found or ended ("not discovered until Monday").
var reWeekdayRef = regexp.MustCompile(`(?:^|[.!?]\s+|\b(?:[Ii]t's|[Ii]t is|[Ii]t was|started on|began on|[Ss]o|[Oo]n|[Ll]ast|this past)\s+)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// reDayBefore is a bare relative day, the one before the document's
// own: "expired the day before.", "went down the previous night"; not
// "the day before the release".
var reDayBefore = regexp.MustCompile(`(?i)\bthe\s+(?:(?:day|night|evening)\s+before|previous\s+(?:day|night|evening))(?:\s*[.,;:!?)]|\s*$|\s+(?:at|around|about)\s+\d)`)

// openingDayBefore reports whether the opening prose, before it names
// any date, places the impact on the day before the document's own
// ("The certificate expired the day before.").
func (r *timesReader) openingDayBefore() bool {
	for b := range r.openingProse(maxOpeningBlocks) {
		for _, sent := range splitSentences(b.text) {
			if _, ok := findDate(sent); ok {
				return false
			}
			if reDayBefore.MatchString(sent) && reImpactWords.MatchString(sent) && !reFuture.MatchString(sent) {
				return true
			}
		}
	}
	return false
}

// reYesterday names the day before the post as when something
// happened: "yesterday", "last night".
var reYesterday = regexp.MustCompile(`(?i)\b(?:yesterday|last night)\b`)

// reToday names the post's own day: "today", "this morning",
// "earlier today", "tonight".
var reToday = regexp.MustCompile(`(?i)\b(?:today|this (?:morning|afternoon|evening)|tonight)\b`)

// reTodayWriting marks a sentence about writing the post today, or
// about an earlier incident: "Today we are publishing the postmortem
// of last week's outage".
var reTodayWriting = regexp.MustCompile(`(?i)\b(?:publish\w*|shar(?:e|ed|ing)|writ(?:e|ing|ten)|post(?:ed|ing)|report(?:ing)?|explain\w*|detail\w*|announc\w*|describ\w*|summar\w*|last (?:week|month)|earlier this (?:week|month)|recent\w*|previous\w*|post-?mortem|retrospective)\b`)

// saysImpactToday reports whether a sentence of text places the
// incident on the post's own day: it says "today" (or "this morning")
// and speaks of impact ("an outage today", "this morning the API was
// down").
func saysImpactToday(text string) bool {
	if !reToday.MatchString(text) {
		return false
	}
	for _, sent := range splitSentences(text) {
		if reToday.MatchString(sent) && reSpanImpact.MatchString(sent) && !reYesterday.MatchString(sent) && !reTodayWriting.MatchString(sent) {
			return true
		}
	}
	return false
}

// saysImpactYesterday reports whether a sentence of text places the
// incident on the day before the post ("last night the API was down").
func saysImpactYesterday(text string) bool {
	for _, sent := range splitSentences(text) {
		if reYesterday.MatchString(sent) && reSpanImpact.MatchString(sent) && !reTodayWriting.MatchString(sent) {
			return true
		}
	}
	return false
}

// reLastWeekday is a weekday of the week before: "last Friday", "this
// past Friday".
var reLastWeekday = regexp.MustCompile(`(?i)\b(?:last|past)\s+\w+$`)

// reWeekdayStarted is a weekday named as the day the incident started.
var reWeekdayStarted = regexp.MustCompile(`\b(?:started|began|begun|kicked off|first noticed|first appeared)\s+(?:on\s+)?(?:a\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// weekdayNumber is time.Weekday of an English weekday name.
func weekdayNumber(name string) int {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == name {
			return int(d)
		}
	}
	return -1
}

// fileNameDate is the date a file name carries ("2018-04-24-outage.md").
func fileNameDate(name string) time.Time {
	m := reFileDate.FindStringSubmatch(path.Base(name))
	if m == nil {
		return time.Time{}
	}
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if !validDate(y, mo, d) {
		return time.Time{}
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
}

// reDocDateLine is a line that dates the document, not the incident:
// "Last updated: …", "Published: …", "Posted on …", "Review date: …",
// "Date of this report: …".
var reDocDateLine = regexp.MustCompile(`(?i)^(?:[-*•]\s*)?[*_]*(?:last\s+)?(?:updated|modified|edited|revised|published|posted|written|authored|created|reviewed|review(?:ed)?\s+(?:date|on)|publication\s+date|(?:report|document|post-?mortem|retrospective|rca)\s+(?:date|written|published|created)|date\s+(?:published|posted|written|updated|reviewed|created|of\s+(?:publication|review|(?:this\s+)?(?:report|document|post-?mortem|retrospective|rca))))\b`)

// rePlanBefore ends the words that make the date after them a plan's:
// "Scheduled an onsite check for 2031-06-20", "a review is planned on
// March 3".
var rePlanBefore = regexp.MustCompile(`(?i)\b(?:scheduled|planned|booked|due|deadline|targeted|expected)\b[^.;!?]{0,40}\b(?:for|on|by)\s+(?:the\s+)?$`)

// fallbackDate finds a date when no start time is known: from the
// title, the first dated line of the body, or the file name. A line that
// dates the document ("Last updated: …") is read only when nothing else
// gives a day. A date among the follow-up actions ("Scheduled a review
// for 2031-06-20") dates a plan, not the incident.
func fallbackDate(title, name string, blocks []block, kinds []sectionKind, ctx dateCtx) string {
	if st, ok := findDate(title); ok {
		if t, ok := st.resolve(ctx); ok {
			return t.Format("2006-01-02")
		}
	}
	docDay := ""
	for i, b := range blocks {
		if i > 300 {
			break
		}
		if b.kind == blockCode || isMetaLine(b.text) || i < len(kinds) && kinds[i] == secActions {
			continue
		}
		if st, ok := blockDate(b.text); ok && st.hasYear && !rePlanBefore.MatchString(b.text[:st.start]) {
			if t, ok := st.resolve(ctx); ok {
				if reDocDateLine.MatchString(b.text) {
					if docDay == "" {
						docDay = t.Format("2006-01-02")
					}
					continue
				}
				return t.Format("2006-01-02")
			}
		}
	}
	if t := fileNameDate(name); !t.IsZero() {
		return t.Format("2006-01-02")
	}
	if docDay == "" && ctx.y != 0 && !ctx.weak {
		// the document gave the year ("March 2031 outage") and a
		// day without one ("On March 4")
		for i, b := range blocks {
			if i > 300 {
				break
			}
			if b.kind == blockCode || b.kind == blockHeading || isMetaLine(b.text) || reDocDateLine.MatchString(b.text) {
				continue
			}
			if st, ok := findDate(b.text); ok {
				if t, ok := st.resolve(ctx); ok {
					return t.Format("2006-01-02")
				}
			}
		}
	}
	if docDay == "" {
		if t := fileNameCompactDate(name, blocks); !t.IsZero() {
			return t.Format("2006-01-02")
		}
	}
	return docDay
}

// reFileCompactDate is a file name that ends in a compact six-digit day
// after a separator ("db_outage_310415.md": 2031-04-15), and the word
// before it.
var reFileCompactDate = regexp.MustCompile(`(?i)(?:([a-z#]+)[-_. ]|[-_. ])(\d{2})(\d{2})(\d{2})$`)

// reCompactDateNotDay are the words before a six-digit number that make
// it an id, not a day: "issue-310415", "pr_310415", "ticket-310415".
var reCompactDateNotDay = regexp.MustCompile(`(?i)^(?:#|issues?|prs?|pulls?|tickets?|bugs?|cases?|ids?|no|nr|num|number|jira|inc|sev|build|run|job|v|ver|version|rev|r)$`)

// reTextYear is a year of this century written out in a document.
var reTextYear = regexp.MustCompile(`\b(20\d{2})\b`)

// fileNameCompactDate is the day a file name's trailing six digits give
// read as YYMMDD ("validator_outage_310415.md"), a last resort when
// nothing else dates the document. The month and day must be valid,
// the number no id ("issue-310415"), and a document that writes out
// years must name that one among them.
func fileNameCompactDate(name string, blocks []block) time.Time {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if ext := path.Ext(base); ext != "" && len(ext) <= 6 && !hasDigit(ext) {
		base = strings.TrimSuffix(base, ext)
	}
	m := reFileCompactDate.FindStringSubmatch(base)
	if m == nil || m[1] != "" && reCompactDateNotDay.MatchString(m[1]) {
		return time.Time{}
	}
	y, mo, d := 2000+atoi(m[2]), atoi(m[3]), atoi(m[4])
	if !validDate(y, mo, d) {
		return time.Time{}
	}
	years, named := 0, false
	for i, b := range blocks {
		if i > 300 {
			break
		}
		for _, ys := range reTextYear.FindAllString(b.text, -1) {
			years++
			if atoi(ys) == y {
				named = true
			}
		}
	}
	if years > 0 && !named {
		return time.Time{}
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
}

// reSpanStart marks a date as when the impact began, in prose that
// states a span: "exposed from on or about 2025-01-10 through …", "had
// been happening since about March 3, 2021", "beginning on June 2".
var reSpanStart = regexp.MustCompile(`(?i)\b(?:since|from|beginning|starting|began|started|begun)(?:\s+(?:on|at|in|around|about|approximately|roughly|near|early|late|as early as|or about|on or about|the|(?:end|start|beginning|middle) of(?: the day| business)?(?: on| of)?))*\s+$`)

// reSpanSince is a timeline entry's finding that the impact had gone
// on since an earlier day ("every run has failed since March 3rd").
var reSpanSince = regexp.MustCompile(`(?i)\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:fail\w*|down|broken|unavailable|offline|unreachable|erroring|crash\w*|stuck|stopped|missing|degraded|disrupted|affected|impacted)\b[^.;]{0,80}\bsince\b`)

// reSpanImpact are the words that make a span sentence about the
// impact: something was broken, exposed or affected during it.
var reSpanImpact = regexp.MustCompile(`(?i)\b(?:exposed|leaked|vulnerable|compromised|breach\w*|intrusion|attack\w*|outage|down|downtime|unavailable|unreachable|inaccessible|offline|broken|failing|failed|errors?|degraded|disrupt\w*|impact\w*|affected|happening|occurring|unable|could not|couldn't|missing|delayed|corrupt\w*)\b`)

// reSpanLatent marks a span sentence about a latent fault, which
// dates the trigger, not the impact.
var reSpanLatent = regexp.MustCompile(`(?i)\b(?:latent|dormant|lurking|existed|introduced|shipped|merged|been present|was present)\b`)

// maxSpanLead is how long before the otherwise chosen day a prose span
// may say the impact began: as long as a post may lag its incident.
const maxSpanLead = maxPublishLag

// proseSpanStart is the earliest day the opening prose says the impact
// began ("since about …", "from … through …"), or the zero time. Only
// sentences about impact count; the timeline and the follow-up
// sections are not read.
func (r *timesReader) proseSpanStart() time.Time {
	var best time.Time
	seen := 0
	for i, b := range r.blocks {
		if i > 300 || seen >= 3*maxOpeningBlocks {
			break
		}
		entry := r.kinds[i] == secTimeline
		switch r.kinds[i] {
		case secActions, secLessons:
			continue
		}
		if b.kind == blockCode || b.kind == blockHeading || isMetaLine(b.text) || !hasDigit(b.text) {
			continue
		}
		if entry {
			// a timeline entry counts only for what it found had been
			// failing "since" an earlier day, not for its own stamp
			if !strings.Contains(strings.ToLower(b.text), "since") {
				continue
			}
		} else {
			seen++
		}
		for _, sent := range splitSentences(b.text) {
			if !reSpanImpact.MatchString(sent) || reSpanLatent.MatchString(sent) {
				continue // a bug present since a release is no impact yet
			}
			if entry && !reSpanSince.MatchString(sent) {
				continue
			}
			if t, ok := spanStartIn(sent, r.ctx); ok && (best.IsZero() || t.Before(best)) {
				best = t
			}
		}
	}
	return best
}

// spanStartIn reads the first date in sent that a start word leads
// ("since about September 3, 2021"). A date without a year takes the
// document's.
func spanStartIn(sent string, ctx dateCtx) (time.Time, bool) {
	for off := 0; off < len(sent); {
		st, ok := findDate(sent[off:])
		if !ok {
			return time.Time{}, false
		}
		start, end := off+st.start, off+st.end
		if reSpanStart.MatchString(sent[max(0, start-40):start]) {
			if !st.hasYear && ctx.y == 0 {
				return time.Time{}, false
			}
			y := st.y
			if !st.hasYear {
				y = yearNear(st.mo, st.d, ctx)
			}
			return time.Date(y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC), true
		}
		if end <= off {
			break
		}
		off = end
	}
	return time.Time{}, false
}
