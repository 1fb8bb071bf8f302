package memstore_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}

// TestAnswersAreCopies: a caller changing what it got must not change what
// the next caller gets from the shared snapshot.
func TestAnswersAreCopies(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	for _, b := range storetest.All() {
		require.NoError(t, s.Load(ctx, b))
	}
	u, err := s.FindUnit(ctx, "市文旅局", "")
	require.NoError(t, err)
	u.Aliases[0] = "changed"
	page, err := s.Tasks(ctx, graph.TaskFilter{UnitIDs: []string{storetest.WLJ}}, graph.Page{})
	require.NoError(t, err)
	page.Tasks[0].Leads[0] = "changed"
	targets, err := s.Targets(ctx, graph.TargetFilter{})
	require.NoError(t, err)
	*targets[0].Value = 99

	again, err := s.FindUnit(ctx, "市文旅局", "")
	require.NoError(t, err)
	require.Equal(t, []string{"市文化和旅游局"}, again.Aliases)
	pageAgain, err := s.Tasks(ctx, graph.TaskFilter{UnitIDs: []string{storetest.WLJ}}, graph.Page{})
	require.NoError(t, err)
	require.Equal(t, storetest.WLJ, pageAgain.Tasks[0].Leads[0])
	targetsAgain, err := s.Targets(ctx, graph.TargetFilter{})
	require.NoError(t, err)
	require.Equal(t, 6.0, *targetsAgain[0].Value)
}

// TestBatchIsNotRetained: the loader may reuse or change a batch after Load
// without reaching into the store.
func TestBatchIsNotRetained(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	b := storetest.Nanjing2026()
	require.NoError(t, s.Load(ctx, b))
	b.Tasks[0].Leads[0] = storetest.GXJ
	b.Tasks[0].Text = "changed"
	b.Units[0].Aliases[0] = "changed"
	b.Plan.Title = "changed"
	fresh := memstore.New()
	require.NoError(t, fresh.Load(ctx, storetest.Nanjing2026()))
	require.Equal(t, storetest.ReadState(t, ctx, fresh), storetest.ReadState(t, ctx, s))
}

// TestConcurrentLoadsAndReads loads every fixture from several goroutines
// at once while others read (run with -race). Loads are serialised, so the
// result is the same as loading one after another.
func TestConcurrentLoadsAndReads(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	var wg sync.WaitGroup
	for range 3 {
		for _, b := range storetest.All() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				require.NoError(t, s.Load(ctx, b))
			}()
		}
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 5)
				require.NoError(t, err)
				_, err = s.Tasks(ctx, graph.TaskFilter{Text: "营商"}, graph.Page{Limit: 2})
				require.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	want := memstore.New()
	for _, b := range storetest.All() {
		require.NoError(t, want.Load(ctx, b))
	}
	require.Equal(t, storetest.ReadState(t, ctx, want), storetest.ReadState(t, ctx, s))
}

// TestVersionChangesWithWhatIsHeld: every load and removal that changes
// the store gives a new version; a refused load keeps the old one.
func TestVersionChangesWithWhatIsHeld(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	version := func() uint64 {
		v, ok := s.Published()
		require.True(t, ok)
		return v
	}
	empty := version()
	require.NoError(t, s.Load(ctx, storetest.Nanjing2026()))
	loaded := version()
	require.NotEqual(t, empty, loaded)
	require.Error(t, s.Load(ctx, storetest.Invalid()[0].Batch))
	require.Equal(t, loaded, version(), "a refused load changes nothing")
	require.NoError(t, s.Remove(ctx, storetest.PlanNanjing2026))
	require.NotEqual(t, loaded, version())
}
