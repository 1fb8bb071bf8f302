package corpus_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func doc(id string, tasks int, source, digest string) corpus.Document {
	return corpus.Document{ID: id, Tasks: tasks, Source: source, SHA256: digest}
}

func TestReconcile(t *testing.T) {
	old := []corpus.Document{
		doc("plan:a:2025", 100, "/d/a.txt", "1"),
		doc("plan:b:2025", 80, "/d/b.txt", "2"),
		doc("plan:c:2025", 10, "/d/c.txt", "3"),
		doc("plan:d:2025", 50, "/d/d.txt", "4"),
	}
	next := []corpus.Document{
		doc("plan:a:2025", 100, "/d/a.txt", "1"), // unchanged
		doc("plan:b:2025", 3, "/d/b.txt", "5"),   // cut short
		doc("plan:c:2025", 6, "/d/c.txt", "6"),   // lost 4: too few to be kept
		doc("plan:e:2025", 7, "/d/e.txt", "7"),   // new
	}
	// d.txt failed to parse this time; the others of old are in next.
	c := corpus.Reconcile(old, next, []string{"/d/d.txt"}, false)
	require.Equal(t, []string{"plan:e:2025"}, ids(c.Added))
	require.Equal(t, []string{"plan:c:2025"}, ids(c.Changed))
	require.Empty(t, c.Removed)
	require.Len(t, c.Kept, 2)
	require.Equal(t, corpus.Shrink{Old: old[1], NewTasks: 3, NewFile: "/d/b.txt"}, c.Kept[0])
	require.Equal(t, corpus.Shrink{Old: old[3], NewFile: "/d/d.txt"}, c.Kept[1])
	require.Equal(t, []string{"plan:a:2025", "plan:b:2025", "plan:c:2025", "plan:d:2025", "plan:e:2025"}, ids(c.Next))
	require.Equal(t, 80, c.Next[1].Tasks, "the old text of b is kept")

	forced := corpus.Reconcile(old, next, []string{"/d/d.txt"}, true)
	require.Equal(t, []string{"plan:b:2025", "plan:c:2025"}, ids(forced.Changed))
	require.Equal(t, []string{"plan:d:2025"}, ids(forced.Removed))
	require.Empty(t, forced.Kept)
	require.Equal(t, 100+3+6+7, corpus.Tasks(forced.Next))
}

func TestShrunk(t *testing.T) {
	for _, tt := range []struct {
		before, after int
		want          bool
	}{
		{123, 1, true}, {123, 61, true}, {123, 62, false}, {8, 0, true}, {4, 0, false}, {10, 5, false}, {10, 4, true},
	} {
		require.Equal(t, tt.want, corpus.Shrunk(tt.before, tt.after), "%d → %d", tt.before, tt.after)
	}
}

func TestArchive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	a, err := corpus.Open(dir)
	require.NoError(t, err)
	docs, err := a.Documents(0)
	require.NoError(t, err)
	require.Empty(t, docs, "a new data directory holds nothing")

	when := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	var put []corpus.Document
	for i, b := range storetest.All() {
		if i == 0 {
			zero := 0.0
			b.Targets[0].Value = &zero // a figure of 0 is a figure, not none
		}
		put = append(put, corpus.Document{ID: b.DocumentID(), Tasks: len(b.Tasks), LoadedAt: when, Source: b.Source, SHA256: "ab", Batch: b})
	}
	require.NoError(t, a.Apply(put, nil))
	docs, err = a.Documents(0)
	require.NoError(t, err)
	require.Len(t, docs, len(put))
	require.Equal(t, storetest.PlanGulou2025, docs[0].ID, "in ID order")
	byID := map[string]corpus.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	for _, d := range put {
		require.Equal(t, d.Batch.Tasks, byID[d.ID].Batch.Tasks, "%s's tasks come back as they went in", d.ID)
		require.Equal(t, d.Batch.Units, byID[d.ID].Batch.Units)
		require.Equal(t, d.Batch.Targets, byID[d.ID].Batch.Targets)
		require.True(t, when.Equal(byID[d.ID].LoadedAt))
	}

	require.NoError(t, a.Apply(nil, []string{storetest.PlanGulou2025, storetest.Report2026}))
	docs, err = a.Documents(0)
	require.NoError(t, err)
	require.Len(t, docs, len(put)-2)
}

// TestArchiveNewerFormat: an older binary meeting an archive a newer one
// wrote refuses it with a message saying so, and leaves it as it was.
func TestArchiveNewerFormat(t *testing.T) {
	dir := t.TempDir()
	a, err := corpus.Open(dir)
	require.NoError(t, err)
	require.NoError(t, a.Apply(nil, nil))
	db, err := bolt.Open(a.Path(), 0o644, nil)
	require.NoError(t, err)
	require.NoError(t, db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("format"), []byte("9"))
	}))
	require.NoError(t, db.Close())
	before, err := os.ReadFile(a.Path())
	require.NoError(t, err)

	_, err = a.Documents(0)
	require.ErrorIs(t, err, corpus.ErrNewerFormat)
	require.ErrorContains(t, err, "data directory "+dir+": format 9, written by a newer dutygraph; this binary reads format 1 and older: upgrade dutygraph")
	err = a.Apply(nil, []string{"plan:x:2025"})
	require.ErrorIs(t, err, corpus.ErrNewerFormat)
	after, err := os.ReadFile(a.Path())
	require.NoError(t, err)
	require.Equal(t, before, after)
}

func ids(docs []corpus.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}
