package resolvers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"io"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/dutygraph/dutygraph/internal/costlru"
)

// Bounds of the answer cache. A dashboard or the viewer repeats a handful
// of queries; a client can ask millions of distinct ones, so entries and
// bytes are both bounded. 64 MiB keeps thousands of answers of a few
// kilobytes and the viewer's networks of one place and year (60 KB at a
// million tasks) by the hundred; an answer above 4 MiB (a country-wide
// network) is computed each time rather than pushing hundreds out.
const (
	answerCacheEntries = 4096
	answerCacheBytes   = 64 << 20
	maxCachedAnswer    = 4 << 20
)

// answerEntryOverhead is what an entry costs beside its answer and key
// texts: the key's headers and the LRU's list element and map slot.
const answerEntryOverhead = 256

// answerKey is one root field of one query at one version of the store:
// the same text, operation and variables select the same field with the
// same arguments and sub-selection. They are kept as their SHA-256, so
// that an entry costs its answer, not the query's text (up to a megabyte).
type answerKey struct {
	version uint64
	request [sha256.Size]byte // of the query, operation and variables
	alias   string
}

// answerCache keeps the JSON of root fields answered without error while
// the store's version stays the same. Rendering a field is most of what a
// repeated question costs once the store has its answer: a network of one
// place and year is a thousand edges, each resolved and written field by
// field by gqlgen, 3 ms a request at a million tasks. The cache is a root
// field middleware, so that every limit, the admission of heavy queries
// and the metrics still see each request; only the resolving and
// rendering of a field answered before are skipped.
type answerCache struct {
	version func() (uint64, bool)
	lru     *costlru.Cache[answerKey, []byte]
}

func newAnswerCache(version func() (uint64, bool), entries int, maxBytes int64) answerCache {
	return answerCache{version: version, lru: costlru.New[answerKey, []byte](entries, maxBytes)}
}

// aroundRootFields answers a root field from the cache, or resolves it and
// keeps its JSON when it had no error and the store did not change
// meanwhile. A store without a version (Neo4j, which others may write to)
// is never cached for.
func (c answerCache) aroundRootFields(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	version, ok := c.version()
	if !ok {
		return next(ctx)
	}
	op := graphql.GetOperationContext(ctx)
	vars, err := json.Marshal(op.Variables) // keys sorted
	if err != nil {
		return next(ctx)
	}
	alias := graphql.GetRootFieldContext(ctx).Field.Alias
	key := answerKey{version: version, request: requestDigest(op.RawQuery, op.OperationName, string(vars)), alias: alias}
	if answer, ok := c.lru.Get(key); ok {
		return rawJSON(answer)
	}
	m := next(ctx)
	if after, _ := c.version(); after != version || failed(ctx, alias) {
		return m
	}
	var buf bytes.Buffer
	m.MarshalGQL(&buf)
	answer := buf.Bytes()
	if len(answer) <= maxCachedAnswer {
		// The alias is a slice of the query's text, which it would keep.
		key.alias = strings.Clone(alias)
		c.lru.Add(key, answer, int64(cap(answer)+len(alias)+answerEntryOverhead))
	}
	return rawJSON(answer)
}

// requestDigest is the SHA-256 of the parts, each preceded by its length
// so that no two lists of parts run together into the same bytes.
func requestDigest(parts ...string) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		io.WriteString(h, p)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// failed reports whether an error was raised at or under the root field
// alias: its answer, nulled or partial, is not one to keep.
func failed(ctx context.Context, alias string) bool {
	for _, err := range graphql.GetErrors(ctx) {
		if len(err.Path) == 0 || err.Path[0] == ast.PathName(alias) {
			return true
		}
	}
	return false
}

// rawJSON writes an answer already in JSON.
func rawJSON(answer []byte) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = w.Write(answer) })
}
