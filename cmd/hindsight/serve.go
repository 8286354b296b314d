package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/server"
)

// listFlag is a comma-separated list flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = nil
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// serveOptions are the parsed flags of `hindsight serve`.
type serveOptions struct {
	server   server.Config
	corpus   string
	indexDir string
	taxonomy string
	synonyms string
	logJSON  bool
	noWatch  bool
	cache    int
}

func serveFlags(env *cliEnv) (*flag.FlagSet, *serveOptions) {
	o := &serveOptions{server: server.DefaultConfig()}
	fs := newFlagSet(env, "serve", "", "Serve the web UI and JSON API over a corpus of postmortems. The index is built\n"+
		"(or refreshed) in the background; /readyz answers 200 once it is searchable.")
	c := &o.server
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address")
	fs.StringVar(&o.corpus, "corpus", "", "folder of postmortems to serve (default: the bundled sample knowledge base)")
	fs.StringVar(&o.indexDir, "index", "", "index `folder` (default: in the user cache folder, e.g. ~/.cache/hindsight/index, or .../samples-index for the samples)")
	fs.StringVar(&o.taxonomy, "taxonomy", "", "root-cause taxonomy YAML `file` (default: the built-in one)")
	fs.StringVar(&o.synonyms, "synonyms", "", "synonym groups YAML `file` (default: the built-in SRE set)")
	fs.BoolVar(&o.noWatch, "no-watch", false, "do not watch the corpus folder and re-index changed files")
	fs.StringVar(&c.BasePath, "base-path", "", "URL prefix when served behind a reverse proxy, e.g. /kb")
	fs.StringVar(&c.WriteToken, "write-token", "", "enables POST /api/v1/incidents for 'Authorization: Bearer <token>' (at least 16 characters)")
	fs.Var((*listFlag)(&c.EmbedOrigins), "embed-origins", "comma-separated `origins` allowed to frame /embed and call the API from a browser, e.g. https://wiki.example.com")
	fs.Var((*listFlag)(&c.TrustedProxies), "trusted-proxies", "comma-separated `addresses` (IPs or CIDRs) of reverse proxies whose X-Forwarded-For is trusted")
	fs.Float64Var(&c.RateLimit, "rate-limit", c.RateLimit, "requests per second allowed per client address (0 = off)")
	fs.IntVar(&c.RateBurst, "rate-burst", c.RateBurst, "burst of requests allowed above the rate per client")
	fs.Int64Var(&c.MaxBodyBytes, "max-body", c.MaxBodyBytes, "largest request body in bytes")
	fs.IntVar(&c.MaxInFlight, "max-in-flight", c.MaxInFlight, "concurrent requests before new ones are shed with 503")
	fs.BoolVar(&o.logJSON, "log-json", false, "log requests as JSON lines instead of text")
	fs.IntVar(&o.cache, "result-cache", index.DefaultResultCache, "search results kept until the index next changes (0 = off)")
	fs.IntVar(&c.PageCache, "page-cache", c.PageCache, "rendered pages (search, embed, home, categories, trends) kept, gzipped, until the index next changes (0 = off)")
	return fs, o
}

// serveHooks are the points where corpus syncing and watching plug in.
type serveHooks struct {
	// sync brings the index in line with the corpus (the first build).
	sync func(ctx context.Context, ix *index.Index, fsys fs.FS, dir string) error
	// watch, when set, runs after the first sync until ctx ends, keeping
	// the index current.
	watch func(ctx context.Context, ix *index.Index, fsys fs.FS, dir string) error
}

func runServe(ctx context.Context, env *cliEnv, args []string) int {
	fset, o := serveFlags(env)
	if code := flagsOrExit(env, fset, args); code >= 0 {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(env.stderr, "hindsight serve: unexpected arguments %q\n", fset.Args())
		return exitUsage
	}
	var handler slog.Handler = slog.NewTextHandler(env.stderr, nil)
	if o.logJSON {
		handler = slog.NewJSONHandler(env.stderr, nil)
	}
	logger := slog.New(handler)
	o.server.Logger = logger
	if o.corpus == "" && o.server.WriteToken != "" {
		fmt.Fprintln(env.stderr, "hindsight serve: --write-token needs --corpus DIR: the bundled samples are read-only")
		return exitUsage
	}
	if o.server.WriteToken != "" {
		o.server.CorpusDir = o.corpus
	}
	if err := o.server.Validate(); err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	hooks := serveHooks{sync: syncIndex(logger)}
	if o.corpus != "" && !o.noWatch {
		hooks.watch = watchCorpus(logger)
	}
	return serve(ctx, env, o, hooks, logger)
}

// syncIndex is the default first build: an incremental Sync of the corpus.
func syncIndex(logger *slog.Logger) func(ctx context.Context, ix *index.Index, fsys fs.FS, dir string) error {
	return func(ctx context.Context, ix *index.Index, fsys fs.FS, _ string) error {
		st, err := ix.Sync(ctx, fsys, ".", nil)
		if err != nil {
			return err
		}
		logger.Info("index synced", "added", st.Added, "updated", st.Updated, "removed", st.Removed,
			"unchanged", st.Unchanged, "failed", st.Failed, "took", st.Took)
		for _, f := range st.Failures {
			logger.Warn("document skipped", "path", f.Path, "reason", f.Err)
		}
		skipped, empty := corpusNotes(fsys, st)
		if skipped != "" {
			logger.Info(skipped)
		}
		if empty != "" {
			logger.Warn(empty)
		}
		return nil
	}
}

// watchCorpus keeps the index current while serving: every change under
// the corpus folder leads to an incremental Sync within about a second.
func watchCorpus(logger *slog.Logger) func(ctx context.Context, ix *index.Index, fsys fs.FS, dir string) error {
	return func(ctx context.Context, ix *index.Index, fsys fs.FS, dir string) error {
		w := &corpusWatcher{dir: dir, debounce: 250 * time.Millisecond, log: logger,
			sync: func(ctx context.Context) error {
				st, err := ix.Sync(ctx, fsys, ".", nil)
				if err != nil {
					return err
				}
				if st.Added+st.Updated+st.Removed+st.Failed > 0 {
					logger.Info("corpus changed", "added", st.Added, "updated", st.Updated, "removed", st.Removed, "failed", st.Failed, "took", st.Took)
				}
				for _, f := range st.Failures {
					logger.Warn("document skipped", "path", f.Path, "reason", f.Err)
				}
				return nil
			}}
		return w.run(ctx)
	}
}

// openCorpus returns the corpus to serve: the --corpus folder, opened so
// that symbolic links cannot lead outside it, or the bundled samples.
func openCorpus(o *serveOptions) (fsys fs.FS, label string, closeFn func(), err error) {
	if o.corpus == "" {
		return corpus.Samples(), "built-in samples", func() {}, nil
	}
	root, err := os.OpenRoot(o.corpus)
	if err != nil {
		return nil, "", nil, err
	}
	return root.FS(), absPath(o.corpus), func() { root.Close() }, nil
}

func serve(ctx context.Context, env *cliEnv, o *serveOptions, hooks serveHooks, logger *slog.Logger) int {
	fsys, corpusLabel, closeCorpus, err := openCorpus(o)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: corpus: %v\n", err)
		return exitUsage
	}
	defer closeCorpus()
	if o.indexDir == "" && o.corpus == "" {
		o.indexDir, err = samplesIndexDir()
	} else {
		o.indexDir, err = resolveIndexDir(o.indexDir)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	if err := os.MkdirAll(filepath.Dir(o.indexDir), 0o755); err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: index folder: %v\n", err)
		return exitRuntime
	}
	cfg, err := (&indexOptions{taxonomy: o.taxonomy, synonyms: o.synonyms}).config()
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	cfg.ResultCache = o.cache
	if o.cache <= 0 {
		cfg.ResultCache = -1
	}
	ix, err := index.Open(o.indexDir, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	hooks = indexFaultHooks(ix, hooks, logger)
	o.server.Documents = fsys
	srv, err := server.New(o.server, ix, ix)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", o.server.Addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: listen: %v\n", err)
		return exitRuntime
	}
	fmt.Fprintf(env.stderr, "hindsight: serving corpus %s (index %s) at %s\n", corpusLabel, absPath(o.indexDir), siteURL(ln.Addr(), o.server.BasePath))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := func() {
		srv.SetReady(true)
		logger.Info("ready", "documents", countOf(ix))
		if err := sdNotify(env.getenv("NOTIFY_SOCKET"), "READY=1"); err != nil {
			logger.Warn("systemd notify", "error", err.Error())
		}
	}
	// An index kept from an earlier run is searchable at once; the refresh
	// below then only touches what changed in the corpus meanwhile.
	reused := ix.Rebuilt() == "" && countOf(ix) > 0
	if reused {
		ready()
	}
	if hooks.watch != nil {
		// Watch from the start, so that changes made during the first
		// build are not missed; syncs are serialised by the index.
		go func() {
			if err := hooks.watch(ctx, ix, fsys, o.corpus); err != nil && !errors.Is(err, context.Canceled) {
				logger.Error("corpus watcher stopped", "error", err.Error())
			}
		}()
	}
	go func() {
		if err := hooks.sync(ctx, ix, fsys, o.corpus); err != nil {
			if !errors.Is(err, context.Canceled) {
				logger.Error("index build failed", "error", err.Error(), "ready", reused)
			}
			return
		}
		if !reused {
			ready()
		}
	}()
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitRuntime
	}
	logger.Info("stopped")
	return exitOK
}

// countOf is the index's document count, 0 when it cannot be read.
func countOf(ix *index.Index) int {
	n, err := ix.Count()
	if err != nil {
		return 0
	}
	return n
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// siteURL is the URL to open for a listener address.
func siteURL(addr net.Addr, basePath string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + basePath + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + basePath + "/"
}
