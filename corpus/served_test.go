package corpus_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// seedsFolder copies the bundled seeds (documents and registry) into a
// folder a test may change.
func seedsFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, seeds.FS))
	return dir
}

// folderSource reads dir with its own registry, as serve --seeds does.
func folderSource(dir string) corpus.Source {
	return corpus.Folder(func() (duty.Corpus, error) {
		reg, err := registry.Load(os.DirFS(dir))
		return duty.Corpus{Docs: os.DirFS(dir), Registry: reg}, err
	}, func(file string) string { return filepath.Join(dir, file) })
}

// TestReloadTakesUnchangedFilesFromTheStore: the first load reads on every
// CPU, as nothing is served yet; a reload beside requests leaves one free
// (on a machine of more than one) and offers the loader what the store
// holds, so that only changed files are parsed; the store it builds
// answers as one built from the folder afresh, a changed file and a
// changed registry included.
func TestReloadTakesUnchangedFilesFromTheStore(t *testing.T) {
	dir := seedsFolder(t)
	folder := folderSource(dir)
	var asked []loader.FSOptions
	var served graph.Store
	s := &corpus.Served{
		Source: func(ctx context.Context, opts loader.FSOptions) (corpus.Reading, error) {
			asked = append(asked, opts)
			return folder(ctx, opts)
		},
		Swap: func(store graph.Store) error { served = store; return nil },
	}
	ctx := context.Background()
	reload := func() corpus.Outcome {
		t.Helper()
		out, err := s.Reload(ctx, true, true)
		require.NoError(t, err)
		return out
	}
	requireAsFresh := func() {
		t.Helper()
		fresh := memstore.New()
		r, err := folder(ctx, loader.FSOptions{})
		require.NoError(t, err)
		require.NoError(t, corpus.Fill(ctx, fresh, r.Docs))
		require.Equal(t, storetest.ReadState(t, ctx, fresh), storetest.ReadState(t, ctx, served))
	}

	require.Equal(t, 441, corpus.Tasks(reload().Change.Next))
	require.Zero(t, asked[0].Workers, "the first load reads on every CPU")
	require.Nil(t, asked[0].Batch, "nothing held yet")

	out := reload()
	require.Equal(t, max(1, runtime.GOMAXPROCS(0)-1), asked[1].Workers)
	require.NotNil(t, asked[1].Batch)
	require.Len(t, asked[1].Earlier.Loaded, 5)
	require.Empty(t, out.Change.Changed)
	requireAsFresh()

	// One plan changed on disk, and a unit the registry now aliases.
	plan := filepath.Join(dir, "gulou-2026-plan.txt")
	text, err := os.ReadFile(plan)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(plan, append(text, "\n"...), 0o644))
	out = reload()
	require.Equal(t, []string{"plan:南京市/鼓楼区:2026"}, ids(out.Change.Changed))
	requireAsFresh()

	// The registry now says 市统计局 is a party organ: every plan naming it
	// is read again.
	units, err := os.ReadFile(filepath.Join(dir, "units.yaml"))
	require.NoError(t, err)
	units = bytes.Replace(units, []byte("\nunits:\n"), []byte("\nunits:\n  - name: 市统计局\n    jurisdiction: 南京市\n    kind: party_organ\n"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "units.yaml"), units, 0o644))
	reload()
	requireAsFresh()
	found, err := served.Units(ctx, graph.UnitFilter{Search: "市统计局"}, graph.Page{})
	require.NoError(t, err)
	require.Len(t, found.Units, 1)
	require.Equal(t, graph.KindPartyOrgan, found.Units[0].Kind)
}
