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
		if err := s.checkTargetFilter(ctx, r, f); err != nil {
			return err
		}
		recs, err := s.query(ctx, r, targetStatements[targetKeyOf(f)], params())
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

// checkTargetFilter fails on a metric, document or task the filter names
// that the store does not hold, suggesting near metrics for a metric.
func (s *Store) checkTargetFilter(ctx context.Context, r runner, f graph.TargetFilter) error {
	if metric := graph.NormalizeMetric(f.Metric); metric != "" {
		known, err := s.exists(ctx, r, cypherMetricExists, metric)
		if err != nil {
			return err
		}
		if !known {
			recs, err := s.query(ctx, r, cypherMetrics, nil)
			if err != nil {
				return err
			}
			var metrics []string
			if len(recs) > 0 {
				metrics = stringList(get(recs[0], "metrics"))
			}
			slices.Sort(metrics)
			return graph.NotFound("metric", metric, metrics)
		}
	}
	if err := s.checkExists(ctx, r, cypherDocumentExists, f.DocumentID, "document"); err != nil {
		return err
	}
	return s.checkExists(ctx, r, cypherTaskExists, f.TaskID, "task")
}
