package scorchx

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
)

// testMapping has a text field and a keyword field with doc values.
func testMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = "standard"
	dm := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	dm.AddFieldMappingsAt("body", text)
	tag := bleve.NewKeywordFieldMapping()
	tag.DocValues = true
	dm.AddFieldMappingsAt("tag", tag)
	im.DefaultMapping = dm
	return im
}

// testIndex indexes n documents in batches of batch, so that the index
// has several segments; doc i has tag "t<i%7>" and a body with "common".
func testIndex(t *testing.T, dir string, n, batch int) (bleve.Index, map[string]string) {
	bi, tags, closeIndex := testIndexCloser(t, dir, n, batch)
	t.Cleanup(closeIndex)
	return bi, tags
}

// testIndexCloser is testIndex that leaves closing (once) to the caller.
func testIndexCloser(t *testing.T, dir string, n, batch int) (bleve.Index, map[string]string, func()) {
	t.Helper()
	rt := MemoryRuntime()
	if dir != "" {
		rt = Runtime(time.Second, false)
	}
	bi, err := bleve.NewUsing(dir, testMapping(), scorch.Name, scorch.Name, rt)
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	closeIndex := func() { once.Do(func() { bi.Close() }) }
	tags := map[string]string{}
	for start := 0; start < n; start += batch {
		b := bi.NewBatch()
		for i := start; i < min(n, start+batch); i++ {
			id := fmt.Sprintf("doc%03d", i)
			tags[id] = fmt.Sprintf("t%d", i%7)
			body := "common words here"
			if i%3 == 0 {
				body += " rare"
			}
			if err := b.Index(id, map[string]any{"body": body, "tag": tags[id]}); err != nil {
				t.Fatal(err)
			}
		}
		if err := bi.Batch(b); err != nil {
			closeIndex()
			t.Fatal(err)
		}
	}
	return bi, tags, closeIndex
}

// TestHitHandlerSeesSnapshotSegments checks every hook the facet and sort
// tables stand on: the handler is called for every hit, the reader it is
// bound to is a scorch snapshot, its segments' doc values are readable,
// and a hit's internal id is its global document number across them.
func TestHitHandlerSeesSnapshotSegments(t *testing.T) {
	bi, tags := testIndex(t, "", 60, 10)
	var segs []Segment
	var segErr error
	hits := map[uint64]string{} // document number -> tag read from the segment tables
	ctx := WithHitHandler(context.Background(), func(reader any) func(*search.DocumentMatch) {
		segs, segErr = Segments(reader)
		return func(dm *search.DocumentMatch) {
			num, ok := DocNum(dm.IndexInternalID)
			global := num
			if !ok {
				t.Errorf("internal id %x is not a document number", dm.IndexInternalID)
				return
			}
			for _, s := range segs {
				if num >= s.Count() {
					num -= s.Count()
					continue
				}
				var got []string
				if err := s.VisitDocValues("tag", func(doc uint64, term []byte) {
					if doc == num {
						got = append(got, string(term))
					}
				}); err != nil {
					t.Error(err)
				}
				if len(got) == 1 {
					hits[global] = got[0]
				}
				return
			}
			t.Errorf("document number %x past the snapshot's segments", dm.IndexInternalID)
		}
	})
	sr := bleve.NewSearchRequestOptions(bleve.NewMatchQuery("common"), 100, 0, false)
	res, err := bi.SearchInContext(ctx, sr)
	if err != nil {
		t.Fatal(err)
	}
	if segErr != nil {
		t.Fatalf("Segments of the search's reader: %v (bleve no longer hands a scorch snapshot)", segErr)
	}
	if len(segs) < 2 {
		t.Errorf("%d segments; the test wants several", len(segs))
	}
	if res.Total != 60 || len(hits) != 60 {
		t.Fatalf("handler saw %d of %d hits", len(hits), res.Total)
	}
	for _, h := range res.Hits {
		num, _ := DocNum(h.IndexInternalID)
		if tags[h.ID] != hits[num] {
			t.Errorf("%s (number %d): segment tables say %q, indexed %q", h.ID, num, hits[num], tags[h.ID])
		}
	}
	if len(res.Hits) != 60 {
		t.Errorf("%d hits on the page, want 60", len(res.Hits))
	}
}

// TestBM25StatsAreUsed fails if bleve stops reading the statistics
// handed in the context: the same search must score differently with
// other statistics.
func TestBM25StatsAreUsed(t *testing.T) {
	bi, _ := testIndex(t, "", 60, 10)
	bi.Mapping().(*mapping.IndexMappingImpl).ScoringModel = "bm25"
	score := func(ctx context.Context) float64 {
		t.Helper()
		res, err := bi.SearchInContext(ctx, bleve.NewSearchRequest(bleve.NewMatchQuery("rare")))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Fatal("no hits")
		}
		return res.Hits[0].Score
	}
	st := func(docs float64, card int) *BM25Stats {
		return &BM25Stats{DocCount: docs, FieldCardinality: map[string]int{"body": card, "tag": 7, "_all": card}}
	}
	a := score(WithBM25Stats(context.Background(), st(60, 4)))
	b := score(WithBM25Stats(context.Background(), st(6000, 4)))
	c := score(WithBM25Stats(context.Background(), st(60, 400)))
	if a == b {
		t.Errorf("score %v with 60 and with 6000 documents: the document count in the context is ignored", a)
	}
	if a == c {
		t.Errorf("score %v with 4 and with 400 terms: the field cardinality in the context is ignored", a)
	}
}

func TestSegmentsUnsupported(t *testing.T) {
	for _, r := range []any{nil, "reader", 42} {
		if _, err := Segments(r); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Segments(%v) = %v, want ErrUnsupported", r, err)
		}
	}
	for _, id := range [][]byte{nil, {1, 2, 3}, make([]byte, 9)} {
		if _, ok := DocNum(id); ok {
			t.Errorf("DocNum(%x) accepted", id)
		}
	}
}

// TestOnDiskLayout checks what the corruption checks read: the newest
// snapshot's segment files in root.bolt, the zap CRC footer, and the
// segment format the runtime options fix.
func TestOnDiskLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	_, _, closeIndex := testIndexCloser(t, dir, 40, 10)
	closeIndex()
	names, err := SnapshotSegmentFiles(dir, time.Second)
	if err != nil || len(names) == 0 {
		t.Fatalf("SnapshotSegmentFiles = %v, %v", names, err)
	}
	for _, n := range names {
		path := filepath.Join(dir, "store", n)
		if err := CheckSegmentFile(path); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// zap's footer ends with the format version and the CRC.
		if v := binary.BigEndian.Uint32(b[len(b)-8:]); v != SegmentVersion {
			t.Errorf("%s: zap version %d, want %d", n, v, SegmentVersion)
		}
		b[len(b)/2] ^= 0xff
		bad := filepath.Join(t.TempDir(), n)
		if err := os.WriteFile(bad, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := CheckSegmentFile(bad); err == nil {
			t.Errorf("%s: a flipped byte passes the CRC check", n)
		}
	}
	if names, err := SnapshotSegmentFiles(t.TempDir(), time.Second); names != nil || err != nil {
		t.Errorf("no root.bolt: %v, %v; want nil, nil", names, err)
	}
}

// TestLockTimeout checks that a root.bolt held by an open index is
// reported as a lock timeout, which Open turns into ErrLocked.
func TestLockTimeout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	testIndex(t, dir, 10, 10) // stays open until the test ends
	_, err := SnapshotSegmentFiles(dir, 50*time.Millisecond)
	if !IsLockTimeout(err) {
		t.Fatalf("SnapshotSegmentFiles of a locked index = %v, want a lock timeout", err)
	}
	if _, err := bleve.OpenUsing(dir, Runtime(50*time.Millisecond, false)); !IsLockTimeout(err) {
		t.Errorf("second open = %v, want a lock timeout", err)
	}
}
