package server

import (
	"context"
	"errors"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/index/query"
	"github.com/hindsight-kb/hindsight/ui"
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
		if len(v.Snippets) == 0 && h.Matched != "" {
			v.Snippets = append(v.Snippets, template.HTML(template.HTMLEscapeString("matched: "+h.Matched)))
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

type link struct {
	Label, URL string
	Active     bool
}

type pager struct {
	Prev, Next string
	Links      []link
	Pages      int
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

func orID(title, id string) string {
	if title == "" {
		return id
	}
	return title
}
