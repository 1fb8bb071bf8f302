package duty

import (
	"context"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// TaskQuery selects tasks as a user asks for them: names to resolve, IDs
// to check. Pointer fields distinguish "not given" from "given empty",
// which is an error (an empty unit name names no unit).
type TaskQuery struct {
	Text         string // a substring of the task text
	Year         int
	Jurisdiction string // as a user writes it; also where Unit is looked up
	Unit         *string
	SharedBy     []string // unit IDs: tasks every one of them takes part in
	Role         graph.Role
	PlanID       *string
	SectionID    *string
}

// TaskFilter resolves and checks q, so that a filter that cannot match is
// an error rather than an empty page. Arguments are named in errors with
// prefix before them ("filter." in GraphQL).
func (v *View) TaskFilter(ctx context.Context, q TaskQuery, prefix string) (graph.TaskFilter, error) {
	j, err := v.Jurisdiction(ctx, q.Jurisdiction)
	if err != nil {
		return graph.TaskFilter{}, err
	}
	f := graph.TaskFilter{Text: strings.TrimSpace(q.Text), Year: q.Year, Jurisdiction: j, Role: q.Role}
	if err := v.CheckPlanYear(ctx, prefix+"year", f.Year, j); err != nil {
		return graph.TaskFilter{}, err
	}
	if q.Unit != nil {
		u, err := v.FindUnit(ctx, *q.Unit, q.Jurisdiction)
		if err != nil {
			return graph.TaskFilter{}, err
		}
		f.UnitIDs = []string{u.ID}
	}
	if len(q.SharedBy) > 0 {
		if err := v.CheckUnitIDs(ctx, prefix+"sharedBy", q.SharedBy); err != nil {
			return graph.TaskFilter{}, err
		}
		f.AllUnitIDs = q.SharedBy
		if f.Role != "" {
			f.Roles = []graph.Role{f.Role}
		}
		if q.Unit == nil {
			f.Role = "" // the store's Role is the role of the unit
		}
	}
	if f.Role != "" && q.Unit == nil && len(q.SharedBy) == 0 {
		return graph.TaskFilter{}, Invalidf("%srole: needs %sunit or %ssharedBy, the units whose role it is", prefix, prefix, prefix)
	}
	if q.PlanID != nil {
		if err := v.CheckPlanID(ctx, prefix+"planId", *q.PlanID); err != nil {
			return graph.TaskFilter{}, err
		}
		f.PlanID = *q.PlanID
	}
	if q.SectionID != nil {
		if err := v.CheckSection(ctx, "", *q.SectionID); err != nil {
			return graph.TaskFilter{}, err
		}
		f.SectionID = *q.SectionID
	}
	return f, nil
}

// CoOwnershipQuery selects the tasks co-ownership is counted over, as a
// user asks: the jurisdiction as written, a plan ID to check.
type CoOwnershipQuery struct {
	Year              int
	Jurisdiction      string
	PlanID            *string
	Roles             []graph.Role // both units in one of these; any when empty
	IncludeCollective bool         // count placeholder units (各区政府) too
}

// CoOwnershipFilter resolves and checks q as TaskFilter does: a year or
// plan that no loaded document has is refused, not answered with nothing.
func (v *View) CoOwnershipFilter(ctx context.Context, q CoOwnershipQuery, prefix string) (graph.CoOwnershipFilter, error) {
	if err := CheckRoles(q.Roles); err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	j, err := v.Jurisdiction(ctx, q.Jurisdiction)
	if err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	f := graph.CoOwnershipFilter{Year: q.Year, Jurisdiction: j, Roles: q.Roles, IncludeCollective: q.IncludeCollective}
	if err := v.CheckPlanYear(ctx, prefix+"year", f.Year, j); err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	if q.PlanID != nil {
		if err := v.CheckPlanID(ctx, prefix+"planId", *q.PlanID); err != nil {
			return graph.CoOwnershipFilter{}, err
		}
		f.PlanID = *q.PlanID
	}
	return f, nil
}

// CoOwnership ranks the unit pairs sharing the most tasks under f, at most
// limit of them; their units are announced to the view.
func (v *View) CoOwnership(ctx context.Context, f graph.CoOwnershipFilter, limit int) ([]graph.UnitPair, error) {
	pairs, err := v.store.CoOwnership(ctx, f, limit)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		v.units.expect(p.A, p.B)
	}
	return pairs, nil
}

// PairTasks is the first n tasks both units of a pair take part in, under
// the filter the pair was counted with.
func (v *View) PairTasks(ctx context.Context, pair graph.UnitPair, f graph.CoOwnershipFilter, n int) ([]graph.Task, error) {
	tf := graph.TaskFilter{
		Year:         f.Year,
		Jurisdiction: f.Jurisdiction,
		PlanID:       f.PlanID,
		AllUnitIDs:   []string{pair.A, pair.B},
		Roles:        f.Roles,
	}
	page, err := v.Tasks(ctx, tf, graph.Page{Limit: max(n, 1)})
	if err != nil {
		return nil, err
	}
	return page.Tasks[:min(len(page.Tasks), n)], nil
}
