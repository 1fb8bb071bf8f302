package duty

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// RankedWorkload is a unit's place in a workload ranking: its counts under
// the ranking's filter, as the network's node for the unit has them.
type RankedWorkload struct {
	// Rank is 1 for the most tasks; units with as many share a rank, and
	// the next rank counts them all (1, 2, 2, 4).
	Rank int
	graph.NetworkNode
}

// WorkloadRanking ranks the units with a task under q by the tasks they
// take in role — led (lead), cooperated on and not led (cooperator), or
// all ("") — most first, ties in order of total, then of unit ID; units
// without a task in role are left out. It returns the first n (every unit
// with n 0). The counts are the network's (graph.Store.UnitWorkloads): the
// tasks of q's plans, so a city unit named in a district's plan counts
// there only when the district is asked for.
func (v *View) WorkloadRanking(ctx context.Context, q CoOwnershipQuery, role graph.Role, n int) ([]RankedWorkload, error) {
	if err := graph.CheckRole(role); err != nil {
		return nil, err
	}
	f, err := v.CoOwnershipFilter(ctx, q, "")
	if err != nil {
		return nil, err
	}
	nodes, err := v.store.UnitWorkloads(ctx, f)
	if err != nil {
		return nil, err
	}
	measure := func(n graph.NetworkNode) int {
		switch role {
		case graph.RoleLead:
			return n.Lead
		case graph.RoleCooperator:
			return n.Cooperate
		}
		return n.Lead + n.Cooperate
	}
	nodes = slices.DeleteFunc(nodes, func(n graph.NetworkNode) bool { return measure(n) == 0 })
	slices.SortFunc(nodes, func(a, b graph.NetworkNode) int {
		return cmp.Or(cmp.Compare(measure(b), measure(a)), cmp.Compare(b.Lead+b.Cooperate, a.Lead+a.Cooperate), strings.Compare(a.UnitID, b.UnitID))
	})
	if n > 0 {
		nodes = nodes[:min(n, len(nodes))]
	}
	ranked := make([]RankedWorkload, len(nodes))
	for i, node := range nodes {
		ranked[i] = RankedWorkload{Rank: i + 1, NetworkNode: node}
		if i > 0 && measure(node) == measure(nodes[i-1]) {
			ranked[i].Rank = ranked[i-1].Rank
		}
		v.units.expect(node.UnitID)
	}
	return ranked, nil
}
