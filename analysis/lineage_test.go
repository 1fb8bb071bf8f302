package analysis_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

func TestLineageSuggestionsOnSeeds(t *testing.T) {
	ctx := context.Background()
	an := analysis.New(seedtest.Store(t), nil)
	all, err := an.LineageSuggestions(ctx, "南京市", 2021, 2026, true)
	require.NoError(t, err)
	// The figures LineageThreshold's comment cites: all three successions
	// the registry records between these plans, among 19 suggestions.
	require.Len(t, all, 19)
	recorded := 0
	for i, s := range all {
		if s.Recorded {
			recorded++
		}
		require.GreaterOrEqual(t, s.Score, analysis.LineageThreshold)
		if i > 0 {
			require.GreaterOrEqual(t, all[i-1].Score, s.Score, "best first")
		}
		require.NotEqual(t, graph.KindPlaceholder, s.Vanished.Kind)
		require.Equal(t, "南京市", s.Appeared.Jurisdiction)
		require.LessOrEqual(t, len(s.Pairs), 3)
	}
	require.Equal(t, 3, recorded)

	// 市数据局 appeared in 2026; its two best candidates are the bodies the
	// registry records as merged into it, listed as recorded.
	var forData []analysis.LineageSuggestion
	for _, s := range all {
		if s.Appeared.Name == "市数据局" {
			forData = append(forData, s)
		}
	}
	require.GreaterOrEqual(t, len(forData), 2)
	require.Equal(t, "市政务办", forData[0].Vanished.Name)
	require.Equal(t, "市大数据管理局", forData[1].Vanished.Name)
	for _, s := range forData[:2] {
		require.True(t, s.Recorded, s.Vanished.Name)
		require.NotEmpty(t, s.Pairs, "evidence")
	}
	require.True(t, forData[0].MutualBest, "市政务办's best candidate is 市数据局 and the reverse")

	// The best suggestion overall: 市地方金融监管局 → 市委金融办, recorded.
	require.Equal(t, "市地方金融监管局", all[0].Vanished.Name)
	require.Equal(t, "市委金融办", all[0].Appeared.Name)
	require.True(t, all[0].Recorded)
	require.True(t, all[0].MutualBest)

	unrecorded, err := an.LineageSuggestions(ctx, "南京市", 2021, 2026, false)
	require.NoError(t, err)
	require.Len(t, unrecorded, len(all)-3, "the registry's three successions left out")
	for _, s := range unrecorded {
		require.False(t, s.Recorded)
	}
}

func TestLineageSuggestionsErrors(t *testing.T) {
	ctx := context.Background()
	an := analysis.New(seedtest.Store(t), nil)
	_, err := an.LineageSuggestions(ctx, "南京市", 2026, 2021, true)
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = an.LineageSuggestions(ctx, "南京市", 2020, 2026, true)
	var noPlan *graph.NoPlanError
	require.ErrorAs(t, err, &noPlan, "a year without a plan is the caller's to change")
}
