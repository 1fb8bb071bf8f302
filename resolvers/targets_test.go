package resolvers_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

type gqlTarget struct {
	ID           string
	Metric       string
	Measure      string
	Value        *float64
	Unit         string
	Comparator   string
	Aspirational bool
	Text         string
	Start, End   int
	Year         int
	Jurisdiction string
	DocumentID   string
	Plan         *struct{ ID string }
	Report       *struct{ ID string }
	Task         *struct{ Number int }
}

const targetFields = `id metric measure value unit comparator aspirational text start end year jurisdiction documentId
  plan { id } report { id } task { number }`

func TestTargetsAcrossPlansAndTheReport(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct{ Targets []gqlTarget }](t, url,
		`{ targets(metric: "地区生产总值", jurisdiction: "南京市") { `+targetFields+` } }`, nil)
	five, six := 5.0, 6.0
	plan := func(id string) *struct{ ID string } { return &struct{ ID string }{id} }
	task := &struct{ Number int }{1}
	require.Equal(t, []gqlTarget{
		{
			ID: "plan:南京市:2021:t1:g1", Metric: "地区生产总值", Measure: "GROWTH", Value: &six, Unit: "%", Comparator: "≥",
			Text: "地区生产总值增长6%以上", End: 12, Year: 2021, Jurisdiction: "南京市", DocumentID: "plan:南京市:2021",
			Plan: plan("plan:南京市:2021"), Task: task,
		},
		{
			ID: "plan:南京市:2026:t1:g1", Metric: "地区生产总值", Measure: "GROWTH", Value: &five, Unit: "%", Comparator: "≈",
			Text: "地区生产总值增长5%左右", End: 12, Year: 2026, Jurisdiction: "南京市", DocumentID: "plan:南京市:2026",
			Plan: plan("plan:南京市:2026"), Task: task,
		},
		{
			ID: "report:南京市:2026:g1", Metric: "地区生产总值", Measure: "GROWTH", Value: &five, Unit: "%", Comparator: "≈",
			Text: "地区生产总值增长5%左右", End: 12, Year: 2026, Jurisdiction: "南京市", DocumentID: "report:南京市:2026",
			Report: plan("report:南京市:2026"),
		},
	}, got.Targets)
}

func TestTargetsFilters(t *testing.T) {
	url := serve(t, fixtureStore(t))
	ids := func(query string) []string {
		got := apitest.Query[struct{ Targets []struct{ ID string } }](t, url, query, nil)
		var out []string
		for _, g := range got.Targets {
			out = append(out, g.ID)
		}
		return out
	}
	require.Equal(t, []string{"plan:南京市:2026:t1:g2"}, ids(`{ targets(metricContains: "首店") { id } }`))
	require.Equal(t, []string{"plan:南京市:2026:t1:g2", "plan:南京市:2026:t6:g1"}, ids(`{ targets(measure: COUNT) { id } }`))
	require.Equal(t, []string{"plan:南京市/鼓楼区:2026:t1:g1"}, ids(`{ targets(metric: "地区生产总值", jurisdiction: "鼓楼") { id } }`),
		"a jurisdiction by its short name")
	require.Equal(t, []string{"plan:南京市:2026:t1:g1", "report:南京市:2026:g1", "plan:南京市/鼓楼区:2026:t1:g1"},
		ids(`{ targets(metric: "地区 生产总值", year: 2026) { id } }`), "spaces in the metric do not matter")
	require.Empty(t, ids(`{ targets(metric: "新增首店", year: 2021) { id } }`), "a known metric with nothing that year")

	got := apitest.Query[struct {
		Reports []struct {
			ID      string
			Targets []struct{ Metric, Measure string }
		}
		TargetMetrics []string
	}](t, url, `{ reports { id targets { metric measure } } targetMetrics }`, nil)
	require.Equal(t, "report:南京市:2026", got.Reports[0].ID)
	require.Equal(t, []struct{ Metric, Measure string }{{"地区生产总值", "GROWTH"}, {"实际使用外资", "QUALITATIVE"}}, got.Reports[0].Targets)
	require.Empty(t, got.Reports[1].Targets, "a report known only from a plan")
	require.Equal(t, []string{"地区生产总值", "实际使用外资", "建成滨江步道", "新增首店"}, got.TargetMetrics)
}

func TestTaskTargets(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Tasks struct {
			Edges []struct {
				Node struct {
					Number  int
					Targets []struct {
						Metric string
						Value  float64
						Unit   string
					}
				}
			}
		}
	}](t, url, `{ tasks(filter: {planId: "plan:南京市:2026"}) { edges { node { number targets { metric value unit } } } } }`, nil)
	require.Len(t, got.Tasks.Edges, 6)
	type tv = struct {
		Metric string
		Value  float64
		Unit   string
	}
	require.Equal(t, []tv{{"地区生产总值", 5, "%"}, {"新增首店", 300, "家"}}, got.Tasks.Edges[0].Node.Targets)
	require.Empty(t, got.Tasks.Edges[1].Node.Targets)
	require.Equal(t, []tv{{"建成滨江步道", 5, "公里"}}, got.Tasks.Edges[5].Node.Targets)
}

func TestTargetsErrors(t *testing.T) {
	url := serve(t, fixtureStore(t))
	for _, tc := range []struct {
		name, query, code, message string
	}{
		{"unknown metric", `{ targets(metric: "地区生产总") { id } }`, "NOT_FOUND", `metric "地区生产总" not found; did you mean 地区生产总值?`},
		{"no metric contains", `{ targets(metricContains: "首店数") { id } }`, "NOT_FOUND", `metricContains: metric part "首店数" not found`},
		{"empty metric", `{ targets(metric: " ") { id } }`, "BAD_USER_INPUT", "metric: empty; leave it out to ask for every metric"},
		{"year without documents", `{ targets(year: 2024) { id } }`, "BAD_USER_INPUT", "year: no plan or report is loaded for 2024; loaded years: 2021, 2025, 2026"},
		{"year of another jurisdiction", `{ targets(jurisdiction: "鼓楼区", year: 2021) { id } }`, "BAD_USER_INPUT", "year: no plan or report of 南京市/鼓楼区 is loaded for 2021; loaded years: 2025, 2026"},
		{"impossible year", `{ targets(year: 26) { id } }`, "BAD_USER_INPUT", "year: 26 is not a plan year: want a year from 1949 to 2100"},
		{"unknown jurisdiction", `{ targets(jurisdiction: "玄武区") { id } }`, "NOT_FOUND", `jurisdiction "玄武区" not found`},
	} {
		e := apitest.Fail(t, url, tc.query, nil)
		require.Equal(t, tc.code, e.Code(), tc.name)
		require.Contains(t, e.Message, tc.message, tc.name)
	}
}
