package main

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// queryMixVersion names the query mix below. Change it whenever the mix
// changes, so that figures from different versions are not compared.
const queryMixVersion = "mix-v1"

// benchQuery is one search of the fixed mix.
type benchQuery struct {
	Class    string `json:"class"` // free, phrase, filter, facets, sort, deep
	Query    string `json:"query"`
	Sort     string `json:"sort,omitempty"`
	Page     int    `json:"page,omitempty"`
	PageSize int    `json:"page_size,omitempty"`
}

// top returns the n most frequent keys of counts, most frequent first,
// ties by name.
func top(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

// filterValue quotes a filter value that holds spaces.
func filterValue(v string) string {
	if strings.ContainsAny(v, " \t") {
		return `"` + v + `"`
	}
	return v
}

// queryMix builds the versioned query mix for a corpus. Filter values that
// depend on the corpus (services, organisations) are the most frequent
// ones in its manifest, so the mix is the same for the same corpus.
func queryMix(man map[string]manifestEntry) []benchQuery {
	svcs, orgs := map[string]int{}, map[string]int{}
	for _, e := range man {
		orgs[e.Organization]++
		for _, s := range e.Services {
			svcs[s]++
		}
	}
	ts, to := top(svcs, 3), top(orgs, 3)
	for len(ts) < 3 {
		ts = append(ts, "api")
	}
	for len(to) < 3 {
		to = append(to, "Acme Cloud")
	}
	q := []benchQuery{
		// Free text: what an engineer types mid-outage.
		{Class: "free", Query: "database connection pool exhausted"},
		{Class: "free", Query: "certificate expired"},
		{Class: "free", Query: "dns resolution failed"},
		{Class: "free", Query: "out of memory"},
		{Class: "free", Query: "rollback bad deploy"},
		{Class: "free", Query: "disk full"},
		{Class: "free", Query: "packet loss between regions"},
		{Class: "free", Query: "rate limit vendor"},
		{Class: "free", Query: "replication lag failover"},
		{Class: "free", Query: "timeout"},
		{Class: "free", Query: "configuration change caused errors"},
		{Class: "free", Query: "leap second clock skew"},
		{Class: "free", Query: ts[0] + " latency"},
		{Class: "free", Query: "kafka consumer backlog"},
		// Phrases.
		{Class: "phrase", Query: `"no space left on device"`},
		{Class: "phrase", Query: `"connection reset by peer"`},
		{Class: "phrase", Query: `"traffic spike"`},
		{Class: "phrase", Query: `"certificate has expired"`},
		{Class: "phrase", Query: `"context deadline exceeded" retry`},
		// Filters, alone and with words.
		{Class: "filter", Query: "category:dns"},
		{Class: "filter", Query: "category:deploy service:" + filterValue(ts[0])},
		{Class: "filter", Query: "category:capacity after:2023-01"},
		{Class: "filter", Query: "org:" + filterValue(to[0]) + " outage"},
		{Class: "filter", Query: "duration:>4h category:database"},
		{Class: "filter", Query: "has:action_items category:certificate"},
		{Class: "filter", Query: "config -deploy category:config-change"},
		{Class: "filter", Query: "timeout category:network before:2021-06-30"},
		{Class: "filter", Query: "format:html service:" + filterValue(ts[1])},
		{Class: "filter", Query: "category:dns category:certificate org:" + filterValue(to[1])},
		// Facets over large result sets.
		{Class: "facets", Query: ""},
		{Class: "facets", Query: "error"},
		{Class: "facets", Query: "after:2020-01 before:2024-12-31"},
		// Sorts.
		{Class: "sort", Query: "outage", Sort: "newest"},
		{Class: "sort", Query: "customers", Sort: "oldest"},
		{Class: "sort", Query: "category:capacity", Sort: "longest"},
		// Deep pages.
		{Class: "deep", Query: "", Page: 50, PageSize: 20},
		{Class: "deep", Query: "errors", Page: 100, PageSize: 20},
		{Class: "deep", Query: "service:" + filterValue(ts[2]), Page: 5, PageSize: 100},
	}
	return q
}

// apiPath is the JSON API URL path of a query.
func (b benchQuery) apiPath() string { return "/api/v1/search?" + b.values().Encode() }

// pagePath is the HTML search page URL path of a query.
func (b benchQuery) pagePath() string { return "/search?" + b.values().Encode() }

func (b benchQuery) values() url.Values {
	v := url.Values{"q": {b.Query}}
	if b.Sort != "" {
		v.Set("sort", b.Sort)
	}
	if b.Page > 0 {
		v.Set("page", fmt.Sprint(b.Page))
	}
	if b.PageSize > 0 {
		v.Set("page_size", fmt.Sprint(b.PageSize))
	}
	return v
}
