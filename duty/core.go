// Package duty answers the questions dutygraph is for — who is responsible
// for what, how a unit's workload changed, which units work together — over
// whichever graph.Store holds the documents. It owns the rules those
// answers follow and the checks every caller shares: a year without a
// plan, an unknown or ambiguous place or unit, each refused with one error
// type and one wording, whether the question came over GraphQL, as an
// export or on the command line. The transports (resolvers, export, the
// CLI) translate their arguments into this package's typed ones and
// present what it returns; they hold no rule of their own.
//
// Questions are asked of a View, one per request, which fetches what the
// request reads once (see View). Loading and reloading a corpus of
// documents is Corpus's.
package duty

import (
	"context"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/internal/costlru"
)

// Core is the domain over one store, shared by every request. It keeps
// what outlives a request: the analysis's recent plan comparisons.
type Core struct {
	store       graph.Store
	comparisons *analysis.Comparisons
}

// New returns the domain over store.
func New(store graph.Store) *Core {
	return &Core{store: store, comparisons: analysis.NewComparisons()}
}

// ComparisonCacheStats reports how the cache of plan comparisons has
// served, for /metrics.
func (c *Core) ComparisonCacheStats() costlru.Stats { return c.comparisons.Stats() }

// published is a store that tells when its answers change: the same count
// of changes published, the same answers (memstore.Store). ok is false when
// it cannot tell, as for a database that other writers change.
type published interface {
	Published() (published uint64, ok bool)
}

// StoreVersion is the store's count of changes published when it keeps
// one: answers computed at one count stay right while StoreVersion returns
// it with ok.
func (c *Core) StoreVersion() (version uint64, ok bool) {
	if v, is := c.store.(published); is {
		return v.Published()
	}
	return 0, false
}

// Store is the store the questions read.
func (c *Core) Store() graph.Store { return c.store }

// View starts a request's reading of the graph.
func (c *Core) View() *View { return newView(c) }

type viewKey struct{}

// WithView gives ctx a fresh View, for the request ctx carries.
func (c *Core) WithView(ctx context.Context) context.Context {
	return context.WithValue(ctx, viewKey{}, c.View())
}

// ViewFrom returns the View WithView put in ctx. A context without one (a
// call outside a request) gets a fresh View, which still batches within
// the call but keeps nothing beyond it.
func (c *Core) ViewFrom(ctx context.Context) *View {
	if v, ok := ctx.Value(viewKey{}).(*View); ok && v.core == c {
		return v
	}
	return c.View()
}
