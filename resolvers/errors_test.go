package resolvers_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// failingStore fails or panics in Units, standing in for a
// broken backend.
type failingStore struct {
	graph.Store
	err   error
	panic bool
}

func (s failingStore) Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error) {
	if s.panic {
		var m map[string]int
		m["boom"]++ // a nil map write: the kind of bug recover must catch
	}
	return graph.UnitPage{}, s.err
}

func TestStoreFailures(t *testing.T) {
	secret := "bolt://db.internal:7687 connection reset"
	tests := []struct {
		name    string
		store   failingStore
		code    string
		message string
		logged  string // what the log must say once; "" for nothing
	}{
		{"internal error is hidden and logged once", failingStore{err: errors.New(secret)},
			"INTERNAL_SERVER_ERROR", "internal error", "resolver failed"},
		{"panic is recovered", failingStore{panic: true},
			"INTERNAL_SERVER_ERROR", "internal error", "panic in resolver"},
		{"unavailable store", failingStore{err: fmt.Errorf("%s: %w", secret, graph.ErrUnavailable)},
			"UNAVAILABLE", "unavailable", "store unavailable"},
		{"invalid argument from the store", failingStore{err: fmt.Errorf("search too long: %w", graph.ErrInvalid)},
			"BAD_USER_INPUT", "search too long", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs apitest.Logs
			tt.store.Store = fixtureStore(t)
			url := serveLogging(t, tt.store, slog.New(slog.NewTextHandler(&logs, nil)))

			e := apitest.Fail(t, url, `{ units { totalCount } }`, nil)
			require.Equal(t, tt.code, e.Code())
			require.Contains(t, e.Message, tt.message)
			if tt.code != "BAD_USER_INPUT" {
				require.NotContains(t, e.Message, "db.internal", "internals stay in the log")
			}
			if tt.logged != "" {
				require.Equal(t, 1, strings.Count(logs.String(), `msg="`+tt.logged+`"`), logs.String())
			} else {
				require.Empty(t, logs.String())
			}

			// The server survives and answers the next request.
			resp := apitest.Post(t, url, `{ unit(name: "市发改委") { name } }`, nil)
			require.Empty(t, resp.Errors)
		})
	}
}

func TestComplexityLimit(t *testing.T) {
	url := serve(t, fixtureStore(t))
	e := apitest.Fail(t, url, `{ units(first: 100) { edges { node { tasks(first: 100) { edges { node { text leads { name } } } } } } } }`, nil)
	require.Contains(t, e.Message, "complexity")
	require.Equal(t, "COMPLEXITY_LIMIT_EXCEEDED", e.Code())

	resp := apitest.Post(t, url, `{ units(first: 20) { edges { node { tasks(first: 20) { edges { node { text leads { name } cooperators { name } section { title } } } } } } } }`, nil)
	require.Empty(t, resp.Errors, "a page of 20 with 20 tasks each is allowed")
}
