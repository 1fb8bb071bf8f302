package duty

import (
	"context"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// TargetQuery selects quantitative targets as a user asks for them.
type TargetQuery struct {
	Metric         *string // exactly, once normalised; given empty is an error
	MetricContains string
	Measure        graph.TargetMeasure
	Jurisdiction   string // as a user writes it
	Year           int
}

// Targets lists the targets q selects. A year must be one in which a plan
// or a report's text is loaded (for the jurisdiction, when given): the
// report of 2024 sets targets although no plan of 2024 is loaded. A
// metric part no loaded metric holds is a not-found error with the nearest
// metrics, not an empty list. The targets' tasks and plans are announced
// to the view.
func (v *View) Targets(ctx context.Context, q TargetQuery) ([]graph.Target, error) {
	j, err := v.Jurisdiction(ctx, q.Jurisdiction)
	if err != nil {
		return nil, err
	}
	f := graph.TargetFilter{
		MetricContains: graph.NormalizeMetric(q.MetricContains),
		Measure:        q.Measure,
		Jurisdiction:   j,
		Year:           q.Year,
	}
	if q.Metric != nil {
		if f.Metric = graph.NormalizeMetric(*q.Metric); f.Metric == "" {
			return nil, Invalidf("metric: empty; leave it out to ask for every metric")
		}
	}
	if err := CheckYearRange("year", f.Year); err != nil {
		return nil, err
	}
	if f.Year != 0 {
		years, err := v.documentYears(ctx, j)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(years, f.Year) {
			return nil, &graph.NoPlanError{Arg: "year", OrReport: true, Jurisdiction: j, Year: f.Year, Loaded: years}
		}
	}
	ts, err := v.store.Targets(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 && f.MetricContains != "" {
		if err := v.unknownMetricPart(ctx, f.MetricContains); err != nil {
			return nil, err
		}
	}
	for _, t := range ts {
		if t.TaskID != "" {
			v.tasks.expect(t.TaskID)
			v.plans.expect(t.DocumentID)
		}
	}
	return ts, nil
}

// TargetMetrics lists the distinct metrics of the targets of a
// jurisdiction (as a user writes it; "" for all), of one measure or all.
func (v *View) TargetMetrics(ctx context.Context, jurisdiction string, measure graph.TargetMeasure) ([]string, error) {
	j, err := v.Jurisdiction(ctx, jurisdiction)
	if err != nil {
		return nil, err
	}
	ts, err := v.store.Targets(ctx, graph.TargetFilter{Jurisdiction: j, Measure: measure})
	if err != nil {
		return nil, err
	}
	return distinctMetrics(ts), nil
}

// DocumentTargets are the targets of one plan or report, those of one task
// when taskID is set; one store call per document for the whole request.
func (v *View) DocumentTargets(ctx context.Context, documentID, taskID string) ([]*graph.Target, error) {
	all, err := v.targets.load(ctx, documentID)
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

// unknownMetricPart is the error for a metricContains no loaded metric
// holds, with the metrics nearest to it.
func (v *View) unknownMetricPart(ctx context.Context, part string) error {
	all, err := v.store.Targets(ctx, graph.TargetFilter{})
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
