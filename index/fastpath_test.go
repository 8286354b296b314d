package index

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

// uncachedIndex is memIndex without the result cache, so that every
// search runs, plus extra copies in a second batch (a second segment).
func uncachedIndex(t *testing.T) *Index {
	t.Helper()
	cfg := DefaultConfig()
	cfg.ResultCache = -1
	ix, err := OpenMemory(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	recs := loadFixtures(t)
	ctx := context.Background()
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	var more []corpus.Record
	for _, r := range recs {
		r.ID += "-b"
		more = append(more, r)
	}
	if err := ix.Put(ctx, more...); err != nil {
		t.Fatal(err)
	}
	return ix
}

// fastPathRequests exercise every fast path: facets of a scored search,
// facets and sort keys of sorted listings, trends.
var fastPathRequests = []Request{
	{Query: "memory", Sort: SortRelevance},
	{Query: "database failover -checkout", Sort: SortRelevance},
	{Query: "category:dns", Sort: SortNewest},
	{Query: "", Sort: SortLongest},
	{Query: "dns", Sort: SortOldest},
}

type pathOutcome struct {
	results []*Result
	trends  []*Trends
	counts  map[string]int64
}

func runFastPathRequests(t *testing.T, ix *Index) pathOutcome {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	before := ix.paths.snapshot()
	var out pathOutcome
	for _, r := range fastPathRequests {
		r.Now = now
		res, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		out.results = append(out.results, res)
	}
	for _, tr := range []TrendsRequest{{Interval: IntervalMonth}, {Query: "database", Interval: IntervalYear, By: ByService}} {
		res, err := ix.Trends(ctx, tr)
		if err != nil {
			t.Fatal(err)
		}
		out.trends = append(out.trends, res)
	}
	out.counts = ix.paths.snapshot()
	for k, v := range before {
		out.counts[k] -= v
	}
	return out
}

// TestFastPathsApply fails when a fast path silently stops applying (as
// after a bleve upgrade that changes an internal it stands on): every
// search above must count facets and sort from the tables and score with
// the whole-index statistics.
func TestFastPathsApply(t *testing.T) {
	ix := uncachedIndex(t)
	got := runFastPathRequests(t, ix).counts
	// Five searches and two trends: each counts from the tables (a
	// search that also sorts by them counts as sortTables).
	if n := got["facetTables"] + got["sortTables"]; n != 7 {
		t.Errorf("%d of 7 searches used the tables (all counts %v)", n, got)
	}
	if got["sortTables"] < 3 {
		t.Errorf("sortTables = %d: the three sorted listings did not sort by the tables (%v)", got["sortTables"], got)
	}
	for _, k := range []string{"facetFallback", "sortFallback", "segmentStats"} {
		if got[k] != 0 {
			t.Errorf("%s = %d, want 0 (all counts %v)", k, got[k], got)
		}
	}
	if got["wholeStats"] < 2 {
		t.Errorf("wholeStats = %d: scored searches ran without the whole-index BM25 statistics", got["wholeStats"])
	}
}

// TestWholeIndexStatsScore fails if bleve ignores the statistics the
// index hands it: the same search must score differently with other
// statistics, and as before with the real ones.
func TestWholeIndexStatsScore(t *testing.T) {
	ix := uncachedIndex(t)
	ctx := context.Background()
	scores := func() []float64 {
		res, err := ix.Search(ctx, Request{Query: "database failover", Sort: SortRelevance})
		if err != nil {
			t.Fatal(err)
		}
		var s []float64
		for _, h := range res.Hits {
			s = append(s, h.Score)
		}
		return s
	}
	real := scores()
	st := *ix.scoreStats.Load()
	doctored := st
	doctored.DocCount *= 100
	ix.scoreStats.Store(&doctored)
	other := scores()
	ix.scoreStats.Store(&st)
	if reflect.DeepEqual(real, other) {
		t.Errorf("scores %v unchanged with 100 times the documents: the statistics are not used", real)
	}
	if again := scores(); !reflect.DeepEqual(real, again) {
		t.Errorf("scores %v, then %v with the same statistics", real, again)
	}
}

// TestFallbackPaths forces each fallback: snapshots without tables
// (bleve counts facets, sorts and counts trends itself) and searches
// without whole-index statistics. Results must match the fast paths'.
func TestFallbackPaths(t *testing.T) {
	fast := runFastPathRequests(t, uncachedIndex(t))
	ix := uncachedIndex(t)
	for _, ft := range []*facetTables{ix.facets, ix.catMonth, ix.svcMonth, ix.catDur, ix.sortStart, ix.sortDur} {
		ft.unavailable.Store(true)
	}
	slow := runFastPathRequests(t, ix)
	if c := slow.counts; c["facetTables"] != 0 || c["sortTables"] != 0 || c["facetFallback"]+c["sortFallback"] != 7 {
		t.Errorf("without tables: counts %v, want every search on a fallback", c)
	}
	for i := range fast.results {
		f, s := fast.results[i], slow.results[i]
		if !reflect.DeepEqual(f.Facets, s.Facets) || !reflect.DeepEqual(hitIDs(f), hitIDs(s)) || f.Total != s.Total {
			t.Errorf("%+v: fallback result differs\nfast %v %+v\nslow %v %+v", fastPathRequests[i], hitIDs(f), f.Facets, hitIDs(s), s.Facets)
		}
	}
	if !reflect.DeepEqual(fast.trends, slow.trends) {
		t.Errorf("fallback trends differ:\nfast %+v\nslow %+v", fast.trends, slow.trends)
	}

	// Without the whole-index statistics bleve scores per segment: the
	// same hits, and the count says so.
	ix.paths.statsOff.Store(true)
	res, err := ix.Search(context.Background(), Request{Query: "memory", Sort: SortRelevance})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.paths.segmentStats.Load(); got == 0 {
		t.Error("statsOff: no search counted as scored with per-segment statistics")
	}
	if res.Total != fast.results[0].Total {
		t.Errorf("per-segment statistics: %d hits, want %d", res.Total, fast.results[0].Total)
	}
}
