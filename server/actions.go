package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/labstack/echo/v5"
)

type actionView struct {
	Text, Link, URL, Title, Date string
	// LinkLabel names Link by its host and path ("tracker.example/OPS-12").
	LinkLabel string
	Done      bool
}

// maxLinkLabel is the longest link label, in characters.
const maxLinkLabel = 52

// linkLabel names a link by where it points: its host (without "www.")
// and path; a long path loses its first segments, as many as needed but
// never the last two ("git.example.com/…/scorer/-/issues/388").
// Unparsable links are shown as they are.
func linkLabel(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	host := strings.TrimPrefix(u.Hostname(), "www.")
	var segs []string
	for _, seg := range strings.Split(u.Path, "/") {
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	label := strings.Join(append([]string{host}, segs...), "/")
	for cut := 1; utf8.RuneCountInString(label) > maxLinkLabel && cut <= len(segs)-2; cut++ {
		label = host + "/…/" + strings.Join(segs[cut:], "/")
	}
	if r := []rune(label); len(r) > maxLinkLabel {
		label = string(r[:maxLinkLabel-1]) + "…"
	}
	return label
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
			Text: r.Item.Text, Link: safeURL(r.Item.Link), LinkLabel: linkLabel(safeURL(r.Item.Link)), Done: r.Item.Done,
			URL: s.incidentURL(r.ID), Title: orID(r.Title, r.ID), Date: r.Date,
		})
	}
	pages := (res.Total + size - 1) / size
	view.Pager = s.pager("/actions", pg, pages, "q", q, "state", state)
	return s.render(c, http.StatusOK, "actions", view)
}
