package server

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// routeLabel is the route pattern of a matched request, or "unmatched",
// so that metrics and logs never get one label per unknown URL.
func routeLabel(c echo.Context) string {
	if p := c.Path(); p != "" && c.Get(ctxUnmatched) == nil {
		return p
	}
	return "unmatched"
}

const ctxUnmatched = "hindsight.unmatched"

// observe logs one line per request and records metrics. It resolves the
// handler's error into a response first so that it sees the real status.
// It logs the path but never headers (the write token lives in one).
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		res := c.Response()
		route := routeLabel(c)
		method := c.Request().Method
		s.metrics.requests.WithLabelValues(route, method, strconv.Itoa(res.Status)).Inc()
		s.metrics.latency.WithLabelValues(route, method).Observe(took.Seconds())
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("method", method),
			slog.String("path", c.Request().URL.Path),
			slog.String("route", route),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("took", took),
			slog.String("client", c.RealIP()),
		}
		if err != nil && res.Status >= 500 {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
		return nil
	}
}

// recoverPanics turns a panicking handler into a 500, logging the stack.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.Error("panic in handler", "path", c.Request().URL.Path, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = errInternal(fmt.Errorf("panic: %v", r))
			}
		}()
		return next(c)
	}
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

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	csp, cspEmbed := s.cspFor(false), s.cspFor(true)
	embedPath := s.cfg.BasePath + "/embed"
	return func(c echo.Context) error {
		h := c.Response().Header()
		if c.Request().URL.Path == embedPath {
			h.Set("Content-Security-Policy", cspEmbed)
		} else {
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Frame-Options", "DENY")
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		return next(c)
	}
}

// isProbe reports whether a request is a health or readiness probe or a
// metrics scrape: those are never shed or rate limited, so that a
// supervisor can always see the truth.
func (s *Server) isProbe(c echo.Context) bool {
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
	return func(c echo.Context) error {
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

// clientIP is the real client address: the TCP peer, unless the peer is
// a configured trusted proxy, in which case X-Forwarded-For is walked from
// the right to the first address that is not a trusted proxy.
func (s *Server) clientIP(r *http.Request) string {
	peer := r.RemoteAddr
	if host, _, err := net.SplitHostPort(peer); err == nil {
		peer = host
	}
	if len(s.proxies) == 0 {
		if r.Header.Get("X-Forwarded-For") != "" {
			s.xffWarn.Do(func() {
				s.log.Warn("requests carry X-Forwarded-For but no --trusted-proxies are set: " +
					"clients are told apart (and rate limited) by the proxy's address")
			})
		}
		return peer
	}
	ip := net.ParseIP(peer)
	if ip == nil || !s.trusted(ip) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.Trim(strings.TrimSpace(hops[i]), "[]")
		hip := net.ParseIP(h)
		if hip == nil {
			// Garbage from an untrusted hop: stop at the last good one.
			return ip.String()
		}
		ip = hip
		if !s.trusted(hip) {
			return hip.String()
		}
	}
	return ip.String()
}

func (s *Server) trusted(ip net.IP) bool {
	for _, n := range s.proxies {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// limiter is a per-client token bucket with a bounded number of clients:
// when full, idle clients are evicted first, then the oldest.
type limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	max     int
	clients map[string]*clientBucket
}

type clientBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst, maxClients int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, max: maxClients, clients: map[string]*clientBucket{}}
}

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

// rateLimit refuses clients over their rate with 429 and Retry-After.
// Static assets and probes are not counted.
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	if s.limiter == nil {
		return next
	}
	static := s.cfg.BasePath + "/static/"
	return func(c echo.Context) error {
		if s.isProbe(c) || strings.HasPrefix(c.Request().URL.Path, static) {
			return next(c)
		}
		if !s.limiter.allow(c.RealIP(), time.Now()) {
			s.metrics.shed.WithLabelValues("rate_limit").Inc()
			c.Response().Header().Set("Retry-After", "1")
			return errRateLimited
		}
		return next(c)
	}
}

// limitBody refuses declared bodies over MaxBodyBytes at once and caps the
// reader for undeclared (chunked) ones.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > s.cfg.MaxBodyBytes {
			return errTooLarge(s.cfg.MaxBodyBytes)
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(c.Response(), r.Body, s.cfg.MaxBodyBytes)
		}
		return next(c)
	}
}

// timeout bounds the context handlers pass to the index.
func (s *Server) timeout(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.RequestTimeout)
		defer cancel()
		c.SetRequest(c.Request().WithContext(ctx))
		err := next(c)
		if err != nil && errors.Is(err, context.DeadlineExceeded) {
			return errTimeout
		}
		return err
	}
}

// compress gzips responses of 1 KiB or more for clients that accept it,
// at the fastest level (level 5 took 15 % of the CPU of a results page),
// with klauspost/compress's gzhttp: its deflate is about twice as fast as
// the standard library's, and it passes through a body the handler has
// already encoded (the page cache keeps pages gzipped). An error returned
// before anything was written is handled outside, uncompressed, as
// without this middleware.
func compress() (echo.MiddlewareFunc, error) {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.CompressionLevel(gzip.BestSpeed), gzhttp.EnableZstd(false))
	if err != nil {
		return nil, fmt.Errorf("compression: %w", err)
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			res := c.Response()
			orig := res.Writer
			var herr error
			wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				res.Writer = w
				herr = next(c)
			})).ServeHTTP(orig, c.Request())
			res.Writer = orig
			return herr
		}
	}, nil
}

// cors lets the configured embed origins call the JSON API from a browser
// (for /widget.js), read-only: GET and its preflight. Other origins get no
// CORS headers, so browsers keep the responses from them.
func (s *Server) cors(next echo.HandlerFunc) echo.HandlerFunc {
	allowed := map[string]bool{}
	for _, o := range s.cfg.EmbedOrigins {
		allowed[strings.TrimSuffix(o, "/")] = true
	}
	api := s.cfg.BasePath + "/api/"
	return func(c echo.Context) error {
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
