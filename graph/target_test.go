package graph_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func TestNormalizeMetric(t *testing.T) {
	for in, want := range map[string]string{
		"地区生产总值":         "地区生产总值",
		" 地区 生产总值\u3000": "地区生产总值",
		"研发费用占ＧＤＰ比重":     "研发费用占GDP比重",
		"高层次人才（团队）":      "高层次人才(团队)",
	} {
		require.Equal(t, want, graph.NormalizeMetric(in), in)
	}
}

func TestCompareTargetsIsTheDocumentedOrder(t *testing.T) {
	want := []graph.Target{
		{ID: "a", Jurisdiction: "南京市", Year: 2021, DocumentID: "plan:南京市:2021", TaskNumber: 2, Index: 1},
		{ID: "b", Jurisdiction: "南京市", Year: 2026, DocumentID: "plan:南京市:2026", TaskNumber: 1, TaskID: "t1", Index: 1},
		{ID: "c", Jurisdiction: "南京市", Year: 2026, DocumentID: "plan:南京市:2026", TaskNumber: 1, TaskID: "t1", Index: 2},
		{ID: "d", Jurisdiction: "南京市", Year: 2026, DocumentID: "plan:南京市:2026", TaskNumber: 4, TaskID: "t4", Index: 1},
		{ID: "e", Jurisdiction: "南京市", Year: 2026, DocumentID: "report:南京市:2026", Index: 1},
		{ID: "f", Jurisdiction: "南京市/鼓楼区", Year: 2025, DocumentID: "plan:南京市/鼓楼区:2025", TaskNumber: 1, TaskID: "t1.1", Index: 1},
		{ID: "g", Jurisdiction: "南京市/鼓楼区", Year: 2025, DocumentID: "plan:南京市/鼓楼区:2025", TaskNumber: 1, TaskID: "t2.1", Index: 1},
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, graph.CompareTargets)
	require.Equal(t, want, got)
}

func TestTargetFilterMatches(t *testing.T) {
	g := graph.Target{Metric: "地区生产总值", Measure: graph.MeasureGrowth, Jurisdiction: "南京市", Year: 2026, DocumentID: "d", TaskID: "t"}
	require.True(t, graph.TargetFilter{}.Matches(g))
	require.True(t, graph.TargetFilter{Metric: " 地区生产总值", MetricContains: "生产", Measure: graph.MeasureGrowth, Jurisdiction: "南京市", Year: 2026, DocumentID: "d", TaskID: "t"}.Matches(g))
	for _, f := range []graph.TargetFilter{
		{Metric: "生产总值"}, {MetricContains: "收入"}, {Measure: graph.MeasureLevel}, {Jurisdiction: "南京市/鼓楼区"},
		{Year: 2021}, {DocumentID: "x"}, {TaskID: "x"},
	} {
		require.False(t, f.Matches(g), "%+v", f)
	}
	require.ErrorIs(t, graph.CheckTargetFilter(graph.TargetFilter{Measure: "speed"}), graph.ErrInvalid)
	require.ErrorIs(t, graph.CheckTargetFilter(graph.TargetFilter{Year: 26}), graph.ErrInvalid)
	require.NoError(t, graph.CheckTargetFilter(graph.TargetFilter{Measure: graph.MeasureQualitative, Year: 2026}))
}
