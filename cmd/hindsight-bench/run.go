package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/index"
)

// Report is everything one `run` measured. It is written as JSON.
type Report struct {
	Version   string    `json:"version"` // query mix version
	Started   time.Time `json:"started"`
	Machine   Machine   `json:"machine"`
	Corpus    string    `json:"corpus"`
	Docs      int       `json:"docs"`
	RawBytes  int64     `json:"raw_bytes"`
	Ingest    *Ingest   `json:"ingest,omitempty"`
	IndexSize int64     `json:"index_bytes"`
	// IndexRatio is IndexSize over RawBytes.
	IndexRatio float64 `json:"index_ratio"`
	// ReopenMS is the time to open an existing index with its files
	// evicted from the page cache and answer a first search.
	ReopenMS   float64   `json:"reopen_ms"`
	ReopenCold bool      `json:"reopen_cold"`
	Search     []Summary `json:"search"` // overall first, then per class
	Similar    *Summary  `json:"similar,omitempty"`
	Trends     *Summary  `json:"trends,omitempty"`
	QueryRSS   int64     `json:"query_peak_rss_bytes"`
	HTTP       *HTTP     `json:"http,omitempty"`
	Targets    []Target  `json:"targets"`
	Errors     []string  `json:"errors,omitempty"`
}

// Machine describes where a run happened.
type Machine struct {
	CPU        string `json:"cpu"`
	Cores      int    `json:"cores"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	GoVersion  string `json:"go"`
	OS         string `json:"os"`
	Revision   string `json:"revision,omitempty"`
}

// Ingest is the parse+index phase.
type Ingest struct {
	Added      int     `json:"added"`
	Unchanged  int     `json:"unchanged"`
	Failed     int     `json:"failed"`
	TookMS     float64 `json:"took_ms"`
	DocsPerSec float64 `json:"docs_per_sec"`
	// CPUMSPerDoc is the process CPU time (all threads) per indexed
	// document: unlike docs/s it does not depend on other load.
	CPUMSPerDoc float64 `json:"cpu_ms_per_doc"`
	MBPerSec    float64 `json:"mb_per_sec"`
	PeakRSS     int64   `json:"peak_rss_bytes"`
}

// HTTP is the live-server phase.
type HTTP struct {
	Clients      int            `json:"clients"`
	ResultCache  string         `json:"result_cache"` // the server's --result-cache: "default" or a number
	ReadyMS      float64        `json:"ready_ms"`
	API          Summary        `json:"api"`
	Page         *Summary       `json:"page,omitempty"`
	Profiled     []Summary      `json:"profiled,omitempty"` // in-process, under the CPU profiler: API, then page
	Status       map[string]int `json:"status"`
	PeakRSS      int64          `json:"server_peak_rss_bytes"`
	RSSAfterLoad int64          `json:"server_rss_bytes"`
	// PeakAnonRSS is the largest anonymous resident memory seen under
	// load: the heap and stacks, without the memory-mapped index.
	PeakAnonRSS int64 `json:"server_peak_anon_rss_bytes"`
}

// Target is one goal of the performance issue and whether this run met it.
type Target struct {
	Name  string  `json:"name"`
	Goal  string  `json:"goal"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Met   bool    `json:"met"`
}

type runOpts struct {
	corpus, index, jsonOut, bin, profile string
	clients                              int
	duration, phaseLimit                 time.Duration
	iterations, serverCache              int
	maxRequests                          int64
	skipHTTP, keep                       bool
}

func runBench(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	fs := newFlagSet(stderr, "run", "Measure indexing, search, similar, trends and HTTP serving on a corpus made by gen.\nPrints a table and, with --json, writes the figures as JSON.")
	var o runOpts
	fs.StringVar(&o.corpus, "corpus", "", "corpus folder (from hindsight-bench gen)")
	fs.StringVar(&o.index, "index", "", "index folder: built here when absent or empty, reused when it holds an index (default: a temporary folder, removed afterwards)")
	fs.StringVar(&o.jsonOut, "json", "", "write the report as JSON to this file")
	fs.StringVar(&o.bin, "bin", "", "hindsight binary for the HTTP phase (default: 'hindsight' beside this binary, then on PATH)")
	fs.StringVar(&o.profile, "profile", "", "write CPU and heap profiles of each phase with this path prefix")
	fs.IntVar(&o.clients, "clients", 32, "concurrent HTTP clients")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "length of the HTTP load phase")
	fs.IntVar(&o.iterations, "iterations", 20, "passes over the query mix (search latencies) and the trends mix")
	fs.DurationVar(&o.phaseLimit, "phase-limit", time.Minute, "time bound of each of the search, similar and trends phases (after one full pass)")
	fs.Int64Var(&o.maxRequests, "max-requests", 2_000_000, "upper bound on HTTP requests")
	fs.BoolVar(&o.skipHTTP, "skip-http", false, "skip the HTTP phase")
	fs.IntVar(&o.serverCache, "server-cache", -1, "the server's --result-cache for the HTTP phase (default: serve's own default; 0 = off, and the page cache off too)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary index")
	if c := parseOrExit(stderr, fs, args); c >= 0 {
		return c
	}
	switch {
	case o.corpus == "":
		fmt.Fprintln(stderr, "hindsight-bench run: --corpus is required")
		return exitUsage
	case o.clients < 1 || o.clients > 1024:
		fmt.Fprintf(stderr, "hindsight-bench run: --clients must be in [1, 1024], got %d\n", o.clients)
		return exitUsage
	case o.duration <= 0 || o.duration > 10*time.Minute:
		fmt.Fprintf(stderr, "hindsight-bench run: --duration must be in (0, 10m], got %v\n", o.duration)
		return exitUsage
	case o.phaseLimit <= 0 || o.phaseLimit > 10*time.Minute:
		fmt.Fprintf(stderr, "hindsight-bench run: --phase-limit must be in (0, 10m], got %v\n", o.phaseLimit)
		return exitUsage
	case o.iterations < 1 || o.iterations > 10000:
		fmt.Fprintf(stderr, "hindsight-bench run: --iterations must be in [1, 10000], got %d\n", o.iterations)
		return exitUsage
	}
	rep, err := benchmark(ctx, o, stderr)
	if rep != nil {
		printReport(stdout, rep)
		if o.jsonOut != "" {
			b, _ := json.MarshalIndent(rep, "", "  ")
			if werr := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); werr != nil {
				fmt.Fprintf(stderr, "hindsight-bench run: %v\n", werr)
				return exitRuntime
			}
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "hindsight-bench run: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

// logf prints progress to stderr with a timestamp.
func logf(w io.Writer, f string, a ...any) {
	fmt.Fprintf(w, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(f, a...))
}

func machine() Machine {
	m := Machine{Cores: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				m.Revision = s.Value
			}
		}
	}
	return m
}

// profiler writes a CPU profile of one phase and a heap profile at its end.
type profiler struct {
	prefix, phase string
	f             *os.File
}

func startProfile(prefix, phase string) *profiler {
	p := &profiler{prefix: prefix, phase: phase}
	if prefix == "" {
		return p
	}
	f, err := os.Create(prefix + phase + ".cpu.pprof")
	if err != nil {
		return p
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return p
	}
	p.f = f
	return p
}

func (p *profiler) stop() {
	if p.f == nil {
		return
	}
	pprof.StopCPUProfile()
	p.f.Close()
	if h, err := os.Create(p.prefix + p.phase + ".heap.pprof"); err == nil {
		pprof.WriteHeapProfile(h)
		h.Close()
	}
}

func benchmark(ctx context.Context, o runOpts, logw io.Writer) (*Report, error) {
	rep := &Report{Version: queryMixVersion, Started: time.Now().UTC(), Machine: machine()}
	abs, err := filepath.Abs(o.corpus)
	if err != nil {
		return nil, err
	}
	rep.Corpus = abs
	man, err := readManifest(abs)
	if err != nil {
		return nil, fmt.Errorf("%w (is %s a corpus made by hindsight-bench gen?)", err, abs)
	}
	for _, e := range man {
		rep.Docs++
		rep.RawBytes += int64(e.Bytes)
	}
	if o.index == "" {
		tmp, err := os.MkdirTemp("", "hindsight-bench-index-")
		if err != nil {
			return nil, err
		}
		o.index = filepath.Join(tmp, "index")
		if !o.keep {
			defer os.RemoveAll(tmp)
		}
	}
	cfg := index.DefaultConfig()
	// The mix repeats its queries: measure searching, not the result cache.
	cfg.ResultCache = -1

	failed, err := ingestPhase(ctx, o, cfg, rep, logw)
	if err != nil {
		return rep, err
	}
	ix, err := reopenPhase(ctx, o, cfg, rep, failed, logw)
	if err != nil {
		return rep, err
	}
	mix := queryMix(man)
	err = queryPhases(ctx, o, ix, mix, rep, logw)
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index: %w", cerr)
	}
	if err != nil {
		return rep, err
	}

	// Phase 6: HTTP against a live server.
	if !o.skipHTTP {
		h, err := httpPhase(ctx, o, mix, logw)
		rep.HTTP = h
		if err != nil {
			rep.Errors = append(rep.Errors, "http: "+err.Error())
			logf(logw, "http: %v", err)
		}
	}
	rep.Targets = targets(rep)
	return rep, nil
}

// findBinary locates the hindsight binary for the HTTP phase.
func findBinary(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), "hindsight")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", errors.New("no hindsight binary: build it beside hindsight-bench (go build -o DIR/ ./cmd/hindsight ./cmd/hindsight-bench) or pass --bin")
}

func httpPhase(ctx context.Context, o runOpts, mix []benchQuery, logw io.Writer) (*HTTP, error) {
	bin, err := findBinary(o.bin)
	if err != nil {
		return nil, err
	}
	logDir, err := os.MkdirTemp("", "hindsight-bench-serve-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(logDir)
	sp, ready, err := startServer(ctx, bin, o.corpus, o.index, logDir, o.serverCache, 5*time.Minute)
	if err != nil {
		return nil, err
	}
	defer sp.stop()
	h := &HTTP{Clients: o.clients, ResultCache: "default", ReadyMS: ms(ready), Status: map[string]int{}}
	if o.serverCache >= 0 {
		h.ResultCache = strconv.Itoa(o.serverCache)
	}
	logf(logw, "http: server pid %d ready in %.0f ms at %s", sp.pid(), h.ReadyMS, sp.base)
	var api, page []string
	for _, q := range mix {
		api = append(api, q.apiPath())
		page = append(page, q.pagePath())
	}
	stopAnon := sampleAnonRSS(sp.pid())
	// Warm-up: every path once.
	httpLoad(ctx, sp.base, append(api, page...), 1, 30*time.Second, int64(2*len(mix)))
	s, codes := httpLoad(ctx, sp.base, api, o.clients, o.duration, o.maxRequests)
	s.Name = fmt.Sprintf("http api /api/v1/search, %d clients, result cache %s", o.clients, h.ResultCache)
	h.API = s
	for k, v := range codes {
		h.Status[fmt.Sprintf("api %d", k)] += v
	}
	logf(logw, "http: api %.0f req/s, p50 %.2f ms, p99 %.2f ms", s.PerSec, s.P50, s.P99)
	ps, codes := httpLoad(ctx, sp.base, page, o.clients, o.duration/2, o.maxRequests)
	ps.Name = fmt.Sprintf("http page /search, %d clients", o.clients)
	h.Page = &ps
	for k, v := range codes {
		h.Status[fmt.Sprintf("page %d", k)] += v
	}
	logf(logw, "http: page %.0f req/s, p50 %.2f ms, p99 %.2f ms", ps.PerSec, ps.P50, ps.P99)
	h.PeakRSS, h.RSSAfterLoad, _ = procStatus(sp.pid())
	h.PeakAnonRSS = stopAnon()
	if err := sp.stop(); err != nil {
		return h, err
	}
	if o.profile != "" {
		s, err := profileHTTP(ctx, o, api, page, logw)
		h.Profiled = s
		if err != nil {
			return h, err
		}
	}
	return h, nil
}

// targets checks the figures against the performance issue's goals.
func targets(r *Report) []Target {
	var t []Target
	add := func(name, goal string, v float64, unit string, met bool) {
		t = append(t, Target{Name: name, Goal: goal, Value: v, Unit: unit, Met: met})
	}
	if r.Ingest != nil && r.Ingest.DocsPerSec > 0 {
		add("ingest", "≥ 2000 docs/s", r.Ingest.DocsPerSec, "docs/s", r.Ingest.DocsPerSec >= 2000)
	}
	if len(r.Search) > 0 {
		s := r.Search[0]
		add("search p50", "≤ 5 ms", s.P50, "ms", s.P50 <= 5)
		add("search p99", "≤ 25 ms", s.P99, "ms", s.P99 <= 25)
	}
	if r.Similar != nil {
		add("similar p99", "≤ 30 ms", r.Similar.P99, "ms", r.Similar.P99 <= 30)
	}
	if r.Trends != nil {
		add("trends max", "≤ 60 ms", r.Trends.Max, "ms", r.Trends.Max <= 60)
	}
	if r.HTTP != nil {
		add("http searches/s", "≥ 1500 /s", r.HTTP.API.PerSec, "req/s", r.HTTP.API.PerSec >= 1500)
		add("http p99", "≤ 40 ms", r.HTTP.API.P99, "ms", r.HTTP.API.P99 <= 40)
		add("server peak RSS", "≤ 1024 MiB", mib(r.HTTP.PeakRSS), "MiB", mib(r.HTTP.PeakRSS) <= 1024)
	}
	add("reopen", "≤ 2000 ms", r.ReopenMS, "ms", r.ReopenMS <= 2000)
	add("index size", "≤ 3.0× raw", r.IndexRatio, "×", r.IndexRatio <= 3)
	return t
}

func printReport(w io.Writer, r *Report) {
	fmt.Fprintf(w, "\nHindsight benchmark (%s) — %d incidents, %.1f MB raw\n", r.Version, r.Docs, float64(r.RawBytes)/1e6)
	fmt.Fprintf(w, "machine: %s, %d cores, GOMAXPROCS %d, %s, %s\n\n", r.Machine.CPU, r.Machine.Cores, r.Machine.GOMAXPROCS, r.Machine.GoVersion, r.Machine.OS)
	if r.Ingest != nil && r.Ingest.DocsPerSec == 0 {
		fmt.Fprintf(w, "sync        %d unchanged, %d updated in %.1f s (existing index)\n", r.Ingest.Unchanged, r.Ingest.Added, r.Ingest.TookMS/1000)
	} else if r.Ingest != nil {
		fmt.Fprintf(w, "ingest      %8.0f docs/s  %6.1f MB/s  %d docs in %.1f s, %.2f ms CPU/doc, peak RSS %.0f MiB\n", r.Ingest.DocsPerSec, r.Ingest.MBPerSec, r.Ingest.Added, r.Ingest.TookMS/1000, r.Ingest.CPUMSPerDoc, mib(r.Ingest.PeakRSS))
	}
	fmt.Fprintf(w, "index size  %8.1f MiB    %.2f× raw\n", mib(r.IndexSize), r.IndexRatio)
	fmt.Fprintf(w, "reopen      %8.0f ms     (page cache evicted: %v)\n\n", r.ReopenMS, r.ReopenCold)
	fmt.Fprintf(w, "%-40s %7s %8s %8s %8s %8s %9s %7s\n", "operation", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "per s", "CPU ms")
	row := func(s Summary) {
		per := ""
		if s.PerSec > 0 {
			per = fmt.Sprintf("%9.0f", s.PerSec)
		}
		errs := ""
		if s.Errors > 0 {
			errs = fmt.Sprintf("  (%d errors)", s.Errors)
		}
		cpu := ""
		if s.CPUMS > 0 {
			cpu = fmt.Sprintf("%7.2f", s.CPUMS)
		}
		fmt.Fprintf(w, "%-40s %7d %8.2f %8.2f %8.2f %8.2f %9s %7s%s\n", s.Name, s.Count, s.P50, s.P95, s.P99, s.Max, per, cpu, errs)
	}
	for _, s := range r.Search {
		row(s)
	}
	if r.Similar != nil {
		row(*r.Similar)
	}
	if r.Trends != nil {
		row(*r.Trends)
	}
	if r.HTTP != nil {
		row(r.HTTP.API)
		if r.HTTP.Page != nil {
			row(*r.HTTP.Page)
		}
		for _, s := range r.HTTP.Profiled {
			row(s)
		}
		fmt.Fprintf(w, "\nserver ready in %.0f ms; server peak RSS %.0f MiB, of which anonymous (heap, stacks; not the mapped index) at most %.0f MiB; RSS after load %.0f MiB; status %v\n",
			r.HTTP.ReadyMS, mib(r.HTTP.PeakRSS), mib(r.HTTP.PeakAnonRSS), mib(r.HTTP.RSSAfterLoad), r.HTTP.Status)
	}
	fmt.Fprintf(w, "\n%-18s %-14s %10s  %s\n", "target", "goal", "measured", "")
	for _, t := range r.Targets {
		ok := "met"
		if !t.Met {
			ok = "MISSED"
		}
		fmt.Fprintf(w, "%-18s %-14s %10.2f  %s %s\n", t.Name, t.Goal, t.Value, t.Unit, ok)
	}
	for _, e := range r.Errors {
		fmt.Fprintln(w, "error:", e)
	}
}
