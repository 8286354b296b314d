package corpus

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// reTierKey is a bold key that only says when a fix applies ("Short
// term:", "Long-term"), normalised.
var reTierKey = regexp.MustCompile(`^(?:short|medium|mid|long|longer|near) ?term$`)

// assignSections gives every block the kind of section it belongs to:
// a known heading starts a section, which runs until a heading of the
// same or a higher level; bold-key paragraphs and bullets ("**Impact**:")
// start a section that runs to the next heading or bold key.
func assignSections(blocks []block) []sectionKind {
	kinds := make([]sectionKind, len(blocks))
	cur, curLevel := secOther, 0
	sub, inSub := secOther, false
	problemsLevel := 0 // a "Problems found" part of the follow-up section
	for i, b := range blocks {
		if b.kind == blockHeading {
			inSub = false
			if problemsLevel > 0 && b.level <= problemsLevel {
				problemsLevel = 0
			}
			k := b.hk
			switch {
			case cur == secActions && b.level > curLevel && reProblemsHeading.MatchString(strings.TrimRight(normHeading(b.text), ": ")):
				// "Identified problems" under "Future work" lists what
				// went wrong, not what will be done
				problemsLevel = b.level
				kinds[i] = secLessons
				continue
			case cur == secActions && b.level > curLevel:
				// "Detection", "Mitigation" under "Action items" sort its
				// items; they are not the document's sections
			case k != secOther:
				cur, curLevel = k, b.level
			case cur != secOther && b.level > curLevel:
				// a sub-heading stays in its section
			default:
				cur, curLevel = secOther, b.level
			}
			kinds[i] = cur
			continue
		}
		if b.bold != "" && (b.kind == blockPara || b.kind == blockItem) && !(cur == secActions && b.kind == blockItem) {
			// (bold titles of action items are not sections)
			if k := b.hk; k == secActions && cur == secResolution && b.kind == blockItem && reTierKey.MatchString(normHeading(b.bold)) {
				// "- **Short term:** revert …" under a resolution sorts
				// its fixes by when; it opens no follow-up section
			} else if k != secOther {
				sub, inSub = k, true
			} else if inSub && b.kind == blockPara {
				inSub = false
			}
		}
		switch {
		case problemsLevel > 0:
			kinds[i] = secLessons
		case inSub:
			kinds[i] = sub
		default:
			kinds[i] = cur
		}
	}
	return kinds
}

// reProblemsHeading names a list of what went wrong: "Identified
// problems", "Weaknesses", "Issues found", "What went wrong".
var reProblemsHeading = regexp.MustCompile(`^(?:(?:identified|known|main|key|observed|remaining) )?(?:problems|weaknesses|issues|gaps|shortcomings|pain points)(?: (?:found|identified|observed))?$|^what went (?:wrong|badly|poorly)$`)

// blockText is a block's text for section and body text, without a
// leading bold key that only named the section.
func blockText(b block) string {
	if b.bold != "" {
		rest := strings.TrimSpace(strings.TrimPrefix(b.text, b.bold))
		rest = strings.TrimSpace(strings.TrimLeft(rest, ":-–—"))
		if b.hk != secOther {
			return rest
		}
	}
	return b.text
}

// reFilePrefix is a file name's leading id, dropped from a title made of
// the name: "PM-012 - ", "incident_2023_04: ", or a zero-padded serial
// number before a word ("004-", "07_"; its first letter is kept, so a
// date such as "01-15-2023" keeps its digits).
var reFilePrefix = regexp.MustCompile(`(?i)^(?:(?:pm|inc|incident|postmortem|pir)[-_ ]?\d{2,4}(?:[-_]\d+)*\s*[-–—_:]\s*|0\d{1,3}\s*[-_.]\s*([a-z]))`)

// extract fills a Record from a parsed document.
func (p *Parser) extract(name string, doc *document) Record {
	rec := Record{
		Source:      name,
		Format:      doc.format,
		Services:    []string{},
		Authors:     []string{},
		Timeline:    []TimelineEntry{},
		ActionItems: []ActionItem{},
		Categories:  []Category{},
		Tags:        []string{},
	}
	fm := doc.fm
	rec.ID = fm.str("id", "uuid")
	if rec.ID == "" {
		rec.ID = Slug(name)
	}
	blocks := doc.blocks
	var chromeTitle string
	if doc.format != FormatMarkdown {
		var dropped []block
		blocks, chromeTitle, dropped = dropChrome(blocks)
		var tail []block
		blocks, tail = dropTrailingChrome(blocks)
		dropped = append(dropped[:len(dropped):len(dropped)], tail...) // never write into blocks
		var banner []block
		blocks, banner = dropSiteBanner(blocks)
		dropped = append(dropped, banner...)
		var nav []block
		blocks, nav = dropNavLinks(blocks)
		dropped = append(dropped, nav...)
		for _, b := range dropped {
			doc.chrome = append(doc.chrome, b.text)
		}
	}
	annotateHeadings(blocks)
	kinds := assignSections(blocks)

	parts := map[sectionKind][]string{}
	body := make([]string, 0, len(blocks))
	for i, b := range blocks {
		body = append(body, b.text)
		if b.kind == blockHeading {
			continue
		}
		if (kinds[i] == secRootCause || kinds[i] == secTrigger) && b.kind != blockRow && bylineLine(b.text) {
			continue // "Author: …" under a cause heading states no cause
		}
		if t := blockText(b); t != "" {
			parts[kinds[i]] = append(parts[kinds[i]], t)
		}
	}
	join := func(k sectionKind) string { return strings.Join(parts[k], "\n") }
	rec.Summary = join(secSummary)
	rec.Impact = join(secImpact)
	rec.RootCause = join(secRootCause)
	rec.Trigger = join(secTrigger)
	rec.Detection = join(secDetection)
	rec.Resolution = join(secResolution)
	rec.Lessons = join(secLessons)
	if rec.Summary == "" {
		rec.Summary = introText(blocks)
	}
	var guessed string // causes the text only guesses at, for the classifier
	if strings.TrimSpace(rec.RootCause+rec.Trigger) == "" {
		// No root-cause section: take the answer to a template's cause
		// question, else the sentences that state a cause, from the
		// summary first, then the other prose sections.
		rec.RootCause = qaCause(blocks, questionAnswers(blocks))
		prose := []sectionKind{secSummary, secImpact, secOther, secResolution, secDetection, secLessons}
		if saysCauseUnknown(blocks, kinds) {
			// What the response did and learned gives its own reasons
			// ("it did not work at first because …"), not the cause the
			// document says it does not know.
			prose = prose[:3]
		}
		for _, k := range prose {
			if rec.RootCause != "" {
				break
			}
			if c := causalSentences(join(k)); c != "" {
				rec.RootCause = c
				break
			}
			if guessed == "" {
				guessed = guessedCauses(join(k))
			}
		}
		if rec.RootCause == "" {
			rec.RootCause = identifiedCause(blocks)
		}
		for _, k := range []sectionKind{secTimeline, secActions} {
			if rec.RootCause != "" {
				break
			}
			rec.RootCause = strongCausalSentences(join(k))
		}
	}
	rec.Body = strings.Join(body, "\n")

	meta := keyLines(blocks)
	if fm == nil {
		fm = frontMatter{}
	}
	if fm.str("title") == "" && meta["title"] != "" && !hasTitleHeading(blocks) {
		fm["title"] = meta["title"]
	}
	var fromFileName bool
	rec.Title, fromFileName = extractTitle(name, doc, blocks, fm, chromeTitle)
	if fromFileName && meaningless(rec.Title) {
		// a file name like "003_6cb9372fd4b5097c" names nothing: the
		// summary's first sentence says more
		if s := splitSentences(rec.Summary); len(s) > 0 {
			rec.Title = clipRunes(s[0], 100)
		}
	}
	if strings.TrimSpace(rec.RootCause+rec.Trigger) == "" {
		// no causal sentence: a title or line that names what broke
		// ("SSL certificate expired") states the cause
		rec.RootCause = mechanismCause(rec.Title, blocks, kinds)
	}
	rec.Organization = fm.str("organization", "org", "company", "organisation")
	if rec.Organization == "" {
		rec.Organization = findOrganization(doc, blocks)
	}
	rec.Severity = fm.str("severity", "sev", "priority")
	if rec.Severity == "" && len(meta["severity"]) < 40 {
		rec.Severity = meta["severity"]
	}
	if rec.Severity == "" {
		rec.Severity = proseSeverity(blocks)
	}
	if rec.Organization == "" && len(meta["organization"]) < 60 {
		rec.Organization = meta["organization"]
	}
	if rec.Organization == "" {
		rec.Organization = meta["mail domain"]
	}
	rec.Services = nonNil(fm.list("services", "service", "systems", "components", "system", "component"))
	if len(rec.Services) == 0 {
		rec.Services = nonNil(splitList(meta["services"]))
	}
	rec.Authors = nonNil(fm.list("authors", "author", "owners", "owner"))
	if len(rec.Authors) == 0 {
		rec.Authors = nonNil(splitList(meta["authors"]))
	}
	declared, siteTags := declaredCauses(fm, p.taxonomy)
	rec.Tags = nonNil(appendNew(fm.list("tags", "labels", "tag"), siteTags...))

	extractTimes(&rec, name, doc, blocks, kinds, meta)
	rec.ActionItems = extractActions(blocks, kinds)

	rootText := strings.Join([]string{rec.RootCause, rec.Trigger}, "\n")
	if strings.TrimSpace(rootText) == "" {
		rootText = guessed
	}
	if rc := fm.str("root_cause", "cause"); rc != "" {
		rootText = rc + "\n" + rootText
	}
	var rest []string
	restLen := 0
	for i, b := range blocks {
		if restLen > maxClassifyRest {
			break
		}
		switch kinds[i] {
		case secRootCause, secTrigger, secSummary:
			continue
		}
		if b.kind != blockHeading && b.kind != blockCode {
			rest = append(rest, b.text)
			restLen += len(b.text) + 1
		}
	}
	// a question ("Was it caused by human error?") is no evidence
	in := ClassifyInput{
		RootCause: clipText(strings.TrimSpace(dropQuestions(rootText)), maxClassifyRootCause),
		Title:     clipText(strings.TrimSpace(rec.Title), maxClassifyHeadline),
		Headline:  clipText(strings.TrimSpace(dropQuestions(rec.Summary)), maxClassifyHeadline),
		Rest:      clipText(dropQuestions(strings.Join(rest, "\n")), maxClassifyRest),
		Declared:  declared,
	}
	doc.tagged = in
	if cats := p.taxonomy.Classify(in); cats != nil {
		rec.Categories = cats
	}
	return rec
}

// Bounds on the text handed to the tagger: what decides a document's
// root cause is in its first pages, and tagging cost grows with length.
const (
	maxClassifyRootCause = 64 << 10
	maxClassifyHeadline  = 16 << 10
	maxClassifyRest      = 256 << 10
)

// clipText cuts s to at most n bytes, at a line break when there is one.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '\n'); i > n/2 {
		return s[:i]
	}
	for len(s) > 0 { // do not split a rune
		if r, size := utf8.DecodeLastRuneInString(s); r == utf8.RuneError && size <= 1 {
			s = s[:len(s)-1]
			continue
		}
		break
	}
	return s
}

// reSeverity finds a severity named in prose: "a SEV-1 incident",
// "declared a Sev2", "this P1 incident".
var reSeverity = regexp.MustCompile(`\b(?:SEV|Sev|sev)[- ]?[0-5]\b|\bP[0-4] (?:incident|outage)\b`)

// proseSeverity returns the first severity named in the opening blocks.
func proseSeverity(blocks []block) string {
	for i, b := range blocks {
		if i > 60 {
			break
		}
		if b.kind == blockCode || !strings.Contains(strings.ToLower(b.text), "sev") && !strings.Contains(b.text, "P") {
			continue
		}
		if m := reSeverity.FindString(b.text); m != "" {
			return strings.Fields(m)[0]
		}
	}
	return ""
}

// reBylineKey are the keys of a byline naming who wrote or reviewed a
// report, besides metaKeys' authors: "RCA team", "Reviewers",
// "Approved by".
var reBylineKey = regexp.MustCompile(`^(?:(?:rca|review|incident|response|analysis|investigation|post ?mortem|post-mortem|postmortem)\s+)?team$|^(?:reviewers?|reviewed by|approved by|approvers?|contributors?|editors?|edited by|drafted by|compiled by)$`)

// bylineLine reports whether text is a byline, "Author: Pat Example" or
// "Review team: Sam, Pat": a short key line naming people.
func bylineLine(text string) bool {
	key, val, ok := splitKeyLine(text)
	if !ok || len(val) > 120 || strings.Contains(val, ". ") {
		return false
	}
	return bylineKey(key)
}

// bylineKey reports whether a key line's key names who wrote, reviewed
// or took part in the report ("Author", "RCA team", "Reviewed by").
func bylineKey(key string) bool {
	key = strings.ToLower(normSpace(key))
	return metaKeys[key] == "authors" || reBylineKey.MatchString(key)
}

// isKeyLine reports whether text reads as "Key: value".
func isKeyLine(text string) bool {
	_, _, ok := splitKeyLine(text)
	return ok
}

// introText is the opening prose of a document without a summary
// section: up to two paragraphs before its first section heading. The
// status updates kept in its frontmatter (after its body) open it only
// when the body has none.
func introText(blocks []block) string {
	var out []string
	for _, b := range blocks {
		if b.kind == blockHeading && (b.hk != secOther || b.update && len(out) > 0) || len(out) == 2 {
			break
		}
		if b.kind != blockPara || len(b.text) < 60 || isKeyLine(b.text) || reStatusPosted.MatchString(b.text) {
			continue
		}
		out = append(out, b.text)
	}
	return strings.Join(out, "\n")
}

// hasTitleHeading reports whether the document has a top-level heading
// that is not a section name.
func hasTitleHeading(blocks []block) bool {
	for i, b := range blocks {
		if i > 40 {
			break
		}
		if b.kind == blockHeading && b.level == 1 && b.hk == secOther {
			return true
		}
	}
	return false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// extractTitle picks the document title: frontmatter, the first
// top-level heading, the line that opens the postmortem after scraped
// chrome, an HTML <title>, the first short line of text, or the file
// name.
func extractTitle(name string, doc *document, blocks []block, fm frontMatter, chromeTitle string) (title string, fromFileName bool) {
	// "heading" and "headline": site generators' and schema.org's names
	// for a page's title.
	if t := fm.str("title", "name", "subject", "heading", "headline"); t != "" {
		return t, false
	}
	if chromeTitle != "" {
		return chromeTitle, false
	}
	best := ""
	minLevel := 7
	for i, b := range blocks {
		if i > 40 {
			break
		}
		if b.kind == blockHeading && b.level < minLevel && b.hk == secOther && titleHeading(b.text) {
			minLevel, best = b.level, b.text
			if n := i + 1; n < len(blocks) && genericReportHeading(b.text) {
				// "Acme — Incident Report" over "## Queue stalled":
				// the heading under a generic report name names the
				// incident
				if h := blocks[n]; h.kind == blockHeading && h.level > b.level && h.hk == secOther && titleHeading(h.text) && !genericReportHeading(h.text) {
					best = h.text
				}
			}
		}
		if t, ok := summaryTitle(b.text); ok && i < 5 && (b.kind == blockPara || b.hk == secSummary) {
			return t, false
		}
	}
	if best != "" && minLevel <= 1 {
		return best, false
	}
	if doc.h1 != "" {
		return doc.h1, false
	}
	if t, ok := emphasizedTitle(blocks); ok && minLevel > 1 {
		return t, false
	}
	if doc.format == FormatHTML && doc.title != "" {
		return cleanHTMLTitle(doc.title, doc.site), false
	}
	if doc.format != FormatMarkdown && len(blocks) > 0 {
		b := blocks[0]
		if b.kind == blockHeading && b.hk != secOther {
			// a section's name ("Summary") is no title; an opening
			// "INCIDENT SUMMARY: …" line, read as a section heading
			// over its value, gives one
			if len(blocks) > 1 && blocks[1].kind == blockPara {
				if t, ok := summaryTitle(b.text + ": " + blocks[1].text); ok && looksLikeTitle(t) {
					return t, false
				}
			}
		} else if looksLikeTitle(b.text) && (b.kind == blockPara || b.kind == blockHeading) {
			return b.text, false
		}
	}
	if best != "" {
		return best, false
	}
	if len(blocks) > 0 && blocks[0].kind == blockHeading && blocks[0].level == 1 && reDateOnly.MatchString(blocks[0].text) {
		// a page headed by its day alone, with no other title
		return blocks[0].text, false
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if ext := lowerExt(base); ext != "" {
		if i := lastIndexFold(base, ext); i > 0 {
			base = base[:i]
		}
	}
	base = reFilePrefix.ReplaceAllString(base, "$1")
	if t := reFileDatePrefix.ReplaceAllString(base, ""); !meaningless(t) {
		base = t // "2031-04-02-queue stalled": the day is the post's, not the title's
	}
	return normSpace(strings.NewReplacer("_", " ").Replace(base)), true
}

// reFileDatePrefix is a day opening a file name, with its separator.
var reFileDatePrefix = regexp.MustCompile(`^\d{4}([-_.])\d{2}([-_.])\d{2}\s*[-_. ]\s*`)

// maxTitleBlocks is how far into a document an emphasised line naming
// the incident may stand.
const maxTitleBlocks = 6

// emphasizedTitle returns the document's first paragraph when it is
// one emphasised short line that is no field, section name or day
// ("*Uploads failing for EU users*" under a page headed by its day):
// the subject the writer set apart.
func emphasizedTitle(blocks []block) (string, bool) {
	for i, b := range blocks {
		if i >= maxTitleBlocks || b.kind != blockHeading && b.kind != blockPara {
			return "", false
		}
		if b.kind == blockHeading {
			continue
		}
		t := strings.TrimSpace(b.text)
		if !b.emphasized || !looksLikeTitle(t) || isKeyLine(t) || strings.HasSuffix(t, ":") || classifyHeading(t) != secOther || !titleHeading(t) || meaningless(t) {
			return "", false
		}
		return t, true
	}
	return "", false
}

// reNotTitle are headings that name a part of a document, never its
// incident: "Data", "FAQ", "Appendix"; the collection it belongs to
// ("Postmortems", "Incident reports": a plural is a shelf, not one
// incident); or a template's bare "Instructions" or "Checklist" (its
// notes addressed to the author are authorNoteHeading).
var reNotTitle = regexp.MustCompile(`(?i)^(?:(?:our\s+)?(?:post[- ]?mortems|incidents|outages|retrospectives|(?:incident|outage|post[- ]?mortem)\s+(?:reports|reviews))|data|details|notes?|appendix|appendices|references?|links|faq|frequently asked questions\b.*|glossary|metadata|contents|table of contents|attendees|participants|authors?|status|state|context|info|information|update|updates|(?:template\s+)?instructions|checklist)$`)

// titleHeading reports whether a heading can be the document's title:
// not a status word, a part's name or a label ending in a colon.
func titleHeading(h string) bool {
	t := strings.TrimSpace(h)
	if m := reReportFor.FindStringSubmatch(t); m != nil && orgName(m[1]) {
		return false // a status page's "Incident Report for Acme"
	}
	return !reStatusWord.MatchString(t) && !reNotTitle.MatchString(t) && !strings.HasSuffix(t, ":") && !reDateOnly.MatchString(t) && !reClockOnly.MatchString(t) && !personHeading(t) && !authorNoteHeading(t)
}

// reHandle is an @handle naming a person ("@sam", "@pat-lee").
var reHandle = regexp.MustCompile(`(?:^|[\s(])@[A-Za-z0-9][\w-]*`)

// personHeading reports whether a heading is a header field saying who
// wrote, owns or took part in the review ("Owner: @sam", "Authors: Sam
// Lee", "Reviewed by: Pat", "Sync held with: @pat"): a template's form
// field set as a heading, never the incident's title.
func personHeading(h string) bool {
	key, val, ok := splitKeyLine(h)
	if !ok {
		return false
	}
	return bylineKey(key) || reHandle.MatchString(val)
}

// reGenericReport is a heading that only names the kind of document,
// perhaps after whose it is (a name of up to three words): "Incident report", "Acme — Technical
// Incident Report", "Acme: Post-mortem", "Root cause analysis".
var reGenericReport = regexp.MustCompile(`(?i)^(?:[^\s:|–—·•-]+(?:\s[^\s:|–—·•-]+){0,2}(?:\s*[:|–—·•-]|\s+\.)\s*)?(?:(?:technical|public|official|final|full|detailed|internal|security|service|customer)\s+)?(?:(?:incident|outage|post[- ]?mortem|postmortem|downtime|disruption|service disruption|root cause|rca)(?:\s+response)?\s+(?:report|review|analysis|summary|write[- ]?up)|post[- ]?mortem|postmortem|root cause analysis|rca)$`)

// genericReportHeading reports whether a heading, emoji and symbols
// dropped, is only a generic report name (reGenericReport).
func genericReportHeading(h string) bool {
	t := strings.TrimFunc(h, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return t != "" && len(t) < 120 && reGenericReport.MatchString(normSpace(t))
}

// reDateOnly is a heading that is only a day ("2021-03-05", "Nov 26",
// "Tuesday, 5 March 2024"): a timeline's day, never the incident's
// title.
var reDateOnly = regexp.MustCompile(`(?i)^[*_\s]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+\d{4})?)[*_\s]*$`)

// reClockOnly is a heading that is only a time of day, perhaps with a
// zone ("11:28 UTC", "9:05 pm", "14h20"): a timeline's moment, never the
// incident's title.
var reClockOnly = regexp.MustCompile(`(?i)^[*_\s]*(?:at\s+)?~?\d{1,2}(?:[:h.]\d{2}){1,2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:utc|gmt|z|[a-z]{2,4}t|[+-]\d{2}:?\d{2})\)?)?[*_\s]*$`)

// reSummaryTitle reads a title given as an opening line "INCIDENT
// SUMMARY: …" or "Incident report: …" (a heading "Incident report: …" is
// kept whole: it is the title as the document gives it).
var reSummaryTitle = regexp.MustCompile(`(?i)^(?:incident|outage|post[- ]?mortem)\s+(?:summary|report|review)\s*[:–—-]\s*(\S.{3,150})$`)

// summaryTitle returns the title of an "INCIDENT SUMMARY: …" line.
func summaryTitle(line string) (string, bool) {
	m := reSummaryTitle.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// meaningless reports whether a title has no word of three or more
// letters that is not a hex or numeric token (file-name hashes, ids).
func meaningless(t string) bool {
	for _, w := range strings.Fields(t) {
		letters, hex := 0, true
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if !strings.ContainsRune("abcdefABCDEF", r) {
					hex = false
				}
			}
		}
		if letters >= 3 && !hex {
			return false
		}
	}
	return true
}

// looksLikeTitle reports whether a line could be a document title: short
// and not a sentence or a greeting.
func looksLikeTitle(t string) bool {
	n := utf8.RuneCountInString(t)
	if n < 4 || n > 140 || len(strings.Fields(t)) > 16 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".,;!", last)
}

// cleanHTMLTitle drops a trailing or leading " | Site" from a <title>.
func cleanHTMLTitle(t, site string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " · ", " :: "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			tail := t[i+len(sep):]
			if site != "" && strings.EqualFold(strings.TrimSpace(tail), site) || len(tail) < len(t)/3 {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

var (
	reReportFor = regexp.MustCompile(`^(?:Incident|Status|Outage|Post[- ]?[Mm]ortem)\s+[Rr]eport\s+(?:for|from)\s+(.{2,60}?)\.?$`)
	reWelcome   = regexp.MustCompile(`^Welcome to (.{2,50}?)[!.]?$`)
)

// findOrganization names the organization behind the document: a status
// page's "Incident Report for X", the HTML site name, or a site
// "Welcome to X" line cut to the words the postmortem itself uses.
func findOrganization(doc *document, blocks []block) string {
	for _, b := range blocks {
		// a status page's line under the title, never a heading: a
		// title phrase ("Incident report for the March outage") names
		// no organisation
		if b.kind == blockHeading {
			continue
		}
		if m := reReportFor.FindStringSubmatch(b.text); m != nil && orgName(m[1]) {
			return strings.TrimSpace(m[1])
		}
	}
	site := doc.site
	if site == "" {
		for _, b := range doc.chrome {
			if m := reWelcome.FindStringSubmatch(b); m != nil {
				site = m[1]
				break
			}
			if m := reSiteBanner.FindStringSubmatch(b); m != nil {
				site = m[1]
				break
			}
		}
	}
	if site == "" {
		return ""
	}
	// the longest leading run of the site name's words used in the text
	var text strings.Builder
	for _, b := range blocks {
		text.WriteString(b.text)
		text.WriteByte(' ')
	}
	body := text.String()
	words := strings.Fields(site)
	for n := len(words); n > 0; n-- {
		cand := strings.Join(words[:n], " ")
		if strings.Contains(body, cand) {
			return cand
		}
	}
	return ""
}

// orgName reports whether s can name an organisation: it starts with a
// capital letter or digit-free word and is not a date or an article
// phrase.
func orgName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || hasDigit(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	first, _, _ := strings.Cut(strings.ToLower(s), " ")
	switch first {
	case "the", "a", "an", "our", "this", "my", "your":
		return false
	}
	return true
}

// dropTrailingChrome removes a run of short lines after the last prose
// paragraph — footer links, "Subscribe", comment widgets — when it is
// long and holds no section heading, list item or time stamp.
func dropTrailingChrome(blocks []block) (kept, dropped []block) {
	last := -1
	for i := len(blocks) - 1; i >= 0; i-- {
		b := blocks[i]
		if b.kind == blockItem || b.kind == blockRow || b.kind == blockCode || b.hk != secOther ||
			b.kind == blockHeading && classifyHeading(b.text) != secOther || len(b.text) >= 80 {
			last = i
			break
		}
		if hasClockHint(b.text) || hasISODate(b.text) || reStatusPosted.MatchString(b.text) {
			return blocks, nil
		}
	}
	tail := len(blocks) - 1 - last
	if tail < 12 {
		return blocks, nil
	}
	return blocks[:last+1], blocks[last+1:]
}

// dropChrome removes site navigation scraped together with the page
// text. When the document opens with a long run of short lines (menus,
// site lists, search help) before its first postmortem section heading,
// everything before that heading's title line is dropped. It returns the
// kept blocks and, when chrome was cut, the title line found.
func dropChrome(blocks []block) (kept []block, title string, dropped []block) {
	first := -1
	for i, b := range blocks {
		if i > 400 {
			break
		}
		if b.kind == blockHeading && classifyHeading(b.text) != secOther {
			first = i
			break
		}
	}
	if first < 15 {
		return blocks, "", nil
	}
	short, seen, dup := 0, map[string]bool{}, 0
	for _, b := range blocks[:first] {
		if len(b.text) < 50 {
			short++
		}
		if seen[b.text] {
			dup++
		}
		seen[b.text] = true
	}
	if short*10 < first*8 && dup*5 < first {
		return blocks, "", nil
	}
	start := first
	if t := blocks[first-1]; looksLikeTitle(t.text) && t.kind != blockItem {
		start = first - 1
		title = t.text
	}
	return blocks[start:], title, blocks[:start]
}

// reSiteBanner is the tag line a wiki prints under every page's title,
// kept by a scrape of the page: "From Examplepedia, the free
// encyclopedia", "From Acme Docs, Acme's central coordination wiki".
var reSiteBanner = regexp.MustCompile(`^From ([A-Z][^,.!?]{1,60}), [^.!?]{0,60}\b(?:wiki|encyclopa?edia|knowledge ?base|handbook|documentation|docs|portal|community)\b[^.!?]{0,40}$`)

// dropSiteBanner removes a wiki's tag line from the opening blocks: it
// is the site's, not the incident's title.
func dropSiteBanner(blocks []block) (kept, dropped []block) {
	for i := 0; i < len(blocks) && i < 3; i++ {
		if b := blocks[i]; b.kind != blockCode && reSiteBanner.MatchString(b.text) {
			kept = append(blocks[:i:i], blocks[i+1:]...)
			return kept, []block{b}
		}
	}
	return blocks, nil
}

// reNavLinks is a line made only of bracketed link labels, the way a mail
// archive or a text dump of a page prints its navigation: "[Prev][Next]
// [Index]". Each label is a few words; at least two stand side by side.
var reNavLinks = regexp.MustCompile(`^(?:\[[A-Za-z][A-Za-z .'-]{0,24}\]\s*){2,}$`)

// dropNavLinks removes lines of bracketed navigation links: they are a
// site's chrome, never the title or the text of the incident.
func dropNavLinks(blocks []block) (kept, dropped []block) {
	kept = blocks[:0:0]
	for _, b := range blocks {
		if b.kind != blockCode && reNavLinks.MatchString(strings.TrimSpace(b.text)) {
			dropped = append(dropped, b)
			continue
		}
		kept = append(kept, b)
	}
	if len(dropped) == 0 {
		return blocks, nil
	}
	return kept, dropped
}

// lastIndexFold is strings.LastIndex, case-insensitively, with offsets
// into s itself (lower-casing s first would shift them when s holds
// invalid UTF-8).
func lastIndexFold(s, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// declaredCauses returns the root causes a document's frontmatter states,
// and the values of its categories list that are a website's sections
// rather than causes. A root_cause or cause key states a cause in any
// words. A value of a categories (or category) list states a cause when it
// names a category of tax or one of its aliases; in a static-site post (a
// layout key: Jekyll, Hugo) only the category's very name does, because a
// blog files its posts under its own sections ("deployments", "databases",
// "people", "culture"), which say where a post sits on the site, not what
// broke. The other values are kept as tags, never read as a cause.
func declaredCauses(fm frontMatter, tax *Taxonomy) (causes, siteTags []string) {
	site := fm.str("layout") != ""
	for _, c := range fm.list("categories", "category") {
		if name, ok := tax.Resolve(c); ok && (!site || normalizeName(c) == name) {
			causes = append(causes, c)
		} else {
			siteTags = append(siteTags, c)
		}
	}
	if len(causes) == 0 {
		causes = fm.list("root_cause", "cause", "root_causes")
	}
	return causes, siteTags
}

// appendNew appends to list the values it does not hold yet, compared
// without regard to case.
func appendNew(list []string, values ...string) []string {
	for _, v := range values {
		if !slices.ContainsFunc(list, func(s string) bool { return strings.EqualFold(s, v) }) {
			list = append(list, v)
		}
	}
	return list
}
