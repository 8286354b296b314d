package server

import (
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v5"
)

type embedPage struct {
	page
	Total int
	Hits  []hitView
	// PartialHits follow Hits: they match only some of the words.
	PartialHits []hitView
	MoreURL     string
}

// embedPage is the compact results page for an <iframe> in a wiki: no
// site chrome, links open in the top window, framing allowed only from
// the configured origins.
func (s *Server) embedPage(c *echo.Context) error {
	p, err := s.parseSearch(c, 10)
	if err != nil {
		return err
	}
	key := pageKey("embed", p.Q, p.Sort, strconv.Itoa(p.Page), strconv.Itoa(p.Size))
	return s.cachedPage(c, key, func() (pageView, error) {
		view := embedPage{page: page{Title: "Postmortems", Q: p.Q}, MoreURL: s.searchLink(p.Q)}
		if p.Q != "" {
			view.Title = p.Q + " — postmortems"
		}
		res, err := s.search(c.Request().Context(), p)
		if msg := queryErr(err); msg != "" {
			view.QueryError = msg
			return pageView{Status: http.StatusBadRequest, Template: "embed", Data: view}, nil
		}
		if err != nil {
			return pageView{}, errInternal(fmt.Errorf("embed search %q: %w", p.Q, err))
		}
		view.Total = res.Total
		view.Hits, view.PartialHits = splitPartial(s.hitViews(res.Hits), res.Partial)
		return pageView{Status: http.StatusOK, Template: "embed", Data: view, Cacheable: !relativeQuery(p.Q)}, nil
	})
}

// origin is the scheme and host the client used, for absolute URLs in
// the feed and the OpenSearch description. X-Forwarded-Proto/Host count
// only from trusted proxies.
func (s *Server) origin(c *echo.Context) string {
	r := c.Request()
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if peer, _, err := net.SplitHostPort(r.RemoteAddr); err == nil && len(s.proxies) > 0 {
		if ip := net.ParseIP(peer); ip != nil && s.trusted(ip) {
			if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
				scheme = p
			}
			if h := r.Header.Get("X-Forwarded-Host"); h != "" && validHost(h) {
				host = h
			}
		}
	}
	if !validHost(host) {
		host = "localhost"
	}
	return scheme + "://" + host
}

func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:[]", r)) {
			return false
		}
	}
	return true
}

type osDescription struct {
	XMLName        xml.Name `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName      string   `xml:"ShortName"`
	Description    string   `xml:"Description"`
	InputEncoding  string   `xml:"InputEncoding"`
	OutputEncoding string   `xml:"OutputEncoding"`
	Image          osImage  `xml:"Image"`
	URLs           []osURL  `xml:"Url"`
}

type osImage struct {
	Width  int    `xml:"width,attr"`
	Height int    `xml:"height,attr"`
	Type   string `xml:"type,attr"`
	URL    string `xml:",chardata"`
}

type osURL struct {
	Type     string `xml:"type,attr"`
	Method   string `xml:"method,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// openSearch lets browsers add Hindsight as a search engine.
func (s *Server) openSearch(c *echo.Context) error {
	base := s.origin(c) + s.ui.URL("")
	d := osDescription{
		ShortName: "Hindsight", Description: "Search incident postmortems",
		InputEncoding: "UTF-8", OutputEncoding: "UTF-8",
		Image: osImage{Width: 32, Height: 32, Type: "image/svg+xml", URL: s.origin(c) + s.ui.AssetURL("favicon.svg")},
		URLs: []osURL{
			{Type: "text/html", Method: "get", Template: base + "/search?q={searchTerms}"},
			{Type: "application/json", Template: base + "/api/v1/search?q={searchTerms}"},
			{Type: "application/atom+xml", Template: base + "/feed.atom?q={searchTerms}"},
		},
	}
	out, err := xml.MarshalIndent(d, "", "  ")
	if err != nil {
		return errInternal(err)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "application/opensearchdescription+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Summary    string         `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// feed is an Atom feed of the newest incidents matching q.
func (s *Server) feed(c *echo.Context) error {
	q, err := queryParam(c)
	if err != nil {
		return err
	}
	res, err := s.search(c.Request().Context(), searchParams{Q: q, Sort: "newest", Page: 1, Size: 30})
	if msg := queryErr(err); msg != "" {
		return newError(http.StatusBadRequest, "bad_query", "%s", msg)
	}
	if err != nil {
		return errInternal(fmt.Errorf("feed %q: %w", q, err))
	}
	origin := s.origin(c)
	title := "Hindsight: newest incidents"
	if q != "" {
		title += " for " + q
	}
	f := atomFeed{
		Title: title, ID: origin + s.link("/feed.atom", "q", q), Updated: atomDate(""),
		Links: []atomLink{
			{Href: origin + s.link("/feed.atom", "q", q), Rel: "self", Type: "application/atom+xml"},
			{Href: origin + s.searchLink(q), Rel: "alternate", Type: "text/html"},
		},
		Author: atomAuthor{Name: "Hindsight"},
	}
	for i, h := range res.Hits {
		if i == 0 {
			f.Updated = atomDate(h.Date)
		}
		var facts []string
		for _, v := range []string{h.PrimaryCategory, h.Organization, h.Severity} {
			if v != "" {
				facts = append(facts, v)
			}
		}
		if len(h.Services) > 0 {
			facts = append(facts, "services: "+strings.Join(h.Services, ", "))
		}
		e := atomEntry{
			Title: orID(h.Title, h.ID), ID: origin + s.incidentURL(h.ID), Updated: atomDate(h.Date),
			Link:    atomLink{Href: origin + s.incidentURL(h.ID), Rel: "alternate", Type: "text/html"},
			Summary: strings.Join(facts, " · "),
		}
		for _, cat := range h.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: cat})
		}
		f.Entries = append(f.Entries, e)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return errInternal(err)
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// atomDate turns YYYY-MM-DD into an RFC 3339 time; unknown dates are the
// Unix epoch so that the feed stays valid.
func atomDate(d string) string {
	if t, err := time.Parse("2006-01-02", d); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	return time.Unix(0, 0).UTC().Format(time.RFC3339)
}
