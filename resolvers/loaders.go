package resolvers

import (
	"context"
	"fmt"
	"sync"

	"github.com/dutygraph/dutygraph/graph"
)

// loaders are the per-request data loaders. They batch the edge lookups of
// a whole response (a page of 100 tasks names some 300 units) into one
// store call per kind, and cache what one request has fetched.
//
// Batching is by expectation rather than by a timer: a resolver that returns
// tasks, pairs or counts announces the IDs its children will ask for
// (expect), and the first child that loads fetches all announced IDs at once.
// That keeps the number of store calls fixed, however the goroutines of the
// executor happen to be scheduled.
type loaders struct {
	units    *batcher[graph.Unit]
	sections *batcher[graph.Section]
	plans    *batcher[graph.Plan]
	tasks    *batcher[graph.Task]
	// targets holds each document's targets, by document ID (targets.go).
	targets *batcher[[]graph.Target]

	// Small whole lists, fetched at most once per request.
	allPlans         once[[]graph.Plan]
	allReports       once[[]graph.Report]
	allJurisdictions once[[]graph.Jurisdiction]
}

type loadersKey struct{}

func newLoaders(store graph.Store) *loaders {
	return &loaders{
		units:            newBatcher("unit", store.UnitsByID),
		sections:         newBatcher("section", store.SectionsByID),
		plans:            newBatcher("plan", store.PlansByID),
		tasks:            newBatcher("task", store.TasksByID),
		targets:          newBatcher("target", documentTargets(store)),
		allPlans:         once[[]graph.Plan]{fetch: func(ctx context.Context) ([]graph.Plan, error) { return store.Plans(ctx, graph.PlanFilter{}) }},
		allReports:       once[[]graph.Report]{fetch: store.Reports},
		allJurisdictions: once[[]graph.Jurisdiction]{fetch: store.Jurisdictions},
	}
}

// withLoaders gives a request its own loaders.
func withLoaders(ctx context.Context, store graph.Store) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(store))
}

// requestLoaders returns the request's loaders. A context without them (a
// resolver called outside the handler) gets fresh ones, which still batch
// within the call but cache nothing beyond it.
func (r *Resolver) requestLoaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.Store)
}

// expectTasks announces the units, sections and plans the fields of these
// tasks may load.
func (l *loaders) expectTasks(tasks []graph.Task) {
	for _, t := range tasks {
		l.units.expect(t.Leads...)
		l.units.expect(t.Cooperators...)
		if t.SectionID != "" {
			l.sections.expect(t.SectionID)
		}
		l.plans.expect(t.PlanID)
	}
}

// batcher loads values of one kind by ID, many per store call.
type batcher[T any] struct {
	what  string // names the kind in errors
	fetch func(ctx context.Context, ids []string) (map[string]T, error)

	mu      sync.Mutex
	pending []string             // expected IDs not fetched yet
	batches map[string]*batch[T] // the batch each requested ID was (or is being) fetched in
}

// batch is one store call; done is closed when values and err are set.
type batch[T any] struct {
	done   chan struct{}
	values map[string]T
	err    error
}

func newBatcher[T any](what string, fetch func(context.Context, []string) (map[string]T, error)) *batcher[T] {
	return &batcher[T]{what: what, fetch: fetch, batches: map[string]*batch[T]{}}
}

// expect announces IDs to fetch with the next batch.
func (b *batcher[T]) expect(ids ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		if _, ok := b.batches[id]; !ok {
			b.pending = append(b.pending, id)
		}
	}
}

// lookup returns the value with this ID; ok is false when the store has
// none. An ID not yet fetched is fetched together with every expected one.
func (b *batcher[T]) lookup(ctx context.Context, id string) (v T, ok bool, err error) {
	b.mu.Lock()
	bt, known := b.batches[id]
	if !known {
		bt = &batch[T]{done: make(chan struct{})}
		ids := append(b.pending, id)
		b.pending = nil
		keys := make([]string, 0, len(ids))
		for _, k := range ids {
			if _, dup := b.batches[k]; !dup {
				b.batches[k] = bt
				keys = append(keys, k)
			}
		}
		b.mu.Unlock()
		bt.values, bt.err = b.fetch(ctx, keys)
		close(bt.done)
	} else {
		b.mu.Unlock()
		select {
		case <-bt.done:
		case <-ctx.Done():
			return v, false, ctx.Err()
		}
	}
	if bt.err != nil {
		return v, false, fmt.Errorf("fetch %ss: %w", b.what, bt.err)
	}
	v, ok = bt.values[id]
	return v, ok, nil
}

// load is lookup for an ID that must exist: an edge of the graph pointing
// at a node the store lacks.
func (b *batcher[T]) load(ctx context.Context, id string) (*T, error) {
	v, ok, err := b.lookup(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s %q: %w", b.what, id, graph.ErrNotFound)
	}
	return &v, nil
}

// loadMany loads several IDs with at most one store call, in their order.
func (b *batcher[T]) loadMany(ctx context.Context, ids []string) ([]*T, error) {
	b.expect(ids...)
	out := make([]*T, 0, len(ids))
	for _, id := range ids {
		v, err := b.load(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// once fetches a whole list at most once per request.
type once[T any] struct {
	fetch func(ctx context.Context) (T, error)
	once  sync.Once
	value T
	err   error
}

func (o *once[T]) get(ctx context.Context) (T, error) {
	o.once.Do(func() { o.value, o.err = o.fetch(ctx) })
	return o.value, o.err
}
