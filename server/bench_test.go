package server

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

var benchDocs = flag.Int("bench-docs", 2000, "incidents in the index of BenchmarkSearchPage (the target is p99 ≤ 30 ms at 10000)")

// BenchmarkSearchPage serves the search page over loopback HTTP to 32
// concurrent clients and reports the p99 latency. The index holds
// -bench-docs incidents made from the fixtures with varied ids, dates and
// services (the bench harness in cmd/hindsight-bench measures the real
// thing with generated prose).
func BenchmarkSearchPage(b *testing.B) {
	f := newFixture(b, nil)
	var base []corpus.Record
	for _, r := range f.recs {
		if r.Date != "" {
			base = append(base, r)
		}
	}
	var batch []corpus.Record
	for i := 0; i < *benchDocs; i++ {
		r := base[i%len(base)]
		r.ID = fmt.Sprintf("%s-%d", r.ID, i)
		r.Date = fmt.Sprintf("%d-%02d-%02d", 2019+i%6, 1+i%12, 1+i%28)
		r.Services = append(slices.Clone(r.Services), fmt.Sprintf("svc-%d", i%40))
		batch = append(batch, r)
		if len(batch) == 500 {
			if err := f.ix.Put(context.Background(), batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := f.ix.Put(context.Background(), batch...); err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	queries := []string{"resolver", "load+balancer+category%3Adns", "migration", "certificate+expired", "capacity", "flag&sort=newest", "service%3Aedge-proxy"}
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism((32 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)) // 32 clients
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			resp, err := client.Get(ts.URL + "/search?q=" + queries[i%len(queries)])
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
			mine = append(mine, time.Since(start))
			i++
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(lat) > 0 {
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	}
}
