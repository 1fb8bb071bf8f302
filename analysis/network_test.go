package analysis_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// toyNetwork builds a network over units named by letters; each edge is
// "a b" with its shared tasks.
func toyNetwork(units string, edges map[string]int) graph.Network {
	var n graph.Network
	for _, u := range units {
		n.Nodes = append(n.Nodes, graph.NetworkNode{UnitID: string(u), Lead: 1})
	}
	for _, pair := range slices.Sorted(maps.Keys(edges)) {
		n.Edges = append(n.Edges, graph.UnitPair{A: pair[:1], B: pair[2:], Shared: edges[pair]})
	}
	return n
}

func TestNetworkStructureToys(t *testing.T) {
	tests := []struct {
		name        string
		net         graph.Network
		degree      map[string]int
		weighted    map[string]int
		betweenness map[string]float64
	}{
		{
			// Of the 6 pairs of other units, b lies on the paths of a–c,
			// a–d, a–e; c on a–d, a–e, b–d, b–e.
			name:        "path graph: the middle is the broker",
			net:         toyNetwork("abcde", map[string]int{"a b": 1, "b c": 1, "c d": 1, "d e": 1}),
			degree:      map[string]int{"a": 1, "b": 2, "c": 2, "d": 2, "e": 1},
			weighted:    map[string]int{"a": 1, "b": 2, "c": 2, "d": 2, "e": 1},
			betweenness: map[string]float64{"a": 0, "b": 3.0 / 6, "c": 4.0 / 6, "d": 3.0 / 6, "e": 0},
		},
		{
			// a and c share a task directly, but their strong ties to b
			// (4 tasks each, length 1/4) make the path through b shorter.
			name:        "strong ties are short",
			net:         toyNetwork("abc", map[string]int{"a b": 4, "b c": 4, "a c": 1}),
			degree:      map[string]int{"a": 2, "b": 2, "c": 2},
			weighted:    map[string]int{"a": 5, "b": 8, "c": 5},
			betweenness: map[string]float64{"a": 0, "b": 1, "c": 0},
		},
		{
			// Opposite corners of a square have two shortest paths each;
			// b carries half of a–c.
			name:        "equal paths share the pair",
			net:         toyNetwork("abcd", map[string]int{"a b": 1, "b c": 1, "c d": 1, "a d": 1}),
			degree:      map[string]int{"a": 2, "b": 2, "c": 2, "d": 2},
			weighted:    map[string]int{"a": 2, "b": 2, "c": 2, "d": 2},
			betweenness: map[string]float64{"a": 1.0 / 6, "b": 1.0 / 6, "c": 1.0 / 6, "d": 1.0 / 6},
		},
		{
			// 1/10 + 1/15 = 1/6 exactly, but not in floating point
			// (0.16666666666666669): the path through b ties with the
			// direct edge only when lengths are exact.
			name:        "ties are exact",
			net:         toyNetwork("abc", map[string]int{"a b": 10, "b c": 15, "a c": 6}),
			degree:      map[string]int{"a": 2, "b": 2, "c": 2},
			weighted:    map[string]int{"a": 16, "b": 25, "c": 21},
			betweenness: map[string]float64{"a": 0, "b": 0.5, "c": 0},
		},
		{
			name:        "units without edges",
			net:         toyNetwork("abc", nil),
			degree:      map[string]int{"a": 0, "b": 0, "c": 0},
			weighted:    map[string]int{"a": 0, "b": 0, "c": 0},
			betweenness: map[string]float64{"a": 0, "b": 0, "c": 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := structureOf(t, tt.net)
			between, err := analysis.NetworkBetweenness(context.Background(), tt.net)
			require.NoError(t, err)
			require.Len(t, s.Nodes, len(tt.degree))
			require.Len(t, between, len(tt.degree))
			for u, ns := range s.Nodes {
				require.Equal(t, tt.degree[u], ns.Degree, "degree of %s", u)
				require.Equal(t, tt.weighted[u], ns.WeightedDegree, "weighted degree of %s", u)
				require.InDelta(t, tt.betweenness[u], between[u], 1e-9, "betweenness of %s", u)
			}
			requirePartition(t, tt.net, s)
		})
	}
}

func TestBrokers(t *testing.T) {
	// The path's middle first; b and d tie on betweenness and weighted
	// degree and go by ID, as do the ends.
	brokers := func(n graph.Network) []string {
		between, err := analysis.NetworkBetweenness(context.Background(), n)
		require.NoError(t, err)
		s := structureOf(t, n)
		return s.Brokers(between)
	}
	require.Equal(t, []string{"c", "b", "d", "a", "e"}, brokers(toyNetwork("abcde", map[string]int{"a b": 1, "b c": 1, "c d": 1, "d e": 1})))
	// Where no unit lies between others, more shared tasks go first.
	require.Equal(t, []string{"c", "d", "a", "b"}, brokers(toyNetwork("abcd", map[string]int{"c d": 2, "a b": 1})))
}

// TestBetweennessRefusesLargeNetworks: past MaxBetweennessUnits the answer
// would take seconds and gigabytes, so it is refused with what to do instead,
// while degrees and communities are still computed.
func TestBetweennessRefusesLargeNetworks(t *testing.T) {
	var n graph.Network
	for i := range analysis.MaxBetweennessUnits + 1 {
		n.Nodes = append(n.Nodes, graph.NetworkNode{UnitID: fmt.Sprintf("u%04d", i)})
		if i > 0 {
			n.Edges = append(n.Edges, graph.UnitPair{A: fmt.Sprintf("u%04d", i-1), B: fmt.Sprintf("u%04d", i), Shared: 1})
		}
	}
	_, err := analysis.NetworkBetweenness(context.Background(), n)
	require.ErrorIs(t, err, analysis.ErrNetworkTooLarge)
	require.ErrorContains(t, err, "501 units, at most 500")
	requirePartition(t, n, structureOf(t, n))
}

func TestNetworkStructureCommunities(t *testing.T) {
	t.Run("two cliques joined by a bridge", func(t *testing.T) {
		edges := map[string]int{"a e": 1}
		for _, clique := range []string{"abcd", "efgh"} {
			for i := range clique {
				for j := i + 1; j < len(clique); j++ {
					edges[clique[i:i+1]+" "+clique[j:j+1]] = 3
				}
			}
		}
		s := structureOf(t, toyNetwork("abcdefgh", edges))
		requirePartition(t, toyNetwork("abcdefgh", edges), s)
		require.Len(t, s.Communities, 2)
		// Equal sizes: the community with the smaller unit ID comes first;
		// the bridge's ends are their communities' hubs.
		require.Equal(t, []string{"a", "b", "c", "d"}, s.Communities[0].UnitIDs)
		require.Equal(t, []string{"e", "f", "g", "h"}, s.Communities[1].UnitIDs)
		require.Equal(t, "a", s.Communities[0].Hub())
		require.Equal(t, "e", s.Communities[1].Hub())
		// Each clique holds 18 of the 37 shared tasks and half the degree:
		// Q = 2·(18/37 − (1/2)²).
		require.InDelta(t, 36.0/37-0.5, s.Modularity, 1e-9)
	})

	t.Run("larger communities first", func(t *testing.T) {
		edges := map[string]int{"a b": 5, "c d": 2, "d e": 2, "c e": 2}
		s := structureOf(t, toyNetwork("abcdef", edges))
		requirePartition(t, toyNetwork("abcdef", edges), s)
		var got [][]string
		for _, c := range s.Communities {
			got = append(got, slices.Sorted(slices.Values(c.UnitIDs)))
		}
		require.Equal(t, [][]string{{"c", "d", "e"}, {"a", "b"}, {"f"}}, got)
	})

	t.Run("no edges, no structure", func(t *testing.T) {
		s := structureOf(t, toyNetwork("ab", nil))
		require.Zero(t, s.Modularity)
		require.Len(t, s.Communities, 2)
		s = structureOf(t, graph.Network{})
		require.Empty(t, s.Nodes)
		require.Empty(t, s.Communities)
		require.Zero(t, s.Modularity)
	})

	t.Run("edges off the network are left out", func(t *testing.T) {
		n := toyNetwork("ab", map[string]int{"a b": 2})
		n.Edges = append(n.Edges, graph.UnitPair{A: "a", B: "z", Shared: 3}, graph.UnitPair{A: "b", B: "b", Shared: 1})
		s := structureOf(t, n)
		require.Equal(t, analysis.NodeStructure{Degree: 1, WeightedDegree: 2}, s.Nodes["a"])
	})
}

// requirePartition checks the invariants of every structure: each unit in
// exactly one community, which its node names; communities numbered by
// position, largest first; degrees agree with the edges.
func requirePartition(t *testing.T, n graph.Network, s analysis.Structure) {
	t.Helper()
	seen := make(map[string]bool)
	for i, c := range s.Communities {
		require.Equal(t, i, c.ID)
		require.NotEmpty(t, c.UnitIDs)
		if i > 0 {
			require.LessOrEqual(t, c.Size(), s.Communities[i-1].Size(), "communities largest first")
		}
		for j, u := range c.UnitIDs {
			require.False(t, seen[u], "%s in two communities", u)
			seen[u] = true
			require.Equal(t, i, s.Nodes[u].Community, "community of %s", u)
			if j > 0 {
				prev := s.Nodes[c.UnitIDs[j-1]]
				require.GreaterOrEqual(t, prev.WeightedDegree, s.Nodes[u].WeightedDegree, "community %d ordered by joint work", i)
			}
		}
	}
	require.Len(t, seen, len(n.Nodes))
	degree := make(map[string]int)
	weighted := make(map[string]int)
	for _, e := range n.Edges {
		degree[e.A]++
		degree[e.B]++
		weighted[e.A] += e.Shared
		weighted[e.B] += e.Shared
	}
	for _, node := range n.Nodes {
		require.Equal(t, degree[node.UnitID], s.Nodes[node.UnitID].Degree, "degree of %s", node.UnitID)
		require.Equal(t, weighted[node.UnitID], s.Nodes[node.UnitID].WeightedDegree, "weighted degree of %s", node.UnitID)
	}
}

func TestNetworkStructureSeeds(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	n, err := st.Network(ctx, graph.CoOwnershipFilter{Year: 2026, Jurisdiction: "南京市"}, 1)
	require.NoError(t, err)
	s := structureOf(t, n)
	requirePartition(t, n, s)
	city := func(name string) string { return graph.UnitID("南京市", name) }

	t.Run("brokers", func(t *testing.T) {
		between, err := analysis.NetworkBetweenness(context.Background(), n)
		require.NoError(t, err)
		require.Equal(t, []string{city("市财政局"), city("市发改委"), city("市工信局"), city("市公安局"), city("市建委")}, s.Brokers(between)[:5])
		require.InDelta(t, 0.3774, between[city("市财政局")], 1e-4)
		// 市发改委 ties more tasks than any unit but 市财政局 (171 each),
		// yet 市财政局 brokers more: it reaches more units (64 against 58).
		require.Equal(t, 58, s.Nodes[city("市发改委")].Degree)
		require.Equal(t, 171, s.Nodes[city("市发改委")].WeightedDegree)
		require.Equal(t, 64, s.Nodes[city("市财政局")].Degree)
		require.Equal(t, 171, s.Nodes[city("市财政局")].WeightedDegree)
	})

	t.Run("communities", func(t *testing.T) {
		// The top co-owned pair works in one community; the two research
		// offices, who share tasks only with each other, form their own.
		require.Equal(t, s.Nodes[city("市发改委")].Community, s.Nodes[city("市工信局")].Community)
		require.Equal(t, city("市发改委"), s.Communities[s.Nodes[city("市发改委")].Community].Hub())
		last := s.Communities[len(s.Communities)-1]
		require.ElementsMatch(t, []string{city("市委研究室"), city("市政府研究室")}, last.UnitIDs)
		require.Greater(t, s.Modularity, 0.25)
	})

	t.Run("deterministic whatever the order", func(t *testing.T) {
		require.Equal(t, s, structureOf(t, n))
		shuffled := graph.Network{Nodes: slices.Clone(n.Nodes), Edges: slices.Clone(n.Edges)}
		rnd := rand.New(rand.NewPCG(1, 2))
		rnd.Shuffle(len(shuffled.Nodes), func(i, j int) { shuffled.Nodes[i], shuffled.Nodes[j] = shuffled.Nodes[j], shuffled.Nodes[i] })
		rnd.Shuffle(len(shuffled.Edges), func(i, j int) { shuffled.Edges[i], shuffled.Edges[j] = shuffled.Edges[j], shuffled.Edges[i] })
		require.Equal(t, s, structureOf(t, shuffled))
	})

	t.Run("every year and jurisdiction", func(t *testing.T) {
		for _, f := range []graph.CoOwnershipFilter{{}, {Year: 2021}, {Jurisdiction: "南京市/鼓楼区"}, {Year: 2025, Jurisdiction: "南京市/鼓楼区"}} {
			for _, least := range []int{1, 3} {
				n, err := st.Network(ctx, f, least)
				require.NoError(t, err)
				requirePartition(t, n, structureOf(t, n))
			}
		}
	})
}

// structureOf is the structure of n, computed without a deadline.
func structureOf(t testing.TB, n graph.Network) analysis.Structure {
	t.Helper()
	s, err := analysis.NetworkStructure(context.Background(), n)
	require.NoError(t, err)
	return s
}
