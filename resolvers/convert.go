package resolvers

import (
	"context"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// toStoreTaskFilter resolves the names in a GraphQL task filter (the
// jurisdiction, the unit) and checks its year, plan and section, so that a
// filter that cannot match is an error rather than an empty page.
func (r *Resolver) toStoreTaskFilter(ctx context.Context, in *model.TaskFilter) (graph.TaskFilter, error) {
	if in == nil {
		return graph.TaskFilter{}, nil
	}
	j, err := r.resolveJurisdiction(ctx, in.Jurisdiction)
	if err != nil {
		return graph.TaskFilter{}, err
	}
	f := graph.TaskFilter{
		Text:         strings.TrimSpace(deref(in.Text)),
		Year:         deref(in.Year),
		Jurisdiction: j,
		Role:         deref(in.Role),
	}
	if err := r.checkPlanYear(ctx, "filter.year", f.Year, j); err != nil {
		return graph.TaskFilter{}, err
	}
	if in.Unit != nil {
		u, err := r.findUnit(ctx, *in.Unit, in.Jurisdiction)
		if err != nil {
			return graph.TaskFilter{}, err
		}
		f.UnitIDs = []string{u.ID}
	}
	if len(in.SharedBy) > 0 {
		if f.AllUnitIDs, err = r.checkUnitIDs(ctx, "filter.sharedBy", in.SharedBy); err != nil {
			return graph.TaskFilter{}, err
		}
		if f.Role != "" {
			f.Roles = []graph.Role{f.Role}
		}
		if in.Unit == nil {
			f.Role = "" // the store's Role is the role of filter.unit
		}
	}
	if f.Role != "" && in.Unit == nil && len(in.SharedBy) == 0 {
		return graph.TaskFilter{}, inputErrorf("filter.role: needs filter.unit or filter.sharedBy, the units whose role it is")
	}
	if in.PlanID != nil {
		if f.PlanID, err = r.checkPlanID(ctx, "filter.planId", *in.PlanID); err != nil {
			return graph.TaskFilter{}, err
		}
	}
	if in.SectionID != nil {
		l := r.requestLoaders(ctx)
		if _, ok, err := l.sections.lookup(ctx, *in.SectionID); err != nil {
			return graph.TaskFilter{}, err
		} else if !ok {
			return graph.TaskFilter{}, &graph.NotFoundError{What: "section", Name: *in.SectionID}
		}
		f.SectionID = *in.SectionID
	}
	return f, nil
}

// maxSharedBy bounds filter.sharedBy: a task names a dozen units at most.
const maxSharedBy = 10

// checkUnitIDs makes sure unit ID arguments name loaded units.
func (r *Resolver) checkUnitIDs(ctx context.Context, arg string, ids []string) ([]string, error) {
	if len(ids) > maxSharedBy {
		return nil, inputErrorf("%s: %d units; at most %d", arg, len(ids), maxSharedBy)
	}
	l := r.requestLoaders(ctx)
	for _, id := range ids {
		if _, ok, err := l.units.lookup(ctx, id); err != nil {
			return nil, err
		} else if !ok {
			return nil, &graph.NotFoundError{What: arg + ": unit", Name: id}
		}
	}
	return ids, nil
}

// checkPlanID makes sure a plan ID argument names a loaded plan.
func (r *Resolver) checkPlanID(ctx context.Context, arg, id string) (string, error) {
	if _, ok, err := r.requestLoaders(ctx).plans.lookup(ctx, id); err != nil {
		return "", err
	} else if !ok {
		plans, err := r.requestLoaders(ctx).allPlans.get(ctx)
		if err != nil {
			return "", err
		}
		ids := make([]string, len(plans))
		for i, p := range plans {
			ids[i] = p.ID
		}
		return "", graph.NotFound(arg+": plan", id, ids)
	}
	return id, nil
}

// toStoreCoOwnershipFilter resolves and checks a GraphQL co-ownership filter.
func (r *Resolver) toStoreCoOwnershipFilter(ctx context.Context, in *model.CoOwnershipFilter) (graph.CoOwnershipFilter, error) {
	if in == nil {
		return graph.CoOwnershipFilter{}, nil
	}
	j, err := r.resolveJurisdiction(ctx, in.Jurisdiction)
	if err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	f := graph.CoOwnershipFilter{
		Year:              deref(in.Year),
		Jurisdiction:      j,
		Roles:             in.Roles,
		IncludeCollective: deref(in.IncludeCollective),
	}
	if err := r.checkPlanYear(ctx, "filter.year", f.Year, j); err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	if in.PlanID != nil {
		if f.PlanID, err = r.checkPlanID(ctx, "filter.planId", *in.PlanID); err != nil {
			return graph.CoOwnershipFilter{}, err
		}
	}
	return f, nil
}

// toGQLWorkload presents a store workload; year 0 (all years) is null.
func toGQLWorkload(l *loaders, year int, w graph.Workload) *model.Workload {
	out := &model.Workload{
		Lead:      w.Lead,
		Cooperate: w.Cooperate,
		Total:     w.Total(),
		BySection: toGQLSectionCounts(l, w.BySection),
	}
	if year != 0 {
		out.Year = &year
	}
	return out
}

// toGQLSectionCounts presents section counts, announcing their sections to
// the data loader.
func toGQLSectionCounts(l *loaders, counts []graph.SectionCount) []*graph.SectionCount {
	out := make([]*graph.SectionCount, len(counts))
	for i := range counts {
		l.sections.expect(counts[i].SectionID)
		out[i] = &counts[i]
	}
	return out
}

// toGQLUnitPairs presents ranked pairs with the filter they were counted
// under, announcing their units to the data loader.
func toGQLUnitPairs(l *loaders, pairs []graph.UnitPair, f graph.CoOwnershipFilter) []*model.UnitPair {
	out := make([]*model.UnitPair, len(pairs))
	for i, p := range pairs {
		l.units.expect(p.A, p.B)
		out[i] = &model.UnitPair{UnitPair: p, Filter: f}
	}
	return out
}

// toGQLNetwork presents the co-ownership graph, announcing its units to the
// data loader.
func toGQLNetwork(l *loaders, n graph.Network) *model.Network {
	for _, node := range n.Nodes {
		l.units.expect(node.UnitID)
	}
	for _, e := range n.Edges {
		l.units.expect(e.A, e.B)
	}
	return model.NewNetwork(n)
}

// ptrs returns pointers to the elements of s, the shape gqlgen's list
// fields take.
func ptrs[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// nullIfEmpty presents a text the document did not give as null, not "":
// a dashboard tells "no deadline" from an empty one.
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
