package index

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

func loadFixtures(t testing.TB) []corpus.Record {
	t.Helper()
	b, err := os.ReadFile("testdata/records.json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []corpus.Record
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// memIndex returns an in-memory index holding the fixtures.
func memIndex(t testing.TB) (*Index, []corpus.Record) {
	t.Helper()
	recs := loadFixtures(t)
	return memIndexOf(t, recs...), recs
}

// memIndexOf returns an in-memory index holding recs, closed when the
// test ends.
func memIndexOf(t testing.TB, recs ...corpus.Record) *Index {
	t.Helper()
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), recs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func hitIDs(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}
