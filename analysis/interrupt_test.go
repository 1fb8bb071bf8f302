package analysis_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/internal/race"
)

// TestAnalysisStopsWhenCancelled: a request that times out or whose client
// leaves cancels its context, and the network analysis under way stops
// within a second (gonum's loops take no context; see interruptible)
// instead of running on for seconds and gigabytes.
func TestAnalysisStopsWhenCancelled(t *testing.T) {
	// Louvain on big runs for minutes; the graph alone takes some 100 ms
	// to build, so the two cancels land in the building and in Louvain.
	big := syntheticNetwork(3000, 40_000)
	structure := func(ctx context.Context, n graph.Network) error {
		_, err := analysis.NetworkStructure(ctx, n)
		return err
	}
	for _, tc := range []struct {
		name  string
		n     graph.Network
		run   func(context.Context, graph.Network) error
		after time.Duration
	}{
		{"communities, early", big, structure, 50 * time.Millisecond},
		{"communities", big, structure, 1500 * time.Millisecond},
		{"betweenness", syntheticNetwork(analysis.MaxBetweennessUnits, 750), func(ctx context.Context, n graph.Network) error {
			_, err := analysis.NetworkBetweenness(ctx, n)
			return err
		}, 100 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Milliseconds on a quiet machine (7 ms measured; 1.1 s once with
			// both cores busy with other tests, as CI's are).
			bound := race.Scaled(2 * time.Second)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- tc.run(ctx, tc.n) }()
			time.Sleep(tc.after)
			cancel()
			cancelled := time.Now()
			select {
			case err := <-done:
				require.ErrorIs(t, err, context.Canceled, "stopped before the end, not finished")
				took := time.Since(cancelled)
				t.Logf("stopped %s after the cancel", took.Round(time.Millisecond))
				require.Less(t, took, bound)
			case <-time.After(bound + 4*time.Second):
				t.Fatalf("still computing %s after the cancel", bound+4*time.Second)
			}
		})
	}
	t.Run("already done", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := analysis.NetworkStructure(ctx, big)
		require.ErrorIs(t, err, context.Canceled)
		_, err = analysis.Compare(ctx, []string{"推进湖南路商圈振兴"}, []string{"加快湖南路道路设施恢复"})
		require.ErrorIs(t, err, context.Canceled)
	})
}
