package loader_test

import (
	"bytes"
	"context"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/synth"
)

// generatedFS is a generated corpus of plans with two broken files among
// them.
func generatedFS(t *testing.T) (fstest.MapFS, *registry.Registry) {
	t.Helper()
	fsys := fstest.MapFS{}
	_, err := synth.Generate(synth.Config{Seed: 9, Plans: 40}, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: bytes.Clone(data)}
		return nil
	})
	require.NoError(t, err)
	fsys["c000/c000d01-2019-plan.txt"] = &fstest.MapFile{Data: nil}
	fsys["c000/c000d02-2000-broken.htm"] = &fstest.MapFile{Data: []byte{0x00, 0x01, 0xff}}
	reg, err := registry.Load(fsys)
	require.NoError(t, err)
	return fsys, reg
}

// TestLoadFSParallelMatchesSequential: parsing on a worker pool loads the
// same graph, reports the same files in the same order and fails the same
// files as loading them one by one in name order.
func TestLoadFSParallelMatchesSequential(t *testing.T) {
	ctx := context.Background()
	fsys, reg := generatedFS(t)

	parallel := memstore.New()
	sum, err := loader.LoadFS(ctx, parallel, fsys, reg)
	require.ErrorContains(t, err, "2 of 41 documents failed to load")

	sequential := memstore.New()
	var names, loaded, failed []string
	for name := range fsys {
		if loader.IsDocumentFile(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		doc, err := loader.Parse(bytes.NewReader(fsys[name].Data), name, reg)
		if err == nil {
			err = loader.Load(ctx, sequential, doc, reg)
		}
		if err != nil {
			failed = append(failed, name)
			continue
		}
		loaded = append(loaded, name)
	}
	var gotLoaded, gotFailed []string
	for _, f := range sum.Loaded {
		gotLoaded = append(gotLoaded, f.File)
	}
	for _, f := range sum.Failed {
		gotFailed = append(gotFailed, f.File)
	}
	require.Equal(t, loaded, gotLoaded)
	require.Equal(t, failed, gotFailed)
	require.Equal(t, []string{"c000/c000d01-2019-plan.txt", "c000/c000d02-2000-broken.htm"}, gotFailed)

	for _, s := range []*memstore.Store{parallel, sequential} {
		st, err := s.Stats(ctx)
		require.NoError(t, err)
		require.Equal(t, sum.Tasks(), st.Tasks)
	}
	require.Equal(t, storetest.ReadState(t, ctx, sequential), storetest.ReadState(t, ctx, parallel))
}

// cancellingStore cancels its context on the n-th load, as a SIGTERM in the
// middle of a bulk load would.
type cancellingStore struct {
	*memstore.Store
	cancel context.CancelFunc
	loads  atomic.Int32
	n      int32
}

func (s *cancellingStore) Load(ctx context.Context, b *graph.Batch) error {
	if s.loads.Add(1) == s.n {
		s.cancel()
	}
	return s.Store.Load(ctx, b)
}

// TestLoadFSStopsWhenCancelled: loading stops at the cancellation, the
// summary lists what was loaded before, and no worker is left blocked.
func TestLoadFSStopsWhenCancelled(t *testing.T) {
	fsys, reg := generatedFS(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &cancellingStore{Store: memstore.New(), cancel: cancel, n: 5}
	sum, err := loader.LoadFS(ctx, s, fsys, reg)
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, sum.Loaded, 4, "the four loads before the cancelled one")
	st, err := s.Stats(context.Background())
	require.NoError(t, err)
	require.Equal(t, sum.Tasks(), st.Tasks)
}

// TestLoadFSTakesUnchangedFilesFromAnEarlierLoad: a load of a folder given
// an earlier load's summary takes each file unchanged since (same text,
// manifest entry and registry) from the store that earlier load filled,
// instead of parsing it, and loads the same graph and summary as parsing
// everything again. A changed file, a file the manifest now says more of,
// and every file under another registry are parsed again.
func TestLoadFSTakesUnchangedFilesFromAnEarlierLoad(t *testing.T) {
	ctx := context.Background()
	fsys, reg := generatedFS(t)
	// load loads fsys into a new store, taking what it can from earlier
	// (loaded into from), and says which files it took.
	load := func(reg *registry.Registry, earlier loader.LoadSummary, from *memstore.Store) (*memstore.Store, loader.LoadSummary, []string) {
		t.Helper()
		var mu sync.Mutex
		var taken []string
		opts := loader.FSOptions{Earlier: earlier, Batch: func(f loader.LoadedFile) (*graph.Batch, bool) {
			mu.Lock()
			taken = append(taken, f.File)
			mu.Unlock()
			return from.Batch(f.ID)
		}}
		s := memstore.New()
		sum, err := loader.LoadFSWith(ctx, s, fsys, reg, opts)
		require.ErrorContains(t, err, "2 of 41 documents failed to load")
		sort.Strings(taken)
		return s, sum, taken
	}
	first, sum, none := load(reg, loader.LoadSummary{}, nil)
	require.Empty(t, none, "nothing earlier to take from")
	require.Len(t, sum.Loaded, 39)

	changed := sum.Loaded[3].File
	fsys[changed].Data = append(bytes.Clone(fsys[changed].Data), '\n')
	second, sum2, taken := load(reg, sum, first)
	require.Len(t, taken, 38)
	require.NotContains(t, taken, changed)
	fresh := memstore.New()
	freshSum, _ := loader.LoadFS(ctx, fresh, fsys, reg)
	require.Equal(t, freshSum.Loaded, sum2.Loaded)
	require.Equal(t, storetest.ReadState(t, ctx, fresh), storetest.ReadState(t, ctx, second))

	// The manifest now gives one file's place: that file is parsed again.
	given := sum.Loaded[5]
	fsys["manifest.yaml"] = &fstest.MapFile{Data: []byte(given.File + ": {jurisdiction: " + given.Jurisdiction + "}\n")}
	_, _, taken = load(reg, sum2, second)
	require.Len(t, taken, 38)
	require.NotContains(t, taken, given.File)
	delete(fsys, "manifest.yaml")

	// Another registry (one more unit on top): everything parsed.
	more, err := registry.Load(fsys, fstest.MapFS{"units.yaml": {Data: []byte("units:\n  - name: 市数据局\n    jurisdiction: \"*\"\n")}})
	require.NoError(t, err)
	require.NotEqual(t, reg.Digest(), more.Digest())
	_, _, taken = load(more, sum2, second)
	require.Empty(t, taken)
}
