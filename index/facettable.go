package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/hindsight-kb/hindsight/index/internal/scorchx"
)

// Facets without doc values.
//
// bleve counts facets by visiting the doc values of every matching
// document on every search: decompressing chunks and decoding terms, a
// quarter of a broad search's CPU. But segments never change once
// written, so Hindsight reads each segment's _facets terms once into a
// table of small integers (a term dictionary shared by all segments, and
// per document the ordinals of its terms), and a search counts its hits'
// ordinals in an array. The hits come from bleve's own collector, through
// its document-match handler hook, so paging, sorting and scoring are
// untouched. Tables of segments that merges retire are dropped when a
// newer snapshot no longer lists them.

// facetTables holds the per-segment tables of one doc-values field and
// their shared dictionary.
type facetTables struct {
	field string
	mu    sync.Mutex
	dict  map[string]uint32
	terms []string
	segs  map[any]*segFacets // by scorchx.Segment.Key
	// unavailable makes every snapshot tableless, so that tests can take
	// the fallback paths.
	unavailable atomic.Bool
}

// segFacets lists, for each document of one segment (by local number),
// the ordinals of its _facets terms: ords[starts[n]:starts[n+1]].
type segFacets struct {
	starts []uint32
	ords   []uint32
}

func newFacetTables(field string) *facetTables {
	return &facetTables{field: field, dict: map[string]uint32{}, segs: map[any]*segFacets{}}
}

// snapFacets are the tables of one index snapshot, in segment order.
type snapFacets struct {
	offsets []uint64 // first global document number of each segment
	tables  []*segFacets
	nterms  int
}

// errNoTables is returned for a snapshot whose segments cannot be read
// this way (none that Hindsight writes): bleve then counts facets.
var errNoTables = errors.New("facet tables unavailable")

// forSnapshot returns the tables of the snapshot r, building those of
// segments not seen before.
func (ft *facetTables) forSnapshot(r any) (*snapFacets, error) {
	if ft.unavailable.Load() {
		return nil, errNoTables
	}
	segs, err := scorchx.Segments(r)
	if err != nil {
		return nil, errNoTables
	}
	out := &snapFacets{offsets: make([]uint64, len(segs)), tables: make([]*segFacets, len(segs))}
	ft.mu.Lock()
	defer ft.mu.Unlock()
	var running uint64
	for i, seg := range segs {
		out.offsets[i] = running
		running += seg.Count()
		t := ft.segs[seg.Key()]
		if t == nil {
			var err error
			if t, err = ft.build(seg); err != nil {
				return nil, err
			}
			ft.segs[seg.Key()] = t
		}
		out.tables[i] = t
	}
	if len(ft.segs) > len(segs) {
		// Merges retired some segments: keep only this snapshot's.
		current := make(map[any]bool, len(segs))
		for _, seg := range segs {
			current[seg.Key()] = true
		}
		for k := range ft.segs {
			if !current[k] {
				delete(ft.segs, k)
			}
		}
	}
	out.nterms = len(ft.terms)
	return out, nil
}

// build reads one segment's doc values of ft.field. ft.mu is held.
func (ft *facetTables) build(seg scorchx.Segment) (*segFacets, error) {
	n := seg.Count()
	t := &segFacets{starts: make([]uint32, 1, n+1), ords: make([]uint32, 0, n*8)}
	next := uint64(0) // the document whose terms are being added
	err := seg.VisitDocValues(ft.field, func(doc uint64, term []byte) {
		for ; next < doc; next++ {
			t.starts = append(t.starts, uint32(len(t.ords)))
		}
		o, ok := ft.dict[string(term)]
		if !ok {
			o = uint32(len(ft.terms))
			ft.terms = append(ft.terms, string(term))
			ft.dict[string(term)] = o
		}
		t.ords = append(t.ords, o)
	})
	if errors.Is(err, scorchx.ErrUnsupported) {
		return nil, errNoTables
	}
	if err != nil {
		return nil, fmt.Errorf("facet table: %w", err)
	}
	for ; next < n; next++ {
		t.starts = append(t.starts, uint32(len(t.ords)))
	}
	return t, nil
}

// facetCounter counts the _facets terms of a search's hits.
type facetCounter struct {
	snap   *snapFacets
	counts []int
	cur    int // segment of the last hit: hits come in document order
	err    error
}

// locate finds the table and local number of the document with the
// given internal id; *cur remembers the segment of the last lookup, since
// hits come in document order.
func (sf *snapFacets) locate(id []byte, cur *int) (*segFacets, uint64, bool) {
	doc, ok := scorchx.DocNum(id)
	if !ok {
		return nil, 0, false
	}
	offs := sf.offsets
	if *cur >= len(offs) || doc < offs[*cur] {
		*cur = 0
	}
	for *cur+1 < len(offs) && doc >= offs[*cur+1] {
		*cur++
	}
	t := sf.tables[*cur]
	local := doc - offs[*cur]
	if local+1 >= uint64(len(t.starts)) {
		return nil, 0, false
	}
	return t, local, true
}

// add counts the terms of the document with the given internal id.
func (c *facetCounter) add(id []byte) {
	t, local, ok := c.snap.locate(id, &c.cur)
	if !ok {
		c.err = errNoTables
		return
	}
	for _, o := range t.ords[t.starts[local]:t.starts[local+1]] {
		c.counts[o]++
	}
}

// countingTerms returns ctx set up so that the next bleve search run
// with it counts its hits' terms in each of tabs, and a function that
// returns those counts, per table in order, each sorted by term (or
// fails, when a table was unavailable and bleve must count instead). A
// non-nil ts is bound to the search's snapshot; when its tables are
// unavailable the hits are in no useful order and the function fails
// too, so that bleve sorts instead.
func (ix *Index) countingTerms(ctx context.Context, ts *tableSort, tabs ...*facetTables) (context.Context, func() ([][]termCount, error)) {
	var counters []*facetCounter
	var bindErr error
	ctx = scorchx.WithHitHandler(ctx, func(reader any) func(*search.DocumentMatch) {
		if ts != nil {
			bindErr = ts.bind(reader)
		}
		cs := make([]*facetCounter, len(tabs))
		for i, ft := range tabs {
			c := &facetCounter{}
			if c.snap, c.err = ft.forSnapshot(reader); c.err == nil {
				c.counts = make([]int, c.snap.nterms)
			}
			cs[i] = c
		}
		counters = cs
		return func(dm *search.DocumentMatch) {
			// Scores that differ only by floating-point rounding (a
			// disjunction adds its clauses in an order that depends on
			// the segment layout) are equal, so that the sort's
			// tie-break decides between them.
			dm.Score = quantizeScore(dm.Score)
			for _, c := range cs {
				if c.err == nil {
					c.add(dm.IndexInternalID)
				}
			}
		}
	})
	return ctx, func() ([][]termCount, error) {
		if counters == nil {
			return nil, errNoTables
		}
		if bindErr != nil {
			return nil, bindErr
		}
		out := make([][]termCount, len(counters))
		for i, c := range counters {
			if c.err != nil {
				return nil, c.err
			}
			ft := tabs[i]
			ft.mu.Lock()
			terms := ft.terms[:len(c.counts)]
			ft.mu.Unlock()
			var tc []termCount
			for o, n := range c.counts {
				if n > 0 {
					tc = append(tc, termCount{term: terms[o], count: n})
				}
			}
			sort.Slice(tc, func(i, j int) bool { return tc[i].term < tc[j].term })
			out[i] = tc
		}
		return out, nil
	}
}

// warmTables builds, in the background, the tables of the current
// snapshot that are missing, so that the first search or trends request
// after an open or a write does not pay for them (at 100k, building the
// trends tables took 50 ms). One warm-up runs at a time; Close waits for
// it.
func (ix *Index) warmTables() {
	if ix.closing.Load() || !ix.warming.CompareAndSwap(false, true) {
		return
	}
	ix.bg.Add(1)
	go func() {
		defer ix.bg.Done()
		defer ix.warming.Store(false)
		idx, err := ix.bi.Advanced()
		if err != nil {
			return
		}
		r, err := idx.Reader()
		if err != nil {
			return
		}
		defer r.Close()
		for _, ft := range []*facetTables{ix.facets, ix.catMonth, ix.svcMonth, ix.catDur, ix.sortStart, ix.sortDur} {
			if ix.closing.Load() {
				return
			}
			if _, err := ft.forSnapshot(r); err != nil {
				return
			}
		}
	}()
}

// tableSort orders hits by a single-valued keyword field (sort_start,
// sort_dur) read from its facet tables: bleve's field sort visits the doc
// values of every matching document, decompressing and decoding them,
// which made a sorted listing of everything the slowest search. A
// document without the field sorts last either way, as bleve's
// SortFieldMissingLast does. It implements search.SearchSort; copies
// share the binding to the search's snapshot.
type tableSort struct {
	tabs *facetTables
	desc bool
	b    *sortBinding
}

// sortBinding is a tableSort's view of one snapshot.
type sortBinding struct {
	snap  *snapFacets
	terms []string
	cur   int
}

// missingLast sorts after every key in ascending order.
const missingLast = "\xff\xff\xff\xff"

func newTableSort(tabs *facetTables, desc bool) *tableSort {
	return &tableSort{tabs: tabs, desc: desc, b: &sortBinding{}}
}

// bind points the sort at the tables of the snapshot r.
func (s *tableSort) bind(r any) error {
	snap, err := s.tabs.forSnapshot(r)
	if err != nil {
		return err
	}
	s.tabs.mu.Lock()
	terms := s.tabs.terms[:snap.nterms]
	s.tabs.mu.Unlock()
	*s.b = sortBinding{snap: snap, terms: terms}
	return nil
}

// Value is the hit's sort key.
func (s *tableSort) Value(dm *search.DocumentMatch) string {
	if s.b.snap != nil {
		if t, local, ok := s.b.snap.locate(dm.IndexInternalID, &s.b.cur); ok && t.starts[local+1] > t.starts[local] {
			k := s.b.terms[t.ords[t.starts[local]]]
			if s.desc && strings.HasPrefix(k, "|") {
				// An undated incident ("|id", see fSortStart): last in
				// descending order too, by id among themselves.
				return "\x00" + k
			}
			return k
		}
	}
	if s.desc {
		return ""
	}
	return missingLast
}

func (s *tableSort) UpdateVisitor(string, []byte) {}
func (s *tableSort) DecodeValue(v string) string  { return v }
func (s *tableSort) Descending() bool             { return s.desc }
func (s *tableSort) RequiresDocID() bool          { return false }
func (s *tableSort) RequiresScoring() bool        { return false }
func (s *tableSort) RequiresFields() []string     { return nil }
func (s *tableSort) Reverse()                     { s.desc = !s.desc }
func (s *tableSort) Copy() search.SearchSort      { c := *s; return &c }

// quantizeScore rounds a score to nine decimals: far below any difference
// that means something, far above floating-point noise.
func quantizeScore(s float64) float64 {
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return s
	}
	return math.Round(s*1e9) / 1e9
}
