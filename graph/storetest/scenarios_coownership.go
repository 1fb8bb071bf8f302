package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

var (
	leadOnly = []graph.Role{graph.RoleLead}
	coopOnly = []graph.Role{graph.RoleCooperator}
)

func coOwnershipScenarios() []scenario {
	return []scenario{
		{"CoOwnership/ranking filters and roles", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cases := []struct {
				name   string
				filter graph.CoOwnershipFilter
				limit  int
				want   []graph.UnitPair
			}{
				{"everything", graph.CoOwnershipFilter{}, 100, ExpectedPairs()},
				{"top 3", graph.CoOwnershipFilter{}, 3, ExpectedPairs()[:3]},
				{"with placeholders", graph.CoOwnershipFilter{IncludeCollective: true}, 100, ExpectedPairsWithPlaceholders()},
				{"Nanjing 2026", graph.CoOwnershipFilter{Year: 2026, Jurisdiction: Nanjing}, 100, pairs(
					pair{FGW, GXJ, 3}, pair{FGW, KJJ, 2}, pair{GXJ, KJJ, 2},
					pair{GLZF, FGW, 1}, pair{GLZF, SCJG, 1}, pair{GLZF, WLJ, 1},
					pair{FGW, SCJG, 1}, pair{FGW, SJJ, 1}, pair{GXJ, SJJ, 1})},
				{"one plan", graph.CoOwnershipFilter{PlanID: PlanGulou2025}, 100, pairs(
					pair{QFGW, QSCJG, 1}, pair{QFGW, QYJ, 1}, pair{QFGW, QCZJ, 1})},
				{"co-leads", graph.CoOwnershipFilter{Roles: leadOnly}, 100, pairs(
					pair{QFGW, QSCJG, 1}, pair{QFGW, QCZJ, 1}, pair{FGW, SCJG, 1}, pair{DSJ, GXJ, 1}, pair{GXJ, KJJ, 1})},
				{"co-cooperators", graph.CoOwnershipFilter{Roles: coopOnly}, 100, pairs(
					pair{QFGW, QCZJ, 1}, pair{FGW, GXJ, 1}, pair{FGW, KJJ, 1}, pair{GXJ, KJJ, 1})},
				{"both roles is any role", graph.CoOwnershipFilter{Roles: []graph.Role{graph.RoleLead, graph.RoleCooperator}}, 100, ExpectedPairs()},
				{"a year without plans", graph.CoOwnershipFilter{Year: 2024}, 100, nil},
			}
			for _, c := range cases {
				got, err := s.CoOwnership(ctx, c.filter, c.limit)
				require.NoError(t, err, c.name)
				require.Equal(t, c.want, nilIfEmpty(got), c.name)
			}
		}},
		{"CoOwnership/partners of one unit", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			cases := []struct {
				name   string
				filter graph.CoOwnershipFilter
				limit  int
				want   []graph.UnitPair
			}{
				// A is the unit asked for, even where its ID is the larger.
				{"市文旅局", graph.CoOwnershipFilter{UnitID: WLJ}, 10, pairs(pair{WLJ, GLZF, 1}, pair{WLJ, FGW, 1})},
				{"市文旅局 with placeholders", graph.CoOwnershipFilter{UnitID: WLJ, IncludeCollective: true}, 10,
					pairs(pair{WLJ, GQZF, 2}, pair{WLJ, GLZF, 1}, pair{WLJ, FGW, 1})},
				{"市文旅局 limited", graph.CoOwnershipFilter{UnitID: WLJ}, 1, pairs(pair{WLJ, GLZF, 1})},
				{"a placeholder asked for by name", graph.CoOwnershipFilter{UnitID: GQZF}, 10, pairs(
					pair{GQZF, FGW, 2}, pair{GQZF, WLJ, 2}, pair{GQZF, GLZF, 1}, pair{GQZF, DSJ, 1}, pair{GQZF, GXJ, 1}, pair{GQZF, SCJG, 1})},
				{"区发改委 in 2025", graph.CoOwnershipFilter{UnitID: QFGW, Year: 2025}, 10, pairs(
					pair{QFGW, QSCJG, 1}, pair{QFGW, QYJ, 1}, pair{QFGW, QCZJ, 1})},
				{"市发改委 as co-lead", graph.CoOwnershipFilter{UnitID: FGW, Roles: leadOnly}, 10, pairs(pair{FGW, SCJG, 1})},
				{"a unit without partners", graph.CoOwnershipFilter{UnitID: GXQ, Year: 2025}, 10, nil},
			}
			for _, c := range cases {
				got, err := s.CoOwnership(ctx, c.filter, c.limit)
				require.NoError(t, err, c.name)
				require.Equal(t, c.want, nilIfEmpty(got), c.name)
			}
		}},
		{"CoOwnership/shared counts match shared tasks", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			for _, f := range []graph.CoOwnershipFilter{{IncludeCollective: true}, {Roles: leadOnly}, {Year: 2026, Roles: coopOnly}} {
				got, err := s.CoOwnership(ctx, f, 1000)
				require.NoError(t, err)
				for _, p := range got {
					tasks, err := s.Tasks(ctx, graph.TaskFilter{AllUnitIDs: ids(p.A, p.B), Roles: f.Roles, Year: f.Year}, graph.Page{})
					require.NoError(t, err)
					require.Equal(t, p.Shared, tasks.Total, "filter %+v: pair %s / %s", f, p.A, p.B)
				}
			}
		}},
		{"Network/nodes and edges", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			node := func(id string, lead, coop int) graph.NetworkNode {
				return graph.NetworkNode{UnitID: id, Lead: lead, Cooperate: coop}
			}
			cases := []struct {
				name      string
				filter    graph.CoOwnershipFilter
				minShared int
				want      graph.Network
			}{
				{"Gulou 2025", graph.CoOwnershipFilter{Year: 2025, Jurisdiction: Gulou}, 1, graph.Network{
					Nodes: []graph.NetworkNode{node(QFGW, 2, 1), node(QSCJG, 1, 0), node(QYJ, 1, 1), node(QCZJ, 0, 1)},
					Edges: pairs(pair{QFGW, QSCJG, 1}, pair{QFGW, QYJ, 1}, pair{QFGW, QCZJ, 1}),
				}},
				{"everything, strong ties", graph.CoOwnershipFilter{}, 3, graph.Network{
					Nodes: []graph.NetworkNode{
						node(QFGW, 4, 2), node(QSCJG, 2, 0), node(QYJ, 3, 1), node(QCZJ, 1, 3), node(GXQ, 1, 0), node(GLZF, 1, 2),
						node(FGW, 3, 4), node(DSJ, 2, 0), node(GXJ, 2, 4), node(SCJG, 1, 0), node(SJJ, 1, 0), node(WLJ, 2, 1), node(KJJ, 1, 2),
					},
					Edges: ExpectedPairs()[:4],
				}},
				{"with placeholders", graph.CoOwnershipFilter{Year: 2025, IncludeCollective: true}, 2, graph.Network{
					Nodes: []graph.NetworkNode{node(QFGW, 2, 1), node(QSCJG, 1, 0), node(QYJ, 1, 1), node(QCZJ, 0, 1), node(XGJD, 0, 2)},
					Edges: nil,
				}},
				{"leads of 2026", graph.CoOwnershipFilter{Year: 2026, Roles: leadOnly}, 1, graph.Network{
					Nodes: []graph.NetworkNode{
						node(QFGW, 2, 0), node(QSCJG, 1, 0), node(QYJ, 2, 0), node(QCZJ, 1, 0), node(GXQ, 1, 0), node(GLZF, 1, 0),
						node(FGW, 2, 0), node(GXJ, 1, 0), node(SCJG, 1, 0), node(SJJ, 1, 0), node(WLJ, 1, 0), node(KJJ, 1, 0),
					},
					Edges: pairs(pair{QFGW, QSCJG, 1}, pair{QFGW, QCZJ, 1}, pair{FGW, SCJG, 1}, pair{GXJ, KJJ, 1}),
				}},
				{"neighbourhood of 市文旅局", graph.CoOwnershipFilter{UnitID: WLJ}, 1, graph.Network{
					Nodes: []graph.NetworkNode{node(GLZF, 1, 2), node(FGW, 3, 4), node(WLJ, 2, 1)},
					Edges: pairs(pair{WLJ, GLZF, 1}, pair{WLJ, FGW, 1}),
				}},
				{"neighbourhood cut by minShared", graph.CoOwnershipFilter{UnitID: WLJ}, 2, graph.Network{
					Nodes: []graph.NetworkNode{node(WLJ, 2, 1)},
				}},
			}
			for _, c := range cases {
				got, err := s.Network(ctx, c.filter, c.minShared)
				require.NoError(t, err, c.name)
				require.Equal(t, normalizeNetwork(c.want), normalizeNetwork(got), c.name)
			}
		}},
		{"UnitWorkloads/the network's nodes", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			got, err := s.UnitWorkloads(ctx, graph.CoOwnershipFilter{Year: 2025, Jurisdiction: Gulou})
			require.NoError(t, err)
			require.Equal(t, []graph.NetworkNode{
				{UnitID: QFGW, Lead: 2, Cooperate: 1}, {UnitID: QSCJG, Lead: 1}, {UnitID: QYJ, Lead: 1, Cooperate: 1}, {UnitID: QCZJ, Cooperate: 1},
			}, got)
			for _, f := range []graph.CoOwnershipFilter{
				{}, {Year: 2026}, {Jurisdiction: Nanjing}, {Year: 2025, IncludeCollective: true}, {IncludeCollective: true},
				{Year: 2026, Roles: leadOnly}, {Roles: coopOnly}, {PlanID: PlanGulou2025}, {Year: 2024},
			} {
				nw, err := s.Network(ctx, f, 1)
				require.NoError(t, err)
				got, err := s.UnitWorkloads(ctx, f)
				require.NoError(t, err, "%+v", f)
				require.Equal(t, nilIfEmpty(nw.Nodes), nilIfEmpty(got), "filter %+v", f)
			}
		}},
		{"Network/node counts match workloads", func(t *testing.T, ctx context.Context, s graph.Store) {
			loadAll(t, ctx, s)
			for _, year := range []int{0, 2021, 2025, 2026} {
				nw, err := s.Network(ctx, graph.CoOwnershipFilter{Year: year, IncludeCollective: true}, 1)
				require.NoError(t, err)
				for _, n := range nw.Nodes {
					w, err := s.Workload(ctx, ids(n.UnitID), year)
					require.NoError(t, err)
					require.Equal(t, [2]int{w.Lead, w.Cooperate}, [2]int{n.Lead, n.Cooperate}, "year %d: node %s", year, n.UnitID)
				}
			}
		}},
	}
}
