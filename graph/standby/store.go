// Package standby lets a server start before its store can be reached: a
// Store that answers graph.ErrUnavailable until the real one is connected,
// and Retry, which keeps trying to connect with capped, jittered
// exponential backoff. With it `serve --store neo4j` answers /healthz at
// once, reports not-ready on /readyz while Neo4j is down, and recovers by
// itself when Neo4j comes up.
package standby

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/dutygraph/dutygraph/graph"
)

// Store is a graph.Store that is not connected until Connect is called.
type Store struct {
	inner atomic.Pointer[graph.Store]
}

var _ graph.Store = (*Store)(nil)

// New returns a Store that is not connected yet.
func New() *Store { return &Store{} }

// Connect makes every later call go to inner.
func (s *Store) Connect(inner graph.Store) { s.inner.Store(&inner) }

// Connected reports whether Connect has been called.
func (s *Store) Connected() bool { return s.inner.Load() != nil }

// errNotConnected is what every call answers before Connect.
var errNotConnected = fmt.Errorf("the graph store is not connected yet: %w", graph.ErrUnavailable)

func (s *Store) store() (graph.Store, error) {
	p := s.inner.Load()
	if p == nil {
		return nil, errNotConnected
	}
	return *p, nil
}

func (s *Store) Load(ctx context.Context, b *graph.Batch) error {
	st, err := s.store()
	if err != nil {
		return err
	}
	return st.Load(ctx, b)
}

func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st, err := s.store()
	if err != nil {
		return graph.Stats{}, err
	}
	return st.Stats(ctx)
}

func (s *Store) Jurisdictions(ctx context.Context) ([]graph.Jurisdiction, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.Jurisdictions(ctx)
}

func (s *Store) Reports(ctx context.Context) ([]graph.Report, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.Reports(ctx)
}

func (s *Store) Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.Plans(ctx, f)
}

func (s *Store) Sections(ctx context.Context, documentID string) ([]graph.Section, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.Sections(ctx, documentID)
}

func (s *Store) PlansByID(ctx context.Context, ids []string) (map[string]graph.Plan, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.PlansByID(ctx, ids)
}

func (s *Store) SectionsByID(ctx context.Context, ids []string) (map[string]graph.Section, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.SectionsByID(ctx, ids)
}

func (s *Store) UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.UnitsByID(ctx, ids)
}

func (s *Store) TasksByID(ctx context.Context, ids []string) (map[string]graph.Task, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.TasksByID(ctx, ids)
}

func (s *Store) FindUnit(ctx context.Context, name, jurisdiction string) (graph.Unit, error) {
	st, err := s.store()
	if err != nil {
		return graph.Unit{}, err
	}
	return st.FindUnit(ctx, name, jurisdiction)
}

func (s *Store) Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error) {
	st, err := s.store()
	if err != nil {
		return graph.UnitPage{}, err
	}
	return st.Units(ctx, f, p)
}

func (s *Store) Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error) {
	st, err := s.store()
	if err != nil {
		return graph.TaskPage{}, err
	}
	return st.Tasks(ctx, f, p)
}

func (s *Store) Successions(ctx context.Context, unitID string) (predecessors, successors []graph.Succession, err error) {
	st, err := s.store()
	if err != nil {
		return nil, nil, err
	}
	return st.Successions(ctx, unitID)
}

func (s *Store) Workload(ctx context.Context, unitIDs []string, year int) (graph.Workload, error) {
	st, err := s.store()
	if err != nil {
		return graph.Workload{}, err
	}
	return st.Workload(ctx, unitIDs, year)
}

func (s *Store) CoOwnership(ctx context.Context, f graph.CoOwnershipFilter, limit int) ([]graph.UnitPair, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.CoOwnership(ctx, f, limit)
}

func (s *Store) Targets(ctx context.Context, f graph.TargetFilter) ([]graph.Target, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	return st.Targets(ctx, f)
}

func (s *Store) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	st, err := s.store()
	if err != nil {
		return graph.Network{}, err
	}
	return st.Network(ctx, f, minShared)
}
