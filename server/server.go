package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/index/lru"
	"github.com/hindsight-kb/hindsight/ui"
	"github.com/labstack/echo/v5"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Searcher is what the server reads from the index; *index.Index
// satisfies it.
type Searcher interface {
	Search(ctx context.Context, req index.Request) (*index.Result, error)
	Get(ctx context.Context, id string) (corpus.Record, error)
	// Resolve maps a typed id (a prefix, a file name, a path) to an
	// indexed one; see index.Index.Resolve.
	Resolve(ctx context.Context, key string) (string, error)
	Similar(ctx context.Context, id string, n int) (*index.SimilarResult, error)
	Trends(ctx context.Context, req index.TrendsRequest) (*index.Trends, error)
	Categories(ctx context.Context) ([]index.CategoryCount, error)
	Actions(ctx context.Context, req index.ActionsRequest) (*index.ActionsResult, error)
	Count() (int, error)
	// Generation counts the index's writes: pages rendered at one
	// generation are served from the page cache until the next.
	Generation() uint64
}

// Writer adds records to the index (for POST /api/v1/incidents);
// *index.Index satisfies it.
type Writer interface {
	Put(ctx context.Context, recs ...corpus.Record) error
	// FindByHash returns the id of the document with this content hash,
	// or an error wrapping index.ErrNotFound: a POST of a document
	// already indexed returns it instead of a copy.
	FindByHash(ctx context.Context, hash string) (string, error)
}

// Server is Hindsight's HTTP server: web pages, JSON API, embedding and
// operational endpoints. Create it with New; it is not ready (readyz
// answers 503, pages that need the index too) until SetReady(true).
type Server struct {
	cfg     Config
	ix      Searcher
	w       Writer
	parser  *corpus.Parser
	ui      *ui.UI
	docs    *docRenderer
	openapi []byte
	e       *echo.Echo
	log     *slog.Logger
	metrics *metrics
	proxies []*net.IPNet
	// extractIP finds the client address, trusting only proxies.
	extractIP echo.IPExtractor
	limiter   *limiter
	sem       chan struct{}
	pages     *lru.Cache[string, *renderedPage] // nil: pages are not cached
	// gzWriters are reused to compress pages for the page cache.
	gzWriters sync.Pool
	gzip      echo.MiddlewareFunc
	ready     atomic.Bool
	writeMu   sync.Mutex
	xffWarn   sync.Once
}

// New validates cfg and builds the server around ix. w may be nil: then,
// as when cfg.WriteToken is empty, the write API is disabled.
func New(cfg Config, ix Searcher, w Writer) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("server config: %w", err)
	}
	if ix == nil {
		return nil, errors.New("server: nil index")
	}
	u, err := ui.New(ui.Options{BasePath: cfg.BasePath})
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	parser, err := corpus.NewParser(corpus.DefaultConfig())
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	proxies, _ := parseProxies(cfg.TrustedProxies) // checked by Validate
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg: cfg, ix: ix, w: w, parser: parser, ui: u, log: logger, docs: newDocRenderer(),
		proxies: proxies, extractIP: newIPExtractor(proxies),
		sem:   make(chan struct{}, cfg.MaxInFlight),
		pages: lru.New[string, *renderedPage](cfg.PageCache, nil),
	}
	if cfg.RateLimit > 0 {
		s.limiter = newLimiter(cfg.RateLimit, cfg.RateBurst, cfg.MaxClients)
	}
	s.metrics = newMetrics(func() float64 {
		n, err := ix.Count()
		if err != nil {
			return -1
		}
		return float64(n)
	})
	if s.openapi, err = openAPIDocument(cfg.BasePath); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	if s.gzip, err = compress(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.e = s.newEcho()
	return s, nil
}

// route is one entry of the route table.
type route struct {
	method string
	// path is below the base path, in Echo syntax (":id").
	path    string
	handler echo.HandlerFunc
	// index marks routes that need a ready index (503 before).
	index bool
}

// routes is the route table: every URL the server answers.
func (s *Server) routes() []route {
	return []route{
		// Pages.
		{http.MethodGet, "/", s.homePage, true},
		{http.MethodGet, "/search", s.searchPage, true},
		{http.MethodGet, "/incidents/:id", s.canonicalID(s.incidentPage), true},
		{http.MethodGet, "/incidents/:id/source", s.canonicalID(s.incidentSource), true},
		{http.MethodGet, "/trends", s.trendsPage, true},
		{http.MethodGet, "/categories", s.categoriesPage, true},
		{http.MethodGet, "/actions", s.actionsPage, true},
		// Embedding and discovery.
		{http.MethodGet, "/embed", s.embedPage, true},
		{http.MethodGet, "/widget.js", s.widget, false},
		{http.MethodGet, "/widget.css", s.widget, false},
		{http.MethodGet, "/opensearch.xml", s.openSearch, false},
		{http.MethodGet, "/feed.atom", s.feed, true},
		{http.MethodGet, "/static/:file", s.static, false},
		// Operations.
		{http.MethodGet, "/healthz", s.healthz, false},
		{http.MethodGet, "/readyz", s.readyz, false},
		{http.MethodGet, "/metrics", echo.WrapHandler(promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})), false},
		// JSON API.
		{http.MethodGet, "/api/v1/search", s.apiSearch, true},
		{http.MethodGet, "/api/v1/incidents/:id", s.canonicalID(s.apiIncident), true},
		{http.MethodGet, "/api/v1/incidents/:id/similar", s.canonicalID(s.apiSimilar), true},
		{http.MethodGet, "/api/v1/trends", s.apiTrends, true},
		{http.MethodGet, "/api/v1/categories", s.apiCategories, true},
		{http.MethodGet, "/api/v1/actions", s.apiActions, true},
		{http.MethodPost, "/api/v1/incidents", s.apiPost, true},
		{http.MethodPost, "/api/v1/sync", s.apiSync, false},
		{http.MethodGet, "/api/v1/openapi.json", s.openAPI, false},
	}
}

func (s *Server) newEcho() *echo.Echo {
	e := echo.NewWithConfig(echo.Config{
		Logger:           s.log,
		IPExtractor:      s.clientIP,
		HTTPErrorHandler: s.handleError,
	})
	e.Use(s.middlewares()...)
	g := e.Group(s.cfg.BasePath)
	for _, r := range s.routes() {
		h := r.handler
		if r.index {
			h = s.requireReady(h)
		}
		g.Add(r.method, r.path, h)
	}
	if s.cfg.BasePath != "" {
		e.GET(s.cfg.BasePath, func(c *echo.Context) error {
			return c.Redirect(http.StatusMovedPermanently, s.cfg.BasePath+"/")
		})
	}
	return e
}

// Handler returns the server's HTTP handler. HEAD is routed like GET
// (probes and link checkers use it): the routes see a GET copy of the
// request, while net/http keeps the HEAD original and so sends the
// headers without the body.
//
// With a base path, a request that arrives without it (from a reverse
// proxy that strips the prefix) is served as if it had it, so both kinds
// of proxy work; the pages always link with the prefix.
func (s *Server) Handler() http.Handler {
	base := s.cfg.BasePath
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
		}
		if base != "" && r.URL.Path != base && !strings.HasPrefix(r.URL.Path, base+"/") {
			r = r.Clone(r.Context())
			r.URL.Path = base + r.URL.Path
			if r.URL.RawPath != "" {
				r.URL.RawPath = base + r.URL.RawPath
			}
		}
		s.e.ServeHTTP(w, r)
	})
}

// SetReady marks the index as searchable (true) or not. serve flips it
// after the first build, so that /readyz tells the truth.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// Ready reports what SetReady last said.
func (s *Server) Ready() bool { return s.ready.Load() }

func (s *Server) requireReady(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		if !s.ready.Load() {
			return errNotReady
		}
		return next(c)
	}
}

// Serve answers HTTP on ln until ctx is cancelled, then shuts down
// gracefully: it stops accepting, marks itself not ready and lets
// requests in flight finish (for up to 10 seconds).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.SetReady(false)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// page holds what every page template uses.
type page struct {
	Title      string
	Nav        string
	Q          string
	QueryError string
}

type errorPage struct {
	page
	Heading string
	Message string
}

// render renders a page template into the response.
func (s *Server) render(c *echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := s.ui.Render(&buf, name, data); err != nil {
		return errInternal(err)
	}
	return s.writeHTML(c, status, buf.Bytes())
}

// writeHTML writes a rendered page, to be revalidated before reuse unless
// the handler said otherwise.
func (s *Server) writeHTML(c *echo.Context, status int, html []byte) error {
	h := c.Response().Header()
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	return c.HTMLBlob(status, html)
}

func (s *Server) healthz(c *echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz is 200 only when the index is searchable: marked ready and
// answering a count.
func (s *Server) readyz(c *echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	if !s.ready.Load() {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "not ready", "reason": "the index is being built"})
	}
	n, err := s.ix.Count()
	if err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "not ready", "reason": "the index does not answer"})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ready", "documents": n})
}

// static serves content-hashed assets, cacheable forever.
func (s *Server) static(c *echo.Context) error {
	a, ok := s.ui.Asset(c.Param("file"))
	if !ok {
		return errNotFound("No such file.")
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.ETag)
	if c.Request().Header.Get("If-None-Match") == a.ETag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Data)
}

// widget serves /widget.js and /widget.css at fixed URLs (wiki pages
// hard-code them), so they are cached briefly and revalidated by ETag.
// Other sites may load them.
func (s *Server) widget(c *echo.Context) error {
	a, ok := s.ui.File(strings.TrimPrefix(c.Path(), s.cfg.BasePath+"/"))
	if !ok {
		return errNotFound("No widget.")
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("ETag", a.ETag)
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	if c.Request().Header.Get("If-None-Match") == a.ETag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Data)
}
