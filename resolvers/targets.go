package resolvers

import (
	"context"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

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

// targetsOf returns the targets of one document, those of one task when
// taskID is set.
func (r *Resolver) targetsOf(ctx context.Context, documentID, taskID string) ([]*graph.Target, error) {
	all, err := r.requestLoaders(ctx).targets.load(ctx, documentID)
	if err != nil {
		return nil, err
	}
	out := []*graph.Target{}
	for i := range *all {
		if g := &(*all)[i]; taskID == "" || g.TaskID == taskID {
			out = append(out, g)
		}
	}
	return out, nil
}

// toStoreTargetFilter resolves and checks the arguments of Query.targets.
// A year must be one in which a plan or a report's text is loaded (for the
// jurisdiction, when given): the report of 2024 sets targets although no
// plan of 2024 is loaded.
func (r *Resolver) toStoreTargetFilter(ctx context.Context, metric, metricContains *string, measure *graph.TargetMeasure, jurisdiction *string, year *int) (graph.TargetFilter, error) {
	j, err := r.resolveJurisdiction(ctx, jurisdiction)
	if err != nil {
		return graph.TargetFilter{}, err
	}
	f := graph.TargetFilter{
		Metric:         graph.NormalizeMetric(deref(metric)),
		MetricContains: graph.NormalizeMetric(deref(metricContains)),
		Measure:        deref(measure),
		Jurisdiction:   j,
		Year:           deref(year),
	}
	if metric != nil && f.Metric == "" {
		return graph.TargetFilter{}, inputErrorf("metric: empty; leave it out to ask for every metric")
	}
	if err := checkYearRange("year", f.Year); err != nil {
		return graph.TargetFilter{}, err
	}
	if f.Year != 0 {
		years, err := r.documentYears(ctx, j)
		if err != nil {
			return graph.TargetFilter{}, err
		}
		if !slices.Contains(years, f.Year) {
			of := ""
			if j != "" {
				of = " of " + j
			}
			return graph.TargetFilter{}, inputErrorf("year: no plan or report%s is loaded for %d; loaded years: %s", of, f.Year, joinYears(years))
		}
	}
	return f, nil
}

// documentYears lists the years of the loaded plans and reports of a
// jurisdiction (or of any, with ""), ascending.
func (r *Resolver) documentYears(ctx context.Context, jurisdiction string) ([]int, error) {
	years, err := r.planYears(ctx, jurisdiction)
	if err != nil {
		return nil, err
	}
	reports, err := r.requestLoaders(ctx).allReports.get(ctx)
	if err != nil {
		return nil, err
	}
	for _, rep := range reports {
		if rep.Loaded && (jurisdiction == "" || rep.Jurisdiction == jurisdiction) {
			years = append(years, rep.Year)
		}
	}
	slices.Sort(years)
	return slices.Compact(years), nil
}

// unknownMetricPart is the error for a metricContains no loaded metric
// holds, with the metrics nearest to it.
func (r *Resolver) unknownMetricPart(ctx context.Context, part string) error {
	all, err := r.Store.Targets(ctx, graph.TargetFilter{})
	if err != nil {
		return err
	}
	metrics := distinctMetrics(all)
	for _, m := range metrics {
		if strings.Contains(m, part) {
			return nil
		}
	}
	return graph.NotFound("metricContains: metric part", part, metrics)
}

func distinctMetrics(ts []graph.Target) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.Metric)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
