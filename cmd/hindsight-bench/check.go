package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

// checkCorpus parses every document of a generated corpus and compares
// the records with the manifest, per generated format.
func checkCorpus(ctx context.Context, dir string, workers int) (map[string]*agreement, int, time.Duration, error) {
	man, err := readManifest(dir)
	if err != nil {
		return nil, 0, 0, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("open corpus: %w", err)
	}
	defer root.Close()
	p, err := corpus.NewParser(corpus.DefaultConfig())
	if err != nil {
		return nil, 0, 0, err
	}
	paths := make([]string, 0, len(man))
	for k := range man {
		paths = append(paths, k)
	}
	sort.Strings(paths)
	start := time.Now()
	var mu sync.Mutex
	byFormat := map[string]*agreement{}
	failed := 0
	ch := make(chan string)
	var wg sync.WaitGroup
	fsys := root.FS()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]*agreement{}
			lf := 0
			for name := range ch {
				m := man[name]
				rec, err := p.ParseFile(fsys, name)
				if err != nil {
					lf++
					continue
				}
				a := local[m.Format]
				if a == nil {
					a = &agreement{}
					local[m.Format] = a
				}
				a.add(m, m.Title, rec)
			}
			mu.Lock()
			for f, a := range local {
				if byFormat[f] == nil {
					byFormat[f] = &agreement{}
				}
				byFormat[f].merge(*a)
			}
			failed += lf
			mu.Unlock()
		}()
	}
	for _, name := range paths {
		if ctx.Err() != nil {
			break
		}
		ch <- name
	}
	close(ch)
	wg.Wait()
	return byFormat, failed, time.Since(start), ctx.Err()
}

func runCheck(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	fs := newFlagSet(stderr, "check", "Parse a corpus made by gen and report how often the ingester finds the\ngenerated date, duration, format and root-cause category (tagger agreement).")
	dir := fs.String("corpus", "", "corpus folder (from hindsight-bench gen)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "parallel parsers")
	jsonOut := fs.Bool("json", false, "print JSON")
	if c := parseOrExit(stderr, fs, args); c >= 0 {
		return c
	}
	if *dir == "" || *workers < 1 {
		fmt.Fprintln(stderr, "hindsight-bench check: --corpus is required and --workers must be ≥ 1")
		return exitUsage
	}
	byFormat, failed, took, err := checkCorpus(ctx, filepath.Clean(*dir), *workers)
	if err != nil {
		fmt.Fprintf(stderr, "hindsight-bench check: %v\n", err)
		return exitRuntime
	}
	if *jsonOut {
		json.NewEncoder(stdout).Encode(map[string]any{"formats": byFormat, "failed": failed})
		return exitOK
	}
	n := 0
	for _, a := range byFormat {
		n += a.Docs
	}
	fmt.Fprintf(stdout, "parsed %d documents in %v (%.0f docs/s), %d failed\n", n, took.Round(time.Millisecond), float64(n)/took.Seconds(), failed)
	printAgreement(stdout, byFormat)
	return exitOK
}
