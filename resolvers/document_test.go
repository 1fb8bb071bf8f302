package resolvers_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

func TestPlansAndReports(t *testing.T) {
	url := serve(t, fixtureStore(t))

	plans := apitest.Query[struct {
		Plans []struct {
			ID     string
			Year   int
			Report *struct {
				ID     string
				Loaded bool
			}
			Sections []struct{ Number int }
			Tasks    struct{ TotalCount int }
		}
	}](t, url, `{ plans { id year report { id loaded } sections { number } tasks { totalCount } } }`, nil).Plans
	var ids []string
	for _, p := range plans {
		ids = append(ids, p.ID)
	}
	require.Equal(t, []string{storetest.PlanNanjing2026, storetest.PlanGulou2026, storetest.PlanGulou2025, storetest.PlanNanjing2021}, ids, "newest first")
	require.Equal(t, storetest.Report2026, plans[0].Report.ID)
	require.True(t, plans[0].Report.Loaded)
	require.False(t, plans[3].Report.Loaded, "2021's report is only referenced")
	require.Len(t, plans[0].Sections, 3)
	require.Equal(t, 6, plans[0].Tasks.TotalCount)

	reports := apitest.Query[struct {
		Reports []struct {
			ID       string
			Loaded   bool
			Targets  []struct{ Metric string }
			Plans    []struct{ ID string }
			Sections []struct {
				Title  string
				Plan   *struct{ ID string }
				Report *struct{ ID string }
			}
		}
	}](t, url, `{ reports { id loaded targets { metric } plans { id } sections { title plan { id } report { id } } } }`, nil).Reports
	var loaded int
	for _, r := range reports {
		if r.ID != storetest.Report2026 {
			continue
		}
		loaded++
		require.True(t, r.Loaded)
		require.Equal(t, "地区生产总值", r.Targets[0].Metric)
		require.Equal(t, storetest.PlanNanjing2026, r.Plans[0].ID)
		require.Len(t, r.Sections, 2)
		require.Nil(t, r.Sections[0].Plan)
		require.Equal(t, storetest.Report2026, r.Sections[0].Report.ID)
	}
	require.Equal(t, 1, loaded)
}

func TestTaskFields(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Tasks struct {
			Edges []struct {
				Node struct {
					Number       int
					Text         string
					Year         int
					Jurisdiction string
					Plan         struct{ ID string }
					Section      struct{ Title string }
					Leads        []struct{ Name string }
					Cooperators  []struct{ Name string }
					Lead         *string
					Cooperator   *string
					Stranger     *string
				}
			}
		}
	}](t, url, `query($fgw: ID!, $gxj: ID!, $other: ID!) { tasks(filter: {text: "数字经济"}) { edges { node {
	  number text year jurisdiction plan { id } section { title } leads { name } cooperators { name }
	  lead: roleOf(unit: $gxj) cooperator: roleOf(unit: $fgw) stranger: roleOf(unit: $other) } } } }`,
		map[string]any{"fgw": storetest.FGW, "gxj": storetest.GXJ, "other": storetest.WLJ})
	require.Len(t, got.Tasks.Edges, 1)
	task := got.Tasks.Edges[0].Node
	require.Equal(t, 2, task.Number)
	require.Equal(t, "推进数字经济发展", task.Text)
	require.Equal(t, 2021, task.Year)
	require.Equal(t, "南京市", task.Jurisdiction)
	require.Equal(t, storetest.PlanNanjing2021, task.Plan.ID)
	require.Equal(t, "推动产业升级", task.Section.Title)
	require.Equal(t, []struct{ Name string }{{"市工信局"}, {"市大数据管理局"}}, task.Leads)
	require.Equal(t, []struct{ Name string }{{"市发改委"}, {"市科技局"}}, task.Cooperators)
	require.Equal(t, "LEAD", *task.Lead)
	require.Equal(t, "COOPERATOR", *task.Cooperator)
	require.Nil(t, task.Stranger)
}

// TestTaskTableColumns reads what a task table's other columns said: the
// leaders, the deadline as written and as a date, and the source; a task
// whose plan gave none of them answers an empty list and nulls.
func TestTaskTableColumns(t *testing.T) {
	url := serve(t, fixtureStore(t))
	type node struct {
		Number   int
		Leaders  []string
		Deadline *string
		Due      *string
		Source   *string
	}
	got := apitest.Query[struct {
		Tasks struct{ Edges []struct{ Node node } }
	}](t, url, `{ tasks(filter: {year: 2026, jurisdiction: "南京市", text: "营商环境"}) { edges { node { number leaders deadline due source } } } }`, nil)
	require.Len(t, got.Tasks.Edges, 1)
	ptr := func(s string) *string { return &s }
	require.Equal(t, node{5, []string{"张三", "李四"}, ptr("2026年6月底前"), ptr("2026-06-30"), ptr("政府工作报告")}, got.Tasks.Edges[0].Node)

	got = apitest.Query[struct {
		Tasks struct{ Edges []struct{ Node node } }
	}](t, url, `{ tasks(filter: {year: 2026, jurisdiction: "南京市", text: "文旅融合"}) { edges { node { number leaders deadline due source } } } }`, nil)
	require.Equal(t, node{Number: 4, Leaders: []string{}}, got.Tasks.Edges[0].Node)
}

func TestUnitEdges(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Data, Old struct {
			Predecessors []struct{ Name string }
			Successors   []struct{ Name string }
			Tasks        struct{ TotalCount int }
			Workload     workloadJSON
		}
	}](t, url, `{
	  data: unit(name: "市数据局") { predecessors { name } successors { name } tasks { totalCount } workload { year lead cooperate total } }
	  old: unit(name: "市大数据管理局") { predecessors { name } successors { name } tasks(role: LEAD, year: 2021) { totalCount } workload(year: 2021) { year lead cooperate total bySection { section { title } lead cooperate total } } }
	}`, nil)
	require.Equal(t, []struct{ Name string }{{"市大数据管理局"}}, got.Data.Predecessors)
	require.Empty(t, got.Data.Successors)
	require.Equal(t, 1, got.Data.Tasks.TotalCount)
	require.Nil(t, got.Data.Workload.Year, "all years")
	require.Equal(t, []struct{ Name string }{{"市数据局"}}, got.Old.Successors)
	require.Equal(t, 2, got.Old.Tasks.TotalCount)
	require.Equal(t, 2021, *got.Old.Workload.Year)
	require.Equal(t, 2, got.Old.Workload.Total)
	require.Len(t, got.Old.Workload.BySection, 1)
	require.Equal(t, "推动产业升级", got.Old.Workload.BySection[0].Section.Title)
	require.Equal(t, 2, got.Old.Workload.BySection[0].Total)
}
