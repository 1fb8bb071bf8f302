package resolvers_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/resolvers"
)

// fixtureStore is a memory store holding the storetest fixtures: small
// plans whose every count is known by hand.
func fixtureStore(t *testing.T) graph.Store {
	t.Helper()
	st := memstore.New()
	for _, b := range storetest.All() {
		require.NoError(t, st.Load(context.Background(), b), b.Source)
	}
	return st
}

// serve runs the GraphQL handler over store and returns its URL.
func serve(t *testing.T, store graph.Store) string {
	t.Helper()
	return serveLogging(t, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func serveLogging(t *testing.T, store graph.Store, log *slog.Logger) string {
	t.Helper()
	return serveWith(t, store, log, resolvers.DefaultOptions())
}

// serveWith runs the GraphQL handler with opts instead of the defaults.
func serveWith(t *testing.T, store graph.Store, log *slog.Logger, opts resolvers.Options) string {
	t.Helper()
	h, err := resolvers.NewHandler(duty.New(store), log, opts)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
