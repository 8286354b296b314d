package scorchx

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	bolterrors "go.etcd.io/bbolt/errors"
)

// IndexType is the bleve index (and kv store) type Hindsight uses.
const IndexType = scorch.Name

// SegmentType and SegmentVersion are the zap format Hindsight writes.
// bleve 2.6 writes zapx v17 by default, but v17.2.5 clears an in-memory
// segment's term-dictionary cache when the segment is closed while a
// batch still reads it (after a failed persist, as on a full disk) and
// then panics with "assignment to entry in nil map"; v16, which bleve 2.6
// still reads and writes, does not.
const (
	SegmentType    = "zap"
	SegmentVersion = 16
)

// ErrUnsupported is returned when a reader or segment is not of the
// kind these hooks know (a scorch snapshot of zap segments with doc
// values): the caller then lets bleve do the work its own way.
var ErrUnsupported = errors.New("scorchx: not a scorch snapshot of doc-value segments")

// Runtime returns the scorch runtime options for an on-disk index: how
// long to wait for root.bolt's lock, whether to open read-only, and the
// segment format.
func Runtime(lockTimeout time.Duration, readOnly bool) map[string]any {
	rt := MemoryRuntime()
	rt["bolt_timeout"] = lockTimeout.String()
	if readOnly {
		rt["read_only"] = true
	}
	return rt
}

// MemoryRuntime returns the scorch runtime options for an in-memory
// index: the segment format only.
func MemoryRuntime() map[string]any {
	return map[string]any{"forceSegmentType": SegmentType, "forceSegmentVersion": SegmentVersion}
}

// IsLockTimeout reports whether err says root.bolt stayed locked (by
// another process) for the whole lock timeout.
func IsLockTimeout(err error) bool { return errors.Is(err, bolterrors.ErrTimeout) }

// Segment is one immutable segment of a snapshot.
type Segment struct{ seg segment.Segment }

// Key identifies the segment across snapshots (a segment is shared by
// every snapshot until a merge retires it), for caching per segment.
func (s Segment) Key() any { return s.seg }

// Count is the number of documents in the segment, deleted ones
// included: local document numbers run from 0 to Count()-1.
func (s Segment) Count() uint64 { return s.seg.Count() }

// VisitDocValues calls fn with each document's local number and each of
// its terms in field's doc values, document by document in order.
func (s Segment) VisitDocValues(field string, fn func(doc uint64, term []byte)) error {
	dv, ok := s.seg.(segment.DocValueVisitable)
	if !ok {
		return ErrUnsupported
	}
	fields := []string{field}
	var state segment.DocVisitState
	var doc uint64
	visit := func(_ string, term []byte) { fn(doc, term) }
	for n := s.seg.Count(); doc < n; doc++ {
		var err error
		if state, err = dv.VisitDocValues(doc, fields, visit, state); err != nil {
			return fmt.Errorf("doc values of %s: %w", field, err)
		}
	}
	return nil
}

// Segments returns the segments of reader, which must be the index
// reader bleve hands a search (a scorch snapshot), in the order of the
// global document numbers: segment i holds the numbers from the sum of
// the counts before it.
func Segments(reader any) ([]Segment, error) {
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, ErrUnsupported
	}
	ss := snap.Segments()
	out := make([]Segment, len(ss))
	for i, s := range ss {
		if _, ok := s.Segment().(segment.DocValueVisitable); !ok {
			return nil, ErrUnsupported
		}
		out[i] = Segment{seg: s.Segment()}
	}
	return out, nil
}

// DocNum is the global document number of a hit's internal id in its
// snapshot, or false when the id is not scorch's 8-byte number.
func DocNum(internalID []byte) (uint64, bool) {
	if len(internalID) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(internalID), true
}

// WithHitHandler returns ctx set up so that a bleve search run with it
// calls bind once with the search's index reader (the snapshot Segments
// reads) and then the function bind returns for every hit, in document
// order, before bleve's own top-N collector sees it. Paging, sorting and
// scoring stay bleve's.
func WithHitHandler(ctx context.Context, bind func(reader any) func(*search.DocumentMatch)) context.Context {
	maker := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		inner, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		hit := bind(sctx.IndexReader)
		return func(dm *search.DocumentMatch) error {
			if dm != nil {
				hit(dm)
			}
			return inner(dm)
		}, loadID, nil
	}
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(maker))
}

// BM25Stats are collection statistics for BM25: the number of live
// documents and, per field, the number of distinct terms.
type BM25Stats = search.BM25Stats

// WithBM25Stats returns ctx carrying st, which a bleve search run with it
// uses for BM25 instead of statistics derived segment by segment.
func WithBM25Stats(ctx context.Context, st *BM25Stats) context.Context {
	return context.WithValue(ctx, search.BM25StatsKey, st)
}
