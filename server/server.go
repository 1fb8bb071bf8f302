// Package server is dutygraph's HTTP front: the GraphQL API, an IDE to try
// it in, the co-ownership viewer, exports, and a health check for load
// balancers and orchestrators. Everything it serves is inside the binary,
// so it works on networks cut off from the internet.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/web"
)

// Limits that keep one slow or hostile client from holding the server.
const (
	// maxBodyBytes bounds a GraphQL request body; real queries are a few KB.
	maxBodyBytes = 1 << 20
	// requestTimeout bounds the work of one GraphQL request, store calls
	// included.
	requestTimeout = 30 * time.Second

	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = requestTimeout + 5*time.Second
	idleTimeout       = 2 * time.Minute

	// DrainTimeout is how long a shutdown waits for requests in flight.
	DrainTimeout = 15 * time.Second
)

// Server routes the API. It answers GraphQL from the start, but reports
// itself healthy only once MarkLoaded is called, so that a load balancer
// does not send traffic to an instance still loading its graph.
type Server struct {
	log    *slog.Logger
	mux    *http.ServeMux
	loaded atomic.Bool
}

// New serves the GraphQL API over store.
func New(store graph.Store, log *slog.Logger) *Server {
	s := &Server{log: log, mux: http.NewServeMux()}
	gql := withLimits(resolvers.NewHandler(store, log))
	ide := web.IDE()

	s.mux.Handle("POST /graphql", gql)
	// GET /graphql is the IDE in a browser, and a query when it carries one
	// (?query=…), as the GraphQL-over-HTTP convention has it.
	s.mux.HandleFunc("GET /graphql", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("query") {
			gql.ServeHTTP(w, r)
			return
		}
		ide.ServeHTTP(w, r)
	})
	web.Mount(s.mux) // GET /viewer and the pages' assets
	s.mux.Handle("GET /export/", withLimits(export.Handler(store, log)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /{$}", http.RedirectHandler("/graphql", http.StatusFound))
	return s
}

// MarkLoaded makes /healthz answer 200.
func (s *Server) MarkLoaded() { s.loaded.Store(true) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// healthz is 200 once the graph is loaded and 503 before.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	status, code := "ok", http.StatusOK
	if !s.loaded.Load() {
		status, code = "loading", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"status": status})
}

// withLimits bounds a GraphQL request's body and running time.
func withLimits(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			http.Error(w, "request body too large: at most 1 MiB", http.StatusRequestEntityTooLarge)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		// A body without a declared length is cut off at the limit too.
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Serve answers on ln until ctx is cancelled, then stops taking requests
// and waits up to DrainTimeout for those in flight.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "drain", DrainTimeout)
	drain, cancel := context.WithTimeout(context.Background(), DrainTimeout)
	defer cancel()
	err := hs.Shutdown(drain)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
