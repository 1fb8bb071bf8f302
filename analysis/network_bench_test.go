package analysis_test

import (
	"cmp"
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

// BenchmarkNetworkStructure measures structure and betweenness of the whole
// seed network (every year and jurisdiction, about 160 units) and of a
// synthetic network at MaxBetweennessUnits (the figures in its comment).
func BenchmarkNetworkStructure(b *testing.B) {
	seeds, err := seedtest.Store(b).Network(context.Background(), graph.CoOwnershipFilter{}, 1)
	require.NoError(b, err)
	for _, bc := range []struct {
		name string
		n    graph.Network
	}{
		{"seeds", seeds},
		{"synthetic-500", syntheticNetwork(500, 750)},
	} {
		b.Run(fmt.Sprintf("%s/%d-units/%d-edges", bc.name, len(bc.n.Nodes), len(bc.n.Edges)), func(b *testing.B) {
			for b.Loop() {
				structureOf(b, bc.n)
				if _, err := analysis.NetworkBetweenness(context.Background(), bc.n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// syntheticNetwork builds the co-ownership network of tasks tasks over
// units units shaped like a plan's: units fall into groups of 50 (a
// domain's departments), each task names 2 to 6 units mostly from one group,
// and a few units of each group are named far more often than the rest, as
// 市发改委 and 市财政局 are.
func syntheticNetwork(units, tasks int) graph.Network {
	const groupSize = 50
	rnd := rand.New(rand.NewPCG(2026, 5))
	pick := func(group int) int {
		// Squaring a uniform draw favours the group's first units.
		u := rnd.Float64()
		return min(units-1, group*groupSize+int(u*u*groupSize))
	}
	shared := make(map[[2]int]int)
	seen := make(map[int]bool)
	for range tasks {
		group := rnd.IntN(units / groupSize)
		var named []int
		for range 2 + rnd.IntN(5) {
			g := group
			if rnd.IntN(10) < 3 {
				g = rnd.IntN(units / groupSize)
			}
			if u := pick(g); !slices.Contains(named, u) {
				named = append(named, u)
			}
		}
		for i, a := range named {
			seen[a] = true
			for _, b := range named[i+1:] {
				shared[[2]int{min(a, b), max(a, b)}]++
			}
		}
	}
	id := func(i int) string { return graph.UnitID("合成市", fmt.Sprintf("单位%04d", i)) }
	var n graph.Network
	for i := range units {
		if seen[i] {
			n.Nodes = append(n.Nodes, graph.NetworkNode{UnitID: id(i), Lead: 1})
		}
	}
	for _, pair := range slices.SortedFunc(maps.Keys(shared), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		n.Edges = append(n.Edges, graph.UnitPair{A: id(pair[0]), B: id(pair[1]), Shared: shared[pair]})
	}
	return n
}
