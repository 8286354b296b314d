package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/index/query"
	"github.com/hindsight-kb/hindsight/ui"
	"github.com/labstack/echo/v5"
)

// hitView is one search result as the templates show it.
type hitView struct {
	ID, URL, Title, Date, Duration  string
	Primary, Organization, Severity string
	Services                        []string
	Snippets                        []template.HTML
	OpenActions                     int
}

// fragmentFields is the order in which highlighted fields are shown.
var fragmentFields = []string{"summary", "root_cause", "impact", "resolution", "lessons", "body", "timeline", "action_items", "title"}

func (s *Server) hitViews(hits []index.Hit) []hitView {
	out := make([]hitView, 0, len(hits))
	for _, h := range hits {
		v := hitView{
			ID: h.ID, URL: s.incidentURL(h.ID), Title: h.Title, Date: h.Date,
			Duration: ui.FormatDuration(h.DurationMinutes), Primary: h.PrimaryCategory,
			Organization: h.Organization, Severity: h.Severity, Services: h.Services,
			OpenActions: h.OpenActions,
		}
		if v.Title == "" {
			v.Title = h.ID
		}
		for _, f := range fragmentFields {
			if f == "title" && len(v.Snippets) > 0 {
				break
			}
			for _, frag := range h.Fragments[f] {
				if len(v.Snippets) < 2 {
					v.Snippets = append(v.Snippets, safeFragment(frag))
				}
			}
		}
		out = append(out, v)
	}
	return out
}

// safeFragment trusts a highlighted fragment only if its sole markup is
// <mark>…</mark> (as the index promises); anything else is escaped.
func safeFragment(s string) template.HTML {
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(rest, "<>") || strings.Count(s, "<mark>") != strings.Count(s, "</mark>") {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(s)
}

func (s *Server) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// search runs a search and records its latency.
func (s *Server) search(ctx context.Context, p searchParams) (*index.Result, error) {
	start := time.Now()
	res, err := s.ix.Search(ctx, index.Request{Query: p.Q, Sort: p.Sort, Page: p.Page, PageSize: p.Size, Now: s.now()})
	s.metrics.search.Observe(time.Since(start).Seconds())
	return res, err
}

// queryErr returns the parser's message for a bad query, or "".
func queryErr(err error) string {
	var qe *query.QueryError
	if errors.As(err, &qe) {
		return qe.Error()
	}
	return ""
}

// filterLink is the query with one filter, for links such as "more
// incidents of this service".
func (s *Server) filterQuery(key, value string) string {
	return parseFilters("").Toggle(key, value)
}

func (s *Server) searchLink(q string) string { return s.link("/search", "q", q) }

// --- Home ---

type categoryLink struct {
	Name, Description, URL, TrendsURL, ActionsURL string
	Count                                         int
}

type homePage struct {
	page
	Total      int
	Categories []categoryLink
	Recent     []hitView
}

func (s *Server) homePage(c *echo.Context) error {
	return s.cachedPage(c, pageKey("home"), func() (pageView, error) {
		ctx := c.Request().Context()
		total, err := s.ix.Count()
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("count: %w", err))
		}
		cats, err := s.ix.Categories(ctx)
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("categories: %w", err))
		}
		recent, err := s.search(ctx, searchParams{Sort: "newest", Page: 1, Size: 8})
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("recent incidents: %w", err))
		}
		links := s.categoryLinks(cats)
		sort.SliceStable(links, func(i, j int) bool { return links[i].Count > links[j].Count })
		top := links[:0]
		for _, l := range links {
			if l.Count > 0 && len(top) < 8 {
				l.Description = firstClause(l.Description)
				top = append(top, l)
			}
		}
		return pageView{Status: http.StatusOK, Template: "home", Cacheable: true, Data: homePage{
			page:       page{Title: "Postmortem search"},
			Total:      total,
			Categories: top,
			Recent:     s.hitViews(recent.Hits),
		}}, nil
	})
}

// firstClause shortens a category description for the home page: up to
// the first colon or full stop.
func firstClause(d string) string {
	if i := strings.IndexAny(d, ":."); i > 0 {
		return d[:i]
	}
	return d
}

func (s *Server) categoryLinks(cats []index.CategoryCount) []categoryLink {
	out := make([]categoryLink, 0, len(cats))
	for _, c := range cats {
		q := s.filterQuery("category", c.Name)
		out = append(out, categoryLink{
			Name: c.Name, Description: c.Description, Count: c.Count,
			URL: s.searchLink(q), TrendsURL: s.link("/trends", "q", q), ActionsURL: s.link("/actions", "q", q),
		})
	}
	return out
}

// --- Search ---

type facetLink struct {
	Key, Value, Label, URL string
	Count                  int
	Active                 bool
}

type facetGroup struct {
	Key, Label string
	Values     []facetLink
}

type link struct {
	Label, URL string
	Active     bool
}

type pager struct {
	Prev, Next string
	Links      []link
	Pages      int
}

type searchPage struct {
	page
	Total                                  int
	Relaxed                                bool // no hit matched most of the words
	Took                                   string
	Hits                                   []hitView
	Facets                                 []facetGroup
	Chips                                  []link
	Suggestions                            []link
	Sorts                                  []link
	Pager                                  pager
	TrendsURL, ActionsURL, APIURL, FeedURL string
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
			return pageView{Status: http.StatusBadRequest, Template: "search", Data: view}, nil
		}
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("search %q: %w", p.Q, err))
		}
		s.fillSearchView(&view, p, res)
		return pageView{Status: http.StatusOK, Template: "search", Data: view, Cacheable: !relativeQuery(p.Q)}, nil
	})
}

func (s *Server) fillSearchView(view *searchPage, p searchParams, res *index.Result) {
	view.Total = res.Total
	view.Relaxed = res.Relaxed
	view.Took = res.Took.Round(100 * time.Microsecond).String()
	view.Hits = s.hitViews(res.Hits)
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

func pageParam(n int) string {
	if n <= 1 {
		return ""
	}
	return strconv.Itoa(n)
}

// pager builds page links around the current page.
func (s *Server) pager(path string, cur, pages int, kv ...string) pager {
	pg := pager{Pages: pages}
	if pages <= 1 {
		return pg
	}
	at := func(n int) string {
		return s.link(path, append(append([]string{}, kv...), "page", pageParam(n))...)
	}
	if cur > 1 {
		pg.Prev = at(cur - 1)
	}
	if cur < pages {
		pg.Next = at(cur + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < cur-2 || n > cur+2) {
			continue
		}
		if last != 0 && n > last+1 {
			pg.Links = append(pg.Links, link{Label: "…"})
		}
		pg.Links = append(pg.Links, link{Label: strconv.Itoa(n), URL: at(n), Active: n == cur})
		last = n
	}
	return pg
}

// --- Incident ---

type catView struct {
	Name, URL, Evidence, Confidence, Source string
	Primary                                 bool
}

type similarView struct {
	URL, Title, Date, Why string
}

type recurrence struct {
	URL, Title, When string
	Open             int
	Items            []string
}

type timelineView struct {
	At, DateTime, Text string
}

type incidentPage struct {
	page
	Rec        corpus.Record
	Timeline   []timelineView
	Primary    string
	Categories []catView
	Services   []link
	OrgURL     string
	Similar    []similarView
	Recurrence *recurrence
	Document   template.HTML
	SourceURL  string
}

// SafeLink returns an action item's link if it is http(s), else "".
func (incidentPage) SafeLink(s string) string { return safeURL(s) }

func (s *Server) incidentPage(c *echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rec, err := s.ix.Get(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return errNotFound("No incident with that id.")
	}
	if err != nil {
		return errInternal(fmt.Errorf("get %s: %w", id, err))
	}
	view := incidentPage{page: page{Title: rec.Title}, Rec: rec, Primary: rec.PrimaryCategory()}
	if view.Title == "" {
		view.Title = rec.ID
	}
	for i, cat := range rec.Categories {
		view.Categories = append(view.Categories, catView{
			Name: cat.Name, URL: s.searchLink(s.filterQuery("category", cat.Name)), Evidence: cat.Evidence,
			Confidence: fmt.Sprintf("confidence %.0f%%, from %s", cat.Confidence*100, cat.Source), Primary: i == 0,
		})
	}
	for _, svc := range rec.Services {
		view.Services = append(view.Services, link{Label: svc, URL: s.searchLink(s.filterQuery("service", svc))})
	}
	if rec.Organization != "" {
		view.OrgURL = s.searchLink(s.filterQuery("org", rec.Organization))
	}
	sim, err := s.ix.Similar(ctx, id, 5)
	if err != nil {
		s.log.Warn("similar incidents", "id", id, "error", err.Error())
	} else {
		for _, h := range sim.Similar {
			view.Similar = append(view.Similar, similarView{URL: s.incidentURL(h.ID), Title: orID(h.Title, h.ID), Date: h.Date, Why: whyText(h.Why)})
		}
		view.Recurrence = s.recurrence(ctx, rec, sim.Similar)
	}
	view.Timeline = timelineViews(rec)
	view.Document, view.SourceURL = s.document(rec)
	return s.render(c, http.StatusOK, "incident", view)
}

// timelineViews shows RFC 3339 stamps as "15:04" on the incident's own
// day and "2006-01-02 15:04" otherwise (in the stamp's zone, with the zone
// when it is not UTC); other stamps are shown as written.
func timelineViews(rec corpus.Record) []timelineView {
	out := make([]timelineView, 0, len(rec.Timeline))
	for _, e := range rec.Timeline {
		v := timelineView{At: e.At, Text: e.Text}
		if t, err := time.Parse(time.RFC3339, e.At); err == nil {
			v.DateTime = e.At
			layout := "2006-01-02 15:04"
			if t.Format("2006-01-02") == rec.Date {
				layout = "15:04"
			}
			if _, off := t.Zone(); off != 0 {
				layout += " -07:00"
			}
			v.At = t.Format(layout)
		}
		out = append(out, v)
	}
	return out
}

func orID(title, id string) string {
	if title == "" {
		return id
	}
	return title
}

// whyText explains a similarity in one line.
func whyText(w index.Why) string {
	var parts []string
	if len(w.Categories) > 0 {
		parts = append(parts, "same root cause: "+strings.Join(w.Categories, ", "))
	}
	if len(w.Services) > 0 {
		parts = append(parts, "same services: "+strings.Join(w.Services, ", "))
	}
	if len(w.Terms) > 0 {
		t := w.Terms
		if len(t) > 6 {
			t = t[:6]
		}
		parts = append(parts, "shared terms: "+strings.Join(t, ", "))
	}
	return strings.Join(parts, "; ")
}

// recurrence finds the most similar earlier incident whose action items
// are still open and that looks like the same failure: same organization
// (when both say), same primary root cause, and a shared service (or, in
// the same organization, at least three shared significant terms). A looser match would put a warning
// on nearly every page, and warnings nobody believes are noise.
func (s *Server) recurrence(ctx context.Context, rec corpus.Record, similar []index.SimilarHit) *recurrence {
	for _, h := range similar {
		if h.OpenActions == 0 || h.Date == "" || rec.Date == "" || h.Date >= rec.Date {
			continue
		}
		if rec.Organization != "" && h.Organization != "" && !strings.EqualFold(rec.Organization, h.Organization) {
			continue
		}
		if h.PrimaryCategory == "" || h.PrimaryCategory != rec.PrimaryCategory() {
			continue
		}
		sameOrg := rec.Organization != "" && strings.EqualFold(rec.Organization, h.Organization)
		if len(h.Why.Services) == 0 && !(sameOrg && len(h.Why.Terms) >= 3) {
			continue
		}
		r := &recurrence{URL: s.incidentURL(h.ID), Title: orID(h.Title, h.ID), When: ui.MonthYear(h.Date), Open: h.OpenActions}
		if prev, err := s.ix.Get(ctx, h.ID); err == nil {
			for _, a := range prev.ActionItems {
				if !a.Done {
					r.Items = append(r.Items, a.Text)
				}
			}
		}
		return r
	}
	return nil
}

// --- Categories ---

type categoriesPage struct {
	page
	Categories []categoryLink
}

func (s *Server) categoriesPage(c *echo.Context) error {
	return s.cachedPage(c, pageKey("categories"), func() (pageView, error) {
		cats, err := s.ix.Categories(c.Request().Context())
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("categories: %w", err))
		}
		return pageView{Status: http.StatusOK, Template: "categories", Cacheable: true, Data: categoriesPage{
			page:       page{Title: "Root-cause categories", Nav: "categories"},
			Categories: s.categoryLinks(cats),
		}}, nil
	})
}

// --- Action items ---

type actionView struct {
	Text, Link, URL, Title, Date string
	Done                         bool
}

type actionsPage struct {
	page
	State  string
	States []link
	Total  int
	Items  []actionView
	Pager  pager
}

const actionsPageSize = 50

func (s *Server) actionsParams(c *echo.Context) (q, state string, open *bool, pg, size int, err error) {
	if q, err = queryParam(c); err != nil {
		return
	}
	if state, err = choiceParam(c, "state", "open", "done", "all"); err != nil {
		return
	}
	switch state {
	case "open":
		t := true
		open = &t
	case "done":
		f := false
		open = &f
	}
	if pg, err = intParam(c, "page", 1, 1, maxPage); err != nil {
		return
	}
	size, err = intParam(c, "size", actionsPageSize, 1, 100)
	return
}

func (s *Server) actionsPage(c *echo.Context) error {
	q, state, open, pg, size, err := s.actionsParams(c)
	if err != nil {
		return err
	}
	view := actionsPage{page: page{Title: "Action items", Nav: "actions", Q: q}, State: state}
	for _, st := range []struct{ value, label string }{{"", "all"}, {"open", "open"}, {"done", "done"}} {
		view.States = append(view.States, link{Label: st.label, URL: s.link("/actions", "q", q, "state", st.value), Active: st.value == state})
	}
	res, err := s.ix.Actions(c.Request().Context(), index.ActionsRequest{Query: q, Open: open, Page: pg, PageSize: size, Now: s.now()})
	if msg := queryErr(err); msg != "" {
		view.QueryError = msg
		return s.render(c, http.StatusBadRequest, "actions", view)
	}
	if err != nil {
		return errInternal(fmt.Errorf("actions %q: %w", q, err))
	}
	view.Total = res.Total
	for _, r := range res.Items {
		view.Items = append(view.Items, actionView{
			Text: r.Item.Text, Link: safeURL(r.Item.Link), Done: r.Item.Done,
			URL: s.incidentURL(r.ID), Title: orID(r.Title, r.ID), Date: r.Date,
		})
	}
	pages := (res.Total + size - 1) / size
	view.Pager = s.pager("/actions", pg, pages, "q", q, "state", state)
	return s.render(c, http.StatusOK, "actions", view)
}
