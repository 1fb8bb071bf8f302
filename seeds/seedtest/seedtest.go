// Package seedtest gives tests the bundled seeds loaded as `dutygraph
// serve` loads them, so that packages below the API (analysis, the domain
// layer, the exports) test against real documents without importing the
// API's helpers.
package seedtest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// Store returns a fresh memory store loaded with the bundled seeds, failing
// the test if any document fails.
func Store(t testing.TB) graph.Store {
	t.Helper()
	st, err := load()
	require.NoError(t, err)
	return st
}

var shared struct {
	once  sync.Once
	store graph.Store
	err   error
}

// Shared is one seed store for all the tests of a package that only read
// it, loaded on first use.
func Shared(t testing.TB) graph.Store {
	t.Helper()
	shared.once.Do(func() { shared.store, shared.err = load() })
	require.NoError(t, shared.err)
	return shared.store
}

func load() (graph.Store, error) {
	reg, err := registry.Load(seeds.FS)
	if err != nil {
		return nil, err
	}
	st := memstore.New()
	sum, err := loader.LoadFS(context.Background(), st, seeds.FS, reg)
	switch {
	case err != nil:
		return nil, err
	case len(sum.Loaded) == 0:
		return nil, errors.New("no seed loaded")
	}
	return st, nil
}
