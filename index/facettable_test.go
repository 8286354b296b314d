package index

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/hindsight-kb/hindsight/corpus"
)

// TestFacetTablesMatchBleve checks the facet tables against bleve's own
// facet counting, also after updates and deletes.
func TestFacetTablesMatchBleve(t *testing.T) {
	ix, recs := memIndex(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	check := func(t *testing.T) {
		t.Helper()
		for _, q := range []string{"memory", "category:dns", "database failover", "memory -checkout", "zzzz", "after:2000", ""} {
			res, err := ix.Search(ctx, Request{Query: q, Now: now, Sort: SortRelevance})
			if err != nil {
				t.Fatal(err)
			}
			pq, err := ix.parseSearchQuery(q, now)
			if err != nil {
				t.Fatal(err)
			}
			bq, _, _ := ix.buildQuery(pq, res.Relaxed)
			sr := bleve.NewSearchRequestOptions(bq, 1, 0, false)
			addFacets(sr)
			br, err := ix.bi.SearchInContext(ix.scoringContext(ctx), sr)
			if err != nil {
				t.Fatal(err)
			}
			if want := facetsFrom(br.Facets); !reflect.DeepEqual(res.Facets, want) {
				t.Errorf("%q: facets\n%+v\nbleve counts\n%+v", q, res.Facets, want)
			}
		}
	}
	check(t)
	if len(ix.facets.segs) == 0 {
		t.Fatal("no facet tables were built: bleve counted")
	}
	// Updates and deletes: new segments, deleted documents in old ones.
	changed := recs[0]
	changed.Services = []string{"brand-new-service"}
	if err := ix.Put(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, recs[1].ID); err != nil {
		t.Fatal(err)
	}
	check(t)
}

// TestTableSortMatchesBleve checks that sorting by the tables orders hits
// as bleve's doc-values field sort does, records without a date or a
// duration last, also across segments after updates and deletes.
func TestTableSortMatchesBleve(t *testing.T) {
	ix, recs := memIndex(t)
	ctx := context.Background()
	var extra []corpus.Record
	for i, r := range recs {
		r.ID += "-copy"
		if i%3 == 0 {
			r.Date, r.StartedAt = "", nil // no date: last
		}
		if i%4 == 0 {
			r.DurationMinutes = nil // no duration: last
		}
		extra = append(extra, r)
	}
	if err := ix.Put(ctx, extra...); err != nil {
		t.Fatal(err)
	}
	ids := func(hits []Hit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.ID)
		}
		return out
	}
	check := func(t *testing.T) {
		t.Helper()
		for _, q := range []string{"", "memory", "category:dns"} {
			for _, by := range []string{SortNewest, SortOldest, SortLongest} {
				res, err := ix.Search(ctx, Request{Query: q, Sort: by, PageSize: 100})
				if err != nil {
					t.Fatal(err)
				}
				pq, err := ix.parseSearchQuery(q, time.Time{})
				if err != nil {
					t.Fatal(err)
				}
				bq, _, _ := ix.buildQuery(pq, res.Relaxed)
				sr := bleve.NewSearchRequestOptions(bq, 100, 0, false)
				sr.Sort = sortOrder(by)
				sr.Score = "none"
				br, err := ix.bi.SearchInContext(ctx, sr)
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for _, dm := range br.Hits {
					want = append(want, dm.ID)
				}
				if got := ids(res.Hits); !reflect.DeepEqual(got, want) {
					t.Errorf("%q by %s:\n got %v\nwant %v", q, by, got, want)
				}
			}
		}
	}
	check(t)
	if len(ix.sortStart.segs) == 0 || len(ix.sortDur.segs) == 0 {
		t.Fatal("no sort tables were built: bleve sorted")
	}
	changed := recs[0]
	changed.Date, changed.StartedAt = "1999-01-01", nil
	if err := ix.Put(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, recs[1].ID, extra[2].ID); err != nil {
		t.Fatal(err)
	}
	check(t)
}

// TestWarmTables checks that a write (and an open) builds the facet
// tables in the background, before any search asks for them.
func TestWarmTables(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), loadFixtures(t)...); err != nil {
		t.Fatal(err)
	}
	ix.bg.Wait()
	for _, ft := range []*facetTables{ix.facets, ix.catMonth, ix.svcMonth, ix.catDur, ix.sortStart, ix.sortDur} {
		if len(ft.segs) == 0 {
			t.Errorf("%s: no tables after a write", ft.field)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir, DefaultConfig()); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.bg.Wait()
	if len(ix.catDur.segs) == 0 {
		t.Error("no tables after an open")
	}
}
