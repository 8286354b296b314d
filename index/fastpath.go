package index

import "sync/atomic"

// fastPaths counts how searches went where Hindsight bypasses bleve's
// own way through its internals (index/internal/scorchx): facet counts
// and sort keys from the facet tables, or bleve's doc-values visits when
// a snapshot has no tables; BM25 with whole-index statistics, or with
// bleve's per-segment ones. Both ways give the same results; only speed
// (and, for BM25, stability across segment layouts) differs, so a fast
// path that silently stopped applying after a bleve upgrade would go
// unnoticed but for these counts, which the tests check.
type fastPaths struct {
	facetTables, facetFallback atomic.Int64
	sortTables, sortFallback   atomic.Int64
	wholeStats, segmentStats   atomic.Int64
	// statsOff withholds the whole-index statistics, for tests of the
	// fallback.
	statsOff atomic.Bool
}

// count records one counting of terms (and sorting, if sorted) from the
// tables: err is what the counting returned.
func (p *fastPaths) count(sorted bool, err error) {
	switch {
	case err != nil && sorted:
		p.sortFallback.Add(1)
	case err != nil:
		p.facetFallback.Add(1)
	case sorted:
		p.sortTables.Add(1)
	default:
		p.facetTables.Add(1)
	}
}

// snapshot returns the counts, for tests.
func (p *fastPaths) snapshot() map[string]int64 {
	return map[string]int64{
		"facetTables": p.facetTables.Load(), "facetFallback": p.facetFallback.Load(),
		"sortTables": p.sortTables.Load(), "sortFallback": p.sortFallback.Load(),
		"wholeStats": p.wholeStats.Load(), "segmentStats": p.segmentStats.Load(),
	}
}
