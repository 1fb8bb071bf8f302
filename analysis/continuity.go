package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/dutygraph/dutygraph/graph"
)

// ContinuityThreshold is the least similarity at which a task is taken to
// continue a task of another year.
//
// Chosen on testdata/continuity-labels.tsv: 82 task pairs of the seeds
// (南京市 2021→2026, 鼓楼区 2025→2026) labelled same/different by reading
// both texts, 65 continuations and 17 hard negatives (pairs sharing words but
// not work, such as 国企改革三年行动 and 长江大保护三年行动). Scored on the
// links Match makes (TestContinuityLabels): at 0.20 precision 0.97 and
// recall 0.94; 0.25 keeps precision at 0.96 but drops recall to 0.85, 0.30
// to 0.60; 0.15 finds one continuation more and one false link more. The
// labelled pairs were drawn from the better-scoring candidates, so the
// weakest links were read too: of the 39 links the seeds give between 0.20
// and 0.28, 35 are continuations (the others pair neighbouring topics, e.g.
// 2021 task 86 on medical services with 2026 task 148 on child care).
// Five years apart the city's tasks are reworded more than the district's
// from one year to the next, so the threshold sits low and the one-to-one
// matching keeps weak rivals out.
const ContinuityThreshold = 0.20

// Link is a task related to another one, with their similarity (0–1).
type Link struct {
	Task  graph.Task
	Score float64
}

// Pair is a task of an earlier plan and the later task continuing it.
type Pair struct {
	From, To graph.Task
	Score    float64
}

// Match links the tasks of two plans one-to-one: every pair scoring at
// least threshold is considered from the highest score down, and a pair is
// kept when neither task is linked yet (greedy matching; ties go to the
// lower from-task number, then the lower to-task number, so the result is
// the same on every run). A task therefore continues at most one task and is
// continued by at most one: a plan that splits one task into two links the
// closer half and counts the other as added, which keeps the counts
// continued + added = to-year tasks and continued + dropped = from-year
// tasks exact. Greedy is within a factor of two of the best total score and,
// unlike an optimal assignment, never trades a clear pair away to gain two
// weak ones. Pairs are ordered by the to-task's position in to.
func Match(from, to []graph.Task, sim *Similarity, threshold float64) []Pair {
	type candidate struct {
		i, j  int
		score float64
	}
	var candidates []candidate
	for i := range from {
		for j := range to {
			if s := sim.At(i, j); s >= threshold {
				candidates = append(candidates, candidate{i, j, s})
			}
		}
	}
	slices.SortFunc(candidates, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	fromUsed := make([]bool, len(from))
	toPair := make([]int, len(to))
	for j := range toPair {
		toPair[j] = -1
	}
	var kept []candidate
	for _, c := range candidates {
		if fromUsed[c.i] || toPair[c.j] >= 0 {
			continue
		}
		fromUsed[c.i] = true
		toPair[c.j] = len(kept)
		kept = append(kept, c)
	}
	pairs := make([]Pair, 0, len(kept))
	for j, k := range toPair {
		if k >= 0 {
			c := kept[k]
			pairs = append(pairs, Pair{From: from[c.i], To: to[j], Score: c.score})
		}
	}
	return pairs
}

// Continuity links the tasks of a jurisdiction's plans of fromYear to those
// of toYear (see Match), both years' plans being loaded.
func (an *Analyzer) Continuity(ctx context.Context, jurisdiction string, fromYear, toYear int) ([]Pair, error) {
	c, err := an.compareYears(ctx, "continuity", jurisdiction, fromYear, toYear)
	if err != nil {
		return nil, err
	}
	return c.continuity(), nil
}

// compareYears compares a jurisdiction's plans of two years for what
// (continuity, lineage), after checking that fromYear is the earlier and
// that both years' plans are loaded.
func (an *Analyzer) compareYears(ctx context.Context, what, jurisdiction string, fromYear, toYear int) (*comparison, error) {
	if fromYear >= toYear {
		return nil, fmt.Errorf("%s from %d to %d: the from-year must be the earlier: %w", what, fromYear, toYear, graph.ErrInvalid)
	}
	for _, year := range []int{fromYear, toYear} {
		if err := an.requirePlan(ctx, jurisdiction, year); err != nil {
			return nil, err
		}
	}
	return an.compare(ctx, jurisdiction, fromYear, jurisdiction, toYear)
}

// Continues is the task of an earlier plan of t's jurisdiction that t
// continues: of the plan of year, or with year 0 of the nearest earlier
// year with a loaded plan. It is empty when t continues none (or no earlier
// plan is loaded), and holds one link at most.
func (an *Analyzer) Continues(ctx context.Context, t graph.Task, year int) ([]Link, error) {
	if year != 0 && year >= t.Year {
		return nil, fmt.Errorf("year %d is not before the task's year %d: %w", year, t.Year, graph.ErrInvalid)
	}
	other, err := an.otherYear(ctx, t, year, -1)
	if err != nil || other == 0 {
		return nil, err
	}
	pairs, err := an.Continuity(ctx, t.Jurisdiction, other, t.Year)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if p.To.ID == t.ID {
			return []Link{{Task: p.From, Score: p.Score}}, nil
		}
	}
	return []Link{}, nil
}

// ContinuedBy is the reverse of Continues: the task of a later plan (of
// year, or the nearest later one) that continues t.
func (an *Analyzer) ContinuedBy(ctx context.Context, t graph.Task, year int) ([]Link, error) {
	if year != 0 && year <= t.Year {
		return nil, fmt.Errorf("year %d is not after the task's year %d: %w", year, t.Year, graph.ErrInvalid)
	}
	other, err := an.otherYear(ctx, t, year, +1)
	if err != nil || other == 0 {
		return nil, err
	}
	pairs, err := an.Continuity(ctx, t.Jurisdiction, t.Year, other)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if p.From.ID == t.ID {
			return []Link{{Task: p.To, Score: p.Score}}, nil
		}
	}
	return []Link{}, nil
}

// otherYear is year when given (failing when no plan of t's jurisdiction is
// loaded for it), else the loaded plan year nearest to t's in direction
// (−1 earlier, +1 later), or 0 when there is none.
func (an *Analyzer) otherYear(ctx context.Context, t graph.Task, year, direction int) (int, error) {
	if year != 0 {
		return year, an.requirePlan(ctx, t.Jurisdiction, year)
	}
	years, err := an.planYears(ctx, t.Jurisdiction)
	if err != nil {
		return 0, err
	}
	nearest := 0
	for _, y := range years {
		if (direction < 0 && y < t.Year) || (direction > 0 && y > t.Year && nearest == 0) {
			nearest = y
		}
	}
	return nearest, nil
}

// UnitChange is what became of a unit's tasks between two years.
// Continued pairs a from-year task with the to-year task continuing it
// when the unit takes part in both; Added are its to-year tasks that
// continue none of its from-year tasks, Dropped its from-year tasks that no
// to-year task of it continues. Because continuity is one-to-one,
// len(Continued)+len(Added) is the unit's to-year task count and
// len(Continued)+len(Dropped) its from-year count.
type UnitChange struct {
	Continued []Pair
	Added     []graph.Task
	Dropped   []graph.Task
}

// UnitChange follows the tasks of fromUnits (a unit with its predecessors)
// in fromYear to the tasks of toUnits in toYear. Tasks are matched within
// each jurisdiction whose plans of both years are loaded (a district
// government's tasks lie in the city's plans and in its own); a task of a
// jurisdiction with no plan of the other year is added or dropped.
func (an *Analyzer) UnitChange(ctx context.Context, fromUnits, toUnits []string, fromYear, toYear int) (UnitChange, error) {
	if fromYear >= toYear {
		return UnitChange{}, fmt.Errorf("unit change from %d to %d: the from-year must be the earlier: %w", fromYear, toYear, graph.ErrInvalid)
	}
	from, err := an.unitTasks(ctx, fromUnits, fromYear)
	if err != nil {
		return UnitChange{}, err
	}
	to, err := an.unitTasks(ctx, toUnits, toYear)
	if err != nil {
		return UnitChange{}, err
	}
	fromIDs, toIDs := taskIndex(from), taskIndex(to)
	continuedFrom, continuedTo := map[string]bool{}, map[string]bool{}
	var change UnitChange
	for _, jurisdiction := range jurisdictionsOf(from, to) {
		years, err := an.planYears(ctx, jurisdiction)
		if err != nil {
			return UnitChange{}, err
		}
		if !slices.Contains(years, fromYear) || !slices.Contains(years, toYear) {
			continue
		}
		pairs, err := an.Continuity(ctx, jurisdiction, fromYear, toYear)
		if err != nil {
			return UnitChange{}, err
		}
		for _, p := range pairs {
			_, inFrom := fromIDs[p.From.ID]
			_, inTo := toIDs[p.To.ID]
			if inFrom && inTo {
				change.Continued = append(change.Continued, p)
				continuedFrom[p.From.ID], continuedTo[p.To.ID] = true, true
			}
		}
	}
	for _, t := range to {
		if !continuedTo[t.ID] {
			change.Added = append(change.Added, t)
		}
	}
	for _, t := range from {
		if !continuedFrom[t.ID] {
			change.Dropped = append(change.Dropped, t)
		}
	}
	return change, nil
}

// unitTasks reads the distinct tasks any of units takes part in, in year.
func (an *Analyzer) unitTasks(ctx context.Context, units []string, year int) ([]graph.Task, error) {
	page, err := an.store.Tasks(ctx, graph.TaskFilter{UnitIDs: units, Year: year}, graph.Page{})
	if err != nil {
		return nil, fmt.Errorf("tasks of %v in %d: %w", units, year, err)
	}
	return page.Tasks, nil
}

// jurisdictionsOf lists the jurisdictions of the tasks, sorted.
func jurisdictionsOf(lists ...[]graph.Task) []string {
	var out []string
	for _, list := range lists {
		for _, t := range list {
			if !slices.Contains(out, t.Jurisdiction) {
				out = append(out, t.Jurisdiction)
			}
		}
	}
	slices.Sort(out)
	return out
}
