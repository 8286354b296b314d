package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/index"
)

// TestEmptySearchOffersNextSteps: a search that finds nothing fills the
// sidebar with root causes to start from and offers lighter queries,
// instead of an empty sidebar.
func TestEmptySearchOffersNextSteps(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		name, q string
		status  int
		want    []string
	}{
		{"words and two filters", "zeppelin category:dns service:edge-proxy", http.StatusOK, []string{
			"Nothing to narrow down",
			`<a class="facet-value" href="/search?q=category%3Adns"`, // a root cause to browse, with its count
			`href="/search?q=zeppelin">without any filter: zeppelin</a>`,
			`href="/search?q=zeppelin&#43;service%3Aedge-proxy">without category:dns</a>`,
			`class="all-incidents" href="/search?sort=newest"`,
		}},
		{"only filters", "category:dns severity:sev9", http.StatusOK, []string{
			"Nothing to narrow down", `href="/search">without any filter</a>`,
		}},
		{"a bad query", `"unclosed`, http.StatusBadRequest, []string{
			"Nothing to narrow down", `<a class="facet-value" href="/search?q=category%3Adns"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.get(t, "/search?q="+url.QueryEscape(tt.q))
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			for _, want := range tt.want {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("page lacks %s", want)
				}
			}
		})
	}
	// A search with results keeps its facets and shows no browse box.
	if body := f.get(t, "/search?q=resolver").Body.String(); strings.Contains(body, "Nothing to narrow down") {
		t.Error("browse box on a page with results")
	}
}

// TestEmptyKnowledgeBaseSaysWhatToDo: with nothing indexed the home page
// and a search say how to add postmortems rather than showing blanks.
func TestEmptyKnowledgeBaseSaysWhatToDo(t *testing.T) {
	ix, err := index.OpenMemory(index.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	srv, err := New(DefaultConfig(), ix, ix)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetReady(true)
	for path, want := range map[string]string{
		"/":                 "No postmortems indexed yet",
		"/search?q=timeout": "The knowledge base is empty",
	} {
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) {
			t.Errorf("GET %s = %d, body lacks %q", path, w.Code, want)
		}
	}
}

// TestEmptyTrendsAndActionsOfferAWayBack: a filter that matches nothing
// on /trends or /actions links to the unfiltered page.
func TestEmptyTrendsAndActionsOfferAWayBack(t *testing.T) {
	f := newFixture(t, nil)
	for path, want := range map[string]string{
		"/trends?q=zeppelin":             `<a class="clear-filter" href="/trends">`,
		"/actions?q=zeppelin":            `<a class="clear-filter" href="/actions">`,
		"/actions?q=zeppelin&state=open": `<a class="clear-filter" href="/actions">`,
	} {
		if body := f.get(t, path).Body.String(); !strings.Contains(body, want) {
			t.Errorf("%s lacks %s", path, want)
		}
	}
	if body := f.get(t, "/trends").Body.String(); strings.Contains(body, "clear-filter") {
		t.Error("a way back on the unfiltered trends page")
	}
}
