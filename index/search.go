package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Sort orders of Request.Sort.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
	SortLongest   = "longest"
)

// Request is one search.
type Request struct {
	// Query is in Hindsight's query language.
	Query string
	// Sort is SortRelevance, SortNewest, SortOldest or SortLongest; ""
	// means relevance, or newest when the query has no words.
	Sort string
	// Page is 1-based; it is clamped to [1, last page].
	Page int
	// PageSize is clamped to [1, Config.MaxPageSize]; 0 means 20.
	PageSize int
	// Now anchors relative dates (after:7d); zero means time.Now().
	Now time.Time
}

// Result is one page of hits with facets over the whole result.
type Result struct {
	Query    string `json:"query"`
	Total    int    `json:"total"`
	Page     int    `json:"page"`
	PageSize int    `json:"page_size"`
	Pages    int    `json:"pages"`
	Sort     string `json:"sort"`
	// Relaxed is set when no incident matched most of the query's words
	// and the hits match only some of them.
	Relaxed bool          `json:"relaxed,omitempty"`
	Hits    []Hit         `json:"hits"`
	Facets  Facets        `json:"facets"`
	Took    time.Duration `json:"took_ns"`
}

// Hit is one matching incident.
type Hit struct {
	ID              string `json:"id"`
	Source          string `json:"source"`
	Title           string `json:"title"`
	Date            string `json:"date"`
	DurationMinutes *int   `json:"duration_minutes"`
	// Categories holds the primary category first.
	Categories      []string `json:"categories"`
	PrimaryCategory string   `json:"primary_category"`
	Organization    string   `json:"organization"`
	Severity        string   `json:"severity"`
	Services        []string `json:"services"`
	Score           float64  `json:"score"`
	// Fragments maps a field to snippets of it: HTML-escaped text with
	// <mark>…</mark> around matches and no other markup, safe to emit raw.
	Fragments map[string][]string `json:"fragments"`
	// Matched says what matched when no fragment shows it: "root cause
	// category (capacity)", "words in the impact".
	Matched     string `json:"matched,omitempty"`
	OpenActions int    `json:"open_actions"`
}

// Facets counts the whole filtered result by each dimension.
type Facets struct {
	Categories    []FacetValue `json:"categories"`
	Services      []FacetValue `json:"services"`
	Organizations []FacetValue `json:"organizations"`
	Severities    []FacetValue `json:"severities"`
	Years         []FacetValue `json:"years"`
	Durations     []FacetValue `json:"durations"`
}

// cachedFacets are the facets of the whole index after write number gen.
type cachedFacets struct {
	gen    uint64
	facets Facets
}

// clone copies f so that a caller changing a result cannot change
// another's.
func (f Facets) clone() Facets {
	return Facets{
		Categories: slices.Clone(f.Categories), Services: slices.Clone(f.Services),
		Organizations: slices.Clone(f.Organizations), Severities: slices.Clone(f.Severities),
		Years: slices.Clone(f.Years), Durations: slices.Clone(f.Durations),
	}
}

// FacetValue is one value of a facet: Value is what a filter takes
// (lower case), Label is for display.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// durationBuckets are the duration facet's ranges, in minutes.
var durationBuckets = []struct {
	value, label string
	min, max     float64 // [min, max)
}{
	{"lt15m", "<15m", 0, 15},
	{"15m-1h", "15m–1h", 15, 60},
	{"1h-4h", "1–4h", 60, 240},
	{"4h-24h", "4–24h", 240, 1440},
	{"gt1d", ">1d", 1440, math.Inf(1)},
}

// Field boosts: a match in the title or root cause outranks a passing
// mention in the body.
var fieldBoosts = []fieldBoost{
	{fTitle, 3.0},
	{fRootCause, 2.5},
	{fSummary, 1.8},
	{fImpact, 1.2},
	{fResolution, 0.8},
	{fLessons, 0.7},
	{fActionItems, 0.5},
	{fTimeline, 0.5},
	{fBody, 1.0},
}

// highlightFields are the stored text fields fragments come from.
var highlightFields = []string{fTitle, fRootCause, fSummary, fImpact, fResolution, fLessons, fBody}

// Search runs a query. Bad queries return a *QueryError.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	pq, err := ix.parseSearchQuery(req.Query, req.Now)
	if err != nil {
		return nil, err
	}
	q, hasText, strict := ix.buildQuery(pq, false)
	sortBy := req.Sort
	switch sortBy {
	case "":
		sortBy = SortRelevance
		if !hasText {
			sortBy = SortNewest
		}
	case SortRelevance, SortNewest, SortOldest, SortLongest:
	default:
		return nil, fmt.Errorf("sort %q: want relevance, newest, oldest or longest", req.Sort)
	}
	size := req.PageSize
	if size == 0 {
		size = DefaultPageSize
	}
	size = max(1, min(size, ix.cfg.MaxPageSize))
	maxPage := max(1, maxResultWindow/size)
	page := max(1, min(req.Page, maxPage))

	gen := ix.writeGen.Load()
	key := cacheKey{query: req.Query, variant: sortBy, page: page, pageSize: size}
	if !pq.Relative {
		if r, ok := ix.results.Get(key, gen); ok {
			r.Took = time.Since(start)
			return r, nil
		}
	}

	sr := bleve.NewSearchRequestOptions(q, size, (page-1)*size, false)
	sr.Fields = []string{fHit}
	if hasText {
		// Fragments are cut from the stored text of the page's hits,
		// which bleve reads with the stored hit anyway.
		sr.Fields = append(sr.Fields, highlightFields...)
	}
	sr.Sort = sortOrder(sortBy)
	ts := ix.tableSortFor(sortBy)
	if ts != nil {
		sr.Sort = search.SortOrder{ts}
		if sortBy == SortRelevance {
			sr.Sort = search.SortOrder{&search.SortScore{Desc: true}, ts}
		}
	}
	if sortBy != SortRelevance {
		// Scores are not shown in order and cost a BM25 computation per
		// term per matching document.
		sr.Score = "none"
	}
	// The unfiltered query's facets count the whole index: they are
	// cached until the next write rather than counted over every
	// document on each listing of everything.
	matchAll := pq.Filter == nil && !hasText && len(pq.Excluded) == 0
	var cached *cachedFacets
	if c := ix.allFacets.Load(); matchAll && c != nil && c.gen == gen {
		cached = c
	}
	ctx = ix.scoringContext(ctx)
	plainCtx := ctx
	var termsOf func() ([][]termCount, error)
	if cached == nil {
		ctx, termsOf = ix.countingTerms(ctx, ts, ix.facets)
	} else if ts != nil {
		ctx, termsOf = ix.countingTerms(ctx, ts)
	}
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	relaxed := false
	if res.Total == 0 && strict {
		// No incident has most of the words: show those with any.
		q, _, _ = ix.buildQuery(pq, true)
		sr.Query = q
		if res, err = ix.bi.SearchInContext(ctx, sr); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
		relaxed = res.Total > 0
	}
	total := int(res.Total)
	pages := (total + size - 1) / size
	if total > 0 && page > pages && page > 1 {
		// Past the end: clamp to the last page.
		page = min(pages, maxPage)
		sr.From = (page - 1) * size
		if res, err = ix.bi.SearchInContext(ctx, sr); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
	}
	var facets Facets
	var tc [][]termCount
	if termsOf != nil {
		tc, err = termsOf()
		ix.paths.count(ts != nil, err)
	}
	switch {
	case err != nil:
		// The snapshot has no tables (none that Hindsight writes):
		// bleve sorts and counts, on the same request.
		sr.Sort = sortOrder(sortBy)
		addFacets(sr)
		if res, err = ix.bi.SearchInContext(plainCtx, sr); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
		facets = facetsFrom(res.Facets)
	case cached != nil:
		facets = cached.facets.clone()
	default:
		facets = facetsFromTerms(tc[0])
	}
	if matchAll && cached == nil {
		ix.allFacets.Store(&cachedFacets{gen: gen, facets: facets.clone()})
	}
	out := &Result{
		Query: req.Query, Total: total, Page: page, PageSize: size, Pages: pages, Sort: sortBy,
		Relaxed: relaxed, Hits: make([]Hit, 0, len(res.Hits)), Facets: facets,
	}
	for _, dm := range res.Hits {
		h, err := hitFrom(dm)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, h)
	}
	if hasText && len(out.Hits) > 0 {
		if m := ix.queryMarker(pq); m != nil {
			for i, dm := range res.Hits {
				out.Hits[i].Fragments = m.fragments(storedTexts(dm, highlightFields))
			}
		}
		var loose *marker
		for i, dm := range res.Hits {
			if len(out.Hits[i].Fragments) == 0 {
				if loose == nil {
					loose = ix.looseMarker(pq)
				}
				out.Hits[i].Matched = ix.matchedReason(pq, &out.Hits[i], dm, loose)
			}
			if out.Hits[i].Fragments == nil {
				out.Hits[i].Fragments = map[string][]string{}
			}
		}
	}
	out.Took = time.Since(start)
	if !pq.Relative {
		ix.results.Put(key, gen, out)
	}
	return out, nil
}

// queryMarker returns the marker of a page's fragments: the query's own
// words by stem, its phrases as phrases, and the synonyms of its words as
// written (see marker.addSurface); nil when there is nothing to mark.
func (ix *Index) queryMarker(pq *parsedQuery) *marker {
	toks := analyze(ix.analyzer, strings.Join(pq.Words, " "))
	if len(toks) > maxQueryTokens {
		toks = toks[:maxQueryTokens]
	}
	var phrases []string
	var single []string
	for _, ph := range pq.Phrases {
		pt := analyze(ix.analyzer, ph)
		switch {
		case len(pt) == 1 && len(surfaceWords(ph)) == 1:
			single = append(single, pt[0]) // a quoted word is a word
		case len(pt) > 0:
			phrases = append(phrases, ph)
		}
	}
	// The query's own words are marked by stem wherever they occur: the
	// user typed them. Their synonyms are marked only as written.
	matches := ix.syn.match(toks)
	toks = append(slices.Clip(toks), single...)
	m := newMarker(ix.analyzer, toks)
	if m == nil { // phrases or synonyms only
		m = &marker{analyzer: ix.analyzer, terms: map[string]int{}, memo: map[string]int{}}
	}
	for _, ph := range phrases {
		m.addSurface(ph, true)
	}
	n := 0
	for _, sm := range matches {
		for _, t := range ix.syn.alternatives(sm) {
			if n < 4*maxQueryTokens {
				m.addSurface(t.raw, false)
				n++
			}
		}
	}
	if len(toks) == 0 && m.surf == nil {
		return nil
	}
	return m
}

// looseMarker marks every word of a query, of its phrases and of their
// synonyms on its own, by stem, as the matching in _text finds them.
func (ix *Index) looseMarker(pq *parsedQuery) *marker {
	toks := analyze(ix.analyzer, strings.Join(pq.Words, " "))
	if len(toks) > maxQueryTokens {
		toks = toks[:maxQueryTokens]
	}
	terms := slices.Clone(toks)
	for _, sm := range ix.syn.match(toks) {
		for _, t := range ix.syn.alternatives(sm) {
			terms = append(terms, t.tokens...)
		}
	}
	for _, ph := range pq.Phrases {
		terms = append(terms, analyze(ix.analyzer, ph)...)
	}
	return newMarker(ix.analyzer, terms)
}

// fieldLabels name text fields for Hit.Matched.
var fieldLabels = map[string]string{
	fTitle: "title", fRootCause: "root cause", fSummary: "summary", fImpact: "impact",
	fResolution: "resolution", fLessons: "lessons", fBody: "text",
}

// matchedReason says why a hit without fragments matched: the root-cause
// category the query names, or the field where its words (or their
// synonyms, by stem) occur apart, or else the fields no fragment is cut
// from.
func (ix *Index) matchedReason(pq *parsedQuery, h *Hit, dm *search.DocumentMatch, loose *marker) string {
	toks := analyze(ix.analyzer, strings.Join(pq.Words, " "))
	hints := categoriesFor(ix.catHints, toks)
	for _, c := range h.Categories {
		if _, ok := hints[c]; ok {
			return "root cause category (" + c + ")"
		}
	}
	if loose != nil {
		for _, f := range storedTexts(dm, highlightFields) {
			if len(loose.matches(f[1])) > 0 {
				return "words in the " + fieldLabels[f[0]]
			}
		}
	}
	return "words in the action items or timeline"
}

// storedTexts returns the stored text of each of fields that a hit
// carries, as (name, text) pairs.
func storedTexts(dm *search.DocumentMatch, fields []string) [][2]string {
	out := make([][2]string, 0, len(fields))
	for _, f := range fields {
		if v, ok := dm.Fields[f].(string); ok && v != "" {
			out = append(out, [2]string{f, v})
		}
	}
	return out
}

// tableSortFor returns the table sort of a sort order other than
// relevance (see tableSort), or nil.
func (ix *Index) tableSortFor(by string) *tableSort {
	switch by {
	case SortNewest:
		return newTableSort(ix.sortStart, true)
	case SortOldest:
		return newTableSort(ix.sortStart, false)
	case SortLongest:
		return newTableSort(ix.sortDur, true)
	case SortRelevance:
		// Equal scores: newest first, then by id (see fSortStart).
		return newTableSort(ix.sortStart, true)
	}
	return nil
}

// sortedSearch runs sr in the order by, with the table sort when the
// snapshot has its tables and bleve's sort otherwise: either way ties
// end on the id, so that the order does not depend on segment layout.
func (ix *Index) sortedSearch(ctx context.Context, sr *bleve.SearchRequest, by string) (*bleve.SearchResult, error) {
	if ts := ix.tableSortFor(by); ts != nil {
		sr.Sort = search.SortOrder{ts}
		if by == SortRelevance {
			sr.Sort = search.SortOrder{&search.SortScore{Desc: true}, ts}
		}
		tctx, check := ix.countingTerms(ctx, ts)
		res, err := ix.bi.SearchInContext(tctx, sr)
		if err != nil {
			return nil, err
		}
		if _, err := check(); err == nil {
			return res, nil
		}
	}
	sr.Sort = sortOrder(by)
	return ix.bi.SearchInContext(ctx, sr)
}

// sortOrder is the order bleve sorts by itself, when the tables of
// tableSortFor are unavailable: the same keys (the start, for want of
// _sort_start's "missing last" in both directions), then the id.
func sortOrder(by string) search.SortOrder {
	started := func(desc bool) search.SortOrder {
		return search.SortOrder{
			&search.SortField{Field: fStartedAt, Desc: desc, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast},
			&search.SortDocID{Desc: desc},
		}
	}
	switch by {
	case SortNewest:
		return started(true)
	case SortOldest:
		return started(false)
	case SortLongest:
		// The key ends with the start and the id.
		return search.SortOrder{
			&search.SortField{Field: fSortDur, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
		}
	default:
		return append(search.SortOrder{&search.SortScore{Desc: true}}, started(true)...)
	}
}

// facetTermsSize bounds the distinct _facets terms read per search:
// categories, severities, years and buckets are few; services and
// organizations could be thousands in a large archive.
const facetTermsSize = 100000

// facetListSize is how many services and organizations a facet lists.
const facetListSize = 30

func addFacets(sr *bleve.SearchRequest) {
	sr.AddFacet(fFacets, bleve.NewFacetRequest(fFacets, facetTermsSize))
}

// termCount is one _facets term and how many documents hold it.
type termCount struct {
	term  string
	count int
}

// facetsFrom reads the _facets facet bleve counted.
func facetsFrom(fr search.FacetResults) Facets {
	return facetsFromTerms(facetTerms(fr[fFacets]))
}

// facetTerms lists the terms of one facet bleve counted.
func facetTerms(r *search.FacetResult) []termCount {
	if r == nil || r.Terms == nil {
		return nil
	}
	var tc []termCount
	for _, t := range r.Terms.Terms() {
		tc = append(tc, termCount{term: t.Term, count: t.Count})
	}
	return tc
}

// facetsFromTerms splits counted _facets terms into the six facets.
func facetsFromTerms(terms []termCount) Facets {
	f := Facets{
		Categories: []FacetValue{}, Services: []FacetValue{}, Organizations: []FacetValue{},
		Severities: []FacetValue{}, Years: []FacetValue{}, Durations: []FacetValue{},
	}
	type agg struct {
		count      int
		label      string
		labelCount int
	}
	byPrefix := map[string]map[string]*agg{}
	for _, t := range terms {
		if len(t.term) < 2 || t.term[1] != ':' {
			continue
		}
		prefix, raw := t.term[:2], t.term[2:]
		v := strings.ToLower(raw)
		m := byPrefix[prefix]
		if m == nil {
			m = map[string]*agg{}
			byPrefix[prefix] = m
		}
		a := m[v]
		if a == nil {
			a = &agg{}
			m[v] = a
		}
		a.count += t.count
		if t.count > a.labelCount || t.count == a.labelCount && raw < a.label {
			a.label, a.labelCount = raw, t.count
		}
	}
	list := func(prefix string, limit int) []FacetValue {
		out := []FacetValue{}
		for v, a := range byPrefix[prefix] {
			out = append(out, FacetValue{Value: v, Label: a.label, Count: a.count})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Value < out[j].Value
		})
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	f.Categories = list(facetCategory, 0)
	f.Services = list(facetService, facetListSize)
	f.Organizations = list(facetOrg, facetListSize)
	f.Severities = list(facetSeverity, 0)
	f.Years = list(facetYear, 0)
	sort.SliceStable(f.Years, func(i, j int) bool { return f.Years[i].Value > f.Years[j].Value })
	d := byPrefix[facetDuration]
	for _, b := range durationBuckets {
		if a := d[b.value]; a != nil && a.count > 0 {
			f.Durations = append(f.Durations, FacetValue{Value: b.value, Label: b.label, Count: a.count})
		}
	}
	return f
}

func hitFrom(dm *search.DocumentMatch) (Hit, error) {
	var sh storedHit
	s, _ := dm.Fields[fHit].(string)
	if err := json.Unmarshal([]byte(s), &sh); err != nil {
		return Hit{}, fmt.Errorf("decode hit %s: %w", dm.ID, err)
	}
	h := Hit{
		ID: dm.ID, Source: sh.Source, Title: sh.Title, Date: sh.Date, DurationMinutes: sh.DurationMinutes,
		Categories: sh.Categories, Organization: sh.Organization, Severity: sh.Severity, Services: sh.Services,
		OpenActions: sh.OpenActions,
	}
	if math.IsNaN(dm.Score) || math.IsInf(dm.Score, 0) {
		h.Score = 0
	} else {
		h.Score = math.Round(dm.Score*1e4) / 1e4
	}
	if h.Categories == nil {
		h.Categories = []string{}
	}
	if h.Services == nil {
		h.Services = []string{}
	}
	if len(h.Categories) > 0 {
		h.PrimaryCategory = h.Categories[0]
	}
	h.Fragments = map[string][]string{}
	return h, nil
}

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
		for cat, w := range categoriesFor(ix.catHints, toks) {
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

// Category boosts, relative to text scores.
const (
	categoryPrimaryBoost = 8.0
	categoryAnyBoost     = 3.0
)
