package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// The answers below were counted by hand from the fixtures; see the comment
// in fixtures.go before changing either.

// ExpectedStats is what a store holds after every valid fixture: reports of
// Nanjing 2021 and 2026 and Gulou 2025 and 2026 (only Nanjing 2026 loaded),
// 4 plans with 2+3+2+3 sections plus the report's 2, 4+6+4+5 tasks, and 8
// units of Nanjing and 7 of Gulou.
var ExpectedStats = graph.Stats{Reports: 4, LoadedReports: 1, Plans: 4, Sections: 12, Tasks: 19, Units: 15}

// ExpectedUnits is every unit after all fixtures, merged, in unit order.
func ExpectedUnits() []graph.Unit {
	return []graph.Unit{
		unit(GQZF, "各区政府", 2026, graph.KindPlaceholder, Nanjing),
		dept(FGW, "市发改委", 2026, Nanjing, "市发展和改革委员会"),
		dept(DSJ, "市大数据管理局", 2021, Nanjing),
		dept(GXJ, "市工信局", 2026, Nanjing),
		dept(SCJG, "市市场监管局", 2026, Nanjing, "市场监管局"),
		dept(SJJ, "市数据局", 2026, Nanjing),
		dept(WLJ, "市文旅局", 2026, Nanjing, "市文化和旅游局"),
		dept(KJJ, "市科技局", 2026, Nanjing),
		dept(QFGW, "区发改委", 2026, Gulou),
		dept(QSCJG, "区市场监管局", 2026, Gulou, "市场监管局"),
		dept(QYJ, "区应急局", 2026, Gulou, "区应急管理局"),
		// Both 2026 plans name Gulou's government; the smaller name wins.
		unit(GLZF, "区政府", 2026, graph.KindDistrictGovernment, Gulou, "鼓楼区人民政府"),
		dept(QCZJ, "区财政局", 2026, Gulou),
		unit(XGJD, "相关街道板块", 2026, graph.KindPlaceholder, Gulou),
		unit(GXQ, "高新区（鼓楼）管委会", 2026, graph.KindManagementCommittee, Gulou),
	}
}

// expectedUnit returns one unit of ExpectedUnits.
func expectedUnit(id string) graph.Unit {
	for _, u := range ExpectedUnits() {
		if u.ID == id {
			return normalizeUnit(u)
		}
	}
	panic("storetest: no expected unit " + id)
}

// ExpectedReports is every report after all fixtures, in report order.
func ExpectedReports() []graph.Report {
	return []graph.Report{
		{
			ID: Report2026, Jurisdiction: Nanjing, Year: 2026, Session: Session2026,
			Title: "2026年南京市政府工作报告", Date: "2026-01-20", File: "nanjing-2026-report.txt",
			Loaded: true,
		},
		{ID: Report2021, Jurisdiction: Nanjing, Year: 2021, Session: Session2021},
		{ID: ReportGulou2026, Jurisdiction: Gulou, Year: 2026, Session: SessionGulou2026},
		{ID: ReportGulou2025, Jurisdiction: Gulou, Year: 2025, Session: SessionGulou2025},
	}
}

// ExpectedTargets is every target after all fixtures, in target order:
// jurisdiction, year, document (plan before report), task number, index.
func ExpectedTargets() []graph.Target {
	var out []graph.Target
	byID := map[string]graph.Target{}
	for _, b := range All() {
		for _, g := range b.Targets {
			byID[g.ID] = g
		}
	}
	for _, id := range []string{
		graph.TargetID(tn(PlanNanjing2021, 1), 1),
		graph.TargetID(tn(PlanNanjing2026, 1), 1),
		graph.TargetID(tn(PlanNanjing2026, 1), 2),
		graph.TargetID(tn(PlanNanjing2026, 6), 1),
		graph.TargetID(Report2026, 1),
		graph.TargetID(Report2026, 2),
		graph.TargetID(tn(PlanGulou2026, 1), 1),
	} {
		g, ok := byID[id]
		if !ok {
			panic("storetest: no fixture target " + id)
		}
		out = append(out, g)
	}
	return out
}

// Task IDs of the fixtures.
func tn(plan string, number int) string { return graph.TaskID(plan, 0, number) }

func tr(plan string, section, number int) string { return graph.TaskID(plan, section, number) }

// ExpectedTaskOrder is every task ID in task order: jurisdiction, year
// descending, number, ID.
func ExpectedTaskOrder() []string {
	return []string{
		tn(PlanNanjing2026, 1), tn(PlanNanjing2026, 2), tn(PlanNanjing2026, 3),
		tn(PlanNanjing2026, 4), tn(PlanNanjing2026, 5), tn(PlanNanjing2026, 6),
		tn(PlanNanjing2021, 1), tn(PlanNanjing2021, 2), tn(PlanNanjing2021, 3), tn(PlanNanjing2021, 4),
		tn(PlanGulou2026, 1), tn(PlanGulou2026, 2), tn(PlanGulou2026, 3), tn(PlanGulou2026, 4), tn(PlanGulou2026, 5),
		tr(PlanGulou2025, 1, 1), tr(PlanGulou2025, 2, 1), tr(PlanGulou2025, 1, 2), tr(PlanGulou2025, 2, 2),
	}
}

// pair builds an expected UnitPair.
type pair struct {
	a, b   string
	shared int
}

func pairs(ps ...pair) []graph.UnitPair {
	out := make([]graph.UnitPair, len(ps))
	for i, p := range ps {
		out[i] = graph.UnitPair{A: p.a, B: p.b, Shared: p.shared}
	}
	return out
}

// ExpectedPairs is co-ownership over everything, placeholders left out.
func ExpectedPairs() []graph.UnitPair {
	return pairs(
		pair{FGW, GXJ, 5},   // 2021 t1 t2, 2026 t1 t2 t3
		pair{QFGW, QCZJ, 4}, // 2025 t1.1, 2026 t1 t2 t5
		pair{FGW, KJJ, 3},
		pair{GXJ, KJJ, 3},
		pair{QFGW, QSCJG, 2},
		pair{DSJ, GXJ, 2},
		pair{QFGW, QYJ, 1},
		pair{QFGW, GXQ, 1},
		pair{QSCJG, QCZJ, 1},
		pair{QYJ, GLZF, 1},
		pair{QCZJ, GXQ, 1},
		pair{GLZF, FGW, 1},
		pair{GLZF, SCJG, 1},
		pair{GLZF, WLJ, 1},
		pair{FGW, DSJ, 1},
		pair{FGW, SCJG, 1},
		pair{FGW, SJJ, 1},
		pair{FGW, WLJ, 1},
		pair{DSJ, KJJ, 1},
		pair{GXJ, SJJ, 1},
	)
}

// ExpectedPairsWithPlaceholders is co-ownership over everything, 各区政府
// and 相关街道板块 included.
func ExpectedPairsWithPlaceholders() []graph.UnitPair {
	return pairs(
		pair{FGW, GXJ, 5},
		pair{QFGW, QCZJ, 4},
		pair{FGW, KJJ, 3},
		pair{GXJ, KJJ, 3},
		pair{QFGW, QSCJG, 2},
		pair{QFGW, XGJD, 2},
		pair{QYJ, XGJD, 2},
		pair{QCZJ, XGJD, 2},
		pair{GQZF, FGW, 2},
		pair{GQZF, WLJ, 2},
		pair{DSJ, GXJ, 2},
		pair{QFGW, QYJ, 1},
		pair{QFGW, GXQ, 1},
		pair{QSCJG, QCZJ, 1},
		pair{QSCJG, XGJD, 1},
		pair{QYJ, GLZF, 1},
		pair{QCZJ, GXQ, 1},
		pair{GLZF, GQZF, 1},
		pair{GLZF, FGW, 1},
		pair{GLZF, SCJG, 1},
		pair{GLZF, WLJ, 1},
		pair{GQZF, DSJ, 1},
		pair{GQZF, GXJ, 1},
		pair{GQZF, SCJG, 1},
		pair{FGW, DSJ, 1},
		pair{FGW, SCJG, 1},
		pair{FGW, SJJ, 1},
		pair{FGW, WLJ, 1},
		pair{DSJ, KJJ, 1},
		pair{GXJ, SJJ, 1},
	)
}

// requireFixtureState checks, field by field, that a store holds exactly
// the merged graph of every valid fixture, however it was loaded.
func requireFixtureState(t *testing.T, ctx context.Context, s graph.Store) {
	t.Helper()
	st := ReadState(t, ctx, s)
	require.Equal(t, ExpectedStats, st.Stats, "Stats")
	require.Equal(t, []graph.Jurisdiction{jNanjing, jGulou}, st.Jurisdictions, "Jurisdictions")
	require.Equal(t, normalizeReports(ExpectedReports()), st.Reports, "Reports")
	require.Equal(t, []graph.Plan{
		*Nanjing2026().Plan, *Nanjing2021().Plan, *Gulou2026().Plan, *Gulou2025().Plan,
	}, st.Plans, "Plans")
	require.Equal(t, normalizeUnits(ExpectedUnits()), st.Units, "Units")

	gotTasks := make([]string, len(st.Tasks))
	for i, task := range st.Tasks {
		gotTasks[i] = task.ID
	}
	require.Equal(t, ExpectedTaskOrder(), gotTasks, "task order")
	fixtureTasks := map[string]graph.Task{}
	for _, b := range All() {
		for _, task := range b.Tasks {
			fixtureTasks[task.ID] = normalizeTask(task)
		}
	}
	for _, task := range st.Tasks {
		require.Equal(t, fixtureTasks[task.ID], task, "task %s as loaded", task.ID)
	}

	require.Equal(t, ExpectedTargets(), st.Targets, "targets")
	require.Equal(t, ExpectedPairsWithPlaceholders(), st.Pairs, "co-ownership with placeholders")
	pairsWithout, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 1000)
	require.NoError(t, err)
	require.Equal(t, ExpectedPairs(), nilIfEmpty(pairsWithout), "co-ownership without placeholders")
	require.Equal(t, []graph.Succession{{From: DSJ, To: SJJ, Note: DSJNote}}, st.Predecessors[SJJ], "predecessors of 市数据局")
	require.Equal(t, []graph.Succession{{From: DSJ, To: SJJ, Note: DSJNote}}, st.Successors[DSJ], "successors of 市大数据管理局")
}
