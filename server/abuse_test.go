package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Abuse tests: what TestBadParametersAre4xx, TestBadQueryShowsParserMessage
// and FuzzRequests leave out — every filter with garbage values, wildcard
// and regex-like input, huge sizes, id tricks, a streamed oversized body —
// and a real overload of far more concurrent clients than slots.

// TestGarbageFilterValues sends every filter of the query language with
// values that are wrong, hostile or absurd, to the HTML and JSON search:
// never a 5xx; a 4xx carries the parser's message (JSON error shape on the
// API); a 200 is a well-formed answer.
func TestGarbageFilterValues(t *testing.T) {
	f := newFixture(t, nil)
	var queries []string
	filters := []string{"category", "cause", "service", "org", "organization", "severity", "sev", "tag", "format", "has", "after", "before", "duration"}
	values := []string{
		"", `""`, `"unclosed`, "%", "*", "*dns*", "/.*/", "(a|b)+", "a{1,100000}", "[a-z]+", "~1", "\\", "'", ",,,", "a,,b,", "-",
		"13", "0", "-1", "99999999999999999999", "1e308", "NaN", "2023-13-45", "0000-00-00", "1899", "2201", "9999y", "-7d", "1000000d",
		">>1h", "<=>", "1h..", "..", "4h..1h", "1h-", "99999d", "0m", "=", ">", "1x", "h",
		"\u202eevil", "\u200b", "ｄｎｓ", "dns\u0000", "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x}", strings.Repeat("z", 300),
	}
	for _, k := range filters {
		for _, v := range values {
			queries = append(queries, k+":"+v, "-"+k+":"+v)
		}
	}
	queries = append(queries,
		"*", "*foo", "foo*", "?", "fo?o", "/re.*gex/", "a~2", "(", ")", "((((dns", "dns))))", "AND OR NOT", "+-+-", "\"\"", "\"", `\"`,
		strings.Repeat("dns ", 100), strings.Repeat("a* ", 60), strings.Repeat("(", 500), strings.Repeat("category:dns ", 70),
	)
	var bad, ok int
	for _, q := range queries {
		for _, base := range []string{"/api/v1/search?q=", "/search?q="} {
			start := time.Now()
			w := f.get(t, base+url.QueryEscape(q))
			took := time.Since(start)
			switch {
			case w.Code >= 500 || w.Code < 200:
				t.Errorf("GET %s%q = %d: %.200s", base, q, w.Code, w.Body)
			case w.Code >= 400:
				bad++
				if strings.HasPrefix(base, "/api/") {
					if _, msg := jsonErr(t, w); msg == "" {
						t.Errorf("%q: empty message", q)
					}
				} else if !strings.Contains(w.Body.String(), "query-error") && !strings.Contains(w.Body.String(), `<p class="lead">q: `) {
					t.Errorf("GET %s%q = %d without the parser message", base, q, w.Code)
				}
			default:
				ok++
			}
			if took > 2*time.Second {
				t.Errorf("GET %s%q took %v", base, q, took)
			}
		}
	}
	t.Logf("%d queries x 2 routes: %d answered, %d refused with a message", len(queries), ok/2, bad/2)
}

// TestHugeSizesAndIDTricks covers page and size values far past the
// caps, and incident ids that try path traversal, NUL, encodings and
// look-alike characters: each a 4xx with a message or a clamped 200,
// never a 5xx, never a file outside the corpus.
func TestHugeSizesAndIDTricks(t *testing.T) {
	f := newFixture(t, nil)
	for _, p := range []string{
		"/api/v1/search?q=dns&size=1000000000", "/api/v1/search?q=dns&page=1000000000", "/api/v1/search?size=-5", "/api/v1/search?page=1e9",
		"/api/v1/search?page=0x10", "/api/v1/search?size=%2B5", "/api/v1/actions?page=99999999", "/api/v1/actions?size=100000000",
		"/api/v1/incidents/x/similar?n=99999999999999999999", "/api/v1/incidents/x/similar?n=-1", "/search?page=" + strings.Repeat("9", 400),
		"/api/v1/search?q=dns&q=dhcp&q=" + strings.Repeat("x", 3000),
	} {
		w := f.get(t, p)
		if w.Code >= 500 {
			t.Errorf("GET %.80s = %d", p, w.Code)
		}
		if strings.HasPrefix(p, "/api/") && w.Code >= 400 {
			jsonErr(t, w)
		}
		if w.Code == 200 && strings.Contains(p, "size=1000000000") && strings.Count(w.Body.String(), `"id":`) > 100 {
			t.Errorf("%s: page size not clamped", p)
		}
	}
	secret := "root:x:0:0" // /etc/passwd, should a traversal ever work
	for _, id := range []string{
		"../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%252F..%252Fetc%252Fpasswd",
		"%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "..%5C..%5Cetc%5Cpasswd", "%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc", "a%00.md", "%00",
		"%E2%80%8Bdns", "%E2%80%AEdm.cilbup", "%F0%9F%92%A9", "%ff%fe", strings.Repeat("a", 5000), "CON", ".", "%2e",
		"x%0d%0aSet-Cookie:%20a=b", "x%3Cscript%3E",
	} {
		for _, p := range []string{"/incidents/" + id, "/incidents/" + id + "/source", "/api/v1/incidents/" + id, "/api/v1/incidents/" + id + "/similar"} {
			w := f.get(t, p)
			if w.Code >= 500 || w.Code < 300 {
				t.Errorf("GET %.100s = %d, want 4xx", p, w.Code)
			}
			if strings.Contains(w.Body.String(), secret) {
				t.Fatalf("GET %s served /etc/passwd", p)
			}
			if w.Header().Get("Set-Cookie") != "" {
				t.Errorf("GET %.100s set a cookie", p)
			}
			if strings.HasPrefix(p, "/api/") {
				jsonErr(t, w)
			}
		}
	}
}

// TestOversizedStreamedBody posts a body over the limit without a
// Content-Length (chunked), with and without a valid token: 413 or 401
// as JSON, and the handler never reads more than the limit.
func TestOversizedStreamedBody(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.WriteToken = testToken; c.MaxBodyBytes = 64 << 10 })
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	for _, tc := range []struct {
		auth string
		want int
	}{{"Bearer " + testToken, 413}, {"Bearer nope-nope-nope-nope", 401}, {"", 401}} {
		cr := &countingBody{r: io.LimitReader(zeros{}, 50<<20)}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/incidents", cr)
		req.ContentLength = -1 // chunked: the server cannot refuse by the header
		req.Header.Set("Content-Type", "text/markdown")
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("auth %q: %v (sent %d bytes)", tc.auth, err, cr.sent())
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want || !strings.Contains(string(body), `"error"`) {
			t.Errorf("auth %q: %d %s, want %d", tc.auth, resp.StatusCode, body, tc.want)
		}
		t.Logf("auth %q: %d after the client sent %d KiB of 50 MiB", tc.auth, resp.StatusCode, cr.sent()>>10)
		if cr.sent() >= 50<<20 {
			t.Errorf("auth %q: the whole 50 MiB body was consumed", tc.auth)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

type countingBody struct {
	r  io.Reader
	mu sync.Mutex
	n  int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.mu.Lock()
	c.n += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *countingBody) sent() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// TestOverloadRealClients sends 500 concurrent searches to a real HTTP
// server with 4 request slots: every answer is a 200 or a 503 with
// Retry-After (never a 5xx of another kind, never a hang), some are
// shed, /healthz and /readyz answer 200 throughout, memory stays
// bounded, and once the burst is over every search succeeds again.
func TestOverloadRealClients(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxInFlight = 4; c.QueueWait = 2 * time.Millisecond })
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 600, MaxConnsPerHost: 0}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	const clients = 500
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	probeErrs := make(chan string, 100)
	var probes sync.WaitGroup
	probes.Add(1)
	go func() { // probes during the burst, on their own connections
		defer probes.Done()
		pc := &http.Client{Timeout: 5 * time.Second}
		for ctx.Err() == nil {
			for _, p := range []string{"/healthz", "/readyz"} {
				resp, err := pc.Get(ts.URL + p)
				if err != nil {
					probeErrs <- fmt.Sprintf("%s: %v", p, err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					probeErrs <- fmt.Sprintf("%s = %d under overload", p, resp.StatusCode)
				}
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	queries := []string{"resolver", "certificate expired", "category:dns", "deploy -rollback", `"connection pool"`, "disk full after:2020"}
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			// Distinct pages: every request is a real search, not a hit in
			// the result cache.
			resp, err := client.Get(ts.URL + "/api/v1/search?q=" + url.QueryEscape(queries[i%len(queries)]) + "&page=" + strconv.Itoa(1+i/len(queries)))
			if err != nil {
				mu.Lock()
				codes[-1]++
				mu.Unlock()
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
				t.Errorf("503 without Retry-After")
			}
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		}(i)
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	burst := time.Since(t0)
	cancel()
	probes.Wait()
	close(probeErrs)
	for e := range probeErrs {
		t.Error(e)
	}
	t.Logf("%d concurrent searches in %v: %v", clients, burst, codes)
	for code, n := range codes {
		if code != 200 && code != 503 {
			t.Errorf("%d answers with status %d", n, code)
		}
	}
	if codes[503] == 0 {
		t.Errorf("nothing shed with 4 slots and %d concurrent clients: %v", clients, codes)
	}
	if codes[200] == 0 {
		t.Errorf("nothing served under overload: %v", codes)
	}

	// Recovery: the burst is over, every search is served.
	for i := 0; i < 20; i++ {
		resp, err := client.Get(ts.URL + "/api/v1/search?q=resolver")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("after the burst: search %d = %d", i, resp.StatusCode)
		}
	}
	tr.CloseIdleConnections()
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	growth := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("heap in use: %d MiB before, %d MiB after the burst", before.HeapInuse>>20, after.HeapInuse>>20)
	if growth > 64<<20 {
		t.Errorf("heap grew by %d MiB after the burst", growth>>20)
	}
	if n := runtime.NumGoroutine(); n > 200 {
		t.Errorf("%d goroutines left after the burst", n)
	}
}
