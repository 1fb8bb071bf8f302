package resolvers_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/instrumented"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// countingStore counts the batch lookups the data loaders make.
type countingStore struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
}

func (s *countingStore) count(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
}

func (s *countingStore) snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

func (s *countingStore) UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error) {
	s.count("UnitsByID")
	return s.Store.UnitsByID(ctx, ids)
}

func (s *countingStore) SectionsByID(ctx context.Context, ids []string) (map[string]graph.Section, error) {
	s.count("SectionsByID")
	return s.Store.SectionsByID(ctx, ids)
}

func (s *countingStore) PlansByID(ctx context.Context, ids []string) (map[string]graph.Plan, error) {
	s.count("PlansByID")
	return s.Store.PlansByID(ctx, ids)
}

// TestLoadersBatch requires every field kind of a page of tasks, pairs or
// nodes to cost one store call, however many items the page holds.
func TestLoadersBatch(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  map[string]int
	}{
		{"a page of tasks", `{ tasks(first: 100) { edges { node {
		    leads { name } cooperators { name } section { title } plan { title } } } } }`,
			map[string]int{"UnitsByID": 1, "SectionsByID": 1, "PlansByID": 1}},
		{"tasks without edges asked", `{ tasks(first: 100) { totalCount edges { node { text } } } }`,
			map[string]int{}},
		{"ranked pairs", `{ coOwnership(limit: 100, filter: {includeCollective: true}) { a { name } b { name } } }`,
			map[string]int{"UnitsByID": 1}},
		{"a network", `{ network { nodes { unit { name } } edges { a { name } b { name } } } }`,
			map[string]int{"UnitsByID": 1}},
		{"a workload by section", `{ unit(name: "市发改委") { workload { bySection { section { title } } } } }`,
			map[string]int{"SectionsByID": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &countingStore{Store: fixtureStore(t), calls: map[string]int{}}
			url := serve(t, st)
			resp := apitest.Post(t, url, tt.query, nil)
			require.Empty(t, resp.Errors)
			require.Equal(t, tt.want, st.snapshot())
		})
	}

	t.Run("the cache is per request", func(t *testing.T) {
		st := &countingStore{Store: fixtureStore(t), calls: map[string]int{}}
		url := serve(t, st)
		const q = `{ tasks(first: 5) { edges { node { leads { name } } } } }`
		for range 3 {
			require.Empty(t, apitest.Post(t, url, q, nil).Errors)
		}
		require.Equal(t, map[string]int{"UnitsByID": 3}, st.snapshot())
	})
}

// TestContinuesReadsBounded requires a page of 100 tasks each asking what
// it continues to read the store a fixed number of times: the two years'
// plans once each, not once per task (it made 200 full task reads).
func TestContinuesReadsBounded(t *testing.T) {
	calls := map[string]int{}
	var mu sync.Mutex
	st := instrumented.Wrap(seedtest.Store(t), func(method string, _ time.Duration, _ error) {
		mu.Lock()
		defer mu.Unlock()
		calls[method]++
	})
	url := serve(t, st)
	const q = `{ tasks(filter: {jurisdiction: "南京市", year: 2026}, first: 100) {
	    edges { node { id continues { task { id } score } continuedBy { score } } } } }`
	got := apitest.Query[struct {
		Tasks struct {
			Edges []struct{ Node struct{ Continues []any } }
		}
	}](t, url, q, nil)
	require.Len(t, got.Tasks.Edges, 100)
	continued := 0
	for _, e := range got.Tasks.Edges {
		continued += len(e.Node.Continues)
	}
	require.Positive(t, continued, "some 2026 tasks continue 2021 tasks")

	mu.Lock()
	defer mu.Unlock()
	total := 0
	for _, n := range calls {
		total += n
	}
	t.Logf("store reads: %v", calls)
	// The page, the jurisdictions, the plans, and the 2021 and 2026 tasks.
	require.LessOrEqual(t, calls["Tasks"], 3, "task reads: %v", calls)
	require.LessOrEqual(t, total, 8, "store reads: %v", calls)
}
