package graph_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func TestMatchJurisdiction(t *testing.T) {
	all := []graph.Jurisdiction{
		{Path: "南京市", Name: "南京市"},
		{Path: "南京市/鼓楼区", Name: "鼓楼区", Parent: "南京市"},
		{Path: "苏州市/鼓楼区", Name: "鼓楼区", Parent: "苏州市"},
		{Path: "南京市/玄武区", Name: "玄武区", Parent: "南京市"},
	}
	for _, tt := range []struct{ name, want string }{
		{"", ""},
		{"南京市/鼓楼区", "南京市/鼓楼区"},
		{"玄武区", "南京市/玄武区"},
		{"玄武", "南京市/玄武区"},
		{" 南京 ", "南京市"},
	} {
		got, err := graph.MatchJurisdiction(all, tt.name)
		require.NoError(t, err, tt.name)
		require.Equal(t, tt.want, got, tt.name)
	}
	_, err := graph.MatchJurisdiction(all, "鼓楼")
	var amb *graph.AmbiguousError
	require.ErrorAs(t, err, &amb)
	require.ElementsMatch(t, []string{"南京市/鼓楼区", "苏州市/鼓楼区"}, amb.Candidates)

	_, err = graph.MatchJurisdiction(all, "玄武湖区")
	var nf *graph.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Contains(t, nf.Suggestions, "玄武区")
}

// TestLineage walks the fixtures' successions both ways.
func TestLineage(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	for _, b := range storetest.All() {
		require.NoError(t, s.Load(ctx, b))
	}
	units, err := s.Units(ctx, graph.UnitFilter{}, graph.Page{})
	require.NoError(t, err)
	walked := 0
	for _, u := range units.Units {
		preds, err := graph.Predecessors(ctx, s, u.ID)
		require.NoError(t, err)
		for _, p := range preds {
			succs, err := graph.Successors(ctx, s, p)
			require.NoError(t, err)
			require.Contains(t, succs, u.ID, "%s follows %s back", u.ID, p)
			walked++
		}
	}
	require.Positive(t, walked, "the fixtures record a succession")
}
