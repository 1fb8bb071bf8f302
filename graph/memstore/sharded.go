package memstore

import (
	"hash/maphash"
	"iter"
)

// numShards splits a snapshot's maps so that a load copies 256 shard
// pointers and the few shards its document writes to, not the whole map: a
// map copied whole on every load makes a bulk load of n documents cost n².
const numShards = 256

var shardSeed = maphash.MakeSeed()

// shardedMap is a string-keyed map shared between snapshots. A snapshot's
// maps never change once it is published; the next snapshot starts from
// derive, which shares every shard, and set copies a shard on its first
// write to it.
type shardedMap[V any] struct {
	shards [numShards]map[string]V
	owned  [numShards]bool // shards this map copied and may write to
	n      int
}

func newShardedMap[V any]() *shardedMap[V] { return &shardedMap[V]{} }

func shardOf(key string) int { return int(maphash.String(shardSeed, key) % numShards) }

// derive returns a map with the same entries, sharing every shard with m.
func (m *shardedMap[V]) derive() *shardedMap[V] {
	return &shardedMap[V]{shards: m.shards, n: m.n}
}

func (m *shardedMap[V]) get(key string) (V, bool) {
	v, ok := m.shards[shardOf(key)][key]
	return v, ok
}

// set writes an entry; call it only on a map from derive or newShardedMap
// that no reader has seen yet.
func (m *shardedMap[V]) set(key string, v V) {
	i := shardOf(key)
	if !m.owned[i] {
		shard := make(map[string]V, len(m.shards[i])+1)
		for k, v := range m.shards[i] {
			shard[k] = v
		}
		m.shards[i], m.owned[i] = shard, true
	}
	if _, ok := m.shards[i][key]; !ok {
		m.n++
	}
	m.shards[i][key] = v
}

func (m *shardedMap[V]) len() int { return m.n }

// all yields every entry, in no particular order.
func (m *shardedMap[V]) all() iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for _, shard := range m.shards {
			for k, v := range shard {
				if !yield(k, v) {
					return
				}
			}
		}
	}
}
