package query

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// FilterQuery returns the bleve query for all filters, or nil when there are
// none: a TermQuery per keyword value, a DateRangeQuery on started_at per
// date, a NumericRangeQuery on duration_minutes per duration; the values of
// one key are OR'ed (DisjunctionQuery), different keys AND'ed
// (ConjunctionQuery), and negated filters go in a BooleanQuery's must-not.
// Single-element disjunctions and conjunctions are not wrapped.
func (q *Query) FilterQuery() query.Query {
	if len(q.Filters) == 0 {
		return nil
	}
	var keys []string
	byKey := map[string][]query.Query{}
	var not []query.Query
	seen := map[string]bool{}
	for _, f := range q.Filters {
		id := fmt.Sprintf("%t\x00%s\x00%s", f.Negated, f.Key, f.Value)
		if seen[id] {
			continue
		}
		seen[id] = true
		bq := f.bleveQuery()
		if f.Negated {
			not = append(not, bq)
			continue
		}
		if _, ok := byKey[f.Key]; !ok {
			keys = append(keys, f.Key)
		}
		byKey[f.Key] = append(byKey[f.Key], bq)
	}
	var must []query.Query
	for _, k := range keys {
		if qs := byKey[k]; len(qs) == 1 {
			must = append(must, qs[0])
		} else {
			must = append(must, query.NewDisjunctionQuery(qs))
		}
	}
	switch {
	case len(not) > 0:
		return query.NewBooleanQuery(must, nil, not)
	case len(must) == 1:
		return must[0]
	default:
		return query.NewConjunctionQuery(must)
	}
}

// bleveQuery is the positive query for one filter value.
func (f Filter) bleveQuery() query.Query {
	yes, no := true, false
	switch f.Key {
	case "after":
		dq := query.NewDateRangeInclusiveQuery(f.at, time.Time{}, &yes, nil)
		dq.SetField(f.field)
		return dq
	case "before":
		dq := query.NewDateRangeInclusiveQuery(time.Time{}, f.at, nil, &no)
		dq.SetField(f.field)
		return dq
	case "duration":
		var lo, hi *float64
		var loInc, hiInc *bool
		if f.dur.hasLo {
			v, inc := float64(f.dur.lo), f.dur.loInc
			lo, loInc = &v, &inc
		}
		if f.dur.hasHi {
			v, inc := float64(f.dur.hi), f.dur.hiInc
			hi, hiInc = &v, &inc
		}
		nq := query.NewNumericRangeInclusiveQuery(lo, hi, loInc, hiInc)
		nq.SetField(f.field)
		return nq
	default:
		tq := query.NewTermQuery(f.Value)
		tq.SetField(f.field)
		return tq
	}
}
