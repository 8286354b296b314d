package index

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// textConcept is one thing a query asks for: a word, or a synonym group
// (any of its terms).
type textConcept struct {
	terms []synTerm
	boost float64
}

// fieldBoost is a text field and how much a match in it counts.
type fieldBoost struct {
	field string
	boost float64
}

// phraseScoreFields are where multi-word synonyms are scored: phrase
// searches cost a position check per candidate, and short fields say most.
var phraseScoreFields = []fieldBoost{{fTitle, 2.0}}

// scoreFields are where words and one-word synonyms are scored on top of
// _text.
var scoreFields = []fieldBoost{{fTitle, 2.0}, {fRootCause, 1.5}, {fSummary, 0.8}}

// buildQuery turns a parsed query into a bleve query; hasText is false
// when it has no words or phrases (a pure filter or empty query).
//
// Words are matched strictly (about two thirds of them must occur) unless
// relaxed, when one is enough; strict reports whether relaxing would
// change the query.
func (ix *Index) buildQuery(pq *parsedQuery, relaxed bool) (q query.Query, hasText, strict bool) {
	var must, should, mustNot []query.Query
	if pq.Filter != nil {
		must = append(must, pq.Filter)
	}
	words := strings.Join(pq.Words, " ")
	toks := analyze(ix.analyzer, words)
	if len(toks) > maxQueryTokens {
		toks = toks[:maxQueryTokens]
	}
	if len(toks) > 0 {
		hasText = true
		matches := ix.syn.match(toks)
		// Matching: most words (or a synonym of each) somewhere in the
		// document, looked up in _text, one posting list per word.
		slots := ix.textSlots(toks, matches)
		need := len(slots)
		if relaxed {
			need = 1
		} else if len(slots) > 2 {
			need = (2*len(slots) + 2) / 3
		}
		match := atLeast(slots, need)
		// Or the query names the incident's category.
		anyOf := []query.Query{match}
		named := categoriesFor(ix.catHints, toks)
		for cat, w := range named {
			anyOf = append(anyOf, categoryBoost(cat, w))
		}
		must = append(must, atLeast(anyOf, 1))
		strict = need > 1
		// Scoring: BM25 per field with the field boosts, for the words
		// and every synonym of them; evaluated on matching documents only.
		var concepts []textConcept
		for _, t := range toks {
			concepts = append(concepts, textConcept{terms: []synTerm{{raw: t, tokens: []string{t}}}, boost: 1})
		}
		for _, m := range matches {
			concepts = append(concepts, textConcept{terms: ix.syn.alternatives(m), boost: 0.8})
		}
		var dis []query.Query
		for _, c := range concepts {
			dis = append(dis, ix.conceptQuery(c))
		}
		should = append(should, query.NewDisjunctionQuery(dis))
		// And the named causes' other words, where an incident states
		// its cause: these do not depend on the root-cause tags.
		if v := ix.causeVocabulary(named); v != nil {
			should = append(should, v)
		}
	}
	for _, ph := range pq.Phrases {
		ptoks := analyze(ix.analyzer, ph)
		if len(ptoks) == 0 {
			continue
		}
		hasText = true
		must = append(must, ix.phraseQuery(ph, ptoks, 1, fieldBoosts))
	}
	for _, ex := range pq.Excluded {
		etoks := analyze(ix.analyzer, ex)
		switch len(etoks) {
		case 0:
		case 1:
			mustNot = append(mustNot, textTerm(etoks[0]))
		default:
			mustNot = append(mustNot, ix.phraseQuery(ex, etoks, 1, fieldBoosts))
		}
	}
	if len(must) == 0 && len(should) == 0 {
		must = append(must, query.NewMatchAllQuery())
	}
	return query.NewBooleanQuery(must, should, mustNot), hasText, strict
}

// textSlots returns one matching query per word of a query, or per run of
// words that a synonym group matched: the words themselves or any of
// their synonyms, in _text. A multi-word term matches when all its words
// occur (positions are not indexed in _text; the scoring phrases prefer
// documents where they are adjacent).
func (ix *Index) textSlots(toks []string, matches []synMatch) []query.Query {
	var slots []query.Query
	i := 0
	for _, m := range matches {
		for ; i < m.start; i++ {
			slots = append(slots, textTerm(toks[i]))
		}
		// The query's own words are one of the group's terms.
		var alts []query.Query
		for _, t := range ix.syn.alternatives(m) {
			alts = append(alts, textAll(t.tokens))
		}
		slots = append(slots, atLeast(alts, 1))
		i = m.end
	}
	for ; i < len(toks); i++ {
		slots = append(slots, textTerm(toks[i]))
	}
	return slots
}

// textTerm matches a term anywhere in a document; its BM25 score over the
// whole document is the base the per-field clauses add to.
func textTerm(tok string) query.Query {
	q := query.NewTermQuery(tok)
	q.SetField(fText)
	q.SetBoost(1)
	return q
}

// textAll matches documents holding all of toks.
func textAll(toks []string) query.Query {
	if len(toks) == 1 {
		return textTerm(toks[0])
	}
	var qs []query.Query
	for _, t := range toks {
		qs = append(qs, textTerm(t))
	}
	return query.NewConjunctionQuery(qs)
}

// atLeast matches documents that match need of qs.
func atLeast(qs []query.Query, need int) query.Query {
	switch {
	case len(qs) == 1:
		return qs[0]
	case need >= len(qs):
		return query.NewConjunctionQuery(qs)
	}
	d := query.NewDisjunctionQuery(qs)
	d.SetMin(float64(need))
	return d
}

// maxQueryTokens bounds how many analysed words of a query count, so a
// 10 KB query never expands into an unbounded bleve query.
const maxQueryTokens = 32

// conceptQuery scores any term of the concept: words in scoreFields,
// multi-word terms as phrases in phraseScoreFields.
func (ix *Index) conceptQuery(c textConcept) query.Query {
	var dis []query.Query
	for _, t := range c.terms {
		fields := scoreFields
		if len(t.tokens) > 1 {
			fields = phraseScoreFields
		}
		dis = append(dis, ix.phraseQuery(t.raw, t.tokens, c.boost, fields))
	}
	if len(dis) == 1 {
		return dis[0]
	}
	return query.NewDisjunctionQuery(dis)
}

// phraseQuery matches an analysed term sequence in any text field, with
// the field boosts.
func (ix *Index) phraseQuery(raw string, toks []string, boost float64, fields []fieldBoost) query.Query {
	var dis []query.Query
	for _, fb := range fields {
		var q query.FieldableQuery
		if len(toks) == 1 {
			tq := query.NewTermQuery(toks[0])
			tq.SetBoost(fb.boost * boost)
			q = tq
		} else {
			mq := query.NewMatchPhraseQuery(raw)
			mq.Analyzer = analyzerText
			mq.SetBoost(fb.boost * boost)
			q = mq
		}
		q.SetField(fb.field)
		dis = append(dis, q)
	}
	return query.NewDisjunctionQuery(dis)
}

// causeVocabulary scores the one-word terms of every synonym group of the
// categories a query names (weighted as the hint that named each) in the
// title, root cause and summary, so that an incident whose tags miss the
// cause but whose text states it in other words ranks higher. It only
// scores: what matches is unchanged. nil when the query names no category.
// Phrases ("out of memory") are left out: as positional queries they
// tripled the time of a query naming a cause with many of them (capacity:
// 20 of 26 terms), for no measured gain over their single words.
func (ix *Index) causeVocabulary(named map[string]float64) query.Query {
	if len(named) == 0 || ix.syn == nil {
		return nil
	}
	cats := make([]string, 0, len(named))
	for c := range named {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var dis []query.Query
	seen := map[string]bool{}
	for _, c := range cats {
		for _, g := range ix.syn.groups {
			if g.category != c {
				continue
			}
			for _, t := range g.terms {
				if len(t.tokens) != 1 || seen[t.tokens[0]] {
					continue
				}
				seen[t.tokens[0]] = true
				dis = append(dis, ix.phraseQuery(t.raw, t.tokens, causeVocabularyBoost*named[c], causeVocabularyFields))
			}
		}
	}
	if len(dis) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(dis)
}

// causeVocabularyFields are where causeVocabulary looks: the fields that
// say what happened and why.
var causeVocabularyFields = []fieldBoost{{fTitle, 1}, {fRootCause, 1}, {fSummary, 0.5}}

// causeVocabularyBoost weighs a named cause's other words against the
// query's own (1) and their synonyms (0.8). Measured with out-of-sample
// tags (see RELEVANCE.md): 0.5–3 all gave about the same gain.
const causeVocabularyBoost = 1.0

// categoryBoost favours incidents of a category the query names.
func categoryBoost(cat string, w float64) query.Query {
	p := query.NewTermQuery(cat)
	p.SetField(fPrimaryCategory)
	p.SetBoost(categoryPrimaryBoost * w)
	a := query.NewTermQuery(cat)
	a.SetField(fCategories)
	a.SetBoost(categoryAnyBoost * w)
	return query.NewDisjunctionQuery([]query.Query{p, a})
}

// Category boosts, relative to text scores. Tuned with out-of-sample
// tags (a tagger fitted on dev only, ranking measured on train): even
// when the tagger is wrong on an unseen organisation most of the time,
// a named cause is worth more than the words (16/6 against 8/3 gave
// train 1.35 -> 1.36 and dev 1.52 -> 1.54; lowering them only lost).
const (
	categoryPrimaryBoost = 16.0
	categoryAnyBoost     = 6.0
)
