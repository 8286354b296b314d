package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index/internal/scorchx"
	"github.com/hindsight-kb/hindsight/index/lru"
)

// ErrNotFound is returned by Get (and Similar) for an unknown id.
var ErrNotFound = errors.New("not found")

// ErrLocked is returned by Open when another process holds the index.
var ErrLocked = errors.New("index is locked by another process")

// Index is a searchable postmortem index. It is safe for concurrent use:
// searches running while Sync, Put or Delete write always see a
// consistent state, because every write is one atomic batch.
type Index struct {
	bi       bleve.Index
	cfg      Config
	tax      *corpus.Taxonomy
	parser   *corpus.Parser
	syn      *synonyms
	analyzer analysis.Analyzer
	catHints []categoryHint
	noise    map[string]bool // similarNoise, analysed
	dir      string
	rebuilt  string
	readOnly string // why the index is read-only (faults.go), or ""

	// BM25 collection statistics (scorestats.go).
	scoreStats atomic.Pointer[scorchx.BM25Stats]
	statsStale atomic.Bool
	statsMu    sync.Mutex
	// paths counts which way searches went: the fast paths built on
	// bleve's internals or their fallbacks (fastpath.go).
	paths fastPaths

	// writeGen counts writes; allFacets caches the facets of the whole
	// index (the unfiltered query) for one writeGen.
	writeGen  atomic.Uint64
	allFacets atomic.Pointer[cachedFacets]
	// results and trends cache whole results for the current writeGen.
	results *lru.Cache[cacheKey, *Result]
	trends  *lru.Cache[cacheKey, *Trends]
	// facets, catMonth, svcMonth and catDur hold per-segment tables of
	// those doc-values fields (facettable.go).
	facets, catMonth, svcMonth, catDur *facetTables
	// sortStart and sortDur are the tables of the sort keys (tableSort).
	sortStart, sortDur *facetTables
	// warming is set while warmTables runs; closing once Close starts;
	// bg counts background goroutines Close waits for.
	warming, closing atomic.Bool
	bg               sync.WaitGroup

	// writeMu serialises Sync/Put/Delete so that Sync's view of the index
	// is not changed under it.
	writeMu sync.Mutex
}

// Open opens the index in dir, creating it when dir does not exist or is
// empty. An index written with another SchemaVersion, or one that cannot
// be read or has damaged segment files, is removed and recreated empty;
// Rebuilt then says why, and Sync refills it. An index held by another
// process fails within cfg.LockTimeout with an error wrapping ErrLocked.
// An index in a folder that cannot be written (a read-only mount) is
// opened for searching only: ReadOnly says why, and writes fail with
// ErrReadOnly.
func Open(dir string, cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	ix, err := newIndex(cfg)
	if err != nil {
		return nil, err
	}
	ix.dir = dir
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	if ok, perr := writable(dir); !ok {
		return openReadOnly(ix, dir, cfg, perr)
	}
	runtime := scorchx.Runtime(cfg.LockTimeout, false)

	if isBleveIndex(dir) {
		var bi bleve.Index
		bad, err := damagedSegments(dir, cfg.LockTimeout)
		if err != nil {
			return nil, err
		}
		if len(bad) == 0 {
			bi, err = openBleve(dir, runtime)
		}
		switch {
		case len(bad) > 0:
			ix.rebuilt = "damaged segment files: " + strings.Join(bad, "; ")
		case err == nil:
			v, verr := bi.GetInternal(schemaKey)
			if verr == nil && string(v) == strconv.Itoa(SchemaVersion) {
				ix.bi = bi
				ix.loadScoreStats()
				ix.warmTables()
				return ix, nil
			}
			_ = bi.Close()
			if verr != nil {
				ix.rebuilt = fmt.Sprintf("cannot read schema version: %v", verr)
			} else if len(v) == 0 {
				ix.rebuilt = fmt.Sprintf("index has no schema version, want %d", SchemaVersion)
			} else {
				ix.rebuilt = fmt.Sprintf("index schema version %s, want %d", v, SchemaVersion)
			}
		case scorchx.IsLockTimeout(err):
			return nil, fmt.Errorf("open index %s: %w (waited %v; is another hindsight running?)", dir, ErrLocked, cfg.LockTimeout)
		case errors.Is(err, fs.ErrPermission):
			// Not ours to delete and rebuild: say so.
			return nil, fmt.Errorf("open index %s: not writable: %w", dir, err)
		default:
			ix.rebuilt = fmt.Sprintf("index unreadable: %v", err)
		}
		if err := removeIndexDir(dir); err != nil {
			return nil, fmt.Errorf("rebuild index %s (%s): %w", dir, ix.rebuilt, err)
		}
	} else if err := checkEmptyDir(dir); err != nil {
		return nil, err
	}
	bi, err := bleve.NewUsing(dir, m, scorchx.IndexType, scorchx.IndexType, runtime)
	if err != nil {
		if scorchx.IsLockTimeout(err) {
			return nil, fmt.Errorf("create index %s: %w", dir, ErrLocked)
		}
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := bi.SetInternal(schemaKey, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	ix.bi = bi
	return ix, nil
}

// OpenMemory returns an empty index held in memory, for tests and
// short-lived tools.
func OpenMemory(cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	ix, err := newIndex(cfg)
	if err != nil {
		return nil, err
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewUsing("", m, scorchx.IndexType, scorchx.IndexType, scorchx.MemoryRuntime())
	if err != nil {
		return nil, fmt.Errorf("create memory index: %w", err)
	}
	ix.bi = bi
	return ix, nil
}

func newIndex(cfg Config) (*Index, error) {
	ix := &Index{cfg: cfg, tax: cfg.Taxonomy, parser: cfg.Parser, results: lru.New[cacheKey](cfg.ResultCache, (*Result).clone),
		trends: lru.New[cacheKey](cfg.ResultCache/8, (*Trends).clone),
		facets: newFacetTables(fFacets), catMonth: newFacetTables(fCatMonth),
		svcMonth: newFacetTables(fSvcMonth), catDur: newFacetTables(fCatDur),
		sortStart: newFacetTables(fSortStart), sortDur: newFacetTables(fSortDur)}
	if ix.tax == nil {
		ix.tax = corpus.DefaultTaxonomy()
	}
	if ix.parser == nil {
		pc := corpus.DefaultConfig()
		pc.Taxonomy = cfg.Taxonomy
		p, err := corpus.NewParser(pc)
		if err != nil {
			return nil, fmt.Errorf("index: parser: %w", err)
		}
		ix.parser = p
	}
	var r io.Reader = cfg.Synonyms
	name := "synonyms"
	if r == nil {
		r = defaultSynonyms()
		name = "embedded synonyms.yaml"
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	ix.analyzer = m.AnalyzerNamed(analyzerText)
	if ix.analyzer == nil {
		return nil, fmt.Errorf("index: no %s analyzer", analyzerText)
	}
	syn, err := loadSynonyms(r, ix.analyzer)
	if err != nil {
		return nil, fmt.Errorf("index: %s: %w", name, err)
	}
	ix.syn = syn
	ix.catHints = buildCategoryHints(ix.tax, syn, ix.analyzer)
	ix.noise = ix.noiseTerms()
	return ix, nil
}

// isBleveIndex reports whether dir holds a bleve index.
func isBleveIndex(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

// checkEmptyDir refuses to create an index in a folder that holds other
// things, so that a mistyped --index never deletes someone's files.
func checkEmptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open index %s: %w", dir, err)
	}
	if len(ents) > 0 {
		return fmt.Errorf("open index %s: folder is not empty and holds no index; refusing to use it", dir)
	}
	return nil
}

// removeIndexDir removes a bleve index folder: only the files bleve
// writes, and the folder when it is then empty.
func removeIndexDir(dir string) error {
	for _, name := range []string{"index_meta.json", "store"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// Rebuilt returns why Open discarded an existing index (schema change or
// unreadable), or "" when it did not.
func (ix *Index) Rebuilt() string { return ix.rebuilt }

// Dir returns the folder of an on-disk index, or "" for a memory index.
func (ix *Index) Dir() string { return ix.dir }

// Close releases the index and its lock.
func (ix *Index) Close() error {
	ix.closing.Store(true)
	ix.bg.Wait()
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	if ix.dir != "" && ix.readOnly == "" {
		recordClosedSegments(ix.dir)
	}
	return nil
}

// Put adds or replaces records, in one atomic batch.
func (ix *Index) Put(ctx context.Context, recs ...corpus.Record) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	defer ix.warmTables()
	return ix.put(ctx, recs, nil)
}

func (ix *Index) put(ctx context.Context, recs []corpus.Record, deletes []string) error {
	if err := ix.checkWritable(); err != nil {
		return err
	}
	b := ix.bi.NewBatch()
	for _, id := range deletes {
		b.Delete(id)
	}
	for i := range recs {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := &recs[i]
		if r.ID == "" {
			return fmt.Errorf("put %s: record has no id", r.Source)
		}
		d, err := toDoc(r)
		if err != nil {
			return err
		}
		doc, err := textDocument(ix.bi.Mapping(), r.ID, d)
		if err == nil {
			err = b.IndexAdvanced(doc)
		}
		if err != nil {
			return fmt.Errorf("index %s: %w", r.ID, err)
		}
	}
	if b.Size() == 0 {
		return nil
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	ix.writeGen.Add(1)
	ix.statsStale.Store(true)
	return nil
}

// PutAll adds or replaces many records in atomic batches, several in
// flight at once (building a batch's segment is single-threaded in
// bleve, so concurrent batches use more cores). Searches see each batch
// whole; the set as a whole is not atomic.
func (ix *Index) PutAll(ctx context.Context, recs []corpus.Record) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	defer ix.warmTables()
	w := ix.newBatchWriter(ctx)
	for i := 0; i < len(recs); i += syncBatchSize {
		w.add(recs[i:min(i+syncBatchSize, len(recs))], nil)
	}
	return w.wait()
}

// batchWriter writes batches on a few goroutines and keeps the first
// error.
type batchWriter struct {
	ctx context.Context
	ix  *Index
	sem chan struct{}
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

// batchesInFlight is how many batches are built at once.
const batchesInFlight = 2

func (ix *Index) newBatchWriter(ctx context.Context) *batchWriter {
	return &batchWriter{ctx: ctx, ix: ix, sem: make(chan struct{}, batchesInFlight)}
}

// add queues one batch; recs and dels are not used by the caller after.
func (w *batchWriter) add(recs []corpus.Record, dels []string) {
	if w.failed() != nil {
		return
	}
	w.sem <- struct{}{}
	w.wg.Add(1)
	go func() {
		defer func() { <-w.sem; w.wg.Done() }()
		if err := w.ix.put(w.ctx, recs, dels); err != nil {
			w.mu.Lock()
			if w.err == nil {
				w.err = err
			}
			w.mu.Unlock()
		}
	}()
}

func (w *batchWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// wait waits for every queued batch and returns the first error.
func (w *batchWriter) wait() error {
	w.wg.Wait()
	return w.failed()
}

// Delete removes records by id, in one atomic batch; unknown ids are
// ignored.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	defer ix.warmTables()
	return ix.put(ctx, nil, ids)
}

// Generation counts the index's writes (Put, PutAll, Delete, Sync). Two
// equal requests answered at the same generation get the same answer,
// unless their query counts back from the current time (see
// Query.Relative): a cache of anything derived from the index (see Cache)
// can key it by generation.
func (ix *Index) Generation() uint64 { return ix.writeGen.Load() }

// Count returns the number of indexed records.
func (ix *Index) Count() (int, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return int(n), nil
}

// Get returns the stored record with the given id, or ErrNotFound.
func (ix *Index) Get(ctx context.Context, id string) (corpus.Record, error) {
	q := query.NewDocIDQuery([]string{id})
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{fRec, fTitle, fSummary, fImpact, fResolution, fLessons}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return corpus.Record{}, fmt.Errorf("get %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return corpus.Record{}, fmt.Errorf("get %q: %w", id, ErrNotFound)
	}
	return recordFromFields(res.Hits[0].Fields)
}

func recordFromFields(f map[string]interface{}) (corpus.Record, error) {
	var r corpus.Record
	s, _ := f[fRec].(string)
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return r, fmt.Errorf("decode stored record: %w", err)
	}
	r.Title = fieldString(f, fTitle)
	r.Summary = fieldString(f, fSummary)
	r.Impact = fieldString(f, fImpact)
	r.Resolution = fieldString(f, fResolution)
	r.Lessons = fieldString(f, fLessons)
	return r, nil
}

// fieldString returns a stored string field (the first value of an array).
func fieldString(f map[string]interface{}, name string) string {
	switch v := f[name].(type) {
	case string:
		return v
	case []interface{}:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}
