package index

import (
	"context"
	"testing"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

func TestResultCache(t *testing.T) {
	ix, _ := memIndex(t)
	ctx := context.Background()
	req := Request{Query: "memory", PageSize: 5}
	first, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Hits) == 0 {
		t.Fatal("no hits")
	}
	// A caller changing its result must not change the next one.
	wantTitle := first.Hits[0].Title
	first.Hits[0].Title = "changed"
	first.Hits[0].Categories[0] = "changed"
	first.Facets.Categories[0].Count = -1
	again, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if again.Hits[0].Title != wantTitle || again.Hits[0].Categories[0] == "changed" || again.Facets.Categories[0].Count < 0 {
		t.Fatalf("cached result was changed through an earlier result: %+v", again.Hits[0])
	}
	if got := ix.results.order.Len(); got != 1 {
		t.Fatalf("cache holds %d entries, want 1", got)
	}

	// A write is seen at once.
	rec := corpus.Record{ID: "new-memory", Title: "Memory memory memory", RootCause: "Memory exhaustion on every memory node."}
	if err := ix.Put(ctx, rec); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != first.Total+1 || after.Hits[0].ID != "new-memory" {
		t.Fatalf("after a write: total %d (before %d), top %s", after.Total, first.Total, after.Hits[0].ID)
	}

	// Relative dates mean something else tomorrow: never cached.
	n := ix.results.order.Len()
	if _, err := ix.Search(ctx, Request{Query: "after:30d", Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if got := ix.results.order.Len(); got != n {
		t.Fatalf("a relative query was cached (%d entries, was %d)", got, n)
	}
}

func TestCacheEvicts(t *testing.T) {
	c := NewCache[cacheKey](2, (*Result).clone)
	r := &Result{Total: 1}
	c.Put(cacheKey{query: "a"}, 1, r)
	c.Put(cacheKey{query: "b"}, 1, r)
	c.Get(cacheKey{query: "a"}, 1) // b is now least recently used
	c.Put(cacheKey{query: "c"}, 1, r)
	if _, ok := c.Get(cacheKey{query: "b"}, 1); ok {
		t.Error("least recently used entry kept")
	}
	for _, q := range []string{"a", "c"} {
		if _, ok := c.Get(cacheKey{query: q}, 1); !ok {
			t.Errorf("%s evicted", q)
		}
	}
	// A copy goes out: changing it leaves the cached value alone.
	got, _ := c.Get(cacheKey{query: "a"}, 1)
	got.Total = 99
	if again, _ := c.Get(cacheKey{query: "a"}, 1); again.Total != 1 {
		t.Error("a caller's change reached the cached value")
	}
	// A newer generation drops everything older; an older one is not
	// stored, and nothing is found at a generation other than the newest.
	c.Put(cacheKey{query: "d"}, 2, r)
	c.Put(cacheKey{query: "e"}, 1, r)
	if _, ok := c.Get(cacheKey{query: "a"}, 1); ok || c.order.Len() != 1 {
		t.Errorf("stale entries kept: %d entries", c.order.Len())
	}
	if _, ok := c.Get(cacheKey{query: "d"}, 3); ok {
		t.Error("found at a generation it was not computed at")
	}
	if NewCache[cacheKey](0, (*Result).clone) != nil || NewCache[string](-1, (*Trends).clone) != nil {
		t.Error("a cache of size <= 0 should be off")
	}
	var off *Cache[string, []byte]
	off.Put("x", 1, []byte("y"))
	if _, ok := off.Get("x", 1); ok {
		t.Error("a nil cache kept a value")
	}
}

func TestTrendsCache(t *testing.T) {
	ix, _ := memIndex(t)
	ctx := context.Background()
	req := TrendsRequest{Interval: IntervalYear}
	first, err := ix.Trends(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Series) == 0 {
		t.Fatal("no series")
	}
	want := first.Series[0].Counts[len(first.Series[0].Counts)-1]
	first.Series[0].Counts[len(first.Series[0].Counts)-1] = -1
	first.Series = first.Series[:0]
	again, err := ix.Trends(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Series) == 0 || again.Series[0].Counts[len(again.Series[0].Counts)-1] != want {
		t.Fatalf("cached trends changed through an earlier result: %+v", again.Series)
	}
	at := time.Date(2031, 5, 1, 10, 0, 0, 0, time.UTC)
	if err := ix.Put(ctx, corpus.Record{ID: "later", Title: "Later", Date: "2031-05-01", StartedAt: &at,
		Categories: []corpus.Category{{Name: "dns", Confidence: 1, Source: "frontmatter"}}}); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Trends(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != first.Total+1 || after.Buckets[len(after.Buckets)-1] != "2031" {
		t.Fatalf("after a write: total %d (before %d), buckets %v", after.Total, first.Total, after.Buckets)
	}
}
