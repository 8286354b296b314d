package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/labstack/echo/v5"
)

type facetLink struct {
	Key, Value, Label, URL string
	Count                  int
	Active                 bool
}

type facetGroup struct {
	Key, Label string
	Values     []facetLink
}

type searchPage struct {
	page
	Total   int
	Relaxed bool // no hit matched most of the words
	Took    string
	Hits    []hitView
	// PartialHits follow Hits: they match only some of the words.
	PartialHits                            []hitView
	Facets                                 []facetGroup
	Chips                                  []link
	Suggestions                            []link
	Sorts                                  []link
	Pager                                  pager
	TrendsURL, ActionsURL, APIURL, FeedURL string
	// Browse, when nothing matched, are the busiest root causes: a
	// place to start instead of an empty sidebar.
	Browse []categoryLink
}

// maxFacetValues is the number of values shown per facet.
const maxFacetValues = 12

// facetGroups maps result facets to query-language filter keys.
func facetGroups(f index.Facets) []struct {
	key, label string
	values     []index.FacetValue
} {
	return []struct {
		key, label string
		values     []index.FacetValue
	}{
		{"category", "Root cause", f.Categories},
		{"service", "Service", f.Services},
		{"org", "Organization", f.Organizations},
		{"severity", "Severity", f.Severities},
		{"year", "Year", f.Years},
		{"duration", "Duration", f.Durations},
	}
}

func (s *Server) searchPage(c *echo.Context) error {
	p, err := s.parseSearch(c, s.cfg.PageSize)
	if err != nil {
		return err
	}
	key := pageKey("search", p.Q, p.Sort, strconv.Itoa(p.Page), strconv.Itoa(p.Size))
	return s.cachedPage(c, key, func() (pageView, error) {
		view := searchPage{page: page{Title: "Search", Nav: "search", Q: p.Q}}
		if p.Q != "" {
			view.Title = p.Q + " — search"
		}
		res, err := s.search(c.Request().Context(), p)
		if msg := queryErr(err); msg != "" {
			view.QueryError = msg
			view.Title = "Bad query — search"
			s.emptyState(c.Request().Context(), &view, p)
			return pageView{Status: http.StatusBadRequest, Template: "search", Data: view}, nil
		}
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("search %q: %w", p.Q, err))
		}
		s.fillSearchView(&view, p, res)
		if len(view.Hits) == 0 {
			s.emptyState(c.Request().Context(), &view, p)
		}
		return pageView{Status: http.StatusOK, Template: "search", Data: view, Cacheable: !relativeQuery(p.Q)}, nil
	})
}

func (s *Server) fillSearchView(view *searchPage, p searchParams, res *index.Result) {
	view.Total = res.Total
	view.Relaxed = res.Relaxed
	view.Took = res.Took.Round(100 * time.Microsecond).String()
	view.Hits, view.PartialHits = splitPartial(s.hitViews(res.Hits), res.Partial)
	pq := parseFilters(p.Q)
	sortParam := p.Sort
	for _, g := range facetGroups(res.Facets) {
		fg := facetGroup{Key: g.key, Label: g.label}
		for i, v := range g.values {
			if i >= maxFacetValues {
				break
			}
			fl := facetLink{Key: g.key, Value: v.Value, Label: v.Label, Count: v.Count}
			if fl.Label == "" {
				fl.Label = v.Value
			}
			fs := facetFilters(g.key, v.Value)
			if len(fs) == 0 {
				continue
			}
			fl.Active = pq.HasAll(fs)
			fl.URL = s.link("/search", "q", pq.ToggleAll(fs), "sort", sortParam)
			fg.Values = append(fg.Values, fl)
		}
		view.Facets = append(view.Facets, fg)
	}
	for i, f := range pq.Filters() {
		l := link{Label: f.Label(), URL: s.link("/search", "q", pq.Without(i), "sort", sortParam)}
		view.Chips = append(view.Chips, l)
		view.Suggestions = append(view.Suggestions, link{Label: "without " + l.Label, URL: l.URL})
	}
	for _, so := range sorts {
		active := so == res.Sort || (res.Sort == "" && so == p.Sort)
		view.Sorts = append(view.Sorts, link{Label: so, URL: s.link("/search", "q", p.Q, "sort", so), Active: active})
	}
	view.Pager = s.pager("/search", res.Page, res.Pages, "q", p.Q, "sort", sortParam)
	view.TrendsURL = s.link("/trends", "q", p.Q)
	view.ActionsURL = s.link("/actions", "q", p.Q)
	view.APIURL = s.link("/api/v1/search", "q", p.Q, "sort", sortParam, "page", pageParam(res.Page))
	view.FeedURL = s.link("/feed.atom", "q", p.Q)
}

// emptyState gives a search that found nothing somewhere to go: the
// query without any of its filters (each one alone is already a
// suggestion) and the busiest root causes to browse.
func (s *Server) emptyState(ctx context.Context, view *searchPage, p searchParams) {
	if n := len(parseFilters(p.Q).Filters()); n > 1 {
		q := p.Q
		for range n {
			q = parseFilters(q).Without(0)
		}
		label := "without any filter"
		if q != "" {
			label += ": " + q
		}
		view.Suggestions = append(view.Suggestions, link{Label: label, URL: s.link("/search", "q", q, "sort", p.Sort)})
	}
	browse, err := s.topCategories(ctx, 8)
	if err != nil {
		s.log.Warn("categories for an empty search", "error", err.Error())
		return
	}
	view.Browse = browse
}

// splitPartial splits hits into the full matches and the last partial
// ones, which match only some of the query's words.
func splitPartial(hits []hitView, partial int) (full, some []hitView) {
	n := max(0, len(hits)-partial)
	return hits[:n], hits[n:]
}
