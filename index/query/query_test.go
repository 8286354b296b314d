package query

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// queryNow is the fixed clock of these tests.
var queryNow = time.Date(2026, 3, 15, 12, 30, 0, 0, time.UTC)

// queryCategories is the taxonomy the tests validate against.
var queryCategories = []string{"config-change", "deploy", "capacity", "third-party", "network", "dns",
	"certificate", "database", "storage", "hardware", "software-bug", "security", "process",
	"monitoring", "time", "data-loss"}

func queryOpts() QueryOptions { return QueryOptions{Now: queryNow, Categories: queryCategories} }

// filterVal is a compact Filter for expectations: key, value, negated.
type filterVal struct {
	Key, Value string
	Neg        bool
}

func queryFiltersOf(q *Query) []filterVal {
	var out []filterVal
	for _, f := range q.Filters {
		out = append(out, filterVal{f.Key, f.Value, f.Negated})
	}
	return out
}

func TestParseQueryText(t *testing.T) {
	tests := []struct {
		name, in                 string
		words, phrases, excluded []string
	}{
		{"empty", "", nil, nil, nil},
		{"blank", " \t\n ", nil, nil, nil},
		{"words lower-cased in order", "Disk FULL on Postgres", []string{"disk", "full", "on", "postgres"}, nil, nil},
		{"phrase", `"Out  of Memory"`, nil, []string{"out of memory"}, nil},
		{"words and phrases", `oom "connection refused" kubelet`, []string{"oom", "kubelet"}, []string{"connection refused"}, nil},
		{"exclusions", `dns -kubernetes -"load balancer"`, []string{"dns"}, nil, []string{"kubernetes", "load balancer"}},
		{"double dash", `--foo`, nil, nil, []string{"foo"}},
		{"lone dash dropped", `a - b`, []string{"a", "b"}, nil, nil},
		{"empty phrase dropped", `a "" b`, []string{"a", "b"}, nil, nil},
		{"punctuation phrase dropped", `"*** ???"`, nil, nil, nil},
		{"phrase glued to word", `foo"bar baz"`, []string{"foo"}, []string{"bar baz"}, nil},
		{"leading wildcard is text", `*foo`, []string{"foo"}, nil, nil},
		{"trailing wildcard is text", `foo* bar?`, []string{"foo", "bar"}, nil, nil},
		{"regex-like is text", `/time.*out/ ba[rz]`, []string{"time.*out", "ba[rz"}, nil, nil},
		{"operators dropped", `a && b || !c`, []string{"a", "b", "c"}, nil, nil},
		{"fuzzy and boost syntax is text", `foo~2 bar^10`, []string{"foo~2", "bar^10"}, nil, nil},
		{"time with colon is text", `outage at 10:30`, []string{"outage", "at", "10:30"}, nil, nil},
		{"url is text", `see https://status.example.com/x`, []string{"see", "https://status.example.com/x"}, nil, nil},
		{"windows path is text", `c:\temp`, []string{`c:\temp`}, nil, nil},
		{"trailing colon is text", `Error: connection refused`, []string{"error", "connection", "refused"}, nil, nil},
		{"surrounding punctuation", `(timeout), "x"`, []string{"timeout"}, []string{"x"}, nil},
		{"internal punctuation kept", `node.js o'brien 5xx`, []string{"node.js", "o'brien", "5xx"}, nil, nil},
		{"smart quotes", "“disk full” «no space»", nil, []string{"disk full", "no space"}, nil},
		{"full-width quote", "＂disk full＂", nil, []string{"disk full"}, nil},
		{"negated smart phrase", "-“disk full”", nil, nil, []string{"disk full"}},
		{"non-latin words", "Ошибка DNS 障害", []string{"ошибка", "dns", "障害"}, nil, nil},
		{"phrase keeps colons", `"error: 10:30"`, nil, []string{"error: 10:30"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(q.Words, tt.words) {
				t.Errorf("Words = %q, want %q", q.Words, tt.words)
			}
			if !reflect.DeepEqual(q.Phrases, tt.phrases) {
				t.Errorf("Phrases = %q, want %q", q.Phrases, tt.phrases)
			}
			if !reflect.DeepEqual(q.Excluded, tt.excluded) {
				t.Errorf("Excluded = %q, want %q", q.Excluded, tt.excluded)
			}
			if len(q.Filters) != 0 {
				t.Errorf("Filters = %v, want none", queryFiltersOf(q))
			}
			if got, want := q.HasText(), len(tt.words)+len(tt.phrases) > 0; got != want {
				t.Errorf("HasText() = %v, want %v", got, want)
			}
		})
	}
}

func TestParseQueryFilters(t *testing.T) {
	tests := []struct {
		in   string
		want []filterVal
	}{
		{"category:dns", []filterVal{{"category", "dns", false}}},
		{"Category:DNS", []filterVal{{"category", "dns", false}}},
		{"cause:network", []filterVal{{"category", "network", false}}},
		{"categories:deploy", []filterVal{{"category", "deploy", false}}},
		{"category:software_bug", []filterVal{{"category", "software-bug", false}}},
		{`category:"Software Bug"`, []filterVal{{"category", "software-bug", false}}},
		{"category:dns,network", []filterVal{{"category", "dns", false}, {"category", "network", false}}},
		{"category:dns,,network,", []filterVal{{"category", "dns", false}, {"category", "network", false}}},
		{"-category:dns", []filterVal{{"category", "dns", true}}},
		{"-category:dns,network", []filterVal{{"category", "dns", true}, {"category", "network", true}}},
		{"service:API service:Checkout", []filterVal{{"service", "api", false}, {"service", "checkout", false}}},
		{"services:a,b", []filterVal{{"service", "a", false}, {"service", "b", false}}},
		{`service:"a,b"`, []filterVal{{"service", "a,b", false}}},
		{`org:"Fernhill Payments"`, []filterVal{{"org", "fernhill payments", false}}},
		{`organization:acme`, []filterVal{{"org", "acme", false}}},
		{`organisation:acme`, []filterVal{{"org", "acme", false}}},
		{`-org:“Acme Corp”`, []filterVal{{"org", "acme corp", true}}},
		{"severity:SEV1", []filterVal{{"severity", "sev1", false}}},
		{"sev:critical,major", []filterVal{{"severity", "critical", false}, {"severity", "major", false}}},
		{"tag:k8s tags:edge", []filterVal{{"tag", "k8s", false}, {"tag", "edge", false}}},
		{"format:markdown", []filterVal{{"format", "markdown", false}}},
		{"format:MD,txt,htm", []filterVal{{"format", "markdown", false}, {"format", "text", false}, {"format", "html", false}}},
		{"has:action_items", []filterVal{{"has", "action_items", false}}},
		{"has:timeline,root_cause,open-actions", []filterVal{{"has", "timeline", false}, {"has", "root_cause", false}, {"has", "open_actions", false}}},
		{"has:actions", []filterVal{{"has", "action_items", false}}},
		{"-has:timeline", []filterVal{{"has", "timeline", true}}},
		{"after:2023", []filterVal{{"after", "2023", false}}},
		{"after:2023-01", []filterVal{{"after", "2023-01", false}}},
		{"after:2023-1-5", []filterVal{{"after", "2023-01-05", false}}},
		{"before:2024-06-30", []filterVal{{"before", "2024-06-30", false}}},
		{"after:7d before:1w", []filterVal{{"after", "7d", false}, {"before", "1w", false}}},
		{"after:3M after:1Y", []filterVal{{"after", "3m", false}, {"after", "1y", false}}},
		{"duration:>1h", []filterVal{{"duration", ">1h", false}}},
		{"duration:>=90m", []filterVal{{"duration", ">=1h30m", false}}},
		{"duration:<30m", []filterVal{{"duration", "<30m", false}}},
		{"duration:<=1d", []filterVal{{"duration", "<=1d", false}}},
		{"duration:=1h", []filterVal{{"duration", "=1h", false}}},
		{"duration:1h..4h", []filterVal{{"duration", "1h..4h", false}}},
		{"duration:1h-4h", []filterVal{{"duration", "1h..4h", false}}},
		{"duration:1h–4h", []filterVal{{"duration", "1h..4h", false}}},
		{"duration:1h..", []filterVal{{"duration", ">=1h", false}}},
		{"duration:..4h", []filterVal{{"duration", "<=4h", false}}},
		{"duration:2h..2h", []filterVal{{"duration", "=2h", false}}},
		{"duration:>2d4h30m", []filterVal{{"duration", ">2d4h30m", false}}},
		{"duration:>0m", []filterVal{{"duration", ">0m", false}}},
		{`duration:"> 1h"`, []filterVal{{"duration", ">1h", false}}},
		{"service:/api", []filterVal{{"service", "/api", false}}},
		{"(category:dns)", []filterVal{{"category", "dns", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if got := queryFiltersOf(q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("filters = %v, want %v", got, tt.want)
			}
			if q.HasText() {
				t.Errorf("HasText() = true for a filter-only query; words %q", q.Words)
			}
		})
	}
}

func TestParseQueryFilterRawAndPos(t *testing.T) {
	in := `disk  -service:a,b org:"Fernhill Payments"`
	q, err := ParseQuery(in, queryOpts())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		raw string
		pos int
	}{{"-service:a,b", 6}, {"-service:a,b", 6}, {`org:"Fernhill Payments"`, 19}}
	if len(q.Filters) != len(want) {
		t.Fatalf("got %d filters, want %d", len(q.Filters), len(want))
	}
	for i, w := range want {
		f := q.Filters[i]
		if f.Raw != w.raw || f.Pos != w.pos || in[f.Pos:f.Pos+len(f.Raw)] != f.Raw {
			t.Errorf("filter %d: Raw %q Pos %d, want %q at %d", i, f.Raw, f.Pos, w.raw, w.pos)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name, in string
		pos      int
		token    string
		msg      string // substring of Msg
	}{
		{"unbalanced quote", `disk "out of memory`, 5, `"out of memory`, "unbalanced quote"},
		{"unbalanced quote in value", `org:"Fernhill`, 4, `"Fernhill`, "unbalanced quote"},
		{"unbalanced negated phrase", `a -"b`, 3, `"b`, "unbalanced quote"},
		{"unknown filter", `disk foo:bar`, 5, "foo:bar", "unknown filter foo; known: after, before, category, duration, format, has, org, service, severity, tag"},
		{"unknown filter suggestion", `sevrity:1`, 0, "sevrity:1", "did you mean severity?"},
		{"abbreviated category", `cat:dns`, 0, "cat:dns", "unknown filter cat (did you mean category?)"},
		{"abbreviated cause", `caus:dns`, 0, "caus:dns", "did you mean cause?"},
		{"abbreviated service", `svc:api`, 0, "svc:api", "did you mean service?"},
		{"misspelt category", `catgory:dns`, 0, "catgory:dns", "did you mean category?"},
		{"mistyped category", `catefory:dns`, 0, "catefory:dns", "did you mean category?"},
		{"abbreviated duration", `dur:>1h`, 0, "dur:>1h", "did you mean duration?"},
		{"unknown filter quoted", `team:"sre"`, 0, "team:", "unknown filter team"},
		{"unknown negated filter", `-foo:bar`, 1, "foo:bar", "unknown filter foo"},
		{"unknown category", `category:dsn`, 9, "dsn", `unknown category "dsn"; known: capacity, certificate, config-change`},
		{"unknown category in list", `category:dns,bogus`, 13, "bogus", `unknown category "bogus"`},
		{"missing value", `category:`, 0, "category:", "filter category needs a value, e.g. category:dns"},
		{"missing value spaced", `service: api`, 0, "service:", "filter service needs a value"},
		{"empty quoted value", `org:""`, 0, `org:""`, "filter org needs a value"},
		{"commas only", `tag:,,`, 0, "tag:,,", "filter tag needs a value"},
		{"bad format", `format:pdf`, 7, "pdf", `unknown format "pdf"; known: markdown, text, html`},
		{"bad has", `has:owners`, 4, "owners", `unknown has value "owners"; known: action_items, open_actions, root_cause, timeline`},
		{"bad month", `after:2023-13`, 6, "2023-13", `bad date "2023-13": no such month or day (expected YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"bad day", `before:2023-02-30`, 7, "2023-02-30", "no such month or day"},
		{"bad date word", `after:yesterday`, 6, "yesterday", "expected YYYY, YYYY-MM or YYYY-MM-DD, or a relative age like 7d"},
		{"bad date short year", `after:23-01`, 6, "23-01", "expected YYYY"},
		{"date too old", `after:1066`, 6, "1066", "between 1900 and 2200"},
		{"date too far ahead", `before:9999-01-01`, 7, "9999-01-01", "between 1900 and 2200"},
		{"relative too far", `after:500y`, 6, "500y", "too far back"},
		{"relative huge number", `after:99999999999999999999d`, 6, "99999999999999999999d", "bad date"},
		{"relative negative", `after:-5d`, 6, "-5d", "bad date"},
		{"date list", `after:2023,2024`, 6, "2023,2024", "bad date"},
		{"bare duration", `duration:1h`, 9, "1h", `duration "1h" needs a comparison or a range, e.g. >1h, <=1h or =1h, or a range like 1h..4h`},
		{"duration no unit", `duration:>90`, 9, ">90", `bad duration ">90": 90 needs a unit: m, h or d (expected e.g. >1h, <30m, >=2h30m or 1h..4h)`},
		{"duration bad unit", `duration:>2y`, 9, ">2y", `unknown unit "y"`},
		{"duration word", `duration:>long`, 9, ">long", "is not a number"},
		{"duration too long", `duration:>9999d`, 9, ">9999d", "longer than 3650d"},
		{"duration huge number", `duration:<123456789m`, 9, "<123456789m", "number too large"},
		{"duration reversed range", `duration:4h..1h`, 9, "4h..1h", "starts after it ends"},
		{"duration empty range", `duration:..`, 9, "..", "bad duration"},
		{"duration negative", `duration:>-1h`, 9, ">-1h", "is not a number"},
		{"invalid utf-8", "disk \xff full", 5, "\xff", "invalid UTF-8"},
		{"too long", strings.Repeat("a ", 1001), 2000, "", "query is 2002 bytes; the limit is 2000 bytes"},
		{"word too long", "x " + strings.Repeat("w", 201), 2, strings.Repeat("w", 40) + "…", "word is 201 bytes; the limit is 200"},
		{"phrase too long", `"` + strings.Repeat("p", 201) + `"`, 0, `"` + strings.Repeat("p", 39) + "…", "phrase is 201 bytes"},
		{"value too long", "service:" + strings.Repeat("v", 201), 8, strings.Repeat("v", 40) + "…", "value is 201 bytes"},
		{"too many terms", strings.Repeat("w ", 64) + "extra", 128, "extra", "at most 64 words, phrases and filter values"},
		{"too many values", "service:" + strings.Repeat("a,", 64) + "b", 136, "b", "at most 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err == nil {
				t.Fatalf("ParseQuery(%q) = %q, want an error", tt.in, q.String())
			}
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %T %v is not a *QueryError", err, err)
			}
			if qe.Query != tt.in {
				t.Errorf("Query = %q, want the input", qe.Query)
			}
			if qe.Pos != tt.pos || qe.Token != tt.token {
				t.Errorf("Pos %d Token %q, want %d %q", qe.Pos, qe.Token, tt.pos, tt.token)
			}
			if !strings.Contains(qe.Msg, tt.msg) {
				t.Errorf("Msg = %q, want it to contain %q", qe.Msg, tt.msg)
			}
			if tt.token != "" && !strings.HasSuffix(tt.token, "…") && !strings.HasPrefix(tt.in[qe.Pos:], tt.token) {
				t.Errorf("Token %q is not at Pos %d of %q", qe.Token, qe.Pos, tt.in)
			}
		})
	}
}

func TestQueryErrorFormat(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`disk foo:bar`, `at column 6 ("foo:bar"): unknown filter foo; known: after, before, category, duration, format, has, org, service, severity, tag`},
		// Columns count characters, not bytes: "é" and "障害" are multi-byte.
		{`é 障害 "x`, `at column 6 ("\"x"): unbalanced quote: add a closing " or remove this one`},
		{`format:doc`, `at column 8 ("doc"): unknown format "doc"; known: markdown, text, html`},
		{strings.Repeat("é", 1001), `at column 1001: query is 2002 bytes; the limit is 2000 bytes`},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in, queryOpts())
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseQuery(%.20q) error = %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

func TestParseQueryWithoutCategories(t *testing.T) {
	q, err := ParseQuery("category:anything-goes", QueryOptions{Now: queryNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := queryFiltersOf(q); !reflect.DeepEqual(got, []filterVal{{"category", "anything-goes", false}}) {
		t.Errorf("filters = %v", got)
	}
}

func TestDateBounds(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"after:2023", day(2023, 1, 1)},
		{"after:2023-01", day(2023, 1, 1)},
		{"after:2023-07-04", day(2023, 7, 4)},
		{"before:2024", day(2024, 1, 1)},
		{"before:2024-06", day(2024, 6, 1)},
		{"before:2024-06-30", day(2024, 6, 30)},
		{"after:2024-02-29", day(2024, 2, 29)},
		// Relative ages count back from Now (2026-03-15 12:30 UTC).
		{"after:7d", time.Date(2026, 3, 8, 12, 30, 0, 0, time.UTC)},
		{"after:2w", time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC)},
		{"after:3m", time.Date(2025, 12, 15, 12, 30, 0, 0, time.UTC)},
		{"before:1y", time.Date(2025, 3, 15, 12, 30, 0, 0, time.UTC)},
		{"after:0d", queryNow},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatal(err)
			}
			dq, ok := q.FilterQuery().(*query.DateRangeQuery)
			if !ok {
				t.Fatalf("FilterQuery() = %T, want *query.DateRangeQuery", q.FilterQuery())
			}
			if dq.Field() != "started_at" {
				t.Errorf("field %q, want started_at", dq.Field())
			}
			if strings.HasPrefix(tt.in, "after:") {
				if !dq.Start.Equal(tt.want) || !dq.End.IsZero() || dq.InclusiveStart == nil || !*dq.InclusiveStart {
					t.Errorf("after range = [%v, %v) incl %v, want from %v inclusive", dq.Start, dq.End, dq.InclusiveStart, tt.want)
				}
			} else {
				if !dq.End.Equal(tt.want) || !dq.Start.IsZero() || dq.InclusiveEnd == nil || *dq.InclusiveEnd {
					t.Errorf("before range = (%v, %v] incl %v, want before %v exclusive", dq.Start, dq.End, dq.InclusiveEnd, tt.want)
				}
			}
			if err := dq.Validate(); err != nil {
				t.Errorf("bleve rejects the range: %v", err)
			}
		})
	}
}

func TestParseQueryZeroNowUsesClock(t *testing.T) {
	before := time.Now()
	q, err := ParseQuery("after:1d", QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := q.FilterQuery().(*query.DateRangeQuery).Start.Time
	if got.Before(before.AddDate(0, 0, -1).Add(-time.Second)) || got.After(time.Now().AddDate(0, 0, -1)) {
		t.Errorf("after:1d with zero Now = %v, want about a day before %v", got, before)
	}
}

func TestDurationRanges(t *testing.T) {
	type bound struct {
		v   float64
		inc bool
	}
	tests := []struct {
		in     string
		lo, hi *bound
	}{
		{"duration:>1h", &bound{60, false}, nil},
		{"duration:>=1h", &bound{60, true}, nil},
		{"duration:<30m", nil, &bound{30, false}},
		{"duration:<=30m", nil, &bound{30, true}},
		{"duration:1h..4h", &bound{60, true}, &bound{240, true}},
		{"duration:=1h30m", &bound{90, true}, &bound{90, true}},
		{"duration:>1d", &bound{1440, false}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatal(err)
			}
			nq, ok := q.FilterQuery().(*query.NumericRangeQuery)
			if !ok {
				t.Fatalf("FilterQuery() = %T, want *query.NumericRangeQuery", q.FilterQuery())
			}
			if nq.Field() != "duration_minutes" {
				t.Errorf("field %q", nq.Field())
			}
			check := func(name string, v *float64, inc *bool, want *bound) {
				if want == nil {
					if v != nil || inc != nil {
						t.Errorf("%s = %v (inclusive %v), want open", name, v, inc)
					}
					return
				}
				if v == nil || *v != want.v || inc == nil || *inc != want.inc {
					t.Errorf("%s = %v inclusive %v, want %v inclusive %v", name, derefAny(v), derefAny(inc), want.v, want.inc)
				}
			}
			check("min", nq.Min, nq.InclusiveMin, tt.lo)
			check("max", nq.Max, nq.InclusiveMax, tt.hi)
		})
	}
}

func derefAny[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestFilterQueryStructure(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no filters", "disk full", "null"},
		{"one term", "category:dns",
			`{"term":"dns","field":"categories"}`},
		{"same key is OR", "service:a service:b",
			`{"disjuncts":[{"term":"a","field":"services"},{"term":"b","field":"services"}],"min":0}`},
		{"comma list is OR", "service:a,b",
			`{"disjuncts":[{"term":"a","field":"services"},{"term":"b","field":"services"}],"min":0}`},
		{"duplicates collapse", "tag:x tag:x",
			`{"term":"x","field":"tags"}`},
		{"different keys AND", "category:dns org:acme severity:sev1 tag:t format:html has:timeline",
			`{"conjuncts":[{"term":"dns","field":"categories"},{"term":"acme","field":"organization"},{"term":"sev1","field":"severity"},{"term":"t","field":"tags"},{"term":"html","field":"format"},{"term":"timeline","field":"has"}]}`},
		{"OR inside AND", "category:dns service:a category:network",
			`{"conjuncts":[{"disjuncts":[{"term":"dns","field":"categories"},{"term":"network","field":"categories"}],"min":0},{"term":"a","field":"services"}]}`},
		{"negation is must-not", "category:dns -service:a,b",
			`{"must":{"conjuncts":[{"term":"dns","field":"categories"}]},"must_not":{"disjuncts":[{"term":"a","field":"services"},{"term":"b","field":"services"}],"min":0}}`},
		{"negation only", "-has:action_items",
			`{"must_not":{"disjuncts":[{"term":"action_items","field":"has"}],"min":0}}`},
		{"dates and durations", "after:2023-01 before:2024-06 duration:>1h",
			`{"conjuncts":[{"start":"2023-01-01T00:00:00Z","end":"0001-01-01T00:00:00Z","inclusive_start":true,"field":"started_at"},{"start":"0001-01-01T00:00:00Z","end":"2024-06-01T00:00:00Z","inclusive_end":false,"field":"started_at"},{"min":60,"inclusive_min":false,"field":"duration_minutes"}]}`},
		{"text is not a filter", `disk "full" -x category:dns`,
			`{"term":"dns","field":"categories"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatal(err)
			}
			fq := q.FilterQuery()
			if tt.want == "null" {
				if fq != nil {
					t.Fatalf("FilterQuery() = %#v, want nil", fq)
				}
				return
			}
			b, err := json.Marshal(fq)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("FilterQuery() JSON\n got %s\nwant %s", b, tt.want)
			}
			if v, ok := fq.(query.ValidatableQuery); ok {
				if err := v.Validate(); err != nil {
					t.Errorf("bleve Validate: %v", err)
				}
			}
			// The JSON form must load back into bleve.
			if _, err := query.ParseQuery(b); err != nil {
				t.Errorf("bleve cannot re-read %s: %v", b, err)
			}
		})
	}
}

// checkBoundedQuery fails unless q is built only from term, range and boolean
// combinator queries: nothing that expands over the term dictionary.
func checkBoundedQuery(t *testing.T, in string, q query.Query) {
	t.Helper()
	switch q := q.(type) {
	case nil:
	case *query.TermQuery, *query.DateRangeQuery, *query.NumericRangeQuery:
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			checkBoundedQuery(t, in, d)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			checkBoundedQuery(t, in, c)
		}
	case *query.BooleanQuery:
		checkBoundedQuery(t, in, q.Must)
		checkBoundedQuery(t, in, q.Should)
		checkBoundedQuery(t, in, q.MustNot)
		checkBoundedQuery(t, in, q.Filter)
	default:
		t.Errorf("%q built a %T, which may expand unboundedly", in, q)
	}
}

func TestGarbageValues(t *testing.T) {
	garbage := []string{"*", "*foo", "foo*", "?", "foo?", "/re/", "/.*/", ".*", "[a-z]+", "~", "foo~2", "^3",
		"%00", "\x00", "'; DROP TABLE x;--", "<script>alert(1)</script>", "../../etc/passwd", "${jndi:x}",
		"\u202eevil", "\u200b", "ﬁ", "１２", "-1", "0", "9999999999999999999999", "NaN", "Inf", "1e308", ">", "<=", "..",
		"::", ",", `\`, "null", "true", strings.Repeat("z", 200), strings.Repeat("é", 100)}
	keys := []string{"category", "cause", "service", "org", "organization", "severity", "sev", "tag", "format",
		"after", "before", "duration", "has"}
	for _, k := range keys {
		for _, g := range garbage {
			for _, in := range []string{k + ":" + g, "-" + k + ":" + g, k + `:"` + g + `"`, k + ":" + g + ",x"} {
				q, err := ParseQuery(in, queryOpts())
				if err != nil {
					var qe *QueryError
					if !errors.As(err, &qe) || qe.Msg == "" || qe.Pos < 0 || qe.Pos > len(in) {
						t.Errorf("ParseQuery(%q): unclear error %#v", in, err)
					}
					continue
				}
				checkBoundedQuery(t, in, q.FilterQuery())
				if _, err := ParseQuery(q.String(), queryOpts()); err != nil {
					t.Errorf("ParseQuery(%q).String() = %q does not re-parse: %v", in, q.String(), err)
				}
			}
		}
	}
	// Values that are validated must never be accepted as garbage.
	for _, in := range []string{"format:*", "has:*", "after:*", "before:/re/", "duration:*", "category:*", "category:dns*"} {
		if _, err := ParseQuery(in, queryOpts()); err == nil {
			t.Errorf("ParseQuery(%q) accepted a garbage value", in)
		}
	}
}

func TestHugeQueries(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"10 KB of words", strings.Repeat("abcd ", 2048), false},
		{"10 KB single token", strings.Repeat("x", 10240), false},
		{"10 KB of quotes", strings.Repeat(`"`, 10240), false},
		{"10 KB of filters", strings.Repeat("category:dns ", 800), false},
		{"exactly the byte limit", strings.Repeat("a", 199) + strings.Repeat(" ", MaxQueryBytes-199), true},
		{"64 terms", strings.TrimSpace(strings.Repeat("w ", MaxQueryTerms)), true},
		{"64 values", "tag:" + strings.TrimSuffix(strings.Repeat("t,", MaxQueryTerms), ","), true},
		{"many dropped punctuation words", strings.Repeat("* ", 900), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if tt.ok && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !tt.ok {
				var qe *QueryError
				if !errors.As(err, &qe) {
					t.Fatalf("got %v, want a *QueryError", err)
				}
				return
			}
			checkBoundedQuery(t, tt.name, q.FilterQuery())
		})
	}
}

func TestUnicodeTricks(t *testing.T) {
	tests := []struct {
		name, in       string
		words, phrases []string
		filters        []filterVal
	}{
		{"zero-width space inside word", "dis\u200bk", []string{"disk"}, nil, nil},
		{"zero-width space inside key", "cate\u200bgory:dns", nil, nil, []filterVal{{"category", "dns", false}}},
		{"zero-width space inside value", "category:d\u200bns", nil, nil, []filterVal{{"category", "dns", false}}},
		{"zero-width only", "\u200b\u200c\u200d\ufeff", nil, nil, nil},
		{"RTL override", "\u202ecategory:dns\u202c", nil, nil, []filterVal{{"category", "dns", false}}},
		{"RTL mark between words", "disk\u200f full", []string{"disk", "full"}, nil, nil},
		{"bidi isolate in phrase", "\"out\u2066 of\u2069 memory\"", nil, []string{"out of memory"}, nil},
		{"soft hyphen", "data\u00adbase", []string{"database"}, nil, nil},
		{"full-width colon", "category\uff1adns", nil, nil, []filterVal{{"category", "dns", false}}},
		{"ratio sign as colon", "service\u2236api", nil, nil, []filterVal{{"service", "api", false}}},
		{"full-width letters are text", "ｃａｔｅｇｏｒｙ", []string{"ｃａｔｅｇｏｒｙ"}, nil, nil},
		{"Kelvin sign folds to k", "\u212a8s", []string{"k8s"}, nil, nil},
		{"NUL separates", "disk\x00full", []string{"disk", "full"}, nil, nil},
		{"NUL before filter", "\x00category:dns\x00", nil, nil, []filterVal{{"category", "dns", false}}},
		{"NUL in phrase", "\"a\x00b\"", nil, []string{"a b"}, nil},
		{"control characters", "a\x01\x1b[31mb\x7f", []string{"a", "31mb"}, nil, nil},
		{"no-break and ideographic spaces", "a\u00a0b\u3000c", []string{"a", "b", "c"}, nil, nil},
		{"line separator", "a\u2028b", []string{"a", "b"}, nil, nil},
		{"combining marks kept", "cafe\u0301", []string{"cafe\u0301"}, nil, nil},
		{"replacement character", "\ufffd", nil, nil, nil},
		{"emoji dropped", "🔥 outage", []string{"outage"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(q.Words, tt.words) || !reflect.DeepEqual(q.Phrases, tt.phrases) || !reflect.DeepEqual(queryFiltersOf(q), tt.filters) {
				t.Errorf("got words %q phrases %q filters %v\nwant words %q phrases %q filters %v",
					q.Words, q.Phrases, queryFiltersOf(q), tt.words, tt.phrases, tt.filters)
			}
			assertQueryRoundTrip(t, tt.in, q)
		})
	}
	// Invalid UTF-8 anywhere is an error at its byte, never a panic.
	for _, in := range []string{"\xff", "a\xc3", "category:\xe2\x80", "\"a\xfe\"", "-\x80x"} {
		_, err := ParseQuery(in, queryOpts())
		var qe *QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "invalid UTF-8") {
			t.Errorf("ParseQuery(%q) = %v, want an invalid UTF-8 error", in, err)
		}
	}
}

// equalParsedQueries compares the meaning of two queries (not Raw or Pos).
func equalParsedQueries(a, b *Query) bool {
	return reflect.DeepEqual(a.Words, b.Words) && reflect.DeepEqual(a.Phrases, b.Phrases) &&
		reflect.DeepEqual(a.Excluded, b.Excluded) && reflect.DeepEqual(queryFiltersOf(a), queryFiltersOf(b)) &&
		fmt.Sprint(queryBleveJSON(a)) == fmt.Sprint(queryBleveJSON(b))
}

func queryBleveJSON(q *Query) string {
	b, err := json.Marshal(q.FilterQuery())
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

// assertQueryRoundTrip checks that q.String() re-parses to an equal query and is
// a fixed point.
func assertQueryRoundTrip(t *testing.T, in string, q *Query) {
	t.Helper()
	s := q.String()
	q2, err := ParseQuery(s, q.opts)
	if err != nil {
		t.Fatalf("ParseQuery(%q).String() = %q does not re-parse: %v", in, s, err)
	}
	if !equalParsedQueries(q, q2) {
		t.Fatalf("round trip of %q via %q changed the query:\n%#v\n%#v", in, s, q, q2)
	}
	if s2 := q2.String(); s2 != s {
		t.Fatalf("String() is not canonical: %q then %q", s, s2)
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Disk   FULL ", "disk full"},
		{`category:DNS "Out of  memory" oom -K8s`, `oom "out of memory" -k8s category:dns`},
		{`-"load balancer" -"lb" -"10:30"`, `-"load balancer" -lb -"10:30"`},
		{`service:a,b org:"Fernhill Payments" cause:software_bug`, `service:a service:b org:"fernhill payments" category:software-bug`},
		{`service:"a,b"`, `service:"a,b"`},
		{`duration:90m.. after:2023-1 sev:SEV1 has:actions format:md`, `duration:>=1h30m after:2023-01 severity:sev1 has:action_items format:markdown`},
		{"-category:dns,network", "-category:dns -category:network"},
		{"*foo /re/ http://x.io error:", "foo re http://x.io error"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatal(err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			assertQueryRoundTrip(t, tt.in, q)
		})
	}
}

func TestWithout(t *testing.T) {
	q, err := ParseQuery(`disk category:dns,network -service:api after:2023`, queryOpts())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`disk category:network -service:api after:2023`,
		`disk category:dns -service:api after:2023`,
		`disk category:dns category:network after:2023`,
		`disk category:dns category:network -service:api`,
	}
	for i, w := range want {
		if got := q.Without(i); got != w {
			t.Errorf("Without(%d) = %q, want %q", i, got, w)
		}
		if _, err := ParseQuery(q.Without(i), queryOpts()); err != nil {
			t.Errorf("Without(%d) does not parse: %v", i, err)
		}
	}
	for _, i := range []int{-1, len(q.Filters), 1 << 30} {
		if got := q.Without(i); got != q.String() {
			t.Errorf("Without(%d) = %q, want String() %q", i, got, q.String())
		}
	}
}

func TestToggle(t *testing.T) {
	tests := []struct {
		in, key, value, want string
	}{
		{"disk", "category", "dns", "disk category:dns"},
		{"disk category:dns", "category", "dns", "disk"},
		{"disk category:dns", "category", "DNS", "disk"},
		{"disk cause:dns", "cause", "dns", "disk"},
		{"category:dns", "category", "network", "category:dns category:network"},
		{"category:dns,network", "category", "dns", "category:network"},
		{"-category:dns", "category", "dns", ""},
		{"", "org", "Fernhill Payments", `org:"fernhill payments"`},
		{`org:"Fernhill Payments"`, "organization", "fernhill payments", ""},
		{"", "service", "a,b", `service:"a,b"`},
		{"", "duration", ">1d", "duration:>1d"},
		{"duration:>=60m", "duration", ">=1h", ""},
		{"", "after", "2024", "after:2024"},
		{"", "format", "md", "format:markdown"},
		{"x", "nope", "y", "x"},        // unknown key: unchanged
		{"x", "category", "nope", "x"}, // not in the taxonomy: unchanged
		{"x", "after", "soon", "x"},    // invalid date: unchanged
		{"x", "service", `a"b`, "x"},   // cannot be written: unchanged
		{"x", "service", "  ", "x"},    // empty: unchanged
	}
	for _, tt := range tests {
		t.Run(tt.in+"+"+tt.key+":"+tt.value, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatal(err)
			}
			got := q.Toggle(tt.key, tt.value)
			if got != tt.want {
				t.Errorf("Toggle(%q, %q) = %q, want %q", tt.key, tt.value, got, tt.want)
			}
			q2, err := ParseQuery(got, queryOpts())
			if err != nil {
				t.Fatalf("Toggle result %q does not parse: %v", got, err)
			}
			// Toggling on and then off gets back to the same query.
			if back := q2.Toggle(tt.key, tt.value); len(q2.Filters) > len(q.Filters) && back != q.String() {
				t.Errorf("toggling twice gives %q, want %q", back, q.String())
			}
		})
	}
}

func TestToggleAll(t *testing.T) {
	year := [][2]string{{"after", "2023"}, {"before", "2024"}}
	tests := []struct {
		in   string
		fs   [][2]string
		has  bool // q holds all of fs
		want string
	}{
		{"dns", year, false, "dns after:2023 before:2024"},
		{"dns after:2023 before:2024", year, true, "dns"},
		{"dns after:2023", year, false, "dns after:2023 before:2024"}, // only the missing one is added
		{"-after:2023", year, false, "before:2024"},                   // a negated twin is removed, as by Toggle
		{"cause:DNS", [][2]string{{"category", "dns"}}, true, ""},     // aliases and spellings normalised
		{"x", nil, false, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in, queryOpts())
			if err != nil {
				t.Fatal(err)
			}
			var fs []Filter
			all := len(tt.fs) > 0
			for _, kv := range tt.fs {
				f, ok := q.Normalise(kv[0], kv[1])
				if !ok {
					t.Fatalf("Normalise(%q, %q) refused", kv[0], kv[1])
				}
				fs = append(fs, f)
				all = all && q.Has(f)
			}
			if all != tt.has {
				t.Errorf("Has all = %v, want %v", all, tt.has)
			}
			if got := q.ToggleAll(fs); got != tt.want {
				t.Errorf("ToggleAll = %q, want %q", got, tt.want)
			}
		})
	}
	q, _ := ParseQuery("", queryOpts())
	if _, ok := q.Normalise("nope", "x"); ok {
		t.Error("Normalise accepted an unknown key")
	}
	if _, ok := q.Normalise("after", "soon"); ok {
		t.Error("Normalise accepted an invalid date")
	}
}

func ExampleParseQuery() {
	q, err := ParseQuery(`"connection refused" postgres -staging category:database,network org:"Fernhill Payments" after:2023-01 duration:>1h`,
		QueryOptions{Now: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("words:", q.Words)
	fmt.Println("phrases:", q.Phrases)
	fmt.Println("excluded:", q.Excluded)
	for _, f := range q.Filters {
		fmt.Printf("filter %s = %q\n", f.Key, f.Value)
	}
	fmt.Println("canonical:", q.String())
	fmt.Println("without the first filter:", q.Without(0))

	_, err = ParseQuery(`postgres foo:bar`, QueryOptions{})
	fmt.Println("error:", err)
	// Output:
	// words: [postgres]
	// phrases: [connection refused]
	// excluded: [staging]
	// filter category = "database"
	// filter category = "network"
	// filter org = "fernhill payments"
	// filter after = "2023-01"
	// filter duration = ">1h"
	// canonical: postgres "connection refused" -staging category:database category:network org:"fernhill payments" after:2023-01 duration:>1h
	// without the first filter: postgres "connection refused" -staging category:network org:"fernhill payments" after:2023-01 duration:>1h
	// error: at column 10 ("foo:bar"): unknown filter foo; known: after, before, category, duration, format, has, org, service, severity, tag
}
