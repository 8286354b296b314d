package corpus

import (
	"regexp"
	"strings"
)

// reExplicitCause is a normalised heading or key that names the root
// cause itself ("Root cause", "Root causes", "Cause", "RCA", "What caused
// it", "Underlying cause"), as against the other headings of root-cause
// kind: a lead-up is background, whys are the chain that leads to the
// cause, technical details or an analysis explain the mechanism.
var reExplicitCause = regexp.MustCompile(`^(?:(?:the |primary |main |underlying |actual |real )?root ?causes?\b|rca\b|(?:the |primary |main |underlying |actual |real )?causes?$|(?:primary|main|underlying) cause\b|what caused\b)`)

// rootCauseText joins the text of a document's root-cause sections. When
// it has both a section that names the root cause and others of the same
// kind (a lead-up, whys, technical details), the named root cause comes
// first: it is what the document itself calls the cause, and the tagger
// weighs the opening of the root-cause text most.
func rootCauseText(blocks []block, kinds []sectionKind) string {
	var explicit, other []string
	// cur: the current root-cause heading names the cause; sub, subCause:
	// a bold key ("**Lead-up:**") opened a root-cause sub-section, and
	// whether that key names the cause
	cur, sub, subCause := false, false, false
	for i, b := range blocks {
		if b.kind == blockHeading {
			switch {
			case kinds[i] != secRootCause:
				cur = false
			case b.hk == secRootCause:
				cur = reExplicitCause.MatchString(normHeading(b.text))
			}
			sub = false
			continue
		}
		if b.bold != "" && b.hk != secOther && (b.kind == blockPara || b.kind == blockItem) {
			sub = b.hk == secRootCause
			subCause = sub && reExplicitCause.MatchString(normHeading(strings.TrimRight(strings.TrimSpace(b.bold), ":")))
		}
		if kinds[i] != secRootCause {
			continue
		}
		if t := blockText(b); t != "" {
			if cur || sub && subCause {
				explicit = append(explicit, t)
			} else {
				other = append(other, t)
			}
		}
	}
	if len(explicit) == 0 || len(other) == 0 {
		// one kind of section only: document order
		var all []string
		for i, b := range blocks {
			if b.kind != blockHeading && kinds[i] == secRootCause {
				if t := blockText(b); t != "" {
					all = append(all, t)
				}
			}
		}
		return strings.Join(all, "\n")
	}
	return strings.Join(append(explicit, other...), "\n")
}

// reNoCauseValue is a key line's value that states no cause: "Unknown",
// "TBD", "N/A", "Under investigation".
var reNoCauseValue = regexp.MustCompile(`(?i)^\W*(?:unknown|unclear|tbd|tbc|n/?a|none|pending|-+|\?+|to be (?:determined|confirmed)|under investigation|being investigated|investigating|not (?:yet )?(?:known|determined))\W*$`)

// keyedCause returns the value of a plain "Root cause: …" or "- Root
// causes: …" line, the stated cause whatever its wording ("Haste, poor
// communication"), when no section already holds it: such a line, bold
// or not, is a template's header field, not prose that must say
// "because". A bold key opens a section of its own and is left to
// assignSections.
func keyedCause(blocks []block, kinds []sectionKind) string {
	var out []string
	for i, b := range blocks {
		if b.kind != blockPara && b.kind != blockItem || b.bold != "" || kinds[i] == secRootCause || kinds[i] == secActions || kinds[i] == secTimeline {
			continue
		}
		key, val, ok := splitKeyLine(b.text)
		if !ok || b.text[strings.IndexAny(b.text, ":=")] != ':' {
			continue
		}
		if !reExplicitCause.MatchString(normHeading(key)) || classifyNormalized(normHeading(key)) != secRootCause {
			continue
		}
		if val = strings.TrimSpace(val); val == "" || reNoCauseValue.MatchString(val) || reUnknownCause.MatchString(val) || isQuestion(val) {
			continue
		}
		out = append(out, val)
		if len(out) == maxCauseSentences {
			break
		}
	}
	return strings.Join(out, "\n")
}

// emptyCauseField reports whether a line is a "Root cause: Unknown"
// field: it names the cause without stating one.
func emptyCauseField(s string) bool {
	key, val, ok := splitKeyLine(strings.TrimSpace(s))
	return ok && reExplicitCause.MatchString(normHeading(key)) && reNoCauseValue.MatchString(val)
}
