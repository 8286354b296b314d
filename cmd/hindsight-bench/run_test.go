package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLatencySummary(t *testing.T) {
	var l latencies
	for i := 1; i <= 100; i++ {
		l.add(time.Duration(i) * time.Millisecond)
	}
	l.errors = 2
	s := l.summary("x")
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"p50", s.P50, 50}, {"p95", s.P95, 95}, {"p99", s.P99, 99}, {"max", s.Max, 100}, {"mean", s.Mean, 50.5}} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if s.Count != 100 || s.Errors != 2 {
		t.Errorf("count %d errors %d, want 100 and 2", s.Count, s.Errors)
	}
	if e := (&latencies{}).summary("empty"); e.Count != 0 || e.P99 != 0 {
		t.Errorf("empty summary %+v", e)
	}
}

func TestQueryMixStable(t *testing.T) {
	ents, _, err := generateCorpus(context.Background(), mustWorld(t, 1), 500, 2, "", false)
	if err != nil {
		t.Fatal(err)
	}
	man := map[string]manifestEntry{}
	for _, e := range ents {
		man[e.Path] = e
	}
	a, b := queryMix(man), queryMix(man)
	if len(a) != len(b) {
		t.Fatal("mix length differs between calls")
	}
	classes := map[string]int{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("query %d differs: %+v vs %+v", i, a[i], b[i])
		}
		classes[a[i].Class]++
	}
	for _, c := range []string{"free", "phrase", "filter", "facets", "sort", "deep"} {
		if classes[c] == 0 {
			t.Errorf("no %s query in the mix", c)
		}
	}
	// Corpus-dependent filter values come from the corpus.
	var svc string
	for _, q := range a {
		if strings.HasPrefix(q.Query, "category:deploy service:") {
			svc = strings.TrimPrefix(q.Query, "category:deploy service:")
		}
	}
	found := false
	for _, e := range ents {
		for _, s := range e.Services {
			found = found || s == svc
		}
	}
	if !found {
		t.Errorf("service filter %q names no service of the corpus", svc)
	}
	if p := a[0].apiPath(); !strings.HasPrefix(p, "/api/v1/search?q=") {
		t.Errorf("api path %q", p)
	}
}

func TestHTTPLoadBounded(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Query().Get("q") == "bad" {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`{"total":1}`))
	}))
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server not on loopback: %s", srv.URL)
	}
	t.Run("max requests", func(t *testing.T) {
		hits.Store(0)
		s, codes := httpLoad(context.Background(), srv.URL, []string{"/?q=a", "/?q=bad"}, 4, 10*time.Second, 200)
		if got := hits.Load(); got != 200 {
			t.Errorf("server saw %d requests, want exactly the 200 allowed", got)
		}
		if s.Count+s.Errors != 200 || s.Count == 0 || s.Errors == 0 || codes[200] != s.Count || codes[400] != s.Errors {
			t.Errorf("summary %+v codes %v: want the 200 requests split into 200s (timed) and 400s (errors)", s, codes)
		}
	})
	t.Run("duration", func(t *testing.T) {
		start := time.Now()
		s, _ := httpLoad(context.Background(), srv.URL, []string{"/?q=a"}, 2, 300*time.Millisecond, 1<<40)
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("load ran %v, want about 300ms", took)
		}
		if s.Count == 0 || s.PerSec <= 0 {
			t.Errorf("no requests measured: %+v", s)
		}
	})
}

func TestProcStatusAndDirSize(t *testing.T) {
	hwm, rss, err := procStatus(0)
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	if rss <= 0 || hwm < rss {
		t.Errorf("VmHWM %d, VmRSS %d: want 0 < RSS ≤ HWM", hwm, rss)
	}
	stop := sampleAnonRSS(os.Getpid())
	if anon := stop(); anon <= 0 || anon > hwm {
		t.Errorf("peak RssAnon %d: want 0 < it ≤ VmHWM %d", anon, hwm)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "x"), make([]byte, 1000), 0o644)
	os.WriteFile(filepath.Join(dir, "y"), make([]byte, 24), 0o644)
	n, files, err := dirSize(dir)
	if err != nil || n != 1024 || files != 2 {
		t.Errorf("dirSize = %d, %d, %v; want 1024 bytes in 2 files", n, files, err)
	}
	if err := evictPageCache(dir); err != nil {
		t.Errorf("evictPageCache: %v", err)
	}
}
