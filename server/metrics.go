package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the server's Prometheus collectors, on a registry of its
// own (no package globals, so several servers can live in one process).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	search   prometheus.Histogram
	shed     *prometheus.CounterVec
	// pageCache counts rendered pages served from the page cache (hit)
	// and rendered into it (miss).
	pageCache *prometheus.CounterVec
}

func newMetrics(docCount func() float64) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hindsight_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "hindsight_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .03, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		search: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "hindsight_search_duration_seconds",
			Help:    "Time spent in the index per search.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .02, .03, .05, .1, .25, .5, 1},
		}),
		shed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hindsight_http_shed_total",
			Help: "Requests refused to protect the server, by reason (rate_limit, overload).",
		}, []string{"reason"}),
		pageCache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hindsight_page_cache_total",
			Help: "Cacheable pages served from the page cache (hit) or rendered into it (miss).",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.search, m.shed, m.pageCache,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hindsight_index_documents",
			Help: "Documents in the index.",
		}, docCount),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}
