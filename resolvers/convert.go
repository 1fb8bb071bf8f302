package resolvers

import (
	"context"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// toTaskQuery translates a GraphQL task filter; nil selects everything.
func toTaskQuery(in *model.TaskFilter) duty.TaskQuery {
	if in == nil {
		return duty.TaskQuery{}
	}
	return duty.TaskQuery{
		Text:         deref(in.Text),
		Year:         deref(in.Year),
		Jurisdiction: deref(in.Jurisdiction),
		Unit:         in.Unit,
		SharedBy:     in.SharedBy,
		Role:         deref(in.Role),
		PlanID:       in.PlanID,
		SectionID:    in.SectionID,
	}
}

// toCoOwnershipQuery translates a GraphQL co-ownership filter; nil counts
// everything.
func toCoOwnershipQuery(in *model.CoOwnershipFilter) duty.CoOwnershipQuery {
	if in == nil {
		return duty.CoOwnershipQuery{}
	}
	return duty.CoOwnershipQuery{
		Year:              deref(in.Year),
		Jurisdiction:      deref(in.Jurisdiction),
		PlanID:            in.PlanID,
		Roles:             in.Roles,
		IncludeCollective: deref(in.IncludeCollective),
	}
}

// filterArgs prefixes the names of a filter's fields in errors.
const filterArgs = "filter."

// toGQLWorkload presents a workload; year 0 (all years) is null.
func toGQLWorkload(year int, w graph.Workload) *model.Workload {
	out := &model.Workload{
		Lead:      w.Lead,
		Cooperate: w.Cooperate,
		Total:     w.Total(),
		BySection: ptrs(w.BySection),
	}
	if year != 0 {
		out.Year = &year
	}
	return out
}

// toGQLYearWorkload presents a point of a workload series; a year without
// a plan has its reason.
func toGQLYearWorkload(p duty.YearWorkload) *model.YearWorkload {
	out := &model.YearWorkload{Year: p.Year, Lead: p.Lead, Cooperate: p.Cooperate, Total: p.Total(), Planned: p.NoPlan == nil}
	if p.NoPlan != nil {
		reason := p.NoPlan.Error()
		out.Reason = &reason
	}
	return out
}

// toGQLWorkloadChange presents a workload change.
func toGQLWorkloadChange(c duty.Change) *model.WorkloadChange {
	return &model.WorkloadChange{
		Unit:           &c.Unit,
		From:           toGQLWorkload(c.FromYear, c.From),
		To:             toGQLWorkload(c.ToYear, c.To),
		LeadDelta:      c.To.Lead - c.From.Lead,
		CooperateDelta: c.To.Cooperate - c.From.Cooperate,
		TotalDelta:     c.To.Total() - c.From.Total(),
		Gained:         ptrs(c.Gained),
		Lost:           ptrs(c.Lost),
		MergedFrom:     ptrs(c.MergedFrom),
	}
}

// changeOf recovers the domain's change from its presentation, for the
// fields that follow its tasks.
func changeOf(wc *model.WorkloadChange) duty.Change {
	c := duty.Change{Unit: *wc.Unit, FromYear: deref(wc.From.Year), ToYear: deref(wc.To.Year)}
	for _, u := range wc.MergedFrom {
		c.MergedFrom = append(c.MergedFrom, *u)
	}
	return c
}

// toGQLUnitPairs presents ranked pairs with the filter they were counted
// under.
func toGQLUnitPairs(pairs []graph.UnitPair, f graph.CoOwnershipFilter) []*model.UnitPair {
	out := make([]*model.UnitPair, len(pairs))
	for i, p := range pairs {
		out[i] = &model.UnitPair{UnitPair: p, Filter: f}
	}
	return out
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

// sections lists a plan's or report's sections, by number.
func (r *Resolver) sections(ctx context.Context, documentID string) ([]*graph.Section, error) {
	sections, err := r.view(ctx).Sections(ctx, documentID)
	if err != nil {
		return nil, err
	}
	return ptrs(sections), nil
}
