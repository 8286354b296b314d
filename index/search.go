package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
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
	Relaxed bool `json:"relaxed,omitempty"`
	// Partial counts the hits at the end of the first page that match
	// only some of the query's words: when fewer incidents than a page
	// match most of them, the page is filled with the best of the others,
	// after them (Hit.Partial). Total and Pages count the full matches.
	Partial int           `json:"partial,omitempty"`
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
	// Partial is set on a hit that matches only some of the query's
	// words, shown after the full matches (Result.Partial).
	Partial bool `json:"partial,omitempty"`
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
	pg, err := ix.pageOf(req, hasText)
	if err != nil {
		return nil, err
	}
	gen := ix.writeGen.Load()
	key := cacheKey{query: req.Query, variant: pg.sortBy, page: pg.page, pageSize: pg.size}
	if !pq.Relative {
		if r, ok := ix.results.Get(key, gen); ok {
			r.Took = time.Since(start)
			return r, nil
		}
	}
	sr, ts := ix.searchRequest(q, hasText, pg)
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
	res, relaxed, err := ix.runSearch(ctx, sr, pq, strict, &pg)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
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
		sr.Sort = sortOrder(pg.sortBy)
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
		Query: req.Query, Total: pg.total, Page: pg.page, PageSize: pg.size, Pages: pg.pages, Sort: pg.sortBy,
		Relaxed: relaxed, Facets: facets,
	}
	dms := res.Hits
	if strict && !relaxed && pg.sortBy == SortRelevance && pg.page == 1 && len(dms) < pg.size {
		if dms, out.Partial, err = ix.fillPage(plainCtx, sr, pq, dms); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
	}
	if out.Hits, err = ix.hitsOf(pq, dms, hasText); err != nil {
		return nil, err
	}
	for i := len(out.Hits) - out.Partial; i < len(out.Hits); i++ {
		out.Hits[i].Partial = true
	}
	out.Took = time.Since(start)
	if !pq.Relative {
		ix.results.Put(key, gen, out)
	}
	return out, nil
}

// searchPage is where a search's page lies: its order, size and number,
// and, once searched, the total and number of pages.
type searchPage struct {
	sortBy              string
	size, page, maxPage int
	total, pages        int
}

// pageOf reads req's sort order (by default relevance for text, newest
// otherwise) and clamps its page size and number.
func (ix *Index) pageOf(req Request, hasText bool) (searchPage, error) {
	pg := searchPage{sortBy: req.Sort}
	switch pg.sortBy {
	case "":
		pg.sortBy = SortRelevance
		if !hasText {
			pg.sortBy = SortNewest
		}
	case SortRelevance, SortNewest, SortOldest, SortLongest:
	default:
		return pg, fmt.Errorf("sort %q: want relevance, newest, oldest or longest", req.Sort)
	}
	pg.size = req.PageSize
	if pg.size == 0 {
		pg.size = DefaultPageSize
	}
	pg.size = max(1, min(pg.size, ix.cfg.MaxPageSize))
	pg.maxPage = max(1, maxResultWindow/pg.size)
	pg.page = max(1, min(req.Page, pg.maxPage))
	return pg, nil
}

// searchRequest builds the bleve request of one page, sorted through the
// index's sort tables where it can (ts, nil otherwise).
func (ix *Index) searchRequest(q query.Query, hasText bool, pg searchPage) (*bleve.SearchRequest, *tableSort) {
	sr := bleve.NewSearchRequestOptions(q, pg.size, (pg.page-1)*pg.size, false)
	sr.Fields = []string{fHit}
	if hasText {
		// Fragments are cut from the stored text of the page's hits,
		// which bleve reads with the stored hit anyway.
		sr.Fields = append(sr.Fields, highlightFields...)
	}
	sr.Sort = sortOrder(pg.sortBy)
	ts := ix.tableSortFor(pg.sortBy)
	if ts != nil {
		sr.Sort = search.SortOrder{ts}
		if pg.sortBy == SortRelevance {
			sr.Sort = search.SortOrder{&search.SortScore{Desc: true}, ts}
		}
	}
	if pg.sortBy != SortRelevance {
		// Scores are not shown in order and cost a BM25 computation per
		// term per matching document.
		sr.Score = "none"
	}
	return sr, ts
}

// runSearch runs sr; when nothing holds most of a strict query's words it
// runs the relaxed query instead (relaxed reports that it found some), and
// a page past the end is clamped to the last. It fills pg's total and
// pages.
func (ix *Index) runSearch(ctx context.Context, sr *bleve.SearchRequest, pq *parsedQuery, strict bool, pg *searchPage) (*bleve.SearchResult, bool, error) {
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, false, err
	}
	relaxed := false
	if res.Total == 0 && strict {
		// No incident has most of the words: show those with any.
		sr.Query, _, _ = ix.buildQuery(pq, true)
		if res, err = ix.bi.SearchInContext(ctx, sr); err != nil {
			return nil, false, err
		}
		relaxed = res.Total > 0
	}
	pg.total = int(res.Total)
	pg.pages = (pg.total + pg.size - 1) / pg.size
	if pg.total > 0 && pg.page > pg.pages && pg.page > 1 {
		// Past the end: clamp to the last page.
		pg.page = min(pg.pages, pg.maxPage)
		sr.From = (pg.page - 1) * pg.size
		if res, err = ix.bi.SearchInContext(ctx, sr); err != nil {
			return nil, false, err
		}
	}
	return res, relaxed, nil
}

// fillPage returns the first page's matches dms followed by the best
// matches of the relaxed query (any of the words) that are not among
// them, up to the page size, and how many it added. A team's folder of a
// few dozen postmortems often holds only two or three that have most of
// the words; the next ones that share some of them, in relevance order,
// are still worth a look and are shown after them, marked.
func (ix *Index) fillPage(ctx context.Context, sr *bleve.SearchRequest, pq *parsedQuery, dms search.DocumentMatchCollection) (search.DocumentMatchCollection, int, error) {
	more := *sr
	more.From = 0
	more.Query, _, _ = ix.buildQuery(pq, true)
	res, err := ix.bi.SearchInContext(ctx, &more)
	if err != nil {
		return nil, 0, err
	}
	seen := make(map[string]bool, len(dms))
	for _, dm := range dms {
		seen[dm.ID] = true
	}
	out := dms
	for _, dm := range res.Hits {
		if len(out) == sr.Size {
			break
		}
		if !seen[dm.ID] {
			out = append(out, dm)
		}
	}
	return out, len(out) - len(dms), nil
}

// hitsOf turns a page of matches into hits; for a text query each gets
// its fragments, or says what matched when no fragment shows it.
func (ix *Index) hitsOf(pq *parsedQuery, dms search.DocumentMatchCollection, hasText bool) ([]Hit, error) {
	hits := make([]Hit, 0, len(dms))
	for _, dm := range dms {
		h, err := hitFrom(dm)
		if err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	if !hasText || len(hits) == 0 {
		return hits, nil
	}
	if m := ix.queryMarker(pq); m != nil {
		for i, dm := range dms {
			hits[i].Fragments = m.fragments(storedTexts(dm, highlightFields))
		}
	}
	var loose *marker
	for i, dm := range dms {
		if len(hits[i].Fragments) == 0 {
			if loose == nil {
				loose = ix.looseMarker(pq)
			}
			hits[i].Matched = ix.matchedReason(pq, &hits[i], dm, loose)
		}
		if hits[i].Fragments == nil {
			hits[i].Fragments = map[string][]string{}
		}
	}
	return hits, nil
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
