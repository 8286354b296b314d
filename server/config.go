package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/index"
)

// Config configures a Server. Start from DefaultConfig and change what
// you need; New calls Validate.
type Config struct {
	// Addr is the listen address: "127.0.0.1:8080" (this machine only,
	// the default) or ":8080" (every interface).
	Addr string
	// BasePath is the URL prefix the site is served under behind a reverse
	// proxy ("/kb"); "" serves at the root. Links carry it; requests are
	// accepted with it or without it (a proxy that strips it).
	BasePath string
	// WriteToken enables POST /api/v1/incidents for requests bearing it
	// ("Authorization: Bearer <token>"). Empty disables writes.
	WriteToken string
	// CorpusDir is the folder POSTed documents are written into. Writes
	// need it as well as WriteToken.
	CorpusDir string
	// SyncToken and Sync enable POST /api/v1/sync for
	// "Authorization: Bearer <SyncToken>": `hindsight index` run while the
	// server holds the index asks it to re-sync its corpus this way. Both
	// unset disable the endpoint.
	SyncToken string
	Sync      func(ctx context.Context) (index.SyncStats, error)
	// Documents is the corpus the index was built from; the incident page
	// renders the original document from it (by Record.Source). Nil shows
	// the text stored in the index instead.
	Documents fs.FS
	// EmbedOrigins are the origins (scheme://host[:port]) allowed to frame
	// /embed (CSP frame-ancestors) and to call the JSON API from a browser
	// (CORS, for /widget.js). Empty allows the site itself only.
	EmbedOrigins []string
	// TrustedProxies are IP addresses or CIDR ranges of reverse proxies
	// whose X-Forwarded-For header is believed. Empty: the client address
	// is the TCP peer, and X-Forwarded-For is ignored.
	TrustedProxies []string
	// RateLimit is the sustained number of requests per second allowed per
	// client address; RateBurst the burst above it. RateLimit 0 disables
	// rate limiting.
	RateLimit float64
	RateBurst int
	// MaxClients bounds the number of distinct client addresses the rate
	// limiter remembers (memory stays bounded under address spraying).
	MaxClients int
	// MaxBodyBytes limits request bodies (POSTed documents).
	MaxBodyBytes int64
	// MaxInFlight bounds concurrent requests; a request that finds no slot
	// within QueueWait is shed with 503 and Retry-After. /healthz and
	// /readyz are never shed.
	MaxInFlight int
	QueueWait   time.Duration
	// HTTP server timeouts.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// RequestTimeout bounds the time a handler may spend on the index.
	RequestTimeout time.Duration
	// PageSize is the number of results per page.
	PageSize int
	// PageCache is how many rendered pages (search, embed, home,
	// categories, trends) are kept, gzipped, until the index next
	// changes; 0 turns the page cache off. Pages of queries with relative
	// dates are never kept.
	PageCache int
	// Logger receives one line per request and internal errors; nil
	// discards them.
	Logger *slog.Logger
	// Now returns the current time (for relative dates); nil = time.Now.
	Now func() time.Time
}

// DefaultConfig returns the defaults: listen on 127.0.0.1:8080 (this
// machine only) at the root,
// read-only, 20 requests/s per client with bursts of 40, 10 MiB bodies,
// 64 requests in flight (searches are CPU-bound: more only queue).
func DefaultConfig() Config {
	return Config{
		Addr:              "127.0.0.1:8080",
		RateLimit:         20,
		RateBurst:         40,
		MaxClients:        10000,
		MaxBodyBytes:      10 << 20,
		MaxInFlight:       64,
		QueueWait:         500 * time.Millisecond,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		RequestTimeout:    10 * time.Second,
		PageSize:          20,
		PageCache:         256,
	}
}

// Validate reports the first problems found, naming the field.
func (c Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("addr: empty listen address"))
	} else if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		if _, perr := strconv.ParseUint(c.Addr, 10, 16); perr == nil {
			errs = append(errs, fmt.Errorf("addr %q: a port without a host; did you mean \"127.0.0.1:%s\" (this machine) or \":%s\" (every interface)?", c.Addr, c.Addr, c.Addr))
		} else {
			errs = append(errs, fmt.Errorf("addr %q: %v", c.Addr, err))
		}
	}
	if c.BasePath != "" {
		if !strings.HasPrefix(c.BasePath, "/") || strings.HasSuffix(c.BasePath, "/") {
			errs = append(errs, fmt.Errorf("base-path %q: must start with / and not end with /", c.BasePath))
		} else if u, err := url.Parse(c.BasePath); err != nil || u.Path != c.BasePath || strings.Contains(c.BasePath, "//") ||
			strings.Contains(c.BasePath, "/../") || strings.HasSuffix(c.BasePath, "/..") || strings.ContainsAny(c.BasePath, ":{}*") {
			errs = append(errs, fmt.Errorf("base-path %q: must be a plain path such as /kb", c.BasePath))
		}
	}
	if c.WriteToken != "" {
		if len(c.WriteToken) < 16 {
			errs = append(errs, errors.New("write-token: must be at least 16 characters"))
		}
		if c.CorpusDir == "" {
			errs = append(errs, errors.New("write-token: set, but no corpus directory to write POSTed documents into"))
		}
	}
	for _, o := range c.EmbedOrigins {
		if err := checkOrigin(o); err != nil {
			errs = append(errs, fmt.Errorf("embed-origins: %w", err))
		}
	}
	if _, err := parseProxies(c.TrustedProxies); err != nil {
		errs = append(errs, fmt.Errorf("trusted-proxies: %w", err))
	}
	if c.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("rate-limit: %v is negative", c.RateLimit))
	}
	if c.RateLimit > 0 && c.RateBurst < 1 {
		errs = append(errs, fmt.Errorf("rate-burst: %d, must be at least 1 when rate limiting", c.RateBurst))
	}
	if c.RateLimit > 0 && c.MaxClients < 1 {
		errs = append(errs, fmt.Errorf("max-clients: %d, must be at least 1", c.MaxClients))
	}
	if c.MaxBodyBytes < 1 {
		errs = append(errs, fmt.Errorf("max-body-bytes: %d, must be positive", c.MaxBodyBytes))
	}
	if c.MaxInFlight < 1 {
		errs = append(errs, fmt.Errorf("max-in-flight: %d, must be positive", c.MaxInFlight))
	}
	if c.QueueWait < 0 {
		errs = append(errs, fmt.Errorf("queue-wait: %v is negative", c.QueueWait))
	}
	for name, d := range map[string]time.Duration{
		"read-header-timeout": c.ReadHeaderTimeout, "read-timeout": c.ReadTimeout,
		"write-timeout": c.WriteTimeout, "idle-timeout": c.IdleTimeout, "request-timeout": c.RequestTimeout,
	} {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s: %v, must be positive", name, d))
		}
	}
	if c.PageSize < 1 || c.PageSize > 100 {
		errs = append(errs, fmt.Errorf("page-size: %d, must be in 1..100", c.PageSize))
	}
	if c.PageCache < 0 || c.PageCache > 100000 {
		errs = append(errs, fmt.Errorf("page-cache: %d, must be in 0..100000", c.PageCache))
	}
	return errors.Join(errs...)
}

// checkOrigin accepts scheme://host[:port] with no path, as browsers send
// in the Origin header.
func checkOrigin(o string) error {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil ||
		strings.ContainsAny(o, " ;,'\"*") {
		return fmt.Errorf("%q is not an origin like https://wiki.example.com", o)
	}
	return nil
}

// parseProxies turns IPs and CIDRs into networks.
func parseProxies(list []string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, p := range list {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			ip := net.ParseIP(p)
			if ip == nil {
				return nil, fmt.Errorf("%q is not an IP address or CIDR range", p)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("%q is not an IP address or CIDR range", p)
		}
		out = append(out, n)
	}
	return out, nil
}
