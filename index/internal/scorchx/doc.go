// Package scorchx is Hindsight's one door into bleve's internals: the
// scorch index snapshot and its zap segments (for the facet and sort
// tables), the context keys through which a search takes a per-hit
// handler and whole-index BM25 statistics, the runtime options that fix
// the segment format, and the root.bolt and zap file layout that the
// corruption checks read.
//
// None of this is bleve's stable API, so an upgrade may change any of it.
// The tests of this package fail when one of these hooks stops working
// with the bleve version in go.mod, and the index package's tests fail
// when a fast path built on them silently stops applying.
package scorchx
