package resolvers_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

type unitJSON struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Aliases      []string `json:"aliases"`
	Kind         string   `json:"kind"`
	Jurisdiction string   `json:"jurisdiction"`
}

func TestUnitByAnyName(t *testing.T) {
	url := serve(t, fixtureStore(t))
	const q = `query($name: String!, $j: String) { unit(name: $name, jurisdiction: $j) { id name aliases kind jurisdiction } }`
	tests := []struct {
		name, jurisdiction string
		wantID, wantName   string
	}{
		{"市文旅局", "", storetest.WLJ, "市文旅局"},
		{"市文化和旅游局", "", storetest.WLJ, "市文旅局"},
		{"区应急管理局", "", storetest.QYJ, "区应急局"},
		{"市场监管局", "南京市", storetest.SCJG, "市市场监管局"},
		{"市场监管局", "南京市/鼓楼区", storetest.QSCJG, "区市场监管局"},
		{"市场监管局", "鼓楼区", storetest.QSCJG, "区市场监管局"},
		{"市场监管局", "鼓楼", storetest.QSCJG, "区市场监管局"},
		{" 市发改委 ", "", storetest.FGW, "市发改委"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"@"+tt.jurisdiction, func(t *testing.T) {
			vars := map[string]any{"name": tt.name}
			if tt.jurisdiction != "" {
				vars["j"] = tt.jurisdiction
			}
			got := apitest.Query[struct{ Unit unitJSON }](t, url, q, vars)
			require.Equal(t, tt.wantID, got.Unit.ID)
			require.Equal(t, tt.wantName, got.Unit.Name)
		})
	}

	t.Run("fields", func(t *testing.T) {
		got := apitest.Query[struct{ Unit unitJSON }](t, url, q, map[string]any{"name": "市文化和旅游局"})
		require.Equal(t, unitJSON{
			ID: storetest.WLJ, Name: "市文旅局", Aliases: []string{"市文化和旅游局"},
			Kind: "DEPARTMENT", Jurisdiction: "南京市",
		}, got.Unit)
	})
}

// TestErrors pins the message and code of each kind of bad request: none
// may panic, and none may answer with silent emptiness.
func TestErrors(t *testing.T) {
	url := serve(t, fixtureStore(t))
	tests := []struct {
		name     string
		query    string
		code     string
		contains []string
	}{
		{"unknown unit suggests", `{ unit(name: "市文旅") { id } }`, "NOT_FOUND", []string{"市文旅", "市文旅局"}},
		{"ambiguous unit", `{ unit(name: "市场监管局") { id } }`, "AMBIGUOUS", []string{"南京市", "南京市/鼓楼区"}},
		{"empty unit name", `{ unit(name: "  ") { id } }`, "BAD_USER_INPUT", []string{"empty"}},
		{"unknown jurisdiction suggests", `{ units(jurisdiction: "鼓楼县") { totalCount } }`, "NOT_FOUND", []string{"鼓楼县", "鼓楼区"}},
		{"bad cursor", `{ units(after: "bm90LWEtY3Vyc29y") { totalCount } }`, "BAD_USER_INPUT", []string{"not a cursor"}},
		{"page too large", `{ tasks(first: 1000) { totalCount } }`, "BAD_USER_INPUT", []string{"1000", "maximum of 100"}},
		{"negative page", `{ units(first: -1) { totalCount } }`, "BAD_USER_INPUT", []string{"negative"}},
		{"year out of range", `{ tasks(filter: {year: 1800}) { totalCount } }`, "BAD_USER_INPUT", []string{"1800", "1949"}},
		{"year without plan", `{ tasks(filter: {year: 2023}) { totalCount } }`, "BAD_USER_INPUT", []string{"2023", "2021, 2025, 2026"}},
		{"jurisdiction year without plan", `{ plans(jurisdiction: "南京市", year: 2025) { id } }`, "BAD_USER_INPUT", []string{"南京市", "2025", "2021, 2026"}},
		{"from after to", `{ workloadChange(unit: "市文旅局", fromYear: 2026, toYear: 2021) { totalDelta } }`, "BAD_USER_INPUT", []string{"2026", "after", "2021"}},
		{"impossible toYear", `{ workloadChange(unit: "市文旅局", fromYear: 2021, toYear: 3000) { totalDelta } }`, "BAD_USER_INPUT", []string{"toYear", "3000"}},
		{"unit year without plan", `{ workloadChange(unit: "区应急局", fromYear: 2021, toYear: 2026) { totalDelta } }`, "BAD_USER_INPUT", []string{"南京市/鼓楼区", "2021", "2025, 2026"}},
		{"workload year without plan", `{ unit(name: "市发改委") { workload(year: 2025) { total } } }`, "BAD_USER_INPUT", []string{"南京市", "2025", "2021, 2026"}},
		{"role without unit", `{ tasks(filter: {role: LEAD}) { totalCount } }`, "BAD_USER_INPUT", []string{"filter.unit"}},
		{"unknown plan", `{ tasks(filter: {planId: "plan:南京市:2020"}) { totalCount } }`, "NOT_FOUND", []string{"plan:南京市:2020", "plan:南京市:2021"}},
		{"unknown section", `{ tasks(filter: {sectionId: "nope"}) { totalCount } }`, "NOT_FOUND", []string{"nope"}},
		{"zero limit", `{ coOwnership(limit: 0) { sharedTasks } }`, "BAD_USER_INPUT", []string{"limit", "at least 1"}},
		{"limit too large", `{ coOwnership(limit: 101) { sharedTasks } }`, "BAD_USER_INPUT", []string{"101", "maximum of 100"}},
		{"minShared", `{ network(minShared: 0) { edges { source } } }`, "BAD_USER_INPUT", []string{"minShared"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := apitest.Fail(t, url, tt.query, nil)
			require.Equal(t, tt.code, e.Code(), e.Message)
			for _, s := range tt.contains {
				require.Contains(t, e.Message, s)
			}
			require.NotEmpty(t, e.Path, "an argument error names the field")
		})
	}
}

type workloadJSON struct {
	Year      *int
	Lead      int
	Cooperate int
	Total     int
	BySection []struct {
		Section   struct{ Title string }
		Lead      int
		Cooperate int
		Total     int
	}
}

type changeJSON struct {
	WorkloadChange struct {
		Unit                                  struct{ Name string }
		From, To                              workloadJSON
		LeadDelta, CooperateDelta, TotalDelta int
		Gained, Lost                          []struct {
			Section                struct{ ID, Title string }
			Lead, Cooperate, Total int
		}
		MergedFrom []struct{ Name string }
	}
}

const changeQuery = `query($unit: String!, $j: String, $from: Int!, $to: Int!) {
  workloadChange(unit: $unit, jurisdiction: $j, fromYear: $from, toYear: $to) {
    unit { name }
    from { year lead cooperate total bySection { section { title } lead cooperate total } }
    to { year lead cooperate total bySection { section { title } lead cooperate total } }
    leadDelta cooperateDelta totalDelta
    gained { section { id title } lead cooperate total }
    lost { section { id title } lead cooperate total }
    mergedFrom { name }
  }
}`

func TestWorkloadChange(t *testing.T) {
	url := serve(t, fixtureStore(t))
	tests := []struct {
		unit, jurisdiction string
		from, to           int
		wantUnit           string
		fromLead, fromCoop int
		toLead, toCoop     int
		merged             []string
	}{
		{"市文旅局", "", 2021, 2026, "市文旅局", 1, 0, 1, 1, nil},
		{"市文化和旅游局", "", 2021, 2026, "市文旅局", 1, 0, 1, 1, nil},
		{"市发改委", "南京", 2021, 2026, "市发改委", 1, 2, 2, 2, nil},
		{"区应急局", "鼓楼区", 2025, 2026, "区应急局", 1, 1, 2, 0, nil},
		{"市数据局", "", 2021, 2026, "市数据局", 2, 0, 1, 0, []string{"市大数据管理局"}},
		// A unit reorganised away is followed to its successor.
		{"市大数据管理局", "", 2021, 2026, "市数据局", 2, 0, 1, 0, []string{"市大数据管理局"}},
		{"市发改委", "", 2026, 2026, "市发改委", 2, 2, 2, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			vars := map[string]any{"unit": tt.unit, "from": tt.from, "to": tt.to}
			if tt.jurisdiction != "" {
				vars["j"] = tt.jurisdiction
			}
			c := apitest.Query[changeJSON](t, url, changeQuery, vars).WorkloadChange
			require.Equal(t, tt.wantUnit, c.Unit.Name)
			require.Equal(t, tt.from, *c.From.Year)
			require.Equal(t, tt.to, *c.To.Year)
			require.Equal(t, [2]int{tt.fromLead, tt.fromCoop}, [2]int{c.From.Lead, c.From.Cooperate}, "from")
			require.Equal(t, [2]int{tt.toLead, tt.toCoop}, [2]int{c.To.Lead, c.To.Cooperate}, "to")
			require.Equal(t, tt.toLead-tt.fromLead, c.LeadDelta)
			require.Equal(t, tt.toCoop-tt.fromCoop, c.CooperateDelta)
			require.Equal(t, c.To.Total-c.From.Total, c.TotalDelta)
			var merged []string
			for _, u := range c.MergedFrom {
				merged = append(merged, u.Name)
			}
			require.Equal(t, tt.merged, merged)
		})
	}
}

// TestWorkloadChangeSections checks gained and lost on 市发改委 of the
// fixtures: 2021 主要预期目标 1 lead, 推动产业升级 2 cooperate; 2026
// 主要预期目标 1 lead, 坚持创新驱动 2 cooperate, 保障改善民生 1 lead.
// Matched by title, 主要预期目标 is unchanged and in neither list.
func TestWorkloadChangeSections(t *testing.T) {
	url := serve(t, fixtureStore(t))
	c := apitest.Query[changeJSON](t, url, changeQuery, map[string]any{"unit": "市发改委", "from": 2021, "to": 2026}).WorkloadChange

	type count struct {
		title                  string
		lead, cooperate, total int
	}
	var gained, lost []count
	for _, s := range c.Gained {
		gained = append(gained, count{s.Section.Title, s.Lead, s.Cooperate, s.Total})
		require.Contains(t, s.Section.ID, storetest.PlanNanjing2026, "a gained section is the to-year's")
	}
	for _, s := range c.Lost {
		lost = append(lost, count{s.Section.Title, s.Lead, s.Cooperate, s.Total})
		require.Contains(t, s.Section.ID, storetest.PlanNanjing2021, "a lost section is the from-year's")
	}
	require.Equal(t, []count{{"坚持创新驱动", 0, 2, 2}, {"保障改善民生", 1, 0, 1}}, gained)
	require.Equal(t, []count{{"推动产业升级", 0, 2, 2}}, lost)
}

func TestUnitsFilter(t *testing.T) {
	url := serve(t, fixtureStore(t))
	const q = `query($search: String, $j: String, $kind: UnitKind) {
	  units(search: $search, jurisdiction: $j, kind: $kind, first: 100) { totalCount edges { node { name } } } }`
	tests := []struct {
		name string
		vars map[string]any
		want []string
	}{
		{"kind", map[string]any{"kind": "PLACEHOLDER"}, []string{"各区政府", "相关街道板块"}},
		{"jurisdiction and kind", map[string]any{"j": "鼓楼", "kind": "PLACEHOLDER"}, []string{"相关街道板块"}},
		{"search by alias", map[string]any{"search": "文化和旅游"}, []string{"市文旅局"}},
		{"search finds nothing", map[string]any{"search": "不存在"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := apitest.Query[struct {
				Units struct {
					TotalCount int
					Edges      []struct{ Node struct{ Name string } }
				}
			}](t, url, q, tt.vars).Units
			var names []string
			for _, e := range got.Edges {
				names = append(names, e.Node.Name)
			}
			require.Equal(t, tt.want, names)
			require.Equal(t, len(tt.want), got.TotalCount)
		})
	}
}
