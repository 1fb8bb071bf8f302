package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// argumentScenarios check that impossible arguments and unknown names are
// errors of the right kind, never a silently empty answer, and that a
// cancelled request gets no answer.
func argumentScenarios() []scenario {
	out := []scenario{
		{"Arguments/invalid and unknown", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cases := []struct {
				name string
				call func() error
				want error
			}{
				{"tasks in an impossible year", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{Year: 1800}, graph.Page{})
					return err
				}, graph.ErrInvalid},
				{"tasks page with a negative offset", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{}, graph.Page{Offset: -1})
					return err
				}, graph.ErrInvalid},
				{"tasks by an unknown role", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{UnitIDs: ids(FGW), Role: "boss"}, graph.Page{})
					return err
				}, graph.ErrInvalid},
				{"tasks by role without a unit", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{Role: graph.RoleLead}, graph.Page{})
					return err
				}, graph.ErrInvalid},
				{"tasks of an unknown jurisdiction", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{Jurisdiction: "南京市/玄武区"}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"tasks of an unknown plan", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{PlanID: graph.PlanID(Nanjing, 2020)}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"tasks of an unknown section", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{SectionID: graph.SectionID(PlanNanjing2026, 9)}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"tasks of a report's section", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{SectionID: graph.SectionID(Report2026, 1)}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"tasks of an unknown unit", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{UnitIDs: ids(Missing)}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"tasks shared with an unknown unit", func() error {
					_, err := s.Tasks(ctx, graph.TaskFilter{AllUnitIDs: ids(FGW, Missing)}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"units of an unknown kind", func() error {
					_, err := s.Units(ctx, graph.UnitFilter{Kind: "ministry"}, graph.Page{})
					return err
				}, graph.ErrInvalid},
				{"units page with a negative limit", func() error {
					_, err := s.Units(ctx, graph.UnitFilter{}, graph.Page{Limit: -1})
					return err
				}, graph.ErrInvalid},
				{"units of an unknown jurisdiction", func() error {
					_, err := s.Units(ctx, graph.UnitFilter{Jurisdiction: "南京市/玄武区"}, graph.Page{})
					return err
				}, graph.ErrNotFound},
				{"plans in an impossible year", func() error {
					_, err := s.Plans(ctx, graph.PlanFilter{Year: 20260})
					return err
				}, graph.ErrInvalid},
				{"plans of an unknown jurisdiction", func() error {
					_, err := s.Plans(ctx, graph.PlanFilter{Jurisdiction: "上海市"})
					return err
				}, graph.ErrNotFound},
				{"workload of no unit", func() error {
					_, err := s.Workload(ctx, nil, 2026)
					return err
				}, graph.ErrInvalid},
				{"workload of an unknown unit", func() error {
					_, err := s.Workload(ctx, ids(WLJ, Missing), 2026)
					return err
				}, graph.ErrNotFound},
				{"workload in an impossible year", func() error {
					_, err := s.Workload(ctx, ids(WLJ), -2026)
					return err
				}, graph.ErrInvalid},
				{"co-ownership with limit 0", func() error {
					_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 0)
					return err
				}, graph.ErrInvalid},
				{"co-ownership by an unknown role", func() error {
					_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{Roles: []graph.Role{"boss"}}, 10)
					return err
				}, graph.ErrInvalid},
				{"co-ownership in an impossible year", func() error {
					_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{Year: 3000}, 10)
					return err
				}, graph.ErrInvalid},
				{"co-ownership of an unknown unit", func() error {
					_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{UnitID: Missing}, 10)
					return err
				}, graph.ErrNotFound},
				{"co-ownership of an unknown plan", func() error {
					_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{PlanID: graph.PlanID(Gulou, 2024)}, 10)
					return err
				}, graph.ErrNotFound},
				{"co-ownership of an unknown jurisdiction", func() error {
					_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{Jurisdiction: "南京市/玄武区"}, 10)
					return err
				}, graph.ErrNotFound},
				{"network with minShared 0", func() error {
					_, err := s.Network(ctx, graph.CoOwnershipFilter{}, 0)
					return err
				}, graph.ErrInvalid},
				{"network of an unknown unit", func() error {
					_, err := s.Network(ctx, graph.CoOwnershipFilter{UnitID: Missing}, 1)
					return err
				}, graph.ErrNotFound},
				{"unit workloads of a neighbourhood", func() error {
					_, err := s.UnitWorkloads(ctx, graph.CoOwnershipFilter{UnitID: WLJ})
					return err
				}, graph.ErrInvalid},
				{"unit workloads in an impossible year", func() error {
					_, err := s.UnitWorkloads(ctx, graph.CoOwnershipFilter{Year: 3000})
					return err
				}, graph.ErrInvalid},
				{"unit workloads of an unknown jurisdiction", func() error {
					_, err := s.UnitWorkloads(ctx, graph.CoOwnershipFilter{Jurisdiction: "南京市/玄武区"})
					return err
				}, graph.ErrNotFound},
				{"load of a nil batch", func() error {
					return s.Load(ctx, nil)
				}, graph.ErrInvalid},
			}
			for _, c := range cases {
				require.ErrorIs(t, c.call(), c.want, c.name)
			}
		}},
		{"Arguments/cancelled context", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			calls := map[string]func() error{
				"Load":          func() error { return s.Load(cancelled, Nanjing2021()) },
				"Stats":         func() error { _, err := s.Stats(cancelled); return err },
				"Jurisdictions": func() error { _, err := s.Jurisdictions(cancelled); return err },
				"Reports":       func() error { _, err := s.Reports(cancelled); return err },
				"Plans":         func() error { _, err := s.Plans(cancelled, graph.PlanFilter{}); return err },
				"Sections":      func() error { _, err := s.Sections(cancelled, PlanNanjing2026); return err },
				"PlansByID":     func() error { _, err := s.PlansByID(cancelled, ids(PlanNanjing2026)); return err },
				"SectionsByID": func() error {
					_, err := s.SectionsByID(cancelled, ids(graph.SectionID(PlanNanjing2026, 1)))
					return err
				},
				"UnitsByID":   func() error { _, err := s.UnitsByID(cancelled, ids(FGW)); return err },
				"TasksByID":   func() error { _, err := s.TasksByID(cancelled, ids(tn(PlanNanjing2026, 1))); return err },
				"FindUnit":    func() error { _, err := s.FindUnit(cancelled, "市发改委", ""); return err },
				"Units":       func() error { _, err := s.Units(cancelled, graph.UnitFilter{}, graph.Page{}); return err },
				"Tasks":       func() error { _, err := s.Tasks(cancelled, graph.TaskFilter{}, graph.Page{}); return err },
				"Successions": func() error { _, _, err := s.Successions(cancelled, SJJ); return err },
				"Workload":    func() error { _, err := s.Workload(cancelled, ids(FGW), 0); return err },
				"CoOwnership": func() error { _, err := s.CoOwnership(cancelled, graph.CoOwnershipFilter{}, 10); return err },
				"Network":     func() error { _, err := s.Network(cancelled, graph.CoOwnershipFilter{}, 1); return err },
				"UnitWorkloads": func() error {
					_, err := s.UnitWorkloads(cancelled, graph.CoOwnershipFilter{})
					return err
				},
				"Targets": func() error { _, err := s.Targets(cancelled, graph.TargetFilter{}); return err },
			}
			for name, call := range calls {
				require.ErrorIs(t, call(), context.Canceled, "%s with a cancelled context", name)
			}
		}},
	}
	return append(out, invalidScenarios()...)
}
