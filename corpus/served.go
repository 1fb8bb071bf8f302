package corpus

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
)

// Source reads a corpus afresh: a folder as it is now, or an archive, on
// at most opts.Workers goroutines (< 1: one per CPU). A folder takes from
// opts.Earlier what did not change since (see loader.FSOptions).
type Source func(ctx context.Context, opts loader.FSOptions) (Reading, error)

// Folder is the source of the documents of a folder (or a bundled set), read
// with the registry it has at the time of each read. A file is named by
// name(file) as its source.
func Folder(open duty.CorpusSource, name func(file string) string) Source {
	return func(ctx context.Context, opts loader.FSOptions) (Reading, error) {
		c, err := open()
		if err != nil {
			return Reading{}, err
		}
		return Read(ctx, c, name, time.Now(), opts)
	}
}

// Source is the archive as a source. An archive never written is first
// filled from seed (the bundled documents, on a first run), so that a new
// user has something to ask about.
func (a *Archive) Source(seed Source) Source {
	return func(ctx context.Context, opts loader.FSOptions) (Reading, error) {
		if size, _ := a.Version(); size == 0 && seed != nil {
			r, err := seed(ctx, opts)
			if err != nil {
				return r, fmt.Errorf("seeding %s: %w", a.Path(), err)
			}
			return r, a.Apply(r.Docs, nil)
		}
		docs, err := a.Documents(opts.Workers)
		return Reading{Docs: docs}, err
	}
}

// Outcome is what a reload read and what it changed.
type Outcome struct {
	Read   loader.LoadSummary
	Change Change
}

// Served is the corpus a server answers from and how it follows its
// source. The embedded store is built anew from the whole corpus on every
// change and swapped in whole (Swap), so that a request, which takes the
// store once, reads one state from start to end and never half a reload,
// while the reload runs beside it. A store keeping its own documents
// (Neo4j) is changed in place, a document at a time (Store).
type Served struct {
	Source Source
	// Guard keeps the old text of a document that shrank sharply since the
	// last read (see Shrunk) unless a reload is forced. An archive was
	// guarded when documents were added to it, a folder is guarded here.
	Guard bool
	// Swap makes the server answer from a newly built embedded store; nil
	// when Store is set.
	Swap func(graph.Store) error
	// Store is changed in place when Swap is nil.
	Store graph.Store

	mu sync.Mutex
	// held is what the embedded store built last holds, without the
	// batches: those the store keeps itself (built), sharing its tasks,
	// and a document kept on the next reload is taken from there, so that
	// a corpus is not held twice.
	held  []Document
	built *memstore.Store
	// serving is set once a reload has succeeded: the reloads after it run
	// beside requests.
	serving bool
	// read is the loader's summary of the folder as the embedded store
	// built last read it: a file unchanged since is taken from there and
	// from built, not parsed again.
	read loader.LoadSummary
}

// Reload makes the store hold what the source holds now: with replace,
// exactly that (documents gone from the source are removed), else that
// added to what the store holds. A source that fails to read any document
// (a folder with none: an unmounted volume) changes nothing and is an
// error; an archive whose documents were all removed empties the store.
// Reloads run one at a time.
func (s *Served) Reload(ctx context.Context, force, replace bool) (Outcome, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A reload beside requests reads on every CPU but one, so that a
	// request finds one free: on two cores, reading a 100,000-task folder
	// on both took the p99 of the queries asked meanwhile from 2-4 ms to
	// 11 ms, on one to 7 ms (dgbench reload).
	var opts loader.FSOptions
	if s.serving {
		opts.Workers = max(1, runtime.GOMAXPROCS(0)-1)
	}
	if s.built != nil {
		opts.Earlier, opts.Batch = s.read, s.heldBatches()
	}
	r, err := s.Source(ctx, opts)
	out := Outcome{Read: r.Summary}
	next := r.Docs
	if len(next) == 0 && err != nil {
		return out, fmt.Errorf("nothing read, the store is left as it was: %w", err)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return out, ctxErr
	}
	old := s.held
	if s.Swap == nil {
		if old, err = Held(ctx, s.Store); err != nil {
			return out, err
		}
	}
	if !replace {
		next = With(old, next)
	}
	out.Change = Reconcile(old, next, r.Unread, force || !s.Guard)
	if s.Swap == nil {
		err := out.Change.Apply(ctx, s.Store)
		s.serving = s.serving || err == nil
		return out, err
	}
	docs := slices.Clone(out.Change.Next)
	for i := range docs {
		if docs[i].Batch == nil {
			docs[i].Batch, _ = s.built.Batch(docs[i].ID)
		}
	}
	// What the outcome reports needs no batches: without them there (the
	// reading is not used again), docs holds the only reference to each
	// parsed batch, and Fill frees them as it goes, before the collection
	// Settle runs.
	out.Change = out.Change.withoutBatches()
	store := memstore.New()
	if err := Fill(ctx, store, docs); err != nil {
		return out, err
	}
	duty.Settle(ctx, store)
	if err := s.Swap(store); err != nil {
		return out, err
	}
	s.held, s.built, s.serving, s.read = docs, store, true, r.Summary
	return out, nil
}

// heldBatches gives the batch the embedded store built last holds of the
// document a file of the last read is, if it holds that text of it (not
// an older one kept because the new one shrank). Safe for the loader's
// workers to call at once; make it with mu held.
func (s *Served) heldBatches() func(f loader.LoadedFile) (*graph.Batch, bool) {
	digest := make(map[string]string, len(s.held))
	for _, d := range s.held {
		digest[d.ID] = d.SHA256
	}
	built := s.built
	return func(f loader.LoadedFile) (*graph.Batch, bool) {
		if digest[f.ID] != f.SHA256 {
			return nil, false
		}
		return built.Batch(f.ID)
	}
}
