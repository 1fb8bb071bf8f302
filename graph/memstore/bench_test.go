package memstore

import (
	"context"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// The benchmarks run on a synthetic corpus of 50 jurisdictions × 4 years ×
// 500 tasks = 100,000 tasks. They live inside the package so that
// BenchmarkCoOwnership can measure the computation rather than the cache.

var benchCorpus = sync.OnceValue(func() []*graph.Batch { return synthetic(50, 4, 500) })

func loadCorpus(tb testing.TB, batches []*graph.Batch) *Store {
	tb.Helper()
	s := New()
	for _, b := range batches {
		require.NoError(tb, s.Load(context.Background(), b))
	}
	return s
}

// loadIndexed loads the corpus and builds the index, so that a benchmark
// measures queries, not the first query's index build.
func loadIndexed(tb testing.TB) *Store {
	s := loadCorpus(tb, benchCorpus())
	s.cur.Load().index()
	return s
}

// BenchmarkLoad loads the corpus into a new store and builds the read
// index, as the first query after a bulk load does.
func BenchmarkLoad(b *testing.B) {
	corpus := benchCorpus()
	for b.Loop() {
		s := loadCorpus(b, corpus)
		s.cur.Load().index()
	}
	b.ReportMetric(float64(len(corpus)*500), "tasks/op")
}

// BenchmarkWorkload asks one unit's workload in one year.
func BenchmarkWorkload(b *testing.B) {
	s := loadIndexed(b)
	ctx := context.Background()
	ids := []string{graph.UnitID("江苏省/第7市", "第3局"), graph.UnitID("江苏省/第7市", "第4局")}
	for b.Loop() {
		w, err := s.Workload(ctx, ids, 2022)
		if err != nil || w.Total() == 0 {
			b.Fatalf("workload %+v, %v", w, err)
		}
	}
}

// BenchmarkCoOwnership ranks every pair over the whole corpus, with the
// cache emptied before each run.
func BenchmarkCoOwnership(b *testing.B) {
	s := loadIndexed(b)
	ctx := context.Background()
	for b.Loop() {
		s.co.Purge()
		pairs, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 20)
		if err != nil || len(pairs) != 20 {
			b.Fatalf("pairs %d, %v", len(pairs), err)
		}
	}
}

// BenchmarkCoOwnershipYear ranks the pairs of one year of every
// jurisdiction, with the cache emptied before each run.
func BenchmarkCoOwnershipYear(b *testing.B) {
	s := loadIndexed(b)
	ctx := context.Background()
	for b.Loop() {
		s.co.Purge()
		pairs, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{Year: 2022}, 20)
		if err != nil || len(pairs) != 20 {
			b.Fatalf("pairs %d, %v", len(pairs), err)
		}
	}
}

// BenchmarkNetwork builds the network of one jurisdiction's plan of one
// year, as the viewer asks for it, with the cache emptied before each run.
func BenchmarkNetwork(b *testing.B) {
	s := loadIndexed(b)
	ctx := context.Background()
	f := graph.CoOwnershipFilter{Jurisdiction: "江苏省/第7市", Year: 2022}
	for b.Loop() {
		s.co.Purge()
		n, err := s.Network(ctx, f, 1)
		if err != nil || len(n.Nodes) == 0 {
			b.Fatalf("nodes %d, %v", len(n.Nodes), err)
		}
	}
}

// BenchmarkTasksText is a text search over every task.
func BenchmarkTasksText(b *testing.B) {
	s := loadIndexed(b)
	ctx := context.Background()
	for b.Loop() {
		page, err := s.Tasks(ctx, graph.TaskFilter{Text: "第499项"}, graph.Page{Limit: 20})
		if err != nil || page.Total != 200 {
			b.Fatalf("total %d, %v", page.Total, err)
		}
	}
}

// TestMillionTasks loads a national-scale corpus (250 jurisdictions × 4
// years × 1,000 tasks) and answers the API's heavy questions on it. It
// needs a few GB of memory and a minute, so it runs only when asked:
// DUTYGRAPH_MILLION=1 go test -run MillionTasks -v ./graph/memstore/
func TestMillionTasks(t *testing.T) {
	if os.Getenv("DUTYGRAPH_MILLION") == "" {
		t.Skip("set DUTYGRAPH_MILLION=1 to load a million synthetic tasks")
	}
	ctx := context.Background()
	corpus := synthetic(250, 4, 1000)
	start := time.Now()
	s := loadCorpus(t, corpus)
	loaded := time.Since(start)
	corpus = nil
	runtime.GC()

	timed := func(what string, f func()) {
		start := time.Now()
		f()
		t.Logf("%-28s %v", what, time.Since(start))
	}
	t.Logf("%-28s %v", "load 1,000 plans", loaded)
	timed("first query (builds index)", func() {
		st, err := s.Stats(ctx)
		require.NoError(t, err)
		require.Equal(t, 1_000_000, st.Tasks)
		_, err = s.Tasks(ctx, graph.TaskFilter{}, graph.Page{Limit: 20})
		require.NoError(t, err)
	})
	timed("top 20 pairs, all tasks", func() {
		pairs, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 20)
		require.NoError(t, err)
		require.Len(t, pairs, 20)
	})
	timed("top 20 pairs, cached", func() {
		_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 20)
		require.NoError(t, err)
	})
	timed("top 20 pairs, one year", func() {
		_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{Year: 2022}, 20)
		require.NoError(t, err)
	})
	unit := graph.UnitID("江苏省/第100市", "第5局")
	timed("workload of one unit", func() {
		w, err := s.Workload(ctx, []string{unit}, 0)
		require.NoError(t, err)
		require.NotZero(t, w.Total())
	})
	timed("partners of one unit", func() {
		_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{UnitID: unit}, 20)
		require.NoError(t, err)
	})
	timed("text search, page of 20", func() {
		page, err := s.Tasks(ctx, graph.TaskFilter{Text: "第999项"}, graph.Page{Limit: 20})
		require.NoError(t, err)
		require.Equal(t, 1000, page.Total)
	})
	timed("find unit by alias", func() {
		_, err := s.FindUnit(ctx, "第5管理局", "江苏省/第100市")
		require.NoError(t, err)
	})
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("%-28s %d MiB", "heap in use", m.HeapInuse>>20)
}
