package duty

import (
	"context"
	"errors"
	"slices"

	"github.com/dutygraph/dutygraph/graph"
)

// Workload is what unit u carries in a year (0: every year). A year in
// which u's jurisdiction has no plan and no loaded plan names u is an
// error: a zero there would say "no tasks" when the truth is "no document".
func (v *View) Workload(ctx context.Context, arg string, u graph.Unit, year int) (graph.Workload, error) {
	return v.workloadOf(ctx, arg, u, []string{u.ID}, year)
}

// workloadOf is Workload counted over ids: u with the units merged into it.
func (v *View) workloadOf(ctx context.Context, arg string, u graph.Unit, ids []string, year int) (graph.Workload, error) {
	if err := CheckYearRange(arg, year); err != nil {
		return graph.Workload{}, err
	}
	w, err := v.store.Workload(ctx, ids, year)
	if err != nil {
		return graph.Workload{}, err
	}
	for _, sc := range w.BySection {
		v.sections.expect(sc.SectionID)
	}
	if year == 0 || w.Total() > 0 {
		return w, nil
	}
	years, err := v.PlanYears(ctx, u.Jurisdiction)
	if err != nil {
		return graph.Workload{}, err
	}
	if slices.Contains(years, year) {
		return w, nil
	}
	return graph.Workload{}, &graph.NoPlanError{Arg: arg, Jurisdiction: u.Jurisdiction, Year: year, Loaded: years, Unit: u.Name}
}

// YearWorkload is one year of a unit's workload series.
type YearWorkload struct {
	Year int
	graph.Workload
	// NoPlan, when set, is Workload's error for the year: no loaded plan
	// could name the unit, so its zero counts stand for a missing document,
	// not for a unit without tasks.
	NoPlan *graph.NoPlanError
}

// WorkloadSeries is u's workload in every year a plan is loaded for (of
// any jurisdiction), oldest first: what a dashboard plots, one point per
// year whatever the unit, so that units' series line up. A year Workload
// refuses for want of a plan is a point with zero counts and the reason,
// so that a series is never an error.
func (v *View) WorkloadSeries(ctx context.Context, u graph.Unit) ([]YearWorkload, error) {
	years, err := v.PlanYears(ctx, "")
	if err != nil {
		return nil, err
	}
	series := make([]YearWorkload, 0, len(years))
	for _, year := range years {
		w, err := v.Workload(ctx, "", u, year)
		var noPlan *graph.NoPlanError
		switch {
		case errors.As(err, &noPlan):
			series = append(series, YearWorkload{Year: year, NoPlan: noPlan})
		case err != nil:
			return nil, err
		default:
			series = append(series, YearWorkload{Year: year, Workload: w})
		}
	}
	return series, nil
}

// CheckUnitYear applies Workload's rule to a year argument of a question
// about u, without needing the workload itself.
func (v *View) CheckUnitYear(ctx context.Context, arg string, u graph.Unit, year int) error {
	if year == 0 {
		return nil
	}
	_, err := v.Workload(ctx, arg, u, year)
	return err
}

// UnitTasks is one page of the tasks u takes part in (in role, when set),
// in a year (0: every year) under Workload's rule.
func (v *View) UnitTasks(ctx context.Context, u graph.Unit, role graph.Role, year int, p graph.Page) (graph.TaskPage, error) {
	if err := v.CheckUnitYear(ctx, "year", u, year); err != nil {
		return graph.TaskPage{}, err
	}
	return v.Tasks(ctx, graph.TaskFilter{UnitIDs: []string{u.ID}, Role: role, Year: year}, p)
}

// Tasks is one page of the tasks f selects, their units, sections and
// plans announced to the view so that asking for them costs one store
// call per kind.
func (v *View) Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error) {
	page, err := v.store.Tasks(ctx, f, p)
	if err != nil {
		return graph.TaskPage{}, err
	}
	v.expectTasks(page.Tasks)
	return page, nil
}

// Partners ranks the units u shares tasks with, in a year (0: every year)
// under Workload's rule, at most limit of them. Placeholders (各区政府) are
// left out, unless u is one: then its partners are what was asked for.
func (v *View) Partners(ctx context.Context, u graph.Unit, year, limit int) ([]graph.UnitPair, error) {
	if err := v.CheckUnitYear(ctx, "year", u, year); err != nil {
		return nil, err
	}
	f := graph.CoOwnershipFilter{UnitID: u.ID, Year: year, IncludeCollective: u.Kind == graph.KindPlaceholder}
	pairs, err := v.store.CoOwnership(ctx, f, limit)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		v.units.expect(p.B)
	}
	return pairs, nil
}

// Change is how a unit's workload changed between two plan years.
type Change struct {
	// Unit is the unit asked for, or the successor it was reorganised into.
	Unit graph.Unit
	// MergedFrom are the units reorganised into Unit, nearest first.
	MergedFrom       []graph.Unit
	FromYear, ToYear int
	// From counts Unit and MergedFrom in FromYear; To counts Unit in ToYear.
	From, To graph.Workload
	// Gained are the to-year sections where the unit has more tasks (by the
	// increase), Lost the from-year sections where it has fewer, sections
	// of the two years matched by title.
	Gained, Lost []graph.SectionCount
}

// WorkloadChange compares a unit's workload in two plan years, following
// reorganisations: the unit named (in jurisdiction as a user writes it, or
// everywhere with "") is followed to its latest single successor, and its
// from-year workload counts everything merged into that successor.
func (v *View) WorkloadChange(ctx context.Context, name, jurisdiction string, fromYear, toYear int) (Change, error) {
	if err := CheckYearRange("fromYear", fromYear); err != nil {
		return Change{}, err
	}
	if err := CheckYearRange("toYear", toYear); err != nil {
		return Change{}, err
	}
	if fromYear > toYear {
		return Change{}, Invalidf("fromYear %d is after toYear %d; swap them", fromYear, toYear)
	}
	asked, err := v.FindUnit(ctx, name, jurisdiction)
	if err != nil {
		return Change{}, err
	}
	unit, err := v.latestSuccessor(ctx, asked)
	if err != nil {
		return Change{}, err
	}
	predecessors, err := graph.Predecessors(ctx, &v.reads, unit.ID)
	if err != nil {
		return Change{}, err
	}
	merged, err := v.units.loadMany(ctx, predecessors)
	if err != nil {
		return Change{}, err
	}
	c := Change{Unit: unit, FromYear: fromYear, ToYear: toYear}
	for _, u := range merged {
		c.MergedFrom = append(c.MergedFrom, *u)
	}
	if c.From, err = v.workloadOf(ctx, "fromYear", unit, append([]string{unit.ID}, predecessors...), fromYear); err != nil {
		return Change{}, err
	}
	if c.To, err = v.workloadOf(ctx, "toYear", unit, []string{unit.ID}, toYear); err != nil {
		return Change{}, err
	}
	if c.Gained, c.Lost, err = v.sectionChanges(ctx, c.From.BySection, c.To.BySection); err != nil {
		return Change{}, err
	}
	return c, nil
}

// latestSuccessor follows successor links from u while each leads to a
// single unit: the work of a body reorganised into one successor is that
// successor's now. A unit split among several successors stays itself.
func (v *View) latestSuccessor(ctx context.Context, u graph.Unit) (graph.Unit, error) {
	seen := map[string]bool{u.ID: true}
	for {
		_, successors, err := v.reads.Successions(ctx, u.ID)
		if err != nil {
			return graph.Unit{}, err
		}
		if len(successors) != 1 || seen[successors[0].To] {
			return u, nil
		}
		next, err := v.units.load(ctx, successors[0].To)
		if err != nil {
			return graph.Unit{}, err
		}
		seen[next.ID] = true
		u = *next
	}
}

// sectionChanges matches the sections of two years by title and returns
// where the unit gained tasks (the to-year sections, with the increase) and
// where it lost them (the from-year sections, with the decrease).
func (v *View) sectionChanges(ctx context.Context, from, to []graph.SectionCount) (gained, lost []graph.SectionCount, err error) {
	fromByTitle, fromOrder, err := v.countsByTitle(ctx, from)
	if err != nil {
		return nil, nil, err
	}
	toByTitle, toOrder, err := v.countsByTitle(ctx, to)
	if err != nil {
		return nil, nil, err
	}
	for _, title := range toOrder {
		if c := difference(toByTitle[title], fromByTitle[title]); c.Lead+c.Cooperate > 0 {
			gained = append(gained, c)
		}
	}
	for _, title := range fromOrder {
		if c := difference(fromByTitle[title], toByTitle[title]); c.Lead+c.Cooperate > 0 {
			lost = append(lost, c)
		}
	}
	return gained, lost, nil
}

// countsByTitle sums counts per section title (a unit spread over two plans
// of one year can meet the same title twice), keeping the first section of
// each title to stand for it, and the titles in order.
func (v *View) countsByTitle(ctx context.Context, counts []graph.SectionCount) (map[string]graph.SectionCount, []string, error) {
	ids := make([]string, len(counts))
	for i, c := range counts {
		ids[i] = c.SectionID
	}
	sections, err := v.sections.loadMany(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	byTitle := map[string]graph.SectionCount{}
	var order []string
	for i, c := range counts {
		title := sections[i].Title
		sum, ok := byTitle[title]
		if !ok {
			order = append(order, title)
			sum.SectionID = c.SectionID
		}
		sum.Lead += c.Lead
		sum.Cooperate += c.Cooperate
		byTitle[title] = sum
	}
	return byTitle, order, nil
}

// difference is a − b, standing for a's section.
func difference(a, b graph.SectionCount) graph.SectionCount {
	return graph.SectionCount{SectionID: a.SectionID, Lead: a.Lead - b.Lead, Cooperate: a.Cooperate - b.Cooperate}
}
