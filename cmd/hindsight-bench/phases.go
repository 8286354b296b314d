package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/hindsight-kb/hindsight/index"
)

// ingestPhase is phase 1: parse and index the corpus into o.index, and
// fill rep's ingest figures and index size. It returns how many documents
// failed to parse. An existing index is synced instead: its unchanged files
// are only hashed (or, after a schema change, it is rebuilt from scratch,
// which counts as a fresh ingest).
func ingestPhase(ctx context.Context, o runOpts, cfg index.Config, rep *Report, logw io.Writer) (int, error) {
	existing := false
	if ents, err := os.ReadDir(o.index); err == nil && len(ents) > 0 {
		existing = true
	}
	logf(logw, "ingest: %d documents, %.1f MB from %s into %s (existing index: %v)", rep.Docs, float64(rep.RawBytes)/1e6, rep.Corpus, o.index, existing)
	runtime.GC()
	resetPeakRSS()
	prof := startProfile(o.profile, "ingest")
	root, err := os.OpenRoot(rep.Corpus)
	if err != nil {
		return 0, fmt.Errorf("open corpus: %w", err)
	}
	t0, c0 := time.Now(), cpuTime()
	ix, err := index.Open(o.index, cfg)
	if err != nil {
		root.Close()
		return 0, fmt.Errorf("open index: %w", err)
	}
	if why := ix.Rebuilt(); why != "" {
		logf(logw, "ingest: index rebuilt: %s", why)
	}
	st, err := ix.Sync(ctx, root.FS(), "", nil)
	took, cpu := time.Since(t0), cpuTime()-c0
	prof.stop()
	root.Close()
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	hwm, _, _ := procStatus(0)
	n := st.Added + st.Updated
	rep.Ingest = &Ingest{Added: n, Unchanged: st.Unchanged, Failed: st.Failed, TookMS: ms(took),
		DocsPerSec: float64(n) / took.Seconds(), MBPerSec: float64(rep.RawBytes) / 1e6 / took.Seconds(), PeakRSS: hwm}
	if n > 0 {
		rep.Ingest.CPUMSPerDoc = ms(cpu) / float64(n)
	}
	if n < rep.Docs*9/10 {
		// Mostly unchanged: this measured an incremental sync, not ingest.
		rep.Ingest.DocsPerSec, rep.Ingest.MBPerSec = 0, 0
	}
	for i, f := range st.Failures {
		if i == 5 {
			rep.Errors = append(rep.Errors, fmt.Sprintf("… and %d more parse failures", len(st.Failures)-5))
			break
		}
		rep.Errors = append(rep.Errors, f.Path+": "+f.Err)
	}
	logf(logw, "ingest: %d indexed, %d unchanged, %d failed in %v (%.0f docs/s)", n, st.Unchanged, st.Failed, took.Round(time.Millisecond), float64(n)/took.Seconds())
	size, _, err := dirSize(o.index)
	if err != nil {
		return st.Failed, err
	}
	rep.IndexSize = size
	rep.IndexRatio = float64(size) / float64(rep.RawBytes)
	return st.Failed, nil
}

// reopenPhase is phase 2: open the index with its files evicted from the
// page cache and time the first search. The caller closes the index.
func reopenPhase(ctx context.Context, o runOpts, cfg index.Config, rep *Report, failed int, logw io.Writer) (*index.Index, error) {
	rep.ReopenCold = evictPageCache(o.index) == nil
	runtime.GC()
	resetPeakRSS()
	t0 := time.Now()
	ix, err := index.Open(o.index, cfg)
	if err != nil {
		return nil, fmt.Errorf("reopen index: %w", err)
	}
	first, err := ix.Search(ctx, index.Request{Query: "", PageSize: 1})
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("first search: %w", err)
	}
	rep.ReopenMS = ms(time.Since(t0))
	if first.Total != rep.Docs-failed {
		rep.Errors = append(rep.Errors, fmt.Sprintf("the reopened index holds %d incidents, want %d", first.Total, rep.Docs-failed))
	}
	logf(logw, "reopen: ready in %.0f ms (%d documents, page cache evicted: %v)", rep.ReopenMS, first.Total, rep.ReopenCold)
	return ix, nil
}

// queryPhases are phases 3 to 5, in process on one client: the query mix,
// similar incidents and trends.
func queryPhases(ctx context.Context, o runOpts, ix *index.Index, mix []benchQuery, rep *Report, logw io.Writer) error {
	prof := startProfile(o.profile, "search")
	search, problems, err := searchPhase(ctx, ix, mix, o.iterations, o.phaseLimit)
	prof.stop()
	rep.Search = search
	rep.Errors = append(rep.Errors, problems...)
	if err != nil {
		return err
	}
	logf(logw, "search: %d queries, p50 %.2f ms, p99 %.2f ms", search[0].Count, search[0].P50, search[0].P99)

	prof = startProfile(o.profile, "similar")
	sim, err := similarPhase(ctx, ix, 200, o.phaseLimit)
	prof.stop()
	if err != nil {
		return err
	}
	rep.Similar = &sim
	logf(logw, "similar: %d lookups, p50 %.2f ms, p99 %.2f ms", sim.Count, sim.P50, sim.P99)

	prof = startProfile(o.profile, "trends")
	tr, err := trendsPhase(ctx, ix, o.iterations, o.phaseLimit)
	prof.stop()
	if err != nil {
		return err
	}
	rep.Trends = &tr
	rep.QueryRSS, _, _ = procStatus(0)
	logf(logw, "trends: %d requests, p50 %.2f ms, max %.2f ms", tr.Count, tr.P50, tr.Max)
	return nil
}

// searchPhase runs the query mix iterations times, one query at a time.
// Queries the index rejects are left out of the timings and returned as
// problems.
func searchPhase(ctx context.Context, ix *index.Index, mix []benchQuery, iterations int, limit time.Duration) ([]Summary, []string, error) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // fixed, so relative dates do not drift
	req := func(q benchQuery) index.Request {
		return index.Request{Query: q.Query, Sort: q.Sort, Page: q.Page, PageSize: q.PageSize, Now: now}
	}
	// Warm-up pass: the first query of each kind loads what it needs.
	var problems []string
	var ok []benchQuery
	for _, q := range mix {
		if _, err := ix.Search(ctx, req(q)); err != nil {
			problems = append(problems, fmt.Sprintf("search %q left out: %v", q.Query, err))
			continue
		}
		ok = append(ok, q)
	}
	mix = ok
	var all latencies
	c0 := cpuTime()
	byClass := map[string]*latencies{}
	var classes []string
	deadline := time.Now().Add(limit)
	for it := 0; it < iterations && (it == 0 || time.Now().Before(deadline)) && ctx.Err() == nil; it++ {
		for _, q := range mix {
			t0 := time.Now()
			_, err := ix.Search(ctx, req(q))
			d := time.Since(t0)
			l := byClass[q.Class]
			if l == nil {
				l = &latencies{}
				byClass[q.Class] = l
				classes = append(classes, q.Class)
			}
			if err != nil {
				l.errors++
				all.errors++
				continue
			}
			l.add(d)
			all.add(d)
		}
	}
	sum := all.summary("search (all)")
	if len(all.d) > 0 {
		sum.CPUMS = ms(cpuTime()-c0) / float64(len(all.d))
	}
	out := []Summary{sum}
	for _, c := range classes {
		out = append(out, byClass[c].summary("search: "+c))
	}
	return out, problems, ctx.Err()
}

// sampleIDs returns up to n incident ids spread over the index.
func sampleIDs(ctx context.Context, ix *index.Index, n int) ([]string, error) {
	res, err := ix.Search(ctx, index.Request{Query: "", Sort: "oldest", PageSize: 100})
	if err != nil {
		return nil, err
	}
	total := res.Total
	if total == 0 {
		return nil, errors.New("the index is empty")
	}
	pages := (total + 99) / 100
	var ids []string
	step := max(1, pages/max(1, n/10))
	for p := 1; p <= pages && len(ids) < n; p += step {
		res, err := ix.Search(ctx, index.Request{Query: "", Sort: "oldest", Page: p, PageSize: 100})
		if err != nil {
			return nil, err
		}
		for i, h := range res.Hits {
			if i%10 == 0 && len(ids) < n {
				ids = append(ids, h.ID)
			}
		}
	}
	return ids, nil
}

func similarPhase(ctx context.Context, ix *index.Index, n int, limit time.Duration) (Summary, error) {
	ids, err := sampleIDs(ctx, ix, n)
	if err != nil {
		return Summary{}, fmt.Errorf("similar: pick incidents: %w", err)
	}
	for _, id := range ids[:min(10, len(ids))] {
		if _, err := ix.Similar(ctx, id, 5); err != nil {
			return Summary{}, fmt.Errorf("similar %s: %w", id, err)
		}
	}
	var l latencies
	c0 := cpuTime()
	deadline := time.Now().Add(limit)
	for _, id := range ids {
		if time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		t0 := time.Now()
		if _, err := ix.Similar(ctx, id, 5); err != nil {
			l.errors++
			continue
		}
		l.add(time.Since(t0))
	}
	s := l.summary("similar (5)")
	if len(l.d) > 0 {
		s.CPUMS = ms(cpuTime()-c0) / float64(len(l.d))
	}
	return s, ctx.Err()
}

// trendsMix is the versioned set of trends requests.
var trendsMix = []index.TrendsRequest{
	{Interval: "month", By: "category"},
	{Interval: "quarter", By: "category"},
	{Interval: "year", By: "category"},
	{Interval: "month", By: "service"},
	{Query: "category:capacity", Interval: "quarter", By: "service"},
	{Query: "timeout", Interval: "month", By: "category"},
}

func trendsPhase(ctx context.Context, ix *index.Index, iterations int, limit time.Duration) (Summary, error) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range trendsMix {
		r.Now = now
		if _, err := ix.Trends(ctx, r); err != nil {
			return Summary{}, fmt.Errorf("trends %+v: %w", r, err)
		}
	}
	var l latencies
	c0 := cpuTime()
	deadline := time.Now().Add(limit)
	for it := 0; it < iterations && (it == 0 || time.Now().Before(deadline)) && ctx.Err() == nil; it++ {
		for _, r := range trendsMix {
			r.Now = now
			t0 := time.Now()
			if _, err := ix.Trends(ctx, r); err != nil {
				l.errors++
				continue
			}
			l.add(time.Since(t0))
		}
	}
	s := l.summary("trends")
	if len(l.d) > 0 {
		s.CPUMS = ms(cpuTime()-c0) / float64(len(l.d))
	}
	return s, ctx.Err()
}
