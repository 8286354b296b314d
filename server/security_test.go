package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.EmbedOrigins = []string{"https://wiki.example.com"} })
	for _, p := range []string{"/", "/search?q=dns", "/api/v1/search", "/nothing"} {
		w := f.get(t, p)
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", p, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", p, h)
		}
		if h.Get("Set-Cookie") != "" {
			t.Errorf("%s sets a cookie", p)
		}
	}
	csp := f.get(t, "/embed?q=dns").Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'self' https://wiki.example.com") {
		t.Errorf("embed CSP %q", csp)
	}
	if f.get(t, "/embed").Header().Get("X-Frame-Options") != "" {
		t.Error("embed must not send X-Frame-Options DENY")
	}
	// Default: the embed page may only be framed by the site itself.
	f2 := newFixture(t, nil)
	if csp := f2.get(t, "/embed").Header().Get("Content-Security-Policy"); !strings.HasSuffix(csp, "frame-ancestors 'self'") {
		t.Errorf("default embed CSP %q", csp)
	}
}

func TestCORSOnlyForEmbedOrigins(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.EmbedOrigins = []string{"https://wiki.example.com"} })
	w := f.do(t, req{path: "/api/v1/search?q=dns", header: map[string]string{"Origin": "https://wiki.example.com"}})
	if w.Header().Get("Access-Control-Allow-Origin") != "https://wiki.example.com" {
		t.Errorf("allowed origin not granted: %v", w.Header())
	}
	w = f.do(t, req{path: "/api/v1/search?q=dns", header: map[string]string{"Origin": "https://evil.example"}})
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("other origin granted")
	}
	w = f.do(t, req{method: http.MethodOptions, path: "/api/v1/search", header: map[string]string{"Origin": "https://wiki.example.com", "Access-Control-Request-Method": "GET"}})
	if w.Code != http.StatusNoContent || !strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	if strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "POST") {
		t.Error("browsers from other origins must not be allowed to POST")
	}
	if w := f.do(t, req{path: "/search?q=dns", header: map[string]string{"Origin": "https://wiki.example.com"}}); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS on HTML pages")
	}
}

func TestPostIncident(t *testing.T) {
	doc := "---\ntitle: Cache stampede after deploy\norganization: Northwind Freight\ndate: 2024-11-02\ncategories: [deploy]\n---\n\n# Cache stampede after deploy\n\n## Summary\n\nThe quokka-cache warmed cold after release 9.1.\n"
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/markdown"}

	t.Run("disabled without a token", func(t *testing.T) {
		f := newFixture(t, nil)
		w := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: doc, header: auth})
		if code, _ := jsonErr(t, w); w.Code != http.StatusForbidden || code != "writes_disabled" {
			t.Errorf("%d %s", w.Code, code)
		}
	})
	f := newFixture(t, func(c *Config) { c.WriteToken = testToken; c.MaxBodyBytes = 4096 })
	for _, tc := range []struct {
		name   string
		header map[string]string
		body   string
		status int
		code   string
	}{
		{"missing token", map[string]string{"Content-Type": "text/markdown"}, doc, 401, "unauthorized"},
		{"wrong token", map[string]string{"Authorization": "Bearer " + testToken + "x"}, doc, 401, "unauthorized"},
		{"basic auth", map[string]string{"Authorization": "Basic " + testToken}, doc, 401, "unauthorized"},
		{"too large", auth, doc + strings.Repeat("x", 5000), 413, "too_large"},
		{"empty", auth, "   ", 400, "empty_document"},
		{"bad type", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "image/png"}, doc, 415, "unsupported_media_type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: tc.body, header: tc.header})
			if code, _ := jsonErr(t, w); w.Code != tc.status || code != tc.code {
				t.Errorf("status %d code %s, want %d %s", w.Code, code, tc.status, tc.code)
			}
		})
	}
	if w := f.get(t, "/search?q=quokka"); strings.Contains(w.Body.String(), "Cache stampede") {
		t.Fatal("a refused POST was indexed")
	}
	w := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: doc, header: auth})
	if w.Code != http.StatusCreated {
		t.Fatalf("POST = %d: %s", w.Code, w.Body)
	}
	if !strings.Contains(w.Body.String(), `"title":"Cache stampede after deploy"`) || w.Header().Get("Location") == "" {
		t.Errorf("response %s", w.Body)
	}
	files, _ := filepath.Glob(filepath.Join(f.dir, "posted", "*.md"))
	if len(files) != 1 {
		t.Fatalf("posted files: %v", files)
	}
	if b, _ := os.ReadFile(files[0]); string(b) != doc {
		t.Error("the posted document was not written verbatim")
	}
	if w := f.get(t, "/search?q=quokka"); !strings.Contains(w.Body.String(), "Cache stampede after deploy") {
		t.Error("the posted document is not searchable")
	}
	if strings.Contains(f.logs.String(), testToken) {
		t.Error("the write token appears in the logs")
	}
	// The id reads as the incident's date and title.
	var created corpus.Record
	if err := json.Unmarshal(w.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}
	if created.ID != "posted-2024-11-02-cache-stampede-after-deploy" || filepath.Base(files[0]) != "2024-11-02-cache-stampede-after-deploy.md" {
		t.Errorf("posted id %q, file %s", created.ID, files[0])
	}
	// The same document again is the same incident: 200, no copy.
	again := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: doc, header: auth})
	var same corpus.Record
	if err := json.Unmarshal(again.Body.Bytes(), &same); err != nil || again.Code != http.StatusOK || same.ID != created.ID {
		t.Errorf("second POST = %d id %q (%v), want 200 and %q", again.Code, same.ID, err, created.ID)
	}
	if files, _ := filepath.Glob(filepath.Join(f.dir, "posted", "*.md")); len(files) != 1 {
		t.Errorf("after posting the same document twice: %v", files)
	}
	// Another document with the same title and date gets a name of its own.
	edited := strings.Replace(doc, "release 9.1", "release 9.2", 1)
	third := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: edited, header: auth})
	var other corpus.Record
	if err := json.Unmarshal(third.Body.Bytes(), &other); err != nil || third.Code != http.StatusCreated || other.ID != created.ID+"-2" {
		t.Errorf("edited POST = %d id %q (%v), want 201 and %q", third.Code, other.ID, err, created.ID+"-2")
	}
}

func TestIncidentIDs(t *testing.T) {
	f := newFixture(t, nil)
	full := f.byName["2023-02-dns-resolver-cache.md"]
	for _, tc := range []struct {
		name, path string
		status     int
		location   string // for redirects
		body       string // for 404s: the message must hold this
	}{
		{"exact id", "/api/v1/incidents/" + full, 200, "", ""},
		{"file name", "/api/v1/incidents/2023-02-dns-resolver-cache.md", 302, "/api/v1/incidents/" + full, ""},
		{"unique prefix, similar", "/api/v1/incidents/2023-02-dns/similar?n=2", 302, "/api/v1/incidents/" + full + "/similar?n=2", ""},
		{"page", "/incidents/2023-02-dns", 302, "/incidents/" + full, ""},
		{"ambiguous", "/api/v1/incidents/dns-resolver", 404, "", "matches 2 incidents"},
		{"typo", "/api/v1/incidents/2023-02-dns-reslver-cache", 404, "", "Did you mean: " + full},
		{"nothing like it", "/incidents/zzqx", 404, "", "No incident with id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := f.get(t, tc.path)
			if w.Code != tc.status {
				t.Fatalf("GET %s = %d: %s", tc.path, w.Code, w.Body)
			}
			if tc.location != "" && w.Header().Get("Location") != tc.location {
				t.Errorf("Location %q, want %q", w.Header().Get("Location"), tc.location)
			}
			if tc.body != "" && !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body lacks %q: %s", tc.body, w.Body)
			}
		})
	}
}

func TestSyncEndpoint(t *testing.T) {
	const token = "sync-token-0123456789"
	calls := 0
	f := newFixture(t, func(c *Config) {
		c.SyncToken = token
		c.Sync = func(context.Context) (index.SyncStats, error) {
			calls++
			return index.SyncStats{Added: 2}, nil
		}
	})
	if w := f.do(t, req{method: http.MethodPost, path: "/api/v1/sync", header: map[string]string{"Authorization": "Bearer wrong"}}); w.Code != http.StatusUnauthorized || calls != 0 {
		t.Errorf("wrong token: %d, %d syncs", w.Code, calls)
	}
	w := f.do(t, req{method: http.MethodPost, path: "/api/v1/sync", header: map[string]string{"Authorization": "Bearer " + token}})
	var st index.SyncStats
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil || w.Code != 200 || st.Added != 2 || calls != 1 {
		t.Errorf("sync = %d %s (%v), %d syncs", w.Code, w.Body, err, calls)
	}
	off := newFixture(t, nil)
	if w := off.do(t, req{method: http.MethodPost, path: "/api/v1/sync", header: map[string]string{"Authorization": "Bearer " + token}}); w.Code != http.StatusForbidden {
		t.Errorf("sync without a token configured = %d", w.Code)
	}
}

func TestBasePath(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.BasePath = "/kb" })
	w := f.get(t, "/kb/search?q=resolver")
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{`href="/kb/static/hindsight.`, `action="/kb/search"`, `href="/kb/incidents/`, `href="/kb/trends?q=resolver"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, `href="/search`) || strings.Contains(body, `href="/incidents`) {
		t.Error("a link escapes the base path")
	}
	// A proxy that strips the prefix works too; links keep it.
	if w := f.get(t, "/search?q=resolver"); w.Code != 200 || !strings.Contains(w.Body.String(), `href="/kb/incidents/`) {
		t.Errorf("stripped prefix = %d", w.Code)
	}
	if w := f.get(t, "/kb"); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/kb/" {
		t.Errorf("/kb = %d %s", w.Code, w.Header().Get("Location"))
	}
	for _, p := range []string{"/kb/", "/kb/readyz", "/kb/api/v1/search?q=dns", "/kb/widget.js"} {
		if w := f.get(t, p); w.Code != 200 {
			t.Errorf("%s = %d", p, w.Code)
		}
	}
	if w := f.get(t, "/kb/api/v1/openapi.json"); !strings.Contains(w.Body.String(), `"url": "/kb/api/v1"`) {
		t.Error("OpenAPI server URL ignores the base path")
	}
}

func TestClientIP(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.TrustedProxies = []string{"10.0.0.0/8", "192.0.2.7"} })
	plain := newFixture(t, nil)
	for _, tc := range []struct {
		name, remote, xff, want string
		s                       *Server
		realIP                  string
	}{
		{"no proxies: xff ignored", "203.0.113.9:5000", "198.51.100.1", "203.0.113.9", plain.srv, ""},
		{"untrusted peer: xff ignored", "203.0.113.9:5000", "198.51.100.1", "203.0.113.9", f.srv, ""},
		{"trusted proxy", "10.1.2.3:5000", "198.51.100.1", "198.51.100.1", f.srv, ""},
		{"chain of trusted proxies", "192.0.2.7:443", "198.51.100.1, 10.0.0.5", "198.51.100.1", f.srv, ""},
		{"spoofed left part ignored", "10.1.2.3:5000", "1.1.1.1, 198.51.100.1", "198.51.100.1", f.srv, ""},
		{"garbage hop", "10.1.2.3:5000", "1.1.1.1, not-an-ip", "10.1.2.3", f.srv, ""},
		{"all trusted", "10.1.2.3:5000", "10.9.9.9", "10.9.9.9", f.srv, ""},
		// Spoofing: X-Real-IP is never read, from any peer.
		{"x-real-ip from untrusted peer", "203.0.113.9:5000", "", "203.0.113.9", f.srv, "198.51.100.66"},
		{"x-real-ip from trusted proxy", "10.1.2.3:5000", "", "10.1.2.3", f.srv, "198.51.100.66"},
		{"x-real-ip without proxies", "203.0.113.9:5000", "", "203.0.113.9", plain.srv, "198.51.100.66"},
		{"x-real-ip beside xff", "10.1.2.3:5000", "198.51.100.1", "198.51.100.1", f.srv, "198.51.100.66"},
		// Only configured proxies are trusted: not loopback, private or
		// link-local peers (Echo's extractor trusts those by default).
		{"loopback peer not trusted", "127.0.0.1:5000", "198.51.100.1", "127.0.0.1", f.srv, ""},
		{"private peer not trusted", "192.168.1.1:5000", "198.51.100.1", "192.168.1.1", f.srv, ""},
		{"link-local peer not trusted", "[fe80::1]:5000", "198.51.100.1", "fe80::1", f.srv, ""},
		{"loopback peer without proxies", "127.0.0.1:5000", "198.51.100.1", "127.0.0.1", plain.srv, ""},
		// A client behind a trusted proxy cannot smuggle a trusted or a
		// private address to hide behind it.
		{"spoofed trusted hop", "10.1.2.3:5000", "198.51.100.1, 10.0.0.9", "198.51.100.1", f.srv, ""},
		{"spoofed private hop", "10.1.2.3:5000", "192.168.0.1, 198.51.100.1", "198.51.100.1", f.srv, ""},
		{"several xff headers", "10.1.2.3:5000", "1.1.1.1\n198.51.100.2", "198.51.100.2", f.srv, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range strings.Split(tc.xff, "\n") {
				if v != "" {
					r.Header.Add("X-Forwarded-For", v)
				}
			}
			if tc.realIP != "" {
				r.Header.Set("X-Real-IP", tc.realIP)
			}
			if got := tc.s.clientIP(r); got != tc.want {
				t.Errorf("clientIP = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRateLimitPerClient(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.RateLimit = 0.01; c.RateBurst = 2 })
	get := func(remote, xff string) int {
		h := map[string]string{}
		if xff != "" {
			h["X-Forwarded-For"] = xff
		}
		return f.do(t, req{path: "/api/v1/categories", remote: remote, header: h}).Code
	}
	if a, b := get("203.0.113.1:1", ""), get("203.0.113.1:2", ""); a != 200 || b != 200 {
		t.Fatalf("burst refused: %d %d", a, b)
	}
	if c := get("203.0.113.1:3", "198.51.100.77"); c != http.StatusTooManyRequests {
		t.Errorf("third request (with a spoofed X-Forwarded-For) = %d, want 429", c)
	}
	if c := get("203.0.113.2:1", ""); c != 200 {
		t.Errorf("another client = %d", c)
	}
	w := f.do(t, req{path: "/search", remote: "203.0.113.1:4"})
	if w.Code != 429 || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "Slow down") {
		t.Errorf("HTML 429: %d %v", w.Code, w.Header())
	}
	if c := f.do(t, req{path: "/healthz", remote: "203.0.113.1:5"}).Code; c != 200 {
		t.Errorf("probes must not be rate limited: %d", c)
	}
}

// TestRateLimitSpoofedHeaders checks the rate limiter keys on the address
// the trusted-proxy rules give, end to end: a client that rotates
// X-Forwarded-For or X-Real-IP values is still one client.
func TestRateLimitSpoofedHeaders(t *testing.T) {
	f := newFixture(t, func(c *Config) {
		c.RateLimit, c.RateBurst = 0.01, 2
		c.TrustedProxies = []string{"10.0.0.0/8"}
	})
	for _, tc := range []struct {
		name, remote string
		header       func(i int) map[string]string
	}{
		{"direct client rotating xff", "203.0.113.50:1", func(i int) map[string]string {
			return map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", i)}
		}},
		{"direct client rotating x-real-ip", "203.0.113.51:1", func(i int) map[string]string {
			return map[string]string{"X-Real-IP": fmt.Sprintf("198.51.100.%d", i)}
		}},
		{"behind proxy, rotating left xff and x-real-ip", "10.0.0.1:1", func(i int) map[string]string {
			return map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d, 203.0.113.52", i), "X-Real-IP": fmt.Sprintf("198.51.100.%d", i)}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var codes []int
			for i := range 4 {
				codes = append(codes, f.do(t, req{path: "/api/v1/categories", remote: tc.remote, header: tc.header(i)}).Code)
			}
			if want := []int{200, 200, 429, 429}; !slices.Equal(codes, want) {
				t.Errorf("statuses %v, want %v", codes, want)
			}
		})
	}
	// Distinct clients behind the trusted proxy are told apart.
	for i := range 3 {
		h := map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", 200+i)}
		if c := f.do(t, req{path: "/api/v1/categories", remote: "10.0.0.1:2", header: h}).Code; c != 200 {
			t.Errorf("client %d behind the proxy = %d, want 200", i, c)
		}
	}
}

func TestLimiterMemoryIsBounded(t *testing.T) {
	l := newLimiter(1, 1, 100)
	now := time.Now()
	for i := 0; i < 10000; i++ {
		l.allow(net.IPv4(10, byte(i>>16), byte(i>>8), byte(i)).String(), now)
	}
	if len(l.clients) > 100 {
		t.Errorf("limiter remembers %d clients, limit 100", len(l.clients))
	}
}

func TestOverloadSheds(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxInFlight = 1; c.QueueWait = 5 * time.Millisecond })
	f.srv.sem <- struct{}{} // one request in flight, forever
	w := f.get(t, "/api/v1/search?q=dns")
	if code, _ := jsonErr(t, w); w.Code != 503 || code != "overloaded" || w.Header().Get("Retry-After") == "" {
		t.Errorf("overloaded: %d %s", w.Code, code)
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		if w := f.get(t, p); w.Code != 200 {
			t.Errorf("%s under overload = %d", p, w.Code)
		}
	}
	<-f.srv.sem
	if w := f.get(t, "/api/v1/search?q=dns"); w.Code != 200 {
		t.Errorf("after the overload = %d", w.Code)
	}
}

func TestGzipAndStaticCaching(t *testing.T) {
	f := newFixture(t, nil)
	w := f.do(t, req{path: "/search?q=resolver", header: map[string]string{"Accept-Encoding": "gzip"}})
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !bytes.Contains(b, []byte("Stale resolver cache")) {
		t.Error("gzip body wrong")
	}
	css := f.srv.ui.AssetURL("hindsight.css")
	w = f.get(t, css)
	if w.Code != 200 || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") || w.Header().Get("ETag") == "" {
		t.Fatalf("asset %s: %d %v", css, w.Code, w.Header())
	}
	w = f.do(t, req{path: css, header: map[string]string{"If-None-Match": w.Header().Get("ETag")}})
	if w.Code != http.StatusNotModified {
		t.Errorf("revalidation = %d", w.Code)
	}
	if w := f.get(t, "/static/hindsight.css"); w.Code != 404 {
		t.Errorf("unhashed asset = %d", w.Code)
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	f := newFixture(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("readyz over TCP = %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if f.srv.Ready() {
		t.Error("still ready after shutdown")
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"default", func(*Config) {}, ""},
		{"bad addr", func(c *Config) { c.Addr = "localhost" }, "addr"},
		{"port only", func(c *Config) { c.Addr = "8095" }, `did you mean "127.0.0.1:8095"`},
		{"base path without slash", func(c *Config) { c.BasePath = "kb" }, "base-path"},
		{"base path trailing slash", func(c *Config) { c.BasePath = "/kb/" }, "base-path"},
		{"base path with dots", func(c *Config) { c.BasePath = "/a/../b" }, "base-path"},
		{"short token", func(c *Config) { c.WriteToken = "short"; c.CorpusDir = "/tmp" }, "at least 16"},
		{"token without corpus", func(c *Config) { c.WriteToken = testToken }, "corpus"},
		{"bad origin", func(c *Config) { c.EmbedOrigins = []string{"wiki.example.com"} }, "embed-origins"},
		{"origin with path", func(c *Config) { c.EmbedOrigins = []string{"https://wiki.example.com/x"} }, "embed-origins"},
		{"origin injection", func(c *Config) { c.EmbedOrigins = []string{"https://a.example; script-src *"} }, "embed-origins"},
		{"bad proxy", func(c *Config) { c.TrustedProxies = []string{"10.0.0.0/33"} }, "trusted-proxies"},
		{"negative rate", func(c *Config) { c.RateLimit = -1 }, "rate-limit"},
		{"zero body", func(c *Config) { c.MaxBodyBytes = 0 }, "max-body"},
		{"zero timeout", func(c *Config) { c.ReadTimeout = 0 }, "read-timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.mutate(&c)
			err := c.Validate()
			if tc.want == "" && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// unsafeMarkup walks an HTML document and reports markup that could run
// script: scripts other than the site's own, event-handler attributes,
// javascript: URLs, style attributes, iframes, objects, forms posting
// elsewhere and textareas.
func unsafeMarkup(t *testing.T, body string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				src := attr(n, "src")
				if src == "" || !strings.Contains(src, "/static/hindsight.") {
					bad = append(bad, "script element "+src)
				}
			case "iframe", "object", "embed", "textarea", "frame", "style":
				bad = append(bad, n.Data+" element")
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(k, "on"):
					bad = append(bad, "event handler "+k+" on "+n.Data)
				case k == "style":
					bad = append(bad, "style attribute on "+n.Data)
				case (k == "href" || k == "src" || k == "action" || k == "formaction" || k == "data") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text")):
					bad = append(bad, k+"="+a.Val+" on "+n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestHostileDocumentsAreNeutralised(t *testing.T) {
	f := newFixture(t, nil)
	md := url.PathEscape(f.id(t, "zz-xss.md"))
	wiki := url.PathEscape(f.id(t, "zz-xss-wiki.html"))
	pages := []string{
		"/", "/search?q=probe", "/search?q=security", "/search?q=alert", "/search?q=category%3Asecurity",
		"/incidents/" + md, "/incidents/" + wiki, "/trends?q=probe", "/trends", "/categories",
		"/actions", "/actions?q=probe", "/embed?q=probe", "/embed?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"/search?q=%3C%2Ftextarea%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
	}
	sawProbe := false
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			w := f.get(t, p)
			if w.Code >= 500 {
				t.Fatalf("status %d", w.Code)
			}
			if bad := unsafeMarkup(t, w.Body.String()); len(bad) > 0 {
				t.Errorf("GET %s: unsafe markup survived: %v", p, bad)
			}
			if strings.Contains(w.Body.String(), "Probe") || strings.Contains(w.Body.String(), "XSS probe") {
				sawProbe = true
			}
		})
	}
	if !sawProbe {
		t.Error("the hostile documents never showed up: the test would prove nothing")
	}
	// The raw source is served as sandboxed plain text.
	w := f.get(t, "/incidents/"+md+"/source")
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") || !strings.Contains(w.Header().Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("source headers %v", w.Header())
	}
	// The API returns JSON (escaped by the encoder); feeds are XML-escaped.
	for _, p := range []string{"/api/v1/search?q=probe", "/feed.atom?q=probe"} {
		if b := f.get(t, p).Body.String(); strings.Contains(b, "<script>") {
			t.Errorf("%s contains a literal <script>", p)
		}
	}
}

// TestSearchesDuringWrites posts documents while other clients search:
// every search succeeds and sees either the old or the new state.
func TestSearchesDuringWrites(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.WriteToken = testToken })
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/markdown"}
	const posts = 6
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				w := f.get(t, "/api/v1/search?q=zebrafish")
				if w.Code != 200 {
					errs <- fmt.Sprintf("search during writes = %d", w.Code)
					return
				}
				var res struct{ Total int }
				if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || res.Total > posts {
					errs <- fmt.Sprintf("search result %s", w.Body)
					return
				}
			}
		}()
	}
	for i := 0; i < posts; i++ {
		doc := fmt.Sprintf("---\ntitle: Zebrafish outage %d\ndate: 2024-10-%02d\n---\n\n## Summary\n\nThe zebrafish service fell over, take %d.\n", i, i+1, i)
		if w := f.do(t, req{method: http.MethodPost, path: "/api/v1/incidents", body: doc, header: auth}); w.Code != http.StatusCreated {
			t.Errorf("POST %d = %d: %s", i, w.Code, w.Body)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	var res struct{ Total int }
	json.Unmarshal(f.get(t, "/api/v1/search?q=zebrafish").Body.Bytes(), &res)
	if res.Total != posts {
		t.Errorf("after the writes %d zebrafish incidents, want %d", res.Total, posts)
	}
}
