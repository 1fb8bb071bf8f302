package duty

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
)

// Corpus is a set of documents and the registry they are read with: the
// seeds bundled in the binary, a folder, or one file with what its user
// says about it.
type Corpus struct {
	Docs     fs.FS
	Registry *registry.Registry
}

// CorpusSource reads a corpus afresh each time, so that a reload sees what
// changed on disk (documents and registry files alike).
type CorpusSource func() (Corpus, error)

// Load loads a corpus into the store: `serve` on start, `POST
// /admin/reload` and `load DIR` all load through it. Each document loads
// whole or not at all, so one that fails is listed in the summary with its
// error while the others load. A corpus of which nothing loads is an error
// (the summary still says why each file was not loaded), and so is a
// cancelled ctx. After a load the store is readied for its first readers.
func (c *Core) Load(ctx context.Context, corpus Corpus) (loader.LoadSummary, error) {
	sum, err := loader.LoadFS(ctx, c.store, corpus.Docs, corpus.Registry)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return sum, ctxErr
	}
	if len(sum.Loaded) == 0 {
		if err == nil {
			err = errors.New("no documents")
		}
		return sum, fmt.Errorf("nothing loaded: %w", err)
	}
	Settle(ctx, c.store)
	return sum, nil
}

// Settle readies a freshly loaded store for its first readers: the first
// read builds what a store builds lazily (the memory store's read index
// takes 0.7 s at a million tasks), and a collection frees the load's
// garbage, whose marking would otherwise land on the first requests
// (BENCHMARKS.md: a 0.3 s GC pause under the first co-ownership ranking at
// a million tasks). A failed read is left for the first reader to meet.
func Settle(ctx context.Context, store graph.Reader) {
	_, _ = store.Tasks(ctx, graph.TaskFilter{}, graph.Page{Limit: 1})
	runtime.GC()
}
