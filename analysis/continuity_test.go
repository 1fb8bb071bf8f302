package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

func TestContinuesOnSeeds(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	for _, tc := range []struct {
		name                 string
		jurisdiction         string
		fromYear, fromNumber int
		toYear, toNumber     int
	}{
		// Read in both texts: 2025 task 56 lists the school works
		// (二十九中高中新校区, 鼓楼第二实验小学改扩建); 2026 task 57 finishes
		// them (加快实施鼓楼第二实验小学改扩建, 二十九中高中新校区投入使用).
		{"鼓楼区 school works", "南京市/鼓楼区", 2025, 56, 2026, 57},
		// 2021 task 60 持续做好对口帮扶、对口支援和对口合作 and 2026 task 94
		// 持续做好对口支援协作合作, five years apart, both 市发改委's.
		{"南京市 paired assistance", "南京市", 2021, 60, 2026, 94},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from := taskByNumber(t, st, tc.jurisdiction, tc.fromYear, tc.fromNumber)
			to := taskByNumber(t, st, tc.jurisdiction, tc.toYear, tc.toNumber)

			links, err := an.Continues(ctx, to, 0) // the nearest earlier plan
			require.NoError(t, err)
			require.Len(t, links, 1)
			require.Equal(t, from.ID, links[0].Task.ID)
			require.GreaterOrEqual(t, links[0].Score, analysis.ContinuityThreshold)

			back, err := an.ContinuedBy(ctx, from, tc.toYear)
			require.NoError(t, err)
			require.Equal(t, []analysis.Link{{Task: to, Score: links[0].Score}}, back)
		})
	}
}

func TestContinuityIsOneToOneAndStable(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	pairs, err := analysis.New(st, nil).Continuity(ctx, "南京市", 2021, 2026)
	require.NoError(t, err)
	require.NotEmpty(t, pairs)
	fromSeen, toSeen := map[string]bool{}, map[string]bool{}
	lastTo := 0
	for _, p := range pairs {
		require.False(t, fromSeen[p.From.ID], "%s linked twice", p.From.ID)
		require.False(t, toSeen[p.To.ID], "%s linked twice", p.To.ID)
		fromSeen[p.From.ID], toSeen[p.To.ID] = true, true
		require.GreaterOrEqual(t, p.Score, analysis.ContinuityThreshold)
		require.Equal(t, 2021, p.From.Year)
		require.Equal(t, 2026, p.To.Year)
		require.Greater(t, p.To.Number, lastTo, "in to-task order")
		lastTo = p.To.Number
	}
	// A fresh Analyzer (no cache) gives the same pairs to the last bit.
	again, err := analysis.New(st, nil).Continuity(ctx, "南京市", 2021, 2026)
	require.NoError(t, err)
	require.Equal(t, pairs, again)
}

func TestContinuesWithoutEarlierPlan(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	first := taskByNumber(t, st, "南京市", 2021, 1)
	links, err := an.Continues(ctx, first, 0)
	require.NoError(t, err)
	require.Empty(t, links, "no plan of 南京市 before 2021 is loaded")
	latest := taskByNumber(t, st, "南京市", 2026, 1)
	links, err = an.ContinuedBy(ctx, latest, 0)
	require.NoError(t, err)
	require.Empty(t, links)
}

func TestContinuityErrors(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	task := taskByNumber(t, st, "南京市", 2026, 1)

	_, err := an.Continues(ctx, task, 2026)
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = an.ContinuedBy(ctx, task, 2021)
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = an.Continuity(ctx, "南京市", 2026, 2021)
	require.ErrorIs(t, err, graph.ErrInvalid)

	_, err = an.Continues(ctx, task, 2019)
	require.ErrorIs(t, err, graph.ErrInvalid)
	var noPlan *graph.NoPlanError
	require.True(t, errors.As(err, &noPlan))
	require.EqualError(t, err, "no plan of 南京市 is loaded for 2019; loaded years: 2021, 2026")
}

func TestUnitChangeOnSeeds(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	u, err := st.FindUnit(ctx, "市文化和旅游局", "南京市")
	require.NoError(t, err)
	change, err := analysis.New(st, nil).UnitChange(ctx, []string{u.ID}, []string{u.ID}, 2021, 2026)
	require.NoError(t, err)

	// 市文旅局: 2021 lead 5 cooperate 2, 2026 lead 8 cooperate 4 (the
	// verified workload figures); one-to-one links keep both sums exact.
	require.Equal(t, 12, len(change.Continued)+len(change.Added))
	require.Equal(t, 7, len(change.Continued)+len(change.Dropped))
	numbers := map[[2]int]bool{}
	for _, p := range change.Continued {
		numbers[[2]int{p.From.Number, p.To.Number}] = true
	}
	// Read in both texts: 休闲农业 (2021 task 54 → 2026 task 104), 文化惠民
	// "百千万工程" (71 → 111), the old city's heritage (70 → 115).
	require.Equal(t, map[[2]int]bool{{54, 104}: true, {71, 111}: true, {70, 115}: true}, numbers)
}

func TestUnitChangeFollowsPredecessors(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	data, err := st.FindUnit(ctx, "市数据局", "南京市")
	require.NoError(t, err)
	predecessors, _, err := st.Successions(ctx, data.ID)
	require.NoError(t, err)
	from := []string{data.ID}
	for _, p := range predecessors {
		from = append(from, p.From)
	}
	change, err := analysis.New(st, nil).UnitChange(ctx, from, []string{data.ID}, 2021, 2026)
	require.NoError(t, err)
	fromTasks, err := st.Tasks(ctx, graph.TaskFilter{UnitIDs: from, Year: 2021}, graph.Page{})
	require.NoError(t, err)
	toTasks, err := st.Tasks(ctx, graph.TaskFilter{UnitIDs: []string{data.ID}, Year: 2026}, graph.Page{})
	require.NoError(t, err)
	require.Equal(t, toTasks.Total, len(change.Continued)+len(change.Added))
	require.Equal(t, fromTasks.Total, len(change.Continued)+len(change.Dropped))
}

// TestConcurrentQuestions asks one Analyzer from many goroutines at once,
// as the tasks of one GraphQL page do (run with -race).
func TestConcurrentQuestions(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	tasks := planTasks(t, st, "南京市/鼓楼区", 2026)
	want, err := analysis.New(st, nil).Continuity(ctx, "南京市/鼓楼区", 2025, 2026)
	require.NoError(t, err)
	continues := map[string]string{}
	for _, p := range want {
		continues[p.To.ID] = p.From.ID
	}
	errs := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for _, task := range tasks {
		wg.Go(func() {
			links, err := an.Continues(ctx, task, 0)
			if err != nil {
				errs <- err
				return
			}
			got := ""
			for _, l := range links {
				got += l.Task.ID
			}
			if got != continues[task.ID] {
				err = fmt.Errorf("task %d: continues %q, want %q", task.Number, got, continues[task.ID])
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
