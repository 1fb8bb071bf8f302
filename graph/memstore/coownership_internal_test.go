package memstore

import (
	"context"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// referenceCoOwnership is co-ownership the obvious way: every task checked
// against the filter, every pair of every task into a map, then one sort.
// The fast versions must agree with it.
func referenceCoOwnership(idx *index, key coKey) *coResult {
	shared := map[uint64]int32{}
	nodes := map[int32]*nodeCount{}
	for pos := range int32(len(idx.tasks)) {
		if !idx.inScope(pos, key) {
			continue
		}
		var ranks []int32
		for _, p := range idx.partsOf(pos) {
			if !key.counts(p) {
				continue
			}
			n := nodes[p.unit]
			if n == nil {
				n = &nodeCount{unit: p.unit}
				nodes[p.unit] = n
			}
			if p.lead {
				n.lead++
			} else {
				n.coop++
			}
			ranks = append(ranks, idx.idRank[p.unit])
		}
		slices.Sort(ranks)
		for i := range ranks {
			for j := i + 1; j < len(ranks); j++ {
				shared[uint64(ranks[i])<<32|uint64(ranks[j])]++
			}
		}
	}
	res := &coResult{}
	for k, n := range shared {
		res.pairs = append(res.pairs, pairCount{idx.byID[k>>32], idx.byID[k&0xffffffff], n})
	}
	idx.sortPairs(res.pairs)
	for _, n := range nodes {
		res.nodes = append(res.nodes, *n)
	}
	sort.Slice(res.nodes, func(i, j int) bool { return idx.idRank[res.nodes[i].unit] < idx.idRank[res.nodes[j].unit] })
	return res
}

func TestCoOwnershipMatchesReference(t *testing.T) {
	s := loadCorpus(t, synthetic(6, 3, 200))
	idx := s.cur.Load().index()
	for name, key := range map[string]coKey{
		"all":           {lead: true, coop: true},
		"collective":    {lead: true, coop: true, collective: true},
		"year":          {year: 2021, lead: true, coop: true},
		"jurisdiction":  {jurisdiction: "江苏省/第3市", lead: true, coop: true},
		"plan":          {planID: graph.PlanID("江苏省/第2市", 2020), lead: true, coop: true},
		"leads only":    {lead: true},
		"coops only":    {coop: true, collective: true},
		"jur and year":  {jurisdiction: "江苏省/第1市", year: 2022, lead: true, coop: true},
		"plan and year": {planID: graph.PlanID("江苏省/第2市", 2020), year: 2020, jurisdiction: "江苏省/第2市", lead: true, coop: true},
	} {
		t.Run(name, func(t *testing.T) {
			want := referenceCoOwnership(idx, key)
			require.NotEmpty(t, want.pairs)
			// Both counts, whichever the scope's size picks.
			byUnit, err := idx.countUnits(context.Background(), idx.scope(key), key)
			require.NoError(t, err)
			require.Equal(t, want.pairs, byUnit.pairs, "unit by unit")
			require.Equal(t, want.nodes, byUnit.nodes, "unit by unit")
			byTask := idx.countScope(idx.scope(key), key)
			require.Equal(t, want.pairs, byTask.pairs, "task by task")
			require.Equal(t, want.nodes, byTask.nodes, "task by task")
		})
	}
}

// TestCoOwnershipParallelMatchesReference: above parallelScope tasks the
// count runs on every CPU; the answer is the same.
func TestCoOwnershipParallelMatchesReference(t *testing.T) {
	s := loadCorpus(t, synthetic(12, 2, 1000))
	idx := s.cur.Load().index()
	require.GreaterOrEqual(t, len(idx.tasks), parallelScope)
	for _, key := range []coKey{{lead: true, coop: true}, {lead: true, coop: true, collective: true}} {
		want := referenceCoOwnership(idx, key)
		got, err := idx.coOwnership(context.Background(), key)
		require.NoError(t, err)
		require.Equal(t, want.pairs, got.pairs)
		require.Equal(t, want.nodes, got.nodes)
	}
}

// TestCoOwnershipStopsWithRequest: a request that ended stops the count
// and leaves no partial answer in the cache for the next one.
func TestCoOwnershipStopsWithRequest(t *testing.T) {
	s := loadCorpus(t, synthetic(12, 2, 1000))
	idx := s.cur.Load().index()
	key := coKey{lead: true, coop: true}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.coOwnership(ctx, idx, key)
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, s.CoOwnershipCacheStats().Entries, "a count cut short is not kept")
	_, err = s.Network(ctx, graph.CoOwnershipFilter{}, 1)
	require.ErrorIs(t, err, context.Canceled)

	got, err := idx.coOwnership(context.Background(), key)
	require.NoError(t, err)
	require.Equal(t, referenceCoOwnership(idx, key).pairs, got.pairs)
}
