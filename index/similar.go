package index

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/corpus"
)

// SimilarResult lists the incidents most like one incident.
type SimilarResult struct {
	ID      string       `json:"id"`
	Similar []SimilarHit `json:"similar"`
}

// SimilarHit is one similar incident and why it was chosen.
type SimilarHit struct {
	Hit
	Why Why `json:"why"`
}

// Why explains a similar incident: the root-cause categories and services
// it shares with the original, and the most significant shared terms.
type Why struct {
	Categories []string `json:"categories"`
	Services   []string `json:"services"`
	Terms      []string `json:"terms"`
}

// Similarity weights. Text weights say how much a term counts by the
// field it comes from in the original; the root cause, title, summary and
// impact describe what happened, the body also holds boilerplate. The
// sentences the root-cause tagger took as evidence state the cause.
var (
	similarFieldWeights = []struct {
		weight float64
		text   func(r *corpus.Record) string
	}{
		{3, func(r *corpus.Record) string { return r.Title }},
		{3, func(r *corpus.Record) string { return joinNonEmpty(r.RootCause, r.Trigger) }},
		{2, func(r *corpus.Record) string { return r.Summary }},
		{1.5, func(r *corpus.Record) string { return r.Impact }},
		{1.0, func(r *corpus.Record) string { return bodyRest(r) }},
		{3, causeEvidence},
	}
	// similarSearchFields are where the chosen terms are looked for, and
	// counted for their document frequency.
	similarSearchFields = []fieldBoost{{fTitle, 2}, {fRootCause, 3}, {fSummary, 1.2}, {fImpact, 1}, {fBody, 0.25}}
	// similarScoreFields score a significant term.
	similarScoreFields = []fieldBoost{{fTitle, 2}, {fRootCause, 2.5}, {fText, 0.5}}
)

// causeEvidence joins the distinct evidence sentences of a record's
// root-cause tags.
func causeEvidence(r *corpus.Record) string {
	var ev []string
	for _, c := range r.Categories {
		if c.Evidence != "" && !slices.Contains(ev, c.Evidence) {
			ev = append(ev, c.Evidence)
		}
	}
	return strings.Join(ev, "\n")
}

// termInFields matches term in any of fields, each scored with its boost
// times w.
func termInFields(term string, fields []fieldBoost, w float64) query.Query {
	dis := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		tq := query.NewTermQuery(term)
		tq.SetField(f.field)
		tq.SetBoost(f.boost * w)
		dis = append(dis, tq)
	}
	return query.NewDisjunctionQuery(dis)
}

// Similarity tuning, measured on the development corpora.
const (
	similarMaxTerms           = 20
	similarCandidates         = 30 // terms looked up in the dictionary
	similarTermsBoost         = 16.0
	similarPrimaryBoost       = 96.0 // shares a cause, as primary or contributing (see RELEVANCE.md)
	similarContributingWeight = 0.5  // a contributing cause without confidence
	similarServiceBoost       = 4.0  // shares a service
	similarMaxDocFraction     = 0.2  // terms in more than a fifth of the incidents say little
)

// Similar returns up to n incidents most like the one with the given id,
// excluding itself; ErrNotFound for an unknown id.
func (ix *Index) Similar(ctx context.Context, id string, n int) (*SimilarResult, error) {
	rec, err := ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return ix.SimilarTo(ctx, rec, n)
}

// SimilarTo returns up to n indexed incidents most like rec, which need
// not be indexed (a file given by path); rec.ID itself is excluded.
func (ix *Index) SimilarTo(ctx context.Context, rec corpus.Record, n int) (*SimilarResult, error) {
	n = max(1, min(n, ix.cfg.MaxPageSize))
	terms, err := ix.significantTerms(ctx, &rec)
	if err != nil {
		return nil, err
	}
	// Groups, so that bleve's coordination factor (matched/total clauses
	// of a disjunction) means something: the share of significant terms
	// in common; the primary cause in common (as primary or contributing);
	// other causes; services.
	// Terms are scored in _text (the whole document, one posting list
	// per term) and in the title and root cause; termQs, per field, only
	// find where the hits hold them, for Why.
	var scoreQs, termQs, primQs, catQs, svcQs []query.Query
	for _, t := range terms {
		w := similarTermsBoost * t.weight
		termQs = append(termQs, termInFields(t.term, similarSearchFields, w))
		scoreQs = append(scoreQs, termInFields(t.term, similarScoreFields, w))
	}
	// Causes weigh by the square of the tagger's confidence relative to
	// the primary's: a close second cause is nearly as telling as the
	// first, a distant one much less (see RELEVANCE.md).
	cats := make([]string, 0, len(rec.Categories))
	top := 0.0
	for _, c := range rec.Categories {
		top = max(top, c.Confidence)
	}
	for i, c := range rec.Categories {
		if c.Name == "" || slices.Contains(cats, c.Name) {
			continue
		}
		cats = append(cats, c.Name)
		w := 1.0
		if i > 0 {
			w = contributingWeight(c.Confidence, top)
		}
		p := query.NewTermQuery(c.Name)
		p.SetField(fPrimaryCategory)
		p.SetBoost(similarPrimaryBoost * w)
		a := query.NewTermQuery(c.Name)
		a.SetField(fCategories)
		a.SetBoost(similarPrimaryBoost * w)
		primQs = append(primQs, p, a)
	}
	svcs := nonEmpty(rec.Services)
	for _, s := range svcs {
		tq := query.NewTermQuery(strings.ToLower(s))
		tq.SetField(fServices)
		tq.SetBoost(similarServiceBoost)
		svcQs = append(svcQs, tq)
	}
	var should []query.Query
	// (bleve ignores a disjunction's own boost: the leaves carry it.)
	for _, g := range [][]query.Query{scoreQs, primQs, catQs, svcQs} {
		if len(g) > 0 {
			should = append(should, query.NewDisjunctionQuery(g))
		}
	}
	out := &SimilarResult{ID: rec.ID, Similar: []SimilarHit{}}
	if len(should) == 0 {
		return out, nil
	}
	dis := query.NewDisjunctionQuery(should)
	var mustNot []query.Query
	if rec.ID != "" {
		mustNot = append(mustNot, query.NewDocIDQuery([]string{rec.ID}))
	}
	q := query.NewBooleanQuery(nil, []query.Query{dis}, mustNot)
	q.Should.(*query.DisjunctionQuery).SetMin(1)
	sr := bleve.NewSearchRequestOptions(q, n, 0, false)
	sr.Fields = []string{fHit}
	res, err := ix.sortedSearch(ix.scoringContext(ctx), sr, SortRelevance)
	if err != nil {
		return nil, fmt.Errorf("similar %s: %w", rec.ID, err)
	}
	// Term locations for Why, for the hits only (see Index.highlight).
	locs := map[string]search.FieldTermLocationMap{}
	if len(res.Hits) > 0 && len(termQs) > 0 {
		ids := make([]string, len(res.Hits))
		for i, dm := range res.Hits {
			ids[i] = dm.ID
		}
		lq := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), query.NewDisjunctionQuery(termQs)})
		lr := bleve.NewSearchRequestOptions(lq, len(ids), 0, false)
		lr.IncludeLocations = true
		lr.Sort = sortOrder(SortRelevance)
		lres, err := ix.bi.SearchInContext(ctx, lr)
		if err != nil {
			return nil, fmt.Errorf("similar %s: %w", rec.ID, err)
		}
		for _, dm := range lres.Hits {
			locs[dm.ID] = dm.Locations
		}
	}
	for _, dm := range res.Hits {
		h, err := hitFrom(dm)
		if err != nil {
			return nil, err
		}
		h.Fragments = map[string][]string{}
		why := Why{Categories: []string{}, Services: []string{}, Terms: []string{}}
		for _, c := range h.Categories {
			if containsFold(cats, c) {
				why.Categories = append(why.Categories, c)
			}
		}
		for _, s := range h.Services {
			if containsFold(svcs, s) {
				why.Services = append(why.Services, s)
			}
		}
		matched := map[string]bool{}
		for _, f := range similarSearchFields {
			for term := range locs[dm.ID][f.field] {
				matched[term] = true
			}
		}
		for _, t := range terms {
			if matched[t.term] && len(why.Terms) < 8 && !slices.Contains(why.Terms, t.surface) {
				why.Terms = append(why.Terms, t.surface)
			}
		}
		out.Similar = append(out.Similar, SimilarHit{Hit: h, Why: why})
	}
	return out, nil
}

// contributingWeight is how much a contributing cause of confidence conf
// counts beside the primary cause (weight 1) when the strongest confidence
// is top: the square of their ratio, or similarContributingWeight without
// confidences.
func contributingWeight(conf, top float64) float64 {
	if top <= 0 || conf <= 0 {
		return similarContributingWeight
	}
	r := conf / top
	return min(1, r*r)
}

// weightedTerm is one significant term of a record.
type weightedTerm struct {
	term    string // analysed, as indexed
	surface string // as written, for Why
	weight  float64
}

// significantTerms returns a record's most significant terms: field-weighted
// term frequency times inverse document frequency from the index's term
// dictionary (the body field, which holds every document's whole text).
func (ix *Index) significantTerms(ctx context.Context, rec *corpus.Record) ([]weightedTerm, error) {
	tf := map[string]float64{}
	surface := map[string]string{}
	noise := ix.noise
	for _, fw := range similarFieldWeights {
		text := fw.text(rec)
		if text == "" {
			continue
		}
		for _, tok := range ix.analyzer.Analyze([]byte(text)) {
			term := string(tok.Term)
			if !usefulTerm(term) || noise[term] {
				continue
			}
			tf[term] += fw.weight
			if _, ok := surface[term]; !ok && tok.End <= len(text) && tok.Start < tok.End {
				surface[term] = displayTerm(text[tok.Start:tok.End])
			}
		}
	}
	if len(tf) == 0 {
		return nil, nil
	}
	bidx, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	r, err := bidx.Reader()
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	defer r.Close()
	total, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	// Pre-select by term frequency so that a long document does not cost
	// thousands of dictionary lookups.
	cands := make([]weightedTerm, 0, len(tf))
	for t, w := range tf {
		cands = append(cands, weightedTerm{term: t, surface: surface[t], weight: w})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].weight != cands[j].weight {
			return cands[i].weight > cands[j].weight
		}
		return cands[i].term < cands[j].term
	})
	if len(cands) > similarCandidates {
		cands = cands[:similarCandidates]
	}
	out := cands[:0]
	for _, c := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// Each word of a document is indexed in one field only (see
		// bodyRest), so the fields' counts add up to about the number
		// of documents holding the term.
		var df uint64
		for _, f := range similarSearchFields {
			tfr, err := r.TermFieldReader(ctx, []byte(c.term), f.field, false, false, false)
			if err != nil {
				return nil, fmt.Errorf("similar: term %q: %w", c.term, err)
			}
			df += tfr.Count()
			_ = tfr.Close()
		}
		df = min(df, total)
		if df == 0 || float64(df) > similarMaxDocFraction*float64(total) && total > 10 {
			continue
		}
		idf := math.Log(1 + float64(total)/float64(df))
		c.weight = math.Log1p(c.weight) * idf
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].weight != out[j].weight {
			return out[i].weight > out[j].weight
		}
		return out[i].term < out[j].term
	})
	if len(out) > similarMaxTerms {
		out = out[:similarMaxTerms]
	}
	// Normalise so that the strongest term has weight 1.
	if len(out) > 0 && out[0].weight > 0 {
		top := out[0].weight
		for i := range out {
			out[i].weight /= top
		}
	}
	return out, nil
}

// usefulTerm drops terms that carry no topic: short tokens, numbers and
// time stamps ("18t00", "9am", "3rd").
func usefulTerm(t string) bool {
	if len(t) < 3 {
		return false
	}
	digits := 0
	for _, r := range t {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits == len(t) {
		return false
	}
	return !timeToken.MatchString(t)
}

// timeToken matches clock times, ordinals and dates run together.
var timeToken = regexp.MustCompile(`^[0-9]+(t[0-9]+|am|pm|h[0-9]*|z|utc|st|nd|rd|th|[0-9:.-]+)$`)

// similarNoise are words that say when or how something happened, not
// what: months and days, generic verbs and fillers. They tie incidents
// that share nothing and make "why similar" read as noise. Compared
// after analysis (stemmed), so inflections go too.
var similarNoise = strings.Fields(`
	january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec
	monday tuesday wednesday thursday friday saturday sunday
	today yesterday tomorrow morning afternoon evening night weekend week weeks day days
	hour hours minute minutes second seconds utc gmt pst pdt est edt cet cest bst
	held hold finished finish started start began begin became become caused cause noticed notice
	found find happened happen occurred occur saw seen took take made make got get went go came come
	tried try used use continued continue resulted result led lead related including following
	affected affect impacted impact restored restore resolved resolve identified identify observed
	reported report received receive decided decide needed need performed perform ran run set put
	kept keep left leave showed show stayed stay stopped stop returned return
	under over after before during while about around also still again then when some many several
	other others results warning team teams issue issues incident incidents problem problems
	time times thing things way ways part lot able due via per`)

// noiseTerms analyses similarNoise with the index's analyser.
func (ix *Index) noiseTerms() map[string]bool {
	out := make(map[string]bool, len(similarNoise))
	for _, w := range similarNoise {
		for _, t := range analyze(ix.analyzer, w) {
			out[t] = true
		}
	}
	return out
}

// displayTerm is a term as Why shows it: lower case, without a
// possessive.
func displayTerm(s string) string {
	s = strings.ToLower(s)
	for _, suf := range []string{"'s", "’s", "'"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
