package corpus

import (
	"regexp"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
)

// maxCauseSentences bounds the root-cause text taken from prose.
const maxCauseSentences = 3

// reCausal finds sentences that state a cause, with a connective or
// as a consequence that follows it ("the disk was full, so the job
// failed").
var reCausal = regexp.MustCompile(`(?i)\b(?:root[- ]cause|caused by|was caused|were caused|is caused|due to|because of|because the|because our|because we|because it|as a result of|resulted from|result of a|the cause|(?:likely|probable|apparent|main|primary|immediate|direct|underlying) cause|triggered by|stemmed from|stems from|the reason (?:was|is|for)|underlying (?:issue|problem|cause) (?:was|is)|turned out to be|(?:was|were|is|are) (?:determined|found|identified|confirmed|believed) (?:to be|as)|(?:was|were|is|are) attributed to|originated (?:from|in)|the culprit|traced (?:back )?to|because|caused|causing|led to|leading to|result(?:ed|ing) in|which (?:broke|meant)|,\s+so (?:it|they|this|the \w+)(?: \w+)? (?:failed|crashed|broke|stopped|errored|could(?:n't| not)|was unable|were unable|did(?:n't| not)|never))\b`)

// splitSentences splits text into sentences line by line: every line
// end ends a sentence (sections here are already joined lines), and within
// a line the package's one sentence splitter, prose.Sentences, decides.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		prose.Sentences(line, func(start, end int) {
			out = append(out, line[start:end])
		})
	}
	return out
}

// reFinding finds sentences that report what an investigation found,
// which is how many writers state a cause without a causal connective
// ("a quick investigation revealed that the CI was passing secrets"),
// concluded ("we came to the conclusion that the address was wrong"),
// saw on checking ("I checked the host and it looks like the renewal
// job was never set up") or are sure of ("I'm fairly confident it
// relates to the old cluster version") or what the evidence suggests
// ("the logs indicate that the relay dropped the connections").
var reFinding = regexp.MustCompile(`(?i)\b(?:came to|reached|arrived at) the conclusion that\b|\b(?:checked|investigated|inspected|examined|looked (?:at|into))\b[^.;]{0,80}?(?:,|\band)\s+(?:it|this) (?:looks|looked|seems|seemed|appears|appeared) (?:like|that|as if)\b|\b(?:confident|certain|sure|convinced) (?:that )?(?:it|this|the (?:issue|problem|failure|outage|error|breakage)) (?:(?:is|was) )?(?:relate[sd]|related|due|down) to\b|\b(?:investigation|analysis|review|debugging|digging|logs?|we|it)(?: \w+)? (?:revealed|showed|determined|found|discovered|confirmed|established) that\b|\b(?:investigation|analysis|review|debugging|evidence|data|logs?|metrics|traces)(?: \w+)? (?:suggests?|suggested|indicates?|indicated|points? to|pointed to)(?: that)?\b|\b(?:uncovered|discovered|found|identified|revealed)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?(?:misconfigur\w*|bug|defect|flaw|vulnerabilit(?:y|ies)|regression|race condition|memory leak)\b`)

// reUnknownCause finds sentences that say the cause is not known: they
// name the cause without stating one.
var reUnknownCause = regexp.MustCompile(`(?i)\b(?:cause|reason)s?\b[^.;]{0,40}?\b(?:is|was|are|were|remains?)\s+(?:(?:still|yet|currently|as yet)\s+)*(?:unknown|unclear|undetermined|not (?:yet |fully )?(?:known|clear|understood|determined|identified)|under investigation|being investigated|to be determined)\b|\bwe (?:still |really )?(?:do not|don['’]t|did not|didn['’]t) (?:yet |fully |really )?(?:know|understand) (?:the (?:root )?cause|why|what caused)`)

// reSpeculation finds a guess: "there might be some correlation", "it is
// not clear", "perhaps".
var reSpeculation = regexp.MustCompile(`(?i)\b(?:might|may|could) (?:be|have|contribute)\b|\b(?:not (?:clear|sure|certain)|unclear|perhaps|possibly|speculat\w*)\b`)

// causalSentences returns up to maxCauseSentences sentences of text that
// state a cause, in order. A sentence saying the cause is unknown states
// none, and where one does, the guesses beside it state none either; a
// question ("Was it caused by human error?") states none.
func causalSentences(text string) string {
	return causalOrGuessed(text, false)
}

// guessedCauses is causalSentences keeping the guesses beside a cause
// the text calls unknown: no stated cause, but a hint for the
// classifier.
func guessedCauses(text string) string {
	return causalOrGuessed(text, true)
}

func causalOrGuessed(text string, guesses bool) string {
	var out []string
	sents := splitSentences(text)
	unknown := false
	for _, s := range sents {
		if !guesses && reUnknownCause.MatchString(s) {
			unknown = true
			break
		}
	}
	for _, s := range sents {
		if unknown && reSpeculation.MatchString(s) {
			continue
		}
		if (reCausal.MatchString(s) || reFinding.MatchString(s)) && !reUnknownCause.MatchString(s) && !isQuestion(s) {
			out = append(out, s)
			if len(out) == maxCauseSentences {
				break
			}
		}
	}
	return strings.Join(out, " ")
}

// reStrongCause finds the plainest statements of a cause ("the root
// cause was", "the primary cause of these errors is", "was caused by"),
// trusted even in a timeline entry or under action items, where writers
// note causes in passing.
var reStrongCause = regexp.MustCompile(`(?i)\b(?:(?:root|primary|main|underlying|direct|immediate) cause (?:of (?:\w+ ){1,4})?(?:is|was|were|are|has been)|(?:is|was|were|are) caused by|, caused by)\b`)

// strongCausalSentences returns up to maxCauseSentences sentences of text
// that state a cause with reStrongCause.
func strongCausalSentences(text string) string {
	var out []string
	for _, s := range splitSentences(text) {
		if reStrongCause.MatchString(s) && !reUnknownCause.MatchString(s) && !isQuestion(s) {
			out = append(out, strings.TrimSpace(s))
			if len(out) == maxCauseSentences {
				break
			}
		}
	}
	return strings.Join(out, " ")
}

// reIdentifiedUpdate finds a status page's "Identified" update, the one in
// which status-page writers say what they found ("Identified - The
// upstream provider enabled a filter on our ports"), written on one line
// after its label.
var reIdentifiedUpdate = regexp.MustCompile(`(?i)^[*_\s]*identified[*_\s]*[-–—:]\s*(.+)$`)

// reStatusBoilerplate finds the stock sentences of status updates that
// state no cause ("The issue has been identified and a fix is being
// implemented", "We are continuing to work on a fix").
var reStatusBoilerplate = regexp.MustCompile(`(?i)^\W*(?:(?:the |an? )?(?:issue|problem|cause)s? (?:has|have) been identified\b[^.]*|(?:we|our team) (?:are|is|have|'re|'ve)\s+(?:now\s+|still\s+|currently\s+)?(?:continu\w+ to\s+)?(?:work\w*|investigat\w*|monitor\w*|look\w* into|implement\w*)\b[^.]*|(?:a )?fix (?:is|has been) being (?:implemented|deployed|worked on)[^.]*|more (?:details|information|updates?) (?:to follow|will follow|soon)[^.]*)[.!]?\W*$`)

// identifiedCause returns the cause a status page's "Identified" updates
// state, without their stock sentences, or "".
func identifiedCause(blocks []block) string {
	var out []string
	for _, b := range blocks {
		if b.kind != blockPara {
			continue
		}
		m := reIdentifiedUpdate.FindStringSubmatch(b.text)
		if m == nil {
			continue
		}
		for _, s := range splitSentences(m[1]) {
			if s = strings.TrimSpace(s); s != "" && !reStatusBoilerplate.MatchString(s) && !reUnknownCause.MatchString(s) && !isQuestion(s) {
				out = append(out, s)
				if len(out) == maxCauseSentences {
					return strings.Join(out, " ")
				}
			}
		}
	}
	return strings.Join(out, " ")
}

// reMechanism finds words that name how something broke, which is a
// cause in itself: a certificate or credential that expired or was
// revoked, a machine or account compromised, a secret leaked, a setting
// misconfigured, a resource that ran out, data corrupted, a named piece
// of hardware or power that failed, a part that "had a fault in" it,
// a power outage, a provider that "is having" trouble (the cause lies
// with it), a quota or limit exceeded, an overload,
// a weakness an attack used (a page "vulnerable to" injection, a
// vulnerability "in" a component, a flaw "exploited", an attacker who
// "took advantage of" it, phishing), an outage or problem "of", "at" or "on" a provider,
// a data centre or a hypervisor (the cause lies outside the team), a
// wrong thing put in place ("incorrect certificates deployed", "applied
// the wrong settings"). Words that only say what users saw
// ("down", "unavailable", "crashed", "failed") name a symptom: the
// crash's cause is the root cause.
var reMechanism = regexp.MustCompile(`(?i)\b(?:expir(?:ed|es|y|ation)|compromis(?:e|ed|es)|leak(?:ed|s)?|revok(?:ed|es)|revocation|misconfigur\w*|mis-configur\w*|breach(?:ed)?|ran out of|runs? out of|exhausted|exhaustion|corrupt(?:ed|ion)|(?:hardware|disk|drive|power|storage|raid|controller|memory) (?:failure|fault)s?|(?:had|has|suffered|developed) an? (?:\w+ )?(?:fault|failure) (?:in|on|with|of)\b|power (?:outage|cut|loss)s?|(?:loss of|lost) (?:mains )?power|quotas? (?:(?:was|were|is|are|has been|have been) )?exceeded|exceed(?:ed|s|ing) (?:(?:the|its|their|our|a) )?(?:\w+ ){0,2}(?:quota|limit)s?|overload(?:ed|s|ing)?|vulnerable to|vulnerabilit(?:y|ies) (?:in|of)\b|phish\w*|(?:was|were|been|being) (?:\w+ and )?exploited|(?:exploit|attack|attacker|adversary|hacker|intruder)s? (?:\w+ )?(?:took advantage of|abused)|(?:outage|incident|failure|disruption|problem|issue|fault)s? (?:of|at|on|with|in) (?:(?:our|the|an?|their|its) )?(?:\w+ ){0,2}?(?:provider|vendor|hosting company|hoster|data ?cent(?:er|re)|isp|cdn|hypervisor)s?\b|(?:incorrect|wrong|invalid|outdated|stale|mismatched) (?:\w+ ){0,3}?(?:(?:was|were|got|had been) )?(?:deployed|applied|pushed|installed|rolled out)|(?:deployed|applied|pushed|installed|rolled out) (?:the |an? )?(?:incorrect|wrong|invalid|outdated|stale|mismatched) \w+|(?:provider|vendor|upstream|hosting company|data ?cent(?:er|re)|isp|cdn)s?\b[^.;]{0,40}?\b(?:is|are|was|were|has been|have been) (?:having|experiencing|suffering)\b)\b`)

// reNegatedMechanism finds a mechanism denied, or a vulnerability only
// reported: "has not expired", "no compromise", "a possible
// vulnerability".
var reNegatedMechanism = regexp.MustCompile(`(?i)\b(?:not|never|no|n't|without)\s+(?:been\s+|yet\s+|a\s+|any\s+)?(?:expir|compromis|leak|revok|misconfigur|breach|ran out|run out|exhaust|corrupt|exceed|overload|vulnerab|phish|exploit)|\b(?:possible|potential|alleged|reported)\s+(?:\w+\s+)?vulnerab`)

// namesMechanism reports whether a sentence or title names how
// something broke, without denying it or asking about it.
func namesMechanism(s string) bool {
	return reMechanism.MatchString(s) && !reNegatedMechanism.MatchString(s) && !isQuestion(s) && !reSpeculation.MatchString(s)
}

// reTitleCause finds a title that gives its cause after a causal
// connective ("Builds stalled due to a full cache", "Mail delayed
// because of a relay outage"): the title states the cause.
var reTitleCause = regexp.MustCompile(`(?i)\b(?:due to|caused by|because of|as a result of|triggered by|owing to)\s+\S`)

// titleStatesCause reports whether a title states its cause with a
// causal connective, without asking or guessing.
func titleStatesCause(title string) bool {
	return reTitleCause.MatchString(title) && !isQuestion(title) && !reSpeculation.MatchString(title) && !reUnknownCause.MatchString(title)
}

// reUpdateLabel is the label of a status update or timeline entry
// before its text: "Update - ", "Investigating: ", "08:45 UTC - ".
var reUpdateLabel = regexp.MustCompile(`(?i)^[*_\s]*(?:investigating|identified|update|monitoring|resolved|\d{1,2}[:.]\d{2}(?:\s*[a-z]{2,4})?)[*_\s]*[-–—:]\s+`)

// mechanismCause is the root cause of a document that states it only
// as what broke, without a causal sentence: its title when the title
// names the mechanism ("Signing certificate expired"), else the first
// sentence of its prose that does ("The partner API key was revoked.").
// A document that says its cause is unknown states none.
func mechanismCause(title string, blocks []block, kinds []sectionKind) string {
	if saysCauseUnknown(blocks, kinds) {
		return ""
	}
	if namesMechanism(title) || titleStatesCause(title) {
		return strings.TrimSpace(title)
	}
	for i, b := range blocks {
		if b.kind != blockPara && b.kind != blockItem || kinds[i] == secActions || kinds[i] == secLessons {
			continue
		}
		for _, s := range splitSentences(blockText(b)) {
			if s = strings.TrimSpace(s); namesMechanism(s) {
				return reUpdateLabel.ReplaceAllString(s, "")
			}
		}
	}
	return ""
}

// saysCauseUnknown reports whether the document's text (not a heading,
// code or an action item) says its cause is unknown: "We still don't know
// why the gateway became unreachable".
func saysCauseUnknown(blocks []block, kinds []sectionKind) bool {
	for i, b := range blocks {
		if b.kind != blockHeading && b.kind != blockCode && kinds[i] != secActions && reUnknownCause.MatchString(b.text) {
			return true
		}
	}
	return false
}
