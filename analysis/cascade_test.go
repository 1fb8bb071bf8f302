package analysis_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

func TestCascadeOnSeeds(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	// City 2026 task 87 (市建委、市交通运输局、鼓楼区政府主办) 恢复湖南路道路设施;
	// Gulou 2026 task 42 实施湖南路道路市政设施恢复工程: the district's share.
	city := taskByNumber(t, st, "南京市", 2026, 87)
	gulou := taskByNumber(t, st, "南京市/鼓楼区", 2026, 42)

	to, err := an.CascadesTo(ctx, city)
	require.NoError(t, err)
	require.NotEmpty(t, to)
	require.Equal(t, gulou.ID, to[0].Task.ID, "the best cascade of task 87")
	for _, l := range to {
		require.Equal(t, "南京市/鼓楼区", l.Task.Jurisdiction)
		require.Equal(t, 2026, l.Task.Year)
		require.GreaterOrEqual(t, l.Score, analysis.CascadeThreshold)
	}

	from, err := an.CascadesFrom(ctx, gulou)
	require.NoError(t, err)
	require.Equal(t, []analysis.Link{{Task: city, Score: to[0].Score}}, from)
}

func TestCascadeNone(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	for _, tc := range []struct {
		name         string
		jurisdiction string
		year, number int
	}{
		{"a city task naming no district government", "南京市", 2026, 1},
		{"a city task of a year no district plan is loaded for", "南京市", 2021, 87},
	} {
		t.Run(tc.name, func(t *testing.T) {
			links, err := an.CascadesTo(ctx, taskByNumber(t, st, tc.jurisdiction, tc.year, tc.number))
			require.NoError(t, err)
			require.Empty(t, links)
		})
	}
	// Gulou 2025: the city has no 2025 plan loaded.
	links, err := an.CascadesFrom(ctx, taskByNumber(t, st, "南京市/鼓楼区", 2025, 5))
	require.NoError(t, err)
	require.Empty(t, links)
	// A city task has no enclosing jurisdiction loaded.
	links, err = an.CascadesFrom(ctx, taskByNumber(t, st, "南京市", 2026, 87))
	require.NoError(t, err)
	require.Empty(t, links)
}

func TestGovernment(t *testing.T) {
	ctx := context.Background()
	an := analysis.New(seedtest.Store(t), nil)
	gov, err := an.Government(ctx, "南京市/鼓楼区")
	require.NoError(t, err)
	require.NotNil(t, gov)
	require.Equal(t, "鼓楼区政府", gov.Name)
	none, err := an.Government(ctx, "南京市")
	require.NoError(t, err)
	require.Nil(t, none, "the city's own government is named in no plan as a unit")
}
