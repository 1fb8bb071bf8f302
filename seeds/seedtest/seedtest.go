// Package seedtest gives tests the bundled seeds loaded as `dutygraph
// serve` loads them, so that packages below the API (analysis, the domain
// layer) test against real documents without importing the API's helpers.
package seedtest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// Store returns a memory store loaded with the bundled seeds, failing the
// test if any document fails.
func Store(t testing.TB) graph.Store {
	t.Helper()
	reg, err := registry.Load(seeds.FS)
	require.NoError(t, err)
	st := memstore.New()
	sum, err := loader.LoadFS(context.Background(), st, seeds.FS, reg)
	require.NoError(t, err)
	require.NotEmpty(t, sum.Loaded)
	return st
}
