package corpus

import (
	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
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
	fVerb                   // a verb of failure symptoms ("connect", "access", "start")
	fSymptom                // the object of a failing verb ("could not reach the API")
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
	st.scan(in.RootCause, m.sc.RootCause, m.sc.Lead)
	st.scan(in.Title, m.sc.Title, 0)
	st.scan(in.Headline, m.sc.Headline, 0)
	st.scan(in.Rest, m.sc.Rest, 0)
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

	// Phrase matches.
	hits := st.hits[:0]
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
	// Regular expressions, matched on the whole text by scan.
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

	st.firstCauses(toks, hits)
	for i := range hits {
		hits[i].mult = st.side(toks, hits[i].start, hits[i].end)
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
	if prescriptive(toks, kinds) || len(st.cues) == 0 && kinds&wRemedy != 0 {
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
	return true
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
	add(wPostNeg, "unrelated healthy fine innocent")
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
		switch s {
		case "caused":
			cues = append(cues, cue{pos: i, after: at(i+1) == "by"})
		case "causing", "led", "leading", "leads":
			cues = append(cues, cue{pos: i, after: false})
		case "because", "due", "stemmed", "stems", "attributed", "originated":
			cues = append(cues, cue{pos: i, after: true})
		case "triggered", "introduced", "resulted", "resulting":
			if p := at(i - 1); s == "triggered" && (strings.HasPrefix(p, "alert") || strings.HasPrefix(p, "alarm") ||
				p == "page" || p == "pages" || p == "pager" || p == "notification" || p == "warning" || p == "check") {
				break // "an alert triggered": detection, not causation
			}
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
		case "factor", "contributor":
			// "X was the biggest factor", "the main factor was X".
			p := i - 1
			if m := at(p); m == "biggest" || m == "main" || m == "largest" || m == "primary" || m == "key" || m == "major" || m == "single" {
				if at(i+1) == "was" || at(i+1) == "is" {
					cues = append(cues, cue{pos: i, after: true})
				} else {
					cues = append(cues, cue{pos: i, after: false})
				}
			}
		case "problem", "issue":
			// "The problem was that…"
			if at(i-1) == "the" && (at(i+1) == "was" || at(i+1) == "is") {
				cues = append(cues, cue{pos: i, after: true})
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
		if strings.HasSuffix(s, "n't") || strings.HasSuffix(s, "n’t") {
			k |= wNeg
		}
		if k&wNeg != 0 && (s == "not" || s == "no" || s == "never" || k&fFiller == 0) {
			switch at(i + 1) {
			case "only", "just", "until", "longer", "yet", "sure", "clear", "always", "even", "enough":
				k &^= wNeg
			}
		}
		if k&wNeg != 0 && i == 0 && s == "no" {
			// "No lifecycle management of X" opens a list item stating
			// what was missing: an absence, not a denial ("No evidence
			// of X" still denies).
			switch at(1) {
			case "evidence", "sign", "signs", "indication", "indications", "one":
			default:
				if !hasFindingVerb(toks) {
					k &^= wNeg
				}
			}
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
					t.flags |= fStop | fVerb
					break
				}
			}
		}
		kinds |= t.flags
	}
	markSymptoms(toks)
	return cues, kinds
}

// findingVerbs make a sentence opening with "No" a denial ("No DNS
// errors were found") rather than a statement of what was missing ("No
// alerting on queue depth").
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

// markSymptoms flags the objects of failing verbs: in "pods could not
// connect to the database" and "unable to reach the API" the database and
// the API are what failed, not why.
func markSymptoms(toks []token) {
	for i := range toks {
		switch s := toks[i].s; {
		case toks[i].flags&fNeg != 0, s == "unable", s == "failed", s == "failing", s == "fails":
		default:
			continue
		}
		j := i + 1
		for n := 0; j < len(toks) && n < 3 && toks[j].flags&fVerb == 0; n++ {
			j++
		}
		if j >= len(toks) || toks[j].flags&fVerb == 0 {
			continue
		}
		for k := j + 1; k < len(toks) && k <= j+8; k++ {
			if toks[k].brk || toks[k].flags&fBreakWord != 0 || relativeWords[toks[k].s] {
				break
			}
			toks[k].flags |= fSymptom
		}
	}
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
	if toks[start].flags&fSymptom != 0 {
		return st.m.sc.Effect
	}
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
