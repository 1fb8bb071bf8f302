package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func taskScenarios() []scenario {
	return []scenario{
		{"Tasks/filters order and totals", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			n26 := func(n int) string { return tn(PlanNanjing2026, n) }
			n21 := func(n int) string { return tn(PlanNanjing2021, n) }
			g26 := func(n int) string { return tn(PlanGulou2026, n) }
			g25 := func(sec, n int) string { return tr(PlanGulou2025, sec, n) }
			cases := []struct {
				name   string
				filter graph.TaskFilter
				want   []string
			}{
				{"all", graph.TaskFilter{}, ExpectedTaskOrder()},
				{"text", graph.TaskFilter{Text: "营商环境"}, ids(n26(5), g26(2), g25(1, 2))},
				{"year", graph.TaskFilter{Year: 2026}, ids(n26(1), n26(2), n26(3), n26(4), n26(5), n26(6), g26(1), g26(2), g26(3), g26(4), g26(5))},
				{"jurisdiction is exact", graph.TaskFilter{Jurisdiction: Gulou},
					ids(g26(1), g26(2), g26(3), g26(4), g26(5), g25(1, 1), g25(2, 1), g25(1, 2), g25(2, 2))},
				{"plan numbered per section", graph.TaskFilter{PlanID: PlanGulou2025}, ids(g25(1, 1), g25(2, 1), g25(1, 2), g25(2, 2))},
				{"section", graph.TaskFilter{SectionID: graph.SectionID(PlanNanjing2026, 2)}, ids(n26(2), n26(3), n26(4))},
				{"unit in any role", graph.TaskFilter{UnitIDs: ids(WLJ)}, ids(n26(4), n26(6), n21(3))},
				{"unit as lead", graph.TaskFilter{UnitIDs: ids(WLJ), Role: graph.RoleLead}, ids(n26(4), n21(3))},
				{"unit as cooperator", graph.TaskFilter{UnitIDs: ids(WLJ), Role: graph.RoleCooperator}, ids(n26(6))},
				{"any of a unit and its predecessor", graph.TaskFilter{UnitIDs: ids(SJJ, DSJ)}, ids(n26(3), n21(2), n21(4))},
				{"placeholder", graph.TaskFilter{UnitIDs: ids(XGJD), Year: 2026}, ids(g26(2), g26(3))},
				{"shared by a pair", graph.TaskFilter{AllUnitIDs: ids(FGW, GXJ)}, ids(n26(1), n26(2), n26(3), n21(1), n21(2))},
				{"co-led by a pair", graph.TaskFilter{AllUnitIDs: ids(GXJ, KJJ), Roles: []graph.Role{graph.RoleLead}}, ids(n26(2))},
				{"co-cooperated by a pair", graph.TaskFilter{AllUnitIDs: ids(FGW, GXJ), Roles: []graph.Role{graph.RoleCooperator}}, ids(n26(3))},
				{"pair in either role", graph.TaskFilter{AllUnitIDs: ids(FGW, GXJ), Roles: []graph.Role{graph.RoleLead, graph.RoleCooperator}},
					ids(n26(1), n26(2), n26(3), n21(1), n21(2))},
				{"jurisdiction unit and text", graph.TaskFilter{Jurisdiction: Nanjing, UnitIDs: ids(FGW), Text: "增长"}, ids(n26(1), n21(1))},
				{"year jurisdiction and text", graph.TaskFilter{Year: 2026, Jurisdiction: Gulou, Text: "能力"}, ids(g26(4))},
				{"plan and unit", graph.TaskFilter{PlanID: PlanNanjing2021, UnitIDs: ids(GQZF)}, ids(n21(3), n21(4))},
				{"nothing matches", graph.TaskFilter{Text: "火星基地"}, nil},
				{"a year without plans", graph.TaskFilter{Year: 2024}, nil},
				{"unit outside the plan", graph.TaskFilter{PlanID: PlanGulou2025, UnitIDs: ids(FGW)}, nil},
			}
			for _, c := range cases {
				got, err := s.Tasks(ctx, c.filter, graph.Page{})
				require.NoError(t, err, c.name)
				require.Equal(t, c.want, taskIDs(got.Tasks), c.name)
				require.Equal(t, len(c.want), got.Total, "%s: total", c.name)
			}
		}},
		{"Tasks/paging keeps the total", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			f := graph.TaskFilter{Year: 2026}
			cases := []struct {
				page graph.Page
				want []string
			}{
				{graph.Page{Limit: 2}, ids(tn(PlanNanjing2026, 1), tn(PlanNanjing2026, 2))},
				{graph.Page{Offset: 4, Limit: 3}, ids(tn(PlanNanjing2026, 5), tn(PlanNanjing2026, 6), tn(PlanGulou2026, 1))},
				{graph.Page{Offset: 9, Limit: 5}, ids(tn(PlanGulou2026, 4), tn(PlanGulou2026, 5))},
				{graph.Page{Offset: 10}, ids(tn(PlanGulou2026, 5))},
				{graph.Page{Offset: 50, Limit: 10}, nil},
			}
			for _, c := range cases {
				got, err := s.Tasks(ctx, f, c.page)
				require.NoError(t, err, "page %+v", c.page)
				require.Equal(t, c.want, taskIDs(got.Tasks), "page %+v", c.page)
				require.Equal(t, 11, got.Total, "page %+v: total", c.page)
			}
		}},
		{"Tasks/content as loaded", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			got, err := s.Tasks(ctx, graph.TaskFilter{PlanID: PlanNanjing2026, Text: "营商环境"}, graph.Page{})
			require.NoError(t, err)
			require.Len(t, got.Tasks, 1)
			// Leads, cooperators and leaders keep the clause's order; the
			// deadline, due date and source come back as loaded.
			require.Equal(t, normalizeTask(Nanjing2026().Tasks[4]), normalizeTask(got.Tasks[0]))
		}},
	}
}

func taskIDs(ts []graph.Task) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func workloadScenarios() []scenario {
	return []scenario{
		{"Workload/per unit and year with sections", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			n21s := func(n int) string { return graph.SectionID(PlanNanjing2021, n) }
			n26s := func(n int) string { return graph.SectionID(PlanNanjing2026, n) }
			sc := func(id string, lead, coop int) graph.SectionCount {
				return graph.SectionCount{SectionID: id, Lead: lead, Cooperate: coop}
			}
			cases := []struct {
				name  string
				units []string
				year  int
				want  graph.Workload
			}{
				{"市文旅局 2021", ids(WLJ), 2021, graph.Workload{Lead: 1, BySection: []graph.SectionCount{sc(n21s(2), 1, 0)}}},
				{"市文旅局 2026", ids(WLJ), 2026, graph.Workload{Lead: 1, Cooperate: 1,
					BySection: []graph.SectionCount{sc(n26s(2), 1, 0), sc(n26s(3), 0, 1)}}},
				{"市文旅局 all years", ids(WLJ), 0, graph.Workload{Lead: 2, Cooperate: 1,
					BySection: []graph.SectionCount{sc(n21s(2), 1, 0), sc(n26s(2), 1, 0), sc(n26s(3), 0, 1)}}},
				{"市文旅局 in a year without tasks", ids(WLJ), 2025, graph.Workload{}},
				{"市发改委 2021", ids(FGW), 2021, graph.Workload{Lead: 1, Cooperate: 2,
					BySection: []graph.SectionCount{sc(n21s(1), 1, 0), sc(n21s(2), 0, 2)}}},
				{"市发改委 2026", ids(FGW), 2026, graph.Workload{Lead: 2, Cooperate: 2,
					BySection: []graph.SectionCount{sc(n26s(1), 1, 0), sc(n26s(2), 0, 2), sc(n26s(3), 1, 0)}}},
				{"a unit named twice counts once", ids(FGW, FGW), 2026, graph.Workload{Lead: 2, Cooperate: 2,
					BySection: []graph.SectionCount{sc(n26s(1), 1, 0), sc(n26s(2), 0, 2), sc(n26s(3), 1, 0)}}},
				{"市数据局 with its predecessor", ids(SJJ, DSJ), 0, graph.Workload{Lead: 3,
					BySection: []graph.SectionCount{sc(n21s(2), 2, 0), sc(n26s(2), 1, 0)}}},
				// Task 3 has both as cooperators: one task. Tasks 1 and 2
				// have one leading and the other cooperating: lead.
				{"two units count distinct tasks, lead first", ids(FGW, GXJ), 2026, graph.Workload{Lead: 3, Cooperate: 1,
					BySection: []graph.SectionCount{sc(n26s(1), 1, 0), sc(n26s(2), 1, 1), sc(n26s(3), 1, 0)}}},
				{"区应急局 2025", ids(QYJ), 2025, graph.Workload{Lead: 1, Cooperate: 1,
					BySection: []graph.SectionCount{sc(graph.SectionID(PlanGulou2025, 2), 1, 1)}}},
				{"区应急局 2026", ids(QYJ), 2026, graph.Workload{Lead: 2,
					BySection: []graph.SectionCount{sc(graph.SectionID(PlanGulou2026, 2), 2, 0)}}},
				// Sections of one year: Nanjing's before Gulou's.
				{"区政府 in two plans of 2026", ids(GLZF), 2026, graph.Workload{Lead: 1, Cooperate: 2,
					BySection: []graph.SectionCount{sc(n26s(3), 1, 1), sc(graph.SectionID(PlanGulou2026, 2), 0, 1)}}},
				{"a placeholder", ids(XGJD), 0, graph.Workload{Cooperate: 4, BySection: []graph.SectionCount{
					sc(graph.SectionID(PlanGulou2025, 1), 0, 1), sc(graph.SectionID(PlanGulou2025, 2), 0, 1),
					sc(graph.SectionID(PlanGulou2026, 1), 0, 1), sc(graph.SectionID(PlanGulou2026, 2), 0, 1)}}},
			}
			for _, c := range cases {
				got, err := s.Workload(ctx, c.units, c.year)
				require.NoError(t, err, c.name)
				require.Equal(t, normalizeWorkload(c.want), normalizeWorkload(got), c.name)
				require.Equal(t, c.want.Lead+c.want.Cooperate, got.Total(), "%s: total", c.name)
			}
		}},
	}
}
