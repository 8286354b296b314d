package index

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// TestScoreStatsKeptAcrossOpen checks BM25 statistics are stored with the
// index, come back on Open without a recomputation, describe the index
// exactly, and go stale on a write.
func TestScoreStatsKeptAcrossOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	recs := loadFixtures(t)
	if err := ix.Put(context.Background(), recs...); err != nil {
		t.Fatal(err)
	}
	first, err := ix.Search(context.Background(), Request{Query: "certificate expired"})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()

	ix, err = Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	kept := ix.scoreStats.Load()
	if kept == nil {
		t.Fatal("no statistics loaded on Open")
	}
	fresh, err := ix.computeScoreStats()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, fresh) {
		t.Errorf("kept statistics %+v differ from a recomputation %+v", kept, fresh)
	}
	again, err := ix.Search(context.Background(), Request{Query: "certificate expired"})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Hits) != len(first.Hits) || (len(first.Hits) > 0 && again.Hits[0].Score != first.Hits[0].Score) {
		t.Errorf("scores changed across a reopen: %v vs %v", hitIDs(again), hitIDs(first))
	}
	if err := ix.Delete(context.Background(), recs[0].ID); err != nil {
		t.Fatal(err)
	}
	if !ix.statsStale.Load() {
		t.Error("a write did not mark the statistics stale")
	}
}
