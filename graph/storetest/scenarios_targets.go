package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// Target IDs of the fixtures, in target order.
var (
	gN21GDP    = graph.TargetID(tn(PlanNanjing2021, 1), 1)
	gN26GDP    = graph.TargetID(tn(PlanNanjing2026, 1), 1)
	gN26Shops  = graph.TargetID(tn(PlanNanjing2026, 1), 2)
	gN26Walk   = graph.TargetID(tn(PlanNanjing2026, 6), 1)
	gR26GDP    = graph.TargetID(Report2026, 1)
	gR26Invest = graph.TargetID(Report2026, 2)
	gG26GDP    = graph.TargetID(tn(PlanGulou2026, 1), 1)
)

func targetIDs(ts []graph.Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func targetScenarios() []scenario {
	return []scenario{
		{"Targets/filters", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cases := []struct {
				name string
				f    graph.TargetFilter
				want []string
			}{
				{"everything", graph.TargetFilter{}, ids(gN21GDP, gN26GDP, gN26Shops, gN26Walk, gR26GDP, gR26Invest, gG26GDP)},
				{"metric across plans and the report", graph.TargetFilter{Metric: "地区生产总值"}, ids(gN21GDP, gN26GDP, gR26GDP, gG26GDP)},
				{"metric written with spaces", graph.TargetFilter{Metric: " 地区 生产总值 "}, ids(gN21GDP, gN26GDP, gR26GDP, gG26GDP)},
				{"metric in one jurisdiction", graph.TargetFilter{Metric: "地区生产总值", Jurisdiction: Nanjing}, ids(gN21GDP, gN26GDP, gR26GDP)},
				{"metric in one year", graph.TargetFilter{Metric: "地区生产总值", Year: 2021}, ids(gN21GDP)},
				{"metric contains", graph.TargetFilter{MetricContains: "首店"}, ids(gN26Shops)},
				{"measure count", graph.TargetFilter{Measure: graph.MeasureCount}, ids(gN26Shops, gN26Walk)},
				{"measure qualitative", graph.TargetFilter{Measure: graph.MeasureQualitative}, ids(gR26Invest)},
				{"measure growth in 2026", graph.TargetFilter{Measure: graph.MeasureGrowth, Year: 2026}, ids(gN26GDP, gR26GDP, gG26GDP)},
				{"one report's headline", graph.TargetFilter{DocumentID: Report2026}, ids(gR26GDP, gR26Invest)},
				{"one plan", graph.TargetFilter{DocumentID: PlanNanjing2026}, ids(gN26GDP, gN26Shops, gN26Walk)},
				{"one task", graph.TargetFilter{TaskID: tn(PlanNanjing2026, 1)}, ids(gN26GDP, gN26Shops)},
				{"a task with none", graph.TargetFilter{TaskID: tn(PlanNanjing2026, 2)}, nil},
				{"known metric, nothing in that year", graph.TargetFilter{Metric: "新增首店", Year: 2021}, nil},
				{"a plan without targets", graph.TargetFilter{DocumentID: PlanGulou2025}, nil},
			}
			for _, tc := range cases {
				got, err := s.Targets(ctx, tc.f)
				require.NoError(t, err, tc.name)
				require.Equal(t, tc.want, targetIDs(got), tc.name)
			}
		}},
		{"Targets/fields as loaded", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			got, err := s.Targets(ctx, graph.TargetFilter{TaskID: tn(PlanNanjing2026, 1)})
			require.NoError(t, err)
			require.Equal(t, []graph.Target{
				{
					ID: gN26GDP, DocumentID: PlanNanjing2026, TaskID: tn(PlanNanjing2026, 1), TaskNumber: 1, Index: 1,
					Jurisdiction: Nanjing, Year: 2026, Metric: "地区生产总值", Measure: graph.MeasureGrowth,
					Value: ptr(5.0), Unit: "%", Comparator: "≈", Text: "地区生产总值增长5%左右", Start: 0, End: 12,
				},
				{
					ID: gN26Shops, DocumentID: PlanNanjing2026, TaskID: tn(PlanNanjing2026, 1), TaskNumber: 1, Index: 2,
					Jurisdiction: Nanjing, Year: 2026, Metric: "新增首店", Measure: graph.MeasureCount,
					Value: ptr(300.0), Unit: "家", Comparator: "=", Text: "新增首店300家", Start: 13, End: 21,
				},
			}, got)
			headline, err := s.Targets(ctx, graph.TargetFilter{DocumentID: Report2026})
			require.NoError(t, err)
			require.Equal(t, ReportTargets(), headline, "a qualitative target keeps a nil value")
		}},
		{"Targets/revised plan replaces its targets", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			load(t, ctx, s, Nanjing2026Revised())
			got, err := s.Targets(ctx, graph.TargetFilter{})
			require.NoError(t, err)
			require.Equal(t, ids(gN21GDP, gN26GDP, gR26GDP, gR26Invest, gG26GDP), targetIDs(got),
				"新增首店 left task 1 and 滨江步道 left with task 6; the report's targets stay")
			_, err = s.Targets(ctx, graph.TargetFilter{Metric: "新增首店"})
			require.ErrorIs(t, err, graph.ErrNotFound, "no loaded target has the metric any more")

			load(t, ctx, s, Nanjing2026())
			got, err = s.Targets(ctx, graph.TargetFilter{})
			require.NoError(t, err)
			require.Equal(t, ExpectedTargets(), got, "the original plan brings its targets back")
		}},
		{"Targets/report stub keeps the report's targets", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Report2026Loaded(), Nanjing2026(), Report2026Loaded(), Nanjing2026())
			got, err := s.Targets(ctx, graph.TargetFilter{Jurisdiction: Nanjing, Year: 2026})
			require.NoError(t, err)
			require.Equal(t, ids(gN26GDP, gN26Shops, gN26Walk, gR26GDP, gR26Invest), targetIDs(got))
		}},
		{"Targets/unknown and impossible filters", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			_, err := s.Targets(ctx, graph.TargetFilter{Metric: "地区生产总"})
			var nf *graph.NotFoundError
			require.ErrorAs(t, err, &nf, "an unknown metric")
			require.Equal(t, "metric", nf.What)
			require.Contains(t, nf.Suggestions, "地区生产总值")
			for name, f := range map[string]graph.TargetFilter{
				"jurisdiction": {Jurisdiction: "南京市/玄武区"},
				"document":     {DocumentID: graph.PlanID(Nanjing, 2030)},
				"task":         {TaskID: tn(PlanNanjing2026, 99)},
			} {
				_, err := s.Targets(ctx, f)
				require.ErrorIs(t, err, graph.ErrNotFound, "unknown %s", name)
			}
			_, err = s.Targets(ctx, graph.TargetFilter{Measure: "speed"})
			require.ErrorIs(t, err, graph.ErrInvalid, "unknown measure")
			_, err = s.Targets(ctx, graph.TargetFilter{Year: 26})
			require.ErrorIs(t, err, graph.ErrInvalid, "impossible year")
		}},
	}
}
