package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func documentScenarios() []scenario {
	return []scenario{
		{"Reports/plans alone leave stubs naming the session", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Nanjing2026(), Gulou2025())
			reports, err := s.Reports(ctx)
			require.NoError(t, err)
			require.Equal(t, []graph.Report{
				{ID: Report2026, Jurisdiction: Nanjing, Year: 2026, Session: Session2026},
				{ID: ReportGulou2025, Jurisdiction: Gulou, Year: 2025, Session: SessionGulou2025},
			}, normalizeReports(reports))
			sections, err := s.Sections(ctx, Report2026)
			require.NoError(t, err, "a stub report has sections: none")
			require.Empty(t, sections)
			st, err := s.Stats(ctx)
			require.NoError(t, err)
			require.Equal(t, 2, st.Reports)
			require.Zero(t, st.LoadedReports)
		}},
		{"Reports/report alone is loaded without a session", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Report2026Loaded())
			reports, err := s.Reports(ctx)
			require.NoError(t, err)
			want := ExpectedReports()[0]
			want.Session = ""
			require.Equal(t, []graph.Report{want}, normalizeReports(reports))
			st, err := s.Stats(ctx)
			require.NoError(t, err)
			require.Equal(t, graph.Stats{Reports: 1, LoadedReports: 1, Sections: 2}, st)
		}},
		{"Reports/stub then loaded report merge", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Nanjing2026(), Report2026Loaded())
			requireReport2026Merged(t, ctx, s)
		}},
		{"Reports/loaded report then stub merge", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Report2026Loaded(), Nanjing2026())
			requireReport2026Merged(t, ctx, s)
			// Reloading the plan must not turn the report back into a stub.
			load(t, ctx, s, Nanjing2026())
			requireReport2026Merged(t, ctx, s)
		}},
		{"Jurisdictions/by path with parents", func(t *testing.T, ctx context.Context, s graph.Store) {
			load(t, ctx, s, Nanjing2021())
			js, err := s.Jurisdictions(ctx)
			require.NoError(t, err)
			require.Equal(t, []graph.Jurisdiction{jNanjing}, js)
			load(t, ctx, s, Gulou2025())
			js, err = s.Jurisdictions(ctx)
			require.NoError(t, err)
			require.Equal(t, []graph.Jurisdiction{
				{Path: Nanjing, Name: "南京市"},
				{Path: Gulou, Name: "鼓楼区", Parent: Nanjing},
			}, js)
		}},
		{"Plans/filters and order", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cases := []struct {
				name   string
				filter graph.PlanFilter
				want   []*graph.Batch
			}{
				{"all", graph.PlanFilter{}, []*graph.Batch{Nanjing2026(), Nanjing2021(), Gulou2026(), Gulou2025()}},
				{"year 2026", graph.PlanFilter{Year: 2026}, []*graph.Batch{Nanjing2026(), Gulou2026()}},
				{"Gulou", graph.PlanFilter{Jurisdiction: Gulou}, []*graph.Batch{Gulou2026(), Gulou2025()}},
				{"Nanjing 2021", graph.PlanFilter{Jurisdiction: Nanjing, Year: 2021}, []*graph.Batch{Nanjing2021()}},
				{"a year without plans", graph.PlanFilter{Year: 2024}, nil},
			}
			for _, c := range cases {
				got, err := s.Plans(ctx, c.filter)
				require.NoError(t, err, c.name)
				var want []graph.Plan
				for _, b := range c.want {
					want = append(want, *b.Plan)
				}
				require.Equal(t, want, nilIfEmpty(got), c.name)
			}
		}},
		{"Sections/of plans and reports", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			for _, b := range All() {
				docID := b.Reports[0].ID
				if b.Plan != nil {
					docID = b.Plan.ID
				}
				got, err := s.Sections(ctx, docID)
				require.NoError(t, err, docID)
				require.Equal(t, b.Sections, got, "sections of %s, by number", docID)
			}
			got, err := s.Sections(ctx, Report2021)
			require.NoError(t, err)
			require.Empty(t, got, "the 2021 report is only a stub")
			_, err = s.Sections(ctx, graph.PlanID(Nanjing, 1999))
			require.ErrorIs(t, err, graph.ErrNotFound, "sections of an unknown document")
		}},
		{"ByID/plans sections units tasks", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			plans, err := s.PlansByID(ctx, []string{PlanNanjing2021, "plan:南京市:1999"})
			require.NoError(t, err)
			require.Equal(t, map[string]graph.Plan{PlanNanjing2021: *Nanjing2021().Plan}, plans)

			s2 := graph.SectionID(PlanNanjing2026, 2)
			r1 := graph.SectionID(Report2026, 1)
			sections, err := s.SectionsByID(ctx, []string{s2, r1, "nope"})
			require.NoError(t, err)
			require.Equal(t, map[string]graph.Section{
				s2: Nanjing2026().Sections[1],
				r1: Report2026Loaded().Sections[0],
			}, sections)

			units, err := s.UnitsByID(ctx, []string{WLJ, GLZF, Missing})
			require.NoError(t, err)
			require.Len(t, units, 2)
			require.Equal(t, expectedUnit(WLJ), normalizeUnit(units[WLJ]))
			require.Equal(t, expectedUnit(GLZF), normalizeUnit(units[GLZF]))

			id := tr(PlanGulou2025, 2, 1)
			tasks, err := s.TasksByID(ctx, []string{id, "task:nope"})
			require.NoError(t, err)
			require.Len(t, tasks, 1)
			require.Equal(t, normalizeTask(Gulou2025().Tasks[2]), normalizeTask(tasks[id]))

			empty, err := s.UnitsByID(ctx, nil)
			require.NoError(t, err)
			require.Empty(t, empty)
		}},
	}
}

func requireReport2026Merged(t *testing.T, ctx context.Context, s graph.Store) {
	t.Helper()
	reports, err := s.Reports(ctx)
	require.NoError(t, err)
	require.Equal(t, []graph.Report{ExpectedReports()[0]}, normalizeReports(reports),
		"the loaded report keeps the session named by the plan's stub")
	sections, err := s.Sections(ctx, Report2026)
	require.NoError(t, err)
	require.Equal(t, Report2026Loaded().Sections, sections)
	plans, err := s.PlansByID(ctx, []string{PlanNanjing2026})
	require.NoError(t, err)
	require.Equal(t, Report2026, plans[PlanNanjing2026].ReportID)
	st, err := s.Stats(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, st.Reports)
	require.Equal(t, 1, st.LoadedReports)
}
