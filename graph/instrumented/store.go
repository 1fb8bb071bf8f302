// Package instrumented wraps a graph.Store so that every call is timed and
// its outcome reported, whatever store is inside: the server turns the
// reports into Prometheus histograms of store latency per method.
package instrumented

import (
	"context"
	"time"

	"github.com/dutygraph/dutygraph/graph"
)

// Observer is told of every store call: the method's name (as in
// graph.Store), how long it took, and its error (nil on success).
type Observer func(method string, took time.Duration, err error)

// Store is a graph.Store reporting each call to an Observer.
type Store struct {
	inner   graph.Store
	observe Observer
}

var _ graph.Store = (*Store)(nil)

// Wrap returns inner reporting to observe.
func Wrap(inner graph.Store, observe Observer) *Store {
	return &Store{inner: inner, observe: observe}
}

// timed calls f and reports it as method.
func timed[T any](s *Store, method string, f func() (T, error)) (T, error) {
	start := time.Now()
	v, err := f()
	s.observe(method, time.Since(start), err)
	return v, err
}

// Published is the inner store's, for callers that keep answers while it
// holds (see memstore.Store.Published); ok is false when the inner store
// has none. Not timed: it reads a counter.
func (s *Store) Published() (published uint64, ok bool) {
	if v, is := s.inner.(interface{ Published() (uint64, bool) }); is {
		return v.Published()
	}
	return 0, false
}

func (s *Store) Load(ctx context.Context, b *graph.Batch) error {
	_, err := timed(s, "Load", func() (struct{}, error) { return struct{}{}, s.inner.Load(ctx, b) })
	return err
}

func (s *Store) Remove(ctx context.Context, documentID string) error {
	_, err := timed(s, "Remove", func() (struct{}, error) { return struct{}{}, s.inner.Remove(ctx, documentID) })
	return err
}

func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	return timed(s, "Stats", func() (graph.Stats, error) { return s.inner.Stats(ctx) })
}

func (s *Store) Jurisdictions(ctx context.Context) ([]graph.Jurisdiction, error) {
	return timed(s, "Jurisdictions", func() ([]graph.Jurisdiction, error) { return s.inner.Jurisdictions(ctx) })
}

func (s *Store) Reports(ctx context.Context) ([]graph.Report, error) {
	return timed(s, "Reports", func() ([]graph.Report, error) { return s.inner.Reports(ctx) })
}

func (s *Store) Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error) {
	return timed(s, "Plans", func() ([]graph.Plan, error) { return s.inner.Plans(ctx, f) })
}

func (s *Store) Sections(ctx context.Context, documentID string) ([]graph.Section, error) {
	return timed(s, "Sections", func() ([]graph.Section, error) { return s.inner.Sections(ctx, documentID) })
}

func (s *Store) PlansByID(ctx context.Context, ids []string) (map[string]graph.Plan, error) {
	return timed(s, "PlansByID", func() (map[string]graph.Plan, error) { return s.inner.PlansByID(ctx, ids) })
}

func (s *Store) SectionsByID(ctx context.Context, ids []string) (map[string]graph.Section, error) {
	return timed(s, "SectionsByID", func() (map[string]graph.Section, error) { return s.inner.SectionsByID(ctx, ids) })
}

func (s *Store) UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error) {
	return timed(s, "UnitsByID", func() (map[string]graph.Unit, error) { return s.inner.UnitsByID(ctx, ids) })
}

func (s *Store) TasksByID(ctx context.Context, ids []string) (map[string]graph.Task, error) {
	return timed(s, "TasksByID", func() (map[string]graph.Task, error) { return s.inner.TasksByID(ctx, ids) })
}

func (s *Store) FindUnit(ctx context.Context, name, jurisdiction string) (graph.Unit, error) {
	return timed(s, "FindUnit", func() (graph.Unit, error) { return s.inner.FindUnit(ctx, name, jurisdiction) })
}

func (s *Store) Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error) {
	return timed(s, "Units", func() (graph.UnitPage, error) { return s.inner.Units(ctx, f, p) })
}

func (s *Store) Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error) {
	return timed(s, "Tasks", func() (graph.TaskPage, error) { return s.inner.Tasks(ctx, f, p) })
}

func (s *Store) Successions(ctx context.Context, unitID string) (predecessors, successors []graph.Succession, err error) {
	both, err := timed(s, "Successions", func() ([2][]graph.Succession, error) {
		p, s, err := s.inner.Successions(ctx, unitID)
		return [2][]graph.Succession{p, s}, err
	})
	return both[0], both[1], err
}

func (s *Store) Workload(ctx context.Context, unitIDs []string, year int) (graph.Workload, error) {
	return timed(s, "Workload", func() (graph.Workload, error) { return s.inner.Workload(ctx, unitIDs, year) })
}

func (s *Store) CoOwnership(ctx context.Context, f graph.CoOwnershipFilter, limit int) ([]graph.UnitPair, error) {
	return timed(s, "CoOwnership", func() ([]graph.UnitPair, error) { return s.inner.CoOwnership(ctx, f, limit) })
}

func (s *Store) Targets(ctx context.Context, f graph.TargetFilter) ([]graph.Target, error) {
	return timed(s, "Targets", func() ([]graph.Target, error) { return s.inner.Targets(ctx, f) })
}

func (s *Store) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	return timed(s, "Network", func() (graph.Network, error) { return s.inner.Network(ctx, f, minShared) })
}

func (s *Store) UnitWorkloads(ctx context.Context, f graph.CoOwnershipFilter) ([]graph.NetworkNode, error) {
	return timed(s, "UnitWorkloads", func() ([]graph.NetworkNode, error) { return s.inner.UnitWorkloads(ctx, f) })
}
