package server

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"
	"golang.org/x/time/rate"
)

// middlewares is the chain every request passes, outermost first. Echo's
// own middleware does the generic jobs (logging, recovery, security
// headers, rate limiting, body limit, timeout); only what Echo lacks is
// ours: load shedding, CORS for the embed origins and gzip through
// klauspost/compress.
func (s *Server) middlewares() []echo.MiddlewareFunc {
	mws := []echo.MiddlewareFunc{
		middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
			HandleError: true, LogStatus: true, LogResponseSize: true, LogLatency: true,
			LogMethod: true, LogURIPath: true, LogRemoteIP: true,
			LogValuesFunc: s.logRequest,
		}),
		middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true}),
	}
	mws = append(mws, s.securityHeaders()...)
	mws = append(mws, s.shed)
	if s.limiter != nil {
		mws = append(mws, middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
			Skipper: func(c *echo.Context) bool {
				return s.isProbe(c) || strings.HasPrefix(c.Request().URL.Path, s.cfg.BasePath+"/static/")
			},
			Store: s.limiter,
			IdentifierExtractor: func(c *echo.Context) (string, error) {
				return c.RealIP(), nil
			},
			DenyHandler: func(c *echo.Context, _ string, _ error) error {
				s.metrics.shed.WithLabelValues("rate_limit").Inc()
				c.Response().Header().Set("Retry-After", "1")
				return errRateLimited
			},
		}))
	}
	mws = append(mws, s.cors,
		middleware.BodyLimit(s.cfg.MaxBodyBytes),
		middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{
			Timeout: s.cfg.RequestTimeout,
			ErrorHandler: func(_ *echo.Context, err error) error {
				if errors.Is(err, context.DeadlineExceeded) {
					return errTimeout
				}
				return err
			},
		}),
		s.gzip)
	return mws
}

// routeLabel is the route pattern of a matched request, or "unmatched",
// so that metrics and logs never get one label per unknown URL.
func routeLabel(c *echo.Context) string {
	if p := c.Path(); p != "" && c.Get(ctxUnmatched) == nil {
		return p
	}
	return "unmatched"
}

const ctxUnmatched = "hindsight.unmatched"

// logRequest logs one line per request and records metrics; Echo's
// request logger has already resolved the handler's error into a
// response, so it sees the real status. It logs the path but never
// headers (the write token lives in one).
func (s *Server) logRequest(c *echo.Context, v middleware.RequestLoggerValues) error {
	route := routeLabel(c)
	s.metrics.requests.WithLabelValues(route, v.Method, strconv.Itoa(v.Status)).Inc()
	s.metrics.latency.WithLabelValues(route, v.Method).Observe(v.Latency.Seconds())
	level := slog.LevelInfo
	if v.Status >= 500 {
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("method", v.Method),
		slog.String("path", v.URIPath),
		slog.String("route", route),
		slog.Int("status", v.Status),
		slog.Int64("bytes", v.ResponseSize),
		slog.Duration("took", v.Latency),
		slog.String("client", v.RemoteIP),
	}
	if v.Error != nil && v.Status >= 500 {
		attrs = append(attrs, slog.String("error", v.Error.Error()))
	}
	s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
	return nil
}

// cspFor returns the Content-Security-Policy: no inline script or style
// anywhere, nothing from other origins, and frames allowed only for
// /embed (from the configured origins, else the site itself).
func (s *Server) cspFor(embed bool) string {
	ancestors := "'none'"
	if embed {
		ancestors = "'self'"
		for _, o := range s.cfg.EmbedOrigins {
			ancestors += " " + strings.TrimSuffix(o, "/")
		}
	}
	return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'self'; " +
		"manifest-src 'self'; frame-ancestors " + ancestors
}

// securityHeaders sets the headers every response carries: Echo's Secure
// middleware twice (framing is denied everywhere but /embed, which may be
// framed by the embed origins), plus the two headers it does not know.
func (s *Server) securityHeaders() []echo.MiddlewareFunc {
	embedPath := s.cfg.BasePath + "/embed"
	isEmbed := func(c *echo.Context) bool { return c.Request().URL.Path == embedPath }
	common := middleware.SecureConfig{ContentTypeNosniff: "nosniff", ReferrerPolicy: "strict-origin-when-cross-origin"}
	pages, embed := common, common
	pages.Skipper, pages.ContentSecurityPolicy, pages.XFrameOptions = isEmbed, s.cspFor(false), "DENY"
	embed.Skipper = func(c *echo.Context) bool { return !isEmbed(c) }
	embed.ContentSecurityPolicy = s.cspFor(true)
	return []echo.MiddlewareFunc{
		middleware.SecureWithConfig(pages),
		middleware.SecureWithConfig(embed),
		func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				h := c.Response().Header()
				h.Set("Cross-Origin-Opener-Policy", "same-origin")
				h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
				return next(c)
			}
		},
	}
}

// isProbe reports whether a request is a health or readiness probe or a
// metrics scrape: those are never shed or rate limited, so that a
// supervisor can always see the truth.
func (s *Server) isProbe(c *echo.Context) bool {
	switch strings.TrimPrefix(c.Request().URL.Path, s.cfg.BasePath) {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return false
}

// shed bounds the requests in flight. A request waits at most QueueWait
// for a slot, then gets 503 with Retry-After, so that overload degrades
// into fast refusals instead of unbounded queues and memory.
func (s *Server) shed(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		if s.isProbe(c) {
			return next(c)
		}
		select {
		case s.sem <- struct{}{}:
		default:
			t := time.NewTimer(s.cfg.QueueWait)
			select {
			case s.sem <- struct{}{}:
				t.Stop()
			case <-t.C:
				s.metrics.shed.WithLabelValues("overload").Inc()
				c.Response().Header().Set("Retry-After", "1")
				return errOverloaded
			case <-c.Request().Context().Done():
				t.Stop()
				return errOverloaded
			}
		}
		defer func() { <-s.sem }()
		return next(c)
	}
}

// newIPExtractor is Echo's X-Forwarded-For extractor trusting only the
// configured proxies (not loopback, link-local or private networks by
// default): the TCP peer is the client unless it is a trusted proxy, and
// then the header is walked from the right to the first untrusted
// address. X-Real-IP is never read.
func newIPExtractor(proxies []*net.IPNet) echo.IPExtractor {
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range proxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// clientIP is the real client address as the IP extractor sees it. With
// no trusted proxies it warns once if requests carry X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if len(s.proxies) == 0 && r.Header.Get("X-Forwarded-For") != "" {
		s.xffWarn.Do(func() {
			s.log.Warn("requests carry X-Forwarded-For but no --trusted-proxies are set: " +
				"clients are told apart (and rate limited) by the proxy's address")
		})
	}
	return s.extractIP(r)
}

// limiter is a per-client token bucket with a bounded number of clients:
// when full, idle clients are evicted first, then the oldest. It is the
// store of Echo's rate limiter, whose memory store has no such bound.
type limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	max     int
	clients map[string]*clientBucket
	now     func() time.Time
}

type clientBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst, maxClients int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, max: maxClients, clients: map[string]*clientBucket{}, now: time.Now}
}

// Allow implements Echo's RateLimiterStore.
func (l *limiter) Allow(key string) (bool, error) { return l.allow(key, l.now()), nil }

func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.clients[key]
	if !ok {
		if len(l.clients) >= l.max {
			l.evict(now)
		}
		b = &clientBucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.clients[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// evict drops clients whose bucket has refilled (they lose nothing) and,
// if none has, the least recently seen one.
func (l *limiter) evict(now time.Time) {
	full := time.Duration(float64(l.burst) / float64(l.rate) * float64(time.Second))
	var oldestKey string
	var oldest time.Time
	for k, b := range l.clients {
		if now.Sub(b.seen) > full {
			delete(l.clients, k)
			continue
		}
		if oldestKey == "" || b.seen.Before(oldest) {
			oldestKey, oldest = k, b.seen
		}
	}
	if len(l.clients) >= l.max && oldestKey != "" {
		delete(l.clients, oldestKey)
	}
}

// compress gzips responses of 1 KiB or more for clients that accept it,
// at the fastest level (level 5 took 15 % of the CPU of a results page),
// with klauspost/compress's gzhttp: its deflate is about twice as fast as
// the standard library's (Echo's Gzip uses the standard library), and it
// passes through a body the handler has already encoded (the page cache
// keeps pages gzipped). An error returned before anything was written is
// handled outside, uncompressed, as without this middleware.
func compress() (echo.MiddlewareFunc, error) {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.CompressionLevel(gzip.BestSpeed), gzhttp.EnableZstd(false))
	if err != nil {
		return nil, fmt.Errorf("compression: %w", err)
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			orig := c.Response()
			var herr error
			// gzhttp's writer unwraps to orig, so Echo still finds its
			// Response (status, size, committed) beneath it.
			wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				c.SetResponse(w)
				herr = next(c)
			})).ServeHTTP(orig, c.Request())
			c.SetResponse(orig)
			return herr
		}
	}, nil
}

// cors lets the configured embed origins call the JSON API from a browser
// (for /widget.js), read-only: GET and its preflight. Other origins get no
// CORS headers, so browsers keep the responses from them. It stays ours
// because it applies to the API paths only and answers any OPTIONS there
// (Echo's CORS middleware wants Access-Control-Request-Method to see one).
func (s *Server) cors(next echo.HandlerFunc) echo.HandlerFunc {
	allowed := map[string]bool{}
	for _, o := range s.cfg.EmbedOrigins {
		allowed[strings.TrimSuffix(o, "/")] = true
	}
	api := s.cfg.BasePath + "/api/"
	return func(c *echo.Context) error {
		r := c.Request()
		if !strings.HasPrefix(r.URL.Path, api) {
			return next(c)
		}
		h := c.Response().Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		if origin == "" || !allowed[origin] {
			return next(c)
		}
		h.Set("Access-Control-Allow-Origin", origin)
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET")
			h.Set("Access-Control-Allow-Headers", "Accept, Content-Type")
			h.Set("Access-Control-Max-Age", "600")
			return c.NoContent(http.StatusNoContent)
		}
		return next(c)
	}
}

// trusted reports whether ip is one of the configured proxies.
func (s *Server) trusted(ip net.IP) bool {
	for _, n := range s.proxies {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}
