package duty

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// Plans lists the loaded plans of a jurisdiction (as a user writes it; ""
// for all) and year (0 for all; it must have a plan), newest year first.
func (v *View) Plans(ctx context.Context, jurisdiction string, year int) ([]graph.Plan, error) {
	j, err := v.Jurisdiction(ctx, jurisdiction)
	if err != nil {
		return nil, err
	}
	if err := v.CheckPlanYear(ctx, "year", year, j); err != nil {
		return nil, err
	}
	plans, err := v.store.Plans(ctx, graph.PlanFilter{Jurisdiction: j, Year: year})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(plans, func(a, b graph.Plan) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), cmp.Compare(a.Jurisdiction, b.Jurisdiction))
	})
	return plans, nil
}

// UnitQuery selects units as a user asks for them.
type UnitQuery struct {
	Search       string // a substring of the name or any alias
	Jurisdiction string // as a user writes it
	Kind         graph.UnitKind
}

// UnitList is one page of the units q selects, by jurisdiction, then name.
func (v *View) UnitList(ctx context.Context, q UnitQuery, p graph.Page) (graph.UnitPage, error) {
	j, err := v.Jurisdiction(ctx, q.Jurisdiction)
	if err != nil {
		return graph.UnitPage{}, err
	}
	return v.store.Units(ctx, graph.UnitFilter{Search: strings.TrimSpace(q.Search), Jurisdiction: j, Kind: q.Kind}, p)
}

// Report is the report with this ID, from the request's list of reports (a
// handful per jurisdiction and year, fetched once).
func (v *View) Report(ctx context.Context, id string) (*graph.Report, error) {
	reports, err := v.Reports(ctx)
	if err != nil {
		return nil, err
	}
	for i := range reports {
		if reports[i].ID == id {
			return &reports[i], nil
		}
	}
	return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
}

// ReportPlans lists the plans that decompose a report.
func (v *View) ReportPlans(ctx context.Context, reportID string) ([]*graph.Plan, error) {
	plans, err := v.AllPlans(ctx)
	if err != nil {
		return nil, err
	}
	var out []*graph.Plan
	for i := range plans {
		if plans[i].ReportID == reportID {
			out = append(out, &plans[i])
		}
	}
	return out, nil
}

// Sections lists a plan's or report's sections, by number.
func (v *View) Sections(ctx context.Context, documentID string) ([]graph.Section, error) {
	return v.store.Sections(ctx, documentID)
}

// Predecessors are the units reorganised directly into unitID.
func (v *View) Predecessors(ctx context.Context, unitID string) ([]*graph.Unit, error) {
	predecessors, _, err := v.reads.Successions(ctx, unitID)
	if err != nil {
		return nil, err
	}
	return v.units.loadMany(ctx, ends(predecessors, func(s graph.Succession) string { return s.From }))
}

// Successors are the units unitID was reorganised directly into.
func (v *View) Successors(ctx context.Context, unitID string) ([]*graph.Unit, error) {
	_, successors, err := v.reads.Successions(ctx, unitID)
	if err != nil {
		return nil, err
	}
	return v.units.loadMany(ctx, ends(successors, func(s graph.Succession) string { return s.To }))
}

// ends lists one end of each succession.
func ends(links []graph.Succession, end func(graph.Succession) string) []string {
	ids := make([]string, len(links))
	for i, l := range links {
		ids[i] = end(l)
	}
	return ids
}
