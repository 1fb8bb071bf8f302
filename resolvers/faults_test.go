package resolvers_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// lostStore stands for a Neo4j store whose server goes away and comes back:
// while down, its calls fail the way neo4jstore reports a lost connection
// (the driver's *ConnectivityError, wrapped with graph.ErrUnavailable).
type lostStore struct {
	graph.Store
	down atomic.Bool
}

func (s *lostStore) fail(op string) error {
	conn := &neo4j.ConnectivityError{Inner: errors.New("dial tcp 10.0.0.7:7687: connect: connection refused")}
	return fmt.Errorf("neo4j %s: %w: %w", op, conn, graph.ErrUnavailable)
}

func (s *lostStore) Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error) {
	if s.down.Load() {
		return nil, s.fail("plans")
	}
	return s.Store.Plans(ctx, f)
}

func (s *lostStore) FindUnit(ctx context.Context, name, jurisdiction string) (graph.Unit, error) {
	if s.down.Load() {
		return graph.Unit{}, s.fail("find unit")
	}
	return s.Store.FindUnit(ctx, name, jurisdiction)
}

// TestStoreLostAndBack: queries fail with a clear UNAVAILABLE error while
// the store is gone, without its address, and succeed again when it is back.
func TestStoreLostAndBack(t *testing.T) {
	st := &lostStore{Store: fixtureStore(t)}
	var logs apitest.Logs
	url := serveLogging(t, st, slog.New(slog.NewTextHandler(&logs, nil)))
	const q = `{ plans { id } unit(name: "市发改委") { name } }`

	require.Empty(t, apitest.Post(t, url, q, nil).Errors)

	st.down.Store(true)
	resp := apitest.Post(t, url, q, nil)
	require.Len(t, resp.Errors, 2)
	for _, e := range resp.Errors {
		require.Equal(t, "UNAVAILABLE", e.Code())
		require.Equal(t, "the graph store is unavailable; try again later", e.Message)
	}
	require.Contains(t, logs.String(), "connection refused", "the cause is in the log")

	st.down.Store(false)
	got := apitest.Query[struct {
		Plans []struct{ ID string }
		Unit  struct{ Name string }
	}](t, url, q, nil)
	require.NotEmpty(t, got.Plans)
	require.Equal(t, "市发改委", got.Unit.Name)
}
