package index

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

func TestSearch(t *testing.T) {
	ix, _ := memIndex(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		query    string
		first    string   // expected top hit ("" = don't care)
		contains []string // must be among the hits
		excludes []string // must not be among the hits
		total    int      // -1 = don't care
	}{
		{"plain words find jargon", "out of memory", "pm-001", nil, nil, -1},
		{"jargon finds plain words", "ddos", "pm-007", nil, nil, -1},
		{"synonym cert to certificate", "cert", "pm-002", nil, nil, -1},
		{"synonym db to postgres", "database failover", "pm-003", nil, nil, -1},
		{"k8s kubernetes", "kubernetes nodes deleted", "pm-009", nil, nil, -1},
		{"disk full phrase synonym", "disk full", "pm-005", nil, nil, -1},
		{"5xx", "5xx errors from vendor", "pm-008", nil, nil, -1},
		{"rollback revert", "rollback", "", []string{"pm-006", "pm-001"}, nil, -1},
		{"title beats body mention", "memory", "pm-001", nil, nil, -1},
		{"phrase", `"expired certificate"`, "pm-002", nil, nil, 1},
		{"exclusion", "memory -checkout", "", nil, []string{"pm-001"}, -1},
		{"filter only", "category:dns", "pm-004", nil, nil, 1},
		{"filter OR", "category:dns category:time", "", []string{"pm-004", "pm-010"}, nil, 2},
		{"filters AND", "category:deploy org:initech", "pm-006", nil, nil, 1},
		{"filter case-insensitive", "org:GLOBEX", "", []string{"pm-003", "pm-004", "pm-010"}, nil, 3},
		{"words and filter", "login service:auth", "", []string{"pm-006", "pm-010"}, []string{"pm-001"}, -1},
		{"empty lists everything", "", "pm-006", nil, nil, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ix.Search(ctx, Request{Query: tc.query, PageSize: 50})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if tc.first != "" && (len(ids) == 0 || ids[0] != tc.first) {
				t.Errorf("top hit %v, want %s", ids, tc.first)
			}
			for _, id := range tc.contains {
				if !slices.Contains(ids, id) {
					t.Errorf("hits %v lack %s", ids, id)
				}
			}
			for _, id := range tc.excludes {
				if slices.Contains(ids, id) {
					t.Errorf("hits %v include %s", ids, id)
				}
			}
			if tc.total >= 0 && res.Total != tc.total {
				t.Errorf("total %d, want %d (%v)", res.Total, tc.total, ids)
			}
		})
	}
}

func TestSearchFragments(t *testing.T) {
	ix, _ := memIndex(t)
	res, err := ix.Search(context.Background(), Request{Query: "renewal"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	fr := res.Hits[0].Fragments
	if len(fr) == 0 {
		t.Fatalf("no fragments: %+v", res.Hits[0])
	}
	for f, list := range fr {
		for _, s := range list {
			if !strings.Contains(s, "<mark>") {
				t.Errorf("%s fragment without mark: %q", f, s)
			}
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
			if strings.ContainsAny(rest, "<>") {
				t.Errorf("%s fragment has markup besides mark: %q", f, s)
			}
		}
	}
}

func TestSearchSortsAndPaging(t *testing.T) {
	ix, _ := memIndex(t)
	ctx := context.Background()
	res, err := ix.Search(ctx, Request{Sort: SortOldest, PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !slices.Equal(got, []string{"pm-010", "pm-009", "pm-005"}) {
		t.Errorf("oldest = %v", got)
	}
	if res.Pages != 4 || res.Total != 10 {
		t.Errorf("pages %d total %d", res.Pages, res.Total)
	}
	res, err = ix.Search(ctx, Request{Sort: SortLongest, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !slices.Equal(got, []string{"pm-007", "pm-005"}) {
		t.Errorf("longest = %v", got)
	}
	res, err = ix.Search(ctx, Request{Page: 1_000_000_000, PageSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Page != 3 || len(res.Hits) != 2 {
		t.Errorf("huge page clamped to %d with %d hits", res.Page, len(res.Hits))
	}
	res, err = ix.Search(ctx, Request{Page: -5, PageSize: 1_000_000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Page != 1 || res.PageSize != DefaultMaxPageSize {
		t.Errorf("clamps: page %d size %d", res.Page, res.PageSize)
	}
	if _, err := ix.Search(ctx, Request{Sort: "sideways"}); err == nil {
		t.Error("bad sort accepted")
	}
}

func TestSearchFacets(t *testing.T) {
	ix, _ := memIndex(t)
	res, err := ix.Search(context.Background(), Request{Query: "org:globex"})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Facets
	count := func(vs []FacetValue, v string) int {
		for _, x := range vs {
			if x.Value == v {
				return x.Count
			}
		}
		return 0
	}
	if count(f.Categories, "monitoring") != 1 || count(f.Categories, "dns") != 1 || count(f.Categories, "database") != 1 {
		t.Errorf("categories %+v", f.Categories)
	}
	if len(f.Organizations) != 1 || f.Organizations[0].Label != "Globex" || f.Organizations[0].Value != "globex" {
		t.Errorf("organizations %+v", f.Organizations)
	}
	// 180m, 12m and one without duration.
	if count(f.Durations, "lt15m") != 1 || count(f.Durations, "1h-4h") != 1 || len(f.Durations) != 2 {
		t.Errorf("durations %+v", f.Durations)
	}
	if len(f.Years) != 3 || f.Years[0].Value != "2024" {
		t.Errorf("years %+v", f.Years)
	}
	// Organization labels keep display case, merging case variants.
	res, err = ix.Search(context.Background(), Request{Query: "org:\"acme retail\""})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
}

// TestSearchFacetsOfEverything checks the cached facets of the
// unfiltered query: the same as counted by a search, changed by a write,
// and not shared between results.
func TestSearchFacetsOfEverything(t *testing.T) {
	ctx := context.Background()
	ix, recs := memIndex(t)
	orgCount := func(f Facets, org string) int {
		for _, v := range f.Organizations {
			if v.Value == org {
				return v.Count
			}
		}
		return 0
	}
	first, err := ix.Search(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := ix.Search(ctx, Request{Sort: SortLongest})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first.Facets, second.Facets) {
		t.Fatalf("cached facets differ:\n%+v\n%+v", first.Facets, second.Facets)
	}
	if len(second.Facets.Organizations) == 0 {
		t.Fatal("no organization facet")
	}
	second.Facets.Organizations[0].Count = -1 // must not reach the cache
	org := first.Facets.Organizations[0].Value
	before := orgCount(first.Facets, org)

	r := recs[0]
	r.ID, r.Source, r.Organization = "facets-extra", "extra/facets.md", first.Facets.Organizations[0].Label
	if err := ix.Put(ctx, r); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Search(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	if got := orgCount(after.Facets, org); got != before+1 {
		t.Errorf("organization %s after a write: %d, want %d", org, got, before+1)
	}
	if after.Total != first.Total+1 {
		t.Errorf("total %d, want %d", after.Total, first.Total+1)
	}
}

// TestSearchMatchesMostWords checks how many of a query's words a hit
// needs: all of one or two, two thirds of more, and any one when no
// incident has that many. When fewer than a page match, the first page
// goes on with incidents that match some of the words, after the full
// matches and marked partial; Total counts the full matches.
func TestSearchMatchesMostWords(t *testing.T) {
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	recs := []corpus.Record{
		{ID: "a", Title: "Primary database disk filled", RootCause: "The write-ahead log grew until the volume had no room."},
		{ID: "b", Title: "Checkout latency", Summary: "Queries to the database were slow.", Body: "Latency rose for an hour."},
		{ID: "c", Title: "Broker crash", RootCause: "A kafka broker crashed after an upgrade."},
		{ID: "d", Title: "Login errors", Impact: "Users saw errors.", Body: "Nothing about the cache here."},
	}
	if err := ix.Put(context.Background(), recs...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query         string
		sort          string
		size          int
		want, partial []string
		relaxed       bool
	}{
		{query: "database", want: []string{"a", "b"}},
		{query: "database latency", want: []string{"b"}, partial: []string{"a"}},
		// A sorted listing or a full page has no partial matches.
		{query: "database latency", sort: SortNewest, want: []string{"b"}},
		{query: "database latency", size: 1, want: []string{"b"}},
		// Three words: two must match.
		{query: "database disk latency", want: []string{"a", "b"}},
		{query: "database crashed latency", want: []string{"b"}, partial: []string{"a", "c"}},
		// No incident has two of these: any one will do, and the result says so.
		{query: "database kafka zookeeper", want: []string{"a", "b", "c"}, relaxed: true},
		{query: "zookeeper etcd"},
	}
	for _, tc := range tests {
		t.Run(tc.query+" "+tc.sort, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: tc.query, Sort: tc.sort, PageSize: tc.size})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			n := len(ids) - res.Partial
			full, partial := slices.Clone(ids[:n]), slices.Clone(ids[n:])
			slices.Sort(full)
			slices.Sort(partial)
			if !slices.Equal(full, tc.want) || !slices.Equal(partial, tc.partial) || res.Relaxed != tc.relaxed {
				t.Errorf("hits %v then partial %v, relaxed %v; want %v then %v, relaxed %v", full, partial, res.Relaxed, tc.want, tc.partial, tc.relaxed)
			}
			if res.Total != len(tc.want) {
				t.Errorf("total %d, want the %d full matches", res.Total, len(tc.want))
			}
			for i, h := range res.Hits {
				if h.Partial != (i >= n) {
					t.Errorf("hit %d (%s): partial %v", i, h.ID, h.Partial)
				}
			}
		})
	}
}

func TestSearchCauseVocabulary(t *testing.T) {
	// Both incidents carry the cause the query names; only one states it
	// in its root cause, in other words than the query's. The other is
	// newer and sorts first by id, so it would win a tie.
	tagged := func(id, date, title, cause string) corpus.Record {
		return corpus.Record{
			ID: id, Source: id + ".md", Title: title, Date: date, RootCause: cause,
			Body:       title + "\n" + cause,
			Categories: []corpus.Category{{Name: "capacity", Confidence: 0.6, Source: "model"}},
		}
	}
	tests := []struct {
		name, query, first string
	}{
		{"a synonym group of the named cause", "memory exhaustion", "b-stated"},
		{"the cause named by its own name", "capacity problem", "b-stated"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix := memIndexOf(t,
				tagged("a-plain", "2024-05-02", "Slow checkout", "The workers fell behind while a job queue grew."),
				tagged("b-stated", "2024-05-01", "Slow search", "The search cluster was overloaded by a surge of requests."),
			)
			res, err := ix.Search(context.Background(), Request{Query: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			if ids := hitIDs(res); len(ids) != 2 || ids[0] != tc.first {
				t.Errorf("hits %v, want %s first of two", ids, tc.first)
			}
		})
	}
}
