package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// pageCacheCount reads hindsight_page_cache_total{result=…} from /metrics.
func pageCacheCount(t *testing.T, f *fixture, result string) string {
	t.Helper()
	w := f.get(t, "/metrics")
	prefix := `hindsight_page_cache_total{result="` + result + `"} `
	for line := range strings.SplitSeq(w.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, prefix); ok {
			return v
		}
	}
	return "0"
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPageCache(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.WriteToken = testToken })
	gz := map[string]string{"Accept-Encoding": "gzip"}

	first := f.do(t, req{path: "/search?q=resolver", header: gz})
	if first.Code != 200 || first.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("first: %d, encoding %q", first.Code, first.Header().Get("Content-Encoding"))
	}
	page := gunzip(t, first.Body.Bytes())
	if !strings.Contains(page, "Stale resolver cache") {
		t.Fatalf("first page lacks its hit:\n%s", page)
	}
	if got := pageCacheCount(t, f, "miss"); got != "1" {
		t.Errorf("misses after one page = %s, want 1", got)
	}

	// Served again from the cache: the same page, gzipped or plain.
	second := f.do(t, req{path: "/search?q=resolver", header: gz})
	if gunzip(t, second.Body.Bytes()) != page {
		t.Error("the cached page differs from the rendered one")
	}
	plain := f.get(t, "/search?q=resolver")
	if plain.Header().Get("Content-Encoding") != "" || plain.Body.String() != page {
		t.Errorf("plain client got encoding %q and a different page", plain.Header().Get("Content-Encoding"))
	}
	if ct := plain.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("content type %q", ct)
	}
	if got := pageCacheCount(t, f, "hit"); got != "2" {
		t.Errorf("hits = %s, want 2", got)
	}

	// A client holding the page revalidates it for nothing.
	etag := first.Header().Get("ETag")
	if v := first.Header().Values("Vary"); len(v) != 1 || v[0] != "Accept-Encoding" {
		t.Errorf("Vary %q, want one Accept-Encoding", v)
	}
	if etag == "" || first.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, first.Header().Get("Cache-Control"))
	}
	if w := f.do(t, req{path: "/search?q=resolver", header: map[string]string{"If-None-Match": etag}}); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d with %d bytes, want 304 and none", w.Code, w.Body.Len())
	}

	// A write makes every kept page stale.
	doc := "---\ntitle: Resolver pool drained by a quokka migration\ndate: 2024-05-02\n---\n\n## Root cause\n\nThe resolver pool was drained.\n"
	w := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: doc,
		header: map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/markdown"}})
	if w.Code != http.StatusCreated && w.Code != http.StatusOK {
		t.Fatalf("POST: %d %s", w.Code, w.Body)
	}
	if after := f.get(t, "/search?q=resolver"); !strings.Contains(after.Body.String(), "quokka migration") {
		t.Error("after a write, the search page still shows the page rendered before it")
	}
	if w := f.do(t, req{path: "/search?q=resolver", header: map[string]string{"If-None-Match": etag}}); w.Code != http.StatusOK {
		t.Errorf("the old ETag still matched after a write: %d", w.Code)
	}

	// Pages of relative dates and bad queries are rendered every time.
	misses := pageCacheCount(t, f, "miss")
	hits := pageCacheCount(t, f, "hit")
	for range 2 {
		if w := f.get(t, "/search?q=after%3A7d"); w.Code != 200 {
			t.Fatalf("relative query: %d", w.Code)
		}
		if w := f.get(t, "/search?q=%22unbalanced"); w.Code != 400 {
			t.Fatalf("bad query: %d", w.Code)
		}
	}
	if pageCacheCount(t, f, "miss") != misses || pageCacheCount(t, f, "hit") != hits {
		t.Error("a relative-date or bad query went through the page cache")
	}

	// The other cached pages come out the same the second time.
	for _, path := range []string{"/", "/categories", "/trends?interval=year", "/embed?q=resolver"} {
		a, b := f.get(t, path), f.get(t, path)
		if a.Code != 200 || a.Body.String() != b.Body.String() || a.Header().Get("ETag") == "" {
			t.Errorf("%s: %d, same page %v, ETag %q", path, a.Code, a.Body.String() == b.Body.String(), a.Header().Get("ETag"))
		}
	}
}

func TestPageCacheOff(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.PageCache = 0 })
	for range 2 {
		if w := f.get(t, "/search?q=resolver"); w.Code != 200 || w.Header().Get("ETag") != "" {
			t.Fatalf("%d, ETag %q", w.Code, w.Header().Get("ETag"))
		}
	}
	if pageCacheCount(t, f, "hit") != "0" || pageCacheCount(t, f, "miss") != "0" {
		t.Error("pages went through a cache that is off")
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"*", true},
		{"*;q=0", false},
		{"gzip;q=0, *", false},
		{"identity", false},
		{"x-gzip", true},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := acceptsGzip(tt.header); got != tt.want {
				t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

func TestETagMatch(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{`W/"abc"`, true},
		{`"abc"`, true},
		{`"x", W/"abc"`, true},
		{`*`, true},
		{`"abcd"`, false},
	}
	for _, tt := range tests {
		if got := etagMatch(tt.header, `W/"abc"`); got != tt.want {
			t.Errorf("etagMatch(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

// BenchmarkNewRenderedPage times keeping a results page: compressing it
// once is what a page-cache miss adds to rendering.
func BenchmarkNewRenderedPage(b *testing.B) {
	f := newFixture(b, nil)
	html := f.get(b, "/search?q=resolver&size=100").Body.Bytes()
	b.SetBytes(int64(len(html)))
	var zw sync.Pool
	for b.Loop() {
		if _, err := newRenderedPage(&zw, html); err != nil {
			b.Fatal(err)
		}
	}
}
