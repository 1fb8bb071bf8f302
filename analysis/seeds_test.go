package analysis_test

import (
	"testing"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// seedStore is a memory store holding the bundled seeds; the analysis only
// reads it.
func seedStore(t testing.TB) graph.Store {
	t.Helper()
	return apitest.SeedStore(t)
}
