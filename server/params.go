package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v5"
)

// Limits on request parameters: bad values are a 400 naming the
// parameter, never a 500 and never an unbounded query.
const (
	maxQueryLen = 2000
	maxPage     = 10000
	maxIDLen    = 256
)

var sorts = []string{"relevance", "newest", "oldest", "longest"}

func badParam(name, format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "bad_parameter", "%s: %s", name, fmt.Sprintf(format, args...))
}

// queryParam returns q, checked for length and encoding.
func queryParam(c *echo.Context) (string, error) {
	q := c.QueryParam("q")
	if len(q) > maxQueryLen {
		return "", badParam("q", "the query is %d bytes long; the limit is %d", len(q), maxQueryLen)
	}
	if !utf8.ValidString(q) || strings.ContainsRune(q, 0) {
		return "", badParam("q", "the query is not valid UTF-8 text")
	}
	return strings.TrimSpace(q), nil
}

// intParam parses an optional integer parameter in [min, max]; def when
// absent.
func intParam(c *echo.Context, name string, def, min, max int) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badParam(name, "%q is not a whole number", truncate(v, 40))
	}
	if n < min || n > max {
		return 0, badParam(name, "%d is out of range %d..%d", n, min, max)
	}
	return n, nil
}

// choiceParam returns a parameter that must be one of choices, or "".
func choiceParam(c *echo.Context, name string, choices ...string) (string, error) {
	v := c.QueryParam(name)
	if v == "" {
		return "", nil
	}
	for _, ch := range choices {
		if v == ch {
			return v, nil
		}
	}
	return "", badParam(name, "%q is not one of %s", truncate(v, 40), strings.Join(choices, ", "))
}

// idParam returns the unescaped incident id from the path, rejecting ids
// no indexed document can have (control characters, path tricks).
func idParam(c *echo.Context) (string, error) {
	raw := c.Param("id")
	id, err := url.PathUnescape(raw)
	if err != nil || id == "" || len(id) > maxIDLen || !utf8.ValidString(id) ||
		strings.Contains(id, "..") || strings.ContainsAny(id, "/\\") {
		return "", errNotFound("No incident with that id.")
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return "", errNotFound("No incident with that id.")
		}
	}
	return id, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// searchParams are the parameters shared by the search page, the embed
// page, the feed and the search API.
type searchParams struct {
	Q    string
	Sort string
	Page int
	Size int
}

func (s *Server) parseSearch(c *echo.Context, defSize int) (searchParams, error) {
	var p searchParams
	var err error
	if p.Q, err = queryParam(c); err != nil {
		return p, err
	}
	if p.Sort, err = choiceParam(c, "sort", sorts...); err != nil {
		return p, err
	}
	if p.Page, err = intParam(c, "page", 1, 1, maxPage); err != nil {
		return p, err
	}
	if p.Size, err = intParam(c, "size", defSize, 1, 100); err != nil {
		return p, err
	}
	return p, nil
}

// link builds a URL below the base path with the non-empty parameters.
func (s *Server) link(path string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	u := s.ui.URL(path)
	if enc := v.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

func (s *Server) incidentURL(id string) string {
	return s.ui.URL("/incidents/" + url.PathEscape(id))
}
