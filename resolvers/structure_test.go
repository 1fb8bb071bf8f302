package resolvers_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

type structureJSON struct {
	Modularity  float64
	Nodes       []nodeJSON
	Edges       []struct{ Source, Target string }
	Communities []struct {
		ID, Size int
		Label    string
		Hub      struct{ Name string }
		Units    []struct{ ID, Name string }
	}
}

type nodeJSON struct {
	Unit           struct{ ID, Name string }
	Degree         int
	WeightedDegree int
	Betweenness    float64
	Community      int
}

const structureQuery = `query($f: CoOwnershipFilter, $min: Int) { network(filter: $f, minShared: $min) {
  modularity
  nodes { unit { id name } degree weightedDegree betweenness community }
  edges { source target }
  communities { id size label hub { name } units(first: 100) { id name } } } }`

func TestNetworkStructure(t *testing.T) {
	st := seedtest.Store(t)
	url := serve(t, st)
	nanjing2026 := map[string]any{"year": 2026, "jurisdiction": "南京市"}
	ask := func(t *testing.T, f map[string]any, least int) structureJSON {
		return apitest.Query[struct{ Network structureJSON }](t, url, structureQuery, map[string]any{"f": f, "min": least}).Network
	}

	t.Run("brokers of the city's 2026 plan", func(t *testing.T) {
		n := ask(t, nanjing2026, 1)
		nodes := slices.Clone(n.Nodes)
		slices.SortStableFunc(nodes, func(a, b nodeJSON) int { return cmp.Compare(b.Betweenness, a.Betweenness) })
		var top []string
		for _, node := range nodes[:5] {
			top = append(top, node.Unit.Name)
		}
		require.Equal(t, []string{"市财政局", "市发改委", "市工信局", "市公安局", "市建委"}, top)
		brokers := apitest.Query[struct {
			Network struct{ Brokers []nodeJSON }
		}](t, url, `{ network(filter: {year: 2026, jurisdiction: "南京市"}) { brokers(first: 5) { unit { name } betweenness } } }`, nil)
		var names []string
		for _, b := range brokers.Network.Brokers {
			names = append(names, b.Unit.Name)
		}
		require.Equal(t, top, names)
		community := make(map[string]int)
		for _, node := range n.Nodes {
			community[node.Unit.Name] = node.Community
		}
		require.Equal(t, community["市发改委"], community["市工信局"])
		require.Equal(t, "市发改委", n.Communities[community["市发改委"]].Label)
	})

	t.Run("the API presents the analysis of the store's network", func(t *testing.T) {
		for _, least := range []int{1, 3} {
			n := ask(t, nanjing2026, least)
			net, err := st.Network(context.Background(), graph.CoOwnershipFilter{Year: 2026, Jurisdiction: "南京市"}, least)
			require.NoError(t, err)
			want, err := analysis.NetworkStructure(context.Background(), net)
			require.NoError(t, err)
			between, err := analysis.NetworkBetweenness(context.Background(), net)
			require.NoError(t, err)
			require.Equal(t, want.Modularity, n.Modularity)
			require.Len(t, n.Nodes, len(want.Nodes))
			for _, node := range n.Nodes {
				w := want.Nodes[node.Unit.ID]
				require.Equal(t, w, analysis.NodeStructure{Degree: node.Degree, WeightedDegree: node.WeightedDegree, Community: node.Community}, node.Unit.Name)
				require.Equal(t, between[node.Unit.ID], node.Betweenness, node.Unit.Name)
			}
			require.Len(t, n.Communities, len(want.Communities))
			for i, c := range n.Communities {
				require.Equal(t, i, c.ID)
				require.Equal(t, want.Communities[i].Size(), c.Size)
				require.Equal(t, c.Hub.Name, c.Label)
				require.Equal(t, c.Units[0].Name, c.Label, "the hub is the unit with the most joint work")
				var ids []string
				for _, u := range c.Units {
					ids = append(ids, u.ID)
				}
				require.Equal(t, want.Communities[i].UnitIDs, ids)
			}
		}
	})

	t.Run("minShared thins the network analysed", func(t *testing.T) {
		degree := func(n structureJSON, name string) (got, edges int) {
			var id string
			for _, node := range n.Nodes {
				if node.Unit.Name == name {
					id, got = node.Unit.ID, node.Degree
				}
			}
			for _, e := range n.Edges {
				if e.Source == id || e.Target == id {
					edges++
				}
			}
			return got, edges
		}
		all, thin := ask(t, nanjing2026, 1), ask(t, nanjing2026, 3)
		d1, e1 := degree(all, "市发改委")
		d3, e3 := degree(thin, "市发改委")
		require.Equal(t, 58, d1)
		require.Equal(t, e1, d1)
		require.Equal(t, e3, d3)
		require.Less(t, d3, d1)
	})

	t.Run("each network of a request has its own structure", func(t *testing.T) {
		type node struct {
			Unit        struct{ Name string }
			Betweenness float64
		}
		got := apitest.Query[struct{ A, B struct{ Nodes []node } }](t, url, `{
		  a: network(filter: {year: 2021, jurisdiction: "南京市"}) { nodes { unit { name } betweenness } }
		  b: network(filter: {year: 2026, jurisdiction: "南京市"}) { nodes { unit { name } betweenness } } }`, nil)
		of := func(nodes []node) float64 {
			for _, n := range nodes {
				if n.Unit.Name == "市发改委" {
					return n.Betweenness
				}
			}
			t.Fatal("市发改委 missing")
			return 0
		}
		alone := func(year int) []node {
			res := ask(t, map[string]any{"year": year, "jurisdiction": "南京市"}, 1)
			out := make([]node, len(res.Nodes))
			for i, n := range res.Nodes {
				out[i].Unit.Name, out[i].Betweenness = n.Unit.Name, n.Betweenness
			}
			return out
		}
		require.Equal(t, of(alone(2021)), of(got.A.Nodes))
		require.Equal(t, of(alone(2026)), of(got.B.Nodes))
		require.NotEqual(t, of(got.A.Nodes), of(got.B.Nodes))
	})

	t.Run("units page is bounded", func(t *testing.T) {
		for _, first := range []int{101, -1} {
			resp := apitest.Post(t, url, `query($first: Int) { network(filter: {year: 2026, jurisdiction: "南京市"}) { communities { units(first: $first) { name } } } }`, map[string]any{"first": first})
			require.NotEmpty(t, resp.Errors, "first: %d", first)
			for _, e := range resp.Errors {
				require.Equal(t, "BAD_USER_INPUT", e.Code(), e.Message)
				require.Contains(t, e.Message, "first:")
			}
		}
	})
}
