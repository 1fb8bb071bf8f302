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
