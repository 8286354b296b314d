package index

// Results and trends are kept in lru.Caches (index/lru) until the next
// write; see Index.Generation.

// cacheKey is a normalised request: variant is a search's sort, or a
// trends request's interval and dimension; page and size are clamped.
type cacheKey struct {
	query, variant string
	page, pageSize int
}

// clone copies r deeply enough that a caller changing the copy (its hits,
// their fragments, the facets) cannot change the cached result.
func (r *Result) clone() *Result {
	out := *r
	out.Hits = make([]Hit, len(r.Hits))
	for i, h := range r.Hits {
		h.Categories = append([]string(nil), h.Categories...)
		h.Services = append([]string(nil), h.Services...)
		if h.Fragments != nil {
			f := make(map[string][]string, len(h.Fragments))
			for k, v := range h.Fragments {
				f[k] = append([]string(nil), v...)
			}
			h.Fragments = f
		}
		out.Hits[i] = h
	}
	out.Facets = r.Facets.clone()
	return &out
}

// clone copies t deeply: the trends page sorts and trims what it gets.
func (t *Trends) clone() *Trends {
	out := *t
	out.Buckets = append([]string(nil), t.Buckets...)
	out.Series = make([]TrendSeries, len(t.Series))
	for i, s := range t.Series {
		s.Counts = append([]int(nil), s.Counts...)
		if s.Change.Percent != nil {
			p := *s.Change.Percent
			s.Change.Percent = &p
		}
		out.Series[i] = s
	}
	out.Durations = append([]DurationStat(nil), t.Durations...)
	out.Services = append([]FacetValue(nil), t.Services...)
	out.Organizations = append([]FacetValue(nil), t.Organizations...)
	return &out
}
