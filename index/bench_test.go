package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
)

const benchN = 10000

var benchIdx struct {
	once sync.Once
	ix   *Index
	recs []genRec
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIdx.ix != nil {
		benchIdx.ix.Close()
	}
	if benchIdx.dir != "" {
		os.RemoveAll(benchIdx.dir)
	}
	os.Exit(code)
}

type genRec struct{ id string }

// benchIndex builds the 10k-record in-memory index once per test binary.
func benchIndex(b *testing.B) *Index {
	benchIdx.once.Do(func() {
		dir, err := os.MkdirTemp("", "hindsight-bench-")
		if err != nil {
			benchIdx.err = err
			return
		}
		benchIdx.dir = dir
		// Measure the searches themselves, not the result cache.
		cfg := DefaultConfig()
		cfg.ResultCache = -1
		ix, err := Open(filepath.Join(dir, "idx"), cfg)
		if err != nil {
			benchIdx.err = err
			return
		}
		recs := genCorpus(benchN, 1)
		if err := ix.PutAll(context.Background(), recs); err != nil {
			benchIdx.err = err
			return
		}
		for _, r := range recs {
			benchIdx.recs = append(benchIdx.recs, genRec{r.ID})
		}
		benchIdx.ix = ix
	})
	if benchIdx.err != nil {
		b.Fatal(benchIdx.err)
	}
	return benchIdx.ix
}

// reportLatencies adds p50 and p99 in milliseconds.
func reportLatencies(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	if len(lat) == 0 {
		return
	}
	p := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))]) / 1e6
	}
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
}

// benchQueries is a fixed mix: free text, synonyms, phrases, filters,
// sorts and an empty query.
var benchQueries = []Request{
	{Query: "database timeout"},
	{Query: "certificate expired gateway"},
	{Query: "out of memory"},
	{Query: "kafka queue latency retry"},
	{Query: `"load balancer"`},
	{Query: "deploy rollback category:deploy"},
	{Query: "category:capacity"},
	{Query: "network packet loss -firewall"},
	{Query: "dns resolver", Sort: SortNewest},
	{Query: "", Sort: SortLongest},
	{Query: "memory leak crash loop", Page: 3},
	{Query: "vendor provider outage category:third-party category:network"},
}

func BenchmarkSearch(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		if _, err := ix.Search(ctx, benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatencies(b, lat)
}

// BenchmarkSearchQuery times each query of the mix on its own.
func BenchmarkSearchQuery(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for _, q := range benchQueries {
		name := q.Query
		if q.Sort != "" {
			name += " sort:" + q.Sort
		}
		if q.Page > 1 {
			name += fmt.Sprintf(" page:%d", q.Page)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSimilar(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		id := benchIdx.recs[(i*7919)%len(benchIdx.recs)].id
		t := time.Now()
		if _, err := ix.Similar(ctx, id, 5); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatencies(b, lat)
}

func BenchmarkTrends(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	reqs := []TrendsRequest{{Interval: IntervalMonth}, {Interval: IntervalQuarter, By: ByService}, {Query: "database", Interval: IntervalYear}}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		if _, err := ix.Trends(ctx, reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatencies(b, lat)
}

// BenchmarkIndexing indexes 2,000 parsed records into a fresh on-disk
// index per round and reports documents per second of wall time and, where
// the platform tells, milliseconds of process CPU per document: on a
// shared machine the first varies with the neighbours, the second much
// less.
func BenchmarkIndexing(b *testing.B) {
	recs := genCorpus(2000, 2)
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	for b.Loop() {
		ix, err := Open(filepath.Join(b.TempDir(), "idx"), DefaultConfig())
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.PutAll(context.Background(), recs); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/1e6/float64(len(recs)*b.N), "cpu-ms/doc")
	}
}

// TestGenCorpusDeterministic guards the benchmark corpus.
func TestGenCorpusDeterministic(t *testing.T) {
	a, c := genCorpus(20, 7), genCorpus(20, 7)
	if !reflect.DeepEqual(a, c) {
		t.Fatal("generator is not deterministic")
	}
}
