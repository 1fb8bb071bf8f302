package server_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
	"github.com/dutygraph/dutygraph/server"
)

// These tests are the API's acceptance criteria: the real server over the
// memory store loaded with the bundled seeds, asked over HTTP. The numbers
// were counted from the seed documents.

func seedServer(t *testing.T) string {
	t.Helper()
	srv := newServer(t, seedtest.Store(t), server.DefaultConfig())
	srv.MarkLoaded()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL + "/graphql"
}

func TestSeedsTopCoOwnedPair(t *testing.T) {
	url := seedServer(t)
	got := apitest.Query[struct {
		CoOwnership []struct {
			A, B        struct{ Name string }
			SharedTasks int
			Tasks       []struct{ ID string }
		}
	}](t, url, `{ coOwnership(limit: 2) { a { name } b { name } sharedTasks tasks(first: 100) { id } } }`, nil)
	pairs := got.CoOwnership
	require.Len(t, pairs, 2)
	require.Equal(t, "市发改委", pairs[0].A.Name)
	require.Equal(t, "市工信局", pairs[0].B.Name)
	require.Equal(t, 29, pairs[0].SharedTasks)
	require.Len(t, pairs[0].Tasks, 29)
	require.Equal(t, []string{"市工信局", "市科技局"}, []string{pairs[1].A.Name, pairs[1].B.Name})
	require.Equal(t, 25, pairs[1].SharedTasks)
}

func TestSeedsWorkloadChange(t *testing.T) {
	url := seedServer(t)
	const q = `query($unit: String!, $j: String, $from: Int!, $to: Int!) {
	  workloadChange(unit: $unit, jurisdiction: $j, fromYear: $from, toYear: $to) {
	    unit { id name } from { lead cooperate } to { lead cooperate } mergedFrom { name } } }`
	type change struct {
		WorkloadChange struct {
			Unit       struct{ ID, Name string }
			From, To   struct{ Lead, Cooperate int }
			MergedFrom []struct{ Name string }
		}
	}
	tests := []struct {
		unit, jurisdiction string
		from, to           int
		wantName           string
		fromLC, toLC       [2]int
	}{
		{"市文旅局", "", 2021, 2026, "市文旅局", [2]int{5, 2}, [2]int{8, 4}},
		{"市文化和旅游局", "", 2021, 2026, "市文旅局", [2]int{5, 2}, [2]int{8, 4}},
		{"市发改委", "", 2021, 2026, "市发改委", [2]int{23, 11}, [2]int{32, 13}},
		{"市规划资源局", "", 2021, 2026, "市规划资源局", [2]int{11, 7}, [2]int{7, 10}},
		{"市规划和自然资源局", "", 2021, 2026, "市规划资源局", [2]int{11, 7}, [2]int{7, 10}},
		{"区应急局", "南京市/鼓楼区", 2025, 2026, "区应急局", [2]int{1, 1}, [2]int{4, 0}},
		{"区应急局", "鼓楼区", 2025, 2026, "区应急局", [2]int{1, 1}, [2]int{4, 0}},
		{"区应急管理局", "鼓楼", 2025, 2026, "区应急局", [2]int{1, 1}, [2]int{4, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.unit+"@"+tt.jurisdiction, func(t *testing.T) {
			vars := map[string]any{"unit": tt.unit, "from": tt.from, "to": tt.to}
			if tt.jurisdiction != "" {
				vars["j"] = tt.jurisdiction
			}
			c := apitest.Query[change](t, url, q, vars).WorkloadChange
			require.Equal(t, tt.wantName, c.Unit.Name)
			require.Equal(t, tt.fromLC, [2]int{c.From.Lead, c.From.Cooperate}, "from")
			require.Equal(t, tt.toLC, [2]int{c.To.Lead, c.To.Cooperate}, "to")
		})
	}

	t.Run("successions", func(t *testing.T) {
		c := apitest.Query[change](t, url, q, map[string]any{"unit": "市数据局", "from": 2021, "to": 2026}).WorkloadChange
		var merged []string
		for _, u := range c.MergedFrom {
			merged = append(merged, u.Name)
		}
		require.Contains(t, merged, "市政务办")
		require.Contains(t, merged, "市大数据管理局")
	})
}

func TestSeedsUnitAliases(t *testing.T) {
	url := seedServer(t)
	got := apitest.Query[struct {
		Full, Short struct{ ID, Name string }
	}](t, url, `{ full: unit(name: "市文化和旅游局") { id name } short: unit(name: "市文旅局") { id name } }`, nil)
	require.Equal(t, got.Short, got.Full)
	require.Equal(t, "市文旅局", got.Full.Name)
}

func TestSeedsErrors(t *testing.T) {
	url := seedServer(t)
	tests := []struct {
		name, query, code string
		contains          []string
	}{
		{"unknown unit", `{ unit(name: "市文旅") { id } }`, "NOT_FOUND", []string{"市文旅局"}},
		{"bad cursor", `{ tasks(after: "garbage") { totalCount } }`, "BAD_USER_INPUT", []string{"cursor"}},
		{"page too large", `{ tasks(first: 1000) { totalCount } }`, "BAD_USER_INPUT", []string{"maximum of 100"}},
		{"impossible year", `{ workloadChange(unit: "市发改委", fromYear: 1900, toYear: 2026) { totalDelta } }`, "BAD_USER_INPUT", []string{"1900"}},
		{"year not loaded", `{ workloadChange(unit: "市发改委", fromYear: 2024, toYear: 2026) { totalDelta } }`, "BAD_USER_INPUT", []string{"2024", "2021, 2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := apitest.Fail(t, url, tt.query, nil)
			require.Equal(t, tt.code, e.Code(), e.Message)
			for _, s := range tt.contains {
				require.Contains(t, e.Message, s)
			}
		})
	}
}

// TestSeedsPagination walks all tasks of the seeds in pages and checks they
// add up to the documents' task counts (170 + 100 + 87 + 84).
func TestSeedsPagination(t *testing.T) {
	url := seedServer(t)
	const q = `query($after: String) { tasks(first: 100, after: $after) {
	  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`
	type page struct {
		Tasks struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct{ Node struct{ ID string } }
		}
	}
	seen := map[string]bool{}
	var after any
	for range 10 {
		p := apitest.Query[page](t, url, q, map[string]any{"after": after}).Tasks
		require.Equal(t, 441, p.TotalCount)
		for _, e := range p.Edges {
			require.False(t, seen[e.Node.ID], "task %s twice", e.Node.ID)
			seen[e.Node.ID] = true
		}
		if !p.PageInfo.HasNextPage {
			break
		}
		after = p.PageInfo.EndCursor
	}
	require.Len(t, seen, 441)
}

// TestSeedsSharedTasks: the tasks a network edge stands for are asked by
// the two units' IDs, and number what the edge's weight says.
func TestSeedsSharedTasks(t *testing.T) {
	url := seedServer(t)
	const ndrc, miit = "unit:南京市:市发改委", "unit:南京市:市工信局"
	count := func(filter string) int {
		return apitest.Query[struct {
			Tasks struct{ TotalCount int }
		}](t, url, `{ tasks(filter: `+filter+`) { totalCount } }`, nil).Tasks.TotalCount
	}
	require.Equal(t, 29, count(`{sharedBy: ["`+ndrc+`", "`+miit+`"]}`), "the top pair's weight")

	pairs := apitest.Query[struct {
		CoOwnership []struct{ SharedTasks int }
	}](t, url, `{ coOwnership(filter: {year: 2026, roles: [LEAD]}, limit: 1) { sharedTasks } }`, nil).CoOwnership
	require.Len(t, pairs, 1)
	network := apitest.Query[struct {
		Network struct {
			Edges []struct {
				Source, Target string
				SharedTasks    int
			}
		}
	}](t, url, `{ network(filter: {year: 2026, jurisdiction: "南京市", roles: [LEAD]}) { edges { source target sharedTasks } } }`, nil).Network
	require.NotEmpty(t, network.Edges)
	for _, e := range network.Edges[:5] {
		filter := `{sharedBy: ["` + e.Source + `", "` + e.Target + `"], year: 2026, jurisdiction: "南京市", role: LEAD}`
		require.Equal(t, e.SharedTasks, count(filter), "%s–%s", e.Source, e.Target)
	}

	resp := apitest.Post(t, url, `{ tasks(filter: {sharedBy: ["unit:南京市:市发改"]}) { totalCount } }`, nil)
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "NOT_FOUND", resp.Errors[0].Code())
	eleven := `["` + strings.Repeat(ndrc+`", "`, 10) + ndrc + `"]`
	resp = apitest.Post(t, url, `{ tasks(filter: {sharedBy: `+eleven+`}) { totalCount } }`, nil)
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "BAD_USER_INPUT", resp.Errors[0].Code())
	resp = apitest.Post(t, url, `{ tasks(filter: {role: LEAD}) { totalCount } }`, nil)
	require.Len(t, resp.Errors, 1)
	require.Contains(t, resp.Errors[0].Message, "needs filter.unit or filter.sharedBy")
}
