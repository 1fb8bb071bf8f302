package storetest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func loadScenarios() []scenario {
	return []scenario{
		{"Load/empty store answers empty", func(t *testing.T, ctx context.Context, s graph.Store) {
			st := ReadState(t, ctx, s)
			require.Equal(t, graph.Stats{}, st.Stats)
			require.Empty(t, st.Jurisdictions)
			require.Empty(t, st.Reports)
			require.Empty(t, st.Plans)
			require.Empty(t, st.Units)
			require.Empty(t, st.Tasks)
			require.Empty(t, st.Pairs)
			require.Empty(t, st.Network.Nodes)
			_, err := s.FindUnit(ctx, "市发改委", "")
			require.ErrorIs(t, err, graph.ErrNotFound, "FindUnit on an empty store")
		}},
		{"Load/a versioned store's version moves with every change, and only then", func(t *testing.T, ctx context.Context, s graph.Store) {
			vs, ok := s.(graph.Versioned)
			if !ok {
				t.Skip("the store keeps no version")
			}
			version := func() string {
				v, err := vs.Version(ctx)
				require.NoError(t, err)
				return v
			}
			seen := map[string]bool{version(): true}
			changed := func(what string) {
				v := version()
				require.False(t, seen[v], "%s: the version %q was seen before", what, v)
				seen[v] = true
				require.Equal(t, v, version(), "%s: reads leave the version alone", what)
			}
			require.NoError(t, s.Load(ctx, Nanjing2021()))
			changed("a load")
			ReadState(t, ctx, s)
			require.NoError(t, s.Load(ctx, Gulou2025()))
			changed("another load")
			require.NoError(t, s.Remove(ctx, PlanNanjing2021))
			changed("a removal")
			before := version()
			require.Error(t, s.Load(ctx, &graph.Batch{}))
			require.Equal(t, before, version(), "a refused load changes nothing")
		}},
		{"Load/every fixture", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			requireFixtureState(t, ctx, s)
		}},
		{"Load/twice changes nothing", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			once := ReadState(t, ctx, s)
			loadAll(t, ctx, s)
			requireSameState(t, once, ReadState(t, ctx, s), "after loading every fixture twice")
			requireFixtureState(t, ctx, s)
		}},
		{"Load/reverse order gives the same graph", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, reversed(All())...)
			requireFixtureState(t, ctx, s)
		}},
		{"Load/interleaved order gives the same graph", func(t *testing.T, ctx context.Context, s graph.Store) {
			// The report first, then newer plans before older ones.
			load(t, ctx, s, Report2026Loaded(), Gulou2026(), Nanjing2026(), Gulou2025(), Nanjing2021())
			requireFixtureState(t, ctx, s)
		}},
		{"Load/revised plan replaces its tasks", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			original := ReadState(t, ctx, s)
			load(t, ctx, s, Nanjing2026Revised())

			st, err := s.Stats(ctx)
			require.NoError(t, err)
			want := ExpectedStats
			want.Tasks--
			require.Equal(t, want, st, "task 6 of the revision is gone")
			tasks, err := s.TasksByID(ctx, []string{tn(PlanNanjing2026, 5), tn(PlanNanjing2026, 6)})
			require.NoError(t, err)
			require.NotContains(t, tasks, tn(PlanNanjing2026, 6), "task dropped from the revised plan")
			require.Equal(t, "营造市场化法治化国际化一流营商环境", tasks[tn(PlanNanjing2026, 5)].Text)
			plans, err := s.PlansByID(ctx, []string{PlanNanjing2026})
			require.NoError(t, err)
			require.Equal(t, "nanjing-2026-plan-revised.txt", plans[PlanNanjing2026].File)

			// 区政府 led only the dropped task in the city plan.
			w, err := s.Workload(ctx, []string{GLZF}, 0)
			require.NoError(t, err)
			require.Equal(t, [2]int{0, 2}, [2]int{w.Lead, w.Cooperate}, "区政府 workload after the revision")
			partners, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{UnitID: WLJ}, 10)
			require.NoError(t, err)
			require.Equal(t, pairs(pair{WLJ, FGW, 1}), partners, "市文旅局 no longer shares task 6 with 区政府")

			load(t, ctx, s, Nanjing2026())
			requireSameState(t, original, ReadState(t, ctx, s), "after loading the original plan again")
		}},
		{"Load/a unit's new kind reaches co-ownership", func(t *testing.T, ctx context.Context, s graph.Store) {
			// The registry reclassifies 鼓楼区政府 as a placeholder and Gulou's
			// 2026 plan, whose name for it wins, is reloaded. Its pairs with
			// city units, which that plan does not name, must go too.
			loadAll(t, ctx, s)
			network, err := s.Network(ctx, graph.CoOwnershipFilter{}, 1)
			require.NoError(t, err)
			load(t, ctx, s, withKind(Gulou2026(), GLZF, graph.KindPlaceholder))

			units, err := s.UnitsByID(ctx, []string{GLZF})
			require.NoError(t, err)
			require.Equal(t, graph.KindPlaceholder, units[GLZF].Kind)
			withoutGLZF := func(p graph.UnitPair) bool { return p.A == GLZF || p.B == GLZF }
			got, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 1000)
			require.NoError(t, err)
			require.Equal(t, slices.DeleteFunc(ExpectedPairs(), withoutGLZF), nilIfEmpty(got), "co-ownership without placeholders")
			got, err = s.CoOwnership(ctx, graph.CoOwnershipFilter{Year: 2026, Jurisdiction: Nanjing}, 1000)
			require.NoError(t, err)
			for _, p := range got {
				require.False(t, withoutGLZF(p), "a placeholder's pair in one year and place: %v", p)
			}
			want := graph.Network{
				Nodes: slices.DeleteFunc(network.Nodes, func(n graph.NetworkNode) bool { return n.UnitID == GLZF }),
				Edges: slices.DeleteFunc(network.Edges, withoutGLZF),
			}
			gotNetwork, err := s.Network(ctx, graph.CoOwnershipFilter{}, 1)
			require.NoError(t, err)
			require.Equal(t, normalizeNetwork(want), normalizeNetwork(gotNetwork), "network without placeholders")
			with, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{IncludeCollective: true}, 1000)
			require.NoError(t, err)
			require.Equal(t, ExpectedPairsWithPlaceholders(), nilIfEmpty(with), "co-ownership with placeholders")

			load(t, ctx, s, Gulou2026())
			requireFixtureState(t, ctx, s)
		}},
		{"Load/a revised document's names replace its earlier ones", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, allBut(PlanGulou2026)...)
			load(t, ctx, s, Gulou2026Renamed())
			renamed := ReadState(t, ctx, s)
			require.Equal(t, "鼓楼高新区管委会", unitIn(renamed, GXQ).Name)
			require.Empty(t, unitIn(renamed, GXQ).Aliases)

			load(t, ctx, s, Gulou2026(), Gulou2026Renamed())
			requireSameState(t, renamed, ReadState(t, ctx, s), "after loading the original and then the renamed version")
			_, err := s.FindUnit(ctx, "高新区（鼓楼）管委会", Gulou)
			require.ErrorIs(t, err, graph.ErrNotFound, "the old version's name")
		}},
		{"Load/successor known only from lineage", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Nanjing2021())
			u, err := s.FindUnit(ctx, "市数据局", "")
			require.NoError(t, err)
			require.Equal(t, dept(SJJ, "市数据局", 0, Nanjing), normalizeUnit(u))
			w, err := s.Workload(ctx, []string{SJJ}, 0)
			require.NoError(t, err)
			require.Zero(t, w.Total(), "市数据局 has no task in 2021")
			st, err := s.Stats(ctx)
			require.NoError(t, err)
			require.Equal(t, graph.Stats{Reports: 1, Plans: 1, Sections: 2, Tasks: 4, Units: 7}, st)
		}},
		{"Load/context cancelled before load changes nothing", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Nanjing2021())
			before := ReadState(t, ctx, s)
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			err := s.Load(cancelled, Gulou2025())
			require.ErrorIs(t, err, context.Canceled)
			requireSameState(t, before, ReadState(t, ctx, s), "after a cancelled load")
		}},
		{"Load/concurrent readers see whole batches", func(t *testing.T, ctx context.Context, s graph.Store) {
			// Each (plans, tasks) a reader may see: after 0, 1, 2, … batches.
			allowed := map[[2]int]bool{{0, 0}: true}
			plans, tasks := 0, 0
			for _, b := range All() {
				if b.Plan != nil {
					plans++
				}
				tasks += len(b.Tasks)
				allowed[[2]int{plans, tasks}] = true
			}
			var done atomic.Bool
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for reads := 0; reads < 10000 && !done.Load(); reads++ {
						st, err := s.Stats(ctx)
						if err != nil {
							errs <- err
							return
						}
						page, err := s.Tasks(ctx, graph.TaskFilter{}, graph.Page{})
						if err != nil {
							errs <- err
							return
						}
						if !allowed[[2]int{st.Plans, st.Tasks}] || len(page.Tasks) != page.Total {
							errs <- errors.New("a reader saw a half-loaded batch")
							return
						}
					}
				}()
			}
			for _, b := range All() {
				require.NoError(t, s.Load(ctx, b))
			}
			done.Store(true)
			wg.Wait()
			close(errs)
			for err := range errs {
				require.NoError(t, err)
			}
			requireFixtureState(t, ctx, s)
		}},
	}
}

// invalidScenarios are generated from Invalid(): each bad batch, loaded onto
// a store holding every fixture, must be refused and change nothing.
func invalidScenarios() []scenario {
	var out []scenario
	for _, inv := range Invalid() {
		out = append(out, scenario{"Load/invalid batch changes nothing/" + inv.Name, func(t *testing.T, ctx context.Context, s graph.Store) {
			bad := inv.Batch
			err := s.Load(ctx, bad)
			require.ErrorIs(t, err, graph.ErrInvalid, "loading %s into an empty store", bad.Source)
			require.Contains(t, err.Error(), bad.Source, "the error names the batch's source")
			st, err := s.Stats(ctx)
			require.NoError(t, err)
			require.Equal(t, graph.Stats{}, st, "a refused batch left part of itself in an empty store")

			loadAll(t, ctx, s)
			before := ReadState(t, ctx, s)
			err = s.Load(ctx, bad)
			require.ErrorIs(t, err, graph.ErrInvalid, "loading %s over the fixtures", bad.Source)
			requireSameState(t, before, ReadState(t, ctx, s), "after refusing "+bad.Source)
		}})
	}
	return out
}
