package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dutygraph/dutygraph/internal/costlru"
)

// maxPersistedQueryBytes is the longest query kept as a persisted query. A
// dashboard's queries are a few KB; without a bound, a client could fill the
// cache's entries with 1 MiB bodies and hold a gigabyte of memory.
const maxPersistedQueryBytes = 32 << 10

// persistedQueriesBytes bounds the whole cache: a thousand dashboard
// queries of a few KB each.
const persistedQueriesBytes = 8 << 20

// persistedQueries is the automatic persisted query cache: the last n
// queries by SHA-256, each at most maxPersistedQueryBytes, all within
// persistedQueriesBytes. A longer query still runs when sent in full; it is
// only not remembered, so its hash alone keeps answering
// PersistedQueryNotFound.
type persistedQueries struct {
	lru *costlru.Cache[string, string]
}

var _ graphql.Cache[string] = persistedQueries{}

func newPersistedQueries(n int) persistedQueries {
	return persistedQueries{costlru.New[string, string](n, persistedQueriesBytes)}
}

func (c persistedQueries) Get(_ context.Context, hash string) (string, bool) {
	return c.lru.Get(hash)
}

func (c persistedQueries) Add(_ context.Context, hash, query string) {
	if len(query) <= maxPersistedQueryBytes {
		c.lru.Add(hash, query, int64(len(hash)+len(query)))
	}
}
