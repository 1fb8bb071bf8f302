package corpus_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// TestReloadLeavesRequestsACPU: the first load reads on every CPU, as
// nothing is served yet; the reloads after it, which run beside requests,
// leave one free (on a machine of more than one).
func TestReloadLeavesRequestsACPU(t *testing.T) {
	folder := corpus.Folder(func() (duty.Corpus, error) {
		reg, err := registry.Load(seeds.FS)
		return duty.Corpus{Docs: seeds.FS, Registry: reg}, err
	}, func(file string) string { return file })
	var asked []int
	served := &corpus.Served{
		Source: func(ctx context.Context, workers int) (corpus.Reading, error) {
			asked = append(asked, workers)
			return folder(ctx, workers)
		},
		Swap: func(graph.Store) error { return nil },
	}
	ctx := context.Background()
	for range 2 {
		out, err := served.Reload(ctx, false, true)
		require.NoError(t, err)
		require.Equal(t, 441, corpus.Tasks(out.Change.Next))
	}
	require.Equal(t, []int{0, max(1, runtime.GOMAXPROCS(0)-1)}, asked)
}
