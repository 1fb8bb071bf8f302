package server

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/internal/costlru"
)

// Label values standing for many: operations without a name, names not in
// Config.MetricOperations (or requests that never got to an operation), and
// requests no route matched.
const (
	labelAnonymous = "anonymous"
	labelOther     = "other"
	labelUnmatched = "unmatched"
	labelNoCode    = "NONE"
)

// errorCodes are the extensions.code values counted by name; any other is
// counted as "other", for the same reason.
var errorCodes = map[string]bool{
	"NOT_FOUND": true, "AMBIGUOUS": true, "BAD_USER_INPUT": true, "UNAVAILABLE": true, "TIMEOUT": true,
	"CANCELLED": true, "INTERNAL_SERVER_ERROR": true, "DEPTH_LIMIT_EXCEEDED": true,
	"COMPLEXITY_LIMIT_EXCEEDED": true, "INTROSPECTION_DISABLED": true, "PERSISTED_QUERY_NOT_FOUND": true,
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true, codeOverloaded: true, codeRateLimited: true,
	"FIELD_LIMIT_EXCEEDED": true, "ANSWER_TOO_LARGE": true,
	labelNoCode: true,
}

// metrics are the server's Prometheus series, on a registry of their own so
// that two servers in one process (tests) do not collide.
type metrics struct {
	registry     *prometheus.Registry
	requests     *prometheus.CounterVec
	requestTime  *prometheus.HistogramVec
	operations   *prometheus.HistogramVec
	gqlErrors    *prometheus.CounterVec
	storeCalls   *prometheus.HistogramVec
	storeErrors  *prometheus.CounterVec
	refusals     *prometheus.CounterVec
	heavyRunning prometheus.Gauge
	heavyWaiting prometheus.Gauge
	// operationNames are the operation names kept apart; the set is fixed
	// by the configuration, so that clients cannot grow or fill it.
	operationNames map[string]bool
	stats          *statsCollector
	caches         *cacheCollector
}

// newMetrics makes the series; what they count as loaded is read with the
// function countFrom gives them.
func newMetrics(cfg Config, log *slog.Logger) *metrics {
	m := &metrics{
		stats:    &statsCollector{timeout: cfg.ReadyTimeout, log: log},
		caches:   &cacheCollector{},
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dutygraph_http_requests_total",
			Help: "HTTP requests by route (the pattern that matched) and status code.",
		}, []string{"route", "code"}),
		requestTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dutygraph_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		operations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dutygraph_graphql_operation_duration_seconds",
			Help:    "Time from reading a GraphQL request to its answer, by operation name (anonymous: unnamed; other: a name not configured, or refused before an operation was found).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dutygraph_graphql_errors_total",
			Help: "GraphQL errors answered, by extensions.code (NONE: without a code).",
		}, []string{"code"}),
		storeCalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dutygraph_store_call_duration_seconds",
			Help:    "Time of a graph store call, by method of graph.Store.",
			Buckets: []float64{.0001, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5, 30},
		}, []string{"method"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dutygraph_store_call_errors_total",
			Help: "Graph store calls that failed, by method.",
		}, []string{"method"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dutygraph_overload_refusals_total",
			Help: "Requests refused to keep the server responsive, by reason: queue_full and waited (heavy requests beyond the configured number, 503), rate_limited (a client over its rate, 429).",
		}, []string{"reason"}),
		heavyRunning: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dutygraph_heavy_requests_running",
			Help: "Heavy requests (networks, analyses, exports) running now.",
		}),
		heavyWaiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dutygraph_heavy_requests_waiting",
			Help: "Heavy requests waiting for a place to run.",
		}),
		operationNames: map[string]bool{},
	}
	for _, name := range cfg.MetricOperations {
		m.operationNames[name] = true
	}
	m.registry.MustRegister(m.requests, m.requestTime, m.operations, m.gqlErrors, m.storeCalls, m.storeErrors,
		m.refusals, m.heavyRunning, m.heavyWaiting,
		m.stats, m.caches,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// countFrom makes the loaded-figures gauges read from stats.
func (m *metrics) countFrom(stats func(context.Context) (graph.Stats, error)) { m.stats.count = stats }

// cachesFrom makes the cache series read from caches, by cache name.
func (m *metrics) cachesFrom(caches func() map[string]costlru.Stats) { m.caches.stats = caches }

// cacheCollector reports how the bounded caches serve (the parsed-query
// cache, the memory store's co-ownership answers), read at each scrape.
type cacheCollector struct {
	stats func() map[string]costlru.Stats
}

var (
	cacheHitsDesc      = prometheus.NewDesc("dutygraph_cache_hits_total", "Look-ups a cache answered.", []string{"cache"}, nil)
	cacheMissesDesc    = prometheus.NewDesc("dutygraph_cache_misses_total", "Look-ups a cache could not answer.", []string{"cache"}, nil)
	cacheEvictionsDesc = prometheus.NewDesc("dutygraph_cache_evictions_total", "Entries dropped to keep a cache within its bounds.", []string{"cache"}, nil)
	cacheEntriesDesc   = prometheus.NewDesc("dutygraph_cache_entries", "Entries a cache holds.", []string{"cache"}, nil)
	cacheBytesDesc     = prometheus.NewDesc("dutygraph_cache_bytes", "Estimated memory of a cache's entries.", []string{"cache"}, nil)
)

func (c *cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{cacheHitsDesc, cacheMissesDesc, cacheEvictionsDesc, cacheEntriesDesc, cacheBytesDesc} {
		ch <- d
	}
}

func (c *cacheCollector) Collect(ch chan<- prometheus.Metric) {
	if c.stats == nil {
		return
	}
	for name, st := range c.stats() {
		ch <- prometheus.MustNewConstMetric(cacheHitsDesc, prometheus.CounterValue, float64(st.Hits), name)
		ch <- prometheus.MustNewConstMetric(cacheMissesDesc, prometheus.CounterValue, float64(st.Misses), name)
		ch <- prometheus.MustNewConstMetric(cacheEvictionsDesc, prometheus.CounterValue, float64(st.Evictions), name)
		ch <- prometheus.MustNewConstMetric(cacheEntriesDesc, prometheus.GaugeValue, float64(st.Entries), name)
		ch <- prometheus.MustNewConstMetric(cacheBytesDesc, prometheus.GaugeValue, float64(st.Bytes), name)
	}
}

// handler serves the metrics in Prometheus' text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// observeStore is the instrumented store's Observer.
func (m *metrics) observeStore(method string, took time.Duration, err error) {
	m.storeCalls.WithLabelValues(method).Observe(took.Seconds())
	if err != nil {
		m.storeErrors.WithLabelValues(method).Inc()
	}
}

// countRequests counts every request by the mux pattern that served it and
// its status; the pattern (not the path) keeps the label values few.
func (m *metrics) countRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := r.Pattern // set by the mux on r itself
		if route == "" {
			route = labelUnmatched
		}
		m.requests.WithLabelValues(route, strconv.Itoa(rec.code)).Inc()
		m.requestTime.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// aroundResponses is a gqlgen response middleware recording each GraphQL
// answer's latency by operation and its errors by code.
func (m *metrics) aroundResponses(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if !graphql.HasOperationContext(ctx) {
		return resp
	}
	opCtx := graphql.GetOperationContext(ctx)
	m.operations.WithLabelValues(m.operationLabel(opCtx)).Observe(time.Since(opCtx.Stats.OperationStart).Seconds())
	if resp != nil {
		for _, e := range resp.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = labelNoCode
			}
			if !errorCodes[code] {
				code = labelOther
			}
			m.gqlErrors.WithLabelValues(code).Inc()
		}
	}
	return resp
}

// operationLabel names an operation for metrics: its name when it is one
// of the configured names, "anonymous" without one, else "other".
func (m *metrics) operationLabel(opCtx *graphql.OperationContext) string {
	switch {
	case opCtx.Operation == nil:
		return labelOther
	case opCtx.Operation.Name == "":
		return labelAnonymous
	case m.operationNames[opCtx.Operation.Name]:
		return opCtx.Operation.Name
	}
	return labelOther
}

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.code, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	r.wroteHeader = true
	return r.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (flushing,
// deadlines) through the recorder.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// statsCollector reports what is loaded, read from the store at each
// scrape, so that the figures are the store's own (a Neo4j shared by
// replicas, loaded by another). When the store cannot answer, the gauges
// are left out of that scrape rather than reported as zero.
type statsCollector struct {
	count   func(context.Context) (graph.Stats, error)
	timeout time.Duration
	log     *slog.Logger
}

var (
	documentsDesc = prometheus.NewDesc("dutygraph_documents_loaded", "Documents loaded: plans and reports whose text is loaded.", nil, nil)
	tasksDesc     = prometheus.NewDesc("dutygraph_tasks_loaded", "Tasks loaded.", nil, nil)
	unitsDesc     = prometheus.NewDesc("dutygraph_units_loaded", "Units known.", nil, nil)
)

func (c *statsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- documentsDesc
	ch <- tasksDesc
	ch <- unitsDesc
}

func (c *statsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	st, err := c.count(ctx)
	if err != nil {
		c.log.Debug("metrics: store stats", "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.GaugeValue, float64(st.Plans+st.LoadedReports))
	ch <- prometheus.MustNewConstMetric(tasksDesc, prometheus.GaugeValue, float64(st.Tasks))
	ch <- prometheus.MustNewConstMetric(unitsDesc, prometheus.GaugeValue, float64(st.Units))
}
