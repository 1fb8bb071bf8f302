package resolvers_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// The analysis fields over HTTP on the bundled seeds; the figures were
// checked by reading the seed documents (see analysis/testdata).

type taskRef struct {
	Number       int
	Year         int
	Jurisdiction string
}

type taskLink struct {
	Task  taskRef
	Score float64
}

func TestTaskContinuity(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	got := apitest.Query[struct {
		Tasks struct {
			Edges []struct {
				Node struct {
					Number      int
					Continues   []taskLink
					Explicit    []taskLink
					ContinuedBy []taskLink
				}
			}
		}
	}](t, url, `{ tasks(filter: {jurisdiction: "鼓楼区", year: 2026, text: "鼓楼第二实验小学改扩建等"}) { edges { node {
		number
		continues { task { number year jurisdiction } score }
		explicit: continues(year: 2025) { task { number year jurisdiction } score }
		continuedBy { task { number } score } } } } }`, nil)
	require.Len(t, got.Tasks.Edges, 1)
	node := got.Tasks.Edges[0].Node
	require.Equal(t, 57, node.Number)
	require.Len(t, node.Continues, 1)
	require.Equal(t, taskRef{Number: 56, Year: 2025, Jurisdiction: "南京市/鼓楼区"}, node.Continues[0].Task)
	require.Greater(t, node.Continues[0].Score, 0.2)
	require.Equal(t, node.Continues, node.Explicit, "the nearest earlier plan is 2025's")
	require.Empty(t, node.ContinuedBy, "no later plan is loaded")
}

func TestTaskCascades(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	got := apitest.Query[struct {
		Tasks struct {
			Edges []struct {
				Node struct {
					Number     int
					CascadesTo []struct {
						Task struct {
							Number       int
							Jurisdiction string
							CascadesFrom []taskLink
						}
						Score float64
					}
				}
			}
		}
	}](t, url, `{ tasks(filter: {jurisdiction: "南京市", year: 2026, text: "恢复湖南路道路设施"}) { edges { node {
		number cascadesTo { score task { number jurisdiction cascadesFrom { task { number jurisdiction year } score } } } } } } }`, nil)
	require.Len(t, got.Tasks.Edges, 1)
	node := got.Tasks.Edges[0].Node
	require.Equal(t, 87, node.Number)
	require.NotEmpty(t, node.CascadesTo)
	first := node.CascadesTo[0]
	require.Equal(t, 42, first.Task.Number)
	require.Equal(t, "南京市/鼓楼区", first.Task.Jurisdiction)
	require.Equal(t, []taskLink{{Task: taskRef{Number: 87, Year: 2026, Jurisdiction: "南京市"}, Score: first.Score}}, first.Task.CascadesFrom)
}

func TestDistrictGovernment(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	got := apitest.Query[struct {
		Unit struct {
			Governs *struct {
				Path       string
				Government struct{ Name string }
			}
		}
		Other struct{ Governs *struct{ Path string } }
	}](t, url, `{ unit(name: "鼓楼区政府") { governs { path government { name } } }
		other: unit(name: "市发改委") { governs { path } } }`, nil)
	require.NotNil(t, got.Unit.Governs)
	require.Equal(t, "南京市/鼓楼区", got.Unit.Governs.Path)
	require.Equal(t, "鼓楼区政府", got.Unit.Governs.Government.Name)
	require.Nil(t, got.Other.Governs, "a department governs no jurisdiction")
}

func TestWorkloadChangeContinuity(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	type pair struct {
		From, To struct{ Number int }
		Score    float64
	}
	got := apitest.Query[struct {
		WorkloadChange struct {
			From, To  struct{ Total int }
			Continued []pair
			Added     []struct{ Number int }
			Dropped   []struct{ Number int }
		}
	}](t, url, `{ workloadChange(unit: "市文旅局", fromYear: 2021, toYear: 2026) {
		from { total } to { total }
		continued { from { number } to { number } score } added { number } dropped { number } } }`, nil)
	wc := got.WorkloadChange
	require.Equal(t, 7, wc.From.Total)
	require.Equal(t, 12, wc.To.Total)
	require.Len(t, wc.Continued, 3)
	require.Len(t, wc.Added, 9)
	require.Len(t, wc.Dropped, 4)
	require.Equal(t, wc.To.Total, len(wc.Continued)+len(wc.Added))
	require.Equal(t, wc.From.Total, len(wc.Continued)+len(wc.Dropped))
	require.Equal(t, 54, wc.Continued[0].From.Number)
	require.Equal(t, 104, wc.Continued[0].To.Number)
}

func TestLineageSuggestions(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	type suggestion struct {
		Vanished, Appeared struct{ Name string }
		Score              float64
		MutualBest         bool
		Recorded           bool
		VanishedTasks      int
		AppearedTasks      int
		Evidence           []struct {
			From, To struct{ Number int }
			Score    float64
		}
	}
	got := apitest.Query[struct {
		ForData    []suggestion
		Unrecorded []suggestion
		Top        []suggestion
	}](t, url, `{
		forData: lineageSuggestions(jurisdiction: "南京市", fromYear: 2021, toYear: 2026, unit: "市数据局", limit: 2) {
			vanished { name } appeared { name } score mutualBest recorded vanishedTasks appearedTasks
			evidence { from { number } to { number } score } }
		unrecorded: lineageSuggestions(jurisdiction: "南京市", fromYear: 2021, toYear: 2026, unit: "市数据局", includeRecorded: false) {
			vanished { name } recorded }
		top: lineageSuggestions(jurisdiction: "南京", fromYear: 2021, toYear: 2026, limit: 1) { vanished { name } appeared { name } recorded } }`, nil)
	require.Len(t, got.ForData, 2)
	require.Equal(t, "市政务办", got.ForData[0].Vanished.Name)
	require.Equal(t, "市大数据管理局", got.ForData[1].Vanished.Name)
	for _, s := range got.ForData {
		require.Equal(t, "市数据局", s.Appeared.Name)
		require.True(t, s.Recorded)
		require.NotEmpty(t, s.Evidence)
		require.LessOrEqual(t, len(s.Evidence), 3)
	}
	require.Equal(t, 6, got.ForData[0].VanishedTasks)
	require.Equal(t, 6, got.ForData[0].AppearedTasks)
	for _, s := range got.Unrecorded {
		require.False(t, s.Recorded)
		require.NotContains(t, []string{"市政务办", "市大数据管理局"}, s.Vanished.Name)
	}
	require.Len(t, got.Top, 1)
	require.Equal(t, "市地方金融监管局", got.Top[0].Vanished.Name)
	require.Equal(t, "市委金融办", got.Top[0].Appeared.Name)
}

func TestAnalysisErrors(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	for _, tc := range []struct {
		name, query, code, message string
	}{
		{"years reversed", `{ lineageSuggestions(jurisdiction: "南京市", fromYear: 2026, toYear: 2021) { score } }`,
			"BAD_USER_INPUT", "fromYear 2026 is not before toYear 2021"},
		{"year without a plan", `{ lineageSuggestions(jurisdiction: "南京市", fromYear: 2019, toYear: 2026) { score } }`,
			"BAD_USER_INPUT", "no plan of 南京市 is loaded for 2019; loaded years: 2021, 2026"},
		{"unknown jurisdiction", `{ lineageSuggestions(jurisdiction: "北京市", fromYear: 2021, toYear: 2026) { score } }`,
			"NOT_FOUND", "jurisdiction \"北京市\" not found"},
		{"limit too large", `{ lineageSuggestions(jurisdiction: "南京市", fromYear: 2021, toYear: 2026, limit: 1000) { score } }`,
			"BAD_USER_INPUT", "limit: 1000 is more than the maximum of 100"},
		{"continues from a later year", `{ tasks(filter: {jurisdiction: "南京市", year: 2021}, first: 1) { edges { node { continues(year: 2026) { score } } } } }`,
			"BAD_USER_INPUT", "year: 2026 is not before the task's year 2021"},
		{"continuity within one year", `{ workloadChange(unit: "市文旅局", fromYear: 2026, toYear: 2026) { continued { score } } }`,
			"BAD_USER_INPUT", "fromYear and toYear are both 2026"},
		{"continues from a year without a plan", `{ tasks(filter: {jurisdiction: "南京市", year: 2026}, first: 1) { edges { node { continues(year: 2019) { score } } } } }`,
			"BAD_USER_INPUT", "year: no plan of 南京市 is loaded for 2019"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := apitest.Fail(t, url, tc.query, nil)
			require.Equal(t, tc.code, err.Code(), err.Message)
			require.Contains(t, err.Message, tc.message)
		})
	}
}
