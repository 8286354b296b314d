package corpus

import (
	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
	"math"
	"slices"
	"strings"
)

// This file scores a document against a compiled taxonomy: it splits each
// part of the document into sentences, finds the rules each sentence
// matches, drops negated matches and adds up weighted scores.

// Token flags (token.flags) and word kinds (wordKinds).
const (
	fNeg        = 1 << iota // "not", "no", "never", "n't", "ruled out"…: negates what follows
	fPostNeg                // "unrelated", "ruled out", "not the cause"…: negates what precedes
	fStop                   // ends a negation's scope ("not able to connect to the database")
	fFiller                 // does not count towards the negation window ("the", "a")
	fBreakWord              // a conjunction that starts a new clause ("but", "because")
	wImperative             // starts an instruction ("add", "document")
	wModal                  // "should", "will", "must"…
	wRemedy                 // "fixed", "mitigated", "restored"…
	wNeg                    // "not", "no", "never"…
	wPostNeg                // "unrelated", "healthy", "fine"
	wStop                   // ends a negation's scope
)

// token is one word of a sentence.
type token struct {
	s     string // lower-cased
	start int    // byte offsets in the text being scanned
	end   int
	brk   bool // a clause break (",", ";", "(", " - "…) comes right before it
	flags uint16
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
	// first and firstEnd delimit the first run of matches in the cause
	// clause: the head of the cause. first is -1 when there is none.
	first, firstEnd int
}

// reMatch is one regular-expression match in a text, in bytes.
type reMatch struct{ rule, start, end int }

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
	// reMatches are the regular-expression matches in the current text,
	// by start; reNext is the first not yet given to a sentence.
	reMatches []reMatch
	reNext    int
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
			st.scan(d, m.sc.Declared, 0)
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
	var found []Category
	if m.model != nil {
		found = m.predict(in)
	} else {
		st.scan(in.RootCause, m.sc.RootCause, m.sc.Lead)
		st.scan(in.Title, m.sc.Title, 0)
		st.scan(in.Headline, m.sc.Headline, 0)
		st.scan(in.Rest, m.sc.Rest, 0)
		st.finish()
		found = st.ranked()
	}
	for _, c := range found {
		if !present(c.Name) {
			out = append(out, c)
		}
	}
	if len(out) > m.sc.MaxCategories {
		out = out[:m.sc.MaxCategories]
	}
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
			Name: st.m.names[c],
			// 1 is kept for categories a document declares itself.
			Confidence: min(max(conf, 0.01), 0.99),
			Evidence:   st.evidence(st.ev[c]),
			Source:     SourceRules,
		})
	}
	return out
}

// evidence returns the sentence at sp, cleaned for display.
func (st *scoreState) evidence(sp span) string {
	return prose.Clean(st.texts[sp.text][sp.start:sp.end])
}

// scan scores one text with the given weight; when lead > 0 the first
// sentence that has words counts lead times more (root-cause sections
// open with their thesis).
func (st *scoreState) scan(text string, weight, lead float64) {
	if strings.TrimSpace(text) == "" || weight <= 0 {
		return
	}
	idx := len(st.texts)
	st.texts = append(st.texts, text)
	lower := prose.LowerSameLen(text)
	st.reMatches, st.reNext = st.reMatches[:0], 0
	for _, id := range st.m.regexes {
		r := &st.m.rules[id]
		if r.lits != nil && !containsAny(lower, r.lits) {
			continue
		}
		for _, loc := range r.re.FindAllStringIndex(lower, 64) {
			st.reMatches = append(st.reMatches, reMatch{rule: id, start: loc[0], end: loc[1]})
		}
	}
	slices.SortFunc(st.reMatches, func(a, b reMatch) int { return a.start - b.start })
	first := lead > 0
	prose.Sentences(text, func(start, end int) {
		w := weight
		if first {
			w *= lead
		}
		if st.scoreSentence(idx, lower, start, end, w) {
			first = false
		}
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
func (st *scoreState) scoreSentence(text int, lower string, start, end int, weight float64) bool {
	m := st.m
	st.toks = tokenize(lower, start, end, st.toks[:0])
	toks := st.toks
	if len(toks) == 0 {
		return false
	}
	st.sentence++

	hits := st.phraseHits(toks, st.hits[:0])
	hits = st.regexHits(toks, start, end, hits)
	st.hits = hits
	if len(hits) == 0 {
		return true
	}
	var kinds uint16
	st.cues, kinds = markCues(toks, st.cues[:0])
	clauseSpans(toks, st.cues)
	for i := range hits {
		hits[i].neg = negated(toks, hits[i].start, hits[i].end, m.sc.NegationWindow)
	}
	m.markDead(hits)

	st.firstCauses(toks, hits)
	for i := range hits {
		hits[i].mult = st.side(toks, hits[i].start, hits[i].end)
	}
	st.catTouch = st.catTouch[:0]
	count := func(rid int, mult float64) { st.count(text, rid, mult) }
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
	st.countAll(hits, count)
	for _, h := range hits {
		if !h.neg && !h.dead && m.rules[h.rule].kind != kindAll {
			count(h.rule, h.mult)
		}
	}
	mult := weight
	if prescriptive(toks, kinds) || len(st.cues) == 0 && kinds&wRemedy != 0 {
		mult *= m.sc.Prescriptive
	}
	st.explainSentence(mult)
	for _, c := range st.catTouch {
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
	return true
}

// phraseHits appends the phrase matches of toks to hits.
func (st *scoreState) phraseHits(toks []token, hits []hit) []hit {
	m := st.m
	for i := range toks {
		ents := m.index.lookup(toks[i].s)
		for e := range ents {
			if !ents[e].alt.match(toks[i].s) {
				continue
			}
			for _, pid := range ents[e].parts {
				p := &m.parts[pid]
				if len(p.words) > len(toks)-i {
					continue
				}
				ok := true
				for k := 1; k < len(p.words); k++ {
					if !p.words[k].match(toks[i+k].s) {
						ok = false
						break
					}
				}
				if ok && !slices.ContainsFunc(hits, func(h hit) bool { return h.part == int(pid) && h.start == i }) {
					hits = append(hits, hit{rule: p.rule, part: int(pid), start: i, end: i + len(p.words)})
				}
			}
		}
	}
	return hits
}

// regexHits appends the regular-expression matches (found on the whole
// text by scan) that start in the sentence [start, end) to hits.
func (st *scoreState) regexHits(toks []token, start, end int, hits []hit) []hit {
	for st.reNext < len(st.reMatches) && st.reMatches[st.reNext].start < end {
		rm := st.reMatches[st.reNext]
		st.reNext++
		if rm.start < start {
			continue
		}
		ts := tokenAt(toks, rm.start)
		te := tokenAt(toks, min(rm.end, end))
		if te <= ts {
			te = ts + 1
		}
		if ts >= len(toks) {
			continue
		}
		hits = append(hits, hit{rule: rm.rule, part: -1, start: ts, end: min(te, len(toks))})
	}
	return hits
}

// markDead marks matches inside a longer (or heavier) match of the same
// category, which do not count on their own ("memory limit" inside "no
// memory limit").
func (m *matcher) markDead(hits []hit) {
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
}

// count adds rule rid, matched with multiplier mult, to the current
// sentence of text: once per sentence, each further sentence of the same
// text counting Repeat times less.
func (st *scoreState) count(text, rid int, mult float64) {
	m := st.m
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
	if st.catSent[r.cat] == 0 && !slices.Contains(st.catTouch, r.cat) {
		st.catTouch = append(st.catTouch, r.cat)
	}
	st.catSent[r.cat] += w
}

// countAll counts the co-occurrence rules of which every phrase matched,
// not negated.
func (st *scoreState) countAll(hits []hit, count func(rid int, mult float64)) {
	m := st.m
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
	if !hasAll {
		return
	}
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

// explainSentence adds the current sentence's rules to the explanation,
// when one is being collected.
func (st *scoreState) explainSentence(mult float64) {
	if st.explain == nil {
		return
	}
	for _, sr := range st.sentRule {
		rm := st.explain[sr.rule]
		if rm == nil {
			rm = &RuleMatch{Rule: st.m.rules[sr.rule].desc}
			st.explain[sr.rule] = rm
		}
		rm.Sentences++
		rm.Score += sr.w * mult
	}
	st.sentRule = st.sentRule[:0]
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
