package duty

import (
	"context"
	"fmt"
	"sync"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
)

// View is one request's reading of the graph: everything the request's
// questions read goes through it, so that nothing is fetched twice. It
// batches the edge lookups of a whole response (a page of 100 tasks names
// some 300 units) into one store call per kind, keeps the small whole lists
// (plans, reports, jurisdictions) once fetched, and remembers the task
// lists the analysis reads, so a page of tasks each asking for its
// continuation reads the two plans once, not once per task.
//
// Batching is by expectation rather than by a timer: a caller that returns
// tasks, pairs or counts announces the IDs their fields will ask for
// (Expect…), and the first load fetches all announced IDs at once. That
// keeps the number of store calls fixed, however the goroutines of a
// GraphQL executor happen to be scheduled.
//
// A View is safe for concurrent use; it lives as long as its request.
type View struct {
	core  *Core
	store graph.Store

	units    *batcher[graph.Unit]
	sections *batcher[graph.Section]
	plans    *batcher[graph.Plan]
	tasks    *batcher[graph.Task]
	// targets holds each document's targets, by document ID.
	targets *batcher[[]graph.Target]

	allPlans         once[[]graph.Plan]
	allReports       once[[]graph.Report]
	allJurisdictions once[[]graph.Jurisdiction]

	// reads are the analysis's whole-list reads, remembered by argument.
	reads memoReads
	// results are the answers a request may ask for many times over
	// (networks, lineage suggestions), computed once by argument.
	results memo
}

func newView(c *Core) *View {
	s := c.store
	v := &View{
		core:             c,
		store:            s,
		units:            newBatcher("unit", s.UnitsByID),
		sections:         newBatcher("section", s.SectionsByID),
		plans:            newBatcher("plan", s.PlansByID),
		tasks:            newBatcher("task", s.TasksByID),
		targets:          newBatcher("target", documentTargets(s)),
		allPlans:         once[[]graph.Plan]{fetch: func(ctx context.Context) ([]graph.Plan, error) { return s.Plans(ctx, graph.PlanFilter{}) }},
		allReports:       once[[]graph.Report]{fetch: s.Reports},
		allJurisdictions: once[[]graph.Jurisdiction]{fetch: s.Jurisdictions},
	}
	v.reads = memoReads{store: s, units: v.units, allPlans: &v.allPlans}
	return v
}

// analysis is the analysis reading through this view.
func (v *View) analysis() *analysis.Analyzer {
	return analysis.New(&v.reads, v.core.comparisons)
}

// expectTasks announces the units, sections and plans the fields of these
// tasks may load.
func (v *View) expectTasks(tasks []graph.Task) {
	for _, t := range tasks {
		v.units.expect(t.Leads...)
		v.units.expect(t.Cooperators...)
		if t.SectionID != "" {
			v.sections.expect(t.SectionID)
		}
		v.plans.expect(t.PlanID)
	}
}

// Unit is the unit with this ID, which the graph must hold.
func (v *View) Unit(ctx context.Context, id string) (*graph.Unit, error) {
	return v.units.load(ctx, id)
}

// Units are the units with these IDs, in their order, with one store call.
func (v *View) Units(ctx context.Context, ids []string) ([]*graph.Unit, error) {
	return v.units.loadMany(ctx, ids)
}

// Section is the section with this ID, which the graph must hold.
func (v *View) Section(ctx context.Context, id string) (*graph.Section, error) {
	return v.sections.load(ctx, id)
}

// Plan is the plan with this ID, which the graph must hold.
func (v *View) Plan(ctx context.Context, id string) (*graph.Plan, error) {
	return v.plans.load(ctx, id)
}

// PlanIfAny is the plan with this ID, or nil when the ID is a report's.
func (v *View) PlanIfAny(ctx context.Context, id string) (*graph.Plan, error) {
	p, ok, err := v.plans.lookup(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	return &p, nil
}

// Task is the task with this ID, which the graph must hold.
func (v *View) Task(ctx context.Context, id string) (*graph.Task, error) {
	return v.tasks.load(ctx, id)
}

// AllPlans lists every loaded plan, ordered as graph.Store.Plans.
func (v *View) AllPlans(ctx context.Context) ([]graph.Plan, error) { return v.allPlans.get(ctx) }

// Reports lists every report, loaded or referenced by a plan.
func (v *View) Reports(ctx context.Context) ([]graph.Report, error) { return v.allReports.get(ctx) }

// Jurisdictions lists every jurisdiction with a loaded document or unit.
func (v *View) Jurisdictions(ctx context.Context) ([]graph.Jurisdiction, error) {
	return v.allJurisdictions.get(ctx)
}

// documentTargets fetches the targets of whole documents, one store call
// per plan or report: a page of tasks asking for their targets costs a call
// per plan on the page, not one per task.
func documentTargets(store graph.Store) func(context.Context, []string) (map[string][]graph.Target, error) {
	return func(ctx context.Context, ids []string) (map[string][]graph.Target, error) {
		out := make(map[string][]graph.Target, len(ids))
		for _, id := range ids {
			ts, err := store.Targets(ctx, graph.TargetFilter{DocumentID: id})
			if err != nil {
				return nil, err
			}
			out[id] = ts
		}
		return out, nil
	}
}

// memoReads is what the analysis reads (analysis.Source), each distinct
// read made once per request: the analysis of every task on a page asks
// for the same plans' tasks. Units and plans come from the view's own
// batch and list, so the analysis and the fields beside it share them.
type memoReads struct {
	store    graph.Store
	units    *batcher[graph.Unit]
	allPlans *once[[]graph.Plan]
	memo
}

// memo holds values computed once per request, by key.
type memo struct {
	mu    sync.Mutex
	memos map[string]any // *once[T] by method and arguments
}

// memoized runs fetch once per key for the request's lifetime.
func memoized[T any](m *memo, ctx context.Context, key string, fetch func(context.Context) (T, error)) (T, error) {
	m.mu.Lock()
	if m.memos == nil {
		m.memos = map[string]any{}
	}
	o, ok := m.memos[key].(*once[T])
	if !ok {
		o = &once[T]{fetch: fetch}
		m.memos[key] = o
	}
	m.mu.Unlock()
	return o.get(ctx)
}

func (m *memoReads) Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error) {
	return memoized(&m.memo, ctx, fmt.Sprintf("Tasks %v %v", f, p), func(ctx context.Context) (graph.TaskPage, error) {
		return m.store.Tasks(ctx, f, p)
	})
}

// Plans filters the view's list of every plan, which is in the store's
// order.
func (m *memoReads) Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error) {
	all, err := m.allPlans.get(ctx)
	if err != nil {
		return nil, err
	}
	var out []graph.Plan
	for _, p := range all {
		if (f.Jurisdiction == "" || p.Jurisdiction == f.Jurisdiction) && (f.Year == 0 || p.Year == f.Year) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (m *memoReads) Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error) {
	return memoized(&m.memo, ctx, fmt.Sprintf("Units %v %v", f, p), func(ctx context.Context) (graph.UnitPage, error) {
		return m.store.Units(ctx, f, p)
	})
}

// UnitsByID takes the units from the view's batch: unknown IDs are absent,
// as the store leaves them.
func (m *memoReads) UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error) {
	m.units.expect(ids...)
	out := make(map[string]graph.Unit, len(ids))
	for _, id := range ids {
		u, ok, err := m.units.lookup(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = u
		}
	}
	return out, nil
}

func (m *memoReads) Successions(ctx context.Context, unitID string) ([]graph.Succession, []graph.Succession, error) {
	type both struct{ predecessors, successors []graph.Succession }
	got, err := memoized(&m.memo, ctx, "Successions "+unitID, func(ctx context.Context) (both, error) {
		p, s, err := m.store.Successions(ctx, unitID)
		return both{p, s}, err
	})
	return got.predecessors, got.successors, err
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

// once fetches a value at most once per request.
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
