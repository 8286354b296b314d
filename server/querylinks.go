package server

import (
	"strconv"
	"strings"

	"github.com/hindsight-kb/hindsight/index/query"
)

// filterTerm is one key:value filter of a query, as the query language
// normalises it (canonical key, lower-cased value).
type filterTerm struct {
	Key, Value string
	Negated    bool
}

// Label is how a chip shows the filter.
func (f filterTerm) Label() string {
	v := f.Value
	if strings.ContainsAny(v, " \t,") {
		v = `"` + v + `"`
	}
	l := f.Key + ":" + v
	if f.Negated {
		l = "-" + l
	}
	return l
}

// queryFilters is a query seen through the query language, for facet
// links and chips: it can add or remove one filter and keep the rest.
// A query the language refuses has no filters; toggling appends to its
// text as typed (the page shows the parser's message anyway).
type queryFilters struct {
	raw string
	q   *query.Query // nil when the query does not parse
}

func parseFilters(q string) *queryFilters {
	pq, err := query.ParseQuery(q, query.QueryOptions{})
	if err != nil {
		pq = nil
	}
	return &queryFilters{raw: q, q: pq}
}

// Filters are the query's filters, in order.
func (qf *queryFilters) Filters() []filterTerm {
	if qf.q == nil {
		return nil
	}
	out := make([]filterTerm, 0, len(qf.q.Filters))
	for _, f := range qf.q.Filters {
		out = append(out, filterTerm{Key: f.Key, Value: f.Value, Negated: f.Negated})
	}
	return out
}

// Has reports whether the query filters on key:value (not negated).
func (qf *queryFilters) Has(key, value string) bool {
	if qf.q == nil {
		return false
	}
	f, ok := qf.q.Normalise(key, value)
	return ok && qf.q.Has(f)
}

// Toggle returns the query with key:value removed when present, added
// otherwise.
func (qf *queryFilters) Toggle(key, value string) string {
	if qf.q == nil {
		v := value
		if strings.ContainsAny(v, " \t,") {
			v = `"` + v + `"`
		}
		return strings.TrimSpace(qf.raw + " " + key + ":" + v)
	}
	return qf.q.Toggle(key, value)
}

// Without returns the query without its i-th filter.
func (qf *queryFilters) Without(i int) string {
	if qf.q == nil {
		return qf.raw
	}
	return qf.q.Without(i)
}

// String is the query text.
func (qf *queryFilters) String() string {
	if qf.q == nil {
		return qf.raw
	}
	return qf.q.String()
}

// durationFilters are the query-language ranges of the index's duration
// facet values (durations are whole minutes, so inclusive ends are exact,
// and one range is needed: repeated duration filters would be OR'ed).
var durationFilters = map[string]string{
	"lt15m":  "<15m",
	"15m-1h": "15m..59m",
	"1h-4h":  "1h..3h59m",
	"4h-24h": "4h..23h59m",
	"gt1d":   ">=1d",
}

// facetFilters returns the filters a facet value stands for: most are one
// key:value, a year is an after/before pair (the language has no year:
// key), a duration bucket a range.
func facetFilters(key, value string) []filterTerm {
	switch key {
	case "year":
		y, err := strconv.Atoi(value)
		if err != nil || y < 1900 || y > 2199 {
			return nil
		}
		return []filterTerm{{Key: "after", Value: strconv.Itoa(y)}, {Key: "before", Value: strconv.Itoa(y + 1)}}
	case "duration":
		r, ok := durationFilters[value]
		if !ok {
			return nil
		}
		return []filterTerm{{Key: "duration", Value: r}}
	}
	return []filterTerm{{Key: key, Value: value}}
}

// HasAll reports whether the query holds every one of fs.
func (qf *queryFilters) HasAll(fs []filterTerm) bool {
	nfs, ok := qf.normaliseAll(fs)
	if !ok || len(nfs) == 0 {
		return false
	}
	for _, f := range nfs {
		if !qf.q.Has(f) {
			return false
		}
	}
	return true
}

// ToggleAll removes fs when the query holds them all, else adds the
// missing ones.
func (qf *queryFilters) ToggleAll(fs []filterTerm) string {
	nfs, ok := qf.normaliseAll(fs)
	if !ok {
		out := qf
		for _, f := range fs {
			out = parseFilters(out.Toggle(f.Key, f.Value))
		}
		return out.String()
	}
	return qf.q.ToggleAll(nfs)
}

// normaliseAll reads fs as the query language does; false when the query
// does not parse or the language refuses one of fs.
func (qf *queryFilters) normaliseAll(fs []filterTerm) ([]query.Filter, bool) {
	if qf.q == nil {
		return nil, false
	}
	out := make([]query.Filter, 0, len(fs))
	for _, f := range fs {
		n, ok := qf.q.Normalise(f.Key, f.Value)
		if !ok {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}
