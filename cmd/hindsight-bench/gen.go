package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
)

// manifestName is the file gen writes beside the corpus, listing what each
// document was generated to be. Its leading dot hides it from corpus.Walk.
const manifestName = ".hindsight-bench.jsonl"

// manifestEntry records one generated document.
type manifestEntry struct {
	Path         string   `json:"path"`
	Title        string   `json:"title"`
	Format       string   `json:"format"`
	Category     string   `json:"category"`
	Contributing string   `json:"contributing,omitempty"`
	Declared     bool     `json:"declared"`
	Organization string   `json:"organization"`
	Date         string   `json:"date"`
	Duration     int      `json:"duration_minutes"`
	Services     []string `json:"services"`
	Bytes        int      `json:"bytes"`
}

// generated is one rendered document.
type generated struct {
	inc  *incident
	path string
	data []byte
}

// generate builds document i of the corpus.
func (w *world) generate(i int) generated {
	inc := w.newIncident(i)
	p, data := w.render(inc)
	return generated{inc: inc, path: p, data: data}
}

func (g generated) entry() manifestEntry {
	m := manifestEntry{
		Path: g.path, Title: g.inc.title, Format: formatNames[g.inc.format], Category: g.inc.cause.name,
		Declared: g.inc.declare, Organization: g.inc.org.name,
		Date: g.inc.start.Format("2006-01-02"), Duration: g.inc.duration,
		Services: g.inc.services, Bytes: len(g.data),
	}
	if g.inc.second != nil {
		m.Contributing = g.inc.second.name
	}
	return m
}

// genStats summarises a generated corpus.
type genStats struct {
	Docs          int            `json:"docs"`
	Bytes         int64          `json:"bytes"`
	Took          time.Duration  `json:"took_ns"`
	Formats       map[string]int `json:"formats"`
	Categories    map[string]int `json:"categories"`
	SizeP10       int            `json:"size_p10"`
	SizeMedian    int            `json:"size_median"`
	SizeP90       int            `json:"size_p90"`
	SizeMin       int            `json:"size_min"`
	SizeMax       int            `json:"size_max"`
	DistinctTerms int            `json:"distinct_terms,omitempty"`
	Tokens        int64          `json:"tokens,omitempty"`
}

// generateCorpus writes n documents under out with the given number of
// workers and returns their manifest in document order. Output does not
// depend on the number of workers.
func generateCorpus(ctx context.Context, w *world, n, workers int, out string, terms bool) ([]manifestEntry, genStats, error) {
	start := time.Now()
	entries := make([]manifestEntry, n)
	var next atomic.Int64
	var firstErr error
	var errOnce sync.Once
	var wg sync.WaitGroup
	sets := make([]map[string]struct{}, workers)
	tokens := make([]int64, workers)
	for wk := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			made := map[string]bool{}
			if terms {
				sets[wk] = map[string]struct{}{}
			}
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				g := w.generate(i)
				entries[i] = g.entry()
				if terms {
					tokens[wk] += countTerms(g.data, sets[wk])
				}
				if out == "" {
					continue
				}
				dir := path.Dir(g.path)
				if !made[dir] {
					if err := os.MkdirAll(filepath.Join(out, filepath.FromSlash(dir)), 0o755); err != nil {
						errOnce.Do(func() { firstErr = fmt.Errorf("create %s: %w", dir, err) })
						next.Store(int64(n))
						return
					}
					made[dir] = true
				}
				if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(g.path)), g.data, 0o644); err != nil {
					errOnce.Do(func() { firstErr = fmt.Errorf("write %s: %w", g.path, err) })
					next.Store(int64(n))
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, genStats{}, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, genStats{}, err
	}
	st := summarise(entries)
	st.Took = time.Since(start)
	if terms {
		all := sets[0]
		for _, s := range sets[1:] {
			for t := range s {
				all[t] = struct{}{}
			}
		}
		st.DistinctTerms = len(all)
		for _, t := range tokens {
			st.Tokens += t
		}
	}
	return entries, st, nil
}

func summarise(entries []manifestEntry) genStats {
	st := genStats{Docs: len(entries), Formats: map[string]int{}, Categories: map[string]int{}}
	sizes := make([]int, len(entries))
	for i, e := range entries {
		st.Bytes += int64(e.Bytes)
		st.Formats[e.Format]++
		st.Categories[e.Category]++
		sizes[i] = e.Bytes
	}
	if len(sizes) > 0 {
		slices.Sort(sizes)
		at := func(p float64) int { return sizes[int(p*float64(len(sizes)-1))] }
		st.SizeP10, st.SizeMedian, st.SizeP90 = at(0.1), at(0.5), at(0.9)
		st.SizeMin, st.SizeMax = sizes[0], sizes[len(sizes)-1]
	}
	return st
}

// countTerms adds the lower-cased letter/digit runs of b to set, roughly
// as a search engine's tokenizer would, and returns how many it saw.
func countTerms(b []byte, set map[string]struct{}) int64 {
	var n int64
	s := string(b)
	start := -1
	flush := func(end int) {
		if start >= 0 {
			set[strings.ToLower(s[start:end])] = struct{}{}
			n++
			start = -1
		}
	}
	for i, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
	}
	flush(len(s))
	return n
}

func writeManifest(out string, entries []manifestEntry) error {
	f, err := os.Create(filepath.Join(out, manifestName))
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	enc := json.NewEncoder(f)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			f.Close()
			return fmt.Errorf("write manifest: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// readManifest loads the manifest gen wrote into a corpus folder.
func readManifest(dir string) (map[string]manifestEntry, error) {
	f, err := os.Open(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	out := map[string]manifestEntry{}
	dec := json.NewDecoder(f)
	for {
		var e manifestEntry
		if err := dec.Decode(&e); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("read manifest %s: %w", dir, err)
		}
		out[e.Path] = e
	}
}

func runGen(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	fs := newFlagSet(stderr, "gen", "Generate N synthetic postmortems under DIR, in sub-folders by organisation\nand year. The same --n and --seed always give byte-identical files.")
	n := fs.Int("n", 1000, "number of postmortems")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output folder (must be empty or absent)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "parallel workers (does not change the output)")
	terms := fs.Bool("terms", false, "also count distinct terms (vocabulary size)")
	jsonOut := fs.Bool("json", false, "print the summary as JSON")
	dry := fs.Bool("dry-run", false, "generate in memory only and print the summary (no --out needed)")
	if c := parseOrExit(stderr, fs, args); c >= 0 {
		return c
	}
	if *dry {
		*out = ""
	}
	switch {
	case *out == "" && !*dry:
		fmt.Fprintln(stderr, "hindsight-bench gen: --out is required")
		return exitUsage
	case *n < 1 || *n > 10_000_000:
		fmt.Fprintf(stderr, "hindsight-bench gen: --n must be in [1, 10000000], got %d\n", *n)
		return exitUsage
	case *workers < 1:
		fmt.Fprintf(stderr, "hindsight-bench gen: --workers must be ≥ 1, got %d\n", *workers)
		return exitUsage
	}
	if !*dry {
		if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 {
			fmt.Fprintf(stderr, "hindsight-bench gen: %s is not empty; choose a new folder\n", *out)
			return exitUsage
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintf(stderr, "hindsight-bench gen: %v\n", err)
			return exitRuntime
		}
	}
	w, err := newWorld(*seed)
	if err != nil {
		fmt.Fprintf(stderr, "hindsight-bench gen: %v\n", err)
		return exitRuntime
	}
	entries, st, err := generateCorpus(ctx, w, *n, *workers, *out, *terms)
	if err == nil && !*dry {
		err = writeManifest(*out, entries)
	}
	if err != nil {
		fmt.Fprintf(stderr, "hindsight-bench gen: %v\n", err)
		return exitRuntime
	}
	if *jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(st)
		return exitOK
	}
	printGenStats(stdout, st)
	return exitOK
}

func printGenStats(w io.Writer, st genStats) {
	fmt.Fprintf(w, "generated %d postmortems, %.1f MB in %v (%.0f docs/s)\n", st.Docs, float64(st.Bytes)/1e6, st.Took.Round(time.Millisecond), float64(st.Docs)/st.Took.Seconds())
	fmt.Fprintf(w, "size: min %d, p10 %d, median %d, p90 %d, max %d bytes\n", st.SizeMin, st.SizeP10, st.SizeMedian, st.SizeP90, st.SizeMax)
	if st.DistinctTerms > 0 {
		fmt.Fprintf(w, "terms: %d distinct in %d tokens\n", st.DistinctTerms, st.Tokens)
	}
	fmt.Fprint(w, "formats:")
	for _, f := range formatNames {
		fmt.Fprintf(w, " %s %.1f%%", f, 100*float64(st.Formats[f])/float64(st.Docs))
	}
	fmt.Fprint(w, "\ncategories:")
	for _, c := range causes {
		fmt.Fprintf(w, " %s %.1f%%", c.name, 100*float64(st.Categories[c.name])/float64(st.Docs))
	}
	fmt.Fprintln(w)
}
