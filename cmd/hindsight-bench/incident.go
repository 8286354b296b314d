package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// Document formats the generator writes, with their shares of a corpus.
const (
	fmtMarkdownYAML = iota
	fmtMarkdownTOML
	fmtMarkdownJSON
	fmtMarkdown
	fmtText
	fmtHTML
	fmtStatusPage
	numFormats
)

var formatNames = [numFormats]string{"markdown+yaml", "markdown+toml", "markdown+json", "markdown", "text", "html", "statuspage"}

// formatWeights are percentages.
var formatWeights = [numFormats]int{34, 6, 5, 15, 15, 12, 13}

// Section kinds.
const (
	secSummary = iota
	secImpact
	secBackground
	secTimeline
	secRootCause
	secContributing
	secTrigger
	secDetection
	secResolution
	secActions
	secLessons
)

var headings = map[int][]string{
	secSummary:      {"Summary", "Summary", "Issue Summary", "Executive Summary", "Overview", "What Happened", "Incident Summary"},
	secImpact:       {"Impact", "Impact", "Customer Impact", "User Impact"},
	secBackground:   {"Background", "Investigation", "Technical Details", "Debugging", "Investigation and Response"},
	secTimeline:     {"Timeline", "Timeline", "Incident Timeline", "Key Events", "Chain of Events"},
	secRootCause:    {"Root Cause", "Root Cause", "Root Causes", "Root Cause Analysis", "Cause", "Why It Happened"},
	secContributing: {"Contributing Factors"},
	secTrigger:      {"Trigger"},
	secDetection:    {"Detection", "Detection", "How We Detected It"},
	secResolution:   {"Resolution", "Resolution", "Resolution and Recovery", "Remediation", "Mitigation", "Recovery"},
	secActions:      {"Action Items", "Action Items", "Corrective and Preventive Measures", "Follow-ups", "Next Steps", "Prevention", "What We're Doing Differently"},
	secLessons:      {"Lessons Learned", "Lessons Learned", "Lessons Learnt", "What Went Well", "What Went Wrong", "Where We Got Lucky"},
}

type section struct {
	kind    int
	heading string
	paras   []string
}

type tlEntry struct {
	at   time.Time
	text string
}

type actionItem struct {
	text string
	done bool
	link string
}

// incident is one generated postmortem before it is rendered.
type incident struct {
	idx            int
	org            *org
	cause, second  *cause
	format         int
	declare        bool // frontmatter states the categories
	loc            *time.Location
	zoneAbbrev     string
	start          time.Time
	detected, end  time.Time
	duration       int // minutes
	severity       string
	services       []string
	authors        []string
	symptom        string
	vendor         string
	database       string
	title          string
	tags           []string
	sections       []section
	timeline       []tlEntry
	actions        []actionItem
	targetSize     int
	wrap           int // wrap plain text at this column; 0 = no wrapping
	timelineStyle  int
	longDurations  bool
	statusUpdates  []tlEntry
	statusAffected []string
}

// Date range of generated incidents: eight years.
var (
	epochStart = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	epochDays  = 8 * 365
)

// newIncident generates incident i of the corpus.
func (w *world) newIncident(i int) *incident {
	r := rand.New(rand.NewPCG(w.seed, uint64(i)+1))
	inc := &incident{idx: i}
	e := &expander{r: r, inc: inc, tail: rand.NewZipf(r, 1.25, 2, 1<<22)}
	inc.org = w.orgs[w.orgZipf(r)]
	inc.cause = w.pickCause(r)
	if rel := related[inc.cause.name]; len(rel) > 0 && r.IntN(3) == 0 {
		inc.second = causeByName(rel[r.IntN(len(rel))])
	}
	inc.format = pickWeighted(r, formatWeights[:])
	inc.declare = inc.format <= fmtMarkdownJSON && r.IntN(2) == 0

	// Dates: eight years, more incidents in recent years (density grows
	// linearly to twice the initial rate).
	u := r.Float64()
	x := (math.Sqrt(1+3*u) - 1)
	day := int(x * float64(epochDays))
	zone := inc.org.zone
	if r.IntN(5) == 0 {
		zone = "UTC"
	}
	inc.loc = w.locs[zone]
	d := epochStart.AddDate(0, 0, day)
	// Incidents start at any hour, more often in working hours.
	hour := r.IntN(24)
	if r.IntN(2) == 0 {
		hour = 9 + r.IntN(9)
	}
	inc.start = time.Date(d.Year(), d.Month(), d.Day(), hour, r.IntN(60), 0, 0, inc.loc)
	inc.zoneAbbrev = inc.start.Format("MST")
	// Durations: log-normal, median 75 minutes, from minutes to days.
	dur := math.Exp(math.Log(75) + 1.15*r.NormFloat64())
	inc.duration = int(math.Max(4, math.Min(dur, 6*1440)))
	inc.detected = inc.start.Add(timeDur(r.IntN(1 + inc.duration/4)))
	inc.end = inc.start.Add(timeDur(inc.duration))
	inc.severity = severity(r, inc.org.sevStyle, inc.duration)

	n := len(inc.org.services)
	for len(inc.services) < 1+r.IntN(4) {
		s := inc.org.services[r.IntN(r.IntN(n)+1)]
		if !contains(inc.services, s) {
			inc.services = append(inc.services, s)
		}
	}
	for range 1 + r.IntN(3) {
		inc.authors = append(inc.authors, inc.org.person(r))
	}
	inc.symptom = e.pick(symptoms)
	inc.vendor = e.pick(vendors)
	inc.database = e.pick(databases)
	inc.tags = append(inc.tags, inc.cause.tags[r.IntN(len(inc.cause.tags))])
	if r.IntN(2) == 0 {
		inc.tags = append(inc.tags, e.pick(teams))
	}
	inc.title = e.expand(e.pick(inc.cause.titles))
	switch r.IntN(8) {
	case 0:
		inc.title = "Postmortem: " + inc.title
	case 1:
		inc.title = "Incident report: " + inc.title
	case 2:
		inc.title = e.slot("ticket") + ": " + inc.title
	case 3:
		inc.title = inc.title + " (" + inc.start.Format("2006-01-02") + ")"
	}
	inc.title = capitalize(inc.title)

	// Size: log-normal, median ~4.5 KB, clamped to 1-20 KB.
	size := math.Exp(math.Log(4300) + 0.62*r.NormFloat64())
	inc.targetSize = int(math.Max(1000, math.Min(size, 18000)))
	if r.IntN(4) == 0 {
		inc.wrap = 72 + r.IntN(9)
	}
	inc.timelineStyle = r.IntN(4)
	inc.longDurations = r.IntN(2) == 0

	e.fill()
	return inc
}

// fill writes the sections, timeline and action items until the document
// reaches its target size.
func (e *expander) fill() {
	r, inc := e.r, e.inc
	sec := func(kind int, paras ...string) *section {
		inc.sections = append(inc.sections, section{kind: kind, heading: e.pick(headings[kind]), paras: paras})
		return &inc.sections[len(inc.sections)-1]
	}
	// Summary: what happened, a one-line cause, the impact.
	sum := e.expand(e.pick(summaryOpeners))
	if r.IntN(4) != 0 {
		sum += " " + e.expand(e.pick(inc.cause.root))
	}
	sum += " " + e.expand(e.pick(impactSentences))
	sec(secSummary, sum)
	sec(secImpact, e.sentences(impactSentences, 2+r.IntN(3))+" "+e.durationSentence())
	bg := sec(secBackground)
	_ = bg
	sec(secTimeline)
	sec(secRootCause, e.sentences(inc.cause.root, 2+r.IntN(3)))
	if inc.second != nil {
		sec(secContributing, e.expand(e.pick(inc.second.root)))
	}
	if r.IntN(3) == 0 {
		sec(secTrigger, e.expand(e.pick(inc.cause.trigger)))
	}
	sec(secDetection, e.sentences(detectionSentences, 1+r.IntN(2)))
	sec(secResolution, e.expand(e.pick(inc.cause.resolution))+" "+e.sentences(resolutionSentences, 1+r.IntN(2)))
	sec(secActions)
	sec(secLessons, e.sentences(lessonSentences, 2+r.IntN(3)))
	if r.IntN(3) == 0 { // timeline after the root cause
		for i, s := range inc.sections {
			if s.kind == secTimeline {
				t := inc.sections[i]
				copy(inc.sections[i:], inc.sections[i+1:])
				inc.sections[len(inc.sections)-1] = t
				break
			}
		}
	}

	e.buildTimeline(4 + r.IntN(5))
	for _, t := range pickN(r, inc.cause.actions, 2+r.IntN(3)) {
		e.addAction(t)
	}
	for _, t := range pickN(r, genericActions, r.IntN(4)) {
		e.addAction(t)
	}

	// Grow to the target size with investigation narrative, more timeline
	// entries and lessons: long postmortems are long in these places.
	overhead := [numFormats]int{450, 450, 550, 300, 350, 1900, 700}[inc.format]
	for e.estimate()+overhead < inc.targetSize {
		switch k := r.IntN(10); {
		case k < 6:
			i := e.sectionIndex(secBackground)
			inc.sections[i].paras = append(inc.sections[i].paras, e.sentences(investigationSentences, 3+r.IntN(4)))
		case k < 8 && len(inc.timeline) < 60:
			e.extendTimeline(2 + r.IntN(3))
		case k < 9:
			i := e.sectionIndex(secLessons)
			inc.sections[i].paras = append(inc.sections[i].paras, e.sentences(lessonSentences, 2+r.IntN(2)))
		default:
			i := e.sectionIndex(secImpact)
			inc.sections[i].paras = append(inc.sections[i].paras, e.sentences(impactSentences, 2+r.IntN(2)))
		}
	}
	// Drop the background section when it stayed empty.
	i := e.sectionIndex(secBackground)
	if len(inc.sections[i].paras) == 0 {
		inc.sections = append(inc.sections[:i], inc.sections[i+1:]...)
	}
	if inc.format == fmtStatusPage {
		e.statusUpdates()
	}
}

func (e *expander) sectionIndex(kind int) int {
	for i, s := range e.inc.sections {
		if s.kind == kind {
			return i
		}
	}
	return 0
}

// estimate is the size of the document's text without markup.
func (e *expander) estimate() int {
	n := len(e.inc.title)
	for _, s := range e.inc.sections {
		n += len(s.heading) + 2
		for _, p := range s.paras {
			n += len(p) + 2
		}
	}
	for _, t := range e.inc.timeline {
		n += len(t.text) + 16
	}
	for _, a := range e.inc.actions {
		n += len(a.text) + len(a.link) + 8
	}
	return n
}

func (e *expander) sentences(pool []string, n int) string {
	var b strings.Builder
	for i, t := range pickN(e.r, pool, n) {
		if i > 0 {
			b.WriteByte(' ')
		}
		e.expandTo(&b, t)
	}
	return b.String()
}

func (e *expander) durationSentence() string {
	d := humanDuration(e.inc.duration, true)
	return e.expand(e.pick([]string{
		"The outage lasted " + d + ".",
		"The incident lasted for " + d + ".",
		"Total duration: " + d + ".",
		"Time to recovery: " + d + ".",
		"In total, customers were affected for " + d + ".",
		"Service was degraded for " + d + " in total.",
	}))
}

func (e *expander) addAction(t string) {
	r, inc := e.r, e.inc
	a := actionItem{text: e.expand(t), done: r.IntN(3) == 0}
	if r.IntN(3) == 0 {
		if r.IntN(2) == 0 {
			a.link = fmt.Sprintf("https://github.com/%s/%s/issues/%d", inc.org.slug, inc.services[0], 1+r.IntN(5000))
		} else {
			a.link = fmt.Sprintf("https://%s.atlassian.net/browse/%s-%d", inc.org.slug, inc.org.ticketPrefix, 100+r.IntN(9000))
		}
	}
	inc.actions = append(inc.actions, a)
}

// buildTimeline writes the core events from impact start to resolution.
func (e *expander) buildTimeline(extra int) {
	inc := e.inc
	inc.timeline = append(inc.timeline,
		tlEntry{inc.start, e.expand(e.pick(timelineStart))},
		tlEntry{inc.detected.Add(time.Minute / 2), e.expand(e.pick(timelineDetect))},
	)
	e.extendTimeline(extra)
	inc.timeline = append(inc.timeline,
		tlEntry{inc.end.Add(-time.Duration(inc.duration/5+1) * time.Minute), "Root cause identified: " + strings.TrimSuffix(e.shortCause(), ".")},
		tlEntry{inc.end, e.expand(e.pick(timelineResolved))},
	)
	e.sortTimeline()
}

// extendTimeline adds n investigation events between detection and
// resolution.
func (e *expander) extendTimeline(n int) {
	inc := e.inc
	span := inc.end.Sub(inc.detected)
	for range n {
		at := inc.detected.Add(time.Duration(e.r.Int64N(int64(span) + 1))).Truncate(time.Minute)
		inc.timeline = append(inc.timeline, tlEntry{at, e.expand(e.pick(timelineEvents))})
	}
	e.sortTimeline()
}

func (e *expander) sortTimeline() {
	tl := e.inc.timeline
	for i := 1; i < len(tl); i++ { // insertion sort: stable and tiny
		for j := i; j > 0 && tl[j].at.Before(tl[j-1].at); j-- {
			tl[j], tl[j-1] = tl[j-1], tl[j]
		}
	}
	for i := range tl {
		tl[i].at = tl[i].at.Truncate(time.Minute)
	}
}

// shortCause is a clause naming the cause, for timeline entries.
func (e *expander) shortCause() string {
	s := e.expand(e.pick(e.inc.cause.root))
	if i := strings.IndexAny(s, ";:"); i > 20 {
		s = s[:i]
	}
	return s
}

// statusUpdates writes the status-page update log, newest first.
func (e *expander) statusUpdates() {
	inc := e.inc
	steps := []struct{ name, text string }{
		{"Investigating", e.pick([]string{"We are currently investigating this issue.", "We are investigating reports of " + inc.symptom + ".", "We're aware of " + inc.symptom + " and are investigating."})},
		{"Identified", e.pick([]string{"The issue has been identified and a fix is being implemented.", "We have identified the cause and are working on a fix.", "The problem has been identified."})},
		{"Monitoring", e.pick([]string{"A fix has been implemented and we are monitoring the results.", "Error rates are recovering. We are monitoring.", "Services are recovering and we continue to monitor."})},
		{"Resolved", e.pick([]string{"This incident has been resolved.", "The issue has been resolved and all services are operating normally.", "All systems are back to normal."})},
	}
	ts := []time.Time{inc.detected.Add(3 * time.Minute), inc.end.Add(-time.Duration(inc.duration/3) * time.Minute), inc.end.Add(-5 * time.Minute), inc.end.Add(15 * time.Minute)}
	last := time.Time{}
	for i, s := range steps {
		t := ts[i].Truncate(time.Minute)
		if !t.After(last) {
			t = last.Add(time.Minute)
		}
		last = t
		if i == 2 && e.r.IntN(3) == 0 {
			continue // not every incident goes through Monitoring
		}
		inc.statusUpdates = append(inc.statusUpdates, tlEntry{t, s.name + "\n" + s.text})
	}
	for _, s := range inc.services {
		inc.statusAffected = append(inc.statusAffected, capitalize(strings.ReplaceAll(s, "-", " ")))
	}
}

func severity(r *rand.Rand, style, minutes int) string {
	lvl := 1 + r.IntN(4)
	if minutes > 240 && lvl > 2 {
		lvl--
	}
	switch style {
	case 0:
		return fmt.Sprintf("SEV%d", lvl)
	case 1:
		return fmt.Sprintf("P%d", lvl)
	}
	return []string{"", "critical", "major", "minor", "low"}[lvl]
}

func pickWeighted(r *rand.Rand, weights []int) int {
	tot := 0
	for _, w := range weights {
		tot += w
	}
	u := r.IntN(tot)
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

// pickN returns n distinct entries of xs (all of them when n ≥ len(xs)),
// in random order.
func pickN(r *rand.Rand, xs []string, n int) []string {
	idx := r.Perm(len(xs))
	if n > len(xs) {
		n = len(xs)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = xs[idx[i]]
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
