package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
)

// maxPersistedQueryBytes is the longest query kept as a persisted query. A
// dashboard's queries are a few KB; without a bound, a client could fill the
// cache's entries with 1 MiB bodies and hold a gigabyte of memory.
const maxPersistedQueryBytes = 32 << 10

// persistedQueries is the automatic persisted query cache: the last n
// queries by SHA-256, each at most maxPersistedQueryBytes. A longer query
// still runs when sent in full; it is only not remembered, so its hash
// alone keeps answering PersistedQueryNotFound.
type persistedQueries struct{ lru *lru.LRU[string] }

var _ graphql.Cache[string] = persistedQueries{}

func newPersistedQueries(n int) persistedQueries {
	return persistedQueries{lru: lru.New[string](n)}
}

func (c persistedQueries) Get(ctx context.Context, hash string) (string, bool) {
	return c.lru.Get(ctx, hash)
}

func (c persistedQueries) Add(ctx context.Context, hash, query string) {
	if len(query) <= maxPersistedQueryBytes {
		c.lru.Add(ctx, hash, query)
	}
}
