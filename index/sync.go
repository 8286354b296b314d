package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hindsight-kb/hindsight/corpus"
)

// SyncStats counts what Sync did.
type SyncStats struct {
	Added     int       `json:"added"`
	Updated   int       `json:"updated"`
	Removed   int       `json:"removed"`
	Unchanged int       `json:"unchanged"`
	Failed    int       `json:"failed"`
	Failures  []Failure `json:"failures"`
	// Warnings are the Record.Warnings of the documents parsed in this
	// run ("file:line: what"): they were indexed, but something in them
	// was malformed (a frontmatter value, say).
	Warnings []string      `json:"warnings,omitempty"`
	Took     time.Duration `json:"took_ns"`
}

// Failure is one file Sync could not index, and why.
type Failure struct {
	Path string `json:"path"`
	Err  string `json:"error"`
}

// Progress reports Sync's advance: Done of Total files, the last one
// being Path.
type Progress struct {
	Done, Total int
	Path        string
}

// Sync tuning.
const (
	syncBatchSize = 1000
)

// indexed is what the index knows of one document for Sync.
type indexed struct {
	id, hash string
	defaults string // Defaults.Hash of the folder defaults it was parsed with
}

// Sync brings the index in line with the corpus under root in fsys ("" or
// "." = all of it): files whose content hash and applied folder defaults
// (hindsight.yaml) are unchanged are skipped,
// changed ones re-parsed and re-indexed, deleted ones removed. A file
// that cannot be read or parsed is reported in Failures and skipped; if
// an older version of it is indexed, that version stays. Writes go in
// atomic batches, so concurrent searches see each document either before
// or after. progress may be nil. The returned error is for the walk or
// the index failing as a whole (or ctx ending); per-file problems are
// only counted.
func (ix *Index) Sync(ctx context.Context, fsys fs.FS, root string, progress func(Progress)) (SyncStats, error) {
	start := time.Now()
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.checkWritable(); err != nil {
		return SyncStats{}, fmt.Errorf("sync: %w", err)
	}
	root = strings.Trim(path.Clean("/"+root), "/")
	known, err := ix.indexedSources(ctx)
	if err != nil {
		return SyncStats{}, err
	}
	names, failures, err := syncNames(ctx, fsys, root)
	if err != nil {
		return SyncStats{}, err
	}
	run := newSyncRun(ix.newBatchWriter(ctx), known, names)
	run.st.Failures = failures
	done := 0
	var werr error
	for r := range ix.parseChanged(ctx, fsys, names, known) {
		done++
		if werr != nil {
			continue // drain
		}
		werr = run.take(r)
		if progress != nil {
			progress(Progress{Done: done, Total: len(names), Path: r.name})
		}
	}
	if werr == nil {
		werr = run.flush()
	}
	if err := run.bw.wait(); werr == nil {
		werr = err
	}
	if werr == nil {
		werr = ctx.Err()
	}
	st := &run.st
	if werr != nil {
		st.Failed = len(st.Failures)
		st.Took = time.Since(start)
		return *st, fmt.Errorf("sync: %w", werr)
	}
	if dels := run.gone(root); len(dels) > 0 {
		if err := ix.put(ctx, nil, dels); err != nil {
			return *st, fmt.Errorf("sync: %w", err)
		}
	}
	sort.Slice(st.Failures, func(i, j int) bool { return st.Failures[i].Path < st.Failures[j].Path })
	st.Failed = len(st.Failures)
	if st.Added+st.Updated+st.Removed > 0 {
		ix.refreshScoreStats()
		ix.warmTables()
	}
	st.Took = time.Since(start)
	return *st, nil
}

// syncNames walks the corpus under root ("" = all of fsys) and returns the
// postmortems' paths (relative to fsys) and the entries the walk could not
// read.
func syncNames(ctx context.Context, fsys fs.FS, root string) ([]string, []Failure, error) {
	walkFS := fsys
	if root != "" {
		var err error
		if walkFS, err = fs.Sub(fsys, root); err != nil {
			return nil, nil, fmt.Errorf("sync %s: %w", root, err)
		}
	}
	var names []string
	var failures []Failure
	err := corpus.Walk(walkFS, func(name string, werr error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		full := name
		if root != "" {
			full = path.Join(root, name)
		}
		if werr != nil {
			failures = append(failures, Failure{Path: full, Err: trimPathPrefix(werr.Error(), name)})
			return nil
		}
		names = append(names, full)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("sync: walk: %w", err)
	}
	return names, failures, nil
}

// syncResult is one file read by parseChanged: its record, or same when
// its bytes and folder defaults are what the index holds, or err.
type syncResult struct {
	name string
	rec  corpus.Record
	err  error
	same bool
}

// parseChanged reads and parses names on GOMAXPROCS workers and sends each
// result on the returned channel, closed when all are done or ctx ends.
func (ix *Index) parseChanged(ctx context.Context, fsys fs.FS, names []string, known map[string]indexed) <-chan syncResult {
	jobs := make(chan string)
	results := make(chan syncResult)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range jobs {
				select {
				case results <- ix.parseOne(fsys, name, known):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, n := range names {
			select {
			case jobs <- n:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	return results
}

// parseOne reads one file and parses it unless it is unchanged. A
// folder's hindsight.yaml fills what the document leaves out (a bad one is
// left out: FolderDefaults returns the rest); a document is unchanged only
// if its bytes and the defaults that apply to it are.
func (ix *Index) parseOne(fsys fs.FS, name string, known map[string]indexed) syncResult {
	r := syncResult{name: name}
	b, err := readCapped(fsys, name, ix.parser.MaxBytes())
	if err != nil {
		r.err = err
		return r
	}
	d, _ := corpus.FolderDefaults(fsys, name)
	if k, ok := known[name]; ok && k.hash == corpus.HashContent(b) && k.defaults == d.Hash() {
		r.same = true
		return r
	}
	r.rec, r.err = ix.parser.ParseWithDefaults(name, bytes.NewReader(b), d)
	return r
}

// syncRun is the state of one Sync: what the index held, what this run
// found and claimed, and the batch being written.
type syncRun struct {
	st      SyncStats
	known   map[string]indexed // source -> what the index holds
	byID    map[string]string  // id -> source, of what is indexed
	present map[string]bool    // sources found by the walk
	claimed map[string]string  // id -> source, claimed in this run
	batch   []corpus.Record
	dels    []string
	bw      *batchWriter
}

func newSyncRun(bw *batchWriter, known map[string]indexed, names []string) *syncRun {
	run := &syncRun{known: known, byID: map[string]string{}, present: make(map[string]bool, len(names)),
		claimed: map[string]string{}, bw: bw}
	for src, d := range known {
		run.byID[d.id] = src
	}
	for _, n := range names {
		run.present[n] = true
	}
	return run
}

// take counts one parsed file and queues its record; it returns the
// batch writer's error once a full batch is handed over.
func (run *syncRun) take(r syncResult) error {
	st := &run.st
	switch {
	case r.err != nil:
		st.Failures = append(st.Failures, Failure{Path: r.name, Err: trimPathPrefix(r.err.Error(), r.name)})
		return nil
	case r.same:
		st.Unchanged++
		run.claimed[run.known[r.name].id] = r.name
		return nil
	}
	rec := r.rec
	rec.Source = r.name
	st.Warnings = append(st.Warnings, rec.Warnings...)
	if other := run.idHolder(rec.ID, r.name); other != "" {
		st.Failures = append(st.Failures, Failure{Path: r.name, Err: fmt.Sprintf("duplicate id %q (also used by %s)", rec.ID, other)})
		return nil
	}
	run.claimed[rec.ID] = r.name
	if d, ok := run.known[r.name]; ok {
		st.Updated++
		if d.id != rec.ID {
			run.dels = append(run.dels, d.id)
		}
	} else {
		st.Added++
	}
	run.batch = append(run.batch, rec)
	if len(run.batch) >= syncBatchSize {
		return run.flush()
	}
	return nil
}

// idHolder returns the other file that holds id, or "": one that claimed
// it in this run, or an existing file that keeps it unless it changes id
// itself in this run.
func (run *syncRun) idHolder(id, name string) string {
	if other, ok := run.claimed[id]; ok && other != name {
		return other
	}
	if other, ok := run.byID[id]; ok && other != name && run.present[other] {
		if od, ok := run.known[other]; ok && od.id == id {
			return other
		}
	}
	return ""
}

// flush hands the queued records and deletions to the batch writer.
func (run *syncRun) flush() error {
	if len(run.batch) > 0 || len(run.dels) > 0 {
		run.bw.add(run.batch, run.dels)
		run.batch, run.dels = nil, nil
	}
	return run.bw.failed()
}

// gone returns the ids of documents under root whose files left the
// corpus (unless their id now belongs to another file), with any
// deletions still queued, and counts them as removed.
func (run *syncRun) gone(root string) []string {
	var gone []string
	for src, d := range run.known {
		if !(root == "" || src == root || strings.HasPrefix(src, root+"/")) || run.present[src] {
			continue
		}
		if owner, ok := run.claimed[d.id]; ok && owner != src {
			continue // its id now belongs to another file
		}
		gone = append(gone, d.id)
	}
	sort.Strings(gone)
	run.st.Removed = len(gone)
	return append(run.dels, gone...)
}

// indexedSources maps each indexed document's source to its id and hash.
func (ix *Index) indexedSources(ctx context.Context) (map[string]indexed, error) {
	n, err := ix.Count()
	if err != nil {
		return nil, err
	}
	out := make(map[string]indexed, n)
	const page = 5000
	var after []string
	for {
		sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), page, 0, false)
		sr.Fields = []string{fSource, fContentHash, fDefaultsHash}
		sr.SortBy([]string{"_id"})
		if after != nil {
			sr.SearchAfter = after
		}
		res, err := ix.bi.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("sync: list index: %w", err)
		}
		for _, h := range res.Hits {
			out[fieldString(h.Fields, fSource)] = indexed{id: h.ID, hash: fieldString(h.Fields, fContentHash), defaults: fieldString(h.Fields, fDefaultsHash)}
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// readCapped reads a file of fsys, refusing one over limit bytes (the
// parser's size limit) by its size before reading it, or after reading
// limit+1 bytes when its size was not known: a huge file in the corpus
// never costs more memory than the limit.
func readCapped(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, errors.New("is a directory")
		}
		if fi.Size() > limit {
			return nil, fmt.Errorf("%w: %d bytes, over the %d-byte limit", corpus.ErrTooLarge, fi.Size(), limit)
		}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: over the %d-byte limit", corpus.ErrTooLarge, limit)
	}
	return b, nil
}

// trimPathPrefix turns "parse NAME: reason" or "NAME: reason" into
// "reason", for `path: reason` reports.
func trimPathPrefix(msg, name string) string {
	for _, p := range []string{"parse " + name + ": ", "open " + name + ": ", name + ": "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return msg
}
