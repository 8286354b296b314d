package server

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestEveryRoute(t *testing.T) {
	f := newFixture(t, nil)
	dnsOld := url.PathEscape(f.id(t, "2023-02-dns-resolver-cache.md"))
	cert := url.PathEscape(f.id(t, "2023-09-certificate-expiry.html"))
	tests := []struct {
		name, path string
		status     int
		ctype      string
		contains   []string
	}{
		{"home", "/", 200, "text/html", []string{"<title>Postmortem search · Hindsight</title>", "Top root causes", "Recent incidents", "Feature flag flipped"}},
		{"search", "/search?q=resolver", 200, "text/html", []string{"<title>resolver — search · Hindsight</title>", "Stale resolver cache", "<mark>", `class="badge"`, "Root cause"}},
		{"search empty query lists all", "/search", 200, "text/html", []string{"9 incidents"}},
		{"search relaxed to some words", "/search?q=ttl+zeppelin+quokka", 200, "text/html", []string{"Stale resolver cache", `id="relaxed-note"`, "No incident matched most of your words"}},
		{"search partial matches after full ones", "/search?q=resolver+cache+failover", 200, "text/html", []string{"2 incidents", "Stale resolver cache", `id="partial-heading"`, "1 more incident matches some of your words", "Primary database failover"}},
		{"search no results", "/search?q=zeppelin+category%3Adns", 200, "text/html", []string{"No incidents match", "Query syntax", "without category:dns"}},
		{"incident", "/incidents/" + dnsOld, 200, "text/html", []string{"<title>Stale resolver cache", "max-cache-ttl", "Priya Raman", "Timeline", "Alert when a resolver answers", "Similar incidents"}},
		{"incident html source", "/incidents/" + cert, 200, "text/html", []string{"Payments gateway certificate expired", "Lakeside Bank", "renewal automation"}},
		{"incident source", "/incidents/" + dnsOld + "/source", 200, "text/plain", []string{"max-cache-ttl", "organization: Northwind Freight"}},
		{"incident missing", "/incidents/no-such-incident", 404, "text/html", []string{"Not found"}},
		{"trends", "/trends", 200, "text/html", []string{"<title>Trends · Hindsight</title>", "<svg", `class="bar"`, "<table", "dns", "Top services"}},
		{"trends interval", "/trends?interval=year&q=service%3Aedge-proxy", 200, "text/html", []string{"2023", "2024", "Trends for"}},
		{"categories", "/categories", 200, "text/html", []string{"<title>Root-cause categories · Hindsight</title>", "config-change", "certificate", "data-loss"}},
		{"actions", "/actions", 200, "text/html", []string{"<title>Action items · Hindsight</title>", "Require a second approver", "○ open", "✔ done"}},
		{"actions open", "/actions?state=open", 200, "text/html", []string{"Require a second approver"}},
		{"embed", "/embed?q=resolver", 200, "text/html", []string{`<base target="_top">`, "Stale resolver cache", "open in Hindsight"}},
		{"widget", "/widget.js", 200, "text/javascript", []string{"data-hindsight-search", "/api/v1/search"}},
		{"widget css", "/widget.css", 200, "text/css", []string{".hs-title"}},
		{"opensearch", "/opensearch.xml", 200, "application/opensearchdescription+xml", []string{"OpenSearchDescription", "/search?q={searchTerms}"}},
		{"feed", "/feed.atom?q=service%3Aedge-proxy", 200, "application/atom+xml", []string{"<feed", "Stale resolver cache"}},
		{"healthz", "/healthz", 200, "application/json", []string{`"ok"`}},
		{"readyz", "/readyz", 200, "application/json", []string{`"ready"`, `"documents":9`}},
		{"metrics", "/metrics", 200, "text/plain", []string{"hindsight_index_documents 9", "hindsight_http_requests_total"}},
		{"api search", "/api/v1/search?q=resolver&size=1", 200, "application/json", []string{`"hits"`, `"facets"`, `"total":2`}},
		{"api search relaxed", "/api/v1/search?q=ttl+zeppelin+quokka", 200, "application/json", []string{`"relaxed":true`, `"total":2`}},
		{"api incident", "/api/v1/incidents/" + dnsOld, 200, "application/json", []string{`"organization":"Northwind Freight"`, `"action_items"`}},
		{"api similar", "/api/v1/incidents/" + dnsOld + "/similar", 200, "application/json", []string{`"similar"`, `"why"`}},
		{"api trends", "/api/v1/trends?interval=year", 200, "application/json", []string{`"buckets"`, `"series"`}},
		{"api categories", "/api/v1/categories", 200, "application/json", []string{`"categories"`, `"description"`}},
		{"api actions", "/api/v1/actions?state=open", 200, "application/json", []string{`"total"`}},
		{"api missing", "/api/v1/incidents/nope", 404, "application/json", []string{`"not_found"`}},
		{"api unknown path", "/api/v1/nothing", 404, "application/json", []string{`"not_found"`}},
		{"openapi", "/api/v1/openapi.json", 200, "application/json", []string{`"openapi": "3.0.3"`}},
		{"unknown page", "/nothing/here", 404, "text/html", []string{"Not found"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := f.get(t, tc.path)
			if w.Code != tc.status {
				t.Fatalf("GET %s = %d, want %d; body: %.500s", tc.path, w.Code, tc.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, tc.ctype) {
				t.Errorf("content type %q, want %q", ct, tc.ctype)
			}
			for _, s := range tc.contains {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("GET %s: body lacks %q", tc.path, s)
				}
			}
		})
	}
}

func TestSearchFacetsToggleFilters(t *testing.T) {
	f := newFixture(t, nil)
	w := f.get(t, "/search?q=resolver")
	body := w.Body.String()
	// The dns facet value links to the query with the filter added.
	m := regexp.MustCompile(`<a class="facet-value" href="([^"]+)" data-facet="category" data-value="dns"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no dns category facet link in %s", body)
	}
	u, err := url.Parse(htmlUnescape(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query().Get("q")
	if !strings.Contains(q, "resolver") || !strings.Contains(q, "category:dns") {
		t.Fatalf("facet link query %q, want resolver and category:dns", q)
	}
	// Following it shows the filter as an active value and a chip that
	// removes it.
	w = f.get(t, u.String())
	body = w.Body.String()
	if !strings.Contains(body, `class="facet-value active"`) {
		t.Error("no active facet value after toggling")
	}
	chip := regexp.MustCompile(`<a class="chip" href="([^"]+)"`).FindStringSubmatch(body)
	if chip == nil {
		t.Fatalf("no chip in %s", body)
	}
	cu, _ := url.Parse(htmlUnescape(chip[1]))
	if got := cu.Query().Get("q"); strings.Contains(got, "category:dns") || !strings.Contains(got, "resolver") {
		t.Errorf("chip removes to %q", got)
	}
	// Toggling an active value again removes it.
	m = regexp.MustCompile(`<a class="facet-value active" href="([^"]+)" data-facet="category" data-value="dns"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no active dns facet link")
	}
	u2, _ := url.Parse(htmlUnescape(m[1]))
	if strings.Contains(u2.Query().Get("q"), "category:dns") {
		t.Errorf("active facet link keeps the filter: %q", u2.Query().Get("q"))
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestSortAndPagination(t *testing.T) {
	f := newFixture(t, nil)
	w := f.get(t, "/search?sort=oldest&size=3")
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	first := strings.Index(body, "Primary database failover")
	later := strings.Index(body, "Stale resolver cache")
	if first < 0 || later < 0 || first > later {
		t.Errorf("oldest first: failover at %d, resolver at %d", first, later)
	}
	if !strings.Contains(body, `rel="next"`) || !strings.Contains(body, "page=2") {
		t.Error("no link to the next page")
	}
	if !strings.Contains(body, `<strong aria-current="true">oldest</strong>`) {
		t.Error("the active sort is not marked")
	}
	w = f.get(t, "/search?sort=oldest&size=3&page=3")
	if !strings.Contains(w.Body.String(), `rel="prev"`) {
		t.Error("no link to the previous page on page 3")
	}
}

func TestBadQueryShowsParserMessage(t *testing.T) {
	f := newFixture(t, nil)
	bad := url.QueryEscape(`"unclosed phrase`)
	w := f.get(t, "/search?q="+bad)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", w.Code)
	}
	body := w.Body.String()
	if !regexp.MustCompile(`<p id="q-error" class="query-error" role="alert">[^<]*column`).MatchString(body) {
		t.Errorf("no parser message next to the box: %s", body)
	}
	if !strings.Contains(body, `aria-invalid="true"`) || !strings.Contains(body, `value="&#34;unclosed phrase"`) {
		t.Error("the box does not keep the query or mark it invalid")
	}
	w = f.get(t, "/api/v1/search?q="+bad)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("api status %d", w.Code)
	}
	if code, msg := jsonErr(t, w); code != "bad_query" || !strings.Contains(msg, "column") {
		t.Errorf("api error %s %q", code, msg)
	}
	for _, p := range []string{"/trends?q=" + bad, "/actions?q=" + bad, "/embed?q=" + bad} {
		if w := f.get(t, p); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "query-error") {
			t.Errorf("GET %s = %d without the parser message", p, w.Code)
		}
	}
}

func TestBadParametersAre4xx(t *testing.T) {
	f := newFixture(t, nil)
	long := strings.Repeat("a", 10<<10)
	for _, p := range []string{
		"/search?page=abc", "/search?page=0", "/search?page=99999999999", "/search?sort=bogus", "/search?size=1000",
		"/search?q=" + long, "/search?q=%ff%fe", "/search?q=a%00b",
		"/api/v1/search?page=-1", "/api/v1/search?size=x", "/api/v1/search?q=" + long,
		"/api/v1/trends?interval=week", "/api/v1/trends?by=planet", "/api/v1/actions?state=maybe",
		"/api/v1/incidents/..%2F..%2Fetc%2Fpasswd", "/api/v1/incidents/a%00b", "/incidents/..%2Fsecret",
		"/incidents/%E2%80%AEevil", "/api/v1/incidents/x/similar?n=1000", "/trends?interval=%3Cscript%3E",
	} {
		t.Run(p[:min(len(p), 60)], func(t *testing.T) {
			w := f.get(t, p)
			if w.Code < 400 || w.Code >= 500 {
				t.Fatalf("GET %.80s = %d, want 4xx", p, w.Code)
			}
			if strings.HasPrefix(p, "/api/") {
				jsonErr(t, w)
			} else if !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
				t.Errorf("content type %q", w.Header().Get("Content-Type"))
			}
		})
	}
	// Huge pages within the limit are clamped, not errors.
	if w := f.get(t, "/search?page=9999"); w.Code != 200 {
		t.Errorf("page 9999 = %d", w.Code)
	}
}

func TestIncidentPage(t *testing.T) {
	f := newFixture(t, nil)
	newer := f.id(t, "2024-03-dns-resolver-again.md")
	older := f.id(t, "2023-02-dns-resolver-cache.md")
	w := f.get(t, "/incidents/"+url.PathEscape(newer))
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	rec := regexp.MustCompile(`(?s)<aside class="recurrence".*?</aside>`).FindString(body)
	if rec == "" {
		t.Fatal("no recurrence warning on a repeat of an incident with open action items")
	}
	for _, want := range []string{"Same root cause (dns) and", "Stale resolver cache sends edge traffic", "February 2023", "2 of its action items are still open",
		"/incidents/" + url.PathEscape(older), "Alert when a resolver answers"} {
		if !strings.Contains(rec, want) {
			t.Errorf("recurrence warning lacks %q: %s", want, rec)
		}
	}
	if strings.Index(body, "recurrence") > strings.Index(body, `<h1 id="incident-title">`) {
		t.Error("the recurrence warning is not at the top")
	}
	w = f.get(t, "/incidents/"+url.PathEscape(older))
	body = w.Body.String()
	if strings.Contains(body, `class="recurrence"`) {
		t.Error("recurrence warning on the earliest incident")
	}
	for _, want := range []string{
		"2023-02-14", "1h 35m", "sev2", "edge-proxy", "Northwind Freight", "Priya Raman", // facts
		`<a class="badge" href="/search?q=category%3Adns">dns</a>`, "primary", // categories
		`<time class="at" datetime="2023-02-14T09:12:00Z">09:12</time> <span class="what">Error rate on edge-proxy rises`, // timeline
		`<li class="open"><span class="state">○ open</span> Alert when a resolver`, `<li class="done"><span class="state">✔ done</span> Flush resolver caches`,
		`<code>max-cache-ttl</code>`, // the Markdown original, rendered
		`href="/incidents/` + url.PathEscape(older) + `/source"`,
		`class="similar-link"`, `class="why"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("incident page lacks %q", want)
		}
	}
	// The HTML original is sanitised and keeps its content, without the wiki navigation script.
	w = f.get(t, "/incidents/"+url.PathEscape(f.id(t, "2023-09-certificate-expiry.html")))
	if !strings.Contains(w.Body.String(), "<h2>Root cause</h2>") {
		t.Error("HTML original not rendered")
	}
}

func TestIncidentWithoutDocuments(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Documents = nil })
	id := f.id(t, "2024-07-config-flag.md")
	w := f.get(t, "/incidents/"+url.PathEscape(id))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `<pre class="document-text">`) || !strings.Contains(w.Body.String(), "flag console") {
		t.Fatalf("without the corpus the page should show the stored text: %d", w.Code)
	}
	if w := f.get(t, "/incidents/"+url.PathEscape(id)+"/source"); w.Code != 404 {
		t.Errorf("source without corpus = %d", w.Code)
	}
}

func TestNotReady(t *testing.T) {
	f := newFixture(t, nil)
	f.srv.SetReady(false)
	if w := f.get(t, "/readyz"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz = %d while not ready", w.Code)
	}
	if w := f.get(t, "/healthz"); w.Code != 200 {
		t.Errorf("healthz = %d while not ready", w.Code)
	}
	w := f.get(t, "/api/v1/search?q=dns")
	if code, _ := jsonErr(t, w); w.Code != 503 || code != "not_ready" || w.Header().Get("Retry-After") == "" {
		t.Errorf("api search while not ready: %d %s", w.Code, code)
	}
	if w := f.get(t, "/search?q=dns"); w.Code != 503 || !strings.Contains(w.Body.String(), "being built") {
		t.Errorf("search page while not ready: %d", w.Code)
	}
	if w := f.get(t, "/widget.js"); w.Code != 200 {
		t.Errorf("static content should not wait for the index: %d", w.Code)
	}
	f.srv.SetReady(true)
	if w := f.get(t, "/readyz"); w.Code != 200 {
		t.Errorf("readyz = %d once ready", w.Code)
	}
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	f := newFixture(t, nil)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(f.get(t, "/api/v1/openapi.json").Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var described, routed []string
	for p, ops := range doc.Paths {
		for m := range ops {
			described = append(described, strings.ToUpper(m)+" "+p)
		}
	}
	param := regexp.MustCompile(`:([a-z]+)`)
	for _, r := range f.srv.routes() {
		if !strings.HasPrefix(r.path, "/api/v1/") {
			continue
		}
		routed = append(routed, r.method+" "+param.ReplaceAllString(strings.TrimPrefix(r.path, "/api/v1"), "{$1}"))
	}
	sort.Strings(described)
	sort.Strings(routed)
	if strings.Join(described, "\n") != strings.Join(routed, "\n") {
		t.Errorf("OpenAPI paths and API routes differ:\ndescribed:\n%s\nrouted:\n%s", strings.Join(described, "\n"), strings.Join(routed, "\n"))
	}
}

func TestFeedAndOpenSearchAreValidXML(t *testing.T) {
	f := newFixture(t, nil)
	var feed atomFeed
	w := f.do(t, req{path: "/feed.atom?q=category%3Adns", header: map[string]string{"Host": "kb.example"}})
	if err := xml.Unmarshal(w.Body.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 2 || !strings.HasPrefix(feed.Entries[0].Link.Href, "http://kb.example/incidents/") {
		t.Errorf("feed for category:dns: %d entries, first %+v", len(feed.Entries), feed.Entries)
	}
	if feed.Entries[0].Updated < feed.Entries[1].Updated {
		t.Error("feed is not newest first")
	}
	var osd osDescription
	if err := xml.Unmarshal(f.get(t, "/opensearch.xml").Body.Bytes(), &osd); err != nil || len(osd.URLs) == 0 {
		t.Fatalf("opensearch: %v %+v", err, osd)
	}
}

func TestYearAndDurationFacetsFilter(t *testing.T) {
	f := newFixture(t, nil)
	body := f.get(t, "/search").Body.String()
	for _, tc := range []struct{ facet, value string }{{"year", "2023"}, {"duration", "1h-4h"}} {
		re := regexp.MustCompile(`<a class="facet-value" href="([^"]+)" data-facet="` + tc.facet + `" data-value="` + regexp.QuoteMeta(tc.value) + `"><span class="fv">[^<]*</span> <span class="count">(\d+)</span>`)
		m := re.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no %s=%s facet link", tc.facet, tc.value)
		}
		w := f.get(t, htmlUnescape(m[1]))
		if w.Code != 200 {
			t.Fatalf("%s facet link %s = %d: %.300s", tc.facet, m[1], w.Code, w.Body)
		}
		if !strings.Contains(w.Body.String(), m[2]+" incident") {
			t.Errorf("%s=%s: facet said %s incidents, the filtered page says otherwise", tc.facet, tc.value, m[2])
		}
		if !strings.Contains(w.Body.String(), `class="facet-value active"`) {
			t.Errorf("%s=%s: not shown as active", tc.facet, tc.value)
		}
	}
}

func TestActionsOpenFirstAndFiltered(t *testing.T) {
	f := newFixture(t, nil)
	body := f.get(t, "/actions").Body.String()
	lastOpen, firstDone := strings.LastIndex(body, `<tr class="open">`), strings.Index(body, `<tr class="done">`)
	if lastOpen < 0 || firstDone < 0 || lastOpen > firstDone {
		t.Errorf("open items are not listed first (last open at %d, first done at %d)", lastOpen, firstDone)
	}
	open := f.get(t, "/actions?state=open").Body.String()
	if strings.Contains(open, `<tr class="done">`) || !strings.Contains(open, `<tr class="open">`) {
		t.Error("state=open shows done items or no open ones")
	}
	dns := f.get(t, "/actions?q=category%3Adns").Body.String()
	if !strings.Contains(dns, "Alert when a resolver answers") || strings.Contains(dns, "Require a second approver") {
		t.Error("the query does not filter action items")
	}
}

func TestMetricsAndMethodErrors(t *testing.T) {
	f := newFixture(t, nil)
	for i := 0; i < 3; i++ {
		f.get(t, "/no/such/page/"+strings.Repeat("x", i))
	}
	f.get(t, "/search?q=resolver")
	w := f.do(t, req{method: http.MethodDelete, path: "/api/v1/search"})
	if code, _ := jsonErr(t, w); w.Code != http.StatusMethodNotAllowed || code != "method_not_allowed" {
		t.Errorf("DELETE on the API = %d %s", w.Code, code)
	}
	m := f.get(t, "/metrics").Body.String()
	for _, want := range []string{
		`hindsight_http_requests_total{code="404",method="GET",route="unmatched"} 3`,
		`hindsight_http_requests_total{code="200",method="GET",route="/search"} 1`,
		`hindsight_http_request_duration_seconds_bucket{method="GET",route="/search"`,
		`hindsight_search_duration_seconds_count 1`,
		`hindsight_index_documents 9`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(m, "/no/such") {
		t.Error("unknown URLs became metric labels")
	}
}

func TestHeadIsAnsweredLikeGet(t *testing.T) {
	f := newFixture(t, nil)
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	for _, p := range []string{"/", "/search?q=resolver", "/healthz", "/readyz", "/api/v1/categories", "/widget.js"} {
		resp, err := http.Head(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(b) != 0 || resp.Header.Get("Content-Type") == "" {
			t.Errorf("HEAD %s = %d with %d body bytes, type %q", p, resp.StatusCode, len(b), resp.Header.Get("Content-Type"))
		}
	}
}
