package memstore

import (
	"context"
	"unsafe"

	"github.com/dutygraph/dutygraph/internal/costlru"
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
// coCacheBytes bytes, evicting the least recently used first. One cache
// serves every snapshot of a store, so its bounds hold however often it
// loads.
type coCache = costlru.Cache[coCacheKey, *coResult]

func newCoCache(entries int, maxBytes int64) *coCache {
	return costlru.New[coCacheKey, *coResult](entries, maxBytes)
}

// size is what res holds in memory, as far as the cache's bound goes.
func (res *coResult) size() int64 {
	return coEntryOverhead +
		int64(cap(res.pairs))*int64(unsafe.Sizeof(pairCount{})) +
		int64(cap(res.nodes))*int64(unsafe.Sizeof(nodeCount{}))
}

// CoOwnershipCacheStats reports the co-ownership cache, for /metrics.
func (s *Store) CoOwnershipCacheStats() costlru.Stats { return s.co.Stats() }

// coOwnership is idx's co-ownership under key, from the cache when it
// holds it.
func (s *Store) coOwnership(ctx context.Context, idx *index, key coKey) (*coResult, error) {
	ck := coCacheKey{gen: idx.gen, coKey: key}
	if res, ok := s.co.Get(ck); ok {
		return res, nil
	}
	res, err := idx.coOwnership(ctx, key)
	if err != nil {
		return nil, err // a count cut short is not an answer to keep
	}
	return s.co.Add(ck, res, res.size()), nil
}
