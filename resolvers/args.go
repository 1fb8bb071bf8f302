package resolvers

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// deref returns *p, or the zero value when p is nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// resolveJurisdiction turns a jurisdiction argument into a path (see
// graph.MatchJurisdiction); nil or empty means every jurisdiction.
func (r *Resolver) resolveJurisdiction(ctx context.Context, arg *string) (string, error) {
	if strings.TrimSpace(deref(arg)) == "" {
		return "", nil
	}
	all, err := r.requestLoaders(ctx).allJurisdictions.get(ctx)
	if err != nil {
		return "", err
	}
	return graph.MatchJurisdiction(all, deref(arg))
}

// checkYearRange rejects years no plan can have; 0 means every year.
func checkYearRange(arg string, year int) error {
	if year != 0 && (year < graph.MinYear || year > graph.MaxYear) {
		return inputErrorf("%s: %d is not a plan year: want a year from %d to %d", arg, year, graph.MinYear, graph.MaxYear)
	}
	return nil
}

// checkPlanYear makes sure a year filter can match: a plausible year in
// which a plan (of the jurisdiction, when one is given) is loaded. Without
// it, a typo'd year would answer with an empty list that looks like a fact.
func (r *Resolver) checkPlanYear(ctx context.Context, arg string, year int, jurisdiction string) error {
	if year == 0 {
		return nil
	}
	if err := checkYearRange(arg, year); err != nil {
		return err
	}
	years, err := r.planYears(ctx, jurisdiction)
	if err != nil {
		return err
	}
	if slices.Contains(years, year) {
		return nil
	}
	return noPlanError(arg, year, jurisdiction, years)
}

// planYears lists the years with a loaded plan, of one jurisdiction or
// (with "") of any, ascending.
func (r *Resolver) planYears(ctx context.Context, jurisdiction string) ([]int, error) {
	plans, err := r.requestLoaders(ctx).allPlans.get(ctx)
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

func noPlanError(arg string, year int, jurisdiction string, loaded []int) error {
	of := ""
	if jurisdiction != "" {
		of = " of " + jurisdiction
	}
	if len(loaded) == 0 {
		return inputErrorf("%s: no plan%s is loaded, for %d or any year", arg, of, year)
	}
	return inputErrorf("%s: no plan%s is loaded for %d; loaded years: %s", arg, of, year, joinYears(loaded))
}

func joinYears(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}

// unitWorkload is the workload of a unit (with ids, the unit and its
// predecessors) in a year. A year in which the unit's jurisdiction has no
// plan and no loaded plan names the unit is an error: a zero there would
// say "no tasks" when the truth is "no document".
func (r *Resolver) unitWorkload(ctx context.Context, arg string, u graph.Unit, ids []string, year int) (graph.Workload, error) {
	if err := checkYearRange(arg, year); err != nil {
		return graph.Workload{}, err
	}
	w, err := r.Store.Workload(ctx, ids, year)
	if err != nil {
		return graph.Workload{}, err
	}
	if year == 0 || w.Total() > 0 {
		return w, nil
	}
	years, err := r.planYears(ctx, u.Jurisdiction)
	if err != nil {
		return graph.Workload{}, err
	}
	if slices.Contains(years, year) {
		return w, nil
	}
	if len(years) == 0 {
		return graph.Workload{}, inputErrorf("%s: no plan of %s is loaded and no loaded plan of %d names %s", arg, u.Jurisdiction, year, u.Name)
	}
	return graph.Workload{}, inputErrorf("%s: no plan of %s is loaded for %d and no loaded plan of that year names %s; loaded years of %s: %s",
		arg, u.Jurisdiction, year, u.Name, u.Jurisdiction, joinYears(years))
}

// checkUnitYear applies unitWorkload's rule to a year argument of a unit's
// field, without needing the workload itself.
func (r *Resolver) checkUnitYear(ctx context.Context, arg string, u graph.Unit, year int) error {
	if year == 0 {
		return nil
	}
	_, err := r.unitWorkload(ctx, arg, u, []string{u.ID}, year)
	return err
}

// findUnit resolves a unit name (canonical or alias) in an optional
// jurisdiction argument.
func (r *Resolver) findUnit(ctx context.Context, name string, jurisdiction *string) (graph.Unit, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return graph.Unit{}, inputErrorf("unit: the name is empty")
	}
	j, err := r.resolveJurisdiction(ctx, jurisdiction)
	if err != nil {
		return graph.Unit{}, err
	}
	return r.Store.FindUnit(ctx, name, j)
}
