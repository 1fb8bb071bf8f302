// Package server is dutygraph's HTTP front: the GraphQL API, an IDE to try
// it in, the co-ownership viewer, exports, health and readiness checks for
// load balancers and orchestrators, Prometheus metrics, and (with a token)
// an admin route to reload the documents. Everything it serves is inside the
// binary, so it works on networks cut off from the internet.
package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/instrumented"
	"github.com/dutygraph/dutygraph/internal/costlru"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/web"
)

// Timeouts of the HTTP server around the per-request limit.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

// Server routes the API. It answers /healthz from the start, and GraphQL
// and the exports once Connect gives it a store (before that, with
// "unavailable"); it reports itself ready on /readyz only once MarkLoaded
// is called and the store answers, so that a load balancer does not send
// traffic to an instance still connecting to its store or loading its
// graph.
type Server struct {
	log        *slog.Logger
	cfg        Config
	conn       atomic.Pointer[connection] // nil until Connect
	handler    http.Handler
	metrics    *metrics
	heavy      *heavyGate
	notReady   atomic.Pointer[string] // nil once loaded
	readyState atomic.Int32           // last readiness /readyz reported, to log changes only
	reloadMu   sync.Mutex
	clients    *clientLimits // nil without a rate limit
	inFlight   atomic.Int64  // requests being answered by Serve
}

// connection is what the server answers from once connected to a store.
type connection struct {
	store   *instrumented.Store // timed for /metrics: loads made through it are counted too
	core    *duty.Core
	graphql http.Handler
	export  http.Handler
	// caches reports the bounded caches' figures, by name, for /metrics.
	caches func() map[string]costlru.Stats
	// version is the store's (nil when it keeps none), which the answers'
	// ETags name behind etagSeed, the connection's own random seed, so
	// that a tag is never taken for another store's or another process's
	// (a restart with another corpus, or a new binary answering otherwise).
	version  func(context.Context) (string, error)
	etagSeed string
}

// New serves the API as cfg says, over store, or with a nil store over
// the store Connect is given later. It fails only on a cfg that does not
// validate.
func New(store graph.Store, log *slog.Logger, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{log: log, cfg: cfg}
	s.NotReady("starting")
	s.metrics = newMetrics(cfg, log)
	s.metrics.countFrom(s.storeStats)
	s.metrics.cachesFrom(s.cacheStats)
	s.heavy = newHeavyGate(cfg, s.metrics)
	if cfg.RateLimit > 0 {
		s.clients = newClientLimits(cfg.RateLimit, cfg.RateBurst, s.metrics)
	}
	if store != nil {
		if err := s.Connect(store); err != nil {
			return nil, err
		}
	}
	limitedGQL := s.withLimits(s.rateLimited(s.cached(s.heavy.gated(
		s.connected(func(c *connection) http.Handler { return c.graphql }, graphqlUnavailable))), graphqlRefusal(codeRateLimited)))

	mux := http.NewServeMux()
	mux.Handle("POST /graphql", limitedGQL)
	// GET /graphql is a query when it carries one (?query=… or a persisted
	// query's ?extensions=…), as the GraphQL-over-HTTP convention has it,
	// and else the IDE in a browser, when it is on.
	ide := web.IDE()
	mux.HandleFunc("GET /graphql", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Has("query") || q.Has("extensions") || !cfg.IDE {
			limitedGQL.ServeHTTP(w, r)
			return
		}
		ide.ServeHTTP(w, r)
	})
	web.Mount(mux) // GET /viewer and the pages' assets
	mux.Handle("GET /export/", s.withLimits(s.rateLimited(s.cached(s.heavy.charged(
		s.connected(func(c *connection) http.Handler { return c.export }, plainUnavailable))), plainRefusal)))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.Handle("GET /licenses", licenses())
	if cfg.AdminToken != "" {
		mux.Handle("POST /admin/reload", s.requireToken(http.HandlerFunc(s.reload)))
	}
	root := http.RedirectHandler("/graphql", http.StatusFound)
	if !cfg.IDE {
		root = http.NotFoundHandler()
	}
	mux.Handle("GET /{$}", root)

	s.handler = s.metrics.countRequests(noSniff(s.framable(s.cors(mux))))
	return s, nil
}

// noSniff tells browsers to take every answer as the type it says it is:
// a JSON answer or an export echoing a hostile unit name is never run as
// HTML or script.
func noSniff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// beforeHeader calls hook once, just before w's status and header go out,
// with the status the handler wrote (200 when it wrote the body first); the
// hook may add headers and returns the status to send.
func beforeHeader(w http.ResponseWriter, hook func(code int) int) http.ResponseWriter {
	return &hookedWriter{ResponseWriter: w, hook: hook}
}

type hookedWriter struct {
	http.ResponseWriter
	hook  func(code int) int
	wrote bool
}

func (w *hookedWriter) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		code = w.hook(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *hookedWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

func (w *hookedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// rateLimited applies the per-client rate limit, when one is configured;
// refuse answers in the route's own format.
func (s *Server) rateLimited(next http.Handler, refuse func(http.ResponseWriter, int, string)) http.Handler {
	if s.clients == nil {
		return next
	}
	return s.clients.limited(next, refuse)
}

// Connect makes the server answer from store, from now on.
func (s *Server) Connect(store graph.Store) error {
	c := &connection{store: instrumented.Wrap(store, s.metrics.observeStore), etagSeed: rand.Text()}
	if v, ok := store.(graph.Versioned); ok {
		c.version = v.Version
	}
	c.core = duty.New(c.store)
	gql, err := resolvers.NewHandler(c.core, s.log, s.cfg.GraphQL)
	if err != nil {
		return err
	}
	gql.AroundResponses(s.metrics.aroundResponses)
	gql.AroundOperations(s.heavy.aroundOperations)
	c.graphql = gql
	c.export = export.Handler(c.core, s.log)
	co, _ := store.(interface{ CoOwnershipCacheStats() costlru.Stats })
	c.caches = func() map[string]costlru.Stats {
		out := gql.CacheStats()
		out["comparisons"] = c.core.ComparisonCacheStats()
		if co != nil {
			out["coownership"] = co.CoOwnershipCacheStats()
		}
		return out
	}
	s.conn.Store(c)
	return nil
}

// Core is the domain the server answers from, nil until Connect: load a
// corpus through it.
func (s *Server) Core() *duty.Core {
	if c := s.conn.Load(); c != nil {
		return c.core
	}
	return nil
}

// errNotConnected is what asks of the store meet before Connect.
var errNotConnected = fmt.Errorf("not connected to a store yet: %w", graph.ErrUnavailable)

// storeStats counts what the store holds.
func (s *Server) storeStats(ctx context.Context) (graph.Stats, error) {
	c := s.conn.Load()
	if c == nil {
		return graph.Stats{}, errNotConnected
	}
	return c.store.Stats(ctx)
}

// cacheStats reads the connection's caches, none before Connect.
func (s *Server) cacheStats() map[string]costlru.Stats {
	if c := s.conn.Load(); c != nil {
		return c.caches()
	}
	return nil
}

// connected routes a request to the connection's handler pick chooses, or
// answers with unavailable while the server has no store.
func (s *Server) connected(pick func(*connection) http.Handler, unavailable http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := s.conn.Load()
		if c == nil {
			w.Header().Set("Retry-After", "5")
			unavailable(w, r)
			return
		}
		pick(c).ServeHTTP(w, r)
	})
}

// unavailableMessage is what a client hears while the server has no store,
// the words the API uses when a store stops answering.
const unavailableMessage = "the graph store is unavailable; try again later"

// graphqlUnavailable answers a GraphQL request as the API answers any
// whose store is unavailable: a GraphQL error coded UNAVAILABLE.
func graphqlUnavailable(w http.ResponseWriter, _ *http.Request) {
	graphqlRefusal("UNAVAILABLE")(w, http.StatusServiceUnavailable, unavailableMessage)
}

// graphqlRefusal answers a GraphQL request refused before it ran with one
// error of code.
func graphqlRefusal(code string) func(http.ResponseWriter, int, string) {
	return func(w http.ResponseWriter, status int, message string) {
		writeJSON(w, status, map[string]any{
			"errors": []any{map[string]any{"message": message, "extensions": map[string]any{"code": code}}},
		})
	}
}

// plainUnavailable answers an export request while there is no store.
func plainUnavailable(w http.ResponseWriter, _ *http.Request) {
	plainRefusal(w, http.StatusServiceUnavailable, unavailableMessage)
}

// plainRefusal answers an export request refused before it ran.
func plainRefusal(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, message, status)
}

// MarkLoaded makes /readyz answer 200 (while the store answers).
func (s *Server) MarkLoaded() { s.notReady.Store(nil) }

// NotReady makes /readyz answer 503 with reason, e.g. while connecting to
// the store or loading the seeds.
func (s *Server) NotReady(reason string) { s.notReady.Store(&reason) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// withLimits bounds a request's body and running time.
func (s *Server) withLimits(h http.Handler) http.Handler {
	maxBody := s.cfg.MaxBodyBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBody {
			http.Error(w, fmt.Sprintf("request body too large: at most %d bytes", maxBody), http.StatusRequestEntityTooLarge)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		// A body without a declared length is cut off at the limit too.
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Serve answers on ln until ctx is cancelled, then stops taking requests
// and lets those in flight finish for up to Config.ShutdownGrace. It
// returns nil when they all did; past the grace, it cancels the work of
// those left, closes their connections and says how many were cut.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	// Requests' contexts derive from work, not from ctx: a stop must not
	// cancel the requests it lets finish.
	work, cut := context.WithCancel(context.Background())
	defer cut()
	hs := &http.Server{
		Handler:           s.tracked(s),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       max(readTimeout, s.cfg.RequestTimeout),
		WriteTimeout:      s.cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return work },
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "in_flight", s.inFlight.Load(), "grace", s.cfg.ShutdownGrace)
	grace, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	err := hs.Shutdown(grace)
	if err != nil {
		left := s.inFlight.Load()
		cut()
		err = errors.Join(fmt.Errorf("%d requests still running after the %s grace were cut", left, s.cfg.ShutdownGrace), hs.Close())
	}
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// tracked counts the requests in flight, for the shutdown's log.
func (s *Server) tracked(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		next.ServeHTTP(w, r)
	})
}
