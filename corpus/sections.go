package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// sectionKind is what a section of a postmortem is about.
type sectionKind uint8

const (
	secOther sectionKind = iota
	secSummary
	secImpact
	secRootCause
	secTrigger
	secDetection
	secResolution
	secActions
	secLessons
	secTimeline
)

// sectionRules map a normalised heading (lower-case, numbering, emoji,
// anchors and punctuation stripped) to its kind. They are tried in order
// and match at the start of the heading, so "Root Cause Explanation" is a
// root cause and "Incident Timeline" a timeline.
var sectionRules = []struct {
	kind sectionKind
	re   *regexp.Regexp
}{
	{secTimeline, regexp.MustCompile(`^(?:(?:incident|detailed|event|events|outage|response|full|short|brief|follow ?up|post ?incident|recovery|aftermath)\s+)?time ?line\b|^(?:key|chain of|sequence of|timeline of)\s+events\b|^events$|^chronology\b|^what happened when\b`)},
	{secActions, regexp.MustCompile(`^(?:` + strings.Join(actionHeadings, "|") + `)`)},
	{secLessons, regexp.MustCompile(`^(?:lessons?(?: learn(?:ed|t))?|learnings?\b|(?:key|our|main|some|the) (?:learnings|lessons|takeaways)\b|what (?:we|i|did we|have we|can we|could we) (?:learn(?:ed|t)?)\b|what (?:worked|didn ?t work|did not work)\b|what went (?:well|wrong|badly|right)|what (?:didn ?t|did not) go (?:well|so well)|where we got lucky|things that went|takeaways?|key takeaways|retrospective|reflections?|conclusions?$)`)},
	{secRootCause, regexp.MustCompile(`^(?:root ?causes?\b|rca\b|contributing (?:factors?|causes?)|causes?(?: of| and)?\b|causal|why (?:it|this|did (?:it|this)) happen|(?:but |so )?(?:how|why) (?:did|could|does) (?:it|this|that) (?:happen|occur)|five whys|5 whys|whys$|lead ?up\b|the lead ?up|underlying (?:issue|cause|problem)|the underlying|what caused|technical (?:details|analysis|cause)|analysis$|investigation and analysis)`)},
	{secTrigger, regexp.MustCompile(`^triggers?\b|^what triggered`)},
	{secDetection, regexp.MustCompile(`^(?:detection|detected|identified|identification|how (?:was it|we|it was) (?:detected|noticed|discovered|found)|discovery|monitoring and detection)\b`)},
	{secResolution, regexp.MustCompile(`^(?:resolution\b|resolved$|our (?:response|resolution|fix|remediation)$|remediation\b|mitigation\b|solutions?$|how (?:it|this) (?:is|was|got) (?:fixed|resolved|mitigated)|fixing (?:the|this|it)\b|immediate (?:resolution|fix|response|reaction|mitigation)|recovery\b|response\b|incident response(?: and \w+)?$|the fix|fix(?:es)?$|how (?:was it|we|it was) (?:fixed|resolved|mitigated)|workaround|restoration|solution\b|repair|details of (?:the )?(?:fix(?:es)?|resolution|remediation|mitigation)$)`)},
	{secImpact, regexp.MustCompile(`^(?:impact\b|(?:customer|user|business|service|production|client)s? impact|fault\b|affected\b|scope\b|severity and impact|blast radius|who was affected|effects?$)`)},
	{secSummary, regexp.MustCompile(`^(?:summary\b|(?:issue|incident|executive|event|outage|short|brief)\s+summary|overview\b|what happened\b|incident(?: description| details| overview)?$|description$|tl ?dr\b|abstract$|introduction$|background$|the (?:incident|issue|problem|outage)$|problem(?: description| statement)?$|issue$)`)},
	// "Incident follow-ups", "Security action items": a follow-up name
	// after a word or two that name nothing else
	{secActions, regexp.MustCompile(`^(?:[a-z]+ ){1,2}(?:action items?|follow ?ups?|next steps|corrective actions|preventive actions|preventative actions|remediation (?:items|actions|tasks|plan)|todos?)$`)},
	// "Agreed actions", "Planned actions", "Long-term
	// actions": actions after a word that says they were decided on,
	// or when they are due
	{secActions, regexp.MustCompile(`^(?:agreed|planned|proposed|recommended|remedial|short term|long term|medium term|near term|future|further|additional|preventive|preventative|outstanding|open|pending) actions\b`)},
}

// weSubj is "we" with what may follow it in a normalised heading, where
// apostrophes are dropped: "we", "we're"/"were", "we are", "we will",
// "we'll"/"well", "we have", "we've"/"weve", "we are going to".
const weSubj = `(?:we|were|we are|we will|well|we ll|we have|weve|we ve|we re|we are going to|were going to|we plan to|we need to|we must|we should)`

// actionHeadings are the headings (normalised, matched at the start)
// under which postmortem writers list follow-up actions, done or open:
// the template names ("Action items", "Corrective actions", "Follow-ups",
// "Next steps", "Remediation items"), what blogs and status pages call
// them ("What we're doing about it", "What's next", "Going forward",
// "How we'll prevent this", "Changes we've made", "Improvements"),
// wiki and issue-tracker names ("To do", "Tasks", "Work items",
// "Tickets") and report names ("Recommendations", "Countermeasures",
// "Preventive measures", "Future work", "Long-term fixes").
var actionHeadings = []string{
	`action (?:items?|points?|plan|list|register|tracker)\b`,
	`actions?(?: taken| to take| items?)?$`,
	`actions? (?:(?:we|that we|being|to be) )?(?:(?:are|re|will|ll|have|ve|plan to|intend to) )?(?:taken|taking|take|planned|tak\w+ to)\b`,
	`actions? (?:taken )?(?:to|for) (?:prevent|avoid|address|improve|mitigate|reduce|ensure|the future)\w*`,
	`actions? (?:going|moving) forward`,
	`actionables?\b|actionable (?:items|points|steps|tasks)`,
	`corrective\b|preventive\b|preventative\b|prevention\b`,
	`preventing (?:(?:a |the )?recurrences?|(?:future|similar|further|repeat|recurring) (?:incidents|outages|issues|problems|failures|events)|this|it)\b`,
	`(?:avoiding|preventing|prevent) (?:a )?(?:recurrence|repeat|repetition)|recurrence prevention`,
	`what (?:could|can|should|will|would|might) (?:be done|we do|we have done) (?:differently )?(?:to|so as to|in order to) (?:avoid|prevent|stop|improve|reduce|mitigate)`,
	`how (?:will|can|could|do|should|are|shall) we (?:going to )?(?:do better|improve|prevent|avoid|make sure|ensure|stop|fix this|keep this|address)`,
	`how ` + weSubj + `? ?(?:going to )?(?:are )?(?:improv\w*|prevent\w*|avoid\w*|address\w*|ensur\w*|mak\w* sure|do\w* better|fixing|harden\w*|stop\w*|respond\w* going forward|chang\w*)`,
	`(?:our |the |further |future |immediate |additional |recommended |proposed |planned )?next steps?\b`,
	`(?:further|future|additional|preventive|preventative|corrective|remediation|recommended|proposed|planned) steps\b`,
	`steps (?:` + weSubj + `|being) (?:are |will |have )?(?:taking|take|taken|going to take|planned)\b|steps (?:taken|planned) (?:to prevent|to avoid|to improve|since|going forward)\b`,
	`steps (?:to (?:prevent|avoid|improve|ensure|address)|forward|going forward)\b`,
	`follow ?ups?\b|follow up\b|following up\b`,
	`review actions`,
	`whats next|what s next|what comes next|what now$|where (?:do )?we go from here|where next$|what is next`,
	`what ` + weSubj + ` ?(?:are |will |have |will be |ll be |are going to |re going to )?(?:doing|going to do|do next|do differently|do about|do to|done since|done to|changing|changed|change|changes|improving|improve|fixing|fix|planning|plan|taking|take|learned and|learnt and)\b`,
	`what (?:are|will|should|can|must|do) we (?:doing|do|going to do|change|changing|improv\w*|fix\w*|plan\w*)\b`,
	`what (?:needs to|has to|must|should|will|is going to|are we going to) (?:change|happen next|be done|improve)\b`,
	`what changes ` + weSubj + `?`,
	`doing (?:things )?(?:better|differently)\b|(?:what|things) ` + weSubj + ` (?:do|change|will do|are doing) differently`,
	`changes? (?:` + weSubj + `|made|planned|implemented|being made|to be made|to make|since|going forward|moving forward|after the incident|following the incident|in response|to prevent|to our (?:process|processes|procedures|systems?|infrastructure|tooling|monitoring))\b`,
	`(?:planned|proposed|upcoming|future|further|additional|recommended|suggested|follow up|preventive|preventative|corrective) (?:changes|improvements?|actions?|work|fixes|enhancements?|measures|mitigations?|remediations?|safeguards|tasks|items|action items)\b`,
	`(?:\w+ ){0,3}(?:improvements?|enhancements?)(?: (?:made|planned|we \w+ making|to (?:make|come)|going forward|and (?:fixes|follow ?ups?|next steps|actions|changes)))?$`,
	`improvements?\b|enhancements?\b`,
	`areas? (?:of|for) improvement|opportunit(?:y|ies) (?:for|to) improve\w*|room for improvement|improvement (?:areas?|opportunities|actions|plan|items|points|tasks)`,
	`remediations$|remediation (?:items|actions|tasks|plan|steps|work|measures|and (?:follow ?ups?|next steps|prevention|improvements))\b`,
	`mitigations$|mitigations? (?:going forward|for the future|plan|steps|and (?:prevention|follow ?ups?|next steps|improvements))\b|(?:long ?term|longer term|permanent|follow up) (?:mitigations?|remediations?)\b`,
	`future (?:work|works|actions?|improvements?|plans?|steps|changes|prevention|mitigations?|fixes|considerations|directions|tasks|items|measures|development)\b`,
	`(?:remaining|outstanding|open|pending|ongoing) (?:work|actions?|tasks?|items|action items|follow ?ups?|issues|tickets)\b`,
	`todos?\b|to dos?$|to do\b`,
	`going forward|moving forward|looking (?:forward|ahead)|the road ahead|from now on|for the future|in the future$|plans? (?:for the future|going forward|ahead)|future plans?$|outcomes?$`,
	`recommendations?\b|recommended (?:actions|changes|steps|fixes|improvements)`,
	`(?:short|medium|mid|long|longer|near) ?term(?: (?:fixes|actions|items|tasks|improvements|remediations?|solutions?|plans?|work|changes|measures|steps|goals|follow ?ups?))?$`,
	`post ?(?:incident|mortem) (?:actions|tasks|items|follow ?ups?|action items|improvements|work|steps|review actions)`,
	`fixes and (?:improvements|follow ?ups?|next steps)`,
	`what (?:is|s|are|has been|have been|is being|are being|s being) (?:being )?(?:done|changed|changing|improved|fixed)\b|(?:our|the) plans?$|plans?$|(?:our|the) plan (?:going forward|forward|ahead|to prevent)|hardening\b|follow ?on (?:work|actions|items|tasks)`,
	`next (?:actions|tasks|items|moves)\b|(?:completed|closed|done|open|planned) (?:actions|action items|items|tasks|follow ?ups)\b|suggestions?$|suggested (?:actions|changes|fixes|improvements|next steps)|ideas? (?:for|to) (?:improv|prevent|avoid)\w*`,
	// (other languages: German, French, Spanish, Dutch, Portuguese)
	`ma(?:ß|ss)nahmen\b|nächste schritte|folgema(?:ß|ss)nahmen|actions correctives|mesures (?:correctives|préventives)|prochaines étapes|acciones (?:correctivas|preventivas)|próximos pasos|pasos siguientes|vervolgstappen|acties|verbeterpunten|próximos passos|ações (?:corretivas|preventivas)`,
	`things (?:to|we (?:will|need to|should|must|can|could)) (?:do|fix|improve|change|work on|look into|address|follow up)\b|homework$`,
	`work items|tickets$|tasks$|tracking issues?$|tasks (?:to|for) (?:address|prevent|fix|improve|avoid|follow)\w*`,
	`counter ?measures?\b|measures (?:to prevent|to avoid|taken to prevent|going forward|for the future)\b|safeguards?$|guardrails?$`,
}

var (
	reHeadNumbering = regexp.MustCompile(`^(?:(?:step|part|section|phase)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-h])[.):]\s*|^\d+(?:\.\d+)*\s+`)
	reHeadAnchor    = regexp.MustCompile(`\s*\{#[^}]*\}\s*$|\s+#+\s*$`)
	reHeadParen     = regexp.MustCompile(`\s*[(\[][^)\]]*[)\]]`)
)

// normHeading lower-cases a heading and strips what does not name it:
// numbering, emoji and symbols, anchors, trailing colons and
// parenthesised notes such as "(all times UTC)".
func normHeading(h string) string {
	if strings.ContainsAny(h, "{#") {
		h = reHeadAnchor.ReplaceAllString(h, "")
	}
	h = strings.Map(func(r rune) rune {
		switch {
		case r == '&' || r == '+':
			return '&'
		case r == '\'' || r == '’' || r == '`':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || r == '(' || r == ')' || r == '[' || r == ']' || r == '.' || r == ':' || r == '-' || r == '/' || r == '?':
			return unicode.ToLower(r)
		}
		return ' '
	}, h)
	h = strings.TrimSpace(h)
	if mayBeNumbered(h) {
		h = reHeadNumbering.ReplaceAllString(h, "")
	}
	if strings.ContainsAny(h, "([") {
		h = reHeadParen.ReplaceAllString(h, "")
	}
	h = strings.ReplaceAll(h, "&", " and ")
	h = strings.Map(func(r rune) rune {
		if r == '-' || r == '/' || r == ':' || r == '?' || r == '.' || r == '(' || r == ')' || r == '[' || r == ']' {
			return ' '
		}
		return r
	}, h)
	return normSpace(h)
}

// sectionRe is sectionRules as one anchored alternation, one capture
// group per rule in order, so a heading is matched in a single pass.
var sectionRe = func() *regexp.Regexp {
	parts := make([]string, len(sectionRules))
	for i, r := range sectionRules {
		parts[i] = "(" + strings.ReplaceAll(r.re.String(), "^", "") + ")"
	}
	return regexp.MustCompile("^(?:" + strings.Join(parts, "|") + ")")
}()

// mayBeNumbered is a cheap test for reHeadNumbering: a digit first, a
// short token ending in . ) or :, or a "step"/"part"/"section"/"phase".
func mayBeNumbered(h string) bool {
	if h == "" {
		return false
	}
	if h[0] >= '0' && h[0] <= '9' {
		return true
	}
	for i := 1; i < len(h) && i < 6; i++ {
		if h[i] == '.' || h[i] == ')' || h[i] == ':' {
			return true
		}
		if h[i] == ' ' {
			break
		}
	}
	for _, p := range []string{"step", "part", "section", "phase"} {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

// headingFirstWords are the first words of every heading sectionRules
// can match; other headings are not sections and skip the regexp.
var headingFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`whys changes timeline time incident detailed event events outage response full short brief
		key chain sequence chronology what action actions corrective prevention preventive preventative next
		follow followup followups review tasks improvement improvements remediation future todo to going how
		avoiding lesson lessons learning learnings things where takeaway takeaways retrospective reflection
		reflections conclusion conclusions root rootcause rootcauses rca contributing cause causes causal why five 5
		lead leadup the underlying technical analysis investigation trigger triggers detection detected
		identified identification discovery monitoring resolution resolved mitigation recovery restoration
		solution repair fix fixes workaround impact customer customers user users business service services
		production client clients fault affected scope severity blast who effect effects summary issue
		executive overview description tl tldr abstract introduction background problem looking moving
		outcome outcomes planned proposed upcoming recommendation recommendations short long medium shortterm
		longterm post postincident postmortem work tickets preventing our actionable actionables avoiding prevent
		recurrence further immediate additional recommended steps following whats doing things change
		suggested areas area opportunity opportunities room enhancement enhancements remediations mitigations
		longer permanent remaining outstanding open pending ongoing todos from for in plans plan mid near
		tracking counter countermeasure countermeasures measures safeguard safeguards guardrail guardrails
		key main some solutions fixing hardening completed closed done suggestion suggestions suggested idea ideas but so
		maßnahmen massnahmen nächste folgemaßnahmen folgemassnahmen mesures prochaines acciones próximos pasos vervolgstappen
		acties verbeterpunten ações homework details`) {
		m[w] = true
	}
	return m
}()

// actionPhrases name follow-ups wherever they stand in a heading
// ("Process improvements", "Incident follow-ups", "Security action
// items"): headings holding one skip the first-word filter.
var actionPhrases = []string{"improvement", "enhancement", "action item", "follow up", "followup", "next step", "remediation", "corrective", "todo", " actions"}

// hasActionPhrase reports whether a normalised heading holds one of
// actionPhrases.
func hasActionPhrase(n string) bool {
	for _, p := range actionPhrases {
		if strings.Contains(n, p) {
			return true
		}
	}
	return false
}

// commonHeadings are the most frequent normalised headings, answered
// without the regexp (TestCommonHeadings checks they agree with it).
var commonHeadings = map[string]sectionKind{
	"summary": secSummary, "overview": secSummary, "incident summary": secSummary, "issue summary": secSummary,
	"executive summary": secSummary, "what happened": secSummary, "background": secSummary, "description": secSummary,
	"impact": secImpact, "customer impact": secImpact, "user impact": secImpact,
	"root cause": secRootCause, "root causes": secRootCause, "root cause analysis": secRootCause,
	"contributing factors": secRootCause, "cause": secRootCause, "causes": secRootCause,
	"trigger": secTrigger, "detection": secDetection,
	"resolution": secResolution, "mitigation": secResolution, "recovery": secResolution, "remediation": secResolution,
	"resolution and recovery": secResolution,
	"action items":            secActions, "action item": secActions, "follow ups": secActions, "follow up": secActions,
	"next steps": secActions, "corrective actions": secActions, "prevention": secActions,
	"lessons learned": secLessons, "lessons learnt": secLessons, "what went well": secLessons,
	"what went wrong": secLessons, "where we got lucky": secLessons,
	"timeline": secTimeline, "incident timeline": secTimeline,
	"appendix": secOther, "attendees": secOther, "stats": secOther, "references": secOther, "links": secOther,
}

// classifyHeading returns the kind of section a heading starts.
func classifyHeading(h string) sectionKind {
	return classifyNormalized(normHeadingLimited(h))
}

// normHeadingLimited normalises h unless it is too long to be a heading.
func normHeadingLimited(h string) string {
	if len(h) > 200 {
		return ""
	}
	return normHeading(h)
}

// classifyNormalized classifies a heading already passed through
// normHeading.
func classifyNormalized(n string) sectionKind {
	if n == "" || len(n) > 80 {
		return secOther
	}
	k, ok := commonHeadings[n]
	if !ok {
		k = classifyByRules(n)
	}
	if k == secActions && reForReaders.MatchString(n) {
		return secOther // what readers are to do is no follow-up
	}
	return k
}

// reForReaders ends a normalised follow-up heading that addresses the
// readers, not the team: "Next steps for users", "What to do for
// customers".
var reForReaders = regexp.MustCompile(`\bfor (?:(?:our|all|affected|impacted) )?(?:users?|customers?|clients?|you|members?|subscribers?|readers?|streamers?|developers?|maintainers? of \w+|package authors?|admins?|operators?)$`)

// namesTimeline reports whether a normalised heading of at most three
// words ends in "timeline": "Deployment timeline", "Problems/Timeline",
// "Investigation timeline" name the section's content by its last word.
func namesTimeline(n string) bool {
	n = strings.TrimSuffix(n, " of events")
	rest, ok := strings.CutSuffix(n, "timeline")
	if !ok {
		rest, ok = strings.CutSuffix(n, "time line")
	}
	return ok && (rest == "" || strings.HasSuffix(rest, " ") && strings.Count(rest, " ") <= 2)
}

// classifyByRules classifies a normalised heading with sectionRules.
func classifyByRules(n string) sectionKind {
	if namesTimeline(n) {
		return secTimeline
	}
	first, _, _ := strings.Cut(n, " ")
	if !headingFirstWords[first] && !hasActionPhrase(n) {
		return secOther
	}
	m := sectionRe.FindStringSubmatchIndex(n)
	if m == nil {
		return secOther
	}
	for i := range sectionRules {
		if m[2+2*i] >= 0 {
			return sectionRules[i].kind
		}
	}
	return secOther
}

// reAuthorNote is a normalised heading over a template's notes to whoever
// writes the postmortem: "Notes to the owner", "Reminders for the
// incident author", "Facilitator's checklist", "Instructions for using
// this template".
var reAuthorNote = regexp.MustCompile(`^(?:(?:notes?|instructions?|reminders?|checklist)\s+(?:to|for)\s+(?:the\s+)?(?:(?:postmortem|post mortem|incident|document|report|review)\s+)?(?:owners?|authors?|editors?|writers?|facilitators?|reviewers?)|(?:(?:postmortem|post mortem|incident|document|report|review)\s+)?(?:owners?|authors?|editors?|facilitators?)\s+(?:checklist|instructions|notes|reminders)|instructions for (?:using\s+)?this (?:template|document|form))$`)

// authorNoteHeading reports whether a heading is over a template's notes
// to the postmortem's author (reAuthorNote): what the author is to do
// with the document, neither its title nor the incident's follow-ups.
func authorNoteHeading(h string) bool {
	return len(h) < 120 && reAuthorNote.MatchString(strings.TrimRight(normHeadingLimited(h), " "))
}
