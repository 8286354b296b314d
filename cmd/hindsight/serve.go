package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
	server  server.Config
	kb      *kbOptions
	logJSON bool
	noWatch bool
	cache   int
}

func serveFlags(env *cliEnv) (*flag.FlagSet, *serveOptions) {
	o := &serveOptions{server: server.DefaultConfig()}
	fs := newFlagSet(env, "serve", "", "Serve the web UI and JSON API over a corpus of postmortems. The index is built\n"+
		"(or refreshed) in the background; /readyz answers 200 once it is searchable. While it\n"+
		"runs, the other commands on the same corpus answer through it.")
	c := &o.server
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address: host:port; a port alone listens on 127.0.0.1 (this machine only), ':8080' on every interface")
	o.kb = kbFlags(fs)
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

// listenAddr accepts a port alone ("8095") as a port on this machine
// only, like the default.
func listenAddr(addr string) string {
	if _, err := strconv.ParseUint(addr, 10, 16); err == nil {
		return "127.0.0.1:" + addr
	}
	return addr
}

// serveHooks are the points where corpus syncing and watching plug in.
type serveHooks struct {
	// sync brings the index in line with the corpus (the first build).
	sync func(ctx context.Context) error
	// watch, when set, runs after the first sync until ctx ends, keeping
	// the index current.
	watch func(ctx context.Context) error
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
	o.server.Addr = listenAddr(o.server.Addr)
	kb, err := o.kb.resolve(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	if kb.corpus == "" && o.server.WriteToken != "" {
		fmt.Fprintln(env.stderr, "hindsight serve: --write-token needs --corpus DIR: the bundled samples are read-only")
		return exitUsage
	}
	if o.server.WriteToken != "" {
		o.server.CorpusDir = kb.corpus
	}
	if err := o.server.Validate(); err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	return serve(ctx, env, o, kb, logger)
}

// corpusKeeper keeps one index in step with its corpus: the first sync,
// the watch, and the syncs `hindsight index` asks for all go through it
// and are logged the same way.
type corpusKeeper struct {
	ix     *index.Index
	fsys   fs.FS
	dir    string // the corpus folder, "" for the bundled samples
	logger *slog.Logger
}

// sync runs one incremental Sync and logs what changed.
func (k *corpusKeeper) sync(ctx context.Context) (index.SyncStats, error) {
	st, err := k.ix.Sync(ctx, k.fsys, ".", nil)
	k.logSync(st, err, true)
	return st, err
}

func (k *corpusKeeper) logSync(st index.SyncStats, err error, always bool) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			k.logger.Error("index sync failed", "corpus", k.dir, "error", err.Error())
		}
		return
	}
	if always || st.Added+st.Updated+st.Removed+st.Failed > 0 {
		k.logger.Info("index synced", "added", st.Added, "updated", st.Updated, "removed", st.Removed,
			"unchanged", st.Unchanged, "failed", st.Failed, "took", st.Took)
	}
	for _, f := range st.Failures {
		k.logger.Warn("document skipped", "path", f.Path, "reason", f.Err)
	}
	for _, w := range st.Warnings {
		k.logger.Warn("document malformed", "warning", w)
	}
	if !always {
		return
	}
	skipped, empty := corpusNotes(k.fsys, st)
	if skipped != "" {
		k.logger.Info(skipped)
	}
	if empty != "" {
		k.logger.Warn(empty)
	}
}

// watch keeps the index current while serving: every change under the
// corpus folder leads to an incremental Sync within about a second.
func (k *corpusKeeper) watch(ctx context.Context) error {
	return k.ix.Watch(ctx, k.dir, k.fsys, index.WatchOptions{
		OnSync:    func(st index.SyncStats, err error) { k.logSync(st, err, false) },
		OnWarning: func(err error) { k.logger.Warn("corpus watch", "error", err.Error()) },
	})
}

func serve(ctx context.Context, env *cliEnv, o *serveOptions, kb knowledgeBase, logger *slog.Logger) int {
	fsys, closeCorpus, err := kb.openCorpus()
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	defer closeCorpus()
	if err := os.MkdirAll(filepath.Dir(kb.indexDir), 0o755); err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: index folder: %v\n", err)
		return exitRuntime
	}
	cfg, err := kb.indexConfig()
	if err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitUsage
	}
	cfg.ResultCache = o.cache
	if o.cache <= 0 {
		cfg.ResultCache = -1
	}
	ix, err := index.Open(kb.indexDir, cfg)
	if err != nil {
		if errors.Is(err, index.ErrLocked) {
			if rec, rerr := readServerRecord(kb.indexDir); rerr == nil {
				err = fmt.Errorf("%w: the server at %s (pid %d) serves this index", err, rec.URL, rec.PID)
			}
		}
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitRuntime
	}
	defer ix.Close()
	keeper := &corpusKeeper{ix: ix, fsys: fsys, dir: kb.corpus, logger: logger}
	hooks := serveHooks{sync: func(ctx context.Context) error { _, err := keeper.sync(ctx); return err }}
	if kb.corpus != "" && !o.noWatch {
		hooks.watch = keeper.watch
	}
	hooks = indexFaultHooks(ix, hooks, logger)
	o.server.Documents = fsys
	if o.server.SyncToken, err = randomToken(); err != nil {
		fmt.Fprintf(env.stderr, "hindsight serve: %v\n", err)
		return exitRuntime
	}
	o.server.Sync = keeper.sync
	if ix.ReadOnly() != "" {
		o.server.Sync = func(context.Context) (index.SyncStats, error) {
			return index.SyncStats{}, fmt.Errorf("the index is read-only: %s", ix.ReadOnly())
		}
	}
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
	rec := serverRecord{URL: clientURL(ln.Addr(), o.server.BasePath), PID: os.Getpid(), Corpus: kb.corpus, SyncToken: o.server.SyncToken}
	if err := writeServerRecord(kb.indexDir, rec); err != nil && ix.ReadOnly() == "" {
		logger.Warn("other hindsight commands will not find this server", "error", err.Error())
	}
	defer removeServerRecord(kb.indexDir, rec.SyncToken)
	fmt.Fprintf(env.stderr, "hindsight: serving corpus %s (index %s) at %s\n", kb.label(), kb.indexDir, siteURL(ln.Addr(), o.server.BasePath))

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
			if err := hooks.watch(ctx); err != nil && !errors.Is(err, context.Canceled) {
				logger.Error("corpus watcher stopped", "error", err.Error())
			}
		}()
	}
	go func() {
		if err := hooks.sync(ctx); err != nil {
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

// randomToken is a fresh secret for POST /api/v1/sync.
func randomToken() (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("sync token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
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

// siteURL is the URL to open for a listener address: the address itself,
// with "localhost" for every interface.
func siteURL(addr net.Addr, basePath string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + basePath + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		return "http://" + net.JoinHostPort("localhost", port) + basePath + "/ (listening on every interface)"
	}
	return "http://" + net.JoinHostPort(host, port) + basePath + "/"
}

// clientURL is the URL other commands on this machine reach the server
// at: a loopback address when it listens on every interface.
func clientURL(addr net.Addr, basePath string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + basePath + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + basePath + "/"
}
