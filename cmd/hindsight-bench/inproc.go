package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/server"
)

// profileHTTP serves the index in this process, as `hindsight serve` does,
// on a loopback port, and CPU-profiles a load of the API paths into
// prefix+"http.cpu.pprof" and one of the search page paths into
// prefix+"page.cpu.pprof". The child-process phase gives the figures; this
// one shows where a request's time goes, which a child cannot.
func profileHTTP(ctx context.Context, o runOpts, api, page []string, logw io.Writer) ([]Summary, error) {
	icfg := index.DefaultConfig()
	if o.serverCache == 0 {
		icfg.ResultCache = -1
	} else if o.serverCache > 0 {
		icfg.ResultCache = o.serverCache
	}
	ix, err := index.Open(o.index, icfg)
	if err != nil {
		return nil, fmt.Errorf("profile http: %w", err)
	}
	defer ix.Close()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.RateLimit = 0
	if o.serverCache == 0 {
		cfg.PageCache = 0
	}
	// The real server logs one text line per request to stderr; format
	// them the same way so that their cost shows.
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	root, err := os.OpenRoot(o.corpus)
	if err != nil {
		return nil, fmt.Errorf("profile http: %w", err)
	}
	defer root.Close()
	cfg.Documents = root.FS()
	srv, err := server.New(cfg, ix, ix)
	if err != nil {
		return nil, fmt.Errorf("profile http: %w", err)
	}
	srv.SetReady(true)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("profile http: %w", err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	base := "http://" + ln.Addr().String()
	var out []Summary
	for _, ph := range []struct {
		phase, name string
		paths       []string
	}{{"http", "api", api}, {"page", "page", page}} {
		httpLoad(ctx, base, ph.paths, 1, 30*time.Second, int64(len(ph.paths)))
		prof := startProfile(o.profile, ph.phase)
		s, _ := httpLoad(ctx, base, ph.paths, o.clients, o.duration/2, o.maxRequests)
		prof.stop()
		s.Name = fmt.Sprintf("http %s in-process (profiled), %d clients", ph.name, o.clients)
		logf(logw, "http %s (in-process, profiled): %.0f req/s, p50 %.2f ms, p99 %.2f ms", ph.name, s.PerSec, s.P50, s.P99)
		out = append(out, s)
	}
	stop()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, context.Canceled) {
			return out, fmt.Errorf("profile http: %w", err)
		}
	case <-time.After(15 * time.Second):
		return out, errors.New("profile http: server did not stop within 15s")
	}
	return out, nil
}
