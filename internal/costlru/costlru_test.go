package costlru_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/internal/costlru"
)

func TestBoundedInEntriesAndBytes(t *testing.T) {
	c := costlru.New[string, int](3, 100)
	c.Add("a", 1, 40)
	c.Add("b", 2, 40)
	_, ok := c.Get("a") // a is now the most recently used
	require.True(t, ok)
	c.Add("c", 3, 40) // 120 bytes: b, the least recently used, goes
	_, ok = c.Get("b")
	require.False(t, ok)
	require.Equal(t, costlru.Stats{Hits: 1, Misses: 1, Evictions: 1, Entries: 2, Bytes: 80}, c.Stats())

	require.Equal(t, 9, c.Add("big", 9, 101), "a value over the budget is returned")
	_, ok = c.Peek("big")
	require.False(t, ok, "but not kept")

	require.Equal(t, 1, c.Add("a", 7, 10), "the value already held wins")
	c.Add("d", 4, 1)
	c.Add("e", 5, 1) // four entries: the oldest goes
	require.Equal(t, 3, c.Stats().Entries)

	c.Purge()
	require.Equal(t, 0, c.Stats().Entries)
	require.Zero(t, c.Stats().Bytes)
}
