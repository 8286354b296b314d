package index

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hindsight-kb/hindsight/index/internal/scorchx"
)

// Collection statistics for BM25.
//
// Left to itself, bleve derives BM25's average field length from the sum
// of each segment's term-dictionary size, so the same documents score
// differently depending on how the index happens to be split into
// segments: two builds of one corpus, or a build resumed after a crash,
// would rank ties and near-ties differently. Hindsight instead hands bleve
// statistics of the index as a whole — live documents, and distinct terms
// per field from the merged dictionaries — which depend only on the
// documents indexed. They are recomputed lazily, on the first scored
// search after a write, and at the end of a Sync that changed anything;
// they are kept in the index, so that a reopened index does not pay for
// them on its first search.

// scoredFields are the fields queries search: text and keyword.
var scoredFields = append(append([]string{}, textFields...), fText, fCategories, fPrimaryCategory, fServices,
	fOrganization, fSeverity, fFormat, fTags, fHas, fYear, fStartedAt, fDuration,
	fSource, fContentHash, fCatMonth, fSvcMonth, fCatDur, fFacets)

// scoringContext returns ctx carrying the index's BM25 statistics,
// recomputing them first when a write has made them stale.
func (ix *Index) scoringContext(ctx context.Context) context.Context {
	if ix.statsStale.Load() || ix.scoreStats.Load() == nil {
		ix.statsMu.Lock()
		if ix.statsStale.Load() || ix.scoreStats.Load() == nil {
			// Clear the flag first: a write racing with the computation
			// sets it again and the next search recomputes.
			ix.statsStale.Store(false)
			if st, err := ix.computeScoreStats(); err == nil {
				ix.scoreStats.Store(st)
				ix.saveScoreStats(st)
			} else {
				ix.statsStale.Store(true)
			}
		}
		ix.statsMu.Unlock()
	}
	if st := ix.scoreStats.Load(); st != nil && !ix.paths.statsOff.Load() {
		ix.paths.wholeStats.Add(1)
		return scorchx.WithBM25Stats(ctx, st)
	}
	ix.paths.segmentStats.Add(1)
	return ctx
}

// computeScoreStats counts live documents and, for every indexed field,
// the distinct terms of its merged dictionary.
func (ix *Index) computeScoreStats() (*scorchx.BM25Stats, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return nil, fmt.Errorf("bm25 stats: %w", err)
	}
	fields, err := ix.bi.Fields()
	if err != nil {
		return nil, fmt.Errorf("bm25 stats: %w", err)
	}
	st := &scorchx.BM25Stats{DocCount: float64(n), FieldCardinality: make(map[string]int, len(fields))}
	// Every field a query may name has an entry, even before any document
	// holds it: bleve fails a search whose field has no statistics.
	for _, f := range scoredFields {
		st.FieldCardinality[f] = 0
	}
	// Unscored searches (Score "none") merge a disjunction of terms into
	// one bitmap searcher on the pseudo-field "*", which still asks for
	// its statistics.
	st.FieldCardinality["*"] = 0
	for _, f := range fields {
		d, err := ix.bi.FieldDict(f)
		if err != nil {
			return nil, fmt.Errorf("bm25 stats %s: %w", f, err)
		}
		c := 0
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return nil, fmt.Errorf("bm25 stats %s: %w", f, err)
			}
			if e == nil {
				break
			}
			c++
		}
		d.Close()
		st.FieldCardinality[f] = c
	}
	return st, nil
}

// statsKey is the bleve internal key holding the last BM25 statistics.
var statsKey = []byte("hindsight_bm25_stats")

// saveScoreStats keeps st in the index for the next Open. Failing to is
// harmless (they are recomputed), so errors are dropped; a read-only
// index is never written.
func (ix *Index) saveScoreStats(st *scorchx.BM25Stats) {
	if ix.readOnly != "" {
		return
	}
	if b, err := json.Marshal(st); err == nil {
		_ = ix.bi.SetInternal(statsKey, b)
	}
}

// loadScoreStats takes the statistics kept by an earlier run when they
// still describe the index (same number of live documents); otherwise
// the first scored search recomputes them.
func (ix *Index) loadScoreStats() {
	b, err := ix.bi.GetInternal(statsKey)
	if err != nil || len(b) == 0 {
		return
	}
	var st scorchx.BM25Stats
	if json.Unmarshal(b, &st) != nil || st.FieldCardinality == nil {
		return
	}
	if n, err := ix.bi.DocCount(); err != nil || float64(n) != st.DocCount {
		return
	}
	for _, f := range scoredFields {
		if _, ok := st.FieldCardinality[f]; !ok {
			return
		}
	}
	ix.scoreStats.Store(&st)
}

// refreshScoreStats recomputes and keeps the statistics now, so that a
// Sync leaves them ready for the searches that follow it.
func (ix *Index) refreshScoreStats() {
	ix.statsMu.Lock()
	defer ix.statsMu.Unlock()
	ix.statsStale.Store(false)
	st, err := ix.computeScoreStats()
	if err != nil {
		ix.statsStale.Store(true)
		return
	}
	ix.scoreStats.Store(st)
	ix.saveScoreStats(st)
}
