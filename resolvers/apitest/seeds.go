package apitest

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

// SeedStore returns a memory store loaded with the bundled seeds, as
// `dutygraph serve` loads them, failing the test if any document fails.
func SeedStore(t testing.TB) graph.Store {
	t.Helper()
	reg, err := registry.Load(seeds.FS)
	require.NoError(t, err)
	st := memstore.New()
	sum, err := loader.LoadFS(context.Background(), st, seeds.FS, reg)
	require.NoError(t, err)
	require.NotEmpty(t, sum.Loaded)
	return st
}
