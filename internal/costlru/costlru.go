// Package costlru is a least-recently-used cache bounded both in entries
// and in bytes, counting how it serves for /metrics. A bound on entries
// alone lets a client that asks distinct large things (1 MB queries, the
// co-ownership of every filter there is) fill the memory.
package costlru

import (
	"sync"
	"sync/atomic"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache holds values by key within its bounds, evicting the least
// recently used first. It is safe for concurrent use.
type Cache[K comparable, V any] struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[K, entry[V]]
	bytes    int64 // of the entries held
	maxBytes int64

	hits, misses, evictions atomic.Uint64
}

type entry[V any] struct {
	value V
	bytes int64
}

// New returns a cache of at most entries values and maxBytes bytes; both
// must be at least 1.
func New[K comparable, V any](entries int, maxBytes int64) *Cache[K, V] {
	c := &Cache[K, V]{maxBytes: maxBytes}
	// NewLRU fails only on a size below 1.
	c.lru, _ = simplelru.NewLRU(max(entries, 1), func(_ K, e entry[V]) { c.bytes -= e.bytes })
	return c
}

// Get returns the value under key, counting a hit or a miss.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	e, ok := c.lru.Get(key)
	c.mu.Unlock()
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return e.value, ok
}

// Peek returns the value under key without counting it as a use.
func (c *Cache[K, V]) Peek(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.lru.Peek(key)
	return e.value, ok
}

// Add keeps value, of the given size in bytes, under key, evicting the
// least recently used until the cache is within its bounds, and returns
// the value the cache holds: an earlier one when two callers computed it
// at once. A value larger than the whole byte budget is returned but not
// kept.
func (c *Cache[K, V]) Add(key K, value V, bytes int64) V {
	if bytes > c.maxBytes {
		return value
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if held, ok := c.lru.Get(key); ok {
		return held.value
	}
	if c.lru.Add(key, entry[V]{value, bytes}) {
		c.evictions.Add(1)
	}
	c.bytes += bytes
	for c.bytes > c.maxBytes {
		c.lru.RemoveOldest()
		c.evictions.Add(1)
	}
	return value
}

// Purge drops every value.
func (c *Cache[K, V]) Purge() {
	c.mu.Lock()
	c.lru.Purge()
	c.mu.Unlock()
}

// Stats is how a cache has served since it was made.
type Stats struct {
	Hits, Misses uint64
	// Evictions counts values dropped to keep within the bounds, not those
	// a Purge dropped.
	Evictions uint64
	Entries   int   // values held
	Bytes     int64 // their size
}

// Stats reports the cache's figures.
func (c *Cache[K, V]) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load(), Entries: c.lru.Len(), Bytes: c.bytes}
}
