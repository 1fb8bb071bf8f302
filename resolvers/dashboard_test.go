package resolvers_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

type yearWorkloadJSON struct {
	Year      int     `json:"year"`
	Lead      int     `json:"lead"`
	Cooperate int     `json:"cooperate"`
	Total     int     `json:"total"`
	Planned   bool    `json:"planned"`
	Reason    *string `json:"reason"`
}

// TestWorkloadSeries: a unit's series has a point for every loaded plan
// year, those without a plan of the unit zero with the reason, and no
// error.
func TestWorkloadSeries(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Unit struct {
			Workloads []yearWorkloadJSON
			W2025     struct{ Total int }
		}
	}](t, url, `{ unit(name: "区应急局") { workloads { year lead cooperate total planned reason } W2025: workload(year: 2025) { total } } }`, nil)
	reason := "no plan of 南京市/鼓楼区 is loaded for 2021 and no loaded plan of that year names 区应急局; loaded years of 南京市/鼓楼区: 2025, 2026"
	require.Equal(t, []yearWorkloadJSON{
		{Year: 2021, Reason: &reason},
		{Year: 2025, Lead: 1, Cooperate: 1, Total: 2, Planned: true},
		{Year: 2026, Lead: 2, Cooperate: 0, Total: 2, Planned: true},
	}, got.Unit.Workloads)
	require.Equal(t, 2, got.Unit.W2025.Total, "the series agrees with workload(year:)")
}

// TestWorkloadYearWithoutPlanNullsTheFieldAlone: a loop over years through
// workload(year:) keeps the unit and the other years when one year has no
// plan; that year is null with its error.
func TestWorkloadYearWithoutPlanNullsTheFieldAlone(t *testing.T) {
	url := serve(t, fixtureStore(t))
	resp := apitest.Post(t, url, `{ unit(name: "区应急局") { name y2021: workload(year: 2021) { total } y2025: workload(year: 2025) { total } } }`, nil)
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "BAD_USER_INPUT", resp.Errors[0].Code())
	require.Equal(t, []any{"unit", "y2021"}, resp.Errors[0].Path)
	require.Contains(t, resp.Errors[0].Message, "loaded years of 南京市/鼓楼区: 2025, 2026")
	var data struct {
		Unit struct {
			Name  string
			Y2021 *struct{ Total int }
			Y2025 *struct{ Total int }
		}
	}
	require.NoError(t, json.Unmarshal(resp.Data, &data))
	require.Equal(t, "区应急局", data.Unit.Name)
	require.Nil(t, data.Unit.Y2021)
	require.NotNil(t, data.Unit.Y2025)
	require.Equal(t, 2, data.Unit.Y2025.Total)
}

type rankedJSON struct {
	Rank      int `json:"rank"`
	Unit      struct{ Name string }
	Lead      int `json:"lead"`
	Cooperate int `json:"cooperate"`
	Total     int `json:"total"`
}

func ranked(rank int, name string, lead, coop int) rankedJSON {
	r := rankedJSON{Rank: rank, Lead: lead, Cooperate: coop, Total: lead + coop}
	r.Unit.Name = name
	return r
}

// TestWorkloadRanking: units ranked by the measure asked for, ties sharing
// a rank, units without that role left out, the list cut at first.
func TestWorkloadRanking(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct{ All, Leads, Coops []rankedJSON }](t, url, `{
	  all: workloadRanking(year: 2025, jurisdiction: "鼓楼区") { rank unit { name } lead cooperate total }
	  leads: workloadRanking(year: 2025, jurisdiction: "鼓楼区", role: LEAD, first: 2) { rank unit { name } lead cooperate total }
	  coops: workloadRanking(planId: "plan:南京市/鼓楼区:2025", role: COOPERATOR, includeCollective: true) { rank unit { name } lead cooperate total }
	}`, nil)
	require.Equal(t, []rankedJSON{
		ranked(1, "区发改委", 2, 1), ranked(2, "区应急局", 1, 1), ranked(3, "区市场监管局", 1, 0), ranked(3, "区财政局", 0, 1),
	}, got.All, "ties by total, then unit ID")
	require.Equal(t, []rankedJSON{ranked(1, "区发改委", 2, 1), ranked(2, "区应急局", 1, 1)}, got.Leads,
		"区市场监管局 shares rank 2 but is cut by first; 区财政局 leads nothing")
	require.Equal(t, []rankedJSON{
		ranked(1, "相关街道板块", 0, 2), ranked(2, "区发改委", 2, 1), ranked(2, "区应急局", 1, 1), ranked(2, "区财政局", 0, 1),
	}, got.Coops, "placeholders when asked for")

	for _, tc := range []struct{ query, code, message string }{
		{`{ workloadRanking(year: 2024) { rank } }`, "BAD_USER_INPUT", "year: no plan is loaded for 2024; loaded years: 2021, 2025, 2026"},
		{`{ workloadRanking(jurisdiction: "火星") { rank } }`, "NOT_FOUND", "火星"},
		{`{ workloadRanking(first: 0) { rank } }`, "BAD_USER_INPUT", "first: must be at least 1"},
	} {
		e := apitest.Fail(t, url, tc.query, nil)
		require.Equal(t, tc.code, e.Code(), e.Message)
		require.Contains(t, e.Message, tc.message)
	}
}
