package memstore

import (
	"context"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// The co-ownership cache's bounds. Every distinct filter (year, jurisdiction,
// plan, roles, placeholders) is an entry, and a client can ask millions of
// them, so the cache keeps the most recently used answers within both a
// number of entries and a number of bytes. The ranking over every task of
// a million-task corpus, the largest answer there is, holds 1.7 million
// pairs, about 20 MB (BENCHMARKS.md): 128 MiB keeps several of those and
// thousands of the per-year and per-jurisdiction answers the viewer asks
// for; 4,096 entries bounds the many small ones.
const (
	coCacheEntries = 4096
	coCacheBytes   = 128 << 20
)

// coEntryOverhead is what an entry costs beside its pairs and nodes: the
// key, the result's headers and the LRU's list element and map slot.
const coEntryOverhead = 256

// coCacheKey is a filter's answer in one read index: answers of an index a
// load has replaced are never asked for again, and age out.
type coCacheKey struct {
	gen uint64 // index.gen
	coKey
}

// coCache keeps co-ownership answers within coCacheEntries entries and
// maxBytes bytes, evicting the least recently used first. One cache serves
// every snapshot of a store, so its bounds hold however often it loads.
type coCache struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[coCacheKey, *coResult]
	bytes    int64 // of the entries held
	maxBytes int64

	hits, misses, evictions atomic.Uint64
}

func newCoCache(entries int, maxBytes int64) *coCache {
	c := &coCache{maxBytes: maxBytes}
	// NewLRU fails only on a size below 1.
	c.lru, _ = simplelru.NewLRU(entries, func(_ coCacheKey, res *coResult) { c.bytes -= res.size() })
	return c
}

func (c *coCache) get(key coCacheKey) (*coResult, bool) {
	c.mu.Lock()
	res, ok := c.lru.Get(key)
	c.mu.Unlock()
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return res, ok
}

// add keeps res under key, evicting the least recently used answers until
// the cache is within its bounds, and returns the answer the cache holds:
// an earlier one when two readers computed it at once. An answer larger
// than the whole byte budget is returned but not kept.
func (c *coCache) add(key coCacheKey, res *coResult) *coResult {
	size := res.size()
	if size > c.maxBytes {
		return res
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if held, ok := c.lru.Get(key); ok {
		return held
	}
	if c.lru.Add(key, res) {
		c.evictions.Add(1)
	}
	c.bytes += size
	for c.bytes > c.maxBytes {
		c.lru.RemoveOldest()
		c.evictions.Add(1)
	}
	return res
}

// purge drops every answer: after a load none of them can be asked again.
func (c *coCache) purge() {
	c.mu.Lock()
	c.lru.Purge()
	c.mu.Unlock()
}

// size is what res holds in memory, as far as the cache's bound goes.
func (res *coResult) size() int64 {
	return coEntryOverhead +
		int64(cap(res.pairs))*int64(unsafe.Sizeof(pairCount{})) +
		int64(cap(res.nodes))*int64(unsafe.Sizeof(nodeCount{}))
}

// CacheStats is how a cache has served since the store was made.
type CacheStats struct {
	Hits, Misses uint64
	// Evictions counts answers dropped to keep within the bounds, not those
	// a load made stale.
	Evictions uint64
	Entries   int
	Bytes     int64
}

// CoOwnershipCacheStats reports the co-ownership cache, for /metrics.
func (s *Store) CoOwnershipCacheStats() CacheStats {
	c := s.co
	c.mu.Lock()
	entries, bytes := c.lru.Len(), c.bytes
	c.mu.Unlock()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load(), Entries: entries, Bytes: bytes}
}

// coOwnership is idx's co-ownership under key, from the cache when it
// holds it.
func (s *Store) coOwnership(ctx context.Context, idx *index, key coKey) (*coResult, error) {
	ck := coCacheKey{gen: idx.gen, coKey: key}
	if res, ok := s.co.get(ck); ok {
		return res, nil
	}
	res, err := idx.coOwnership(ctx, key)
	if err != nil {
		return nil, err // a count cut short is not an answer to keep
	}
	return s.co.add(ck, res), nil
}
