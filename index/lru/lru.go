package lru

import (
	"container/list"
	"sync"
)

// Cache keeps values computed from an index at one write generation until
// the next write: the same query is asked again and again (a search
// embedded in a wiki page runs on every view of the page, and during an
// outage many engineers type the same words), and an index between writes
// answers it the same way.
//
// A value put at a newer generation drops every older one at once; a
// value computed at an older generation than the newest put is not kept.
// At most a fixed number of values are kept, the least recently used
// dropped first. A nil *Cache keeps nothing. A Cache is safe for
// concurrent use.
type Cache[K comparable, V any] struct {
	clone   func(V) V // copies a value so that callers never share one; nil: values are immutable
	mu      sync.Mutex
	max     int
	gen     uint64 // the newest generation put; older entries are gone
	entries map[K]*list.Element
	order   *list.List // front: most recently used; values are *entry
}

type entry[K comparable, V any] struct {
	key K
	val V
}

// New returns a cache of up to max values, copied in and out with clone
// (nil for values nobody changes); nil, a cache that keeps nothing, when
// max <= 0.
func New[K comparable, V any](max int, clone func(V) V) *Cache[K, V] {
	if max <= 0 {
		return nil
	}
	return &Cache[K, V]{clone: clone, max: max, entries: map[K]*list.Element{}, order: list.New()}
}

func (c *Cache[K, V]) copy(v V) V {
	if c.clone == nil {
		return v
	}
	return c.clone(v)
}

// Len returns the number of values kept.
func (c *Cache[K, V]) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Get returns (a copy of) the value kept for k at generation gen.
func (c *Cache[K, V]) Get(k K, gen uint64) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || gen != c.gen {
		return zero, false
	}
	c.order.MoveToFront(e)
	return c.copy(e.Value.(*entry[K, V]).val), true
}

// Put keeps (a copy of) v for k at generation gen, dropping the least
// recently used value when full.
func (c *Cache[K, V]) Put(k K, gen uint64, v V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen:
		return // computed before a write that newer entries have seen
	case gen > c.gen:
		clear(c.entries)
		c.order.Init()
		c.gen = gen
	}
	if e, ok := c.entries[k]; ok {
		e.Value.(*entry[K, V]).val = c.copy(v)
		c.order.MoveToFront(e)
		return
	}
	for len(c.entries) >= c.max {
		e := c.order.Back()
		delete(c.entries, e.Value.(*entry[K, V]).key)
		c.order.Remove(e)
	}
	c.entries[k] = c.order.PushFront(&entry[K, V]{key: k, val: c.copy(v)})
}
