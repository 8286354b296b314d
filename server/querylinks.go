package server

import (
	"strconv"
	"strings"
)

// filterKeys are the query-language filter keys the facet sidebar and the
// incident page link to.
var filterKeys = map[string]bool{
	"category": true, "service": true, "org": true, "severity": true,
	"duration": true, "after": true, "before": true, "has": true, "tag": true, "format": true,
}

// filterTerm is one key:value filter of a query.
type filterTerm struct {
	Key, Value string
	Negated    bool
}

// Label is how a chip shows the filter.
func (f filterTerm) Label() string {
	l := f.Key + ":" + quoteValue(f.Value)
	if f.Negated {
		l = "-" + l
	}
	return l
}

// queryFilters splits a query into its terms so that facet links can add
// or remove one filter and keep the rest of the query as typed.
type queryFilters struct {
	terms   []string
	filters []filterTerm
	at      []int // term index of each filter
}

// parseFilters splits q on spaces outside double quotes.
func parseFilters(q string) *queryFilters {
	qf := &queryFilters{}
	var cur strings.Builder
	inQuote := false
	flush := func() {
		if cur.Len() > 0 {
			qf.terms = append(qf.terms, cur.String())
			cur.Reset()
		}
	}
	for _, r := range q {
		switch {
		case r == '"':
			inQuote = !inQuote
			cur.WriteRune(r)
		case (r == ' ' || r == '\t' || r == '\n') && !inQuote:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	for i, t := range qf.terms {
		neg := strings.HasPrefix(t, "-")
		k, v, ok := strings.Cut(strings.TrimPrefix(t, "-"), ":")
		k = strings.ToLower(k)
		if !ok || !filterKeys[k] || v == "" {
			continue
		}
		qf.filters = append(qf.filters, filterTerm{Key: k, Value: strings.Trim(v, `"`), Negated: neg})
		qf.at = append(qf.at, i)
	}
	return qf
}

// quoteValue quotes a filter value that holds spaces or quotes.
func quoteValue(v string) string {
	if strings.ContainsAny(v, " \t\"():") {
		return `"` + strings.ReplaceAll(v, `"`, "") + `"`
	}
	return v
}

// durationFilters are the query-language ranges of the index's duration
// facet values (durations are whole minutes, so inclusive ends are exact).
var durationFilters = map[string]string{
	"lt15m":  "<15m",
	"15m-1h": "15m..59m",
	"1h-4h":  "1h..3h59m",
	"4h-24h": "4h..23h59m",
	"gt1d":   ">=1d",
}

// facetFilters returns the filters a facet value stands for: most are one
// key:value, a year is an after/before pair, a duration bucket a range.
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
	if len(fs) == 0 {
		return false
	}
	for _, f := range fs {
		if !qf.Has(f.Key, f.Value) {
			return false
		}
	}
	return true
}

// ToggleAll removes fs when the query holds them all, else adds the
// missing ones.
func (qf *queryFilters) ToggleAll(fs []filterTerm) string {
	if qf.HasAll(fs) {
		out := qf
		for _, f := range fs {
			out = parseFilters(out.Toggle(f.Key, f.Value))
		}
		return out.String()
	}
	out := qf
	for _, f := range fs {
		if !out.Has(f.Key, f.Value) {
			out = parseFilters(out.Toggle(f.Key, f.Value))
		}
	}
	return out.String()
}

// String is the query text.
func (qf *queryFilters) String() string { return strings.Join(qf.terms, " ") }

// Filters are the query's filters, in order.
func (qf *queryFilters) Filters() []filterTerm { return qf.filters }

// Has reports whether the query filters on key:value (not negated).
func (qf *queryFilters) Has(key, value string) bool {
	for _, f := range qf.filters {
		if !f.Negated && f.Key == key && strings.EqualFold(f.Value, value) {
			return true
		}
	}
	return false
}

// Toggle returns the query with key:value removed when present, added
// otherwise.
func (qf *queryFilters) Toggle(key, value string) string {
	drop := map[int]bool{}
	for i, f := range qf.filters {
		if !f.Negated && f.Key == key && strings.EqualFold(f.Value, value) {
			drop[qf.at[i]] = true
		}
	}
	out := make([]string, 0, len(qf.terms)+1)
	for i, t := range qf.terms {
		if !drop[i] {
			out = append(out, t)
		}
	}
	if len(drop) == 0 {
		out = append(out, key+":"+quoteValue(value))
	}
	return strings.Join(out, " ")
}

// Without returns the query without its i-th filter.
func (qf *queryFilters) Without(i int) string {
	out := make([]string, 0, len(qf.terms))
	for j, t := range qf.terms {
		if i < 0 || i >= len(qf.at) || j != qf.at[i] {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}
