package server

import (
	"fmt"
	"net/http"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/labstack/echo/v5"
)

type categoryLink struct {
	Name, Description, URL, TrendsURL, ActionsURL string
	Count                                         int
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
