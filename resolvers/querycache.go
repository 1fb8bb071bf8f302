package resolvers

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// Bounds of the parsed-query cache. Dashboards repeat a handful of
// queries, and parsing and validating is the larger part of a small
// query's cost; but an entry holds the query's text and its syntax tree,
// so a bound on entries alone let 1,000 distinct 1 MB queries hold a
// gigabyte. 32 MiB keeps a thousand dashboard queries of a few hundred
// tokens each.
const (
	queryCacheEntries = 1000
	queryCacheBytes   = 32 << 20
)

// queryTokenBytes is what a parsed query holds per token beside its
// text, at most: measured at 84 bytes (arguments) to 230 (bare fields).
const queryTokenBytes = 256

// queryCache keeps parsed and validated queries, by their text, within
// queryCacheEntries entries and maxBytes bytes, evicting the least
// recently used first.
type queryCache struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[string, cachedQuery]
	bytes    int // of the entries held
	maxBytes int

	hits, misses, evictions atomic.Uint64
}

type cachedQuery struct {
	doc   *ast.QueryDocument
	bytes int
}

var _ graphql.Cache[*ast.QueryDocument] = (*queryCache)(nil)

func newQueryCache(entries, maxBytes int) *queryCache {
	c := &queryCache{maxBytes: maxBytes}
	// NewLRU fails only on a size below 1.
	c.lru, _ = simplelru.NewLRU(entries, func(_ string, q cachedQuery) { c.bytes -= q.bytes })
	return c
}

// Get is the executor's look-up: a hit skips parsing and validation.
func (c *queryCache) Get(_ context.Context, query string) (*ast.QueryDocument, bool) {
	c.mu.Lock()
	q, ok := c.lru.Get(query)
	c.mu.Unlock()
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return q.doc, ok
}

// validated is the document of query if the executor has parsed and
// validated it already; unlike Get, it neither counts as a use nor
// refreshes the entry.
func (c *queryCache) validated(query string) (*ast.QueryDocument, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	q, ok := c.lru.Peek(query)
	return q.doc, ok
}

// Add keeps a validated document, evicting the least recently used until
// the cache is within its bounds. A query larger than the whole budget is
// not kept: it is parsed again when asked again.
func (c *queryCache) Add(_ context.Context, query string, doc *ast.QueryDocument) {
	size := parsedQueryBytes(query)
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lru.Contains(query) {
		return // two requests parsed it at once: the same document
	}
	if c.lru.Add(query, cachedQuery{doc: doc, bytes: size}) {
		c.evictions.Add(1)
	}
	c.bytes += size
	for c.bytes > c.maxBytes {
		c.lru.RemoveOldest()
		c.evictions.Add(1)
	}
}

// parsedQueryBytes bounds the memory a parsed query holds: its text, which
// the syntax tree keeps as its source, and queryTokenBytes per token.
func parsedQueryBytes(query string) int {
	lex := lexer.New(&ast.Source{Input: query})
	tokens := 0
	for {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break
		}
		tokens++
	}
	return len(query) + tokens*queryTokenBytes
}

// QueryCacheStats are the parsed-query cache's figures, for /metrics, in
// the shape of memstore.CacheStats.
type QueryCacheStats struct {
	Hits, Misses uint64 // look-ups since the handler started
	Evictions    uint64 // queries dropped to keep within the bounds
	Entries      int    // queries held
	Bytes        int64  // their estimated memory
}

func (c *queryCache) stats() QueryCacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return QueryCacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load(), Entries: c.lru.Len(), Bytes: int64(c.bytes)}
}
