package export_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// seededStore is the bundled seeds, loaded once for all tests (they only
// read it).
func seededStore(t *testing.T) graph.Store { return seedtest.Shared(t) }

// unitID finds a unit's ID by name, as the exports' output names it.
func unitID(t *testing.T, s graph.Store, name string) string {
	t.Helper()
	u, err := s.FindUnit(context.Background(), name, "")
	require.NoError(t, err)
	return u.ID
}
