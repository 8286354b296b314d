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
	if got := ix.results.Len(); got != 1 {
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
	n := ix.results.Len()
	if _, err := ix.Search(ctx, Request{Query: "after:30d", Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if got := ix.results.Len(); got != n {
		t.Fatalf("a relative query was cached (%d entries, was %d)", got, n)
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
