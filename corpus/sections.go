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
	{secTimeline, regexp.MustCompile(`^(?:(?:incident|detailed|event|events|outage|response|full|short|brief)\s+)?time ?line\b|^(?:key|chain of|sequence of|timeline of)\s+events\b|^events$|^chronology\b|^what happened when\b`)},
	{secActions, regexp.MustCompile(`^(?:action (?:items?|points|plan)|actions?(?: taken| to take)?$|corrective|preventi(?:on|ve|ng (?:(?:a |the )?recurrences?|(?:future|similar|further) (?:incidents|outages|issues|problems)|this|it)\b)|preventative|how (?:will|can|could|do|should) we (?:do better|improve|prevent|avoid|make sure)|next steps|follow ?ups?\b|follow up (?:actions|items|tasks)|review actions|what we ?(?:are|re|will be|ll be)? doing (?:differently|about it|next)|what (?:we|we ?re|we are|we will|we ll) (?:chang\w*|improv\w*|fix\w*|do next)|changes we (?:are|will|re|have) mak\w*|how we(?: are| will| re|re)? (?:improv\w*|fix\w*)|tasks to address|improvements?$|remediation (?:items|actions|tasks|plan)|future (?:work|actions|improvements)|todo|to do$|going forward|how we(?:re| are| will)? prevent|what we (?:will|are going to) do|avoiding (?:a )?recurrence|looking (?:forward|ahead)|moving forward|future plans?$|outcomes?$|how (?:are )?we (?:are )?going to (?:do better|improve|prevent|fix)|(?:planned|proposed|upcoming) (?:changes|improvements|actions|work|fixes)|(?:preventive|preventative|corrective) (?:measures|actions|steps)|recommendations?\b|(?:short|medium|long) ?term (?:fixes|actions|items|tasks|improvements|remediations?|solutions?|plans?|work)|post ?(?:incident|mortem) (?:actions|tasks|items|follow ?ups?)|fixes and (?:improvements|follow ?ups?|next steps)|work items|tickets$)`)},
	{secLessons, regexp.MustCompile(`^(?:lessons?(?: learn(?:ed|t))?|learnings?\b|what went (?:well|wrong|badly|right)|what (?:didn ?t|did not) go (?:well|so well)|where we got lucky|things that went|takeaways?|key takeaways|retrospective|reflections?|conclusions?$)`)},
	{secRootCause, regexp.MustCompile(`^(?:root ?causes?\b|rca\b|contributing (?:factors?|causes?)|causes?(?: of| and)?\b|causal|why (?:it|this|did (?:it|this)) happen|five whys|5 whys|whys$|lead ?up\b|the lead ?up|underlying (?:issue|cause|problem)|the underlying|what caused|technical (?:details|analysis|cause)|analysis$|investigation and analysis)`)},
	{secTrigger, regexp.MustCompile(`^triggers?\b|^what triggered`)},
	{secDetection, regexp.MustCompile(`^(?:detection|detected|identified|identification|how (?:was it|we|it was) (?:detected|noticed|discovered|found)|discovery|monitoring and detection)\b`)},
	{secResolution, regexp.MustCompile(`^(?:resolution\b|resolved$|our (?:response|resolution|fix|remediation)$|remediation\b|mitigation\b|recovery\b|response\b|incident response|the fix|fix(?:es)?$|how (?:was it|we|it was) (?:fixed|resolved|mitigated)|workaround|restoration|solution\b|repair)`)},
	{secImpact, regexp.MustCompile(`^(?:impact\b|(?:customer|user|business|service|production|client)s? impact|fault\b|affected\b|scope\b|severity and impact|blast radius|who was affected|effects?$)`)},
	{secSummary, regexp.MustCompile(`^(?:summary\b|(?:issue|incident|executive|event|outage|short|brief)\s+summary|overview\b|what happened\b|incident(?: description| details| overview)?$|description$|tl ?dr\b|abstract$|introduction$|background$|the (?:incident|issue|problem|outage)$|problem(?: description| statement)?$|issue$)`)},
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
		longterm post postincident postmortem work tickets preventing our`) {
		m[w] = true
	}
	return m
}()

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
	if k, ok := commonHeadings[n]; ok {
		return k
	}
	return classifyByRules(n)
}

// classifyByRules classifies a normalised heading with sectionRules.
func classifyByRules(n string) sectionKind {
	first, _, _ := strings.Cut(n, " ")
	if !headingFirstWords[first] {
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
