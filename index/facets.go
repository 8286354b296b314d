package index

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// addFacets asks bleve to count the facets field itself, where the
// snapshot has no facet tables.
func addFacets(sr *bleve.SearchRequest) {
	sr.AddFacet(fFacets, bleve.NewFacetRequest(fFacets, facetTermsSize))
}

// termCount is one _facets term and how many documents hold it.
type termCount struct {
	term  string
	count int
}

// facetsFrom reads the _facets facet bleve counted.
func facetsFrom(fr search.FacetResults) Facets {
	return facetsFromTerms(facetTerms(fr[fFacets]))
}

// facetTerms lists the terms of one facet bleve counted.
func facetTerms(r *search.FacetResult) []termCount {
	if r == nil || r.Terms == nil {
		return nil
	}
	var tc []termCount
	for _, t := range r.Terms.Terms() {
		tc = append(tc, termCount{term: t.Term, count: t.Count})
	}
	return tc
}

// facetsFromTerms splits counted _facets terms into the six facets.
func facetsFromTerms(terms []termCount) Facets {
	f := Facets{
		Categories: []FacetValue{}, Services: []FacetValue{}, Organizations: []FacetValue{},
		Severities: []FacetValue{}, Years: []FacetValue{}, Durations: []FacetValue{},
	}
	type agg struct {
		count      int
		label      string
		labelCount int
	}
	byPrefix := map[string]map[string]*agg{}
	for _, t := range terms {
		if len(t.term) < 2 || t.term[1] != ':' {
			continue
		}
		prefix, raw := t.term[:2], t.term[2:]
		v := strings.ToLower(raw)
		m := byPrefix[prefix]
		if m == nil {
			m = map[string]*agg{}
			byPrefix[prefix] = m
		}
		a := m[v]
		if a == nil {
			a = &agg{}
			m[v] = a
		}
		a.count += t.count
		if t.count > a.labelCount || t.count == a.labelCount && raw < a.label {
			a.label, a.labelCount = raw, t.count
		}
	}
	list := func(prefix string, limit int) []FacetValue {
		out := []FacetValue{}
		for v, a := range byPrefix[prefix] {
			out = append(out, FacetValue{Value: v, Label: a.label, Count: a.count})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Value < out[j].Value
		})
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	f.Categories = list(facetCategory, 0)
	f.Services = list(facetService, facetListSize)
	f.Organizations = list(facetOrg, facetListSize)
	f.Severities = list(facetSeverity, 0)
	f.Years = list(facetYear, 0)
	sort.SliceStable(f.Years, func(i, j int) bool { return f.Years[i].Value > f.Years[j].Value })
	d := byPrefix[facetDuration]
	for _, b := range durationBuckets {
		if a := d[b.value]; a != nil && a.count > 0 {
			f.Durations = append(f.Durations, FacetValue{Value: b.value, Label: b.label, Count: a.count})
		}
	}
	return f
}
