package index

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/corpus"
)

// CategoryCount is one root-cause category with its description and the
// number of incidents tagged with it (primary or contributing).
type CategoryCount struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Count       int    `json:"count"`
}

// Categories lists the taxonomy's categories in its order with their
// counts, then any other category found in the index.
func (ix *Index) Categories(ctx context.Context) ([]CategoryCount, error) {
	sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	addFacets(sr)
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	counts := map[string]int{}
	for _, v := range facetsFrom(res.Facets).Categories {
		counts[v.Value] = v.Count
	}
	out := []CategoryCount{}
	seen := map[string]bool{}
	for _, c := range ix.tax.Categories {
		out = append(out, CategoryCount{Name: c.Name, Description: c.Description, Count: counts[c.Name]})
		seen[c.Name] = true
	}
	var extra []CategoryCount
	for name, n := range counts {
		if !seen[name] {
			extra = append(extra, CategoryCount{Name: name, Count: n})
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Name < extra[j].Name })
	return append(out, extra...), nil
}

// ActionsRequest selects action items: those of the incidents matching
// Query (the search query language), open ones only when Open is true,
// done ones only when false.
type ActionsRequest struct {
	Query    string
	Open     *bool
	Page     int // 1-based, clamped
	PageSize int // clamped to [1, MaxPageSize]; 0 = 20
	Now      time.Time
}

// ActionsResult is one page of action items, open ones first, newest
// incident first within each.
type ActionsResult struct {
	Total    int         `json:"total"`
	Page     int         `json:"page"`
	PageSize int         `json:"page_size"`
	Items    []ActionRow `json:"items"`
}

// ActionRow is one action item with the incident it came from.
type ActionRow struct {
	ID     string            `json:"id"`
	Title  string            `json:"title"`
	Date   string            `json:"date"`
	Source string            `json:"source"`
	Item   corpus.ActionItem `json:"item"`
}

// Actions lists action items across incidents.
func (ix *Index) Actions(ctx context.Context, req ActionsRequest) (*ActionsResult, error) {
	pq, err := ix.parseSearchQuery(req.Query, req.Now)
	if err != nil {
		return nil, err
	}
	q, _, _ := ix.buildQuery(pq, false)
	has := "action_items"
	if req.Open != nil && *req.Open {
		has = "open_actions"
	}
	hq := query.NewTermQuery(has)
	hq.SetField(fHas)
	q = query.NewConjunctionQuery([]query.Query{q, hq})
	sr := bleve.NewSearchRequestOptions(q, maxResultWindow, 0, false)
	sr.Fields = []string{fRec, fTitle}
	res, err := ix.sortedSearch(ctx, sr, SortNewest)
	if err != nil {
		return nil, fmt.Errorf("actions: %w", err)
	}
	var open, done []ActionRow
	for _, dm := range res.Hits {
		r, err := recordFromFields(dm.Fields)
		if err != nil {
			return nil, fmt.Errorf("actions: %s: %w", dm.ID, err)
		}
		for _, a := range r.ActionItems {
			if req.Open != nil && a.Done == *req.Open {
				continue
			}
			row := ActionRow{ID: dm.ID, Title: r.Title, Date: recordDate(&r), Source: r.Source, Item: a}
			if a.Done {
				done = append(done, row)
			} else {
				open = append(open, row)
			}
		}
	}
	all := append(open, done...)
	size := req.PageSize
	if size == 0 {
		size = DefaultPageSize
	}
	size = max(1, min(size, ix.cfg.MaxPageSize))
	pages := max(1, (len(all)+size-1)/size)
	page := max(1, min(req.Page, pages))
	from := min((page-1)*size, len(all))
	to := min(from+size, len(all))
	return &ActionsResult{Total: len(all), Page: page, PageSize: size, Items: append([]ActionRow{}, all[from:to]...)}, nil
}
