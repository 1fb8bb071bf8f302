package duty_test

import (
	"context"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/instrumented"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// seedView is a fresh request's view of the seeds.
func seedView(t *testing.T) *duty.View {
	t.Helper()
	return duty.New(seedtest.Store(t)).View()
}

func ptr[T any](v T) *T { return &v }

// TestChecks holds every caller to one wording: the API, the exports and
// the CLI name the argument, the value and what would be accepted.
func TestChecks(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	tests := []struct {
		name  string
		check func() error
		is    error
		msg   string
	}{
		{"a year with a plan", func() error { return v.CheckPlanYear(ctx, "year", 2026, "") }, nil, ""},
		{"every year", func() error { return v.CheckPlanYear(ctx, "year", 0, "南京市") }, nil, ""},
		{"a year without a plan", func() error { return v.CheckPlanYear(ctx, "filter.year", 2019, "") },
			graph.ErrInvalid, "filter.year: no plan is loaded for 2019; loaded years: 2021, 2025, 2026"},
		{"a year of another jurisdiction", func() error { return v.CheckPlanYear(ctx, "year", 2021, "南京市/鼓楼区") },
			graph.ErrInvalid, "year: no plan of 南京市/鼓楼区 is loaded for 2021; loaded years: 2025, 2026"},
		{"an impossible year", func() error { return v.CheckPlanYear(ctx, "year", 26, "") },
			graph.ErrInvalid, "year: 26 is not a plan year: want a year from 1949 to 2100"},
		{"an unknown plan", func() error { return v.CheckPlanID(ctx, "filter.planId", "plan:南京市:2025") },
			graph.ErrNotFound, `filter.planId: plan "plan:南京市:2025" not found; did you mean`},
		{"an unknown section", func() error { return v.CheckSection(ctx, "", "plan:南京市:2026:s99") },
			graph.ErrNotFound, `section "plan:南京市:2026:s99" not found`},
		{"too many units", func() error { return v.CheckUnitIDs(ctx, "sharedBy", make([]string, 11)) },
			graph.ErrInvalid, "sharedBy: 11 units; at most 10"},
		{"an empty role", func() error { return duty.CheckRoles([]graph.Role{""}) }, graph.ErrInvalid, "empty role"},
		{"minShared 0", func() error { return duty.CheckMinShared(0) }, graph.ErrInvalid, "minShared 0: want at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check()
			if tt.is == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.is)
			require.ErrorContains(t, err, tt.msg)
		})
	}
}

func TestFindUnitAndJurisdiction(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)

	j, err := v.Jurisdiction(ctx, "鼓楼")
	require.NoError(t, err)
	require.Equal(t, "南京市/鼓楼区", j)

	u, err := v.FindUnit(ctx, "区应急局", "鼓楼区")
	require.NoError(t, err)
	require.Equal(t, "南京市/鼓楼区", u.Jurisdiction)

	_, err = v.FindUnit(ctx, "市文旅", "")
	require.ErrorContains(t, err, `unit "市文旅" not found; did you mean 市文旅局`)
	_, err = v.FindUnit(ctx, " ", "")
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = v.Jurisdiction(ctx, "火星")
	require.ErrorIs(t, err, graph.ErrNotFound)
}

// TestWorkloadYearRule: a year in which no plan of the unit's jurisdiction
// is loaded and no loaded plan names the unit is an error, not a zero.
func TestWorkloadYearRule(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	city, err := v.FindUnit(ctx, "市发改委", "南京市")
	require.NoError(t, err)

	w, err := v.Workload(ctx, "year", city, 2026)
	require.NoError(t, err)
	require.Positive(t, w.Total())

	_, err = v.Workload(ctx, "year", city, 2025)
	var noPlan *graph.NoPlanError
	require.ErrorAs(t, err, &noPlan)
	require.EqualError(t, err, "year: no plan of 南京市 is loaded for 2025 and no loaded plan of that year names 市发改委; loaded years of 南京市: 2021, 2026")

	page, err := v.UnitTasks(ctx, city, graph.RoleLead, 2026, graph.Page{Limit: 500})
	require.NoError(t, err)
	require.Equal(t, w.Lead, page.Total, "the unit's lead tasks are its workload's lead count")
}

// TestWorkloadSeries: a unit's series has a point for every loaded plan
// year, the years Workload refuses as zeros with Workload's reason.
func TestWorkloadSeries(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	city, err := v.FindUnit(ctx, "市发改委", "南京市")
	require.NoError(t, err)

	series, err := v.WorkloadSeries(ctx, city)
	require.NoError(t, err)
	years := make([]int, len(series))
	for i, p := range series {
		years[i] = p.Year
	}
	require.Equal(t, []int{2021, 2025, 2026}, years, "every loaded plan year, oldest first")
	for _, p := range series {
		w, err := v.Workload(ctx, "year", city, p.Year)
		if p.NoPlan != nil {
			require.Zero(t, p.Total(), "%d", p.Year)
			require.EqualError(t, p.NoPlan, "no plan of 南京市 is loaded for 2025 and no loaded plan of that year names 市发改委; loaded years of 南京市: 2021, 2026")
			require.ErrorAs(t, err, new(*graph.NoPlanError), "the series' reason is Workload's error")
			continue
		}
		require.NoError(t, err)
		require.Equal(t, w, p.Workload, "%d: the series' point is Workload's answer", p.Year)
		require.Positive(t, p.Total(), "%d", p.Year)
	}
	require.NotNil(t, series[1].NoPlan, "Nanjing has no 2025 plan")
}

// TestWorkloadRanking: the ranking is the network's nodes, ordered by the
// measure asked for, with shared ranks, each count a unit's workload in the
// jurisdiction's plans.
func TestWorkloadRanking(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	q := duty.CoOwnershipQuery{Year: 2026, Jurisdiction: "南京市"}
	f, err := v.CoOwnershipFilter(ctx, q, "")
	require.NoError(t, err)
	nw, err := v.Network(ctx, f, 1)
	require.NoError(t, err)
	for _, role := range []graph.Role{"", graph.RoleLead, graph.RoleCooperator} {
		all, err := v.WorkloadRanking(ctx, q, role, 0)
		require.NoError(t, err)
		measure := func(n graph.NetworkNode) int {
			return map[graph.Role]int{"": n.Lead + n.Cooperate, graph.RoleLead: n.Lead, graph.RoleCooperator: n.Cooperate}[role]
		}
		want := 0
		for _, n := range nw.Nodes {
			if measure(*n) > 0 {
				want++
			}
		}
		require.Len(t, all, want, "role %q: every node with a task in the role", role)
		for i, r := range all {
			if i == 0 {
				require.Equal(t, 1, r.Rank)
				continue
			}
			prev := all[i-1]
			require.GreaterOrEqual(t, measure(prev.NetworkNode), measure(r.NetworkNode), "role %q: most first", role)
			if measure(prev.NetworkNode) == measure(r.NetworkNode) {
				require.Equal(t, prev.Rank, r.Rank, "role %q: a tie shares its rank", role)
			} else {
				require.Equal(t, i+1, r.Rank, "role %q: the rank after a tie counts the tied", role)
			}
		}
		top, err := v.WorkloadRanking(ctx, q, role, 3)
		require.NoError(t, err)
		require.Equal(t, all[:3], top)
	}

	top, err := v.WorkloadRanking(ctx, q, "", 1)
	require.NoError(t, err)
	u, err := v.Unit(ctx, top[0].UnitID)
	require.NoError(t, err)
	w, err := v.Workload(ctx, "year", *u, 2026)
	require.NoError(t, err)
	require.Equal(t, w.Total(), top[0].Lead+top[0].Cooperate, "a city unit's count in its city's plan is its workload")

	_, err = v.WorkloadRanking(ctx, duty.CoOwnershipQuery{Year: 2025, Jurisdiction: "南京市"}, "", 0)
	require.EqualError(t, err, "year: no plan of 南京市 is loaded for 2025; loaded years: 2021, 2026")
	_, err = v.WorkloadRanking(ctx, q, "boss", 0)
	require.ErrorIs(t, err, graph.ErrInvalid)
}

// TestWorkloadChangeFollowsLineage: a body merged into its successor is
// counted with it in the from-year, and its sections are matched by title.
func TestWorkloadChangeFollowsLineage(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	c, err := v.WorkloadChange(ctx, "市地方金融监管局", "", 2021, 2026)
	require.NoError(t, err)
	require.Equal(t, "市委金融办", c.Unit.Name, "the successor answers for the body reorganised into it")
	require.NotEmpty(t, c.MergedFrom)
	require.Equal(t, "市地方金融监管局", c.MergedFrom[0].Name)

	gained, lost := 0, 0
	for _, s := range c.Gained {
		gained += s.Lead + s.Cooperate
	}
	for _, s := range c.Lost {
		lost += s.Lead + s.Cooperate
	}
	require.Equal(t, c.To.Total()-c.From.Total(), gained-lost, "per-section changes add up to the total change")

	change, err := v.UnitChange(ctx, c)
	require.NoError(t, err)
	require.Equal(t, c.To.Total(), len(change.Continued)+len(change.Added))
	require.Equal(t, c.From.Total(), len(change.Continued)+len(change.Dropped))

	_, err = v.WorkloadChange(ctx, "市文旅局", "", 2026, 2021)
	require.ErrorContains(t, err, "fromYear 2026 is after toYear 2021; swap them")
	_, err = v.UnitChange(ctx, duty.Change{Unit: c.Unit, FromYear: 2026, ToYear: 2026})
	require.ErrorContains(t, err, "fromYear and toYear are both 2026")
}

func TestTaskFilter(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	f, err := v.TaskFilter(ctx, duty.TaskQuery{Jurisdiction: "鼓楼", Unit: ptr("区应急局"), Role: graph.RoleLead, Year: 2026}, "filter.")
	require.NoError(t, err)
	require.Equal(t, "南京市/鼓楼区", f.Jurisdiction)
	require.Len(t, f.UnitIDs, 1)

	_, err = v.TaskFilter(ctx, duty.TaskQuery{Role: graph.RoleLead}, "filter.")
	require.EqualError(t, err, "filter.role: needs filter.unit or filter.sharedBy, the units whose role it is")
	_, err = v.TaskFilter(ctx, duty.TaskQuery{PlanID: ptr("")}, "")
	require.ErrorIs(t, err, graph.ErrNotFound, "a plan ID given empty names no plan")
}

func TestTargetsYearCountsReports(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	ts, err := v.Targets(ctx, duty.TargetQuery{Year: 2024})
	require.NoError(t, err, "the 2024 report sets targets though no plan of 2024 is loaded")
	require.NotEmpty(t, ts)
	_, err = v.Targets(ctx, duty.TargetQuery{Year: 2019})
	require.ErrorContains(t, err, "year: no plan or report is loaded for 2019; loaded years: 2021, 2024,")
	_, err = v.Targets(ctx, duty.TargetQuery{Metric: ptr("")})
	require.ErrorIs(t, err, graph.ErrInvalid)
	_, err = v.Targets(ctx, duty.TargetQuery{MetricContains: "首店数"})
	require.ErrorIs(t, err, graph.ErrNotFound)
	ts, err = v.Targets(ctx, duty.TargetQuery{Metric: ptr("地区生产总值")})
	require.NoError(t, err)
	require.NotEmpty(t, ts)
}

func TestNetworkStructure(t *testing.T) {
	ctx := context.Background()
	v := seedView(t)
	n, err := v.Network(ctx, graph.CoOwnershipFilter{Year: 2026, Jurisdiction: "南京市"}, 1)
	require.NoError(t, err)
	require.NotEmpty(t, n.Nodes)
	s, err := n.Structure(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, s.Communities)
	brokers, err := n.Brokers(ctx, 3)
	require.NoError(t, err)
	require.Len(t, brokers, 3)
	_, err = v.Network(ctx, graph.CoOwnershipFilter{}, 0)
	require.ErrorIs(t, err, graph.ErrInvalid)
}

// TestViewAnalysesOnce: a request asking for one network, or one pair of
// years' lineage, many times over (as many aliases of a query do) reads
// and analyses it once; another filter is another network.
func TestViewAnalysesOnce(t *testing.T) {
	ctx := context.Background()
	core, calls := countingCore(seedtest.Shared(t))
	v := core.View()
	f := graph.CoOwnershipFilter{Year: 2026, Jurisdiction: "南京市"}
	first, err := v.Network(ctx, f, 1)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			n, err := v.Network(ctx, f, 1)
			require.NoError(t, err)
			require.Same(t, first, n)
			s, err := n.Structure(ctx)
			require.NoError(t, err)
			require.NotEmpty(t, s.Communities)
		})
	}
	wg.Wait()
	require.Equal(t, 1, calls()["Network"])
	other, err := v.Network(ctx, f, 2)
	require.NoError(t, err)
	require.NotSame(t, first, other)
	require.Equal(t, 2, calls()["Network"])

	q := duty.LineageQuery{Jurisdiction: "南京市", FromYear: 2021, ToYear: 2026, Limit: 100}
	all, err := v.LineageSuggestions(ctx, q)
	require.NoError(t, err)
	q.Limit, q.Unit = 1, ptr("市数据局")
	one, err := v.LineageSuggestions(ctx, q)
	require.NoError(t, err)
	require.Len(t, one, 1)
	i := slices.IndexFunc(all, func(s analysis.LineageSuggestion) bool {
		return s.Appeared.ID == one[0].Appeared.ID && s.Vanished.ID == one[0].Vanished.ID
	})
	require.NotEmpty(t, one[0].Pairs)
	require.Same(t, &all[i].Pairs[0], &one[0].Pairs[0], "the unit's suggestion is the one scored for the first question")
}

// TestNetworkAnalysisEndsWithRequest: the analysis stops with the request
// that asked for it, and says why.
func TestNetworkAnalysisEndsWithRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n, err := seedView(t).Network(ctx, graph.CoOwnershipFilter{}, 1)
	require.NoError(t, err)
	cancel()
	_, err = n.Structure(ctx)
	require.ErrorIs(t, err, context.Canceled)
	_, err = n.Brokers(ctx, 3)
	require.ErrorIs(t, err, context.Canceled)
}

// TestViewReadsOnce: within a request, the analysis of every task of a
// plan reads the plans' tasks once; a new request reads afresh.
func TestViewReadsOnce(t *testing.T) {
	ctx := context.Background()
	core, calls := countingCore(seedtest.Store(t))
	v := core.View()
	page, err := v.Tasks(ctx, graph.TaskFilter{Jurisdiction: "南京市", Year: 2026}, graph.Page{})
	require.NoError(t, err)
	for _, task := range page.Tasks {
		_, err := v.Continues(ctx, task, 0)
		require.NoError(t, err)
	}
	require.Equal(t, map[string]int{"Tasks": 3, "Plans": 1}, calls(), "the page, then each year's tasks once")

	_, err = core.View().Continues(ctx, page.Tasks[0], 0)
	require.NoError(t, err)
	require.Equal(t, 5, calls()["Tasks"], "a new view reads again")
}

// countingCore is the domain over st, with the store calls made so far
// counted by method.
func countingCore(st graph.Store) (*duty.Core, func() map[string]int) {
	var mu sync.Mutex
	calls := map[string]int{}
	core := duty.New(instrumented.Wrap(st, func(method string, _ time.Duration, _ error) {
		mu.Lock()
		defer mu.Unlock()
		calls[method]++
	}))
	return core, func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(calls)
	}
}
