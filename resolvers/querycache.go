package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"

	"github.com/dutygraph/dutygraph/internal/costlru"
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
// its entries and bytes, evicting the least recently used first: the
// executor's graphql.Cache.
type queryCache struct {
	lru *costlru.Cache[string, *ast.QueryDocument]
}

var _ graphql.Cache[*ast.QueryDocument] = queryCache{}

func newQueryCache(entries int, maxBytes int64) queryCache {
	return queryCache{costlru.New[string, *ast.QueryDocument](entries, maxBytes)}
}

// Get is the executor's look-up: a hit skips parsing and validation.
func (c queryCache) Get(_ context.Context, query string) (*ast.QueryDocument, bool) {
	return c.lru.Get(query)
}

// validated is the document of query if the executor has parsed and
// validated it already; unlike Get, it neither counts as a use nor
// refreshes the entry.
func (c queryCache) validated(query string) (*ast.QueryDocument, bool) {
	return c.lru.Peek(query)
}

// Add keeps a validated document. A query larger than the whole budget is
// not kept: it is parsed again when asked again.
func (c queryCache) Add(_ context.Context, query string, doc *ast.QueryDocument) {
	c.lru.Add(query, doc, parsedQueryBytes(query))
}

// parsedQueryBytes bounds the memory a parsed query holds: its text, which
// the syntax tree keeps as its source, and queryTokenBytes per token.
func parsedQueryBytes(query string) int64 {
	lex := lexer.New(&ast.Source{Input: query})
	tokens := 0
	for {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break
		}
		tokens++
	}
	return int64(len(query) + tokens*queryTokenBytes)
}
