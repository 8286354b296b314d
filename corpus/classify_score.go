package corpus

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file scores a document against a compiled taxonomy: it splits each
// part of the document into sentences, finds the rules each sentence
// matches, drops negated matches and adds up weighted scores.

// Token flags.
const (
	fNeg       = 1 << iota // "not", "no", "never", "n't", "ruled out"…: negates what follows
	fPostNeg               // "unrelated", "ruled out", "not the cause"…: negates what precedes
	fStop                  // ends a negation's scope ("not able to connect to the database")
	fFiller                // does not count towards the negation window ("the", "a")
	fBreakWord             // a conjunction that starts a new clause ("but", "because")
)

// token is one word of a sentence.
type token struct {
	s     string // lower-cased
	start int    // byte offsets in the text being scanned
	end   int
	brk   bool // a clause break (",", ";", "(", " - "…) comes right before it
	flags uint8
}

// sentRule is one rule counted in the current sentence, before the
// sentence's multiplier.
type sentRule struct {
	rule int
	w    float64
}

// hit is one rule match in a sentence, in token positions.
type hit struct {
	rule, part int
	start, end int
	neg, dead  bool
	mult       float64 // cause side (CauseBoost), effect side (Effect) or 1
}

// cue is a causal connective in a sentence: the cause is written after
// it ("caused by", "due to", "root cause was") or before it ("X caused",
// "X led to").
type cue struct {
	pos   int
	after bool
	// cause and effect are the token ranges [from, to) of the clause on
	// each side of the connective.
	cause, effect [2]int
}

// span locates an evidence sentence: texts[text][start:end].
type span struct{ text, start, end int }

// scoreState is the scratch space of one Classify call.
type scoreState struct {
	m     *matcher
	texts []string

	score []float64   // per category, set by finish
	vals  [][]float64 // per category: each supporting sentence's value
	best  []float64   // per category: the best sentence's contribution
	ev    []span      // per category: that sentence

	ruleSent  []int32 // per rule: last sentence it counted in
	ruleSec   []int32 // per rule: text its count belongs to
	ruleCount []int32 // per rule: times counted in that text
	partState []uint8 // per part, this sentence: 0 none, 1 negated, 2 matched
	catSent   []float64
	catTouch  []int

	toks []token
	hits []hit
	cues []cue
	// explain, when non-nil, collects each rule's contribution.
	explain  map[int]*RuleMatch
	sentRule []sentRule
	sentence int32
	active   []int // regex rules whose literals occur in the current text
}

func newScoreState(m *matcher) *scoreState {
	n := len(m.names)
	return &scoreState{
		m:         m,
		score:     make([]float64, n),
		vals:      make([][]float64, n),
		best:      make([]float64, n),
		ev:        make([]span, n),
		catSent:   make([]float64, n),
		ruleSent:  make([]int32, len(m.rules)),
		ruleSec:   make([]int32, len(m.rules)),
		ruleCount: make([]int32, len(m.rules)),
		partState: make([]uint8, len(m.parts)),
	}
}

// reset clears the scores (not the texts, which evidence spans point to).
func (st *scoreState) reset() {
	clear(st.score)
	clear(st.best)
	clear(st.ev)
	for c := range st.vals {
		st.vals[c] = st.vals[c][:0]
	}
}

// finish computes each category's score from its sentences' values, best
// first, each further one counting SentenceDecay times the previous.
func (st *scoreState) finish() {
	for c, vs := range st.vals {
		slices.SortFunc(vs, func(a, b float64) int {
			switch {
			case a > b:
				return -1
			case a < b:
				return 1
			}
			return 0
		})
		sum, f := 0.0, 1.0
		for _, v := range vs {
			sum += v * f
			f *= st.m.sc.SentenceDecay
		}
		st.score[c] = sum
	}
}

// classify is Taxonomy.Classify on the compiled matcher.
func (m *matcher) classify(in ClassifyInput) []Category {
	st := newScoreState(m)
	var out []Category
	present := func(name string) bool {
		return slices.ContainsFunc(out, func(c Category) bool { return c.Name == name })
	}
	var free []string
	for _, d := range in.Declared {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if name, ok := m.aliases[normalizeName(d)]; ok {
			if !present(name) {
				out = append(out, Category{Name: name, Confidence: 1, Evidence: d, Source: SourceFrontmatter})
			}
			continue
		}
		free = append(free, d)
	}
	if len(free) > 0 {
		for _, d := range free {
			st.scan(d, m.sc.Declared)
		}
		st.finish()
		for _, c := range st.ranked() {
			if !present(c.Name) {
				c.Source = SourceFrontmatter
				out = append(out, c)
			}
		}
		st.reset()
	}
	st.scan(in.RootCause, m.sc.RootCause)
	st.scan(in.Headline, m.sc.Headline)
	st.scan(in.Rest, m.sc.Rest)
	st.finish()
	for _, c := range st.ranked() {
		if !present(c.Name) {
			out = append(out, c)
		}
	}
	if len(out) > m.sc.MaxCategories {
		out = out[:m.sc.MaxCategories]
	}
	return out
}

// Explanation is how Classify scored one category from a document's
// text, for people writing or tuning a taxonomy.
type Explanation struct {
	Name  string  `json:"name"`
	Score float64 `json:"score"`
	// Evidence is the sentence that contributed most.
	Evidence string `json:"evidence"`
	// Rules are the rules that matched, highest contribution first.
	Rules []RuleMatch `json:"rules"`
}

// RuleMatch is one rule's contribution to a category's score.
type RuleMatch struct {
	Rule string `json:"rule"`
	// Sentences is the number of sentences it counted in.
	Sentences int `json:"sentences"`
	// Score is what it added, after part weights and repetition decay.
	Score float64 `json:"score"`
}

// Explain scores the document's text (not its declared categories) and
// returns every category with a positive score, highest first, with the
// rules that matched. Classify keeps those reaching the thresholds of
// Scoring.
func (t *Taxonomy) Explain(in ClassifyInput) []Explanation {
	m := t.compiled()
	st := newScoreState(m)
	st.explain = map[int]*RuleMatch{}
	st.scan(in.RootCause, m.sc.RootCause)
	st.scan(in.Headline, m.sc.Headline)
	st.scan(in.Rest, m.sc.Rest)
	st.finish()
	var out []Explanation
	for c, s := range st.score {
		if s <= 0 {
			continue
		}
		e := Explanation{Name: m.names[c], Score: math.Round(s*100) / 100, Evidence: st.evidence(st.ev[c])}
		for rid, rm := range st.explain {
			if m.rules[rid].cat == c {
				r := *rm
				r.Score = math.Round(r.Score*100) / 100
				e.Rules = append(e.Rules, r)
			}
		}
		slices.SortFunc(e.Rules, func(a, b RuleMatch) int {
			if a.Score != b.Score {
				if a.Score > b.Score {
					return -1
				}
				return 1
			}
			return strings.Compare(a.Rule, b.Rule)
		})
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Explanation) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// ranked turns the scores into categories: the best first, then those
// reaching Contributing times its score; all need MinScore.
func (st *scoreState) ranked() []Category {
	sc := st.m.sc
	order := make([]int, 0, len(st.score))
	for c, s := range st.score {
		if s >= sc.MinScore && s > 0 && st.ev[c].end > st.ev[c].start {
			order = append(order, c)
		}
	}
	if len(order) == 0 {
		return nil
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case st.score[a] > st.score[b]:
			return -1
		case st.score[a] < st.score[b]:
			return 1
		}
		return 0
	})
	top := st.score[order[0]]
	second := 0.0
	if len(order) > 1 {
		second = st.score[order[1]]
	}
	var out []Category
	for i, c := range order {
		s := st.score[c]
		if i > 0 && s < sc.Contributing*top {
			break
		}
		if len(out) == sc.MaxCategories {
			break
		}
		other := top
		if i == 0 {
			other = second
		}
		strength := 1 - math.Exp(-s/sc.Saturation)
		conf := math.Round(100*strength*s/(s+other)) / 100
		out = append(out, Category{
			Name:       st.m.names[c],
			Confidence: max(conf, 0.01),
			Evidence:   st.evidence(st.ev[c]),
			Source:     SourceRules,
		})
	}
	return out
}

// evidence returns the sentence at sp, cleaned for display.
func (st *scoreState) evidence(sp span) string {
	return cleanSentence(st.texts[sp.text][sp.start:sp.end])
}

// maxEvidence caps the length of an evidence sentence, in runes.
const maxEvidence = 320

// cleanSentence strips list and table markup from a sentence, collapses
// white space and shortens it to maxEvidence runes.
func cleanSentence(s string) string {
	s = strings.TrimLeft(s, " \t\r\n-*+•#>|")
	s = strings.TrimRight(s, " \t\r\n|")
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		if n >= maxEvidence {
			return strings.TrimSpace(b.String()) + "…"
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// scan scores one text with the given weight.
func (st *scoreState) scan(text string, weight float64) {
	if strings.TrimSpace(text) == "" || weight <= 0 {
		return
	}
	idx := len(st.texts)
	st.texts = append(st.texts, text)
	lower := lowerSameLen(text)
	st.active = st.active[:0]
	for _, id := range st.m.regexes {
		if lits := st.m.rules[id].lits; lits == nil || containsAny(lower, lits) {
			st.active = append(st.active, id)
		}
	}
	sentenceSpans(text, func(start, end int) {
		st.scoreSentence(idx, lower, start, end, weight)
	})
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// scoreSentence finds the rules lower[start:end] matches and adds the
// sentence's scores.
func (st *scoreState) scoreSentence(text int, lower string, start, end int, weight float64) {
	m := st.m
	st.toks = tokenize(lower, start, end, st.toks[:0])
	toks := st.toks
	if len(toks) == 0 {
		return
	}
	st.cues = markCues(toks, st.cues[:0])
	clauseSpans(toks, st.cues)
	st.sentence++

	// Phrase matches.
	hits := st.hits[:0]
	for i := range toks {
		for _, pid := range m.index[indexKey(toks[i].s)] {
			p := &m.parts[pid]
			if len(p.words) > len(toks)-i {
				continue
			}
			ok := true
			for k, w := range p.words {
				if !w.match(toks[i+k].s) {
					ok = false
					break
				}
			}
			if ok {
				hits = append(hits, hit{rule: p.rule, part: int(pid), start: i, end: i + len(p.words)})
			}
		}
	}
	// Regular expressions.
	if len(st.active) > 0 {
		sent := lower[start:end]
		for _, id := range st.active {
			r := &m.rules[id]
			if r.lits != nil && !containsAny(sent, r.lits) {
				continue
			}
			for _, loc := range r.re.FindAllStringIndex(sent, 4) {
				ts := tokenAt(toks, start+loc[0])
				te := tokenAt(toks, start+loc[1])
				if te <= ts {
					te = ts + 1
				}
				if ts >= len(toks) {
					continue
				}
				hits = append(hits, hit{rule: id, part: -1, start: ts, end: min(te, len(toks))})
			}
		}
	}
	st.hits = hits
	if len(hits) == 0 {
		return
	}
	for i := range hits {
		hits[i].neg = negated(toks, hits[i].start, hits[i].end, m.sc.NegationWindow)
	}
	// A match inside a longer match of the same category does not count
	// on its own ("memory limit" inside "no memory limit").
	for i := range hits {
		hi := &hits[i]
		ri := &m.rules[hi.rule]
		if ri.kind == kindAll {
			continue
		}
		for j := range hits {
			hj := &hits[j]
			rj := &m.rules[hj.rule]
			if i == j || rj.kind == kindAll || rj.cat != ri.cat || hj.dead {
				continue
			}
			if hj.start <= hi.start && hi.end <= hj.end {
				if hj.end-hj.start > hi.end-hi.start || rj.weight > ri.weight || rj.weight == ri.weight && j < i {
					hi.dead = true
					break
				}
			}
		}
	}

	for i := range hits {
		hits[i].mult = st.side(hits[i].start, hits[i].end)
	}
	touched := st.catTouch[:0]
	count := func(rid int, mult float64) {
		if st.ruleSent[rid] == st.sentence {
			return
		}
		st.ruleSent[rid] = st.sentence
		r := &m.rules[rid]
		if st.ruleSec[rid] != int32(text)+1 {
			st.ruleSec[rid] = int32(text) + 1
			st.ruleCount[rid] = 0
		}
		w := r.weight
		if w > 0 {
			w *= math.Pow(m.sc.Repeat, float64(st.ruleCount[rid])) * mult
			st.ruleCount[rid]++
		}
		if st.explain != nil {
			st.sentRule = append(st.sentRule, sentRule{rid, w})
		}
		if st.catSent[r.cat] == 0 && !slices.Contains(touched, r.cat) {
			touched = append(touched, r.cat)
		}
		st.catSent[r.cat] += w
	}
	// A rule matched on both sides of "caused by" counts once, on the
	// cause side.
	if len(st.cues) > 0 {
		slices.SortStableFunc(hits, func(a, b hit) int {
			switch {
			case a.mult > b.mult:
				return -1
			case a.mult < b.mult:
				return 1
			}
			return 0
		})
	}
	// Co-occurrence rules: every phrase must match, not negated.
	hasAll := false
	for _, h := range hits {
		if m.rules[h.rule].kind == kindAll {
			hasAll = true
			s := uint8(2)
			if h.neg {
				s = 1
			}
			st.partState[h.part] = max(st.partState[h.part], s)
		}
	}
	if hasAll {
		for _, h := range hits {
			r := &m.rules[h.rule]
			if r.kind != kindAll || h.neg || st.ruleSent[h.rule] == st.sentence {
				continue
			}
			ok := true
			for _, g := range r.groups {
				if !slices.ContainsFunc(g, func(p int) bool { return st.partState[p] == 2 }) {
					ok = false
					break
				}
			}
			if ok {
				count(h.rule, h.mult)
			}
		}
		for _, h := range hits {
			if h.part >= 0 {
				st.partState[h.part] = 0
			}
		}
	}
	for _, h := range hits {
		if !h.neg && !h.dead && m.rules[h.rule].kind != kindAll {
			count(h.rule, h.mult)
		}
	}
	mult := weight
	if prescriptive(toks) || len(st.cues) == 0 && remedial(toks) {
		mult *= m.sc.Prescriptive
	}
	if st.explain != nil {
		for _, sr := range st.sentRule {
			rm := st.explain[sr.rule]
			if rm == nil {
				rm = &RuleMatch{Rule: m.rules[sr.rule].desc}
				st.explain[sr.rule] = rm
			}
			rm.Sentences++
			rm.Score += sr.w * mult
		}
		st.sentRule = st.sentRule[:0]
	}
	for _, c := range touched {
		v := max(st.catSent[c], 0) * mult
		st.catSent[c] = 0
		if v <= 0 {
			continue
		}
		st.vals[c] = append(st.vals[c], v)
		if v > st.best[c] {
			st.best[c] = v
			st.ev[c] = span{text: text, start: start, end: end}
		}
	}
	st.catTouch = touched
}

// tokenAt returns the index of the first token starting at or after
// offset off.
func tokenAt(toks []token, off int) int {
	i, _ := slices.BinarySearchFunc(toks, off, func(t token, off int) int {
		switch {
		case t.end <= off:
			return -1
		case t.start > off:
			return 1
		}
		return 0
	})
	return i
}

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
			for i < end && !isSpaceByte(lower[i]) && lower[i] != ')' && lower[i] != ']' && lower[i] != '>' && lower[i] != '"' {
				i++
			}
			brk = true
			continue
		case isWordRune(r):
			if ws < 0 {
				ws = i
			}
		case isApostrophe(r) && ws >= 0 && i+size < end:
			if n, _ := utf8.DecodeRuneInString(lower[i+size : end]); !isWordRune(n) {
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

// Word lists for markCues.
var (
	negWords = map[string]bool{"not": true, "no": true, "never": true, "cannot": true, "nor": true,
		"neither": true, "none": true, "nothing": true, "unlike": true}
	postNegWords = map[string]bool{"unrelated": true, "healthy": true, "fine": true, "innocent": true}
	// causeNouns follow "not the" in "X was not the cause".
	causeNouns = map[string]bool{"cause": true, "culprit": true, "issue": true, "problem": true,
		"reason": true, "trigger": true, "factor": true, "involved": true, "responsible": true,
		"related": true, "relevant": true, "implicated": true, "affected": true, "blame": true,
		"fault": true, "source": true, "impacted": true, "at": true, "to": true}
	causeSkip = map[string]bool{"the": true, "a": true, "an": true, "root": true, "main": true,
		"primary": true, "underlying": true, "contributing": true, "direct": true, "actual": true,
		"real": true, "be": true, "been": true, "likely": true}
	fillerWords = map[string]bool{"the": true, "a": true, "an": true, "any": true, "some": true,
		"this": true, "these": true, "those": true, "our": true, "their": true, "its": true,
		"by": true, "of": true, "to": true, "in": true, "on": true, "with": true, "from": true,
		"be": true, "been": true, "being": true, "is": true, "was": true, "were": true, "are": true,
		"caused": true, "related": true, "due": true, "signs": true, "sign": true, "evidence": true,
		"indication": true, "indications": true}
	breakWords = map[string]bool{"but": true, "however": true, "although": true, "though": true,
		"whereas": true, "because": true, "since": true, "and": true, "so": true, "which": true,
		"while": true, "yet": true, "instead": true, "then": true, "after": true, "when": true,
		"until": true, "once": true, "before": true, "as": true}
	// stopWords end a negation's scope: "could not connect to the
	// database" says nothing against the database.
	stopWords = map[string]bool{"able": true, "enough": true, "sufficient": true, "get": true,
		"got": true, "longer": true, "only": true, "just": true, "sure": true, "clear": true}
	stopPrefixes = []string{"connect", "reach", "start", "access", "load", "respond", "serve",
		"work", "run", "creat", "schedul", "talk", "communicat", "send", "receiv", "pull",
		"writ", "read", "complet", "resolv", "detect", "notic",
		"know", "aware", "handl", "process", "fetch", "launch", "spawn", "boot", "recover", "reply",
		"return", "renew", "updat", "upgrad", "deploy", "releas", "roll", "restart", "scale"}
)

// markCues sets the flags of toks and appends the sentence's causal
// connectives to cues.
func markCues(toks []token, cues []cue) []cue {
	at := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].s
	}
	for i := range toks {
		t := &toks[i]
		s := t.s
		switch s {
		case "caused":
			cues = append(cues, cue{pos: i, after: at(i+1) == "by"})
		case "causing", "led", "leading":
			cues = append(cues, cue{pos: i, after: false})
		case "because", "due", "stemmed", "stems", "attributed", "originated":
			cues = append(cues, cue{pos: i, after: true})
		case "triggered", "introduced", "resulted", "resulting":
			switch at(i + 1) {
			case "by", "from":
				cues = append(cues, cue{pos: i, after: true})
			case "in":
				cues = append(cues, cue{pos: i, after: false})
			default:
				if s == "triggered" {
					cues = append(cues, cue{pos: i, after: false})
				}
			}
		case "result":
			if at(i+1) == "of" {
				cues = append(cues, cue{pos: i, after: true})
			}
		case "cause", "causes", "culprit", "reason":
			// "the root cause was X" / "X was the root cause".
			p := i - 1
			if at(p) == "root" || at(p) == "main" || at(p) == "underlying" || at(p) == "primary" {
				p--
			}
			if at(p) == "the" || at(p) == "a" {
				p--
			}
			before := at(p) == "was" || at(p) == "is" || at(p) == "were" || at(p) == "be"
			if s != "reason" || at(i-1) == "the" || at(i+1) == "was" || at(i+1) == "is" {
				cues = append(cues, cue{pos: i, after: !before})
			}
		}
		neg := negWords[s] || strings.HasSuffix(s, "n't") || strings.HasSuffix(s, "n’t")
		if neg {
			switch at(i + 1) {
			case "only", "just", "until", "longer", "yet", "sure", "clear", "always", "even", "enough":
				neg = false
			}
		}
		switch s {
		case "out":
			if p := at(i - 1); p == "ruled" || p == "rule" || p == "rules" || p == "ruling" {
				neg = true
				toks[i-1].flags |= fPostNeg
			}
		case "than":
			if p := at(i - 1); p == "rather" || p == "other" {
				neg = true
			}
		case "of":
			neg = neg || at(i-1) == "instead"
		case "to":
			neg = neg || at(i-1) == "opposed" || at(i-2) == "nothing" && at(i-1) == "do"
		}
		if neg {
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
		if postNegWords[s] {
			t.flags |= fPostNeg
		}
		if fillerWords[s] {
			t.flags |= fFiller
		}
		if breakWords[s] {
			t.flags |= fBreakWord
		}
		if stopWords[s] {
			t.flags |= fStop
		} else if len(s) >= 3 {
			for _, p := range stopPrefixes {
				if strings.HasPrefix(s, p) {
					t.flags |= fStop
					break
				}
			}
		}
	}
	return cues
}

// Word lists for prescriptive.
var (
	imperativeWords = map[string]bool{"add": true, "document": true, "create": true,
		"investigate": true, "ensure": true, "improve": true, "implement": true,
		"consider": true, "set": true, "make": true, "write": true, "move": true,
		"automate": true, "introduce": true, "establish": true, "define": true,
		"explore": true, "evaluate": true, "assess": true, "research": true,
		"discuss": true, "plan": true, "setup": true, "publish": true, "notify": true,
		"train": true, "audit": true, "verify": true, "validate": true, "refactor": true,
		"extend": true, "track": true, "prevent": true, "avoid": true, "look": true,
		"figure": true, "find": true, "increase": true, "reduce": true, "restrict": true,
		"require": true, "enforce": true, "schedule": true, "migrate": true, "pin": true,
		"replace": true, "switch": true, "separate": true, "split": true, "clean": true,
		"todo": true, "enhance": true, "review": true, "monitor": true, "alert": true,
		"test": true, "configure": true, "use": true, "check": true, "keep": true,
		"store": true, "rotate": true, "limit": true, "block": true, "allow": true}
	modalWords = map[string]bool{"should": true, "will": true, "must": true, "need": true,
		"needs": true, "going": true, "plan": true, "planning": true, "todo": true, "shall": true,
		"would": true, "ought": true, "intend": true, "want": true}
)

// prescriptive reports whether a sentence prescribes rather than
// describes ("Add alerting for certificate expiry", "We should pin the
// chart version"): action items and lessons name fixes, not causes.
func prescriptive(toks []token) bool {
	if imperativeWords[toks[0].s] {
		return true
	}
	for i := range toks {
		if i >= 12 {
			break
		}
		if modalWords[toks[i].s] {
			return true
		}
	}
	return false
}

// maxCauseSpan is how many words on each side of a causal connective
// count as its cause or effect.
const maxCauseSpan = 12

// clauseSpans sets the cause and effect ranges of the cues of toks.
func clauseSpans(toks []token, cues []cue) {
	stop := func(j int) bool {
		return toks[j].brk || toks[j].flags&fBreakWord != 0 && toks[j].s != "and" && toks[j].s != "or"
	}
	fwd := func(from int) [2]int {
		to := from
		for to < len(toks) && to-from < maxCauseSpan && (to == from || !stop(to)) {
			to++
		}
		return [2]int{from, to}
	}
	back := func(before int) [2]int {
		from := before
		for from > 0 && before-from < maxCauseSpan && !stop(from) {
			from--
		}
		if from < before && stop(from) && toks[from].flags&fBreakWord != 0 {
			from++
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
	}
}

// remedyWords mark sentences about the response ("the fix was rolled
// out", "mitigated by scaling up"); without a causal connective they
// describe the remedy, not the cause.
var remedyWords = map[string]bool{"fix": true, "fixed": true, "fixes": true, "fixing": true,
	"hotfix": true, "workaround": true, "mitigate": true, "mitigated": true, "mitigation": true,
	"remediate": true, "remediated": true, "remediation": true, "restored": true, "restore": true,
	"recovered": true, "recovery": true, "resolved": true, "resolution": true,
	"rectified": true, "repaired": true}

// remedial reports whether a sentence talks about the response.
func remedial(toks []token) bool {
	for i := range toks {
		if remedyWords[toks[i].s] {
			return true
		}
	}
	return false
}

// side returns the multiplier of a match at toks[start:end]: CauseBoost
// when it is in the cause clause of a causal connective, Effect when it is
// in the effect clause, 1 otherwise.
func (st *scoreState) side(start, end int) float64 {
	mult := 1.0
	for _, c := range st.cues {
		switch {
		case start < c.cause[1] && end > c.cause[0], c.pos >= start && c.pos < end:
			return st.m.sc.CauseBoost
		case start < c.effect[1] && end > c.effect[0]:
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
		if toks[j].brk || toks[j].flags&fBreakWord != 0 {
			break
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

// sentenceSpans calls fn with the byte range of every sentence of text.
// Sentences end at ".", "!" or "?" followed by a space, at blank lines,
// before list items, table rows and headings, and after short heading-like
// lines; other line breaks (hard-wrapped prose) do not end a sentence.
func sentenceSpans(text string, fn func(start, end int)) {
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if s < e {
			fn(s, e)
		}
		start = end
	}
	lineStart := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			line := strings.TrimSpace(text[lineStart:i])
			rest := text[i+1:]
			if k := strings.IndexByte(rest, '\n'); k >= 0 {
				rest = rest[:k]
			}
			next := strings.TrimSpace(rest)
			if line == "" || next == "" || startsBlock(next) || startsBlock(line) ||
				strings.HasSuffix(line, ":") || headingLike(line, next) {
				emit(i + 1)
			}
			lineStart = i + 1
		case '.', '!', '?':
			if i+1 < len(text) && !isSpaceByte(text[i+1]) {
				continue
			}
			if c == '.' {
				if abbreviation(text[lineStart:i]) {
					continue
				}
				j := i + 1
				for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
					j++
				}
				if j < len(text) && 'a' <= text[j] && text[j] <= 'z' {
					continue
				}
			}
			emit(i + 1)
		}
	}
	emit(len(text))
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startsBlock reports whether a trimmed line starts a list item, table
// row, heading or quote.
func startsBlock(line string) bool {
	switch line[0] {
	case '#', '|', '>':
		return true
	case '-', '*', '+':
		return len(line) > 1 && line[1] == ' '
	}
	if strings.HasPrefix(line, "•") {
		return true
	}
	i := 0
	for i < len(line) && i < 3 && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// headingLike reports whether line looks like a heading of its own: short,
// capitalised, without final punctuation, followed by a capitalised line.
func headingLike(line, next string) bool {
	if len(line) > 60 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	n, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsUpper(r) || unicode.IsDigit(r)) && (unicode.IsUpper(n) || unicode.IsDigit(n))
}

// abbreviation reports whether the text before a "." ends with an
// abbreviation or an initial ("e.g", "vs", "J").
func abbreviation(before string) bool {
	i := len(before)
	for i > 0 {
		c := before[i-1]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			break
		}
		i--
	}
	w := strings.ToLower(before[i:])
	switch w {
	case "eg", "ie", "etc", "vs", "approx", "inc", "ltd", "mr", "mrs", "ms", "dr", "st", "cf", "al", "fig", "no":
		return true
	}
	return len(w) == 1
}
