package memstore

import (
	"context"
	"iter"
	"slices"
	"sort"

	"github.com/dutygraph/dutygraph/graph"
)

// Targets lists the targets under the filter in target order. A filter
// naming a metric, document or task that nothing loaded has is an error
// (with near metrics suggested), not an empty answer.
func (s *Store) Targets(ctx context.Context, f graph.TargetFilter) ([]graph.Target, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	if err := graph.CheckTargetFilter(f); err != nil {
		return nil, err
	}
	if err := snap.checkJurisdiction(f.Jurisdiction); err != nil {
		return nil, err
	}
	// A document or task narrows the search to one document's targets: the
	// API asks for a page of tasks' targets plan by plan.
	docs := snap.targets.all()
	if f.DocumentID != "" {
		_, plan := snap.plans.get(f.DocumentID)
		_, report := snap.reports.get(f.DocumentID)
		if !plan && !report {
			return nil, &graph.NotFoundError{What: "document", Name: f.DocumentID}
		}
		docs = oneDocument(snap, f.DocumentID)
	}
	if f.TaskID != "" {
		idx := snap.index()
		pos, ok := idx.taskPos[f.TaskID]
		if !ok {
			return nil, &graph.NotFoundError{What: "task", Name: f.TaskID}
		}
		plan := idx.tasks[pos].PlanID
		if f.DocumentID != "" && f.DocumentID != plan {
			return []graph.Target{}, nil
		}
		docs = oneDocument(snap, plan)
	}
	if f.Metric != "" {
		if err := snap.checkMetric(graph.NormalizeMetric(f.Metric)); err != nil {
			return nil, err
		}
	}
	out := []graph.Target{}
	for _, ts := range docs {
		for _, t := range ts {
			if f.Matches(t) {
				out = append(out, cloneTarget(t))
			}
		}
	}
	slices.SortFunc(out, graph.CompareTargets)
	return out, nil
}

// checkMetric accepts a metric some loaded target has, and otherwise
// suggests the nearest.
func (s *snapshot) checkMetric(metric string) error {
	known := map[string]bool{}
	for _, ts := range s.targets.all() {
		for _, t := range ts {
			if t.Metric == metric {
				return nil
			}
			known[t.Metric] = true
		}
	}
	metrics := make([]string, 0, len(known))
	for m := range known {
		metrics = append(metrics, m)
	}
	sort.Strings(metrics)
	return graph.NotFound("metric", metric, metrics)
}

// oneDocument yields the targets of one document, as all does of every one.
func oneDocument(snap *snapshot, documentID string) iter.Seq2[string, []graph.Target] {
	ts, _ := snap.targets.get(documentID)
	return func(yield func(string, []graph.Target) bool) { yield(documentID, ts) }
}
