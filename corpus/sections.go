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
	{secActions, regexp.MustCompile(`^(?:action (?:items?|points|plan)|actions?(?: taken| to take)?$|corrective|preventi(?:on|ve)|preventative|next steps|follow ?ups?\b|follow up (?:actions|items|tasks)|review actions|what we ?(?:are|re|will be|ll be)? doing (?:differently|about it|next)|tasks to address|improvements?$|remediation (?:items|actions|tasks|plan)|future (?:work|actions|improvements)|todo|to do$|going forward|how we(?:re| are| will)? prevent|what we (?:will|are going to) do|avoiding (?:a )?recurrence)`)},
	{secLessons, regexp.MustCompile(`^(?:lessons?(?: learn(?:ed|t))?|learnings?\b|what went (?:well|wrong|badly|right)|what (?:didn ?t|did not) go (?:well|so well)|where we got lucky|things that went|takeaways?|key takeaways|retrospective|reflections?|conclusions?$)`)},
	{secRootCause, regexp.MustCompile(`^(?:root ?causes?\b|rca\b|contributing (?:factors?|causes?)|causes?(?: of| and)?\b|causal|why (?:it|this|did (?:it|this)) happen|five whys|5 whys|lead ?up\b|the lead ?up|underlying (?:issue|cause|problem)|the underlying|what caused|technical (?:details|analysis|cause)|analysis$|investigation and analysis)`)},
	{secTrigger, regexp.MustCompile(`^triggers?\b|^what triggered`)},
	{secDetection, regexp.MustCompile(`^(?:detection|detected|identified|identification|how (?:was it|we|it was) (?:detected|noticed|discovered|found)|discovery|monitoring and detection)\b`)},
	{secResolution, regexp.MustCompile(`^(?:resolution\b|resolved$|remediation\b|mitigation\b|recovery\b|response\b|incident response|the fix|fix(?:es)?$|how (?:was it|we|it was) (?:fixed|resolved|mitigated)|workaround|restoration|solution\b|repair)`)},
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
	h = reHeadAnchor.ReplaceAllString(h, "")
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
	h = reHeadNumbering.ReplaceAllString(h, "")
	h = reHeadParen.ReplaceAllString(h, "")
	h = strings.ReplaceAll(h, "&", " and ")
	h = strings.Map(func(r rune) rune {
		if r == '-' || r == '/' || r == ':' || r == '?' || r == '.' || r == '(' || r == ')' || r == '[' || r == ']' {
			return ' '
		}
		return r
	}, h)
	return normSpace(h)
}

// classifyHeading returns the kind of section a heading starts.
func classifyHeading(h string) sectionKind {
	if len(h) > 200 {
		return secOther
	}
	n := normHeading(h)
	if n == "" || len(n) > 80 {
		return secOther
	}
	for _, r := range sectionRules {
		if r.re.MatchString(n) {
			return r.kind
		}
	}
	return secOther
}
