package query

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuery checks that ParseQuery never panics, that its errors are
// *QueryError values pointing inside the query, that accepted queries
// respect the limits and build only bounded bleve queries, and that
// String() re-parses to an equal query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"",
		"disk full",
		`"out of memory" -kubernetes -"load balancer"`,
		`category:dns,network -service:api org:"Fernhill Payments" severity:sev1 tag:k8s`,
		"format:md has:action_items has:open-actions",
		"after:2023-01 before:2024-06-30 after:7d before:3m",
		"duration:>1h duration:<=30m duration:1h..4h duration:=2d4h",
		"http://x.com 10:30 error: foo:bar",
		"*foo foo? /re/ ba[rz] a && b",
		"cate\u200bgory\uff1adns \u202eevil\u202c “smart” «quotes»",
		"\x00\x01\u00a0\u3000\ufeff",
		"(category:dns) service:\"a,b\" -\"\"",
		"\xff\xfe",
		`"unbalanced`,
		strings.Repeat("w ", 70),
	} {
		f.Add(s)
	}
	opts := queryOpts()
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s, opts)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %T is not a *QueryError: %v", err, err)
			}
			if qe.Pos < 0 || qe.Pos > len(s) || qe.Msg == "" || qe.Query != s {
				t.Fatalf("bad QueryError %#v", qe)
			}
			_ = qe.Error()
			return
		}
		if len(s) > MaxQueryBytes || !utf8.ValidString(s) {
			t.Fatalf("accepted a query over the limit or not UTF-8: %q", s)
		}
		if n := len(q.Words) + len(q.Phrases) + len(q.Excluded) + len(q.Filters); n > MaxQueryTerms {
			t.Fatalf("accepted %d items", n)
		}
		for _, list := range [][]string{q.Words, q.Phrases, q.Excluded} {
			for _, w := range list {
				if w == "" || len(w) > MaxValueBytes {
					t.Fatalf("bad item %q", w)
				}
			}
		}
		for _, f := range q.Filters {
			if f.Value == "" || len(f.Value) > MaxValueBytes || canonicalFilterKey(f.Key) != f.Key {
				t.Fatalf("bad filter %#v", f)
			}
		}
		checkBoundedQuery(t, s, q.FilterQuery())
		assertQueryRoundTrip(t, s, q)
		for i := range q.Filters {
			if _, err := ParseQuery(q.Without(i), opts); err != nil {
				t.Fatalf("Without(%d) = %q does not parse: %v", i, q.Without(i), err)
			}
		}
	})
}
