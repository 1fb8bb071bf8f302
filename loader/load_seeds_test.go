package loader_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// TestLoadSeeds loads the bundled documents and checks the numbers verified
// by hand on them (see the BRIEF and issue 3).
func TestLoadSeeds(t *testing.T) {
	ctx := context.Background()
	reg, err := registry.Load(seeds.FS)
	require.NoError(t, err)
	s := memstore.New()
	sum, err := loader.LoadFS(ctx, s, seeds.FS, reg)
	require.NoError(t, err)
	require.Len(t, sum.Loaded, 5)
	require.Equal(t, 170+100+87+84, sum.Tasks())

	st, err := s.Stats(ctx)
	require.NoError(t, err)
	require.Equal(t, 441, st.Tasks)
	require.Equal(t, 4, st.Plans)
	require.Equal(t, 1, st.LoadedReports)

	unit := func(name, jurisdiction string) graph.Unit {
		t.Helper()
		u, err := s.FindUnit(ctx, name, jurisdiction)
		require.NoError(t, err, "FindUnit(%q, %q)", name, jurisdiction)
		return u
	}
	name := func(id string) string {
		t.Helper()
		us, err := s.UnitsByID(ctx, []string{id})
		require.NoError(t, err)
		return us[id].Name
	}

	top, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 2)
	require.NoError(t, err)
	require.Len(t, top, 2)
	require.ElementsMatch(t, []string{"市发改委", "市工信局"}, []string{name(top[0].A), name(top[0].B)})
	require.Equal(t, 29, top[0].Shared)
	require.ElementsMatch(t, []string{"市工信局", "市科技局"}, []string{name(top[1].A), name(top[1].B)})
	require.Equal(t, 25, top[1].Shared)

	require.Equal(t, unit("市文旅局", ""), unit("市文化和旅游局", ""), "one unit under both names")
	require.Equal(t, "市文旅局", unit("市文化和旅游局", "").Name, "the newest plan's name")

	cases := []struct {
		name, jurisdiction string
		year, lead, coop   int
	}{
		{"市文旅局", "", 2021, 5, 2},
		{"市文旅局", "", 2026, 8, 4},
		{"市文化和旅游局", "", 2021, 5, 2},
		{"市发改委", "", 2021, 23, 11},
		{"市发改委", "", 2026, 32, 13},
		{"市规划资源局", "", 2021, 11, 7},
		{"市规划和自然资源局", "", 2026, 7, 10},
		{"区应急局", "南京市/鼓楼区", 2025, 1, 1},
		{"区应急管理局", "南京市/鼓楼区", 2026, 4, 0},
	}
	for _, c := range cases {
		w, err := s.Workload(ctx, []string{unit(c.name, c.jurisdiction).ID}, c.year)
		require.NoError(t, err)
		require.Equal(t, [2]int{c.lead, c.coop}, [2]int{w.Lead, w.Cooperate}, "%s in %d: lead, cooperate", c.name, c.year)
	}

	before := storetest.ReadState(t, ctx, s)
	_, err = loader.LoadFS(ctx, s, seeds.FS, reg)
	require.NoError(t, err)
	require.Equal(t, before, storetest.ReadState(t, ctx, s), "loading the seeds again changes nothing")
}
