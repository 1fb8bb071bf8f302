package duty

import (
	"context"
	"fmt"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
)

// Continues is the task of an earlier plan of t's jurisdiction that t
// continues: of the plan of year (which must be loaded and before t's), or
// with year 0 of the nearest earlier year with a loaded plan.
func (v *View) Continues(ctx context.Context, t graph.Task, year int) ([]analysis.Link, error) {
	if err := v.CheckPlanYear(ctx, "year", year, t.Jurisdiction); err != nil {
		return nil, err
	}
	if year != 0 && year >= t.Year {
		return nil, Invalidf("year: %d is not before the task's year %d", year, t.Year)
	}
	return v.analysis().Continues(ctx, t, year)
}

// ContinuedBy is the reverse of Continues: the task of a later plan (of
// year, or the nearest later one) that continues t.
func (v *View) ContinuedBy(ctx context.Context, t graph.Task, year int) ([]analysis.Link, error) {
	if err := v.CheckPlanYear(ctx, "year", year, t.Jurisdiction); err != nil {
		return nil, err
	}
	if year != 0 && year <= t.Year {
		return nil, Invalidf("year: %d is not after the task's year %d", year, t.Year)
	}
	return v.analysis().ContinuedBy(ctx, t, year)
}

// CascadesTo lists the tasks of district plans that carry out city task t.
func (v *View) CascadesTo(ctx context.Context, t graph.Task) ([]analysis.Link, error) {
	return v.analysis().CascadesTo(ctx, t)
}

// CascadesFrom lists the tasks of the enclosing jurisdiction's plans that
// district task t carries out.
func (v *View) CascadesFrom(ctx context.Context, t graph.Task) ([]analysis.Link, error) {
	return v.analysis().CascadesFrom(ctx, t)
}

// Government is the unit standing for a jurisdiction's government in its
// city's plans (鼓楼区政府 for 南京市/鼓楼区), or nil.
func (v *View) Government(ctx context.Context, jurisdiction string) (*graph.Unit, error) {
	return v.analysis().Government(ctx, jurisdiction)
}

// Governs is the jurisdiction a district-government unit governs, or nil
// for any other unit.
func (v *View) Governs(ctx context.Context, u graph.Unit) (*graph.Jurisdiction, error) {
	if u.Kind != graph.KindDistrictGovernment {
		return nil, nil
	}
	all, err := v.Jurisdictions(ctx)
	if err != nil {
		return nil, err
	}
	for _, j := range all {
		if j.Path == u.Jurisdiction {
			return &j, nil
		}
	}
	return nil, nil
}

// UnitChange is what became of a workload change's tasks: the from-year
// tasks of the unit and everything merged into it followed to the unit's
// to-year tasks.
func (v *View) UnitChange(ctx context.Context, c Change) (analysis.UnitChange, error) {
	if c.FromYear == c.ToYear {
		return analysis.UnitChange{}, Invalidf("continued, added and dropped compare two different years; fromYear and toYear are both %d", c.FromYear)
	}
	from := []string{c.Unit.ID}
	for _, u := range c.MergedFrom {
		from = append(from, u.ID)
	}
	return v.analysis().UnitChange(ctx, from, []string{c.Unit.ID}, c.FromYear, c.ToYear)
}

// LineageQuery asks which units of a jurisdiction vanished between two
// plan years and which appeared in their stead.
type LineageQuery struct {
	Jurisdiction     string // as a user writes it; required
	FromYear, ToYear int
	Unit             *string // only suggestions in which this unit vanished or appeared
	IncludeRecorded  bool    // also successions the registry already records
	Limit            int
}

// LineageSuggestions are the first q.Limit suggested successions (see
// analysis.LineageSuggestions).
func (v *View) LineageSuggestions(ctx context.Context, q LineageQuery) ([]analysis.LineageSuggestion, error) {
	path, err := v.Jurisdiction(ctx, q.Jurisdiction)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return nil, Invalidf("jurisdiction: name the jurisdiction whose plans to compare (南京市, 鼓楼区)")
	}
	for _, y := range []struct {
		arg  string
		year int
	}{{"fromYear", q.FromYear}, {"toYear", q.ToYear}} {
		if err := v.CheckPlanYear(ctx, y.arg, y.year, path); err != nil {
			return nil, err
		}
	}
	if q.FromYear >= q.ToYear {
		return nil, Invalidf("fromYear %d is not before toYear %d: units vanish from an earlier year to a later one", q.FromYear, q.ToYear)
	}
	unitID := ""
	if q.Unit != nil {
		u, err := v.FindUnit(ctx, *q.Unit, path)
		if err != nil {
			return nil, err
		}
		unitID = u.ID
	}
	// Every suggestion of the two years is scored whichever unit and limit
	// are asked; many questions of one request on the same years (aliases)
	// share the scoring.
	key := fmt.Sprintf("LineageSuggestions %q %d %d %t", path, q.FromYear, q.ToYear, q.IncludeRecorded)
	all, err := memoized(&v.results, ctx, key, func(ctx context.Context) ([]analysis.LineageSuggestion, error) {
		return v.analysis().LineageSuggestions(ctx, path, q.FromYear, q.ToYear, q.IncludeRecorded)
	})
	if err != nil {
		return nil, err
	}
	out := []analysis.LineageSuggestion{}
	for _, s := range all {
		if len(out) == q.Limit {
			break
		}
		if unitID == "" || s.Vanished.ID == unitID || s.Appeared.ID == unitID {
			out = append(out, s)
		}
	}
	return out, nil
}
