package duty

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// The checks every question shares. Each names the argument it checks
// (arg, as the caller's user wrote it: "filter.year" in GraphQL, "year" in
// an export's URL), so that the message says what to change; arg "" leaves
// the name out.

// Jurisdiction resolves a jurisdiction as a user writes it — a path
// (南京市/鼓楼区), a name (鼓楼区), the name without its suffix (鼓楼) — to a
// loaded jurisdiction's path (see graph.MatchJurisdiction). "" means every
// jurisdiction and gives "".
func (v *View) Jurisdiction(ctx context.Context, name string) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", nil
	}
	all, err := v.Jurisdictions(ctx)
	if err != nil {
		return "", err
	}
	return graph.MatchJurisdiction(all, name)
}

// CheckYearRange refuses years no plan can have; 0 means every year.
func CheckYearRange(arg string, year int) error {
	if year != 0 && (year < graph.MinYear || year > graph.MaxYear) {
		return Invalidf("%s: %d is not a plan year: want a year from %d to %d", arg, year, graph.MinYear, graph.MaxYear)
	}
	return nil
}

// CheckPlanYear makes sure a year filter can match: 0 (every year), or a
// plausible year in which a plan (of the jurisdiction, when one is given)
// is loaded. Without it a mistyped year would be answered with an empty
// list that looks like a fact.
func (v *View) CheckPlanYear(ctx context.Context, arg string, year int, jurisdiction string) error {
	if year == 0 {
		return nil
	}
	if err := CheckYearRange(arg, year); err != nil {
		return err
	}
	held, err := v.hasPlan(ctx, jurisdiction, year)
	if err != nil || held {
		return err
	}
	years, err := v.PlanYears(ctx, jurisdiction)
	if err != nil {
		return err
	}
	return &graph.NoPlanError{Arg: arg, Jurisdiction: jurisdiction, Year: year, Loaded: years}
}

// hasPlan reports whether a plan of the year (and jurisdiction, when one
// is given) is loaded. It asks the store for those plans alone: a request
// naming a year must not read every plan of a large corpus (7,000 at a
// million tasks) to learn that one is there. Only the error lists them all.
func (v *View) hasPlan(ctx context.Context, jurisdiction string, year int) (bool, error) {
	return memoized(&v.results, ctx, fmt.Sprintf("hasPlan %q %d", jurisdiction, year), func(ctx context.Context) (bool, error) {
		plans, err := v.store.Plans(ctx, graph.PlanFilter{Jurisdiction: jurisdiction, Year: year})
		return len(plans) > 0, err
	})
}

// PlanYears lists the years with a loaded plan, of one jurisdiction or
// (with "") of any, ascending.
func (v *View) PlanYears(ctx context.Context, jurisdiction string) ([]int, error) {
	plans, err := v.AllPlans(ctx)
	if err != nil {
		return nil, err
	}
	var years []int
	for _, p := range plans {
		if jurisdiction == "" || p.Jurisdiction == jurisdiction {
			years = append(years, p.Year)
		}
	}
	slices.Sort(years)
	return slices.Compact(years), nil
}

// documentYears lists the years of the loaded plans and reports of a
// jurisdiction (or of any, with ""), ascending.
func (v *View) documentYears(ctx context.Context, jurisdiction string) ([]int, error) {
	years, err := v.PlanYears(ctx, jurisdiction)
	if err != nil {
		return nil, err
	}
	reports, err := v.Reports(ctx)
	if err != nil {
		return nil, err
	}
	for _, rep := range reports {
		if rep.Loaded && (jurisdiction == "" || rep.Jurisdiction == jurisdiction) {
			years = append(years, rep.Year)
		}
	}
	slices.Sort(years)
	return slices.Compact(years), nil
}

// CheckPlanID makes sure a plan ID names a loaded plan, suggesting the
// nearest IDs when it does not.
func (v *View) CheckPlanID(ctx context.Context, arg, id string) error {
	if _, ok, err := v.plans.lookup(ctx, id); err != nil || ok {
		return err
	}
	plans, err := v.AllPlans(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, len(plans))
	for i, p := range plans {
		ids[i] = p.ID
	}
	return graph.NotFound(named(arg, "plan"), id, ids)
}

// CheckSection makes sure a section ID names a loaded section.
func (v *View) CheckSection(ctx context.Context, arg, id string) error {
	if _, ok, err := v.sections.lookup(ctx, id); err != nil || ok {
		return err
	}
	return &graph.NotFoundError{What: named(arg, "section"), Name: id}
}

// maxUnitIDs bounds a list of units a task must all name: a task names a
// dozen units at most.
const maxUnitIDs = 10

// CheckUnitIDs makes sure unit ID arguments name loaded units.
func (v *View) CheckUnitIDs(ctx context.Context, arg string, ids []string) error {
	if len(ids) > maxUnitIDs {
		return Invalidf("%s: %d units; at most %d", arg, len(ids), maxUnitIDs)
	}
	for _, id := range ids {
		if _, ok, err := v.units.lookup(ctx, id); err != nil {
			return err
		} else if !ok {
			return &graph.NotFoundError{What: named(arg, "unit"), Name: id}
		}
	}
	return nil
}

// FindUnit resolves a unit name (canonical or any alias), in a
// jurisdiction as a user writes it, or everywhere with "".
func (v *View) FindUnit(ctx context.Context, name, jurisdiction string) (graph.Unit, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return graph.Unit{}, Invalidf("unit: the name is empty")
	}
	j, err := v.Jurisdiction(ctx, jurisdiction)
	if err != nil {
		return graph.Unit{}, err
	}
	return v.store.FindUnit(ctx, name, j)
}

// CheckRoles refuses an empty or unknown role in a list of roles.
func CheckRoles(roles []graph.Role) error {
	for _, r := range roles {
		if r == "" {
			return Invalidf("empty role: want %s or %s", graph.RoleLead, graph.RoleCooperator)
		}
		if err := graph.CheckRole(r); err != nil {
			return err
		}
	}
	return nil
}

// named is what a not-found error calls the thing looked for: "plan", or
// with the argument that named it "filter.planId: plan".
func named(arg, what string) string {
	if arg == "" {
		return what
	}
	return arg + ": " + what
}
