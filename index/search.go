package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
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
	Query    string        `json:"query"`
	Total    int           `json:"total"`
	Page     int           `json:"page"`
	PageSize int           `json:"page_size"`
	Pages    int           `json:"pages"`
	Sort     string        `json:"sort"`
	Hits     []Hit         `json:"hits"`
	Facets   Facets        `json:"facets"`
	Took     time.Duration `json:"took_ns"`
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
	Fragments   map[string][]string `json:"fragments"`
	OpenActions int                 `json:"open_actions"`
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
var fieldBoosts = []struct {
	field string
	boost float64
}{
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
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	pq, err := ix.parseSearchQuery(req.Query, now)
	if err != nil {
		return nil, err
	}
	q, hasText := ix.buildQuery(pq)
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

	sr := bleve.NewSearchRequestOptions(q, size, (page-1)*size, false)
	sr.Fields = []string{fHit}
	sr.Sort = sortOrder(sortBy)
	if hasText {
		sr.Highlight = bleve.NewHighlightWithStyle(html.Name)
		sr.Highlight.Fields = highlightFields
	}
	addFacets(sr)
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
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
	out := &Result{
		Query: req.Query, Total: total, Page: page, PageSize: size, Pages: pages, Sort: sortBy,
		Hits: make([]Hit, 0, len(res.Hits)),
	}
	for _, dm := range res.Hits {
		h, err := hitFrom(dm)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, h)
	}
	out.Facets = facetsFrom(res.Facets)
	out.Took = time.Since(start)
	return out, nil
}

func sortOrder(by string) search.SortOrder {
	started := func(desc bool) search.SearchSort {
		return &search.SortField{Field: fStartedAt, Desc: desc, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast}
	}
	switch by {
	case SortNewest:
		return search.SortOrder{started(true), &search.SortDocID{}}
	case SortOldest:
		return search.SortOrder{started(false), &search.SortDocID{}}
	case SortLongest:
		return search.SortOrder{
			&search.SortField{Field: fDuration, Desc: true, Type: search.SortFieldAsNumber, Missing: search.SortFieldMissingLast},
			started(true), &search.SortDocID{},
		}
	default:
		return search.SortOrder{&search.SortScore{Desc: true}, started(true), &search.SortDocID{}}
	}
}

func addFacets(sr *bleve.SearchRequest) {
	sr.AddFacet(fCategories, bleve.NewFacetRequest(fCategories, 32))
	sr.AddFacet(fServices, bleve.NewFacetRequest(fSvcLabel, 30))
	sr.AddFacet(fOrganization, bleve.NewFacetRequest(fOrgLabel, 30))
	sr.AddFacet(fSeverity, bleve.NewFacetRequest(fSeverity, 20))
	sr.AddFacet(fYear, bleve.NewFacetRequest(fYear, 100))
	df := bleve.NewFacetRequest(fDuration, len(durationBuckets))
	for _, b := range durationBuckets {
		lo, hi := b.min, b.max
		var hp *float64
		if !math.IsInf(hi, 1) {
			hp = &hi
		}
		df.AddNumericRange(b.value, &lo, hp)
	}
	sr.AddFacet(fDuration, df)
}

func facetsFrom(fr search.FacetResults) Facets {
	var f Facets
	terms := func(name string, merge bool) []FacetValue {
		r, ok := fr[name]
		if !ok || r.Terms == nil {
			return []FacetValue{}
		}
		out := []FacetValue{}
		pos := map[string]int{}
		for _, t := range r.Terms.Terms() {
			v := strings.ToLower(t.Term)
			if i, ok := pos[v]; ok && merge {
				out[i].Count += t.Count
				continue
			}
			pos[v] = len(out)
			out = append(out, FacetValue{Value: v, Label: t.Term, Count: t.Count})
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
		return out
	}
	f.Categories = terms(fCategories, false)
	f.Services = terms(fServices, true)
	f.Organizations = terms(fOrganization, true)
	f.Severities = terms(fSeverity, false)
	f.Years = terms(fYear, false)
	sort.SliceStable(f.Years, func(i, j int) bool { return f.Years[i].Value > f.Years[j].Value })
	f.Durations = []FacetValue{}
	if r, ok := fr[fDuration]; ok {
		counts := map[string]int{}
		for _, nr := range r.NumericRanges {
			counts[nr.Name] = nr.Count
		}
		for _, b := range durationBuckets {
			if c := counts[b.value]; c > 0 {
				f.Durations = append(f.Durations, FacetValue{Value: b.value, Label: b.label, Count: c})
			}
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
	for f, frs := range dm.Fragments {
		// bleve returns a leading fragment for every requested field;
		// keep only those around a match.
		var keep []string
		for _, fr := range frs {
			if strings.Contains(fr, "<mark>") {
				keep = append(keep, fr)
			}
		}
		if len(keep) > 0 {
			h.Fragments[f] = keep
		}
	}
	return h, nil
}

// textConcept is one thing a query asks for: a word, or a synonym group
// (any of its terms).
type textConcept struct {
	terms []synTerm
	boost float64
}

// buildQuery turns a parsed query into a bleve query; hasText is false
// when it has no words or phrases (a pure filter or empty query).
func (ix *Index) buildQuery(pq *parsedQuery) (q query.Query, hasText bool) {
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
		var concepts []textConcept
		for _, t := range toks {
			concepts = append(concepts, textConcept{terms: []synTerm{{raw: t, tokens: []string{t}}}, boost: 1})
		}
		for _, m := range ix.syn.match(toks) {
			var alts []synTerm
			seen := map[string]bool{}
			for _, gi := range m.groups {
				for _, t := range ix.syn.groups[gi].terms {
					k := strings.Join(t.tokens, " ")
					if !seen[k] {
						seen[k] = true
						alts = append(alts, t)
					}
				}
			}
			concepts = append(concepts, textConcept{terms: alts, boost: 0.8})
		}
		var dis []query.Query
		for _, c := range concepts {
			dis = append(dis, ix.conceptQuery(c))
		}
		should = append(should, query.NewDisjunctionQuery(dis))
		for cat, w := range categoriesFor(ix.catHints, toks) {
			should = append(should, categoryBoost(cat, w))
		}
	}
	for _, ph := range pq.Phrases {
		ptoks := analyze(ix.analyzer, ph)
		if len(ptoks) == 0 {
			continue
		}
		hasText = true
		must = append(must, ix.phraseQuery(ph, ptoks, 1))
	}
	for _, ex := range pq.Excluded {
		etoks := analyze(ix.analyzer, ex)
		if len(etoks) == 0 {
			continue
		}
		mustNot = append(mustNot, ix.phraseQuery(ex, etoks, 1))
	}
	if len(must) == 0 && len(should) == 0 {
		must = append(must, query.NewMatchAllQuery())
	}
	bq := query.NewBooleanQuery(must, should, mustNot)
	if len(should) > 0 {
		// Words must match (or the query names the incident's category);
		// with filters alone in must, should would only rank.
		bq.Should.(*query.DisjunctionQuery).SetMin(1)
	}
	return bq, hasText
}

// maxQueryTokens bounds how many analysed words of a query count, so a
// 10 KB query never expands into an unbounded bleve query.
const maxQueryTokens = 32

// conceptQuery matches any term of the concept in any text field.
func (ix *Index) conceptQuery(c textConcept) query.Query {
	var dis []query.Query
	for _, t := range c.terms {
		dis = append(dis, ix.phraseQuery(t.raw, t.tokens, c.boost))
	}
	if len(dis) == 1 {
		return dis[0]
	}
	return query.NewDisjunctionQuery(dis)
}

// phraseQuery matches an analysed term sequence in any text field, with
// the field boosts.
func (ix *Index) phraseQuery(raw string, toks []string, boost float64) query.Query {
	var dis []query.Query
	for _, fb := range fieldBoosts {
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
	categoryPrimaryBoost = 2.0
	categoryAnyBoost     = 1.0
)

// errIsQuery reports whether err is a *QueryError.
func errIsQuery(err error) bool {
	var qe *QueryError
	return errors.As(err, &qe)
}
