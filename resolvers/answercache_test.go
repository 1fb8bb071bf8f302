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
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// serveCached runs the handler over store and returns its URL and the
// handler, whose answer cache the test reads.
func serveCached(t *testing.T, store graph.Store) (string, *resolvers.Handler) {
	t.Helper()
	h, err := resolvers.NewHandler(duty.New(store), slog.New(slog.NewTextHandler(io.Discard, nil)), resolvers.DefaultOptions())
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, h
}

// TestAnswersKeptWhileTheStoreHolds: a question asked again is answered
// from the answer cache, the same to the byte, until a load changes the
// store; its variables tell questions apart.
func TestAnswersKeptWhileTheStoreHolds(t *testing.T) {
	ctx := context.Background()
	store := memstore.New()
	for _, b := range []*graph.Batch{storetest.Nanjing2021(), storetest.Nanjing2026()} {
		require.NoError(t, store.Load(ctx, b))
	}
	url, h := serveCached(t, store)
	network := `{ network(filter: {jurisdiction: "南京市"}) { nodes { unit { name } lead } edges { source target a { name } sharedTasks } } }`
	first := postBody(t, url, "application/json", "", mustJSON(t, map[string]any{"query": network}))
	again := postBody(t, url, "application/json", "", mustJSON(t, map[string]any{"query": network}))
	require.Equal(t, first.body, again.body)
	require.Equal(t, uint64(1), h.CacheStats()["answer"].Hits)

	plans := `query Plans($year: Int) { plans(year: $year) { id } }`
	ids := func(year int) []string {
		got := apitest.Query[struct{ Plans []struct{ ID string } }](t, url, plans, map[string]any{"year": year})
		var out []string
		for _, p := range got.Plans {
			out = append(out, p.ID)
		}
		return out
	}
	require.Equal(t, []string{storetest.PlanNanjing2026}, ids(2026))
	require.Equal(t, []string{storetest.PlanNanjing2021}, ids(2021), "other variables, another answer")
	require.Equal(t, []string{storetest.PlanNanjing2026}, ids(2026))

	require.NoError(t, store.Load(ctx, storetest.Gulou2026()))
	require.ElementsMatch(t, []string{storetest.PlanNanjing2026, storetest.PlanGulou2026}, ids(2026),
		"a load makes the answers kept before it old")
}

// TestAnswersWithErrorsNotKept: a field that failed, wholly or in part, is
// asked afresh; a field beside it that did not fail is kept.
func TestAnswersWithErrorsNotKept(t *testing.T) {
	url, h := serveCached(t, fixtureStore(t))
	query := `{ ok: plans { id } bad: unit(name: "市不存在局") { id } }`
	for range 2 {
		resp := apitest.Post(t, url, query, nil)
		require.Len(t, resp.Errors, 1)
	}
	st := h.CacheStats()["answer"]
	require.Equal(t, 1, st.Entries, "only the field without an error")
	require.Equal(t, uint64(1), st.Hits)
}

// TestAnswersOfUnversionedStoresNotKept: a store that cannot say when its
// answers change (Neo4j, which others write to) is asked every time.
func TestAnswersOfUnversionedStoresNotKept(t *testing.T) {
	url, h := serveCached(t, struct{ graph.Store }{fixtureStore(t)})
	for range 2 {
		apitest.Query[any](t, url, `{ plans { id } }`, nil)
	}
	require.Zero(t, h.CacheStats()["answer"].Entries)
}
