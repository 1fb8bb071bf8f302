package export_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

var seeded struct {
	once  sync.Once
	store graph.Store
	err   error
}

// seededStore is a memory store holding the bundled seeds, loaded once for
// all tests (they only read it).
func seededStore(t *testing.T) graph.Store {
	t.Helper()
	seeded.once.Do(func() {
		reg, err := registry.Load(seeds.FS)
		if err != nil {
			seeded.err = err
			return
		}
		s := memstore.New()
		sum, err := loader.LoadFS(context.Background(), s, seeds.FS, reg)
		if err == nil && len(sum.Failed) > 0 {
			err = sum.Failed[0].Err
		}
		seeded.store, seeded.err = s, err
	})
	require.NoError(t, seeded.err)
	return seeded.store
}

// unitID finds a unit's ID by name, as the exports' output names it.
func unitID(t *testing.T, s graph.Store, name string) string {
	t.Helper()
	u, err := s.FindUnit(context.Background(), name, "")
	require.NoError(t, err)
	return u.ID
}
