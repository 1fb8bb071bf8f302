package resolvers_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

type pairJSON struct {
	A, B        struct{ Name string }
	SharedTasks int
	Tasks       []struct{ ID string }
}

func TestCoOwnership(t *testing.T) {
	url := serve(t, fixtureStore(t))
	const q = `query($f: CoOwnershipFilter, $limit: Int) { coOwnership(filter: $f, limit: $limit) { a { name } b { name } sharedTasks tasks(first: 100) { id } } }`

	t.Run("top pair over everything", func(t *testing.T) {
		pairs := apitest.Query[struct{ CoOwnership []pairJSON }](t, url, q, map[string]any{"limit": 1}).CoOwnership
		require.Len(t, pairs, 1)
		require.Equal(t, "市发改委", pairs[0].A.Name)
		require.Equal(t, "市工信局", pairs[0].B.Name)
		require.Equal(t, 5, pairs[0].SharedTasks)
		require.Len(t, pairs[0].Tasks, 5, "tasks lists what sharedTasks counts")
	})

	t.Run("every pair's tasks match its count", func(t *testing.T) {
		for _, f := range []map[string]any{
			nil,
			{"year": 2026},
			{"jurisdiction": "鼓楼区", "includeCollective": true},
			{"roles": []string{"LEAD"}},
			{"planId": storetest.PlanNanjing2021},
		} {
			pairs := apitest.Query[struct{ CoOwnership []pairJSON }](t, url, q, map[string]any{"f": f, "limit": 100}).CoOwnership
			require.NotEmpty(t, pairs, "filter %v", f)
			for _, p := range pairs {
				require.Len(t, p.Tasks, p.SharedTasks, "filter %v, pair %s & %s", f, p.A.Name, p.B.Name)
			}
		}
	})

	t.Run("placeholders only when asked", func(t *testing.T) {
		has := func(f map[string]any) bool {
			pairs := apitest.Query[struct{ CoOwnership []pairJSON }](t, url, q, map[string]any{"f": f, "limit": 100}).CoOwnership
			for _, p := range pairs {
				if p.A.Name == "各区政府" || p.B.Name == "各区政府" {
					return true
				}
			}
			return false
		}
		require.False(t, has(nil))
		require.True(t, has(map[string]any{"includeCollective": true}))
	})
}

func TestPartners(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Unit struct {
			Partners []struct {
				Unit        struct{ Name string }
				SharedTasks int
			}
		}
	}](t, url, `{ unit(name: "市发改委") { partners(limit: 1) { unit { name } sharedTasks } } }`, nil)
	require.Len(t, got.Unit.Partners, 1)
	require.Equal(t, "市工信局", got.Unit.Partners[0].Unit.Name)
	require.Equal(t, 5, got.Unit.Partners[0].SharedTasks)

	// A placeholder's partners are listed although placeholders are left
	// out of co-ownership by default.
	type partner struct {
		Unit        struct{ Name string }
		SharedTasks int
	}
	placeholder := apitest.Query[struct{ Unit struct{ Partners []partner } }](t, url,
		`{ unit(name: "各区政府") { partners(limit: 2) { unit { name } sharedTasks } } }`, nil)
	require.Equal(t, []partner{{struct{ Name string }{"市发改委"}, 2}, {struct{ Name string }{"市文旅局"}, 2}}, placeholder.Unit.Partners)
}

func TestNetwork(t *testing.T) {
	url := serve(t, fixtureStore(t))
	type networkJSON struct {
		Network struct {
			Nodes []struct {
				Unit                   struct{ ID, Name string }
				Lead, Cooperate, Total int
			}
			Edges []struct {
				Source, Target string
				A, B           struct{ ID string }
				SharedTasks    int
			}
			CompactEdges []int
		}
	}
	const q = `query($f: CoOwnershipFilter, $min: Int) { network(filter: $f, minShared: $min) {
	  nodes { unit { id name } lead cooperate total }
	  edges { source target a { id } b { id } sharedTasks }
	  compactEdges } }`

	n := apitest.Query[networkJSON](t, url, q, map[string]any{"f": map[string]any{"year": 2021}}).Network
	var names []string
	for _, node := range n.Nodes {
		names = append(names, node.Unit.Name)
		require.Equal(t, node.Lead+node.Cooperate, node.Total)
	}
	require.ElementsMatch(t, []string{"市发改委", "市工信局", "市科技局", "市文旅局", "市大数据管理局"}, names)
	require.NotEmpty(t, n.Edges)
	for _, e := range n.Edges {
		require.Equal(t, e.Source, e.A.ID)
		require.Equal(t, e.Target, e.B.ID)
		require.GreaterOrEqual(t, e.SharedTasks, 1)
	}
	// compactEdges says the same as edges, three integers a pair: its
	// units' positions in nodes and its shared tasks.
	require.Len(t, n.CompactEdges, 3*len(n.Edges))
	for i, e := range n.Edges {
		at := n.CompactEdges[3*i:]
		require.Equal(t, []any{e.Source, e.Target, e.SharedTasks}, []any{n.Nodes[at[0]].Unit.ID, n.Nodes[at[1]].Unit.ID, at[2]}, "pair %d", i)
	}

	heavy := apitest.Query[networkJSON](t, url, q, map[string]any{"min": 5}).Network
	require.Len(t, heavy.Edges, 1, "only 市发改委 & 市工信局 share 5 or more")
	require.Equal(t, 5, heavy.Edges[0].SharedTasks)
}
