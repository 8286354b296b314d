package server

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/labstack/echo/v5"

	"github.com/hindsight-kb/hindsight/index/query"
)

// maxCachedPage is the largest rendered page kept in the page cache.
const maxCachedPage = 1 << 20

// renderedPage is a page rendered once and kept, with its gzipped form,
// until the index next changes.
type renderedPage struct {
	html, gz []byte
	etag     string // weak: the two encodings carry the same page
}

// newRenderedPage compresses html once, at the default level: a cached
// page is served many times. Writers come from zw: making a gzip writer
// cost ten times more than compressing a results page with it
// (BenchmarkNewRenderedPage: 45 µs for 8 KB with a reused writer).
func newRenderedPage(zw *sync.Pool, html []byte) (*renderedPage, error) {
	var gz bytes.Buffer
	w, _ := zw.Get().(*gzip.Writer)
	if w == nil {
		w = gzip.NewWriter(&gz)
	} else {
		w.Reset(&gz)
	}
	defer zw.Put(w)
	if _, err := w.Write(html); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	h := fnv.New64a()
	h.Write(html)
	return &renderedPage{html: html, gz: gz.Bytes(), etag: fmt.Sprintf(`W/"%x"`, h.Sum64())}, nil
}

// pageView is what a cacheable page handler renders: a template, its
// typed data and the status; Cacheable is false when the page depends on
// the time of day (relative dates) or on anything but the request and the
// index.
type pageView struct {
	Status    int
	Template  string
	Data      any
	Cacheable bool
}

// cachedPage serves the page for key from the page cache when the index
// has not changed since it was rendered; otherwise build computes the
// view, which is rendered, kept when cacheable and OK, and served. The
// key must hold everything the page depends on besides the index (route
// and normalised parameters). A client that has the page (If-None-Match)
// gets 304.
func (s *Server) cachedPage(c *echo.Context, key string, build func() (pageView, error)) error {
	gen := s.ix.Generation()
	if p, ok := s.pages.Get(key, gen); ok {
		s.metrics.pageCache.WithLabelValues("hit").Inc()
		return s.writePage(c, p)
	}
	v, err := build()
	if err != nil {
		return err
	}
	if v.Status != http.StatusOK || !v.Cacheable || s.pages == nil {
		return s.render(c, v.Status, v.Template, v.Data)
	}
	var buf bytes.Buffer
	if err := s.ui.Render(&buf, v.Template, v.Data); err != nil {
		return errInternal(err)
	}
	if buf.Len() > maxCachedPage {
		return s.writeHTML(c, v.Status, buf.Bytes())
	}
	p, err := newRenderedPage(&s.gzWriters, buf.Bytes())
	if err != nil {
		return errInternal(fmt.Errorf("compress page: %w", err))
	}
	s.pages.Put(key, gen, p)
	s.metrics.pageCache.WithLabelValues("miss").Inc()
	return s.writePage(c, p)
}

// writePage writes a rendered page: gzipped to clients that accept it
// (the compression middleware passes an encoded body through), 304 to
// clients that hold it.
func (s *Server) writePage(c *echo.Context, p *renderedPage) error {
	h := c.Response().Header()
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "no-cache") // the compression middleware adds Vary
	if etagMatch(c.Request().Header.Get("If-None-Match"), p.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	body := p.html
	if acceptsGzip(c.Request().Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
		body = p.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, body)
}

// etagMatch reports whether an If-None-Match header lists etag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	weak := strings.TrimPrefix(etag, "W/")
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == weak {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip:
// named, or through "*", and not with q=0.
func acceptsGzip(header string) bool {
	named, star := "", ""
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		switch name = strings.TrimSpace(name); {
		case strings.EqualFold(name, "gzip") || strings.EqualFold(name, "x-gzip"):
			named = "q=1;" + params
		case name == "*":
			star = "q=1;" + params
		}
	}
	choice := named
	if choice == "" {
		choice = star
	}
	if choice == "" {
		return false
	}
	q := choice[strings.LastIndex(choice, "q=")+2:]
	v, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
	return err != nil || v > 0
}

// pageKey joins a route name and its normalised parameters into a page
// cache key.
func pageKey(route string, parts ...string) string {
	return route + "\x00" + strings.Join(parts, "\x00")
}

// relativeQuery reports whether q counts back from now (after:7d), so
// that a page of it must not be cached. A query that does not parse is
// not cached either (its page is a 400).
func relativeQuery(q string) bool {
	pq, err := query.ParseQuery(q, query.QueryOptions{})
	return err != nil || pq.Relative()
}
