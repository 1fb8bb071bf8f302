package neo4jstore

import (
	"context"
	"slices"

	"github.com/dutygraph/dutygraph/graph"
)

// Targets lists the targets under the filter in target order. A filter
// naming a metric, document or task the store does not hold is an error
// (with near metrics suggested), as in the embedded store.
func (s *Store) Targets(ctx context.Context, f graph.TargetFilter) ([]graph.Target, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := graph.CheckTargetFilter(f); err != nil {
		return nil, err
	}
	params := func() map[string]any {
		return map[string]any{
			"metric": graph.NormalizeMetric(f.Metric), "metricContains": graph.NormalizeMetric(f.MetricContains),
			"measure": string(f.Measure), "jurisdiction": f.Jurisdiction, "year": f.Year,
			"documentId": f.DocumentID, "taskId": f.TaskID,
		}
	}
	out := []graph.Target{}
	err := s.read(ctx, "targets", func(r runner) error {
		out = out[:0]
		if err := s.checkJurisdiction(ctx, r, f.Jurisdiction); err != nil {
			return err
		}
		if err := s.checkTargetFilter(ctx, r, params()); err != nil {
			return err
		}
		recs, err := s.query(ctx, r, cypherTargets, params())
		for _, rec := range recs {
			out = append(out, toTarget(field(rec, "g")))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, graph.CompareTargets)
	return out, nil
}

func (s *Store) checkTargetFilter(ctx context.Context, r runner, params map[string]any) error {
	recs, err := s.query(ctx, r, cypherTargetFilterKnown, params)
	if err != nil || len(recs) == 0 {
		return err
	}
	rec := recs[0]
	known := func(k string) bool { b, _ := get(rec, k).(bool); return b }
	switch {
	case !known("metricKnown"):
		metric, _ := params["metric"].(string)
		metrics := stringList(get(rec, "metrics"))
		slices.Sort(metrics)
		return graph.NotFound("metric", metric, metrics)
	case !known("documentKnown"):
		id, _ := params["documentId"].(string)
		return &graph.NotFoundError{What: "document", Name: id}
	case !known("taskKnown"):
		id, _ := params["taskId"].(string)
		return &graph.NotFoundError{What: "task", Name: id}
	}
	return nil
}
