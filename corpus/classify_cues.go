package corpus

import (
	"strings"
	"unicode/utf8"

	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
)

// This file reads the grammar of a sentence for the rules: clause
// breaks, causal connectives and their cause and effect clauses,
// negation scopes, the objects of failing verbs and prescriptive
// sentences.

// tokenize appends the words of lower[start:end] to toks, marking clause
// breaks.
func tokenize(lower string, start, end int, toks []token) []token {
	brk := false
	ws := -1
	flush := func(i int) {
		if ws >= 0 {
			toks = append(toks, token{s: lower[ws:i], start: ws, end: i, brk: brk})
			brk = false
			ws = -1
		}
	}
	for i := start; i < end; {
		r, size := rune(lower[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(lower[i:end])
		}
		switch {
		case ws < 0 && (r == 'h' || r == 'w') && isURLStart(lower[i:end]):
			// Links say nothing about the cause ("…/mybinder.org-deploy/issues").
			for i < end && !prose.IsSpaceByte(lower[i]) && lower[i] != ')' && lower[i] != ']' && lower[i] != '>' && lower[i] != '"' {
				i++
			}
			brk = true
			continue
		case prose.IsWordRune(r):
			if ws < 0 {
				ws = i
			}
		case prose.IsApostrophe(r) && ws >= 0 && i+size < end:
			if n, _ := utf8.DecodeRuneInString(lower[i+size : end]); !prose.IsWordRune(n) {
				flush(i)
			}
		default:
			flush(i)
			switch r {
			case ',', ';', ':', '(', ')', '[', ']', '|', '—', '–', '!', '?', '"', '“', '”':
				brk = true
			case '.':
				// "v1.2" and "e.g." do not break; "end. Next" was split already.
				if i+1 < end && lower[i+1] == ' ' {
					brk = true
				}
			case '-':
				if i > start && lower[i-1] == ' ' && i+1 < end && lower[i+1] == ' ' {
					brk = true
				}
			}
		}
		i += size
	}
	flush(end)
	return toks
}

// isURLStart reports whether s starts with a web address.
func isURLStart(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

// wordKinds maps a lower-case word to its kinds (fFiller, wNeg…). It is
// built once and never modified.
var wordKinds = func() map[string]uint16 {
	m := map[string]uint16{}
	add := func(kind uint16, words string) {
		for _, w := range strings.Fields(words) {
			m[w] |= kind
		}
	}
	add(wNeg, "not no never cannot nor neither none nothing unlike")
	add(wPostNeg, "unrelated")
	add(fFiller, `the a an any some this these those our their its by of to in on with from
		be been being is was were are caused related due signs sign evidence indication indications`)
	add(fBreakWord, `but however although though whereas because since and so which while yet
		instead then after when until once before as`)
	// Stop words end a negation's scope: "could not connect to the
	// database" says nothing against the database.
	add(wStop, "able enough sufficient get got longer only just sure clear")
	add(wImperative, `add document create investigate ensure improve implement consider set
		make write move automate introduce establish define explore evaluate assess research
		discuss plan setup publish notify train audit verify validate refactor extend track
		prevent avoid look figure find increase reduce restrict require enforce schedule
		migrate pin replace switch separate split clean todo enhance review monitor alert
		test configure use check keep store rotate limit block allow`)
	add(wModal, "should will must need needs going plan planning todo shall would ought intend want")
	add(wRemedy, `fix fixed fixes fixing hotfix workaround mitigate mitigated mitigation
		remediate remediated remediation restored restore recovered recovery resolved
		resolution rectified repaired`)
	return m
}()

// stopPrefixes also end a negation's scope ("not able to connect…",
// "failed to start"), keyed by their first three bytes.
var stopPrefixes = func() map[string][]string {
	m := map[string][]string{}
	for _, p := range strings.Fields(`connect reach start access load respond serve work run
		creat schedul talk communicat send receiv pull writ read complet resolv detect notic
		know aware handl process fetch launch spawn boot recover reply return renew updat
		restart`) {
		m[p[:3]] = append(m[p[:3]], p)
	}
	return m
}()

// Words that follow "not (the)" in "X was not the cause", and the words
// that may come between.
var (
	causeNouns = map[string]bool{"cause": true, "culprit": true, "issue": true, "problem": true,
		"reason": true, "trigger": true, "factor": true, "involved": true, "responsible": true,
		"related": true, "relevant": true, "implicated": true, "affected": true, "blame": true,
		"fault": true, "source": true, "impacted": true, "at": true, "to": true}
	causeSkip = map[string]bool{"the": true, "a": true, "an": true, "root": true, "main": true,
		"primary": true, "underlying": true, "contributing": true, "direct": true, "actual": true,
		"real": true, "be": true, "been": true, "likely": true}
)

// Word sets of causalCue.
var (
	factorAdjectives = map[string]bool{"biggest": true, "main": true, "largest": true,
		"primary": true, "key": true, "major": true, "single": true}
	causeAdjectives = map[string]bool{"root": true, "main": true, "underlying": true, "primary": true}
	copulas         = map[string]bool{"was": true, "is": true, "were": true, "be": true}
)

// causalCue reports whether toks[i] is a causal connective, and whether
// the cause is written after it.
func causalCue(toks []token, i int) (after, ok bool) {
	at := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].s
	}
	s := toks[i].s
	switch s {
	case "caused":
		return at(i+1) == "by", true
	case "causing", "led", "leading", "leads":
		return false, true
	case "because", "due", "stemmed", "stems", "attributed", "originated":
		return true, true
	case "triggered", "introduced", "resulted", "resulting":
		switch at(i + 1) {
		case "by", "from":
			return true, true
		case "in":
			return false, true
		default:
			if s == "triggered" {
				return false, true
			}
		}
	case "factor", "contributor":
		// "X was the biggest factor", "the main factor was X".
		p := i - 1
		if factorAdjectives[at(p)] {
			return at(i+1) == "was" || at(i+1) == "is", true
		}
	case "problem", "issue":
		// "The problem was that…"
		if at(i-1) == "the" && (at(i+1) == "was" || at(i+1) == "is") {
			return true, true
		}
	case "result":
		if at(i+1) == "of" {
			return true, true
		}
	case "cause", "causes", "culprit", "reason":
		// "the root cause was X" / "X was the root cause".
		p := i - 1
		if causeAdjectives[at(p)] {
			p--
		}
		if at(p) == "the" || at(p) == "a" {
			p--
		}
		before := copulas[at(p)]
		if s != "reason" || at(i-1) == "the" || at(i+1) == "was" || at(i+1) == "is" {
			return !before, true
		}
	}
	return false, false
}

// negationForm returns wNeg when toks[i] ends a multi-word negation
// ("ruled out", "rather than", "instead of", "opposed to", "nothing to
// do with"); "ruled out" also negates what precedes it.
func negationForm(toks []token, i int) uint16 {
	at := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].s
	}
	var k uint16
	switch toks[i].s {
	case "out":
		if p := at(i - 1); p == "ruled" || p == "rule" || p == "rules" || p == "ruling" {
			k |= wNeg
			toks[i-1].flags |= fPostNeg
		}
	case "than":
		if p := at(i - 1); p == "rather" || p == "other" {
			k |= wNeg
		}
	case "of":
		if at(i-1) == "instead" {
			k |= wNeg
		}
	case "to":
		if at(i-1) == "opposed" || at(i-2) == "nothing" && at(i-1) == "do" {
			k |= wNeg
		}
	}
	return k
}

// markCues sets the flags of toks, appends the sentence's causal
// connectives to cues and returns the union of its words' kinds.
func markCues(toks []token, cues []cue) ([]cue, uint16) {
	at := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].s
	}
	var kinds uint16
	for i := range toks {
		t := &toks[i]
		s := t.s
		k := wordKinds[s]
		if after, ok := causalCue(toks, i); ok {
			cues = append(cues, cue{pos: i, after: after})
		}
		k |= negationForm(toks, i)
		if strings.HasSuffix(s, "n't") || strings.HasSuffix(s, "n’t") {
			k |= wNeg
		}
		if k&wNeg != 0 && i == 0 && s == "no" && at(1) != "evidence" && !hasFindingVerb(toks) {
			// "No lifecycle management of X" opens a list item stating
			// what was missing: an absence, not a denial ("No evidence
			// of X", "No DNS errors were found" still deny).
			k &^= wNeg
		}
		if k&wNeg != 0 {
			t.flags |= fNeg
			if s != "unlike" {
				j := i + 1
				for j < len(toks) && causeSkip[toks[j].s] {
					j++
				}
				if j < len(toks) && causeNouns[toks[j].s] && !toks[j].brk {
					t.flags |= fPostNeg
				}
			}
		}
		if k&wPostNeg != 0 {
			t.flags |= fPostNeg
		}
		t.flags |= k & (fFiller | fBreakWord | wImperative | wModal | wRemedy)
		if k&wStop != 0 {
			t.flags |= fStop
		} else if len(s) >= 3 {
			for _, p := range stopPrefixes[s[:3]] {
				if strings.HasPrefix(s, p) {
					t.flags |= fStop
					break
				}
			}
		}
		kinds |= t.flags
	}
	return cues, kinds
}

// findingVerbs are verbs of finding and being: they make a sentence
// opening with "No" a denial ("No DNS errors were found") rather than a
// statement of what was missing ("No alerting on queue depth"), and an
// "and" join clauses rather than nouns.
var findingVerbs = map[string]bool{"was": true, "were": true, "is": true, "are": true,
	"found": true, "seen": true, "observed": true, "detected": true, "shown": true,
	"showed": true, "appeared": true, "occurred": true, "reported": true, "identified": true}

func hasFindingVerb(toks []token) bool {
	for i := range toks {
		if findingVerbs[toks[i].s] {
			return true
		}
	}
	return false
}

// maxCauseSpan is how many words on each side of a causal connective
// count as its cause or effect.
const maxCauseSpan = 16

// clauseSpans sets the cause and effect ranges of the cues of toks.
func clauseSpans(toks []token, cues []cue) {
	stop := func(j int) bool {
		t := toks[j]
		return t.flags&fBreakWord != 0 && t.s != "and" && t.s != "or" || relativeWords[t.s]
	}
	fwd := func(from int) [2]int {
		for from < len(toks) && spanSkip[toks[from].s] {
			from++ // "the root cause was that the…"
		}
		to := from
		for to < len(toks) && to-from < maxCauseSpan && (to == from || !toks[to].brk && !stop(to)) {
			to++
		}
		return [2]int{from, to}
	}
	// Going back, a relative pronoun refers to the cause before it ("a
	// change which inadvertently caused…").
	stopBack := func(j int) bool {
		t := toks[j]
		return t.flags&fBreakWord != 0 && t.s != "and" && t.s != "or" && t.s != "which"
	}
	back := func(before int) [2]int {
		from := before
		for from > 0 && before-from < maxCauseSpan && !stopBack(from-1) {
			from--
			if toks[from].brk {
				break
			}
		}
		return [2]int{from, before}
	}
	for i := range cues {
		c := &cues[i]
		next := c.pos + 1
		if next < len(toks) {
			switch toks[next].s {
			case "by", "to", "of", "from", "in":
				next++
			}
		}
		if c.after {
			c.cause, c.effect = fwd(next), back(c.pos)
		} else {
			c.cause, c.effect = back(c.pos), fwd(next)
		}
		c.first = -1
	}
}

// adverb reports whether a word looks like an adverb ("inadvertently"),
// which qualifies a cause rather than naming it.
func adverb(w string) bool { return len(w) > 5 && strings.HasSuffix(w, "ly") }

// relativeWords start a relative clause, which describes rather than
// causes: "a change, which cut the pool". ("that" is too ambiguous: "the
// problem was that…".)
var relativeWords = map[string]bool{"which": true, "who": true, "whom": true,
	"whose": true, "where": true}

// spanSkip are words skipped at the start of a cause clause.
var spanSkip = map[string]bool{"was": true, "is": true, "were": true, "are": true, "be": true,
	"been": true, "that": true, "the": true, "a": true, "an": true}

// firstCauses records, for each cue, the first run of non-negated matches
// in its cause clause: the head of the cause ("a configuration change
// that cut the database pool" is a configuration change).
func (st *scoreState) firstCauses(toks []token, hits []hit) {
	for i := range st.cues {
		c := &st.cues[i]
		for _, h := range hits {
			if !h.neg && h.start < c.cause[1] && h.end > c.cause[0] && (c.first < 0 || h.start < c.first) &&
				!adverb(toks[h.start].s) {
				c.first = h.start
			}
		}
		if c.first < 0 {
			continue
		}
		// Matches that touch or overlap the first one belong to the same
		// noun phrase ("a code deployment", "expired TLS certificate").
		c.firstEnd = c.first + 1
		for grown := true; grown; {
			grown = false
			for _, h := range hits {
				if !h.neg && h.start >= c.first && h.start <= c.firstEnd && h.end > c.firstEnd {
					c.firstEnd, grown = h.end, true
				}
			}
		}
	}
}

// side returns the multiplier of a match at toks[start:end]: CauseBoost
// when it is the first match in the cause clause of a causal connective,
// halfway between 1 and CauseBoost when it is a later one, Effect when it
// is in the effect clause or the object of a failing verb, 1 otherwise.
func (st *scoreState) side(toks []token, start, end int) float64 {
	mult := 1.0
	for _, c := range st.cues {
		switch {
		case c.pos >= start && c.pos < end:
			return st.m.sc.CauseBoost // the match is the connective ("root cause")
		case start < c.cause[1] && end > c.cause[0]:
			if start >= c.first && start < c.firstEnd {
				return st.m.sc.CauseBoost
			}
			mult = max(mult, 1)
		case start < c.effect[1] && end > c.effect[0] && mult == 1:
			mult = st.m.sc.Effect
		}
	}
	return mult
}

// negated reports whether the match toks[start:end] is negated by a cue
// before it ("not a DDoS") or after it ("DNS was ruled out").
func negated(toks []token, start, end, window int) bool {
	n := 0
	for j := start - 1; j >= 0; j-- {
		if toks[j+1].brk {
			break
		}
		f := toks[j].flags
		if f&fNeg != 0 {
			return true
		}
		if toks[j].s == "and" && !verbish(toks[j+1:clauseEnd(toks, end)]) {
			continue // "ruled out DNS and the network"
		}
		if f&(fStop|fBreakWord) != 0 {
			break
		}
		if f&fFiller == 0 {
			n++
			if n >= window {
				break
			}
		}
	}
	n = 0
	for j := end; j < len(toks); j++ {
		if toks[j].brk {
			break
		}
		if toks[j].flags&fBreakWord != 0 && (toks[j].s != "and" || verbish(toks[end:j])) {
			break // "DNS and the network were ruled out" goes on
		}
		if toks[j].flags&fPostNeg != 0 {
			return true
		}
		if toks[j].flags&fFiller == 0 {
			n++
			if n > window {
				break
			}
		}
	}
	return false
}

// clauseEnd returns the end of the clause that goes on at toks[from].
func clauseEnd(toks []token, from int) int {
	for from < len(toks) && !toks[from].brk && toks[from].flags&fBreakWord == 0 {
		from++
	}
	return from
}

// verbish reports whether toks hold a word that looks like a verb, which
// makes an "and" join clauses rather than nouns.
func verbish(toks []token) bool {
	for _, t := range toks {
		switch s := t.s; {
		case findingVerbs[s], s == "had", s == "has", s == "have", s == "did", s == "does",
			len(s) > 4 && strings.HasSuffix(s, "ed"):
			return true
		}
	}
	return false
}

// prescriptive reports whether a sentence prescribes rather than
// describes ("Add alerting for certificate expiry", "We should pin the
// chart version"): action items and lessons name fixes, not causes.
func prescriptive(toks []token, kinds uint16) bool {
	if toks[0].flags&wImperative != 0 {
		return true
	}
	if kinds&wModal == 0 {
		return false
	}
	for i := range toks {
		if i >= 12 {
			break
		}
		if toks[i].flags&wModal != 0 {
			return true
		}
	}
	return false
}
