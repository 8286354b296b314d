package server

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v5"
)

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
		top, err := s.topCategories(ctx, 8)
		if err != nil {
			return pageView{}, errInternal(err)
		}
		recent, err := s.search(ctx, searchParams{Sort: "newest", Page: 1, Size: 8})
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("recent incidents: %w", err))
		}
		return pageView{Status: http.StatusOK, Template: "home", Cacheable: true, Data: homePage{
			page:       page{Title: "Postmortem search"},
			Total:      total,
			Categories: top,
			Recent:     s.hitViews(recent.Hits),
		}}, nil
	})
}

// topCategories are the n categories with the most incidents (none
// without), their descriptions cut to the first clause.
func (s *Server) topCategories(ctx context.Context, n int) ([]categoryLink, error) {
	cats, err := s.ix.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	links := s.categoryLinks(cats)
	sort.SliceStable(links, func(i, j int) bool { return links[i].Count > links[j].Count })
	top := links[:0]
	for _, l := range links {
		if l.Count > 0 && len(top) < n {
			l.Description = firstClause(l.Description)
			top = append(top, l)
		}
	}
	return top, nil
}

// firstClause shortens a category description for the home page: up to
// the first colon or full stop.
func firstClause(d string) string {
	if i := strings.IndexAny(d, ":."); i > 0 {
		return d[:i]
	}
	return d
}
