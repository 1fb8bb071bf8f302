package resolvers_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

func serveHandler(t *testing.T) (*resolvers.Handler, string) {
	t.Helper()
	h, err := resolvers.NewHandler(duty.New(fixtureStore(t)), discardLog(), resolvers.DefaultOptions())
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv.URL
}

func TestQueryCacheHits(t *testing.T) {
	h, url := serveHandler(t)
	for range 3 {
		require.Empty(t, apitest.Post(t, url, `{ reports { id } }`, nil).Errors)
	}
	got := h.CacheStats()["query"]
	require.Equal(t, uint64(2), got.Hits)
	require.Equal(t, uint64(1), got.Misses)
	require.Equal(t, 1, got.Entries)
	require.Zero(t, got.Evictions)
	require.Positive(t, got.Bytes)
}

// TestQueryCacheBoundedInBytes: distinct 1 MB queries (the issue sent
// 1,000 and kept 990 MB live) are kept only within the cache's budget
// of 32 MiB: 40 of them leave less than 40 MB live.
func TestQueryCacheBoundedInBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 40 MB of queries (25 s under -race)")
	}
	h, url := serveHandler(t)
	heapBefore := liveHeap()
	comment := "# " + strings.Repeat("x", 1<<20) + "\n"
	whileNormalQueries(t, url, func() {
		for i := range 40 {
			require.Empty(t, apitest.Post(t, url, fmt.Sprintf("%s{ r%d: reports { id } }", comment, i), nil).Errors)
		}
	})
	got := h.CacheStats()["query"]
	require.LessOrEqual(t, got.Bytes, int64(32<<20))
	require.Less(t, got.Entries, 33)
	require.Equal(t, uint64(40+1-got.Entries), got.Evictions, "each query but those held, the ordinary one included")
	grew := int64(liveHeap()) - int64(heapBefore)
	require.Less(t, grew, int64(40<<20), "live heap grew %d MB", grew>>20)
	t.Logf("cache %d entries, %d MB; live heap grew %d MB", got.Entries, got.Bytes>>20, grew>>20)
}
