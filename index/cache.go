package index

import (
	"container/list"
	"sync"
)

// resultCache keeps recent search (and trends) results until the next write: the same
// query is asked again and again (a search embedded in a wiki page runs on
// every view of the page, and during an outage many engineers type the
// same words), and an index between writes answers it the same way.
// Entries are keyed by the request and the write generation they were
// computed at; a write makes every entry stale at once.
type resultCache[V any] struct {
	clone   func(V) V // copies a value so that callers never share one
	mu      sync.Mutex
	max     int
	gen     uint64 // the newest generation put; older entries are gone
	entries map[cacheKey]*list.Element
	order   *list.List // front: most recently used; values are *cacheEntry
}

// cacheKey is a normalised request and the write generation: variant is
// a search's sort, or a trends request's interval and dimension; page and
// size are clamped.
type cacheKey struct {
	query, variant string
	page, pageSize int
	gen            uint64
}

type cacheEntry[V any] struct {
	key cacheKey
	res V
}

// newResultCache returns a cache of up to max values, copied in and out
// with clone; nil (a cache that keeps nothing) when max <= 0.
func newResultCache[V any](max int, clone func(V) V) *resultCache[V] {
	if max <= 0 {
		return nil
	}
	return &resultCache[V]{clone: clone, max: max, entries: map[cacheKey]*list.Element{}, order: list.New()}
}

// get returns a copy of the cached result for k.
func (c *resultCache[V]) get(k cacheKey) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok {
		return zero, false
	}
	c.order.MoveToFront(e)
	return c.clone(e.Value.(*cacheEntry[V]).res), true
}

// put stores a copy of r under k, dropping the least recently used entry
// (stale generations first) when full.
func (c *resultCache[V]) put(k cacheKey, r V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k]; ok {
		e.Value.(*cacheEntry[V]).res = c.clone(r)
		c.order.MoveToFront(e)
		return
	}
	switch {
	case k.gen < c.gen:
		return // computed before a write that newer entries have seen
	case k.gen > c.gen:
		clear(c.entries)
		c.order.Init()
		c.gen = k.gen
	}
	for len(c.entries) >= c.max {
		e := c.order.Back()
		delete(c.entries, e.Value.(*cacheEntry[V]).key)
		c.order.Remove(e)
	}
	c.entries[k] = c.order.PushFront(&cacheEntry[V]{key: k, res: c.clone(r)})
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
