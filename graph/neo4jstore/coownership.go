package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dutygraph/dutygraph/graph"
)

// noLimit is the LIMIT of statements whose every row is wanted.
const noLimit = math.MaxInt32

// CoOwnership ranks the pairs of units by the tasks they share.
func (s *Store) CoOwnership(ctx context.Context, f graph.CoOwnershipFilter, limit int) ([]graph.UnitPair, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("co-ownership limit %d: must be positive: %w", limit, graph.ErrInvalid)
	}
	if err := graph.CheckYear(f.Year); err != nil {
		return nil, err
	}
	var pairs []graph.UnitPair
	err := s.read(ctx, "co-ownership", func(r runner) error {
		params, err := s.coParams(ctx, r, f)
		if err != nil {
			return err
		}
		pairs, err = s.pairs(ctx, r, f, params, 1, limit)
		return err
	})
	if err != nil {
		return nil, err
	}
	return pairs, nil
}

// Network is the co-ownership graph under the filter. With f.UnitID it is
// that unit's neighbourhood: the unit, its partners sharing at least
// minShared tasks, and the edges between it and them.
func (s *Store) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	if err := ctx.Err(); err != nil {
		return graph.Network{}, err
	}
	if minShared < 1 {
		return graph.Network{}, fmt.Errorf("network minShared %d: must be at least 1: %w", minShared, graph.ErrInvalid)
	}
	if err := graph.CheckYear(f.Year); err != nil {
		return graph.Network{}, err
	}
	nw := graph.Network{Nodes: []graph.NetworkNode{}, Edges: []graph.UnitPair{}}
	err := s.read(ctx, "network", func(r runner) error {
		nw = graph.Network{Nodes: []graph.NetworkNode{}, Edges: []graph.UnitPair{}}
		params, err := s.coParams(ctx, r, f)
		if err != nil {
			return err
		}
		edges, err := s.pairs(ctx, r, f, params, minShared, noLimit)
		if err != nil {
			return err
		}
		nw.Edges = append(nw.Edges, edges...)
		var recs []*neo4j.Record
		if f.UnitID != "" {
			members := []string{f.UnitID}
			for _, e := range edges {
				members = append(members, e.B)
			}
			params["ids"] = members
			recs, err = s.query(ctx, r, unitCountsStatements[scopeOf(f.Year, f.Jurisdiction, f.PlanID)], params)
		} else {
			recs, err = s.query(ctx, r, networkNodesStatements[pairKeyOf(f)], params)
		}
		if err != nil {
			return err
		}
		nw.Nodes = networkNodes(recs, f.Roles)
		return nil
	})
	if err != nil {
		return graph.Network{}, err
	}
	return nw, nil
}

// UnitWorkloads is the network's node statement alone: the units with a
// task under the filter and their counts, from the scope's index seek.
func (s *Store) UnitWorkloads(ctx context.Context, f graph.CoOwnershipFilter) ([]graph.NetworkNode, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.UnitID != "" {
		return nil, fmt.Errorf("unit workloads of %s's neighbourhood: ask for its network: %w", f.UnitID, graph.ErrInvalid)
	}
	if err := graph.CheckYear(f.Year); err != nil {
		return nil, err
	}
	var nodes []graph.NetworkNode
	err := s.read(ctx, "unit workloads", func(r runner) error {
		params, err := s.coParams(ctx, r, f)
		if err != nil {
			return err
		}
		recs, err := s.query(ctx, r, networkNodesStatements[pairKeyOf(f)], params)
		if err != nil {
			return err
		}
		nodes = networkNodes(recs, f.Roles)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return nodes, nil
}

// networkNodes decodes the node statements' rows, counting only the roles
// asked for, ordered by unit ID as the embedded store orders them.
func networkNodes(recs []*neo4j.Record, roles []graph.Role) []graph.NetworkNode {
	lead, coop := rolesCounted(roles)
	nodes := make([]graph.NetworkNode, 0, len(recs))
	for _, rec := range recs {
		n := graph.NetworkNode{UnitID: fieldStr(rec, "unit")}
		if lead {
			n.Lead = fieldInt(rec, "lead")
		}
		if coop {
			n.Cooperate = fieldInt(rec, "cooperate")
		}
		nodes = append(nodes, n)
	}
	slices.SortFunc(nodes, func(a, b graph.NetworkNode) int { return strings.Compare(a.UnitID, b.UnitID) })
	return nodes
}

// coParams checks a co-ownership filter against what is loaded, in the
// embedded store's order, and returns its statement parameters.
func (s *Store) coParams(ctx context.Context, r runner, f graph.CoOwnershipFilter) (map[string]any, error) {
	if err := s.checkJurisdiction(ctx, r, f.Jurisdiction); err != nil {
		return nil, err
	}
	if err := s.checkExists(ctx, r, cypherPlanExists, f.PlanID, "plan"); err != nil {
		return nil, err
	}
	if f.UnitID != "" {
		if err := s.checkUnits(ctx, r, []string{f.UnitID}); err != nil {
			return nil, err
		}
	}
	for _, role := range f.Roles {
		if err := graph.CheckRole(role); err != nil {
			return nil, err
		}
	}
	return map[string]any{
		"year": f.Year, "jurisdiction": f.Jurisdiction, "planId": f.PlanID, "unitId": f.UnitID,
		"placeholder": string(graph.KindPlaceholder),
	}, nil
}

// pairs runs the pair statement that fits the filter.
func (s *Store) pairs(ctx context.Context, r runner, f graph.CoOwnershipFilter, params map[string]any, minShared, limit int) ([]graph.UnitPair, error) {
	params["minShared"] = minShared
	params["limit"] = limit
	return s.runPairs(ctx, r, pairStatement(f), params)
}

// pairStatement picks the materialised CO_OWNS edges for the default view
// (any role, no placeholders, everywhere, one year or all), the partners
// of the filter's unit, and a live count from the scope's tasks for every
// other filter.
func pairStatement(f graph.CoOwnershipFilter) string {
	lead, coop := rolesCounted(f.Roles)
	switch {
	case f.UnitID != "":
		return partnersStatements[pairKeyOf(f)]
	case f.Jurisdiction == "" && f.PlanID == "" && !f.IncludeCollective && lead && coop && f.Year != 0:
		return cypherMaterialisedPairsOfYear
	case f.Jurisdiction == "" && f.PlanID == "" && !f.IncludeCollective && lead && coop:
		return cypherMaterialisedPairs
	}
	return pairsStatements[pairKeyOf(f)]
}

func pairKeyOf(f graph.CoOwnershipFilter) pairKey {
	return pairKey{scope: scopeOf(f.Year, f.Jurisdiction, f.PlanID), types: roleTypes(f.Roles), collective: f.IncludeCollective}
}

func (s *Store) runPairs(ctx context.Context, r runner, cypher string, params map[string]any) ([]graph.UnitPair, error) {
	recs, err := s.query(ctx, r, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]graph.UnitPair, 0, len(recs))
	for _, rec := range recs {
		out = append(out, graph.UnitPair{A: fieldStr(rec, "a"), B: fieldStr(rec, "b"), Shared: fieldInt(rec, "shared")})
	}
	// Cypher ordered the rows to apply LIMIT; ordering again in Go pins the
	// byte order of IDs the embedded store uses.
	slices.SortStableFunc(out, func(a, b graph.UnitPair) int {
		return cmp.Or(cmp.Compare(b.Shared, a.Shared), strings.Compare(a.A, b.A), strings.Compare(a.B, b.B))
	})
	return out, nil
}

// rolesCounted says which roles a filter counts; none named means both.
func rolesCounted(roles []graph.Role) (lead, coop bool) {
	if len(roles) == 0 {
		return true, true
	}
	return slices.Contains(roles, graph.RoleLead), slices.Contains(roles, graph.RoleCooperator)
}
